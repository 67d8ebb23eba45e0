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
