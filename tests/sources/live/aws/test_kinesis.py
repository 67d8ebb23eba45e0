"""Kinesis data streams as message queues: encrypted at rest or not, through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

ENC = "enc-message-queue-encrypted"


def seed(session: boto3.Session) -> None:
    """phi-events: a customer key; claims-events: the AWS-managed aws/kinesis key; raw-clicks: never encrypted."""
    kinesis = session.client("kinesis")
    key = session.client("kms").create_key(Description="phi-events")["KeyMetadata"]["Arn"]
    for name in ("phi-events", "claims-events", "raw-clicks"):
        kinesis.create_stream(StreamName=name, ShardCount=1)
    kinesis.start_stream_encryption(StreamName="phi-events", EncryptionType="KMS", KeyId=key)
    kinesis.start_stream_encryption(StreamName="claims-events", EncryptionType="KMS", KeyId="alias/aws/kinesis")


CASES = [
    Case("baseline", table(f"""
        {ENC}  phi-events     PASS
        {ENC}  claims-events  PASS
        {ENC}  raw-clicks     FAIL
    """)),
    Case("listing-denied", table(f"""
            {ENC}  kinesis-streams in us-east-1  UNKNOWN
        """),
         denied=(("kinesis", "ListStreams"),),
         unknown_reason="AccessDenied: kinesis:ListStreams (kinesis-streams in us-east-1)"),
    Case("summary-denied", table(f"""
            {ENC}  phi-events     UNKNOWN
            {ENC}  claims-events  UNKNOWN
            {ENC}  raw-clicks     UNKNOWN
        """),
         denied=(("kinesis", "DescribeStreamSummary"),),
         unknown_reason="AccessDenied: kinesis:DescribeStreamSummary"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_stream_encryption(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    check(scan(session, "kinesis-streams", CANARY), case)


def test_throttled_summary_is_unknown(session: boto3.Session) -> None:
    """Kinesis throttles with LimitExceededException (botocore retries it as throttling); once retries run out
    the reason says so and names the call, like every other throttled read."""
    seed(session)
    case = Case("throttled", CASES[2].expected, denied=(("kinesis", "DescribeStreamSummary"),),
                unknown_reason="Throttled (retries exhausted): kinesis:DescribeStreamSummary")
    apply_denials(session, case, code="LimitExceededException", status=400)
    check(scan(session, "kinesis-streams", CANARY), case)


def test_stream_and_key_in_the_model(session: boto3.Session) -> None:
    """The ref is the stream's ARN; the key is what the stream names."""
    seed(session)
    result = scan(session, "kinesis-streams", CANARY)
    streams = {r.ref.name: r for r in result.resources if r.ref.native_type == "AWS::Kinesis::Stream"}
    assert streams["claims-events"].kms_key == "alias/aws/kinesis" and streams["raw-clicks"].kms_key is None
    assert streams["raw-clicks"].ref.native_id == "arn:aws:kinesis:us-east-1:123456789012:stream/raw-clicks"
