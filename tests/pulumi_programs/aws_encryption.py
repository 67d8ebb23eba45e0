"""Real pulumi-aws programs for the AWS encryption-at-rest sources (Redshift, ...), captured under mocks."""

from __future__ import annotations


def redshift_clusters() -> None:
    """A private cluster on a key the stack creates, one left to the provider defaults (encrypted with the
    AWS-managed key, private), an unencrypted public one, one restored from a snapshot, and one whose
    encryption flag waits on another resource."""
    import pulumi_aws as aws

    base = {"node_type": "ra3.xlplus", "cluster_type": "single-node", "master_username": "admin",
            "master_password": "Correct-Horse-9", "skip_final_snapshot": True}
    key = aws.kms.Key("warehouse-key", enable_key_rotation=True)
    aws.redshift.Cluster("phi-warehouse", cluster_identifier="phi-warehouse", encrypted="true", kms_key_id=key.arn,
                         publicly_accessible=False, **base)
    aws.redshift.Cluster("default-warehouse", cluster_identifier="default-warehouse", **base)
    aws.redshift.Cluster("legacy-warehouse", cluster_identifier="legacy-warehouse", encrypted="false",
                         publicly_accessible=True, **base)
    aws.redshift.Cluster("restored-warehouse", cluster_identifier="restored-warehouse",
                         snapshot_identifier="legacy-warehouse-final", **base)
    aws.redshift.Cluster("late-warehouse", cluster_identifier="late-warehouse",
                         encrypted=key.key_id.apply(lambda _: "true"), **base)


def kinesis_streams() -> None:
    """A stream on a key the stack creates, one on the AWS-managed key, one left at the default (NONE), and one
    whose encryption type waits on another resource."""
    import pulumi_aws as aws

    key = aws.kms.Key("events-key", enable_key_rotation=True)
    aws.kinesis.Stream("phi-events", name="phi-events", shard_count=1, encryption_type="KMS", kms_key_id=key.arn)
    aws.kinesis.Stream("claims-events", name="claims-events", shard_count=1, encryption_type="KMS",
                       kms_key_id="alias/aws/kinesis")
    aws.kinesis.Stream("raw-clicks", name="raw-clicks", shard_count=1)
    aws.kinesis.Stream("late-events", name="late-events", shard_count=1,
                       encryption_type=key.key_id.apply(lambda _: "KMS"), kms_key_id=key.arn)


def efs_transport() -> None:
    """EFS file system policies: the console's TLS deny, a deny of writes only, none at all, and a policy built
    from an output (its statement unknown at preview)."""
    import json

    import pulumi_aws as aws

    def deny(actions: object) -> dict:
        return {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": actions,
                "Condition": {"Bool": {"aws:SecureTransport": "false"}}}

    phi = aws.efs.FileSystem("phi-shared", encrypted=True, tags={"Name": "phi-shared"})
    aws.efs.FileSystemPolicy("phi-shared-tls", file_system_id=phi.id,
                             policy=json.dumps({"Version": "2012-10-17", "Statement": [deny("*")]}))
    writes = aws.efs.FileSystem("writes-only", encrypted=True, tags={"Name": "writes-only"})
    aws.efs.FileSystemPolicy("writes-only-policy", file_system_id=writes.id, policy=json.dumps(
        {"Version": "2012-10-17", "Statement": [deny("elasticfilesystem:ClientWrite")]}))
    aws.efs.FileSystem("scratch-share", encrypted=True, tags={"Name": "scratch-share"})
    late = aws.efs.FileSystem("late-share", encrypted=True, tags={"Name": "late-share"})
    aws.efs.FileSystemPolicy("late-share-policy", file_system_id=late.id, policy=late.arn.apply(
        lambda arn: json.dumps({"Version": "2012-10-17", "Statement": [{**deny("*"), "Resource": arn}]})))
