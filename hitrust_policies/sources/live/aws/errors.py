"""Turn a failed AWS call into the reason an `Unknown` or a coverage gap carries."""

from __future__ import annotations

DENIED = {
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "AuthorizationError",
    "UnrecognizedClientException",
    "InvalidClientTokenId",
    "OptInRequired",
}
THROTTLED = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestLimitExceeded",
    "TooManyRequestsException",
    "SlowDown",
    "RequestThrottled",
    "RequestThrottledException",
}


def error_code(exc: BaseException) -> str | None:
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        return response.get("Error", {}).get("Code")
    return None


def describe_failure(exc: BaseException, operation: str) -> str:
    """A short, stable reason naming what failed and the call, for findings and coverage.

    >>> from botocore.exceptions import ClientError
    >>> err = ClientError({"Error": {"Code": "AccessDenied", "Message": "no"}}, "DescribeVolumes")
    >>> describe_failure(err, "ec2:DescribeVolumes")
    'AccessDenied: ec2:DescribeVolumes'
    """
    code = error_code(exc)
    if code in DENIED:
        return f"AccessDenied: {operation}"
    if code in THROTTLED:
        return f"Throttled (retries exhausted): {operation}"
    if code:
        return f"{code}: {operation}"
    name = type(exc).__name__
    if name in {"EndpointConnectionError", "ConnectTimeoutError", "ReadTimeoutError", "ConnectionClosedError"}:
        return f"Unreachable ({name}): {operation}"
    return f"{name}: {operation}: {exc}"
