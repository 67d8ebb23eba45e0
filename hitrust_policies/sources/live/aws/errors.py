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
# The codes botocore's standard retry mode treats as throttling (botocore.retries.standard), so "retries
# exhausted" is said of exactly the errors that were retried: Kinesis answers LimitExceededException,
# DynamoDB ProvisionedThroughputExceededException, Route 53 PriorRequestNotComplete.
THROTTLED = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestLimitExceeded",
    "TooManyRequestsException",
    "SlowDown",
    "RequestThrottled",
    "RequestThrottledException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
}


# When botocore cannot parse an error body (an HTML page from a proxy, a body in another protocol's
# format) it reports the HTTP status as the code; these statuses still say what happened.
HTTP_STATUS = {"403": "AccessDenied", "429": "Throttling"}


def error_code(exc: BaseException) -> str | None:
    """The service's error code, or what the bare HTTP status means when there is no parsable code.

    >>> from botocore.exceptions import ClientError
    >>> error_code(ClientError({"Error": {"Code": "403", "Message": "<html>"}}, "GetKeyRotationStatus"))
    'AccessDenied'
    """
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        code = response.get("Error", {}).get("Code")
        return HTTP_STATUS.get(code, code)
    return None


def describe_failure(exc: BaseException, operation: str) -> str:
    """A short, stable reason naming what failed and the call, for findings and coverage.

    >>> from botocore.exceptions import ClientError
    >>> err = ClientError({"Error": {"Code": "AccessDenied", "Message": "no"}}, "DescribeVolumes")
    >>> describe_failure(err, "ec2:DescribeVolumes")
    'AccessDenied: ec2:DescribeVolumes'
    >>> describe_failure(ClientError({"Error": {"Code": "LimitExceededException"}}, "DescribeStream"),
    ...                  "kinesis:DescribeStream")
    'Throttled (retries exhausted): kinesis:DescribeStream'
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
