"""Turn a failed Azure call into the reason an `Unknown` or a coverage gap carries.

Reasons read like the AWS scanner's (``AccessDenied: <call>``, ``Throttled (retries exhausted):
<call>``, ``Unreachable (...): <call>``) so reports and SIEM rules treat both clouds alike.
"""

from __future__ import annotations

DENIED_CODES = {"AuthorizationFailed", "Forbidden", "InvalidAuthenticationToken", "AuthenticationFailed",
                "LinkedAuthorizationFailed", "ExpiredAuthenticationToken"}
THROTTLED_CODES = {"TooManyRequests", "RateLimiting", "SubscriptionRequestsThrottled",
                   "TenantRequestsThrottled", "ResourceRequestsThrottled"}
UNREACHABLE = {"ServiceRequestError", "ServiceRequestTimeoutError", "ServiceResponseError",
               "ServiceResponseTimeoutError", "ConnectionError", "ConnectTimeout"}


def error_code(exc: BaseException) -> str | None:
    """ARM's ``error.code`` of an azure-core HttpResponseError, if any."""
    error = getattr(exc, "error", None)
    code = getattr(error, "code", None)
    return str(code) if code else None


def describe_failure(exc: BaseException, operation: str) -> str:
    """A short, stable reason naming what failed and the call.

    >>> class Denied(Exception):  # what azure-core's HttpResponseError carries
    ...     status_code = 403
    >>> describe_failure(Denied(), "Microsoft.Sql/servers/read")
    'AccessDenied: Microsoft.Sql/servers/read'
    """
    status = getattr(exc, "status_code", None)
    code = error_code(exc)
    if status in (401, 403) or code in DENIED_CODES:
        return f"AccessDenied: {operation}"
    if status == 429 or code in THROTTLED_CODES:
        return f"Throttled (retries exhausted): {operation}"
    name = type(exc).__name__
    if name in UNREACHABLE:
        return f"Unreachable ({name}): {operation}"
    if status:
        return f"{code or 'HTTP ' + str(status)}: {operation}"
    return f"{name}: {operation}: {str(exc)[:200]}"
