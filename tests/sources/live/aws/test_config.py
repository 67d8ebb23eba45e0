"""AWS Config recorders: one value per region, through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

CONFIG = "log-config-recording-all-regions"
ROLE = "arn:aws:iam::123456789012:role/config"


def seed(session: boto3.Session) -> None:
    """us-east-1 records every resource type; eu-west-1 records S3 buckets only; us-west-2 has a recorder that was
    never started; ap-south-1 has none."""
    for region, group, start in (("us-east-1", {"allSupported": True, "includeGlobalResourceTypes": True}, True),
                                 ("eu-west-1", {"allSupported": False, "resourceTypes": ["AWS::S3::Bucket"]}, True),
                                 ("us-west-2", {"allSupported": True}, False)):
        config = session.client("config", region_name=region)
        config.put_configuration_recorder(ConfigurationRecorder={"name": "default", "roleARN": ROLE,
                                                                 "recordingGroup": group})
        config.put_delivery_channel(DeliveryChannel={"name": "default", "s3BucketName": "config-history"})
        if start:
            config.start_configuration_recorder(ConfigurationRecorderName="default")


REGIONS = ("us-east-1", "eu-west-1", "us-west-2", "ap-south-1")
CASES = [
    Case("regions", table(f"""
        {CONFIG}  config/us-east-1   PASS
        {CONFIG}  config/eu-west-1   FAIL
        {CONFIG}  config/us-west-2   FAIL
        {CONFIG}  config/ap-south-1  FAIL
    """)),
    Case("status-denied", table(f"""
        {CONFIG}  config/us-east-1   UNKNOWN
        {CONFIG}  config/eu-west-1   UNKNOWN
        {CONFIG}  config/us-west-2   UNKNOWN
        {CONFIG}  config/ap-south-1  FAIL
    """), denied=(("config", "DescribeConfigurationRecorderStatus"),),
        unknown_reason="AccessDenied: config:DescribeConfigurationRecorderStatus"),
    Case("recorders-denied-in-one-region", table(f"""
        {CONFIG}  config/us-east-1                PASS
        {CONFIG}  config-recorders in eu-west-1   UNKNOWN
        {CONFIG}  config/us-west-2                FAIL
        {CONFIG}  config/ap-south-1               FAIL
    """), denied=(("config", "DescribeConfigurationRecorders"),), denied_in=("eu-west-1",),
        unknown_reason="AccessDenied: config:DescribeConfigurationRecorders (config-recorders in eu-west-1)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_config_recording_per_region(session: boto3.Session, case: Case) -> None:
    """A region is covered by a started recorder of every resource type; a region without one is a known FAIL."""
    seed(session)
    apply_denials(session, case)
    check(scan(session, "config-recorders", CANARY, regions=REGIONS), case)


def test_throttled_status_is_unknown(session: boto3.Session) -> None:
    seed(session)
    case = Case("throttled", table(f"""
        {CONFIG}  config/us-east-1   UNKNOWN
        {CONFIG}  config/eu-west-1   UNKNOWN
        {CONFIG}  config/us-west-2   UNKNOWN
        {CONFIG}  config/ap-south-1  FAIL
    """), denied=(("config", "DescribeConfigurationRecorderStatus"),),
        unknown_reason="Throttled (retries exhausted): config:DescribeConfigurationRecorderStatus")
    apply_denials(session, case, code="ThrottlingException", status=400)
    check(scan(session, "config-recorders", CANARY, regions=REGIONS), case)
