"""The reason a failed AWS call leaves behind: every denial and throttling code AWS services use, named.

Real botocore exceptions, as a client raises them; the expected reasons are written out by hand.
"""

from __future__ import annotations

import pytest
from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    ReadTimeoutError,
)

from hitrust_policies.sources.live.aws.errors import describe_failure, error_code


def client_error(code: str, operation: str = "GetBucketPolicy") -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": f"{code} happened"}}, operation)


@pytest.mark.parametrize("code", [
    "AccessDenied",  # S3, STS, IAM (query/XML services)
    "AccessDeniedException",  # JSON services: KMS, Logs, GuardDuty
    "UnauthorizedOperation",  # EC2
    "AuthorizationError",  # SNS
    "UnrecognizedClientException",  # JSON services: credentials not valid here
    "InvalidClientTokenId",  # query services: credentials not valid here
    "OptInRequired",  # a region or service the account has not opted into
])
def test_every_denial_code_reads_as_access_denied(code: str) -> None:
    assert describe_failure(client_error(code), "s3:GetBucketPolicy") == "AccessDenied: s3:GetBucketPolicy"


@pytest.mark.parametrize("code", [
    "Throttling",  # query services (IAM, STS, CloudFormation)
    "ThrottlingException",  # JSON services (KMS, Logs)
    "ThrottledException",
    "RequestLimitExceeded",  # EC2
    "TooManyRequestsException",  # Lambda, API Gateway style
    "SlowDown",  # S3
    "RequestThrottled",  # SQS
    "RequestThrottledException",
])
def test_every_throttling_code_names_throttling_and_the_call(code: str) -> None:
    assert describe_failure(client_error(code), "kms:GetKeyRotationStatus") == (
        "Throttled (retries exhausted): kms:GetKeyRotationStatus")


def test_any_other_service_error_keeps_its_code() -> None:
    assert describe_failure(client_error("ExpiredToken"), "sts:GetCallerIdentity") == (
        "ExpiredToken: sts:GetCallerIdentity")


@pytest.mark.parametrize("exc", [
    EndpointConnectionError(endpoint_url="https://kms.eu-west-1.amazonaws.com/"),
    ConnectTimeoutError(endpoint_url="https://kms.eu-west-1.amazonaws.com/"),
    ReadTimeoutError(endpoint_url="https://kms.eu-west-1.amazonaws.com/"),
    ConnectionClosedError(endpoint_url="https://kms.eu-west-1.amazonaws.com/"),
], ids=lambda e: type(e).__name__)
def test_network_failures_read_as_unreachable(exc: Exception) -> None:
    assert describe_failure(exc, "kms:ListKeys") == f"Unreachable ({type(exc).__name__}): kms:ListKeys"


def test_anything_else_keeps_its_type_and_message() -> None:
    assert describe_failure(NoCredentialsError(), "kms:ListKeys") == (
        "NoCredentialsError: kms:ListKeys: Unable to locate credentials")
    assert describe_failure(ValueError("bad page"), "kms:ListKeys") == "ValueError: kms:ListKeys: bad page"


def test_error_code() -> None:
    assert error_code(client_error("SlowDown")) == "SlowDown"
    assert error_code(ClientError({}, "ListKeys")) is None
    assert error_code(ValueError("no response")) is None


@pytest.mark.parametrize(("status", "reason"), [
    ("403", "AccessDenied: kms:GetKeyRotationStatus"),
    ("429", "Throttled (retries exhausted): kms:GetKeyRotationStatus"),
    ("500", "500: kms:GetKeyRotationStatus"),
])
def test_an_unparsable_error_body_is_judged_by_its_http_status(status: str, reason: str) -> None:
    """botocore reports the HTTP status as the code when the body is not the service's error format."""
    assert describe_failure(client_error(status), "kms:GetKeyRotationStatus") == reason


def test_every_code_botocore_retries_as_throttling_reads_as_throttled() -> None:
    """A code botocore backs off on (Kinesis LimitExceededException, DynamoDB ProvisionedThroughputExceeded...)
    and then gives up on must say "throttled", not look like a configuration error, in the finding."""
    from botocore.retries.standard import ThrottledRetryableChecker

    from hitrust_policies.sources.live.aws.errors import THROTTLED

    assert set(ThrottledRetryableChecker._THROTTLED_ERROR_CODES) <= THROTTLED
