"""How a ``hashicorp/aws`` resource reads as the pulumi-aws resource built from it.

pulumi-aws is generated from the Terraform provider by the Pulumi bridge: each Terraform resource
type becomes one type token, each attribute keeps its meaning under a camelCase name, and the shape
changes in exactly two documented ways, which `translate` reproduces from the provider's own schema
(``aws_schema.json``, extracted from ``terraform providers schema -json`` by
``tests/terraform/aws/generate.sh``):

- a nested block or list attribute that may hold several items gets a plural name
  (``rule`` -> ``rules``, ``event_selector`` -> ``eventSelectors``, ``default_action`` ->
  ``defaultActions``); names already plural stay (``cidr_blocks`` -> ``cidrBlocks``);
- a nested block limited to one item (``max_items: 1``) becomes that object, not a one-item list
  (``apply_server_side_encryption_by_default``, an ``aws_s3_bucket``'s ``logging``).

Exceptions (where pulumi-aws names differ from that rule): ``ingress`` / ``egress`` of security
groups and network ACLs stay singular (pulumi-aws's ``ec2.SecurityGroup(ingress=[...])``).
Aliases Terraform keeps for renamed types (``aws_alb*``) map to the current token.

>>> pulumi_name("cloud_watch_logs_group_arn"), pulumi_name("event_selector", many=True)
('cloudWatchLogsGroupArn', 'eventSelectors')
>>> pulumi_name("ingress", many=True), pulumi_name("policy", many=True), pulumi_name("cidr_blocks", many=True)
('ingress', 'policies', 'cidrBlocks')
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

TOKENS: dict[str, str] = {
    "aws_cloudtrail": "aws:cloudtrail/trail:Trail",
    "aws_cloudwatch_log_group": "aws:cloudwatch/logGroup:LogGroup",
    "aws_config_configuration_recorder": "aws:cfg/recorder:Recorder",
    "aws_config_configuration_recorder_status": "aws:cfg/recorderStatus:RecorderStatus",
    "aws_db_instance": "aws:rds/instance:Instance",
    "aws_eks_cluster": "aws:eks/cluster:Cluster",
    "aws_redshift_cluster": "aws:redshift/cluster:Cluster",
    "aws_kinesis_stream": "aws:kinesis/stream:Stream",
    "aws_lambda_function_url": "aws:lambda/functionUrl:FunctionUrl",
    "aws_lambda_function": "aws:lambda/function:Function",
    "aws_sagemaker_notebook_instance": "aws:sagemaker/notebookInstance:NotebookInstance",
    "aws_ecs_service": "aws:ecs/service:Service",
    "aws_ecs_task_definition": "aws:ecs/taskDefinition:TaskDefinition",
    "aws_launch_template": "aws:ec2/launchTemplate:LaunchTemplate",
    "aws_rds_cluster": "aws:rds/cluster:Cluster",
    "aws_default_network_acl": "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
    "aws_default_security_group": "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    "aws_default_vpc": "aws:ec2/defaultVpc:DefaultVpc",
    "aws_ebs_default_kms_key": "aws:ebs/defaultKmsKey:DefaultKmsKey",
    "aws_ebs_encryption_by_default": "aws:ebs/encryptionByDefault:EncryptionByDefault",
    "aws_ebs_volume": "aws:ebs/volume:Volume",
    "aws_ebs_snapshot": "aws:ebs/snapshot:Snapshot",
    "aws_db_snapshot": "aws:rds/snapshot:Snapshot",
    "aws_db_cluster_snapshot": "aws:rds/clusterSnapshot:ClusterSnapshot",
    "aws_secretsmanager_secret": "aws:secretsmanager/secret:Secret",
    "aws_secretsmanager_secret_rotation": "aws:secretsmanager/secretRotation:SecretRotation",
    "aws_dynamodb_table": "aws:dynamodb/table:Table",
    "aws_efs_file_system": "aws:efs/fileSystem:FileSystem",
    "aws_elb": "aws:elb/loadBalancer:LoadBalancer",
    "aws_flow_log": "aws:ec2/flowLog:FlowLog",
    "aws_guardduty_detector": "aws:guardduty/detector:Detector",
    "aws_iam_account_password_policy": "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
    "aws_iam_group": "aws:iam/group:Group",
    "aws_iam_group_policy": "aws:iam/groupPolicy:GroupPolicy",
    "aws_iam_group_policy_attachment": "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    "aws_iam_policy": "aws:iam/policy:Policy",
    "aws_iam_policy_attachment": "aws:iam/policyAttachment:PolicyAttachment",
    "aws_iam_role": "aws:iam/role:Role",
    "aws_iam_role_policy": "aws:iam/rolePolicy:RolePolicy",
    "aws_iam_role_policy_attachment": "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws_iam_user": "aws:iam/user:User",
    "aws_iam_user_policy": "aws:iam/userPolicy:UserPolicy",
    "aws_iam_user_policy_attachment": "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws_instance": "aws:ec2/instance:Instance",
    "aws_kms_alias": "aws:kms/alias:Alias",
    "aws_kms_custom_key_store": "aws:kms/customKeyStore:CustomKeyStore",
    "aws_kms_external_key": "aws:kms/externalKey:ExternalKey",
    "aws_kms_key": "aws:kms/key:Key",
    "aws_kms_key_policy": "aws:kms/keyPolicy:KeyPolicy",  # replaces the key's policy: a public grant joins
    "aws_kms_replica_external_key": "aws:kms/replicaExternalKey:ReplicaExternalKey",
    "aws_kms_replica_key": "aws:kms/replicaKey:ReplicaKey",
    "aws_lb": "aws:lb/loadBalancer:LoadBalancer",
    "aws_alb": "aws:lb/loadBalancer:LoadBalancer",
    "aws_lb_listener": "aws:lb/listener:Listener",
    "aws_alb_listener": "aws:lb/listener:Listener",
    "aws_lb_listener_rule": "aws:lb/listenerRule:ListenerRule",
    "aws_alb_listener_rule": "aws:lb/listenerRule:ListenerRule",
    "aws_lb_ssl_negotiation_policy": "aws:elb/sslNegotiationPolicy:SslNegotiationPolicy",
    "aws_load_balancer_listener_policy": "aws:elb/listenerPolicy:ListenerPolicy",
    "aws_load_balancer_policy": "aws:elb/loadBalancerPolicy:LoadBalancerPolicy",
    "aws_network_acl": "aws:ec2/networkAcl:NetworkAcl",
    "aws_network_acl_rule": "aws:ec2/networkAclRule:NetworkAclRule",
    "aws_s3_account_public_access_block": "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
    "aws_s3_bucket": "aws:s3/bucket:Bucket",
    "aws_s3_bucket_logging": "aws:s3/bucketLogging:BucketLogging",
    "aws_s3_bucket_policy": "aws:s3/bucketPolicy:BucketPolicy",
    "aws_s3_bucket_public_access_block": "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws_s3_bucket_server_side_encryption_configuration":
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws_security_group": "aws:ec2/securityGroup:SecurityGroup",
    "aws_security_group_rule": "aws:ec2/securityGroupRule:SecurityGroupRule",
    "aws_sns_topic": "aws:sns/topic:Topic",
    "aws_sqs_queue": "aws:sqs/queue:Queue",
    "aws_subnet": "aws:ec2/subnet:Subnet",
    "aws_vpc": "aws:ec2/vpc:Vpc",
    "aws_vpc_security_group_egress_rule": "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    "aws_vpc_security_group_ingress_rule": "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    "aws_lambda_permission": "aws:lambda/permission:Permission",
    "aws_sqs_queue_policy": "aws:sqs/queuePolicy:QueuePolicy",
    "aws_sns_topic_policy": "aws:sns/topicPolicy:TopicPolicy",
    "aws_ecr_repository": "aws:ecr/repository:Repository",
    "aws_ecr_repository_policy": "aws:ecr/repositoryPolicy:RepositoryPolicy",
    "aws_secretsmanager_secret_policy": "aws:secretsmanager/secretPolicy:SecretPolicy",
    "aws_efs_file_system_policy": "aws:efs/fileSystemPolicy:FileSystemPolicy",
    "aws_dms_replication_instance": "aws:dms/replicationInstance:ReplicationInstance",
    "aws_cloudfront_distribution": "aws:cloudfront/distribution:Distribution",
    "aws_api_gateway_rest_api": "aws:apigateway/restApi:RestApi",
    "aws_api_gateway_stage": "aws:apigateway/stage:Stage",
    "aws_wafv2_web_acl_association": "aws:wafv2/webAclAssociation:WebAclAssociation",
    "aws_db_parameter_group": "aws:rds/parameterGroup:ParameterGroup",
    "aws_redshift_parameter_group": "aws:redshift/parameterGroup:ParameterGroup",
    "aws_opensearch_domain": "aws:opensearch/domain:Domain",
    "aws_opensearch_domain_policy": "aws:opensearch/domainPolicy:DomainPolicy",
    "aws_elasticache_replication_group": "aws:elasticache/replicationGroup:ReplicationGroup",
}

SINGULAR = frozenset({"ingress", "egress"})  # pulumi-aws keeps these names as they are

SCHEMA_FILE = Path(__file__).with_name("aws_schema.json")


def camel(name: str) -> str:
    """``cloud_watch_logs_group_arn`` -> ``cloudWatchLogsGroupArn``."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def plural(name: str) -> str:
    """The bridge's plural of a list's name (English rules the provider's names need)."""
    if name in SINGULAR or name.endswith("s"):
        return name
    if name.endswith("y") and name[-2:-1] not in "aeiou":
        return name[:-1] + "ies"
    return name + "s"


def pulumi_name(tf_name: str, many: bool = False) -> str:
    return camel(plural(tf_name) if many else tf_name)


@cache
def schema() -> dict[str, Any]:
    """Per resource type: ``lists`` (attributes that are lists / sets) and ``blocks`` (nested blocks,
    each with ``one`` when limited to one item, and its own ``lists`` / ``blocks``)."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def translate(value: Any, block: dict[str, Any] | None) -> Any:
    """A resource's (or nested block's) attribute map under pulumi-aws names and shapes."""
    if not isinstance(value, dict):
        return value
    block = block or {}
    lists, blocks = set(block.get("lists", ())), block.get("blocks", {})
    out: dict[str, Any] = {}
    for key, item in value.items():
        nested = blocks.get(key)
        if nested is None:
            out[pulumi_name(key, many=key in lists)] = item
        elif nested.get("one"):
            first = item[0] if isinstance(item, list) and item else (None if isinstance(item, list) else item)
            out[camel(key)] = translate(first, nested)
        else:
            out[pulumi_name(key, many=True)] = (
                [translate(i, nested) for i in item] if isinstance(item, list) else item)
    return out


def key_path(path: tuple[Any, ...], block: dict[str, Any] | None) -> str:
    """The Pulumi dotted path of a Terraform attribute path (list indexes of one-item blocks dropped).

    >>> key_path(("rule", 0, "apply_server_side_encryption_by_default", 0, "kms_master_key_id"),
    ...          {"blocks": {"rule": {"blocks": {"apply_server_side_encryption_by_default": {"one": True}}}}})
    'rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId'
    """
    out = ""
    block = block or {}
    skip_index = False
    for part in path:
        if isinstance(part, int):
            if not skip_index:
                out += f"[{part}]"
            skip_index = False
            continue
        nested = block.get("blocks", {}).get(part)
        if nested is None:
            name = pulumi_name(part, many=part in set(block.get("lists", ())))
            block = {}
        else:
            name = camel(part) if nested.get("one") else pulumi_name(part, many=True)
            skip_index = bool(nested.get("one"))
            block = nested
        out += f".{name}" if out else name
    return out
