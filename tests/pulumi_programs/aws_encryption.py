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


def snapshots() -> None:
    """Snapshots of an encrypted and an unencrypted instance (the latter shared with all accounts), of an
    instance outside the stack, of two clusters (one shared with all), of two volumes, and one whose sharing
    waits on another resource."""
    import pulumi_aws as aws

    base = {"instance_class": "db.t3.micro", "engine": "postgres", "allocated_storage": 20, "username": "admin_user",
            "password": "Correct-Horse-9", "skip_final_snapshot": True}
    phi = aws.rds.Instance("phi-db", identifier="phi-db", storage_encrypted=True, **base)
    plain = aws.rds.Instance("plain-db", identifier="plain-db", **base)
    aws.rds.Snapshot("phi-db-snap", db_snapshot_identifier="phi-db-snap", db_instance_identifier=phi.identifier)
    aws.rds.Snapshot("shared-db-snap", db_snapshot_identifier="shared-db-snap",
                     db_instance_identifier=plain.identifier, shared_accounts=["all"])
    aws.rds.Snapshot("outside-db-snap", db_snapshot_identifier="outside-db-snap", db_instance_identifier="legacy-db",
                     shared_accounts=["210987654321"])
    key = aws.kms.Key("snapshot-share-key", enable_key_rotation=True)
    aws.rds.Snapshot("late-db-snap", db_snapshot_identifier="late-db-snap", db_instance_identifier=phi.identifier,
                     shared_accounts=[key.key_id.apply(lambda _: "all")])
    cluster = {"engine": "aurora-postgresql", "master_username": "admin_user", "master_password": "Correct-Horse-9",
               "skip_final_snapshot": True}
    for name, encrypted, shared in (("phi-cluster", True, []), ("open-cluster", False, ["all"])):
        c = aws.rds.Cluster(name, cluster_identifier=name, storage_encrypted=encrypted, **cluster)
        aws.rds.ClusterSnapshot(f"{name}-snap", db_cluster_snapshot_identifier=f"{name}-snap",
                                db_cluster_identifier=c.cluster_identifier, shared_accounts=shared)
    for name, encrypted in (("phi-vol", True), ("plain-vol", False)):
        v = aws.ebs.Volume(name, availability_zone="us-east-1a", size=8, encrypted=encrypted)
        aws.ebs.Snapshot(f"{name}-snap", volume_id=v.id, tags={"Name": f"{name}-snap"})


def secrets() -> None:
    """A secret on a stack key with a rotation, one on an alias never rotated, one on the default key, and one
    whose rotation names it only through a value computed at preview."""
    import pulumi_aws as aws

    key = aws.kms.Key("secrets-key", enable_key_rotation=True)
    phi = aws.secretsmanager.Secret("phi-db-password", name="phi-db-password", kms_key_id=key.arn)
    aws.secretsmanager.SecretRotation("phi-db-password-rotation", secret_id=phi.id,
                                      rotation_lambda_arn="arn:aws:lambda:us-east-1:123456789012:function:rotate",
                                      rotation_rules={"automatically_after_days": 30})
    aws.secretsmanager.Secret("partner-api-key", name="partner-api-key", kms_key_id="alias/partner-secrets")
    aws.secretsmanager.Secret("legacy-token", name="legacy-token")
    aws.secretsmanager.Secret("late-token", name="late-token", kms_key_id=key.arn)
    aws.secretsmanager.SecretRotation("late-token-rotation", secret_id=key.key_id.apply(lambda _: "late-token"),
                                      rotation_rules={"automatically_after_days": 30})


def dynamodb_tables() -> None:
    """Tables on a stack key, on aws/dynamodb (KMS without a key), on the default AWS owned key, and one whose
    key waits on another resource."""
    import pulumi_aws as aws

    key = aws.kms.Key("tables-key", enable_key_rotation=True)
    base = {"hash_key": "id", "attributes": [{"name": "id", "type": "S"}], "billing_mode": "PAY_PER_REQUEST"}
    aws.dynamodb.Table("phi-claims", name="phi-claims",
                       server_side_encryption={"enabled": True, "kms_key_arn": key.arn}, **base)
    aws.dynamodb.Table("managed-claims", name="managed-claims", server_side_encryption={"enabled": True}, **base)
    aws.dynamodb.Table("plain-sessions", name="plain-sessions", **base)
    aws.dynamodb.Table("late-claims", name="late-claims", server_side_encryption={
        "enabled": key.key_id.apply(lambda _: True), "kms_key_arn": "alias/aws/dynamodb"}, **base)


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


def database_tls() -> None:
    """Databases and the parameter groups that make them refuse plaintext: RDS instances on a group of the stack
    forcing TLS, on a group leaving it off, on engine defaults (PostgreSQL 14: off, 16: on, unversioned: unknown),
    on a group declared elsewhere, on a group whose value waits on another resource; Redshift clusters on a group
    requiring SSL, on one that does not set it, on default.redshift-1.0 and on none named."""
    import pulumi_aws as aws

    login = {"instance_class": "db.t3.micro", "allocated_storage": 20, "username": "admin_user",
             "password": "Correct-Horse-9", "skip_final_snapshot": True}
    forced = aws.rds.ParameterGroup("pg-tls", name="pg-tls", family="postgres14",
                                    parameters=[{"name": "rds.force_ssl", "value": "1"}])
    tuned = aws.rds.ParameterGroup("mysql-tuned", name="mysql-tuned", family="mysql8.0",
                                   parameters=[{"name": "max_connections", "value": "500"}])
    key = aws.kms.Key("tls-key")
    late = aws.rds.ParameterGroup("late-tls", name="late-tls", family="postgres14", parameters=[
        {"name": "rds.force_ssl", "value": key.key_id.apply(lambda _: "1")}])
    for name, engine, version, group in (("pg14-forced", "postgres", "14.9", forced.name),
                                         ("pg14-default", "postgres", "14.9", None),
                                         ("pg16-default", "postgres", "16.3", None),
                                         ("pg-unversioned", "postgres", None, None),
                                         ("mysql-open", "mysql", "8.0.35", tuned.name),
                                         ("mysql-shared", "mysql", "8.0.35", "shared-mysql"),
                                         ("pg-late", "postgres", "14.9", late.name),
                                         ("oracle-db", "oracle-ee", "19", None)):
        aws.rds.Instance(name, identifier=name, engine=engine, engine_version=version, parameter_group_name=group,
                         **login)
    base = {"node_type": "ra3.xlplus", "cluster_type": "single-node", "master_username": "admin",
            "master_password": "Correct-Horse-9", "skip_final_snapshot": True}
    ssl = aws.redshift.ParameterGroup("warehouse-tls", name="warehouse-tls", family="redshift-1.0",
                                      parameters=[{"name": "require_ssl", "value": "true"}])
    plain = aws.redshift.ParameterGroup("warehouse-tuned", name="warehouse-tuned", family="redshift-1.0",
                                        parameters=[{"name": "enable_user_activity_logging", "value": "true"}])
    for name, group in (("tls-warehouse", ssl.name), ("tuned-warehouse", plain.name),
                        ("v1-warehouse", "default.redshift-1.0"), ("unnamed-warehouse", None)):
        aws.redshift.Cluster(name, cluster_identifier=name, cluster_parameter_group_name=group, **base)


def search_and_cache() -> None:
    """OpenSearch domains: one in a VPC with everything on and a key of the stack, one on the provider defaults
    outside a VPC whose separate domain policy admits anyone; ElastiCache groups: one encrypted both ways with a key
    of the stack, one in transit's preferred mode, one on the defaults (Redis: nothing on), a Valkey one on its
    defaults (encrypted at rest), one whose transit flag waits on another resource."""
    import json

    import pulumi_aws as aws

    key = aws.kms.Key("search-key")
    aws.opensearch.Domain(
        "phi-search", domain_name="phi-search", engine_version="OpenSearch_2.11",
        encrypt_at_rest={"enabled": True, "kms_key_id": key.arn}, node_to_node_encryption={"enabled": True},
        domain_endpoint_options={"enforce_https": True, "tls_security_policy": "Policy-Min-TLS-1-2-2019-07"},
        vpc_options={"subnet_ids": ["subnet-0a1b2c3d"]},
        log_publishing_options=[{"log_type": "AUDIT_LOGS", "cloudwatch_log_group_arn":
                                 "arn:aws:logs:us-east-1:123456789012:log-group:/search/audit"}])
    open_search = aws.opensearch.Domain("open-search", domain_name="open-search", engine_version="OpenSearch_2.11",
                                        domain_endpoint_options={"enforce_https": False})
    aws.opensearch.DomainPolicy("open-search-policy", domain_name=open_search.domain_name, access_policies=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:*", "Resource": "*"}]}))
    base = {"description": "sessions", "node_type": "cache.t3.micro"}
    aws.elasticache.ReplicationGroup("phi-cache", replication_group_id="phi-cache", at_rest_encryption_enabled=True,
                                     kms_key_id=key.arn, transit_encryption_enabled=True,
                                     transit_encryption_mode="required", **base)
    aws.elasticache.ReplicationGroup("migrating-cache", replication_group_id="migrating-cache",
                                     at_rest_encryption_enabled=True, transit_encryption_enabled=True,
                                     transit_encryption_mode="preferred", **base)
    aws.elasticache.ReplicationGroup("plain-cache", replication_group_id="plain-cache", **base)
    aws.elasticache.ReplicationGroup("valkey-cache", replication_group_id="valkey-cache", engine="valkey", **base)
    aws.elasticache.ReplicationGroup("late-cache", replication_group_id="late-cache",
                                     transit_encryption_enabled=key.key_id.apply(lambda _: True), **base)
