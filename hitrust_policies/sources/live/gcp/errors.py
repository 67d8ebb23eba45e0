"""Turn a failed Cloud Asset call into the reason an `Unknown` or a coverage gap carries.

Reasons read like the AWS and Azure scanners' (``AccessDenied: <call>``, ``Throttled (retries
exhausted): <call>``, ``Unreachable (...): <call>``), so reports and SIEM rules treat every cloud alike;
the call is the IAM permission the request needed (``cloudasset.assets.listResource``).
"""

from __future__ import annotations

DENIED_STATUS = {401, 403}  # UNAUTHENTICATED, PERMISSION_DENIED
THROTTLED_STATUS = {429}  # RESOURCE_EXHAUSTED: quota or rate limit
RETRYABLE_STATUS = {429, 500, 502, 503, 504}
UNREACHABLE = {"ConnectionError", "ConnectTimeout", "ReadTimeout", "Timeout", "ServiceUnavailable",
               "RetryError", "TransportError"}


def status_of(exc: BaseException) -> int | None:
    """The HTTP status of a google-api-core error (its ``code``), if any."""
    code = getattr(exc, "code", None)
    return code if isinstance(code, int) else None


def is_retryable(exc: BaseException) -> bool:
    """Throttling, server errors and dropped connections are worth another try; denials are not."""
    status = status_of(exc)
    if status is not None:
        return status in RETRYABLE_STATUS
    return type(exc).__name__ in UNREACHABLE


def describe_failure(exc: BaseException, operation: str) -> str:
    """A short, stable reason naming what failed and the call.

    >>> class PermissionDenied(Exception):  # what google-api-core raises for a 403, its ``code``
    ...     code = 403
    >>> describe_failure(PermissionDenied("no"), "cloudasset.assets.listResource")
    'AccessDenied: cloudasset.assets.listResource'
    >>> class TooManyRequests(Exception):
    ...     code = 429
    >>> describe_failure(TooManyRequests("quota"), "cloudasset.assets.listResource")
    'Throttled (retries exhausted): cloudasset.assets.listResource'
    """
    status = status_of(exc)
    if status in DENIED_STATUS:
        return f"AccessDenied: {operation}"
    if status in THROTTLED_STATUS or type(exc).__name__ == "ResourceExhausted":
        return f"Throttled (retries exhausted): {operation}"
    name = type(exc).__name__
    if status is None and name in UNREACHABLE:
        return f"Unreachable ({name}): {operation}"
    if status:
        return f"{name} (HTTP {status}): {operation}"
    return f"{name}: {operation}: {str(exc)[:200]}"
