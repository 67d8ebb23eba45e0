"""Encryption at rest for disk and database snapshots."""

from hitrust_policies.model import Snapshot
from hitrust_policies.rules.registry import rule


@rule(
    "enc-snapshot-encrypted",
    title="Disk and database snapshots are encrypted at rest",
    domain="encryption",
    severity="high",
    remediation={
        "aws": "Copy the snapshot with encryption (aws rds copy-db-snapshot / copy-db-cluster-snapshot --kms-key-id "
        "<key>; aws ec2 copy-snapshot --encrypted --kms-key-id <key>), delete the unencrypted one, and encrypt the "
        "source database or volume so new snapshots are encrypted (pulumi-aws: storage_encrypted / encrypted=True).",
    },
)
def enc_snapshot_encrypted(snapshot: Snapshot):
    """A snapshot is a full copy of a database's or disk's PHI; unencrypted, anyone who can read the storage
    or restore the copy reads the data.

    Follows AWS Config rds-snapshot-encrypted (Security Hub RDS.4, DB and cluster snapshots) and Prowler
    rds_snapshots_encrypted / ec2_ebs_snapshots_encrypted (EBS snapshots).
    """
    if not snapshot.encrypted:
        return f"{snapshot.source} snapshot is not encrypted"
