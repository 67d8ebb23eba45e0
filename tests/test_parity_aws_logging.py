"""Pack vs live scanner for the AWS logging sources: the same program and account give the same findings.

Scenarios and helpers are tests/test_parity.py's; these cover databases' audit log exports, VPC flow logs' traffic
types, load balancers' access logs, AWS Config recording
and EKS control-plane logs.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.parity import assert_pack_agrees_with_live
from tests.test_parity import PACK_RULES, Scenario, live_findings, pack  # noqa: F401  (pack: a fixture)

LOGIN = {"MasterUsername": "app", "MasterUserPassword": "correct-horse-1"}


def databases_program() -> None:
    import pulumi_aws as aws

    for name, engine, logs in (("audited-db", "mysql", ["audit", "error"]), ("errors-db", "mysql", ["error"]),
                               ("silent-pg", "postgres", [])):
        aws.rds.Instance(name, identifier=name, engine=engine, instance_class="db.t3.micro", allocated_storage=20,
                         enabled_cloudwatch_logs_exports=logs, username="app", password="correct-horse-1",
                         engine_version="14.9" if engine == "postgres" else None)
    for name, engine, logs in (("aurora-pg", "aurora-postgresql", ["postgresql"]), ("aurora-quiet", "aurora-mysql",
                                                                                    ["slowquery"])):
        aws.rds.Cluster(name, cluster_identifier=name, engine=engine, enabled_cloudwatch_logs_exports=logs,
                        master_username="app", master_password="correct-horse-1", skip_final_snapshot=True)


def databases_seed(session: Any) -> None:
    rds = session.client("rds")
    for name, engine, logs in (("audited-db", "mysql", ["audit", "error"]), ("errors-db", "mysql", ["error"]),
                               ("silent-pg", "postgres", [])):
        rds.create_db_instance(DBInstanceIdentifier=name, Engine=engine, DBInstanceClass="db.t3.micro",
                               AllocatedStorage=20, EnableCloudwatchLogsExports=logs, **LOGIN,
                               **({"EngineVersion": "14.9"} if engine == "postgres" else {}))
    for name, engine, logs in (("aurora-pg", "aurora-postgresql", ["postgresql"]), ("aurora-quiet", "aurora-mysql",
                                                                                    ["slowquery"])):
        rds.create_db_cluster(DBClusterIdentifier=name, Engine=engine, EnableCloudwatchLogsExports=logs, **LOGIN)


def flows_program() -> None:
    import pulumi_aws as aws

    for name, cidr, traffic in (("all-vpc", "10.1.0.0/16", "ALL"), ("reject-vpc", "10.2.0.0/16", "REJECT")):
        vpc = aws.ec2.Vpc(name, cidr_block=cidr, tags={"Name": name})
        aws.ec2.FlowLog(f"{name}-flows", vpc_id=vpc.id, traffic_type=traffic,
                        iam_role_arn="arn:aws:iam::123456789012:role/flow-logs", log_destination=f"/flows/{name}")


def flows_seed(session: Any) -> None:
    ec2 = session.client("ec2")
    for name, cidr, traffic in (("all-vpc", "10.1.0.0/16", "ALL"), ("reject-vpc", "10.2.0.0/16", "REJECT")):
        vpc = ec2.create_vpc(CidrBlock=cidr, TagSpecifications=[
            {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": name}]}])["Vpc"]["VpcId"]
        ec2.create_flow_logs(ResourceIds=[vpc], ResourceType="VPC", TrafficType=traffic, LogGroupName=f"/flows/{name}",
                             DeliverLogsPermissionArn="arn:aws:iam::123456789012:role/flow-logs")


def load_balancers_program() -> None:
    import pulumi_aws as aws

    aws.lb.LoadBalancer("logged-alb", name="logged-alb", subnets=["subnet-a", "subnet-b"],
                        access_logs={"bucket": "lb-access-logs", "enabled": True})
    aws.lb.LoadBalancer("quiet-alb", name="quiet-alb", subnets=["subnet-a", "subnet-b"])
    listener = {"instance_port": 80, "instance_protocol": "http", "lb_port": 80, "lb_protocol": "http"}
    aws.elb.LoadBalancer("logged-clb", name="logged-clb", availability_zones=["us-east-1a"], listeners=[listener],
                         access_logs={"bucket": "lb-access-logs", "interval": 5})
    aws.elb.LoadBalancer("quiet-clb", name="quiet-clb", availability_zones=["us-east-1a"], listeners=[listener])


def load_balancers_seed(session: Any) -> None:
    ec2, elbv2, elb = session.client("ec2"), session.client("elbv2"), session.client("elb")
    session.client("s3").create_bucket(Bucket="lb-access-logs")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    subnets = [s["SubnetId"] for s in ec2.describe_subnets(
        Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]][:2]
    for name, logged in (("logged-alb", True), ("quiet-alb", False)):
        arn = elbv2.create_load_balancer(Name=name, Subnets=subnets)["LoadBalancers"][0]["LoadBalancerArn"]
        if logged:
            elbv2.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[
                {"Key": "access_logs.s3.enabled", "Value": "true"},
                {"Key": "access_logs.s3.bucket", "Value": "lb-access-logs"}])
    for name, logged in (("logged-clb", True), ("quiet-clb", False)):
        elb.create_load_balancer(LoadBalancerName=name, AvailabilityZones=["us-east-1a"], Listeners=[
            {"Protocol": "HTTP", "LoadBalancerPort": 80, "InstanceProtocol": "HTTP", "InstancePort": 80}])
        if logged:
            elb.modify_load_balancer_attributes(LoadBalancerName=name, LoadBalancerAttributes={"AccessLog": {
                "Enabled": True, "S3BucketName": "lb-access-logs", "EmitInterval": 5}})


def config_program() -> None:
    import pulumi_aws as aws

    recorder = aws.cfg.Recorder("default", name="default", role_arn="arn:aws:iam::123456789012:role/config",
                                recording_group={"all_supported": False, "resource_types": ["AWS::S3::Bucket"]},
                                region="us-east-1")
    aws.cfg.RecorderStatus("default-on", name=recorder.name, is_enabled=True, region="us-east-1")


def config_seed(session: Any) -> None:
    config = session.client("config")
    config.put_configuration_recorder(ConfigurationRecorder={
        "name": "default", "roleARN": "arn:aws:iam::123456789012:role/config",
        "recordingGroup": {"allSupported": False, "resourceTypes": ["AWS::S3::Bucket"]}})
    config.put_delivery_channel(DeliveryChannel={"name": "default", "s3BucketName": "config-history"})
    config.start_configuration_recorder(ConfigurationRecorderName="default")


def eks_program() -> None:
    import pulumi_aws as aws

    every = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
    for name, logs in (("all-logs-eks", every), ("audit-eks", ["audit"])):
        aws.eks.Cluster(name, name=name, role_arn="arn:aws:iam::123456789012:role/eks",
                        vpc_config={"subnet_ids": ["subnet-0a1b2c3d"]}, enabled_cluster_log_types=logs)


def eks_seed(session: Any) -> None:
    every = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
    for name, logs in (("all-logs-eks", every), ("audit-eks", ["audit"])):
        session.client("eks").create_cluster(name=name, roleArn="arn:aws:iam::123456789012:role/eks",
                                             resourcesVpcConfig={"subnetIds": ["subnet-0a1b2c3d"]},
                                             logging={"clusterLogging": [{"types": logs, "enabled": True}]})


AUDIT, FLOWS, REQUESTS = "log-database-auditing", "log-network-flow-logs", "log-request-logging"
CONFIG = "log-config-recording-all-regions"
SCENARIOS = [
    Scenario("database-audit-logs", databases_program, databases_seed,
             frozenset({"audited-db", "errors-db", "silent-pg", "aurora-pg", "aurora-quiet"}),
             frozenset({(AUDIT, "errors-db"), (AUDIT, "silent-pg"), (AUDIT, "aurora-quiet")}),
             must_pass=frozenset({(AUDIT, "audited-db"), (AUDIT, "aurora-pg")})),
    Scenario("flow-log-traffic", flows_program, flows_seed, frozenset({"all-vpc", "reject-vpc"}),
             frozenset({(FLOWS, "reject-vpc")}), must_pass=frozenset({(FLOWS, "all-vpc")})),
    Scenario("load-balancer-access-logs", load_balancers_program, load_balancers_seed,
             frozenset({"logged-alb", "quiet-alb", "logged-clb", "quiet-clb"}),
             frozenset({(REQUESTS, "quiet-alb"), (REQUESTS, "quiet-clb")}),
             must_pass=frozenset({(REQUESTS, "logged-alb"), (REQUESTS, "logged-clb")})),
    Scenario("config-recording", config_program, config_seed, frozenset({"config/us-east-1"}),
             frozenset({(CONFIG, "config/us-east-1")})),  # recording, S3 buckets only
    Scenario("eks-control-plane-logs", eks_program, eks_seed, frozenset({"all-logs-eks", "audit-eks"}),
             frozenset({("log-cluster-control-plane-logs", "audit-eks")}),
             must_pass=frozenset({("log-cluster-control-plane-logs", "all-logs-eks")})),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_pack_and_scanner_agree(scenario: Scenario, pack, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    live = live_findings(scenario, monkeypatch)
    assert_pack_agrees_with_live(scenario.program, live, pack, names=scenario.names, rules=PACK_RULES,
                                 must_fail=scenario.must_fail, must_pass=scenario.must_pass)
