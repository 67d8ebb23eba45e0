"""Parity: each scenario written once as a pulumi-aws program and once as a (moto) AWS account.

The policy pack (a real pack process, driven over the analyzer protocol) and the live
scanner must give the same (rule id, resource, status) multiset - two openings of one group
count twice; so must the Pulumi adapter and the live collectors with PASS included. A
mismatch is a bug in an adapter, not a tolerance.
Resources are named alike on both sides (physical name = Pulumi logical name; Name tags
where AWS has no name), which is the naming convention the two sources share.
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
from hitrust_policies.testing.pulumi import default_pack_dir, shared_pack
from tests.parity import assert_pack_agrees_with_live, verdicts_over
from tests.pulumi_programs import aws_network as aws_network_programs
from tests.pulumi_programs import iam as aws_iam_programs
from tests.sources.live.aws.conftest import cloudwatch_deliveries, respond
from tests.sources.live.aws.test_iam import TRUSTS
from tests.sources.live.aws.test_resource_policies import seed as seed_resource_policies
from tests.verdicts import Verdicts

ACCOUNT = "123456789012"
REGION = "us-east-1"
PACK_RULES = {r.id for r in pack_rules()}
ADMIN = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
SCOPED = {"Version": "2012-10-17",
          "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::phi-records/*"}]}
TLS_ONLY_RECORDS = {"Version": "2012-10-17", "Statement": [{
    "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
    "Resource": ["arn:aws:s3:::phi-records", "arn:aws:s3:::phi-records/*"],
    "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
PAB = {flag: True for flag in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")}


@dataclass(frozen=True)
class Scenario:
    name: str
    program: Callable[[], None]
    seed: Callable[[Any], None]
    names: frozenset[str]  # the scenario's resources (the live account also has moto's defaults)
    must_fail: frozenset[tuple[str, str]]  # keeps the scenario from being vacuous
    must_pass: frozenset[tuple[str, str]] = frozenset()
    regions: tuple[str, ...] = (REGION,)  # regions the live side scans
    moto_config: dict[str, Any] | None = None  # moto's own settings for the live side


# ----------------------------------------------------------------- 1. object storage

def storage_program() -> None:
    import pulumi_aws as aws

    records = aws.s3.Bucket("phi-records", bucket="phi-records")
    logs = aws.s3.Bucket("phi-access-logs", bucket="phi-access-logs")
    aws.s3.Bucket("phi-scratch", bucket="phi-scratch")  # no block resource: S3's own default blocks it
    website = aws.s3.Bucket("phi-website", bucket="phi-website")
    default_key = aws.s3.Bucket("phi-default-key", bucket="phi-default-key")
    dsse = aws.s3.Bucket("phi-dsse", bucket="phi-dsse")
    key = aws.kms.Key("records-key")
    aws.s3.BucketServerSideEncryptionConfiguration("records-sse", bucket=records.id, rules=[{
        "apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms", "kms_master_key_id": key.arn}}])
    aws.s3.BucketServerSideEncryptionConfiguration("logs-sse", bucket=logs.id, rules=[{
        "apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}])
    aws.s3.BucketServerSideEncryptionConfiguration("default-key-sse", bucket=default_key.id, rules=[{
        "apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms"}}])  # the AWS-managed aws/s3 key
    aws.s3.BucketServerSideEncryptionConfiguration("dsse-sse", bucket=dsse.id, rules=[{
        "apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms:dsse", "kms_master_key_id": key.arn}}])
    for name, bucket in (("records", records), ("logs", logs)):
        aws.s3.BucketPublicAccessBlock(f"{name}-pab", bucket=bucket.id, block_public_acls=True,
                                       ignore_public_acls=True, block_public_policy=True,
                                       restrict_public_buckets=True)
    aws.s3.BucketPublicAccessBlock("website-pab", bucket=website.id, block_public_acls=True, ignore_public_acls=True,
                                   block_public_policy=True, restrict_public_buckets=False)
    aws.s3.BucketLogging("records-logging", bucket=records.id, target_bucket=logs.id, target_prefix="records/")
    aws.s3.BucketPolicy("records-policy", bucket=records.id, policy=json.dumps(TLS_ONLY_RECORDS))


def create_bucket(s3: Any, name: str) -> None:
    """A bucket as S3 creates it since April 2023: all four public-access guards on (moto leaves them off)."""
    s3.create_bucket(Bucket=name)
    s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=PAB)


def storage_seed(session: Any) -> None:
    s3, kms = session.client("s3"), session.client("kms")
    key = kms.create_key()["KeyMetadata"]["Arn"]
    for name in ("phi-records", "phi-access-logs", "phi-scratch", "phi-website", "phi-default-key", "phi-dsse"):
        create_bucket(s3, name)
    s3.put_bucket_encryption(Bucket="phi-records", ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key}}]})
    s3.put_bucket_encryption(Bucket="phi-access-logs", ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    s3.put_bucket_encryption(Bucket="phi-default-key", ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]})
    s3.put_bucket_encryption(Bucket="phi-dsse", ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms:dsse", "KMSMasterKeyID": key}}]})
    s3.put_public_access_block(Bucket="phi-website", PublicAccessBlockConfiguration={
        **PAB, "RestrictPublicBuckets": False})
    s3.put_bucket_acl(Bucket="phi-access-logs", ACL="log-delivery-write")
    s3.put_bucket_logging(Bucket="phi-records", BucketLoggingStatus={
        "LoggingEnabled": {"TargetBucket": "phi-access-logs", "TargetPrefix": "records/"}})
    s3.put_bucket_policy(Bucket="phi-records", Policy=json.dumps(TLS_ONLY_RECORDS))


# ----------------------------------------------------------------- 2. ingress, three ways

def ingress_program() -> None:
    import pulumi_aws as aws

    aws.ec2.SecurityGroup("bastion", name="bastion", description="bastion", ingress=[
        {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]},
        {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0", "10.0.0.0/8"]},
    ])
    app = aws.ec2.SecurityGroup("app", name="app", description="app")
    aws.ec2.SecurityGroupRule("app-postgres", type="ingress", security_group_id=app.id, protocol="tcp",
                              from_port=5432, to_port=5432, cidr_blocks=["10.0.0.0/8"])
    aws.vpc.SecurityGroupIngressRule("app-rdp", security_group_id=app.id, ip_protocol="tcp",
                                     from_port=3389, to_port=3389, cidr_ipv6="::/0")
    aws.vpc.SecurityGroupIngressRule("app-all", security_group_id=app.id, ip_protocol="-1",
                                     cidr_ipv4="0.0.0.0/0")


def ingress_seed(session: Any) -> None:
    ec2 = session.client("ec2")

    def group(name: str, perms: list[dict[str, Any]]) -> None:
        gid = ec2.create_security_group(GroupName=name, Description=name)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=perms)

    group("bastion", [
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
         "IpRanges": [{"CidrIp": "0.0.0.0/0"}, {"CidrIp": "10.0.0.0/8"}]},
    ])
    group("app", [
        {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
        {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]},
        {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
    ])


# ----------------------------------------------------------------- 3. volumes and databases

def data_program() -> None:
    import pulumi_aws as aws

    aws.ebs.Volume("enc-disk", availability_zone="us-east-1a", size=50, encrypted=True,
                   kms_key_id="alias/phi-disks", tags={"Name": "enc-disk"})
    aws.ebs.Volume("plain-disk", availability_zone="us-east-1a", size=50, encrypted=False,
                   tags={"Name": "plain-disk"})
    aws.rds.Instance("patients-db", identifier="patients-db", engine="postgres", instance_class="db.t3.micro",
                     allocated_storage=20, storage_encrypted=True, publicly_accessible=False,
                     username="app", password="correct-horse-1", engine_version="16.3")
    aws.rds.Instance("reports-db", identifier="reports-db", engine="mysql", instance_class="db.t3.micro",
                     allocated_storage=20, publicly_accessible=True, username="app", password="correct-horse-2")


def data_seed(session: Any) -> None:
    ec2, rds = session.client("ec2"), session.client("rds")
    for name, encrypted, key in (("enc-disk", True, {"KmsKeyId": "alias/phi-disks"}), ("plain-disk", False, {})):
        ec2.create_volume(Size=50, AvailabilityZone="us-east-1a", Encrypted=encrypted, TagSpecifications=[
            {"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": name}]}], **key)
    rds.create_db_instance(DBInstanceIdentifier="patients-db", Engine="postgres", DBInstanceClass="db.t3.micro",
                           AllocatedStorage=20, StorageEncrypted=True, PubliclyAccessible=False,
                           KmsKeyId="alias/aws/rds",  # the default key, which moto otherwise names by a literal
                           MasterUsername="app", MasterUserPassword="correct-horse-1",
                           EngineVersion="16.3")  # PostgreSQL 15+: rds.force_ssl on by default
    rds.create_db_instance(DBInstanceIdentifier="reports-db", Engine="mysql", DBInstanceClass="db.t3.micro",
                           AllocatedStorage=20, PubliclyAccessible=True, MasterUsername="app",
                           MasterUserPassword="correct-horse-2")


# ----------------------------------------------------------------- 4. audit trails and log retention

def logging_program() -> None:
    import pulumi_aws as aws

    aws.cloudtrail.Trail("org-trail", name="org-trail", s3_bucket_name="audit-bucket", is_multi_region_trail=True,
                         enable_log_file_validation=True, kms_key_id="arn:aws:kms:us-east-1:123456789012:key/k1")
    aws.cloudtrail.Trail("weak-trail", name="weak-trail", s3_bucket_name="audit-bucket")
    aws.cloudwatch.LogGroup("/app/api", name="/app/api", retention_in_days=30)
    aws.cloudwatch.LogGroup("/app/audit", name="/app/audit", retention_in_days=400)
    aws.cloudwatch.LogGroup("/app/forever", name="/app/forever")


def logging_seed(session: Any) -> None:
    session.client("s3").create_bucket(Bucket="audit-bucket")
    ct, logs = session.client("cloudtrail"), session.client("logs")
    ct.create_trail(Name="org-trail", S3BucketName="audit-bucket", IsMultiRegionTrail=True,
                    EnableLogFileValidation=True, KmsKeyId="arn:aws:kms:us-east-1:123456789012:key/k1")
    ct.start_logging(Name="org-trail")
    ct.create_trail(Name="weak-trail", S3BucketName="audit-bucket")
    ct.start_logging(Name="weak-trail")
    for name, days in (("/app/api", 30), ("/app/audit", 400), ("/app/forever", None)):
        logs.create_log_group(logGroupName=name)
        if days:
            logs.put_retention_policy(logGroupName=name, retentionInDays=days)


# ----------------------------------------------------------------- 5. identities and grants

ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess"
ALL_BUT_IAM = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}
NOTHING = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "NotResource": "*"}]}
TRUST = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}]}


def iam_program() -> None:
    import pulumi_aws as aws

    admin = aws.iam.Policy("admin-all", name="admin-all", policy=json.dumps(ADMIN))
    aws.iam.Policy("read-phi", name="read-phi", policy=json.dumps(SCOPED))
    aws.iam.User("alice", name="alice")
    bob = aws.iam.User("bob", name="bob")
    aws.iam.UserPolicyAttachment("bob-admin", user=bob.name, policy_arn=admin.arn)
    aws.iam.AccountPasswordPolicy(f"password-policy-{ACCOUNT}", minimum_password_length=8, require_numbers=True)
    # admin in disguise, and grants that look alarming but give nothing
    deployer = aws.iam.Role("deployer", name="deployer", assume_role_policy=json.dumps(TRUST))
    aws.iam.RolePolicy("deployer-all-but-iam", name="all-but-iam", role=deployer.name, policy=json.dumps(ALL_BUT_IAM))
    aws.iam.RolePolicyAttachment("deployer-admin", role=deployer.name, policy_arn=ADMIN_ARN)
    aws.iam.Role("auditor", name="auditor", assume_role_policy=json.dumps(TRUST),
                 inline_policies=[{"name": "read-phi", "policy": json.dumps(SCOPED)}])
    ops = aws.iam.Group("ops", name="ops")
    aws.iam.GroupPolicy("ops-nothing", name="nothing", group=ops.name, policy=json.dumps(NOTHING))
    carol = aws.iam.User("carol", name="carol")
    aws.iam.UserPolicy("carol-everything", name="everything", user=carol.name, policy=json.dumps(ADMIN))


def iam_seed(session: Any) -> None:
    iam = session.client("iam")
    arn = iam.create_policy(PolicyName="admin-all", PolicyDocument=json.dumps(ADMIN))["Policy"]["Arn"]
    iam.create_policy(PolicyName="read-phi", PolicyDocument=json.dumps(SCOPED))
    iam.create_user(UserName="alice")
    iam.create_user(UserName="bob")
    iam.attach_user_policy(UserName="bob", PolicyArn=arn)
    iam.update_account_password_policy(MinimumPasswordLength=8, RequireNumbers=True)
    iam.create_role(RoleName="deployer", AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.put_role_policy(RoleName="deployer", PolicyName="all-but-iam", PolicyDocument=json.dumps(ALL_BUT_IAM))
    iam.attach_role_policy(RoleName="deployer", PolicyArn=ADMIN_ARN)
    iam.create_role(RoleName="auditor", AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.put_role_policy(RoleName="auditor", PolicyName="read-phi", PolicyDocument=json.dumps(SCOPED))
    iam.create_group(GroupName="ops")
    iam.put_group_policy(GroupName="ops", PolicyName="nothing", PolicyDocument=json.dumps(NOTHING))
    iam.create_user(UserName="carol")
    iam.put_user_policy(UserName="carol", PolicyName="everything", PolicyDocument=json.dumps(ADMIN))


S3_EVERYTHING = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
S3_ONE_BUCKET = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::phi", "arn:aws:s3:::phi/*"]}]}
KMS_EVERYTHING = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}
DECRYPT_ANYTHING = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}]}


def narrower_grants_program() -> None:
    import pulumi_aws as aws

    aws.iam.Policy("s3-everything", name="s3-everything", policy=json.dumps(S3_EVERYTHING))
    aws.iam.Policy("s3-one-bucket", name="s3-one-bucket", policy=json.dumps(S3_ONE_BUCKET))
    etl = aws.iam.Role("etl", name="etl", assume_role_policy=json.dumps(TRUST),
                       inline_policies=[{"name": "keys", "policy": json.dumps(KMS_EVERYTHING)}])
    aws.iam.RolePolicy("etl-decrypt", name="decrypt-anything", role=etl.name, policy=json.dumps(DECRYPT_ANYTHING))


def narrower_grants_seed(session: Any) -> None:
    iam = session.client("iam")
    iam.create_policy(PolicyName="s3-everything", PolicyDocument=json.dumps(S3_EVERYTHING))
    iam.create_policy(PolicyName="s3-one-bucket", PolicyDocument=json.dumps(S3_ONE_BUCKET))
    iam.create_role(RoleName="etl", AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.put_role_policy(RoleName="etl", PolicyName="keys", PolicyDocument=json.dumps(KMS_EVERYTHING))
    iam.put_role_policy(RoleName="etl", PolicyName="decrypt-anything", PolicyDocument=json.dumps(DECRYPT_ANYTHING))


def role_trusts_seed(session: Any) -> None:
    iam = session.client("iam")
    for name in ("open-door", "star-principal", "partner", "lambda-exec"):
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": TRUSTS[name]}))


def resource_policies_seed(session: Any) -> None:
    seed_resource_policies(session)
    respond(session, "lambda", "ListFunctionUrlConfigs", {"FunctionUrlConfigs": []})  # moto does not list them


# ----------------------------------------------------------------- 6. networks, keys and TLS endpoints

def edge_program() -> None:
    import pulumi_aws as aws

    phi = aws.ec2.Vpc("phi-vpc", cidr_block="10.20.0.0/16", tags={"Name": "phi-vpc"})
    aws.ec2.FlowLog("phi-vpc-flows", vpc_id=phi.id, traffic_type="ALL", log_destination_type="s3",
                    log_destination="arn:aws:s3:::flow-logs")
    aws.ec2.Vpc("dark-vpc", cidr_block="10.30.0.0/16", tags={"Name": "dark-vpc"})
    aws.kms.Key("phi-key", enable_key_rotation=True)
    aws.kms.Key("legacy-key")
    lb = aws.lb.LoadBalancer("portal", name="portal", subnets=["subnet-a", "subnet-b"])
    aws.lb.Listener("portal:443", load_balancer_arn=lb.arn, port=443, protocol="HTTPS",
                    ssl_policy="ELBSecurityPolicy-TLS13-1-2-2021-06", certificate_arn="arn:aws:acm:cert",
                    default_actions=[{"type": "fixed-response", "fixed_response": {"content_type": "text/plain",
                                                                                   "status_code": "200"}}])
    aws.lb.Listener("portal:80", load_balancer_arn=lb.arn, port=80, protocol="HTTP", default_actions=[{
        "type": "redirect", "redirect": {"protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"}}])
    aws.lb.Listener("portal:8443", load_balancer_arn=lb.arn, port=8443, protocol="HTTPS",
                    ssl_policy="ELBSecurityPolicy-2016-08", certificate_arn="arn:aws:acm:cert",
                    default_actions=[{"type": "fixed-response", "fixed_response": {"content_type": "text/plain",
                                                                                   "status_code": "200"}}])


def edge_seed(session: Any) -> None:
    ec2, kms, elb = session.client("ec2"), session.client("kms"), session.client("elbv2")
    vpcs = {}
    for name, cidr in (("phi-vpc", "10.20.0.0/16"), ("dark-vpc", "10.30.0.0/16")):
        vpcs[name] = ec2.create_vpc(CidrBlock=cidr, TagSpecifications=[
            {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": name}]}])["Vpc"]["VpcId"]
    session.client("s3").create_bucket(Bucket="flow-logs")
    created = ec2.create_flow_logs(ResourceIds=[vpcs["phi-vpc"]], ResourceType="VPC", TrafficType="ALL",
                                   LogDestinationType="s3", LogDestination="arn:aws:s3:::flow-logs")
    assert not created["Unsuccessful"], created["Unsuccessful"]
    for alias, rotate in (("phi-key", True), ("legacy-key", False)):
        key = kms.create_key()["KeyMetadata"]["KeyId"]
        kms.create_alias(AliasName=f"alias/{alias}", TargetKeyId=key)
        if rotate:
            kms.enable_key_rotation(KeyId=key)
    subnets = [ec2.create_subnet(VpcId=vpcs["phi-vpc"], CidrBlock=f"10.20.{i}.0/24",
                                 AvailabilityZone=f"us-east-1{az}")["Subnet"]["SubnetId"]
               for i, az in ((1, "a"), (2, "b"))]
    cert = session.client("acm").request_certificate(DomainName="portal.example.com")["CertificateArn"]
    lb = elb.create_load_balancer(Name="portal", Subnets=subnets)["LoadBalancers"][0]["LoadBalancerArn"]
    fixed = [{"Type": "fixed-response", "FixedResponseConfig": {"ContentType": "text/plain", "StatusCode": "200"}}]
    elb.create_listener(LoadBalancerArn=lb, Protocol="HTTPS", Port=443, SslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06",
                        Certificates=[{"CertificateArn": cert}], DefaultActions=fixed)
    elb.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80, DefaultActions=[{
        "Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}])
    elb.create_listener(LoadBalancerArn=lb, Protocol="HTTPS", Port=8443, SslPolicy="ELBSecurityPolicy-2016-08",
                        Certificates=[{"CertificateArn": cert}], DefaultActions=fixed)


# ----------------------------------------------------------------- 7. messages and shared files at rest

def messaging_program() -> None:
    import pulumi_aws as aws

    aws.sqs.Queue("phi-orders", name="phi-orders")  # SSE-SQS, AWS's default for a new queue
    aws.sqs.Queue("phi-results", name="phi-results", kms_master_key_id="alias/aws/sqs")
    aws.sqs.Queue("legacy-intake", name="legacy-intake", sqs_managed_sse_enabled=False)
    aws.sns.Topic("lab-results", name="lab-results", kms_master_key_id="alias/aws/sns")
    aws.sns.Topic("phi-alerts", name="phi-alerts")
    aws.efs.FileSystem("phi-shared", encrypted=True, tags={"Name": "phi-shared"})
    aws.efs.FileSystem("scratch-share", tags={"Name": "scratch-share"})


def messaging_seed(session: Any) -> None:
    sqs, sns, efs = session.client("sqs"), session.client("sns"), session.client("efs")
    sqs.create_queue(QueueName="phi-orders")
    sqs.create_queue(QueueName="phi-results", Attributes={"KmsMasterKeyId": "alias/aws/sqs"})
    sqs.create_queue(QueueName="legacy-intake", Attributes={"SqsManagedSseEnabled": "false"})
    sns.create_topic(Name="lab-results", Attributes={"KmsMasterKeyId": "alias/aws/sns"})
    sns.create_topic(Name="phi-alerts")
    efs.create_file_system(CreationToken="phi-shared", Encrypted=True, Tags=[{"Key": "Name", "Value": "phi-shared"}])
    efs.create_file_system(CreationToken="scratch-share", Tags=[{"Key": "Name", "Value": "scratch-share"}])


# ----------------------------------------------------------------- 8. account-level public access guards

def account_guards_program() -> None:
    import pulumi_aws as aws

    aws.s3.AccountPublicAccessBlock("account-pab", block_public_acls=True, ignore_public_acls=True,
                                    block_public_policy=True, restrict_public_buckets=False)
    acls_only = aws.s3.Bucket("phi-acls-only", bucket="phi-acls-only")  # policies: account blocks BlockPublicPolicy
    aws.s3.BucketPublicAccessBlock("acls-only-pab", bucket=acls_only.id, block_public_acls=True,
                                   ignore_public_acls=True)
    covered = aws.s3.Bucket("phi-covered", bucket="phi-covered")  # its own block covers what the account leaves
    aws.s3.BucketPublicAccessBlock("covered-pab", bucket=covered.id, restrict_public_buckets=True)


def account_guards_seed(session: Any) -> None:
    session.client("s3control").put_public_access_block(AccountId=ACCOUNT, PublicAccessBlockConfiguration={
        **PAB, "RestrictPublicBuckets": False})
    s3 = session.client("s3")
    for name, config in (("phi-acls-only", {"BlockPublicAcls": True, "IgnorePublicAcls": True}),
                         ("phi-covered", {"RestrictPublicBuckets": True})):
        s3.create_bucket(Bucket=name)
        s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=config)


# ----------------------------------------------------------------- 9. keys KMS can and cannot rotate

def keys_program() -> None:
    import pulumi_aws as aws

    aws.kms.Key("global-static", multi_region=True)
    aws.kms.Key("signing-rsa", customer_master_key_spec="RSA_2048", key_usage="SIGN_VERIFY")
    aws.kms.Key("mac-hmac", customer_master_key_spec="HMAC_256", key_usage="GENERATE_VERIFY_MAC")
    aws.kms.Key("hsm-key", custom_key_store_id="cks-1234567890abcdef0")
    aws.kms.ExternalKey("imported", key_material_base64="c2l4dGVlbi1ieXRlLWtleSE=")


def keys_seed(session: Any) -> None:
    kms = session.client("kms")
    for alias, kwargs in (
        ("global-static", {"MultiRegion": True}),
        ("signing-rsa", {"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"}),
        ("mac-hmac", {"KeySpec": "HMAC_256", "KeyUsage": "GENERATE_VERIFY_MAC"}),
        ("hsm-key", {"Origin": "AWS_CLOUDHSM", "CustomKeyStoreId": "cks-1234567890abcdef0"}),
        ("imported", {"Origin": "EXTERNAL"}),
    ):
        kms.create_alias(AliasName=f"alias/{alias}", TargetKeyId=kms.create_key(**kwargs)["KeyMetadata"]["KeyId"])


# ----------------------------------------------------------------- 10. threat detection, per region

def threat_detection_program() -> None:
    import pulumi_aws as aws

    aws.guardduty.Detector("threats-us", enable=True, region="us-east-1")
    aws.guardduty.Detector("threats-eu", enable=False, region="eu-west-1")


def threat_detection_seed(session: Any) -> None:
    session.client("guardduty", region_name="us-east-1").create_detector(Enable=True)
    session.client("guardduty", region_name="eu-west-1").create_detector(Enable=False)


# ----------------------------------------------------------------- 9. UDP, protocol numbers, half the internet

def udp_numeric_program() -> None:
    import pulumi_aws as aws

    voip = aws.ec2.SecurityGroup("voip", name="voip", description="voip", ingress=[
        {"protocol": "udp", "from_port": 3389, "to_port": 3389, "cidr_blocks": ["0.0.0.0/0"]},
        {"protocol": "17", "from_port": 53, "to_port": 53, "cidr_blocks": ["0.0.0.0/0"]},
    ])
    aws.vpc.SecurityGroupIngressRule("voip-ssh-half", security_group_id=voip.id, ip_protocol="6",
                                     from_port=22, to_port=22, cidr_ipv4="128.0.0.0/1")
    aws.ec2.SecurityGroup("quiet", name="quiet", description="quiet", ingress=[
        {"protocol": "6", "from_port": 3389, "to_port": 3389, "cidr_blocks": ["172.16.0.0/12"]},
    ])


def udp_numeric_seed(session: Any) -> None:
    ec2 = session.client("ec2")
    voip = ec2.create_security_group(GroupName="voip", Description="voip")["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=voip, IpPermissions=[
        {"IpProtocol": "udp", "FromPort": 3389, "ToPort": 3389, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
        {"IpProtocol": "17", "FromPort": 53, "ToPort": 53, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
        {"IpProtocol": "6", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "128.0.0.0/1"}]},
    ])
    quiet = ec2.create_security_group(GroupName="quiet", Description="quiet")["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=quiet, IpPermissions=[
        {"IpProtocol": "6", "FromPort": 3389, "ToPort": 3389, "IpRanges": [{"CidrIp": "172.16.0.0/12"}]}])


# ----------------------------------------------------------------- 10. network ACLs: order and shadowing

def network_acl_program() -> None:
    import pulumi_aws as aws

    def entry(number: int, action: str, protocol: str, low: int, high: int, cidr: str) -> dict[str, Any]:
        key = "ipv6_cidr_block" if ":" in cidr else "cidr_block"
        return {"rule_no": number, "action": action, "protocol": protocol, "from_port": low, "to_port": high,
                key: cidr}

    vpc = aws.ec2.Vpc("acl-vpc", cidr_block="10.3.0.0/16", tags={"Name": "acl-vpc"})
    aws.ec2.NetworkAcl("open-acl", vpc_id=vpc.id, tags={"Name": "open-acl"},
                       ingress=[entry(100, "allow", "tcp", 22, 22, "0.0.0.0/0")])
    app = aws.ec2.NetworkAcl("app-acl", vpc_id=vpc.id, tags={"Name": "app-acl"},
                             ingress=[entry(110, "allow", "6", 443, 443, "0.0.0.0/0")])
    aws.ec2.NetworkAclRule("app-deny-ssh", network_acl_id=app.id, rule_number=90, egress=False, protocol="6",
                           rule_action="deny", cidr_block="0.0.0.0/0", from_port=22, to_port=22)
    aws.ec2.NetworkAclRule("app-allow-ssh", network_acl_id=app.id, rule_number=100, egress=False, protocol="6",
                           rule_action="allow", cidr_block="0.0.0.0/0", from_port=22, to_port=22)
    aws.ec2.NetworkAcl("snmp-acl", vpc_id=vpc.id, tags={"Name": "snmp-acl"},
                       ingress=[entry(100, "allow", "udp", 161, 162, "::/0")])


def network_acl_seed(session: Any) -> None:
    ec2 = session.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.3.0.0/16", TagSpecifications=[
        {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "acl-vpc"}]}])["Vpc"]["VpcId"]

    def acl(name: str, *entries: tuple[int, str, str, int, str]) -> None:
        aid = ec2.create_network_acl(VpcId=vpc, TagSpecifications=[
            {"ResourceType": "network-acl", "Tags": [{"Key": "Name", "Value": name}]}])["NetworkAcl"]["NetworkAclId"]
        for number, action, protocol, port, cidr in entries:
            where = {"Ipv6CidrBlock": cidr} if ":" in cidr else {"CidrBlock": cidr}
            ec2.create_network_acl_entry(NetworkAclId=aid, RuleNumber=number, Protocol=protocol, RuleAction=action,
                                         Egress=False, PortRange={"From": port, "To": port + (port == 161)}, **where)

    acl("open-acl", (100, "allow", "6", 22, "0.0.0.0/0"))
    acl("app-acl", (110, "allow", "6", 443, "0.0.0.0/0"), (90, "deny", "6", 22, "0.0.0.0/0"),
        (100, "allow", "6", 22, "0.0.0.0/0"))
    acl("snmp-acl", (100, "allow", "17", 161, "::/0"))

# ----------------------------------------------------------------- 9. audit events, CloudWatch delivery, audit log keys

AUDIT_KEY = "arn:aws:kms:us-east-1:123456789012:key/audit"
TRAIL_ROLE = "arn:aws:iam::123456789012:role/trail-to-logs"
FLOW_ROLE = "arn:aws:iam::123456789012:role/flow-logs"
NO_KMS_EVENTS = [{"Field": "eventCategory", "Equals": ["Management"]},
                 {"Field": "eventSource", "NotEquals": ["kms.amazonaws.com"]}]


def audit_program() -> None:
    import pulumi
    import pulumi_aws as aws

    org_logs = aws.cloudwatch.LogGroup("/audit/org-trail", name="/audit/org-trail", retention_in_days=400,
                                       kms_key_id=AUDIT_KEY)
    flows = aws.cloudwatch.LogGroup("/audit/flows", name="/audit/flows", retention_in_days=400)
    aws.cloudwatch.LogGroup("/app/web", name="/app/web", retention_in_days=400)
    common = dict(s3_bucket_name="audit-files", is_multi_region_trail=True, enable_log_file_validation=True,
                  kms_key_id=AUDIT_KEY)
    aws.cloudtrail.Trail("org-trail", name="org-trail", **common,
                         cloud_watch_logs_group_arn=pulumi.Output.concat(org_logs.arn, ":*"),
                         cloud_watch_logs_role_arn=TRAIL_ROLE,
                         event_selectors=[{"read_write_type": "All", "include_management_events": True}])
    aws.cloudtrail.Trail("writes-trail", name="writes-trail", **common,
                         event_selectors=[{"read_write_type": "WriteOnly"}])
    aws.cloudtrail.Trail("no-kms-trail", name="no-kms-trail", **common, advanced_event_selectors=[
        {"name": "no kms", "field_selectors": [{"field": f["Field"], **({"equals": f["Equals"]} if "Equals" in f
                                                                         else {"not_equals": f["NotEquals"]})}
                                               for f in NO_KMS_EVENTS]}])
    vpc = aws.ec2.Vpc("audit-vpc", cidr_block="10.50.0.0/16", tags={"Name": "audit-vpc"})
    aws.ec2.FlowLog("audit-vpc-flows", vpc_id=vpc.id, traffic_type="ALL", log_destination=flows.arn,
                    iam_role_arn=FLOW_ROLE)


def audit_seed(session: Any) -> None:
    session.client("s3").create_bucket(Bucket="audit-files")
    ct, logs, ec2 = session.client("cloudtrail"), session.client("logs"), session.client("ec2")
    logs.create_log_group(logGroupName="/audit/org-trail", kmsKeyId=AUDIT_KEY)
    for name in ("/audit/org-trail", "/audit/flows", "/app/web"):
        if name != "/audit/org-trail":
            logs.create_log_group(logGroupName=name)
        logs.put_retention_policy(logGroupName=name, retentionInDays=400)
    common = dict(S3BucketName="audit-files", IsMultiRegionTrail=True, EnableLogFileValidation=True,
                  KmsKeyId=AUDIT_KEY)
    ct.create_trail(Name="org-trail", **common, CloudWatchLogsRoleArn=TRAIL_ROLE,
                    CloudWatchLogsLogGroupArn=f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/audit/org-trail:*")
    ct.put_event_selectors(TrailName="org-trail", EventSelectors=[{"ReadWriteType": "All",
                                                                   "IncludeManagementEvents": True}])
    ct.create_trail(Name="writes-trail", **common)
    ct.put_event_selectors(TrailName="writes-trail", EventSelectors=[{"ReadWriteType": "WriteOnly"}])
    ct.create_trail(Name="no-kms-trail", **common)
    ct.put_event_selectors(TrailName="no-kms-trail", AdvancedEventSelectors=[
        {"Name": "no kms", "FieldSelectors": NO_KMS_EVENTS}])
    for name in ("org-trail", "writes-trail", "no-kms-trail"):
        ct.start_logging(Name=name)
    cloudwatch_deliveries(session, {"org-trail": datetime.now(timezone.utc) - timedelta(hours=1)})  # moto gap
    vpc = ec2.create_vpc(CidrBlock="10.50.0.0/16", TagSpecifications=[
        {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "audit-vpc"}]}])["Vpc"]["VpcId"]
    ec2.create_flow_logs(ResourceIds=[vpc], ResourceType="VPC", TrafficType="ALL", LogGroupName="/audit/flows",
                         DeliverLogsPermissionArn=FLOW_ROLE)


# ----------------------------------------------------------------- 10. listeners: defaults, rules, classic ELB

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/listeners"


def listeners_program() -> None:
    import pulumi_aws as aws

    web = aws.lb.LoadBalancer("gateway-web", name="gateway-web", subnets=["subnet-a", "subnet-b"])
    proxy = aws.lb.LoadBalancer("db-proxy", name="db-proxy", load_balancer_type="network", subnets=["subnet-a"])
    forward = [{"type": "forward", "target_group_arn": "arn:tg"}]
    aws.lb.Listener("gateway-web:8080", load_balancer_arn=web.arn, port=8080, default_actions=forward)
    leaky = aws.lb.Listener("gateway-web:80", load_balancer_arn=web.arn, port=80, protocol="HTTP", default_actions=[
        {"type": "redirect", "redirect": {"protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"}}])
    aws.lb.ListenerRule("gateway-web-api", listener_arn=leaky.arn, priority=10, actions=forward,
                        conditions=[{"path_pattern": {"values": ["/api/*"]}}])
    aws.lb.Listener("db-proxy:5432", load_balancer_arn=proxy.arn, port=5432, default_actions=forward)
    legacy = aws.elb.LoadBalancer("legacy", name="legacy", availability_zones=["us-east-1a"], listeners=[
        {"lb_protocol": "https", "lb_port": 443, "instance_protocol": "http", "instance_port": 80,
         "ssl_certificate_id": CERT},
        {"lb_protocol": "ssl", "lb_port": 8443, "instance_protocol": "tcp", "instance_port": 8443,
         "ssl_certificate_id": CERT},
        {"lb_protocol": "tcp", "lb_port": 5432, "instance_protocol": "tcp", "instance_port": 5432},
        {"lb_protocol": "http", "lb_port": 80, "instance_protocol": "http", "instance_port": 80},
    ])
    aws.elb.SslNegotiationPolicy("legacy-tls12", name="tls12", load_balancer=legacy.id, lb_port=443, attributes=[
        {"name": "Reference-Security-Policy", "value": "ELBSecurityPolicy-TLS-1-2-2017-01"}])


def listeners_seed(session: Any) -> None:
    ec2, elb, classic = session.client("ec2"), session.client("elbv2"), session.client("elb")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    subnets = [s["SubnetId"] for s in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]]
    web = elb.create_load_balancer(Name="gateway-web", Subnets=subnets[:2])["LoadBalancers"][0]["LoadBalancerArn"]
    proxy = elb.create_load_balancer(Name="db-proxy", Subnets=subnets[:1],
                                     Type="network")["LoadBalancers"][0]["LoadBalancerArn"]
    tg = elb.create_target_group(Name="app", Protocol="HTTP", Port=80, VpcId=vpc)["TargetGroups"][0]["TargetGroupArn"]
    forward = [{"Type": "forward", "TargetGroupArn": tg}]
    elb.create_listener(LoadBalancerArn=web, Protocol="HTTP", Port=8080, DefaultActions=forward)
    leaky = elb.create_listener(LoadBalancerArn=web, Protocol="HTTP", Port=80, DefaultActions=[{
        "Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}])
    elb.create_rule(ListenerArn=leaky["Listeners"][0]["ListenerArn"], Priority=10, Actions=forward,
                    Conditions=[{"Field": "path-pattern", "Values": ["/api/*"]}])
    elb.create_listener(LoadBalancerArn=proxy, Protocol="TCP", Port=5432, DefaultActions=forward)
    cert = session.client("acm").request_certificate(DomainName="legacy.example.com")["CertificateArn"]
    classic.create_load_balancer(LoadBalancerName="legacy", AvailabilityZones=["us-east-1a"], Listeners=[
        {"Protocol": "HTTPS", "LoadBalancerPort": 443, "InstanceProtocol": "HTTP", "InstancePort": 80,
         "SSLCertificateId": cert},
        {"Protocol": "SSL", "LoadBalancerPort": 8443, "InstanceProtocol": "TCP", "InstancePort": 8443,
         "SSLCertificateId": cert},
        {"Protocol": "TCP", "LoadBalancerPort": 5432, "InstanceProtocol": "TCP", "InstancePort": 5432},
        {"Protocol": "HTTP", "LoadBalancerPort": 80, "InstanceProtocol": "HTTP", "InstancePort": 80}])
    classic.create_load_balancer_policy(LoadBalancerName="legacy", PolicyName="tls12",
                                        PolicyTypeName="SSLNegotiationPolicyType", PolicyAttributes=[
                                            {"AttributeName": "Reference-Security-Policy",
                                             "AttributeValue": "ELBSecurityPolicy-TLS-1-2-2017-01"}])
    classic.set_load_balancer_policies_of_listener(LoadBalancerName="legacy", LoadBalancerPort=443,
                                                   PolicyNames=["tls12"])


SCENARIOS = [
    Scenario("storage", storage_program, storage_seed,
             frozenset({"phi-records", "phi-access-logs", "phi-scratch", "phi-website", "phi-default-key",
                        "phi-dsse"}),
             frozenset({("enc-object-store-kms", "phi-scratch"), ("log-object-store-access-logging", "phi-scratch"),
                        ("net-object-store-public-access-blocked", "phi-website"),
                        ("enc-object-store-kms", "phi-default-key"),
                        ("enc-object-store-tls-only", "phi-scratch"),
                        ("enc-object-store-tls-only", "phi-access-logs")}),
             must_pass=frozenset({("enc-object-store-tls-only", "phi-records"),
                                  ("net-object-store-public-access-blocked", "phi-scratch"),
                                  ("enc-object-store-kms", "phi-records"), ("enc-object-store-kms", "phi-dsse")})),
    Scenario("account-guards", account_guards_program, account_guards_seed,
             frozenset({"phi-acls-only", "phi-covered"}),
             frozenset({("net-object-store-public-access-blocked", "phi-acls-only")}),  # RestrictPublicBuckets
             must_pass=frozenset({("net-object-store-public-access-blocked", "phi-covered")})),
    Scenario("keys", keys_program, keys_seed,
             frozenset({"global-static", "signing-rsa", "mac-hmac", "hsm-key", "imported"}),
             frozenset({("enc-crypto-key-rotation", "global-static")}),
             must_pass=frozenset({("enc-crypto-key-rotation", name)
                                  for name in ("signing-rsa", "mac-hmac", "hsm-key", "imported")})),
    Scenario("ingress", ingress_program, ingress_seed, frozenset({"bastion", "app"}),
             frozenset({("net-ingress-rule-admin-ports", "bastion"), ("net-ingress-rule-admin-ports", "app")})),
    Scenario("data", data_program, data_seed, frozenset({"enc-disk", "plain-disk", "patients-db", "reports-db"}),
             frozenset({("enc-block-volume-encrypted", "plain-disk"), ("net-database-not-public", "reports-db"),
                        ("enc-database-storage-encrypted", "reports-db")})),
    Scenario("logging", logging_program, logging_seed,
             frozenset({"org-trail", "weak-trail", "/app/api", "/app/audit", "/app/forever"}),
             frozenset({("log-audit-trail-validation", "weak-trail"), ("enc-audit-trail-kms", "weak-trail"),
                        ("log-log-group-retention", "/app/api")})),
    Scenario("iam", iam_program, iam_seed,
             frozenset({"admin-all", "read-phi", "alice", "bob", "carol", f"password-policy-{ACCOUNT}",
                        "role/deployer/all-but-iam", "role/deployer/AdministratorAccess", "role/auditor/read-phi",
                        "group/ops/nothing", "user/carol/everything"}),
             frozenset({("iam-policy-grant-no-admin", "admin-all"), ("iam-identity-no-direct-policies", "bob"),
                        ("iam-password-policy-strong", f"password-policy-{ACCOUNT}"),
                        ("iam-policy-grant-no-admin", "role/deployer/all-but-iam"),
                        ("iam-policy-grant-no-admin", "role/deployer/AdministratorAccess"),
                        ("iam-policy-grant-no-admin", "user/carol/everything")}),
             must_pass=frozenset({("iam-policy-grant-no-admin", "read-phi"),
                                  ("iam-policy-grant-no-admin", "role/auditor/read-phi"),
                                  ("iam-policy-grant-no-admin", "group/ops/nothing")}),
             moto_config={"iam": {"load_aws_managed_policies": True}}),
    Scenario("edge", edge_program, edge_seed,
             frozenset({"phi-vpc", "dark-vpc", "phi-key", "legacy-key", "portal:443", "portal:80", "portal:8443"}),
             frozenset({("log-network-flow-logs", "dark-vpc"), ("enc-crypto-key-rotation", "legacy-key"),
                        ("enc-tls-listener-modern", "portal:8443")})),
    Scenario("messaging-and-files", messaging_program, messaging_seed,
             frozenset({"phi-orders", "phi-results", "legacy-intake", "lab-results", "phi-alerts", "phi-shared",
                        "scratch-share"}),
             frozenset({("enc-message-queue-encrypted", "legacy-intake"), ("enc-message-queue-encrypted", "phi-alerts"),
                        ("enc-file-system-encrypted", "scratch-share")}),
             must_pass=frozenset({("enc-message-queue-encrypted", "phi-orders"),
                                  ("enc-message-queue-encrypted", "phi-results"),
                                  ("enc-message-queue-encrypted", "lab-results"),
                                  ("enc-file-system-encrypted", "phi-shared")})),
    Scenario("threat-detection", threat_detection_program, threat_detection_seed,
             frozenset({"guardduty/us-east-1", "guardduty/eu-west-1"}),
             frozenset({("log-threat-detection-enabled", "guardduty/eu-west-1")}),
             must_pass=frozenset({("log-threat-detection-enabled", "guardduty/us-east-1")}),
             regions=("us-east-1", "eu-west-1")),
    Scenario("ingress-udp-numeric", udp_numeric_program, udp_numeric_seed, frozenset({"voip", "quiet"}),
             frozenset({("net-ingress-rule-admin-ports", "voip")}),
             must_pass=frozenset({("net-ingress-rule-admin-ports", "quiet")})),
    Scenario("network-acls", network_acl_program, network_acl_seed,
             frozenset({"acl-vpc", "open-acl", "app-acl", "snmp-acl"}),
             frozenset({("net-network-acl-admin-ports", "open-acl"), ("net-network-acl-admin-ports", "snmp-acl")}),
             must_pass=frozenset({("net-network-acl-admin-ports", "app-acl")})),

    Scenario("audit", audit_program, audit_seed,
             frozenset({"org-trail", "writes-trail", "no-kms-trail", "/audit/org-trail", "/audit/flows", "/app/web",
                        "audit-vpc"}),
             frozenset({("log-audit-trail-cloudwatch", "writes-trail"), ("log-audit-trail-cloudwatch", "no-kms-trail"),
                        ("enc-log-group-audit-kms", "/audit/flows")}),
             must_pass=frozenset({("log-audit-trail-cloudwatch", "org-trail"),
                                  ("enc-log-group-audit-kms", "/audit/org-trail"),
                                  ("enc-log-group-audit-kms", "/app/web"), ("log-network-flow-logs", "audit-vpc")})),
    Scenario("listeners", listeners_program, listeners_seed,
             frozenset({"gateway-web:8080", "gateway-web:80", "db-proxy:5432", "legacy:443", "legacy:8443",
                        "legacy:5432", "legacy:80"}),
             frozenset({("enc-tls-listener-modern", "gateway-web:8080"), ("enc-tls-listener-modern", "gateway-web:80"),
                        ("enc-tls-listener-modern", "legacy:8443"), ("enc-tls-listener-modern", "legacy:80")}),
             must_pass=frozenset({("enc-tls-listener-modern", "legacy:443")})),
    Scenario("narrower-grants", narrower_grants_program, narrower_grants_seed,
             frozenset({"s3-everything", "s3-one-bucket", "role/etl/keys", "role/etl/decrypt-anything"}),
             frozenset({("iam-policy-grant-no-service-wildcard", "s3-everything"),
                        ("iam-policy-grant-no-service-wildcard", "role/etl/keys"),
                        ("iam-policy-grant-no-kms-decrypt-all-keys", "role/etl/keys"),
                        ("iam-policy-grant-no-kms-decrypt-all-keys", "role/etl/decrypt-anything")}),
             must_pass=frozenset({("iam-policy-grant-no-service-wildcard", "s3-one-bucket"),
                                  ("iam-policy-grant-no-service-wildcard", "role/etl/decrypt-anything"),
                                  ("iam-policy-grant-no-kms-decrypt-all-keys", "s3-everything")})),
    Scenario("role-trusts", aws_iam_programs.role_trusts, role_trusts_seed,
             frozenset({"open-door", "star-principal", "partner", "lambda-exec"}),
             frozenset({("iam-role-trust-not-public", "open-door"), ("iam-role-trust-not-public", "star-principal")}),
             must_pass=frozenset({("iam-role-trust-not-public", "partner"),
                                  ("iam-role-trust-not-public", "lambda-exec")})),
    Scenario("resource-policies", aws_network_programs.resource_policies, resource_policies_seed,
             frozenset({"open-fn", "plain-fn", "open-queue", "org-queue", "open-topic", "default-topic", "open-repo",
                        "open-secret", "org-secret"}),
             frozenset({("net-resource-policy-not-public", n)
                        for n in ("open-fn", "open-queue", "open-topic", "open-repo", "open-secret")}),
             must_pass=frozenset({("net-resource-policy-not-public", n)
                                  for n in ("plain-fn", "org-queue", "default-topic", "org-secret")})),
]


def live_findings(scenario: Scenario, monkeypatch: pytest.MonkeyPatch) -> Verdicts:
    for var, value in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing"),
                       ("AWS_DEFAULT_REGION", REGION)):
        monkeypatch.setenv(var, value)
    with mock_aws(config=scenario.moto_config):  # type: ignore[arg-type]
        session = boto3.Session(region_name=REGION)
        scenario.seed(session)
        result = scan_aws(session=session, regions=list(scenario.regions), max_workers=4)
    assert result.complete
    return verdicts_over(result.findings(), scenario.names, PACK_RULES)


@pytest.fixture(scope="module")
def pack():
    return shared_pack(default_pack_dir())


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_pack_and_scanner_agree(scenario: Scenario, pack, monkeypatch: pytest.MonkeyPatch) -> None:
    live = live_findings(scenario, monkeypatch)
    assert_pack_agrees_with_live(scenario.program, live, pack, names=scenario.names, rules=PACK_RULES,
                                 must_fail=scenario.must_fail, must_pass=scenario.must_pass)
