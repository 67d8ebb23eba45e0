"""A filtered AWS scan reads only what its rules judge: exact API calls per operation, and a denied
service the rules never look at leaves the scan complete (exit 0/1, not 3)."""

from __future__ import annotations

from collections import Counter

import boto3

from hitrust_policies.cli import EXIT_CLEAN, EXIT_FAILING, EXIT_INCOMPLETE, _exit_code
from hitrust_policies.rule_filters import select_rules
from hitrust_policies.sources.live.aws.scan import scan_aws
from hitrust_policies.sources.live.selection import aws_collectors
from tests.sources.live.aws.conftest import FAIL, HOME, PASS, deny, table, verdicts

RULE = "enc-object-store-default-encryption"  # the bucket rules: no EC2, RDS or IAM call may be made
PUBLIC = "net-object-store-public-access-blocked"
BLOCK_ALL = {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
             "RestrictPublicBuckets": True}


def seed(session: boto3.Session) -> None:
    s3 = session.client("s3", region_name=HOME)
    for name in ("phi-bucket", "open-bucket"):
        s3.create_bucket(Bucket=name)
    s3.put_bucket_encryption(Bucket="phi-bucket", ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    s3.put_public_access_block(Bucket="phi-bucket", PublicAccessBlockConfiguration=BLOCK_ALL)
    session.client("ec2", region_name=HOME).create_volume(Size=8, AvailabilityZone="us-east-1a")


def filtered_scan(session: boto3.Session, *rule_ids: str) -> tuple[object, list]:
    rules = select_rules(ids=rule_ids)
    result = scan_aws(session=session, regions=[HOME], collectors=aws_collectors(rules))
    return result, result.findings(rules)


def test_object_store_rule_reads_s3_only_with_exact_calls(session: boto3.Session) -> None:
    seed(session)
    result, findings = filtered_scan(session, RULE, PUBLIC)
    assert verdicts(findings, [RULE, PUBLIC]) == table(f"""
        {RULE}  phi-bucket  PASS
        {RULE}  open-bucket  PASS
        {PUBLIC}  phi-bucket  PASS
        {PUBLIC}  open-bucket  FAIL
    """)
    assert {c.collector for c in result.coverage} == {"s3-buckets"}
    calls = Counter(result.calls)
    assert not [c for c in calls if c.split(":")[0] in ("ec2", "rds", "iam", "kms", "logs", "cloudtrail")]
    assert calls == Counter({
        "sts:GetCallerIdentity": 1, "s3:ListBuckets": 1, "s3control:GetPublicAccessBlock": 1,
        "s3:GetBucketLocation": 2, "s3:GetBucketEncryption": 2, "s3:GetPublicAccessBlock": 2,
        "s3:GetBucketLogging": 2, "s3:GetBucketPolicy": 2,
    })
    assert result.complete and _exit_code(findings, result.complete, "low") == EXIT_FAILING


def test_unrelated_denied_services_leave_a_filtered_scan_complete(session: boto3.Session) -> None:
    seed(session)
    denials = [deny(session, service) for service in ("ec2", "rds", "iam")]
    result, findings = filtered_scan(session, RULE)
    assert {(f.resource.name, f.status) for f in findings} == {("phi-bucket", PASS), ("open-bucket", PASS)}
    assert [d.hits for d in denials] == [0, 0, 0]  # never asked
    assert result.complete and _exit_code(findings, result.complete, "low") == EXIT_CLEAN
    # the same denials in an unfiltered scan: incomplete, as before (the volume's rules cannot be judged)
    unfiltered = scan_aws(session=session, regions=[HOME])
    assert not unfiltered.complete and {c.collector for c in unfiltered.coverage if c.status == "failed"} >= {
        "ec2-volumes", "rds-instances", "iam-users"}
    everything = unfiltered.findings()
    assert _exit_code([f for f in everything if f.status is not FAIL], unfiltered.complete, "low") == EXIT_INCOMPLETE


def test_joins_read_what_they_need(session: boto3.Session) -> None:
    """A log group's audit-data fact needs the trails and the flow logs; the multi-region fact the trails."""
    names = lambda *ids: sorted(c.name for c in aws_collectors(select_rules(ids=ids)))  # noqa: E731
    assert names("log-log-group-retention") == ["cloudtrail-trails", "ec2-vpcs", "logs-log-groups"]
    assert names("log-audit-coverage-multi-region") == ["cloudtrail-trails"]
    assert names("enc-block-volume-encrypted", "net-database-not-public") == [
        "dynamodb-tables", "ec2-volumes", "elasticache-replication-groups", "opensearch-domains", "rds-instances",
        "redshift-clusters"]
    assert aws_collectors(select_rules()) is None  # no filter: every collector, as before
