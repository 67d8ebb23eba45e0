"""Credentials, endpoint and the read-only HTTP session of the Cloud Asset client.

Credentials are Application Default Credentials (``gcloud auth application-default login``, a
service-account key in GOOGLE_APPLICATION_CREDENTIALS, workload identity, the metadata server...),
or an OAuth access token read from a file (``gcloud auth print-access-token > token``), as gcloud's
``--access-token-file`` does. google-auth is imported only here, only when a scan starts.

The endpoint is Cloud Asset's public one unless ``--api-endpoint`` names another (a Private Service
Connect endpoint such as ``cloudasset-myendpoint.p.googleapis.com``); tokens go over TLS only, except
to a loopback address (a local fake). Every request the client sends passes `ReadOnlyAdapter`, which
refuses anything but a GET of an asset listing before it leaves the process.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DEFAULT_ENDPOINT = "cloudasset.googleapis.com"
SCOPES = ("https://www.googleapis.com/auth/cloud-platform",)
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
LIST_PATH = re.compile(r"^/v1/(projects|folders|organizations)/[^/]+/assets$")


class AuthConfigError(ValueError):
    """The credential or endpoint cannot be used (no ADC, unreadable token file, plain-http endpoint)."""


class ReadOnlyViolation(RuntimeError):
    """Code tried to send a request that is not an asset listing."""


def credentials(access_token_file: str | Path | None = None) -> Any:
    """An access token from a file, else Application Default Credentials."""
    if access_token_file:
        try:
            token = Path(access_token_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise AuthConfigError(f"cannot read the access token file {access_token_file}: {exc}") from None
        if not token:
            raise AuthConfigError(f"the access token file {access_token_file} is empty")
        from google.oauth2.credentials import Credentials

        return Credentials(token=token)
    import google.auth
    from google.auth.exceptions import DefaultCredentialsError

    try:
        creds, _ = google.auth.default(scopes=list(SCOPES))
    except DefaultCredentialsError as exc:
        raise AuthConfigError(f"no Application Default Credentials ({exc}); run `gcloud auth "
                              "application-default login`, or give --access-token-file") from None
    return creds


def is_loopback_http(endpoint: str) -> bool:
    """
    >>> is_loopback_http("http://127.0.0.1:8080"), is_loopback_http("cloudasset.googleapis.com")
    (True, False)
    """
    parts = urlsplit(endpoint)
    return parts.scheme == "http" and (parts.hostname or "") in _LOOPBACK


def endpoint(api_endpoint: str | None) -> str:
    """The ``api_endpoint`` client option: a host (https), an https URL, or http only on loopback.

    >>> endpoint(None), endpoint("cloudasset-phi.p.googleapis.com"), endpoint("http://127.0.0.1:9")
    ('cloudasset.googleapis.com', 'cloudasset-phi.p.googleapis.com', 'http://127.0.0.1:9')
    """
    value = (api_endpoint or DEFAULT_ENDPOINT).strip().rstrip("/")
    if "://" in value and not value.startswith("https://") and not is_loopback_http(value):
        raise AuthConfigError(f"API endpoint {value} is not https: tokens are only sent over TLS")
    return value


def check_request(method: str, url: str) -> None:
    """Let through a GET of ``/v1/{projects|folders|organizations}/ID/assets``; refuse anything else.

    >>> check_request("GET", "https://cloudasset.googleapis.com/v1/projects/p/assets?contentType=1")
    >>> try:
    ...     check_request("POST", "https://cloudasset.googleapis.com/v1/projects/p:exportAssets")
    ... except ReadOnlyViolation as exc:
    ...     print(exc)
    refused POST /v1/projects/p:exportAssets: the scanner only lists assets
    """
    path = urlsplit(url).path
    if method.upper() != "GET" or not LIST_PATH.match(path):
        raise ReadOnlyViolation(f"refused {method.upper()} {path}: the scanner only lists assets")


@cache
def read_only_adapter() -> type:
    """A requests adapter that checks every request with `check_request` before sending it."""
    from requests.adapters import HTTPAdapter

    class ReadOnlyAdapter(HTTPAdapter):  # type: ignore[misc]
        def send(self, request: Any, *args: Any, **kwargs: Any) -> Any:
            check_request(request.method or "", request.url or "")
            return super().send(request, *args, **kwargs)

    return ReadOnlyAdapter


def asset_sdk() -> Any:
    """google-cloud-asset's ``asset_v1`` (ImportError without the gcp extra), imported without the
    Python-version FutureWarnings google-api-core prints on import."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        from google.cloud import asset_v1

    return asset_v1


def asset_client(creds: Any, api_endpoint: str | None) -> Any:
    """The real google-cloud-asset client over REST, on a read-only session."""
    asset_v1 = asset_sdk()  # first: it imports google-api-core quietly
    from google.api_core.client_options import ClientOptions
    target = endpoint(api_endpoint)
    client = asset_v1.AssetServiceClient(credentials=creds, transport="rest",
                                         client_options=ClientOptions(api_endpoint=target))
    session = getattr(client._transport, "_session", None)
    if session is None or not hasattr(session, "mount"):
        raise RuntimeError("google-cloud-asset's REST transport has no requests session to guard")
    adapter = read_only_adapter()()
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return client
