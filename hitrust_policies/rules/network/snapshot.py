"""Snapshots anyone can restore."""

from hitrust_policies.model import Snapshot
from hitrust_policies.rules.registry import rule


@rule(
    "net-snapshot-not-public",
    title="Disk and database snapshots are not public",
    domain="network",
    severity="critical",
    remediation={
        "aws": "Remove the public share (aws rds modify-db-snapshot-attribute / modify-db-cluster-snapshot-attribute "
        "--attribute-name restore --values-to-remove all; aws ec2 modify-snapshot-attribute --attribute "
        "createVolumePermission --operation-type remove --group-names all) and share with named accounts only; "
        "enable EC2 block public access for snapshots.",
    },
)
def net_snapshot_not_public(snapshot: Snapshot):
    """A public snapshot can be restored by any account on the cloud: the whole database or disk, PHI
    included, leaves the organisation without a trace in its logs.

    Follows AWS Config rds-snapshots-public-prohibited (Security Hub RDS.1) and
    ebs-snapshot-public-restorable-check (Security Hub EC2.1), Prowler rds_snapshots_public_access and
    ec2_ebs_public_snapshot.
    """
    if snapshot.public:
        return f"{snapshot.source} snapshot can be restored by any account (shared with all)"
