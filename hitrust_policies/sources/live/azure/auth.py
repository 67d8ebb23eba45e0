"""Credentials and the HTTP pipeline every Azure client of the scanner shares.

``--auth`` picks the azure-identity credential (imported only here, only when a scan starts):
``default`` (environment, workload identity, managed identity, Azure CLI... in azure-identity's
order), ``cli`` (the signed-in ``az``), ``env`` (service principal from AZURE_* variables),
``managed-identity`` (the VM / container identity), or ``token`` (a bearer token in
AZURE_ACCESS_TOKEN, e.g. from ``az account get-access-token``).

The pipeline is built here rather than taken from the SDK clients' defaults, for two reasons:
the SDK's ARMAutoResourceProviderRegistrationPolicy would *POST a provider registration* on a
409, and its retry policy does not retry POSTs, while a Resource Graph query is a POST that only
reads. `ReadOnlyPolicy` refuses, before it leaves the process, any request that is not a GET or
the Resource Graph query.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from hitrust_policies.sources.live.azure.clouds import Cloud

AUTH_MODES = ("default", "cli", "env", "managed-identity", "token")
GRAPH_PATH = "/providers/microsoft.resourcegraph/resources"
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class AuthConfigError(ValueError):
    """The chosen credential cannot be built (missing variable, unknown mode)."""


class ReadOnlyViolation(RuntimeError):
    """Code tried to send a request that could change the tenant."""


class StaticToken:
    """A TokenCredential over a bearer token obtained elsewhere (``az account get-access-token``)."""

    def __init__(self, token: str, expires_on: int | None = None) -> None:
        self._token = token
        self._expires_on = expires_on or int(time.time()) + 3600

    def get_token(self, *scopes: str, **kwargs: Any) -> Any:
        from azure.core.credentials import AccessToken

        return AccessToken(self._token, self._expires_on)


def make_credential(mode: str, cloud: Cloud, env: Mapping[str, str] | None = None) -> Any:
    """The credential for ``--auth MODE`` in ``cloud`` (its authority host for Entra ID sign-in)."""
    env = os.environ if env is None else env
    if mode == "token":
        token = env.get("AZURE_ACCESS_TOKEN")
        if not token:
            raise AuthConfigError("--auth token needs AZURE_ACCESS_TOKEN (az account get-access-token "
                                  "--query accessToken -o tsv)")
        return StaticToken(token)
    from azure import identity

    if mode == "default":
        return identity.DefaultAzureCredential(authority=cloud.authority_host)
    if mode == "cli":
        return identity.AzureCliCredential()
    if mode == "env":
        return identity.EnvironmentCredential(authority=cloud.authority_host)
    if mode == "managed-identity":
        return identity.ManagedIdentityCredential(client_id=env.get("AZURE_CLIENT_ID"))
    raise AuthConfigError(f"unknown --auth {mode!r}; one of {', '.join(AUTH_MODES)}")


def is_loopback_http(endpoint: str) -> bool:
    """
    >>> is_loopback_http("http://127.0.0.1:8080"), is_loopback_http("https://management.azure.com")
    (True, False)
    """
    parts = urlsplit(endpoint)
    return parts.scheme == "http" and (parts.hostname or "") in _LOOPBACK


def pipeline_policies(credential: Any, cloud: Cloud, *, max_attempts: int, backoff: float) -> list[Any]:
    """The policy list handed to every client (ResourceGraph, Subscription, plain ARM GETs)."""
    from azure.core.pipeline import policies
    from azure.mgmt.core.policies import ARMChallengeAuthenticationPolicy, ARMHttpLoggingPolicy

    read_only, read_retry, loopback_bearer = _policy_classes()
    parts = urlsplit(cloud.arm_endpoint)
    if parts.scheme != "https" and not is_loopback_http(cloud.arm_endpoint):
        raise AuthConfigError(f"ARM endpoint {cloud.arm_endpoint} is not https: tokens are only sent over TLS")
    if is_loopback_http(cloud.arm_endpoint):
        auth: Any = loopback_bearer(credential, cloud.scope)  # a local fake or proxy
    else:
        auth = ARMChallengeAuthenticationPolicy(credential, cloud.scope)
    return [
        policies.RequestIdPolicy(),
        policies.HeadersPolicy(),
        policies.UserAgentPolicy(user_agent="hitrust-policies"),
        policies.ProxyPolicy(),
        policies.ContentDecodePolicy(),
        read_only(),
        policies.RedirectPolicy(),
        read_retry(retry_total=max(max_attempts - 1, 0), retry_backoff_factor=backoff,
                        retry_backoff_max=60),
        auth,
        policies.NetworkTraceLoggingPolicy(),
        ARMHttpLoggingPolicy(),
    ]


@cache
def _policy_classes() -> tuple[type, type, type]:
    """The pipeline policies, defined on first use so importing this module needs no Azure SDK."""
    from azure.core.pipeline.policies import RetryPolicy, SansIOHTTPPolicy

    class ReadOnlyPolicy(SansIOHTTPPolicy):  # type: ignore[misc]
        """Let through GETs and the Resource Graph query POST; refuse everything else unsent."""

        def on_request(self, request: Any) -> None:
            http = request.http_request
            method = http.method.upper()
            path = urlsplit(http.url).path.lower().rstrip("/")
            if method == "GET" or (method == "POST" and path == GRAPH_PATH):
                return
            raise ReadOnlyViolation(f"refused {method} {path}: the scanner only reads")

    class ReadRetryPolicy(RetryPolicy):  # type: ignore[misc]
        """azure-core's retries (429 / 5xx / connection errors, Retry-After honoured), POST included:
        the only POST the scanner sends is a Resource Graph query, which reads."""

        def configure_retries(self, options: dict[str, Any]) -> dict[str, Any]:
            settings = super().configure_retries(options)
            settings["methods"] = frozenset(settings["methods"]) | {"POST"}
            return settings

    class LoopbackBearerPolicy(SansIOHTTPPolicy):  # type: ignore[misc]
        """Bearer auth to a loopback http endpoint (azure-core's policy refuses any non-TLS URL)."""

        def __init__(self, credential: Any, scope: str) -> None:
            super().__init__()
            self._credential = credential
            self._scope = scope

        def on_request(self, request: Any) -> None:
            if not is_loopback_http(request.http_request.url):
                raise ReadOnlyViolation(f"refusing to send a token over plain http to {request.http_request.url}")
            token = self._credential.get_token(self._scope)
            request.http_request.headers["Authorization"] = f"Bearer {token.token}"

    return ReadOnlyPolicy, ReadRetryPolicy, LoopbackBearerPolicy
