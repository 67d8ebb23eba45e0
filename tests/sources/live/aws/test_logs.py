"""CloudWatch log groups: retention and, for groups holding audit data, KMS encryption, against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY_ALT, Case, apply_denials, check, reasons, scan, table, verdicts

RULE = "log-log-group-retention"


def seed(session: boto3.Session) -> None:
    """Retention 400 and 365 days pass, never-expire passes, 30 days fails."""
    logs = session.client("logs")
    for name, days in (("/phi/app", 400), ("/phi/boundary", 365), ("/phi/audit", None), ("/tmp/debug", 30)):
        logs.create_log_group(logGroupName=name)
        if days is not None:
            logs.put_retention_policy(logGroupName=name, retentionInDays=days)


CASES = [
    Case("baseline", table(f"""
        {RULE}  /phi/app       PASS
        {RULE}  /phi/boundary  PASS
        {RULE}  /phi/audit     PASS
        {RULE}  /tmp/debug     FAIL
    """)),
    Case(
        "listing-denied",
        table(f"{RULE}  logs-log-groups in us-east-1  UNKNOWN"),
        denied=(("logs", "DescribeLogGroups"),),
        unknown_reason="AccessDenied: logs:DescribeLogGroups (logs-log-groups in us-east-1)",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_log_retention(session: boto3.Session, case: Case) -> None:
    """Absent retentionInDays means never expire (a PASS), not an unknown."""
    seed(session)
    apply_denials(session, case, code="AccessDeniedException", status=400)
    result = scan(session, "logs-log-groups", CANARY_ALT)
    check(result, case)
    if not case.denied:
        assert {f.message for f in result.findings() if f.status.value == "FAIL"} == {
            "retention is 30 days (min 365)"}


# ----------------------------------------------------------------- log groups holding audit data

KMS_RULE = "enc-log-group-audit-kms"
TRAILS, FLOWS = "cloudtrail-trails", "ec2-vpcs"


def seed_audit(session: boto3.Session) -> None:
    """Trails deliver to "/audit/org" (KMS key) and "/audit/dev" (none); a VPC flow log to "/audit/vpc"
    (by name) and a subnet flow log to "/audit/subnet" (by ARN), neither keyed; "/app/debug" receives no
    audit source; a flow log to S3 names no group."""
    logs, ec2, ct = session.client("logs"), session.client("ec2"), session.client("cloudtrail")
    key = session.client("kms").create_key()["KeyMetadata"]["Arn"]
    logs.create_log_group(logGroupName="/audit/org", kmsKeyId=key)
    for name in ("/audit/dev", "/audit/vpc", "/audit/subnet", "/app/debug"):
        logs.create_log_group(logGroupName=name)
    session.client("s3").create_bucket(Bucket="trail-files")
    role = "arn:aws:iam::123456789012:role/deliver"
    for trail, group in (("org-trail", "/audit/org"), ("dev-trail", "/audit/dev")):
        ct.create_trail(Name=trail, S3BucketName="trail-files", CloudWatchLogsRoleArn=role,
                        CloudWatchLogsLogGroupArn=f"arn:aws:logs:us-east-1:123456789012:log-group:{group}:*")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    subnet = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"][0]["SubnetId"]
    ec2.create_flow_logs(ResourceIds=[vpc], ResourceType="VPC", TrafficType="ALL", LogGroupName="/audit/vpc",
                         DeliverLogsPermissionArn=role)
    ec2.create_flow_logs(ResourceIds=[subnet], ResourceType="Subnet", TrafficType="REJECT",
                         LogDestinationType="cloud-watch-logs", DeliverLogsPermissionArn=role,
                         LogDestination="arn:aws:logs:us-east-1:123456789012:log-group:/audit/subnet")
    ec2.create_flow_logs(ResourceIds=[subnet], ResourceType="Subnet", TrafficType="ALL", LogDestinationType="s3",
                         LogDestination="arn:aws:s3:::trail-files")


AUDIT_CASES = [
    Case("baseline", table(f"""
        {KMS_RULE}  /audit/org     PASS
        {KMS_RULE}  /audit/dev     FAIL
        {KMS_RULE}  /audit/vpc     FAIL
        {KMS_RULE}  /audit/subnet  FAIL
        {KMS_RULE}  /app/debug     PASS
    """)),
    # groups in this region might receive flow logs: only those a trail names are still known
    Case("flow-logs-denied", table(f"""
        {KMS_RULE}  /audit/org     PASS
        {KMS_RULE}  /audit/dev     FAIL
        {KMS_RULE}  /audit/vpc     UNKNOWN
        {KMS_RULE}  /audit/subnet  UNKNOWN
        {KMS_RULE}  /app/debug     UNKNOWN
    """), denied=(("ec2", "DescribeFlowLogs"),), unknown_reason="AccessDenied: ec2:DescribeFlowLogs"),
    Case("trails-denied", table(f"""
        {KMS_RULE}  /audit/org     PASS
        {KMS_RULE}  /audit/dev     UNKNOWN
        {KMS_RULE}  /audit/vpc     FAIL
        {KMS_RULE}  /audit/subnet  FAIL
        {KMS_RULE}  /app/debug     UNKNOWN
        {"log-audit-coverage-multi-region"}  cloudtrail-123456789012  UNKNOWN
    """), denied=(("cloudtrail", "DescribeTrails"),),
        unknown_reason="AccessDenied: cloudtrail:DescribeTrails (cloudtrail-trails in us-east-1)"),
]


@pytest.mark.parametrize("case", AUDIT_CASES, ids=lambda c: c.id)
def test_audit_log_groups_encrypted(session: boto3.Session, case: Case) -> None:
    """Which groups hold audit data is joined by the scan from the trails' and flow logs' destinations."""
    seed_audit(session)
    apply_denials(session, case)
    check(scan(session, "logs-log-groups", TRAILS, FLOWS), case)


def test_audit_data_unknown_without_the_sources(session: boto3.Session) -> None:
    """A scan that did not read trails or flow logs cannot say a group holds no audit data."""
    seed_audit(session)
    findings = scan(session, "logs-log-groups").findings()
    assert verdicts(findings, {KMS_RULE}) == set(table(f"""
        {KMS_RULE}  /audit/org     PASS
        {KMS_RULE}  /audit/dev     UNKNOWN
        {KMS_RULE}  /audit/vpc     UNKNOWN
        {KMS_RULE}  /audit/subnet  UNKNOWN
        {KMS_RULE}  /app/debug     UNKNOWN
    """))
    assert {m for _, _, m in reasons(findings, {KMS_RULE})} == {
        "trails not read by this scan (cloudtrail-trails): cannot tell which log groups hold audit data"}
