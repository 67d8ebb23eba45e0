"""App Service apps (``azure-native:web:WebApp``) as the live scanner has them: `TlsListener`s for the
HTTP and HTTPS endpoints and a `WebApp` for the FTP and remote-debugging endpoints and its managed identity
(``identity.type``; left out, the app has none).

azure-native carries the site configuration inline (``siteConfig``); what a program leaves out is
what Azure sets on create: TLS 1.2 minimum, remote debugging off, ``httpsOnly`` off. The FTP default
is not stated reliably enough to judge, so a missing ``ftpsState`` is unknown.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from hitrust_policies.model import TlsListener, Unknown, WebApp
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.pulumi.azure import arm
from hitrust_policies.sources.pulumi.props import to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

WEB_APP = "azure-native:web:WebApp"


def _ftps_state(value: Any) -> Any:
    if value is None:
        return Unknown("siteConfig.ftpsState not set: Azure's default for a new app is not stated in the program")
    return value


@pulumi_adapter(WEB_APP, produces=(TlsListener, WebApp))
def web_app(res: PulumiResource, stack: Stack) -> Iterator[TlsListener | WebApp]:
    ref = arm.ref(res, "name")
    min_tls = az.app_service_min_tls_on_create(res.props.get("siteConfig.minTlsVersion"))
    yield TlsListener(ref=replace(ref, part="http"), protocol="HTTP", min_tls_version=None,
                      plaintext_routes=az.app_service_http_routes(to_bool(res.props.get("httpsOnly"), False)))
    yield TlsListener(ref=replace(ref, part="https"), protocol="HTTPS",
                      min_tls_version=min_tls if isinstance(min_tls, Unknown) else str(min_tls), plaintext_routes=())
    ftps_state = _ftps_state(res.props.get("siteConfig.ftpsState"))
    yield WebApp(ref=ref, ftp_plaintext=az.app_service_ftp_plaintext(ftps_state),
                 remote_debugging=to_bool(res.props.get("siteConfig.remoteDebuggingEnabled"), False),
                 managed_identity=az.has_managed_identity(res.props.get("identity.type")))
