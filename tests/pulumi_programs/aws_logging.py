"""pulumi-aws programs for the logging checks: databases' audit logs, ..."""

LOGIN = {"master_username": "app", "master_password": "hunter2-db-password", "skip_final_snapshot": True}


def database_audit_logs() -> None:
    """Instances exporting their engine's audit log or only their error log, an Aurora cluster (and its member,
    which exports nothing of its own) and a cluster whose export list waits on another resource's id."""
    import pulumi_aws as aws

    for name, logs in (("audited-db", ["audit", "error"]), ("errors-only-db", ["error"])):
        aws.rds.Instance(name, identifier=name, engine="mysql", instance_class="db.t3.micro", allocated_storage=20,
                         storage_encrypted=True, enabled_cloudwatch_logs_exports=logs, username="app",
                         password="hunter2-db-password", skip_final_snapshot=True)
    aurora = aws.rds.Cluster("aurora-pg", cluster_identifier="aurora-pg", engine="aurora-postgresql",
                             enabled_cloudwatch_logs_exports=["postgresql"], **LOGIN)
    aws.rds.ClusterInstance("aurora-pg-1", identifier="aurora-pg-1", cluster_identifier=aurora.id,
                            engine="aurora-postgresql", instance_class="db.r6g.large")
    key = aws.kms.Key("late-key", enable_key_rotation=True)
    aws.rds.Cluster("late-cluster", cluster_identifier="late-cluster", engine="aurora-mysql",
                    enabled_cloudwatch_logs_exports=[key.key_id.apply(lambda _: "audit")], **LOGIN)


def vpc_flow_logs() -> None:
    """A VPC whose flow log captures ALL traffic, one capturing only REJECT, one with an ACCEPT and a REJECT log,
    and one whose flow log's traffic type waits on another resource's id."""
    import pulumi_aws as aws

    role = "arn:aws:iam::123456789012:role/flow-logs"
    for name, cidr, types in (("all-vpc", "10.1.0.0/16", ["ALL"]), ("reject-vpc", "10.2.0.0/16", ["REJECT"]),
                              ("split-vpc", "10.3.0.0/16", ["ACCEPT", "REJECT"])):
        vpc = aws.ec2.Vpc(name, cidr_block=cidr, tags={"Name": name})
        for traffic in types:
            aws.ec2.FlowLog(f"{name}-{traffic.lower()}", vpc_id=vpc.id, traffic_type=traffic, iam_role_arn=role,
                            log_destination=f"arn:aws:logs:us-east-1:123456789012:log-group:/flows/{name}")
    late = aws.ec2.Vpc("late-vpc", cidr_block="10.4.0.0/16", tags={"Name": "late-vpc"})
    key = aws.kms.Key("late-flows-key", enable_key_rotation=True)
    aws.ec2.FlowLog("late-vpc-flows", vpc_id=late.id, traffic_type=key.key_id.apply(lambda _: "ALL"), iam_role_arn=role,
                    log_destination="arn:aws:logs:us-east-1:123456789012:log-group:/flows/late-vpc")


def load_balancer_access_logs() -> None:
    """An ALB logging to S3, one with a bucket named but logging left off (the provider's default), a bare NLB, a
    gateway LB (keeps no access log), a classic LB with an access_logs block (on by default) and one without,
    and an ALB whose logging switch waits on another resource."""
    import pulumi_aws as aws

    subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    aws.lb.LoadBalancer("logged-alb", name="logged-alb", subnets=subnets,
                        access_logs={"bucket": "lb-access-logs", "enabled": True})
    aws.lb.LoadBalancer("bucket-only-alb", name="bucket-only-alb", subnets=subnets,
                        access_logs={"bucket": "lb-access-logs"})
    aws.lb.LoadBalancer("bare-nlb", name="bare-nlb", load_balancer_type="network", subnets=subnets)
    aws.lb.LoadBalancer("gw", name="gw", load_balancer_type="gateway", subnets=subnets)
    listener = {"instance_port": 80, "instance_protocol": "http", "lb_port": 80, "lb_protocol": "http"}
    aws.elb.LoadBalancer("logged-clb", name="logged-clb", availability_zones=["us-east-1a"], listeners=[listener],
                         access_logs={"bucket": "lb-access-logs", "interval": 5})
    aws.elb.LoadBalancer("quiet-clb", name="quiet-clb", availability_zones=["us-east-1a"], listeners=[listener])
    key = aws.kms.Key("late-lb-key", enable_key_rotation=True)
    aws.alb.LoadBalancer("late-alb", name="late-alb", subnets=subnets, access_logs={
        "bucket": "lb-access-logs", "enabled": key.key_id.apply(lambda _: True)})


def config_recorders() -> None:
    """Three regions' recorders: all types and started, S3 buckets only and started, all types never started."""
    import pulumi
    import pulumi_aws as aws

    role = "arn:aws:iam::123456789012:role/config"
    for region, group, start in (("us-east-1", None, True),
                                 ("eu-west-1", {"all_supported": False, "resource_types": ["AWS::S3::Bucket"]}, True),
                                 ("us-west-2", {"all_supported": True, "include_global_resource_types": False}, False)):
        opts = pulumi.ResourceOptions(provider=aws.Provider(f"aws-{region}", region=region))
        recorder = aws.cfg.Recorder(f"recorder-{region}", name="default", role_arn=role, recording_group=group,
                                    region=region, opts=opts)
        channel = aws.cfg.DeliveryChannel(f"channel-{region}", name="default", s3_bucket_name="config-history",
                                          region=region, opts=pulumi.ResourceOptions(provider=opts.provider,
                                                                                     depends_on=[recorder]))
        if start:
            aws.cfg.RecorderStatus(f"status-{region}", name=recorder.name, is_enabled=True, region=region,
                                   opts=pulumi.ResourceOptions(provider=opts.provider, depends_on=[channel]))


def eks_clusters() -> None:
    """A cluster delivering every control-plane log type, one delivering audit logs only, one with the default (none),
    and one whose log list waits on another resource's id."""
    import pulumi_aws as aws

    vpc = {"subnet_ids": ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]}
    role = "arn:aws:iam::123456789012:role/eks"
    every = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
    aws.eks.Cluster("all-logs-eks", name="all-logs-eks", role_arn=role, vpc_config=vpc, enabled_cluster_log_types=every)
    aws.eks.Cluster("audit-eks", name="audit-eks", role_arn=role, vpc_config=vpc, enabled_cluster_log_types=["audit"])
    aws.eks.Cluster("quiet-eks", name="quiet-eks", role_arn=role, vpc_config=vpc)
    key = aws.kms.Key("late-eks-key", enable_key_rotation=True)
    aws.eks.Cluster("late-eks", name="late-eks", role_arn=role, vpc_config=vpc,
                    enabled_cluster_log_types=[key.key_id.apply(lambda _, t=t: t) for t in every])
