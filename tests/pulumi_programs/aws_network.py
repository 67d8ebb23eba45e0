"""pulumi-aws programs for the AWS network and exposure checks: instance metadata options, ..."""

AMI = "ami-12c6146b"


def instance_metadata() -> None:
    """Instances requiring IMDSv2, leaving the options out, switching the endpoint off, and one whose token
    setting waits on another resource's id."""
    import pulumi_aws as aws

    aws.ec2.Instance("v2-only", ami=AMI, instance_type="t3.micro",
                     metadata_options={"http_tokens": "required", "http_endpoint": "enabled"})
    aws.ec2.Instance("default-launch", ami=AMI, instance_type="t3.micro")
    aws.ec2.Instance("no-imds", ami=AMI, instance_type="t3.micro",
                     metadata_options={"http_tokens": "optional", "http_endpoint": "disabled"})
    key = aws.kms.Key("late-imds-key", enable_key_rotation=True)
    aws.ec2.Instance("late-imds", ami=AMI, instance_type="t3.micro",
                     metadata_options={"http_tokens": key.key_id.apply(lambda _: "required")})


def subnets() -> None:
    """A private subnet (the default), one mapping public IPv4 addresses, one explicitly not, and one whose
    setting waits on another resource's id."""
    import pulumi_aws as aws

    vpc = aws.ec2.Vpc("net-vpc", cidr_block="10.30.0.0/16")
    aws.ec2.Subnet("private-a", vpc_id=vpc.id, cidr_block="10.30.1.0/24")
    aws.ec2.Subnet("public-a", vpc_id=vpc.id, cidr_block="10.30.2.0/24", map_public_ip_on_launch=True)
    aws.ec2.Subnet("private-b", vpc_id=vpc.id, cidr_block="10.30.3.0/24", map_public_ip_on_launch=False)
    aws.ec2.Subnet("late-subnet", vpc_id=vpc.id, cidr_block="10.30.4.0/24",
                   map_public_ip_on_launch=vpc.id.apply(lambda _: True))


def eks_endpoints() -> None:
    """Clusters with a private endpoint only, a public one restricted to an office range, one open to the
    internet, one leaving both to EKS (public, 0.0.0.0/0), and one whose ranges wait on another resource."""
    import pulumi_aws as aws

    role = "arn:aws:iam::123456789012:role/eks"
    subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    for name, vpc in (("private-eks", {"endpoint_public_access": False, "endpoint_private_access": True}),
                      ("office-eks", {"public_access_cidrs": ["203.0.113.0/24"]}),
                      ("open-eks", {"endpoint_public_access": True, "public_access_cidrs": ["0.0.0.0/0"]}),
                      ("default-eks", {})):
        aws.eks.Cluster(name, name=name, role_arn=role, vpc_config={"subnet_ids": subnets, **vpc})
    key = aws.kms.Key("late-endpoint-key", enable_key_rotation=True)
    aws.eks.Cluster("late-endpoint-eks", name="late-endpoint-eks", role_arn=role, vpc_config={
        "subnet_ids": subnets, "public_access_cidrs": [key.key_id.apply(lambda _: "10.0.0.0/8")]})


def function_urls() -> None:
    """A function URL requiring SigV4, one anyone can call, and one whose auth type waits on another resource."""
    import pulumi
    import pulumi_aws as aws

    code = pulumi.AssetArchive({"index.py": pulumi.StringAsset("def handler(event, context):\n    return {}\n")})
    key = aws.kms.Key("late-url-key", enable_key_rotation=True)
    for name, auth in (("signed-fn", "AWS_IAM"), ("open-fn", "NONE"), ("late-fn", key.key_id.apply(lambda _: "NONE"))):
        fn = aws.lambda_.Function(name, name=name, runtime="python3.12", handler="index.handler", code=code,
                                  role="arn:aws:iam::123456789012:role/fn-role")
        aws.lambda_.FunctionUrl(f"{name}-url", function_name=name, authorization_type=auth,
                                opts=pulumi.ResourceOptions(depends_on=[fn]))


def resource_policies() -> None:
    """Per service, a resource open to "*" and one narrowed to an organization or an account (or with no
    policy): Lambda permissions, a queue's own policy and a QueuePolicy, a TopicPolicy, a RepositoryPolicy, a
    SecretPolicy; and a queue policy built from the queue's ARN (computed at preview)."""
    import json

    import pulumi
    import pulumi_aws as aws

    def policy(action, resource, condition=None) -> str:
        statement = {"Effect": "Allow", "Principal": "*", "Action": action, "Resource": resource}
        return json.dumps({"Version": "2012-10-17", "Statement": [
            {**statement, "Condition": condition} if condition else statement]})

    org = {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}
    code = pulumi.AssetArchive({"index.py": pulumi.StringAsset("def handler(event, context):\n    return {}\n")})
    fns = {name: aws.lambda_.Function(name, name=name, runtime="python3.12", handler="index.handler", code=code,
                                      role="arn:aws:iam::123456789012:role/fn-role")
           for name in ("open-fn", "partner-fn", "plain-fn")}
    aws.lambda_.Permission("open-fn-anyone", function=fns["open-fn"].name, action="lambda:InvokeFunction",
                           principal="*")
    aws.lambda_.Permission("partner-fn-account", function=fns["partner-fn"].name, action="lambda:InvokeFunction",
                           principal="111122223333")
    aws.sqs.Queue("open-queue", name="open-queue", policy=policy("sqs:SendMessage", "*"))
    org_queue = aws.sqs.Queue("org-queue", name="org-queue")
    aws.sqs.QueuePolicy("org-queue-policy", queue_url=org_queue.url, policy=policy("sqs:SendMessage", "*", org))
    late = aws.sqs.Queue("late-queue", name="late-queue")
    aws.sqs.QueuePolicy("late-queue-policy", queue_url=late.url,
                        policy=late.arn.apply(lambda arn: policy("sqs:SendMessage", arn)))
    topic = aws.sns.Topic("open-topic", name="open-topic")
    aws.sns.TopicPolicy("open-topic-policy", arn=topic.arn, policy=policy("sns:Subscribe", "*"))
    aws.sns.Topic("default-topic", name="default-topic")
    repo = aws.ecr.Repository("open-repo", name="open-repo")
    aws.ecr.RepositoryPolicy("open-repo-policy", repository=repo.name, policy=policy("ecr:BatchGetImage", "*"))
    aws.ecr.Repository("plain-repo", name="plain-repo")
    secret = aws.secretsmanager.Secret("open-secret", name="open-secret")
    aws.secretsmanager.SecretPolicy("open-secret-policy", secret_arn=secret.arn,
                                    policy=policy("secretsmanager:GetSecretValue", "*"))
    org_secret = aws.secretsmanager.Secret("org-secret", name="org-secret")
    aws.secretsmanager.SecretPolicy("org-secret-policy", secret_arn=org_secret.arn,
                                    policy=policy("secretsmanager:GetSecretValue", "*", org))


def replication_instances() -> None:
    """DMS replication instances: private, public, left to the provider (private), and one whose flag waits on
    another resource."""
    import pulumi_aws as aws

    key = aws.kms.Key("late-dms-key", enable_key_rotation=True)
    for name, public in (("claims-migration", False), ("legacy-migration", True), ("default-migration", None),
                         ("late-migration", key.key_id.apply(lambda _: True))):
        aws.dms.ReplicationInstance(name, replication_instance_id=name, replication_instance_class="dms.t3.micro",
                                    publicly_accessible=public)


def lambda_functions() -> None:
    """A function in private subnets, one in Lambda's own network, one with an empty VPC configuration, and one
    whose subnets wait on another resource's output."""
    import pulumi
    import pulumi_aws as aws

    code = pulumi.AssetArchive({"index.py": pulumi.StringAsset("def handler(event, context):\n    return {}\n")})
    vpc = aws.ec2.Vpc("fn-vpc", cidr_block="10.8.0.0/16")
    subnet = aws.ec2.Subnet("fn-private", vpc_id=vpc.id, cidr_block="10.8.1.0/24")
    group = aws.ec2.SecurityGroup("fn-sg", vpc_id=vpc.id)
    key = aws.kms.Key("late-fn-key", enable_key_rotation=True)
    for name, vpc_config in (("vpc-fn", {"subnet_ids": [subnet.id], "security_group_ids": [group.id]}),
                             ("public-fn", None),
                             ("empty-vpc-fn", {"subnet_ids": [], "security_group_ids": []}),
                             ("late-vpc-fn", {"subnet_ids": key.key_id.apply(lambda _: []),
                                              "security_group_ids": []})):
        aws.lambda_.Function(name, name=name, runtime="python3.12", handler="index.handler", code=code,
                             role="arn:aws:iam::123456789012:role/fn-role",
                             **({"vpc_config": vpc_config} if vpc_config else {}))


def notebooks() -> None:
    """A locked-down notebook (customer key, private subnet, no direct internet, no root), one left to
    SageMaker's defaults, and one whose settings wait on another resource's output."""
    import pulumi_aws as aws

    role = "arn:aws:iam::123456789012:role/notebooks"
    key = aws.kms.Key("notebook-key", enable_key_rotation=True)
    vpc = aws.ec2.Vpc("nb-vpc", cidr_block="10.9.0.0/16")
    subnet = aws.ec2.Subnet("nb-private", vpc_id=vpc.id, cidr_block="10.9.1.0/24")
    group = aws.ec2.SecurityGroup("nb-sg", vpc_id=vpc.id)
    aws.sagemaker.NotebookInstance("locked-nb", name="locked-nb", instance_type="ml.t3.medium", role_arn=role,
                                   kms_key_id=key.arn, subnet_id=subnet.id, security_groups=[group.id],
                                   direct_internet_access="Disabled", root_access="Disabled")
    aws.sagemaker.NotebookInstance("default-nb", name="default-nb", instance_type="ml.t3.medium", role_arn=role)
    late = key.key_id.apply(lambda _: "Disabled")
    aws.sagemaker.NotebookInstance("late-nb", name="late-nb", instance_type="ml.t3.medium", role_arn=role,
                                   kms_key_id=key.arn, subnet_id=subnet.id, direct_internet_access=late,
                                   root_access=late)


def containers() -> None:
    """ECS services with and without public IPs (and one whose setting waits on another output), and task
    definitions with a privileged container, without, and built from an output unknown at preview."""
    import json

    import pulumi
    import pulumi_aws as aws

    vpc = aws.ec2.Vpc("ecs-vpc", cidr_block="10.7.0.0/16")
    subnet = aws.ec2.Subnet("ecs-private", vpc_id=vpc.id, cidr_block="10.7.1.0/24")
    cluster = aws.ecs.Cluster("apps", name="apps")
    key = aws.kms.Key("late-ecs-key", enable_key_rotation=True)
    app = {"name": "app", "image": "nginx", "memory": 128}
    web = aws.ecs.TaskDefinition("web", family="web", network_mode="awsvpc", requires_compatibilities=["FARGATE"],
                                 cpu="256", memory="512", container_definitions=json.dumps([app]))
    aws.ecs.TaskDefinition("agent", family="agent", container_definitions=json.dumps(
        [app, {"name": "collector", "image": "agent", "memory": 128, "privileged": True}]))
    aws.ecs.TaskDefinition("late-td", family="late-td", container_definitions=pulumi.Output.json_dumps(
        [app | {"image": key.arn}]))
    for name, assign in (("public-svc", True), ("private-svc", False),
                         ("late-svc", key.key_id.apply(lambda _: False))):
        aws.ecs.Service(name, name=name, cluster=cluster.arn, task_definition=web.arn, desired_count=1,
                        launch_type="FARGATE", network_configuration={"subnets": [subnet.id],
                                                                      "assign_public_ip": assign})
    aws.ecs.Service("bridge-svc", name="bridge-svc", cluster=cluster.arn, task_definition=web.arn, desired_count=1)


def launch_templates() -> None:
    """Launch templates requiring IMDSv2, leaving the options out, and one whose setting waits on an output."""
    import pulumi_aws as aws

    aws.ec2.LaunchTemplate("v2-template", name="v2-template", image_id=AMI,
                           metadata_options={"http_tokens": "required", "http_endpoint": "enabled"})
    aws.ec2.LaunchTemplate("legacy-template", name="legacy-template", image_id=AMI)
    key = aws.kms.Key("late-template-key", enable_key_rotation=True)
    aws.ec2.LaunchTemplate("late-template", name="late-template", image_id=AMI,
                           metadata_options={"http_tokens": key.key_id.apply(lambda _: "required")})
