"""The scanner only reads: every API operation it makes is declared by a collector and is a read.

The IAM policy a customer grants the scanner is derived from the collectors' ``calls``; these tests
prove the declaration is complete (nothing undeclared is called) and harmless (nothing mutates).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

import boto3
import botocore.session
import pytest

from hitrust_policies.model import KINDS, Network
from hitrust_policies.sources.live.aws.collector import READ_ACTIONS, Collector, Ctx, all_collectors, collector
from hitrust_policies.sources.live.aws.scan import scan_aws
from tests.clouds import AZURE_ONLY_KINDS, GCP_ONLY_KINDS
from tests.sources.live.aws.conftest import HOME, new_session, respond
from tests.sources.live.aws.test_edge import seed_distributions, seed_stages
from tests.sources.live.aws.test_lambda_urls import code as lambda_code

READ_PREFIXES = ("Describe", "Get", "List", "Head")
MUTATING_PREFIXES = ("Create", "Delete", "Put", "Update", "Modify", "Attach", "Detach", "Enable", "Disable",
                     "Start", "Stop", "Terminate", "Run", "Generate", "Set", "Tag", "Untag", "Authorize",
                     "Revoke")
SCANNER_OWN_CALLS = {"sts:GetCallerIdentity", "ec2:DescribeRegions"}  # made by scan_aws itself


@cache
def operations(service: str) -> frozenset[str]:
    """Every operation botocore knows for a service."""
    return frozenset(botocore.session.get_session().get_service_model(service).operation_names)


def mutating_operations(service: str) -> frozenset[str]:
    """botocore's operations of a service that are not reads (by AWS's naming convention)."""
    return frozenset(op for op in operations(service) if not op.startswith(READ_PREFIXES))


def read_only_violations(calls: Iterable[str], collectors: Iterable[Collector]) -> list[str]:
    """Why each recorded ``service:Operation`` is not an allowed read; empty when all are fine."""
    declared = {call for c in collectors for call in c.calls} | SCANNER_OWN_CALLS
    problems = []
    for call in sorted(set(calls)):
        service, _, op = call.partition(":")
        if call not in declared:
            problems.append(f"{call}: not declared by any collector")
        if call in READ_ACTIONS:  # reads by AWS's own classification, each justified where declared
            continue
        if not op.startswith(("Describe", "Get", "List")):
            problems.append(f"{call}: not a Describe/Get/List operation")
        if op in mutating_operations(service) or op not in operations(service):
            problems.append(f"{call}: mutating (or unknown) botocore operation")
        if op.startswith(MUTATING_PREFIXES):
            problems.append(f"{call}: denylisted mutating prefix")
    return problems


def seed_every_kind(session: boto3.Session) -> None:
    """At least one resource of every kind the scanner produces, so every code path makes its calls."""
    s3, ec2, iam = session.client("s3"), session.client("ec2"), session.client("iam")
    s3.create_bucket(Bucket="phi-records")
    s3.put_bucket_encryption(Bucket="phi-records", ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    session.client("cloudtrail").create_trail(Name="org-trail", S3BucketName="phi-records", IsMultiRegionTrail=True)
    ec2.create_volume(AvailabilityZone=f"{HOME}a", Size=8)
    ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType="t3.micro")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    gid = ec2.create_security_group(GroupName="web", Description="web", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    subnets = [s["SubnetId"] for s in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]]
    elb = session.client("elbv2")
    lb = elb.create_load_balancer(Name="web", Subnets=subnets[:2])["LoadBalancers"][0]["LoadBalancerArn"]
    elb.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80, DefaultActions=[
        {"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}])
    classic = session.client("elb")
    cert = session.client("acm").request_certificate(DomainName="legacy.example.com")["CertificateArn"]
    classic.create_load_balancer(LoadBalancerName="legacy", AvailabilityZones=[f"{HOME}a"], Listeners=[
        {"Protocol": "SSL", "LoadBalancerPort": 443, "InstanceProtocol": "TCP", "InstancePort": 8443,
         "SSLCertificateId": cert}])
    classic.create_load_balancer_policy(LoadBalancerName="legacy", PolicyName="tls12",
                                        PolicyTypeName="SSLNegotiationPolicyType", PolicyAttributes=[
                                            {"AttributeName": "Protocol-TLSv1.2", "AttributeValue": "true"}])
    classic.set_load_balancer_policies_of_listener(LoadBalancerName="legacy", LoadBalancerPort=443,
                                                   PolicyNames=["tls12"])
    kms = session.client("kms")
    kms.create_alias(AliasName="alias/phi", TargetKeyId=kms.create_key()["KeyMetadata"]["KeyId"])
    session.client("logs").create_log_group(logGroupName="/phi/app")
    session.client("guardduty").create_detector(Enable=True)
    session.client("rds").create_db_instance(
        DBInstanceIdentifier="phi-db", Engine="postgres", DBInstanceClass="db.t3.micro", MasterUsername="admin_user",
        MasterUserPassword="Correct-Horse-9", AllocatedStorage=20)
    rds = session.client("rds")
    rds.create_db_parameter_group(DBParameterGroupName="phi-tls", DBParameterGroupFamily="postgres16",
                                  Description="TLS only")
    rds.create_db_instance(DBInstanceIdentifier="phi-db-tls", Engine="postgres", DBInstanceClass="db.t3.micro",
                           MasterUsername="admin_user", MasterUserPassword="Correct-Horse-9", AllocatedStorage=20,
                           DBParameterGroupName="phi-tls")
    rds.create_db_cluster_parameter_group(DBClusterParameterGroupName="phi-aurora-tls", Description="TLS only",
                                          DBParameterGroupFamily="aurora-postgresql16")
    rds.create_db_cluster(DBClusterIdentifier="phi-aurora", Engine="aurora-postgresql", MasterUsername="admin_user",
                          MasterUserPassword="Correct-Horse-9", DBClusterParameterGroupName="phi-aurora-tls")
    rds.create_db_instance(DBInstanceIdentifier="phi-aurora-1", Engine="aurora-postgresql",
                           DBInstanceClass="db.t3.medium", DBClusterIdentifier="phi-aurora")
    session.client("opensearch").create_domain(DomainName="phi-search", EncryptionAtRestOptions={"Enabled": True})
    session.client("elasticache").create_replication_group(
        ReplicationGroupId="phi-cache", ReplicationGroupDescription="sessions", Engine="redis",
        CacheNodeType="cache.t3.micro", AtRestEncryptionEnabled=True, KmsKeyId=kms.create_key()["KeyMetadata"]["Arn"])
    session.client("sqs").create_queue(QueueName="phi-orders")
    session.client("sns").create_topic(Name="phi-alerts")
    session.client("efs").create_file_system(CreationToken="phi-shared", Encrypted=True)
    fn_role = session.client("iam").create_role(RoleName="phi-fn-role", AssumeRolePolicyDocument="{}")["Role"]
    session.client("lambda").create_function(FunctionName="phi-fn", Runtime="python3.12", Handler="index.handler",
                                             Role=fn_role["Arn"], Code={"ZipFile": lambda_code()})
    session.client("eks").create_cluster(name="phi-eks", roleArn="arn:aws:iam::123456789012:role/eks",
                                         resourcesVpcConfig={"subnetIds": subnets[:2]})
    session.client("redshift").create_cluster(ClusterIdentifier="phi-warehouse", NodeType="ra3.xlplus",
                                              ClusterType="single-node", MasterUsername="admin",
                                              MasterUserPassword="Correct-Horse-9", Encrypted=True,
                                              KmsKeyId=session.client("kms").create_key()["KeyMetadata"]["Arn"])
    session.client("kinesis").create_stream(StreamName="phi-events", ShardCount=1)
    session.client("ecr").create_repository(repositoryName="phi-images")
    session.client("rds").create_db_snapshot(DBSnapshotIdentifier="phi-db-manual", DBInstanceIdentifier="phi-db")
    session.client("ec2").create_snapshot(VolumeId=ec2.describe_volumes()["Volumes"][0]["VolumeId"])
    session.client("rds").create_db_cluster_snapshot(DBClusterSnapshotIdentifier="phi-aurora-manual",
                                                     DBClusterIdentifier="phi-aurora")
    table_key = session.client("kms").create_key()["KeyMetadata"]["Arn"]
    session.client("dynamodb").create_table(
        TableName="phi-claims", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}], BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": table_key})
    session.client("secretsmanager").create_secret(Name="phi-db-password", SecretString="Correct-Horse-9",
                                                   KmsKeyId=session.client("kms").create_key()["KeyMetadata"]["Arn"])
    session.client("dms").create_replication_instance(ReplicationInstanceIdentifier="phi-migration",
                                                      ReplicationInstanceClass="dms.t3.micro", PubliclyAccessible=False)
    session.client("ecs").create_cluster(clusterName="phi-apps")
    session.client("ecs").register_task_definition(family="phi-api", containerDefinitions=[
        {"name": "api", "image": "nginx", "memory": 128}])
    session.client("ecs").create_service(cluster="phi-apps", serviceName="phi-api", taskDefinition="phi-api",
                                         desiredCount=1)
    session.client("sagemaker").create_notebook_instance(
        NotebookInstanceName="phi-notebook", InstanceType="ml.t3.medium", RoleArn="arn:aws:iam::123456789012:role/nb")
    iam.update_account_password_policy(MinimumPasswordLength=14)
    iam.create_user(UserName="alice")
    iam.create_login_profile(UserName="alice", Password="Correct-Horse-Battery-9")
    iam.create_access_key(UserName="alice")
    iam.create_policy(PolicyName="s3-read", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}))
    # a metric filter on a monitored event, its alarm, and the alarm's topic (whose subscriptions are read)
    session.client("logs").put_metric_filter(
        logGroupName="/phi/app", filterName="root-usage", filterPattern='{ $.userIdentity.type = "Root" }',
        metricTransformations=[{"metricName": "root-usage", "metricNamespace": "CIS", "metricValue": "1"}])
    session.client("cloudwatch").put_metric_alarm(
        AlarmName="root-usage", MetricName="root-usage", Namespace="CIS", Statistic="Sum", Period=300,
        EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold",
        AlarmActions=[session.client("sns").create_topic(Name="phi-alerts")["TopicArn"]])
    seed_distributions(session)
    seed_stages(session)
    session.client("wafv2").create_web_acl(Name="phi-acl", Scope="REGIONAL", DefaultAction={"Allow": {}}, Rules=[],
                                           VisibilityConfig={"SampledRequestsEnabled": False, "MetricName": "phi",
                                                             "CloudWatchMetricsEnabled": False})


@pytest.fixture
def full_scan(session: boto3.Session) -> Any:
    seed_every_kind(session)
    # moto's account is in no organization and moto lacks iam:ListOrganizationsFeatures: answer as AWS does
    # for a member account, so the root collector's organization path runs too
    respond(session, "organizations", "DescribeOrganization",
            {"Organization": {"Id": "o-phi", "MasterAccountId": "999999999999"}})
    respond(session, "iam", "ListOrganizationsFeatures", {"OrganizationId": "o-phi", "EnabledFeatures": []})
    respond(session, "lambda", "ListFunctionUrlConfigs", {"FunctionUrlConfigs": [  # moto does not list them
        {"FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:phi-fn", "AuthType": "AWS_IAM",
         "FunctionUrl": "https://phi-fn.lambda-url.us-east-1.on.aws/"}]})
    respond(session, "wafv2", "ListResourcesForWebACL", {"ResourceArns": []})  # moto does not implement it
    return scan_aws(session=session, regions=[HOME])


def test_full_scan_is_read_only(full_scan: Any) -> None:
    """A full scan of an account holding every kind makes only declared Describe/Get/List calls."""
    assert {type(r) for r in full_scan.resources} == set(KINDS) - AZURE_ONLY_KINDS - GCP_ONLY_KINDS  # every path ran
    assert full_scan.complete, [c for c in full_scan.coverage if c.status != "ok"]
    assert read_only_violations(full_scan.calls, all_collectors()) == []
    every_declared = {call for c in all_collectors() for call in c.calls}
    assert set(full_scan.calls) == every_declared | {"sts:GetCallerIdentity"}  # and every declared call ran


def test_declared_calls_are_real_read_operations() -> None:
    """Declarations are what the IAM policy is built from: each must be a real, read-only operation."""
    for c in all_collectors():
        for call in c.calls:
            service, _, op = call.partition(":")
            assert op in operations(service), f"{c.name}: {call} is not a botocore operation"
            assert op not in mutating_operations(service) or call in READ_ACTIONS, f"{c.name}: {call} mutates"
        assert c.calls[0].startswith(f"{c.service}:"), f"{c.name} must declare its own service's calls first"


def _rogue(ctx: Ctx) -> Iterator[Network]:
    """A collector that "helpfully" tags what it reads: exactly what the read-only check must catch."""
    ec2 = ctx.client("ec2")
    for vpc in ec2.describe_vpcs()["Vpcs"]:
        ec2.create_tags(Resources=[vpc["VpcId"]], Tags=[{"Key": "scanned-by", "Value": "hitrust"}])
    yield from ()


@pytest.mark.parametrize("declares_it", [False, True], ids=["undeclared", "declared"])
def test_checker_flags_a_mutating_collector(session: boto3.Session, declares_it: bool) -> None:
    """The same check fails a scan whose collector writes, even if the write is declared (a Collector
    built directly skips the decorator's own guard, and is not registered globally)."""
    calls = ("ec2:DescribeVpcs", "ec2:CreateTags") if declares_it else ("ec2:DescribeVpcs",)
    rogue = Collector("rogue-tagger", "ec2", True, (Network,), calls, _rogue)
    result = scan_aws(session=session, regions=[HOME], collectors=[rogue])
    assert result.calls["ec2:CreateTags"] == 1
    problems = read_only_violations(result.calls, [rogue])
    expected = [
        "ec2:CreateTags: not a Describe/Get/List operation",
        "ec2:CreateTags: mutating (or unknown) botocore operation",
        "ec2:CreateTags: denylisted mutating prefix",
    ]
    assert problems == ([] if declares_it else ["ec2:CreateTags: not declared by any collector"]) + expected
    assert "rogue-tagger" not in {c.name for c in all_collectors()}


def test_decorator_refuses_a_mutating_declaration() -> None:
    """Registering a collector that declares a write fails at import time, before any scan."""
    with pytest.raises(ValueError, match="ec2:CreateTags is not a read-only operation"):
        collector("rogue-declared", service="ec2", kinds=(Network,), calls=("ec2:CreateTags",))(_rogue)
    assert "rogue-declared" not in {c.name for c in all_collectors()}


def test_all_enabled_regions_when_none_given(session: boto3.Session) -> None:
    """regions=None lists the enabled regions (ec2:DescribeRegions) and reads every one of them."""
    listed = sorted(r["RegionName"] for r in new_session().client("ec2").describe_regions()["Regions"]
                    if r.get("OptInStatus") != "not-opted-in")
    assert len(listed) > 10
    [logs] = [c for c in all_collectors() if c.name == "logs-log-groups"]
    result = scan_aws(session=session, regions=None, collectors=[logs])
    assert result.regions == listed
    assert result.regions_read == listed
    assert sorted(c.region for c in result.coverage) == listed
    assert result.calls["ec2:DescribeRegions"] == 1
    assert result.calls["logs:DescribeLogGroups"] == len(listed)


def test_calls_belong_to_their_scan(session: boto3.Session) -> None:
    """ScanResult.calls is the evidence of what one scan did; a later scan must not rewrite it."""
    [logs] = [c for c in all_collectors() if c.name == "logs-log-groups"]
    first = scan_aws(session=session, regions=[HOME], collectors=[logs])
    recorded = dict(first.calls)
    scan_aws(session=session, regions=[HOME], collectors=[logs])
    assert dict(first.calls) == recorded


def test_reads_named_like_writes_are_few_and_justified() -> None:
    """The one exception to Describe/Get/List: the credential report's (re)generation, which AWS classifies
    as a Read. Any other Generate* (or a write) is still refused at declaration and flagged in a scan."""
    assert set(READ_ACTIONS) == {"iam:GenerateCredentialReport"}
    assert all("Read" in why or "creates, changes and deletes no" in why for why in READ_ACTIONS.values())
    with pytest.raises(ValueError, match="iam:GenerateServiceLastAccessedDetails is not a read-only operation"):
        collector("iam-rogue", service="iam", kinds=(Network,),
                  calls=("iam:GenerateServiceLastAccessedDetails",))(_rogue)
    assert read_only_violations(["iam:GenerateCredentialReport"], all_collectors()) == []
    assert read_only_violations(["iam:GenerateServiceLastAccessedDetails"], all_collectors()) == [
        "iam:GenerateServiceLastAccessedDetails: not declared by any collector",
        "iam:GenerateServiceLastAccessedDetails: not a Describe/Get/List operation",
        "iam:GenerateServiceLastAccessedDetails: mutating (or unknown) botocore operation",
        "iam:GenerateServiceLastAccessedDetails: denylisted mutating prefix",
    ]
