"""Parity: the same infrastructure written as Terraform (a real plan of tests/terraform/aws/<scenario>) and
as a pulumi-aws program (tests/pulumi_programs/) gives the same (rule, resource, status) multiset, PASS
included, through the pulumi-aws adapters, and the real policy-pack process reports exactly its FAIL /
UNKNOWN rows. For AWS a third leg: the same resources created in a moto account with real boto3 and read
by the live scanner give that multiset too (test_plan_and_moto_account_agree); where a plan legitimately
cannot know what the program and the account say, PLAN_CANNOT_KNOW asserts the difference with its reason.

Identity across the two: a resource is named by its physical name where it has one (both sides use
the same `PulumiResource.display_name`), else by its logical name: the Pulumi logical name, and for a
plan the address without its type segment (``aws_security_group.web`` -> ``web``). The twins declare
each resource under the same name both ways, so the sets compare without any mapping table.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

import boto3
import pytest
from moto import mock_aws

from hitrust_policies.pulumi_pack import pack_rules
from hitrust_policies.sources.live.aws.scan import scan_aws
from hitrust_policies.sources.terraform.scan import check_plans
from hitrust_policies.testing.pulumi import default_pack_dir, shared_pack
from tests.parity import assert_pack_agrees_with_live, verdicts_over
from tests.pulumi_programs import network, terraform_twins
from tests.sources.live.aws.conftest import cloudwatch_deliveries
from tests.sources.terraform.plans import plan_path
from tests.verdicts import Verdicts

PACK_RULES = {r.id for r in pack_rules()}


@dataclass(frozen=True)
class Twin:
    scenario: str  # tests/terraform/aws/<scenario>
    program: Callable[[], None]
    names: frozenset[str]
    must_fail: frozenset[tuple[str, str]]
    must_pass: frozenset[tuple[str, str]]


TWINS = [
    Twin("parity_admin_ports", network.open_admin_ports, frozenset({"web-sg", "db-sg"}),
         must_fail=frozenset({("net-ingress-rule-admin-ports", "web-sg"), ("net-ingress-rule-admin-ports", "db-sg")}),
         must_pass=frozenset({("net-security-group-default-closed", "web-sg")})),
    Twin("parity_buckets", terraform_twins.buckets, frozenset({"phi-records", "partial-bucket", "bucket-key"}),
         must_fail=frozenset({("enc-object-store-kms", "partial-bucket"),
                              ("enc-object-store-tls-only", "partial-bucket"),
                              ("net-object-store-public-access-blocked", "partial-bucket")}),
         must_pass=frozenset({("enc-object-store-kms", "phi-records"), ("enc-object-store-tls-only", "phi-records"),
                              ("log-object-store-access-logging", "phi-records"),
                              ("enc-crypto-key-rotation", "bucket-key")})),
    Twin("parity_trails", terraform_twins.trails,
         frozenset({"trail-key", "legacy-key", "/audit/org-trail", "/app/api", "/app/forever", "org-trail",
                    "dev-trail"}),
         must_fail=frozenset({("enc-crypto-key-rotation", "legacy-key"), ("log-log-group-retention", "/app/api"),
                              ("log-audit-trail-validation", "dev-trail"), ("enc-audit-trail-kms", "dev-trail")}),
         must_pass=frozenset({("enc-crypto-key-rotation", "trail-key"), ("log-log-group-retention", "/app/forever"),
                              ("log-audit-trail-validation", "org-trail")})),
    Twin("parity_data", terraform_twins.data,
         frozenset({"enc-disk", "plain-disk", "patients-db", "reports-db", "app-host", "edge-host"}),
         must_fail=frozenset({("enc-block-volume-encrypted", "plain-disk"), ("net-database-not-public", "reports-db"),
                              ("enc-database-storage-encrypted", "reports-db")}),
         must_pass=frozenset({("enc-block-volume-encrypted", "enc-disk"), ("net-database-not-public", "patients-db"),
                              ("enc-database-storage-encrypted", "patients-db")})),
]


# Where a plan legitimately cannot know what a program's inputs and an account both say:
# scenario -> (rule, name) -> (the plan's status, the status the program and the account give).
# (None left for the AWS scenarios: an aws_instance's network_interface, a nested block the provider computes
# at apply, is known empty where the instance writes an argument it conflicts with; see sources/terraform/aws.py
# EMPTY_UNLESS_WRITTEN.)
PLAN_CANNOT_KNOW: dict[str, dict[tuple[str, str], tuple[str, str]]] = {}
# metadata_options left out of an aws_instance is computed by the provider (maybe a dynamic block): unknown in
# the plan; the program and the account launch with the default, HttpTokens optional
PLAN_CANNOT_KNOW["parity_data"] = {("net-instance-metadata-tokens", host): ("UNKNOWN", "FAIL")
                                   for host in ("app-host", "edge-host")}


# Where neither the plan nor the program can know what the account shows: a PostgreSQL instance written without
# engine_version gets the version RDS picks, on which the default of rds.force_ssl depends; moto's is 9.3 (off).
ONLY_THE_ACCOUNT_KNOWS: dict[str, dict[tuple[str, str], tuple[str, str]]] = {
    "parity_data": {("enc-database-tls-required", "patients-db"): ("UNKNOWN", "FAIL")}}


def known_where_plan_cannot(scenario: str, planned: Verdicts,
                            table: dict[str, dict[tuple[str, str], tuple[str, str]]] | None = None) -> Verdicts:
    """``planned`` after asserting each of the scenario's PLAN_CANNOT_KNOW rows is in it exactly once, and
    with those rows given the status the program and the account know."""
    known = Verdicts(planned)
    for (rule, name), (plan_status, status) in (PLAN_CANNOT_KNOW if table is None else table).get(scenario,
                                                                                                  {}).items():
        assert planned[(rule, name, plan_status)] == 1, (scenario, rule, name, plan_status)
        known[(rule, name, plan_status)] -= 1
        known[(rule, name, status)] += 1
    return Verdicts(+known)


@pytest.fixture(scope="module")
def pack():
    return shared_pack(default_pack_dir())


@pytest.mark.parametrize("twin", TWINS, ids=lambda t: t.scenario)
def test_plan_and_program_agree(twin: Twin, pack) -> None:  # noqa: ANN001
    scan = check_plans([str(plan_path(twin.scenario))])
    assert scan.complete and not scan.errors
    planned = known_where_plan_cannot(twin.scenario, verdicts_over(scan.findings(), twin.names, PACK_RULES))
    assert_pack_agrees_with_live(twin.program, planned, pack, names=twin.names, rules=PACK_RULES,
                                 must_fail=twin.must_fail, must_pass=twin.must_pass)


# --- hashicorp/google plans against pulumi-gcp programs, through the hitrust-gcp pack ------------------------

GCP_PACK_RULES = {r.id for r in pack_rules(package="gcp")}
PRJ = "projects/phi-prod"


def _gcp_twins() -> list[Twin]:
    from tests.pulumi_programs import gcp, gcp_terraform_twins

    buckets = frozenset({"phi-access-logs", "phi-records", "phi-plain", "public-site", "partner-share", "team-only",
                         "policy-doc", "phi/records", "phi/backups", "phi/hsm", "phi/signing"})
    firewalls = frozenset({"prod-vpc", "allow-ssh-web", "allow-https", "allow-iap-ssh", "allow-internal",
                           "allow-db-from-app", "allow-rdp-any", "deny-telnet", "egress-smtp", "old-mysql"})
    return [
        Twin("parity_buckets", gcp_terraform_twins.buckets_and_keys, buckets,
             must_fail=frozenset({("net-object-store-public-access-blocked", "public-site"),
                                  ("net-object-store-public-access-blocked", "partner-share"),
                                  ("net-object-store-public-access-blocked", "policy-doc"),
                                  ("enc-crypto-key-rotation", "phi/backups")}),
             must_pass=frozenset({("enc-object-store-kms", "phi-records"),
                                  ("log-object-store-access-logging", "phi-records"),
                                  ("net-object-store-public-access-blocked", "team-only"),
                                  ("enc-crypto-key-rotation", "phi/hsm")})),
        Twin("parity_firewalls", gcp.firewalls, firewalls,
             must_fail=frozenset({("net-ingress-rule-admin-ports", "allow-ssh-web"),
                                  ("net-ingress-rule-admin-ports", "allow-rdp-any")}),
             must_pass=frozenset({("net-ingress-rule-admin-ports", "allow-iap-ssh"),
                                  ("net-ingress-rule-admin-ports", "allow-internal"),
                                  ("log-network-flow-logs", "prod-vpc")})),
        # audit-logs left out: its key (plan) and its retention (program) are only known later on one side
        Twin("log_buckets", gcp.log_buckets, frozenset({"phi-prod/global/_Default", "phi-sandbox/global/_Default",
                                                         "phi-prod/us-central1/app-logs", "logs/logs"}),
             must_fail=frozenset({("log-log-group-retention", "phi-sandbox/global/_Default"),
                                  ("enc-log-group-audit-kms", "phi-sandbox/global/_Default"),
                                  ("log-log-group-retention", "phi-prod/us-central1/app-logs")}),
             must_pass=frozenset({("log-log-group-retention", "phi-prod/global/_Default"),
                                  ("enc-log-group-audit-kms", "phi-prod/global/_Default")})),
        # the robot's and the custom role's grants left out: named by values only one side knows yet
        Twin("project_admins", gcp.project_admins, frozenset({
            f"{PRJ}/roles/owner/user:ops@phi.example", f"{PRJ}/roles/editor/group:devs@phi.example",
            f"{PRJ}/roles/editor/serviceAccount:ci@phi-prod.iam.gserviceaccount.com",
            f"{PRJ}/roles/viewer/group:audit@phi.example", f"{PRJ}/user:ops@phi.example"}),
             must_fail=frozenset({("iam-policy-grant-no-admin", f"{PRJ}/roles/owner/user:ops@phi.example"),
                                  ("iam-policy-grant-no-admin", f"{PRJ}/roles/editor/group:devs@phi.example")}),
             must_pass=frozenset({("iam-policy-grant-no-admin", f"{PRJ}/roles/viewer/group:audit@phi.example"),
                                  ("iam-service-account-duties-separated", f"{PRJ}/user:ops@phi.example")})),
    ]


@pytest.fixture(scope="module")
def gcp_pack():
    pytest.importorskip("pulumi_gcp", reason="the pulumi-gcp extra is not installed")
    return shared_pack(default_pack_dir("hitrust-gcp"))


@pytest.mark.parametrize("scenario", ["parity_buckets", "parity_firewalls", "log_buckets", "project_admins"])
def test_google_plan_and_pulumi_gcp_program_agree(scenario: str, gcp_pack) -> None:  # noqa: ANN001
    from tests.sources.terraform.plans import google_plan_path

    (twin,) = [t for t in _gcp_twins() if t.scenario == scenario]
    scan = check_plans([str(google_plan_path(twin.scenario))])
    assert scan.complete and not scan.errors
    planned = verdicts_over(scan.findings(), twin.names, GCP_PACK_RULES)
    assert_pack_agrees_with_live(twin.program, planned, gcp_pack, names=twin.names, rules=GCP_PACK_RULES,
                                 must_fail=twin.must_fail, must_pass=twin.must_pass)


# --- the third leg: the same infrastructure created in a moto account, through the live AWS scanner ---------
#
# A plan, a pulumi-aws program and a (moto) account of the same resources give the same (rule, name, status)
# set over the rules all three can judge. The plan-vs-program half is test_plan_and_program_agree above (the
# moto twins are TWINS entries too); here the plan meets the account. Resources are named alike: the live
# scanner names a bucket / group / trail / log group / DB instance by its physical name, a volume by its Name
# tag and a KMS key by its alias, which is what the plan and the program call them.

def buckets_seed(session: Any) -> None:
    """The account the parity_buckets plan would create."""
    s3, kms = session.client("s3"), session.client("kms")
    key = kms.create_key()["KeyMetadata"]
    kms.enable_key_rotation(KeyId=key["KeyId"])
    kms.create_alias(AliasName="alias/bucket-key", TargetKeyId=key["KeyId"])
    s3.create_bucket(Bucket="central-access-logs")
    s3.put_bucket_acl(Bucket="central-access-logs", ACL="log-delivery-write")
    for name, sse, guards, policy in (
        ("phi-records", {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key["Arn"]},
         dict.fromkeys(("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"), True),
         {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
          "Resource": ["arn:aws:s3:::phi-records", "arn:aws:s3:::phi-records/*"],
          "Condition": {"Bool": {"aws:SecureTransport": "false"}}}),
        ("partial-bucket", {"SSEAlgorithm": "AES256"}, {"BlockPublicAcls": True, "BlockPublicPolicy": True},
         {"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "*",
          "Condition": {"Bool": {"aws:SecureTransport": "false"}}}),
    ):
        s3.create_bucket(Bucket=name)
        s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={
            "Rules": [{"ApplyServerSideEncryptionByDefault": sse}]})
        s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=guards)
        s3.put_bucket_logging(Bucket=name, BucketLoggingStatus={
            "LoggingEnabled": {"TargetBucket": "central-access-logs", "TargetPrefix": f"{name}/"}})
        s3.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [policy]}))


def admin_ports_seed(session: Any) -> None:
    """The account the parity_admin_ports plan would create (Terraform's default group description; EC2's own
    allow-all egress rule, which the plan's web-egress rule restates)."""
    ec2 = session.client("ec2")

    def group(name: str, perms: list[dict[str, Any]]) -> None:
        gid = ec2.create_security_group(GroupName=name, Description="Managed by Terraform")["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=perms)

    anywhere = [{"CidrIp": "0.0.0.0/0"}]
    group("web-sg", [
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": anywhere},
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}, *anywhere]},
        {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "IpRanges": anywhere},
    ])
    group("db-sg", [
        {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]},
        {"IpProtocol": "-1", "IpRanges": anywhere},
    ])


def trails_seed(session: Any) -> None:
    """The account the parity_trails plan would create (the trail's bucket and role exist outside it)."""
    kms, logs, ct = session.client("kms"), session.client("logs"), session.client("cloudtrail")
    keys = {}
    for alias in ("trail-key", "legacy-key"):
        keys[alias] = kms.create_key()["KeyMetadata"]
        kms.create_alias(AliasName=f"alias/{alias}", TargetKeyId=keys[alias]["KeyId"])
    kms.enable_key_rotation(KeyId=keys["trail-key"]["KeyId"])
    for name, days, key in (("/audit/org-trail", 400, {"kmsKeyId": keys["trail-key"]["Arn"]}),
                            ("/app/api", 30, {}), ("/app/forever", None, {})):
        logs.create_log_group(logGroupName=name, **key)
        if days:
            logs.put_retention_policy(logGroupName=name, retentionInDays=days)
    session.client("s3").create_bucket(Bucket="audit-files")
    ct.create_trail(Name="org-trail", S3BucketName="audit-files", IsMultiRegionTrail=True,
                    EnableLogFileValidation=True, KmsKeyId=keys["trail-key"]["Arn"],
                    CloudWatchLogsLogGroupArn="arn:aws:logs:us-east-1:123456789012:log-group:/audit/org-trail:*",
                    CloudWatchLogsRoleArn="arn:aws:iam::123456789012:role/trail-to-logs")
    ct.create_trail(Name="dev-trail", S3BucketName="audit-files")
    for name in ("org-trail", "dev-trail"):  # Terraform's enable_logging defaults to true
        ct.start_logging(Name=name)
    cloudwatch_deliveries(session, {"org-trail": datetime.now(timezone.utc) - timedelta(hours=1)})  # moto gap


def data_seed(session: Any) -> None:
    """The account the parity_data plan would create."""
    ec2, rds = session.client("ec2"), session.client("rds")
    for name, encrypted, key in (
        ("enc-disk", True, {"KmsKeyId": "arn:aws:kms:us-east-1:123456789012:alias/phi-disks"}),
        ("plain-disk", False, {}),
    ):
        ec2.create_volume(Size=50, AvailabilityZone="us-east-1a", Encrypted=encrypted, TagSpecifications=[
            {"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": name}]}], **key)
    rds.create_db_instance(DBInstanceIdentifier="patients-db", Engine="postgres", DBInstanceClass="db.t3.micro",
                           AllocatedStorage=20, StorageEncrypted=True, PubliclyAccessible=False,
                           KmsKeyId="alias/aws/rds",  # RDS's default key, which moto otherwise names by a literal
                           MasterUsername="app", MasterUserPassword="correct-horse-1")
    rds.create_db_instance(DBInstanceIdentifier="reports-db", Engine="mysql", DBInstanceClass="db.t3.micro",
                           AllocatedStorage=20, PubliclyAccessible=True, MasterUsername="app",
                           MasterUserPassword="correct-horse-2")
    for name, public in (("app-host", False), ("edge-host", True)):
        (instance,) = ec2.run_instances(
            ImageId="ami-12c6146b", InstanceType="t3.micro", MinCount=1, MaxCount=1,
            NetworkInterfaces=[{"DeviceIndex": 0, "AssociatePublicIpAddress": public}],
            TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": name}]}])["Instances"]
        if name == "edge-host":
            ec2.modify_instance_attribute(InstanceId=instance["InstanceId"], SourceDestCheck={"Value": False})


MOTO_SEEDS: dict[str, Callable[[Any], None]] = {
    "parity_buckets": buckets_seed,
    "parity_admin_ports": admin_ports_seed,
    "parity_trails": trails_seed,
    "parity_data": data_seed,
}


def account_verdicts(seed: Callable[[Any], None], names: frozenset[str], monkeypatch: pytest.MonkeyPatch) -> Verdicts:
    """The live scanner's (rule, name, status) multiset over ``names`` in a moto account ``seed`` built with real
    boto3. Filtered through verdicts_over to the scenario's own resources and the pack's rules: what it leaves
    out is only visible live - account-level facts (password policy, root MFA, trails covering every region,
    threat detection and EBS default encryption per region, the account's S3 guards), moto's defaults (the
    default VPC, its ACL and group) and what the seed makes outside the plan (a log or trail bucket the plan
    names by string, an instance's root volume). No live-only rule judges a scenario resource: asserted."""
    for var, value in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing"),
                       ("AWS_DEFAULT_REGION", "us-east-1")):
        monkeypatch.setenv(var, value)
    with mock_aws():
        session = boto3.Session(region_name="us-east-1")
        seed(session)
        result = scan_aws(session=session, regions=["us-east-1"], max_workers=2)
    assert result.complete, result.gaps
    findings = result.findings()
    assert not {f.rule_id for f in findings if f.resource.name in names} - PACK_RULES
    return verdicts_over(findings, names, PACK_RULES)


@pytest.mark.parametrize("scenario", sorted(MOTO_SEEDS))
def test_plan_and_moto_account_agree(scenario: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exactly, PASS included; with test_plan_and_program_agree, the program agrees too."""
    (twin,) = [t for t in TWINS if t.scenario == scenario]
    scan = check_plans([str(plan_path(scenario))])
    assert scan.complete and not scan.errors
    planned = verdicts_over(scan.findings(), twin.names, PACK_RULES)
    assert sum(planned.values()) == len(scan.findings())  # the filter drops nothing a plan says
    live = account_verdicts(MOTO_SEEDS[scenario], twin.names, monkeypatch)
    assert known_where_plan_cannot(scenario, known_where_plan_cannot(scenario, planned),
                                   ONLY_THE_ACCOUNT_KNOWS) == live
    assert {(rule, n) for rule, n, status in live if status == "FAIL"} >= twin.must_fail
    assert {(rule, n) for rule, n, status in live if status == "PASS"} >= twin.must_pass


