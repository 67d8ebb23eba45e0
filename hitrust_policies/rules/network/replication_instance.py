"""Data replication instances reachable from the internet."""

from hitrust_policies.model import ReplicationInstance
from hitrust_policies.rules.registry import rule


@rule(
    "net-replication-instance-not-public",
    title="Data replication instances are not publicly accessible",
    domain="network",
    severity="high",
    remediation="Create the replication instance with PubliclyAccessible false in a private subnet group (the "
    "setting cannot be changed in place: create a private instance and move the tasks; pulumi-aws "
    "dms.ReplicationInstance publicly_accessible=False).",
)
def net_replication_instance_not_public(instance: ReplicationInstance):
    """A replication instance holds the credentials of both databases and streams their rows; a public IP puts
    it, and every record it copies, one misconfigured security group away from the internet.

    Follows AWS Config dms-replication-not-public and Security Hub DMS.1 ("Database Migration Service
    replication instances should not be public": ``PubliclyAccessible`` true fails) and Prowler
    dms_instance_no_public_access (which also passes a public instance whose security groups admit no
    internet traffic; the stricter flag-only reading is kept, as for net-database-not-public).
    """
    if instance.publicly_accessible:
        return "replication instance is publicly accessible (PubliclyAccessible)"
