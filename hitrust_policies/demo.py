"""A built-in demo account: an in-process moto AWS account seeded like a small healthcare vendor.

Two regions, a realistic mix of compliant and non-compliant resources in every domain,
scanned by the real scanner (real boto3, real collectors) so ``hitrust demo`` shows
exactly what a scan of a real account shows.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

REGIONS = ("us-east-1", "eu-west-1")
DEMO_SEED = 20240101  # moto's id generator seed: stable ids between demo runs
ADMIN_POLICY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
READ_PHI_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::acme-phi-records/*"}],
}

TLS_ONLY_PHI_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                   "Resource": ["arn:aws:s3:::acme-phi-records", "arn:aws:s3:::acme-phi-records/*"],
                   "Condition": {"Bool": {"aws:SecureTransport": "false"}}}],
}


def _s3(session: Any) -> None:
    s3 = session.client("s3", region_name="us-east-1")
    kms = session.client("kms", region_name="us-east-1")
    key = kms.create_key(Description="PHI data key")["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName="alias/phi-data", TargetKeyId=key)
    kms.enable_key_rotation(KeyId=key)
    legacy = kms.create_key(Description="legacy app key")["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName="alias/legacy-app", TargetKeyId=legacy)
    block_all = {flag: True for flag in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy",
                                         "RestrictPublicBuckets")}
    for name in ("acme-phi-records", "acme-access-logs", "acme-marketing-site"):
        s3.create_bucket(Bucket=name)
    s3.put_bucket_encryption(Bucket="acme-phi-records", ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key}}]})
    s3.put_public_access_block(Bucket="acme-phi-records", PublicAccessBlockConfiguration=block_all)
    s3.put_bucket_policy(Bucket="acme-phi-records", Policy=json.dumps(TLS_ONLY_PHI_POLICY))
    s3.put_public_access_block(Bucket="acme-access-logs", PublicAccessBlockConfiguration=block_all)
    s3.put_bucket_policy(Bucket="acme-access-logs", Policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"},
                       "Action": "s3:PutObject", "Resource": "arn:aws:s3:::acme-access-logs/*"}]}))
    s3.put_bucket_logging(Bucket="acme-phi-records", BucketLoggingStatus={
        "LoggingEnabled": {"TargetBucket": "acme-access-logs", "TargetPrefix": "phi/"}})
    eu = session.client("s3", region_name="eu-west-1")
    eu.create_bucket(Bucket="acme-eu-claims-export",
                     CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    eu.put_bucket_encryption(Bucket="acme-eu-claims-export", ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})


def _network(session: Any, region: str) -> dict[str, str]:
    ec2 = session.client("ec2", region_name=region)
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    ec2.create_tags(Resources=[vpc], Tags=[{"Key": "Name", "Value": f"app-{region}"}])
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.20.{i}.0/24", AvailabilityZone=f"{region}{az}")["Subnet"][
            "SubnetId"]
        for i, az in ((1, "a"), (2, "b"))
    ]

    def group(name: str, rules: list[dict[str, Any]]) -> str:
        gid = ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)["GroupId"]
        if rules:
            ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=rules)
        return gid

    web = group("web-alb", [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                             "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
                            {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80,
                             "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    group("db", [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
                  "IpRanges": [{"CidrIp": "10.20.0.0/16"}]}])
    if region == "us-east-1":
        group("bastion", [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                           "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        ec2.create_flow_logs(ResourceIds=[vpc], ResourceType="VPC", TrafficType="ALL",
                             LogDestinationType="cloud-watch-logs", LogGroupName="/aws/vpc/flow-logs",
                             DeliverLogsPermissionArn="arn:aws:iam::123456789012:role/flow-logs")
        ec2.enable_ebs_encryption_by_default()
        # Close the default group in the home region only.
        for g in ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["default"]}])[
                "SecurityGroups"]:
            if g["IpPermissionsEgress"]:
                ec2.revoke_security_group_egress(GroupId=g["GroupId"], IpPermissions=g["IpPermissionsEgress"])
            if g["IpPermissions"]:
                ec2.revoke_security_group_ingress(GroupId=g["GroupId"], IpPermissions=g["IpPermissions"])
        ec2.create_volume(Size=100, AvailabilityZone="us-east-1a", Encrypted=True,
                          TagSpecifications=[{"ResourceType": "volume",
                                              "Tags": [{"Key": "Name", "Value": "patients-db-data"}]}])
    else:
        group("debug-anywhere", [{"IpProtocol": "-1", "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}])
        ec2.create_volume(Size=20, AvailabilityZone="eu-west-1a",
                          TagSpecifications=[{"ResourceType": "volume",
                                              "Tags": [{"Key": "Name", "Value": "legacy-scratch"}]}])
    return {"vpc": vpc, "web_sg": web, "subnet_a": subnets[0], "subnet_b": subnets[1]}


def _databases(session: Any) -> None:
    rds = session.client("rds", region_name="us-east-1")
    rds.create_db_instance(DBInstanceIdentifier="patients-db", Engine="postgres", DBInstanceClass="db.t3.medium",
                           MasterUsername="app", MasterUserPassword="demo-password-1", AllocatedStorage=50,
                           StorageEncrypted=True, KmsKeyId="alias/aws/rds", PubliclyAccessible=False,
                           EnableCloudwatchLogsExports=["postgresql", "upgrade"])
    eu = session.client("rds", region_name="eu-west-1")
    eu.create_db_instance(DBInstanceIdentifier="analytics-replica", Engine="mysql",
                          DBInstanceClass="db.t3.medium", MasterUsername="app",
                          MasterUserPassword="demo-password-2", AllocatedStorage=20, StorageEncrypted=False,
                          PubliclyAccessible=True)


def _config_recording(session: Any) -> None:
    """AWS Config records every resource type and Security Hub checks it in us-east-1; nobody turned either on in
    eu-west-1."""
    config = session.client("config", region_name="us-east-1")
    config.put_configuration_recorder(ConfigurationRecorder={
        "name": "default", "roleARN": "arn:aws:iam::123456789012:role/aws-config",
        "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": True}})
    config.put_delivery_channel(DeliveryChannel={"name": "default", "s3BucketName": "acme-access-logs"})
    config.start_configuration_recorder(ConfigurationRecorderName="default")
    session.client("securityhub", region_name="us-east-1").enable_security_hub(EnableDefaultStandards=False)
    session.client("eks", region_name="us-east-1").create_cluster(  # audit logs only: the API server's are off
        name="claims-eks", roleArn="arn:aws:iam::123456789012:role/eks-cluster",
        resourcesVpcConfig={"subnetIds": ["subnet-0a1b2c3d"]},
        logging={"clusterLogging": [{"types": ["audit"], "enabled": True}]})


def _logging(session: Any) -> None:
    s3 = session.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="acme-cloudtrail")
    s3.put_bucket_policy(Bucket="acme-cloudtrail", Policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
                       "Action": ["s3:GetBucketAcl", "s3:PutObject"], "Resource": [
                           "arn:aws:s3:::acme-cloudtrail", "arn:aws:s3:::acme-cloudtrail/*"]}]}))
    ct = session.client("cloudtrail", region_name="us-east-1")
    ct.create_trail(Name="org-trail", S3BucketName="acme-cloudtrail", IsMultiRegionTrail=True,
                    EnableLogFileValidation=True, KmsKeyId="alias/phi-data")
    ct.start_logging(Name="org-trail")
    eu = session.client("cloudtrail", region_name="eu-west-1")
    eu.create_trail(Name="eu-debug-trail", S3BucketName="acme-cloudtrail")
    logs = session.client("logs", region_name="us-east-1")
    for name, days in (("/aws/vpc/flow-logs", 400), ("/app/api", 30), ("/app/audit", None)):
        logs.create_log_group(logGroupName=name)
        if days:
            logs.put_retention_policy(logGroupName=name, retentionInDays=days)
    session.client("logs", region_name="eu-west-1").create_log_group(logGroupName="/app/eu-batch")


def _load_balancers(session: Any, region: str, net: dict[str, str]) -> None:
    elb = session.client("elbv2", region_name=region)
    acm = session.client("acm", region_name=region)
    cert = acm.request_certificate(DomainName="portal.example.com")["CertificateArn"]
    name = "patient-portal" if region == "us-east-1" else "legacy-api"
    lb = elb.create_load_balancer(Name=name, Subnets=[net["subnet_a"], net["subnet_b"]],
                                  SecurityGroups=[net["web_sg"]])["LoadBalancers"][0]["LoadBalancerArn"]
    if region == "us-east-1":  # the portal's requests are logged; the legacy API's are not
        elb.modify_load_balancer_attributes(LoadBalancerArn=lb, Attributes=[
            {"Key": "access_logs.s3.enabled", "Value": "true"},
            {"Key": "access_logs.s3.bucket", "Value": "acme-access-logs"}])
    tg = elb.create_target_group(Name=f"{name}-tg", Protocol="HTTP", Port=8080, VpcId=net["vpc"])[
        "TargetGroups"][0]["TargetGroupArn"]
    forward = [{"Type": "forward", "TargetGroupArn": tg}]
    policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" if region == "us-east-1" else "ELBSecurityPolicy-2016-08"
    elb.create_listener(LoadBalancerArn=lb, Protocol="HTTPS", Port=443, SslPolicy=policy,
                        Certificates=[{"CertificateArn": cert}], DefaultActions=forward)
    if region == "us-east-1":
        elb.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80, DefaultActions=[{
            "Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}])
    else:
        elb.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80, DefaultActions=forward)


def _identities(session: Any) -> None:
    iam = session.client("iam", region_name="us-east-1")
    iam.update_account_password_policy(MinimumPasswordLength=8, RequireNumbers=True)
    admin = iam.create_policy(PolicyName="AdminEverything", PolicyDocument=json.dumps(ADMIN_POLICY))
    read = iam.create_policy(PolicyName="ReadPhiBucket", PolicyDocument=json.dumps(READ_PHI_POLICY))
    iam.create_group(GroupName="clinicians")
    iam.attach_group_policy(GroupName="clinicians", PolicyArn=read["Policy"]["Arn"])
    for user in ("alice", "bob", "ci-deployer"):
        iam.create_user(UserName=user)
    for user in ("alice", "bob"):
        iam.create_login_profile(UserName=user, Password="Demo-Password-123!")
        iam.add_user_to_group(GroupName="clinicians", UserName=user)
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName="alice")["VirtualMFADevice"]
    iam.enable_mfa_device(UserName="alice", SerialNumber=device["SerialNumber"],
                          AuthenticationCode1="123456", AuthenticationCode2="654321")
    iam.attach_user_policy(UserName="bob", PolicyArn=admin["Policy"]["Arn"])
    old = iam.create_access_key(UserName="ci-deployer")["AccessKey"]["AccessKeyId"]
    iam.create_access_key(UserName="alice")
    _age_access_key("ci-deployer", old, days=200)
    _stale_credentials(iam)


def _stale_credentials(iam: Any) -> None:
    """A locum's console password unused since it was set 120 days ago; the ETL service's key rotation never
    finished (its new key is active beside the old one)."""
    iam.create_user(UserName="locum-radiologist")
    iam.create_login_profile(UserName="locum-radiologist", Password="Demo-Password-123!")
    iam.add_user_to_group(GroupName="clinicians", UserName="locum-radiologist")
    iam.create_user(UserName="etl-service")
    first = iam.create_access_key(UserName="etl-service")["AccessKey"]["AccessKeyId"]
    iam.create_access_key(UserName="etl-service")
    _age_access_key("etl-service", first, days=30)
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.iam.models import iam_backends

    backend = iam_backends[DEFAULT_ACCOUNT_ID]["global"]
    if "locum-radiologist" not in backend.users:  # seeded into an out-of-process moto server
        return
    # the report dates a never-used password from when it was set (here: when the user was created)
    backend.users["locum-radiologist"].create_date = datetime.now(timezone.utc).replace(tzinfo=None) - timedelta(
        days=120)
    _root_used(backend, days_ago=12)


def _root_used(backend: Any, days_ago: int) -> None:
    """AWS's credential report always starts with the root user's row; moto's has none. The demo's root
    user signed in to the console 12 days ago (and has no access keys)."""
    when = (datetime.now(timezone.utc) - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    never = "N/A"
    row = ",".join(["<root_account>", "arn:aws:iam::123456789012:root", "2019-06-01T09:00:00+00:00",
                    "not_supported", when, "not_supported", "not_supported", "false", "false", never, never, never,
                    never, "false", never, never, never, never, "false", never, "false", never])
    report = backend.get_credential_report

    def with_root() -> str:
        header, _, users = report().partition("\n")
        return f"{header}\n{row}\n{users}"

    backend.get_credential_report = with_root


def _age_access_key(user: str, key_id: str, days: int) -> None:
    """moto stamps keys with the current time; the demo needs one that has not rotated in 200 days."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.iam.models import iam_backends

    backend = iam_backends[DEFAULT_ACCOUNT_ID]["global"]
    if user not in backend.users:  # seeded into an out-of-process moto server: the key stays new
        return
    for key in backend.users[user].access_keys:
        if key.access_key_id == key_id:
            key.create_date = datetime.now(timezone.utc).replace(tzinfo=None) - timedelta(days=days)


def _threat_detection(session: Any) -> None:
    """GuardDuty watches the home region only: eu-west-1 was never switched on."""
    session.client("guardduty", region_name="us-east-1").create_detector(Enable=True)


def _messaging(session: Any) -> None:
    """Lab orders flow through an encrypted queue; an old alerts topic and a scratch share are not encrypted."""
    session.client("sqs", region_name="us-east-1").create_queue(QueueName="acme-lab-orders")  # SSE-SQS default
    session.client("sns", region_name="us-east-1").create_topic(Name="acme-phi-alerts")
    efs = session.client("efs", region_name="us-east-1")
    efs.create_file_system(CreationToken="acme-imaging", Encrypted=True,
                           Tags=[{"Key": "Name", "Value": "acme-imaging"}])
    eu = session.client("efs", region_name="eu-west-1")
    eu.create_file_system(CreationToken="acme-eu-scratch", Tags=[{"Key": "Name", "Value": "acme-eu-scratch"}])


def _encryption_at_rest(session: Any) -> None:
    """A private Redshift warehouse encrypted with the AWS-managed key, not a customer's; a plain Kinesis stream."""
    session.client("redshift", region_name="us-east-1").create_cluster(
        ClusterIdentifier="claims-warehouse", NodeType="ra3.xlplus", ClusterType="single-node", MasterUsername="app",
        MasterUserPassword="Demo-password-3", Encrypted=True, KmsKeyId="alias/aws/redshift", PubliclyAccessible=False)
    kinesis = session.client("kinesis", region_name="us-east-1")  # claim events never encrypted
    kinesis.create_stream(StreamName="claims-events", ShardCount=1)


def _snapshots(session: Any) -> None:
    """A private, encrypted manual snapshot of patients-db; an unencrypted export of analytics-replica shared with
    every account; an unencrypted EBS snapshot of the legacy scratch disk shared with every account.

    moto keeps an automated snapshot of every instance, named after the minute it was made; AWS names them so
    too, but a demo whose resource names change every minute would show churn against its own baseline:
    those are removed, as if backups were taken by AWS Backup instead."""
    for region in REGIONS:
        rds = session.client("rds", region_name=region)
        for snap in rds.describe_db_snapshots(SnapshotType="automated")["DBSnapshots"]:
            rds.delete_db_snapshot(DBSnapshotIdentifier=snap["DBSnapshotIdentifier"])
    session.client("rds", region_name="us-east-1").create_db_snapshot(
        DBSnapshotIdentifier="patients-db-nightly", DBInstanceIdentifier="patients-db")
    eu = session.client("rds", region_name="eu-west-1")
    eu.create_db_snapshot(DBSnapshotIdentifier="analytics-export", DBInstanceIdentifier="analytics-replica")
    eu.modify_db_snapshot_attribute(DBSnapshotIdentifier="analytics-export", AttributeName="restore",
                                    ValuesToAdd=["all"])
    ec2 = session.client("ec2", region_name="eu-west-1")
    [scratch] = ec2.describe_volumes(Filters=[{"Name": "tag:Name", "Values": ["legacy-scratch"]}])["Volumes"]
    snap = ec2.create_snapshot(VolumeId=scratch["VolumeId"], TagSpecifications=[
        {"ResourceType": "snapshot", "Tags": [{"Key": "Name", "Value": "legacy-scratch-copy"}]}])["SnapshotId"]
    ec2.modify_snapshot_attribute(SnapshotId=snap, Attribute="createVolumePermission", OperationType="add",
                                  GroupNames=["all"])


def _secrets(session: Any) -> None:
    """The patients-db password on the PHI key, rotated monthly; a partner API key on the default
    aws/secretsmanager key that nobody rotates."""
    sm = session.client("secretsmanager", region_name="us-east-1")
    sm.create_secret(Name="patients-db-password", SecretString="demo-password-1", KmsKeyId="alias/phi-data")
    sm.rotate_secret(SecretId="patients-db-password", RotationRules={"AutomaticallyAfterDays": 30})
    sm.create_secret(Name="partner-api-key", SecretString="demo-api-key")


def _compute(session: Any, net: dict[str, str]) -> None:
    """A claims worker requiring IMDSv2 and a legacy reporting host launched with the default (IMDSv1 too), in a
    private subnet; a DMZ subnet handing every launch a public IPv4."""
    ec2 = session.client("ec2", region_name="us-east-1")
    for name, options in (("claims-worker", {"MetadataOptions": {"HttpTokens": "required"}}), ("legacy-reporting", {})):
        ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType="t3.micro",
                          SubnetId=net["subnet_a"], TagSpecifications=[
                              {"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": name}]}], **options)
    ec2.create_tags(Resources=[net["subnet_a"]], Tags=[{"Key": "Name", "Value": "app-private-a"}])
    dmz = ec2.create_subnet(VpcId=net["vpc"], CidrBlock="10.20.9.0/24", TagSpecifications=[
        {"ResourceType": "subnet", "Tags": [{"Key": "Name", "Value": "dmz-public"}]}])["Subnet"]["SubnetId"]
    ec2.modify_subnet_attribute(SubnetId=dmz, MapPublicIpOnLaunch={"Value": True})  # every launch gets a public IP
    ec2.create_launch_template(LaunchTemplateName="claims-worker-template",
                               LaunchTemplateData={"MetadataOptions": {"HttpTokens": "required"}})
    ec2.create_launch_template(LaunchTemplateName="batch-legacy-template",
                               LaunchTemplateData={"ImageId": "ami-12c6146b"})


def _functions(session: Any, net: dict[str, str]) -> None:
    """An eligibility checker in the app VPC's private subnet and a report mailer left in Lambda's own network."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return {}\n")
    role = session.client("iam").create_role(RoleName="acme-functions", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                "Principal": {"Service": "lambda.amazonaws.com"}}]}))["Role"]["Arn"]
    lam = session.client("lambda", region_name="us-east-1")
    for name, vpc in (("eligibility-check", {"SubnetIds": [net["subnet_a"]], "SecurityGroupIds": []}),
                      ("report-mailer", None)):
        lam.create_function(FunctionName=name, Runtime="python3.12", Role=role, Handler="index.handler",
                            Code={"ZipFile": buf.getvalue()}, **({"VpcConfig": vpc} if vpc else {}))


def _notebooks(session: Any, net: dict[str, str]) -> None:
    """A research notebook locked down (customer key, private subnet, no direct internet, no root) and a
    data-science sandbox left to SageMaker's defaults."""
    key = session.client("kms", region_name="us-east-1").describe_key(KeyId="alias/phi-data")["KeyMetadata"]["Arn"]
    sm = session.client("sagemaker", region_name="us-east-1")
    role = "arn:aws:iam::123456789012:role/acme-notebooks"
    sm.create_notebook_instance(NotebookInstanceName="outcomes-research", InstanceType="ml.t3.medium", RoleArn=role,
                                KmsKeyId=key, SubnetId=net["subnet_a"], SecurityGroupIds=[net["web_sg"]],
                                DirectInternetAccess="Disabled", RootAccess="Disabled")
    sm.create_notebook_instance(NotebookInstanceName="ds-sandbox", InstanceType="ml.t3.medium", RoleArn=role)


def _containers(session: Any, net: dict[str, str]) -> None:
    """A patient portal's ECS service in private subnets and an intake service handing its tasks public IPs; a
    log shipper task definition running its collector privileged."""
    ecs = session.client("ecs", region_name="us-east-1")
    ecs.create_cluster(clusterName="acme-apps")
    app = {"name": "app", "image": "nginx", "memory": 256}
    ecs.register_task_definition(family="patient-portal", networkMode="awsvpc", containerDefinitions=[app])
    ecs.register_task_definition(family="log-shipper", containerDefinitions=[
        {"name": "collector", "image": "fluent-bit", "memory": 128, "privileged": True}])
    for name, assign in (("patient-portal", "DISABLED"), ("intake-api", "ENABLED")):
        ecs.create_service(cluster="acme-apps", serviceName=name, taskDefinition="patient-portal", desiredCount=1,
                           launchType="FARGATE", networkConfiguration={"awsvpcConfiguration": {
                               "subnets": [net["subnet_a"]], "securityGroups": [net["web_sg"]],
                               "assignPublicIp": assign}})


DEMO_ALERTS = {  # the CIS AWS Foundations 4.x patterns the security team wired; the other ten were never set up
    "root-usage": '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS '
                  '&& $.eventType != "AwsServiceEvent" }',
    "unauthorized-api-calls": '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
    "console-signin-without-mfa": '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
    "audit-trail-changes": "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail)"
                           " || ($.eventName = StartLogging) || ($.eventName = StopLogging) }",
    "firewall-changes": "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupIngress)"
                        " || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }",  # no egress
}


def _change_alerts(session: Any) -> None:
    """The org trail also delivers to CloudWatch Logs, where metric filters alarm to the security team's
    subscribed topic for four kinds of events; the security group filter forgets egress rules, and nobody
    wired the rest (IAM policy, network, key deletion... changes)."""
    logs = session.client("logs", region_name="us-east-1")
    group = "/aws/cloudtrail/org-trail"
    logs.create_log_group(logGroupName=group)
    logs.put_retention_policy(logGroupName=group, retentionInDays=400)
    session.client("cloudtrail", region_name="us-east-1").update_trail(
        Name="org-trail", CloudWatchLogsLogGroupArn=f"arn:aws:logs:us-east-1:123456789012:log-group:{group}:*",
        CloudWatchLogsRoleArn="arn:aws:iam::123456789012:role/cloudtrail-to-logs")
    sns = session.client("sns", region_name="us-east-1")
    topic = sns.create_topic(Name="acme-security-alerts", Attributes={"KmsMasterKeyId": "alias/phi-data"})["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="security@acme-health.example")
    cloudwatch = session.client("cloudwatch", region_name="us-east-1")
    for name, pattern in DEMO_ALERTS.items():
        logs.put_metric_filter(logGroupName=group, filterName=name, filterPattern=pattern, metricTransformations=[
            {"metricName": name, "metricNamespace": "CISBenchmark", "metricValue": "1"}])
        cloudwatch.put_metric_alarm(AlarmName=f"cis-{name}", MetricName=name, Namespace="CISBenchmark",
                                    Statistic="Sum", Period=300, EvaluationPeriods=1, Threshold=1,
                                    ComparisonOperator="GreaterThanOrEqualToThreshold", AlarmActions=[topic])


def _file_system_policies(session: Any) -> None:
    """The imaging share refuses mounts without TLS; the EU scratch share has no file system policy."""
    efs = session.client("efs", region_name="us-east-1")
    for fs in efs.describe_file_systems()["FileSystems"]:
        if fs.get("Name") == "acme-imaging":
            efs.put_file_system_policy(FileSystemId=fs["FileSystemId"], Policy=json.dumps({
                "Version": "2012-10-17", "Statement": [{
                    "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*",
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))


def _replication(session: Any) -> None:
    """The claims migration runs on a private replication instance; a leftover one from the data-center move has a
    public IP."""
    dms = session.client("dms", region_name="us-east-1")
    for name, public in (("claims-migration", False), ("dc-exit-migration", True)):
        dms.create_replication_instance(ReplicationInstanceIdentifier=name, ReplicationInstanceClass="dms.t3.micro",
                                        PubliclyAccessible=public)


def _edge(session: Any) -> None:
    """The portal's CDN is TLS 1.2+, sends HTTP to HTTPS, logs and has a web ACL; the patient-files CDN sits on
    CloudFront's own certificate (TLSv1), serves every path over plaintext too, unlogged and unscreened. The claims
    API's prod stage writes access logs, its dev stage does not; no regional web ACL screens it or the ALBs."""
    cf, acm = session.client("cloudfront", region_name="us-east-1"), session.client("acm", region_name="us-east-1")
    forwarded = {"QueryString": False, "Cookies": {"Forward": "none"}}
    cdn_acl = session.client("wafv2", region_name="us-east-1").create_web_acl(
        Name="cdn-acl", Scope="CLOUDFRONT", DefaultAction={"Allow": {}}, Rules=[], VisibilityConfig={
            "SampledRequestsEnabled": False, "CloudWatchMetricsEnabled": False, "MetricName": "cdn"})["Summary"]["ARN"]
    for alias, secure in (("cdn.acme-health.example", True), ("files.acme-health.example", False)):
        cf.create_distribution(DistributionConfig={"WebACLId": cdn_acl if secure else "",
            "CallerReference": alias, "Comment": alias, "Enabled": True, "Aliases": {"Quantity": 1, "Items": [alias]},
            "Origins": {"Quantity": 1, "Items": [{"Id": "portal", "DomainName": "portal.example.com",
                                                  "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443,
                                                                         "OriginProtocolPolicy": "https-only"}}]},
            "DefaultCacheBehavior": {"TargetOriginId": "portal", "MinTTL": 0, "ForwardedValues": forwarded,
                                     "ViewerProtocolPolicy": "redirect-to-https" if secure else "allow-all"},
            "Logging": {"Enabled": secure, "IncludeCookies": False, "Prefix": "cdn/",
                        "Bucket": "acme-access-logs.s3.amazonaws.com" if secure else ""},
            "ViewerCertificate": {"ACMCertificateArn": acm.request_certificate(DomainName=alias)["CertificateArn"],
                                  "SSLSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021"}
            if secure else {"CloudFrontDefaultCertificate": True}})
    gw = session.client("apigateway", region_name="us-east-1")
    api = gw.create_rest_api(name="claims-api")["id"]
    root = gw.get_resources(restApiId=api)["items"][0]["id"]
    gw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="AWS_IAM")
    gw.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK")
    deployment = gw.create_deployment(restApiId=api)["id"]
    for stage in ("prod", "dev"):
        gw.create_stage(restApiId=api, stageName=stage, deploymentId=deployment)
    gw.update_stage(restApiId=api, stageName="prod", patchOperations=[
        {"op": "replace", "path": "/accessLogSettings/destinationArn",
         "value": "arn:aws:logs:us-east-1:123456789012:log-group:/app/audit"},
        {"op": "replace", "path": "/accessLogSettings/format", "value": "$context.requestId"}])


def _database_tls(session: Any) -> None:
    """patients-db moves to a parameter group forcing TLS (rds.force_ssl=1); the EU MySQL replica and the Redshift
    warehouse stay on their default groups, which take plaintext clients."""
    rds = session.client("rds", region_name="us-east-1")
    rds.create_db_parameter_group(DBParameterGroupName="acme-tls-only", DBParameterGroupFamily="postgres16",
                                  Description="TLS-only client connections")
    rds.modify_db_parameter_group(DBParameterGroupName="acme-tls-only", Parameters=[
        {"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "immediate"}])
    rds.modify_db_instance(DBInstanceIdentifier="patients-db", DBParameterGroupName="acme-tls-only",
                           ApplyImmediately=True)
    _search_and_cache(session)


def _search_and_cache(session: Any) -> None:
    """A claims search domain inside the VPC with HTTPS only, node-to-node encryption and audit logs; a session
    cache nobody encrypted, at rest or in transit."""
    session.client("opensearch", region_name="us-east-1").create_domain(
        DomainName="claims-search", EngineVersion="OpenSearch_2.11", VPCOptions={"SubnetIds": ["subnet-claims"]},
        EncryptionAtRestOptions={"Enabled": True, "KmsKeyId": "alias/aws/es"},
        NodeToNodeEncryptionOptions={"Enabled": True},
        DomainEndpointOptions={"EnforceHTTPS": True, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"},
        LogPublishingOptions={"AUDIT_LOGS": {"Enabled": True, "CloudWatchLogsLogGroupArn":
                                             "arn:aws:logs:us-east-1:123456789012:log-group:/search/audit"}})
    session.client("elasticache", region_name="us-east-1").create_replication_group(
        ReplicationGroupId="sessions-cache", ReplicationGroupDescription="web sessions", Engine="redis",
        CacheNodeType="cache.t3.micro")


def seed(session: Any) -> None:
    """Create the demo account's resources (mutating calls: the seeder, never the scanner)."""
    _s3(session)
    nets = {region: _network(session, region) for region in REGIONS}
    _databases(session)
    _logging(session)
    _config_recording(session)
    for region, net in nets.items():
        _load_balancers(session, region, net)
    _identities(session)
    _messaging(session)
    _threat_detection(session)
    _encryption_at_rest(session)
    _compute(session, nets["us-east-1"])
    _change_alerts(session)
    _narrower_grants(session)
    _open_doors(session)
    _snapshots(session)
    _secrets(session)
    _file_system_policies(session)
    _replication(session)
    _functions(session, nets["us-east-1"])
    _notebooks(session, nets["us-east-1"])
    _containers(session, nets["us-east-1"])
    _edge(session)
    _database_tls(session)


def _narrower_grants(session: Any) -> None:
    """A data-lake policy granting all of S3, and an ETL policy decrypting with every KMS key."""
    iam = session.client("iam", region_name="us-east-1")
    iam.create_policy(PolicyName="DataLakeAllS3", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
    iam.create_policy(PolicyName="EtlDecryptAnyKey", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*"}]}))


def _open_doors(session: Any) -> None:
    """A support role any AWS account may assume beside a service role, and a partner inbox queue anyone may
    write to (the lab orders queue keeps SQS's default: the account only)."""
    iam = session.client("iam", region_name="us-east-1")
    for name, principal in (("vendor-support", {"AWS": "*"}), ("claims-worker", {"Service": "lambda.amazonaws.com"})):
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}]}))
    sqs = session.client("sqs", region_name="us-east-1")
    url = sqs.create_queue(QueueName="acme-partner-inbox")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": arn}]})})


def run_demo(progress: Callable[[int, int, str], None] | None = None) -> Any:
    """Seed a fresh in-process moto account and scan it with the real scanner."""
    import os

    import boto3
    from moto import mock_aws

    from hitrust_policies.sources.live.aws.scan import scan_aws

    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    with mock_aws():
        # moto draws resource ids (vpc-, sg-, vol-, KMS key ids, access keys...) from one random source:
        # seeded, the demo account has the same ids every run, so `hitrust demo --baseline` shows no churn.
        from moto.moto_api._internal import mock_random

        mock_random.seed(DEMO_SEED)
        session = boto3.Session(region_name="us-east-1")
        seed(session)
        from hitrust_policies.testing.moto_gaps import serve_function_url_listing

        serve_function_url_listing(session)  # moto stores Lambda function URLs but does not list them
        # Same session: its loader already holds the service models (the EC2 one alone is ~30 MB).
        return scan_aws(session=session, regions=list(REGIONS), progress=progress)
