"""Where App Service web and function apps become `TlsListener`s (their HTTP and HTTPS endpoints) and
`WebApp`s (their FTP deployment and remote-debugging endpoints, and the managed identity they call other
services with).

Resource Graph carries ``httpsOnly`` and the app's ``identity`` but not the site configuration (minimum
TLS version, FTPS state, remote debugging): one ARM read of ``config/web`` per app gives those; a failed
read makes exactly the facts it would have shown Unknown.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import TlsListener, Unknown, WebApp
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import ArmRead, Ctx, family, prop

SITE_CONFIG = ArmRead("site-config", "/config/web", "2023-12-01", "Microsoft.Web/sites/config/read")


def _config(document: Any, name: str) -> Any:
    if isinstance(document, Unknown):
        return document
    value = prop(document, "properties", name)
    return value if value is not None else Unknown(f"{name} not in the site configuration")


@family(
    "web-apps",
    types=("microsoft.web/sites",),
    kinds=(TlsListener, WebApp),
    permissions=("Microsoft.Web/sites/read",),
    reads=(SITE_CONFIG,),
)
def web_apps(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[TlsListener | WebApp]:
    """Web and function apps alike (Azure Policy has a twin definition for function apps)."""

    def one(row: dict[str, Any]) -> list[TlsListener | WebApp]:
        config = ctx.read(SITE_CONFIG, row["id"])
        min_tls = _config(config, "minTlsVersion")
        debugging = _config(config, "remoteDebuggingEnabled")
        return [
            TlsListener(ref=ctx.ref(row, part="http"), protocol="HTTP", min_tls_version=None,
                        plaintext_routes=az.app_service_http_routes(prop(row, "properties", "httpsOnly"))),
            TlsListener(ref=ctx.ref(row, part="https"), protocol="HTTPS",
                        min_tls_version=min_tls if isinstance(min_tls, Unknown) else str(min_tls),
                        plaintext_routes=()),
            WebApp(ref=ctx.ref(row),
                   ftp_plaintext=az.app_service_ftp_plaintext(
                       config if isinstance(config, Unknown) else prop(config, "properties", "ftpsState")),
                   remote_debugging=debugging if isinstance(debugging, Unknown) else debugging is True,
                   managed_identity=az.has_managed_identity(prop(row, "identity", "type"))),
        ]

    for items in ctx.fan_out(one, rows):
        yield from items
