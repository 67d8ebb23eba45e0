"""azurerm App Service and Function apps as the live scanner and azure-native have them: `TlsListener`s for the
HTTP and HTTPS endpoints and a `WebApp` for the FTP and remote-debugging endpoints and its managed identity.

Spellings: the v3.x+ resources (``azurerm_linux_web_app``, ``azurerm_windows_web_app``,
``azurerm_linux_function_app``, ``azurerm_windows_function_app``, the only ones in v4) carry a ``site_config``
block with ``minimum_tls_version`` (ARM ``siteConfig.minTlsVersion``), ``ftps_state`` and
``remote_debugging_enabled``; v3's retired ``azurerm_app_service`` / ``azurerm_function_app`` spell the first
``min_tls_version`` and the function app has no remote-debugging switch (Azure's create default, off, holds).
``https_only`` is ARM ``httpsOnly``; an ``identity`` block's ``type`` is ARM ``identity.type``.

Unlike an azure-native program, a plan carries what the provider sends for what the configuration leaves out:
the v3.x+ resources default ``ftps_state`` to ``Disabled`` and ``minimum_tls_version`` to ``1.2``; on the
retired ones both are computed by Azure and only known after apply.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from hitrust_policies.model import TlsListener, Unknown, WebApp
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.terraform.azurerm import Plan, Planned, azurerm_adapter

APPS = ("azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_function_app",
        "azurerm_windows_function_app")
RETIRED_APPS = ("azurerm_app_service", "azurerm_function_app")  # provider v3 only


def _site(app: Planned, name: str) -> Any:
    """A ``site_config`` attribute; None when the block or the attribute is not there."""
    site = app.block("site_config")
    return site if isinstance(site, Unknown) else (site or {}).get(name)


def _identity_type(app: Planned) -> Any:
    identity = app.block("identity")
    return identity if isinstance(identity, Unknown) else (identity or {}).get("type")


def _remote_debugging(app: Planned) -> Any:
    value = _site(app, "remote_debugging_enabled")
    return value if isinstance(value, Unknown) else value is True


@azurerm_adapter(*APPS, *RETIRED_APPS, produces=(TlsListener, WebApp))
def web_app(app: Planned, plan: Plan) -> Iterator[TlsListener | WebApp]:
    ref = app.ref()
    tls = _site(app, "min_tls_version" if app.res.type in RETIRED_APPS else "minimum_tls_version")
    min_tls = tls if isinstance(tls, Unknown) else az.app_service_min_tls_on_create(tls)
    yield TlsListener(ref=replace(ref, part="http"), protocol="HTTP", min_tls_version=None,
                      plaintext_routes=az.app_service_http_routes(app.get("https_only")))
    yield TlsListener(ref=replace(ref, part="https"), protocol="HTTPS",
                      min_tls_version=min_tls if isinstance(min_tls, Unknown) else str(min_tls), plaintext_routes=())
    yield WebApp(ref=ref, ftp_plaintext=az.app_service_ftp_plaintext(_site(app, "ftps_state")),
                 remote_debugging=_remote_debugging(app),
                 managed_identity=az.has_managed_identity(_identity_type(app)))
