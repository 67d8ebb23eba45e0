"""Parity: one scenario as a Pulumi program and as a (moto) AWS account gives the same verdicts.

Both sides go through the same engine; the comparison key is (rule id, resource name), so
this also pins the naming convention the two sources share (physical names).
"""

import json

import pytest

from hitrust_policies import evaluate
from hitrust_policies.sources.pulumi import PulumiResource, to_model
from hitrust_policies.testing.pulumi import capture

boto3 = pytest.importorskip("boto3")
moto = pytest.importorskip("moto")

ADMIN = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
NAMES = {"phi-parity", "parity-web", "parity-db", "/parity/app", "parity-trail", "parity-admin", "dave", "default"}


def program() -> None:
    import pulumi_aws as aws

    aws.s3.Bucket("bucket", bucket="phi-parity")
    aws.ec2.SecurityGroup("web", name="parity-web", description="web", ingress=[
        {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]},
        {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"]},
    ])
    # the default group as moto creates it: everything out, nothing in
    aws.ec2.DefaultSecurityGroup("default-sg", vpc_id="vpc-default",
                                 egress=[{"protocol": "-1", "from_port": 0, "to_port": 0,
                                          "cidr_blocks": ["0.0.0.0/0"]}])
    aws.rds.Instance("db", identifier="parity-db", engine="postgres", engine_version="14.9",
                     instance_class="db.t3.micro", allocated_storage=20, publicly_accessible=True, username="app",
                     password="password123")
    aws.cloudwatch.LogGroup("logs", name="/parity/app", retention_in_days=30)
    aws.cloudtrail.Trail("trail", name="parity-trail", s3_bucket_name="phi-parity", is_multi_region_trail=True)
    policy = aws.iam.Policy("admin", name="parity-admin", policy=ADMIN)
    user = aws.iam.User("dave", name="dave")
    aws.iam.UserPolicyAttachment("dave-admin", user=user.name, policy_arn=policy.arn)


def seed(session) -> None:
    s3 = session.client("s3")
    s3.create_bucket(Bucket="phi-parity")  # and, as S3 does for a new bucket since April 2023 (moto does not):
    s3.put_public_access_block(Bucket="phi-parity", PublicAccessBlockConfiguration={
        g: True for g in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")})
    ec2 = session.client("ec2")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    gid = ec2.create_security_group(GroupName="parity-web", Description="web", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
        for port in (22, 443)])
    session.client("rds").create_db_instance(
        DBInstanceIdentifier="parity-db", Engine="postgres", DBInstanceClass="db.t3.micro", AllocatedStorage=20,
        PubliclyAccessible=True, MasterUsername="app", MasterUserPassword="password123",
        EngineVersion="14.9")  # PostgreSQL 14: rds.force_ssl off by default
    logs = session.client("logs")
    logs.create_log_group(logGroupName="/parity/app")
    logs.put_retention_policy(logGroupName="/parity/app", retentionInDays=30)
    session.client("cloudtrail").create_trail(Name="parity-trail", S3BucketName="phi-parity", IsMultiRegionTrail=True)
    iam = session.client("iam")
    arn = iam.create_policy(PolicyName="parity-admin", PolicyDocument=ADMIN)["Policy"]["Arn"]
    iam.create_user(UserName="dave")
    iam.attach_user_policy(UserName="dave", PolicyArn=arn)


def verdicts(resources) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(rule, resource name) -> sorted (status, message) of every finding (a group has several rules)."""
    from hitrust_policies.rules import all_rules

    live_only = {r.id for r in all_rules() if r.live_only}  # what only a running account shows: never in a program
    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for f in evaluate(resources):
        if f.resource.name in NAMES and f.rule_id not in live_only:
            out.setdefault((f.rule_id, f.resource.name), []).append((f.status.value, f.message))
    return {k: sorted(v) for k, v in out.items()}


def test_pulumi_and_live_agree(monkeypatch):
    from hitrust_policies.sources.live.aws.scan import scan_aws

    for var in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(var, "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with moto.mock_aws():
        session = boto3.Session(region_name="us-east-1")
        seed(session)
        live = scan_aws(session=session, regions=["us-east-1"], max_workers=4).resources
    captured = capture(program, preview=False)
    pulumi = to_model(PulumiResource.from_wire(r.type, r.urn, r.outputs, name=r.name,
                                               property_dependencies=r.property_dependencies) for r in captured)
    expected = verdicts(live)
    assert verdicts(pulumi) == expected
    # the scenario is not vacuous: the same failures on both sides
    assert {k for k, found in expected.items() if any(status == "FAIL" for status, _ in found)} >= {
        ("net-ingress-rule-admin-ports", "parity-web"),
        ("net-database-not-public", "parity-db"),
        ("enc-database-storage-encrypted", "parity-db"),
        ("log-log-group-retention", "/parity/app"),
        ("log-audit-trail-validation", "parity-trail"),
        ("iam-policy-grant-no-admin", "parity-admin"),
        ("iam-identity-no-direct-policies", "dave"),
        ("enc-object-store-kms", "phi-parity"),
        ("net-security-group-default-closed", "default"),
    }
    assert expected[("net-object-store-public-access-blocked", "phi-parity")] == [("PASS", "")]  # S3's default
