"""Where the account's own RDS and EBS snapshots become `Snapshot` values.

RDS: ``DescribeDBSnapshots`` / ``DescribeDBClusterSnapshots`` list the account's snapshots (shared and
public ones of other accounts are left out by default) with their encryption; who may restore one is
its ``restore`` attribute, read only for snapshots that can be shared at all: automated snapshots
cannot (copy one to share it), so they are private without a call. EBS: ``DescribeSnapshots`` with
``OwnerIds=["self"]``, then ``DescribeSnapshotAttribute`` (``createVolumePermission``) per snapshot, a
few at a time, as Prowler and AWS Config read it. ``DescribeSnapshots`` can also filter on
``RestorableByUserIds=["all"]``, but that is an account-wide second listing whose failure would leave
every snapshot unknown; per snapshot, a denied read makes only that snapshot's exposure unknown.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import Snapshot, Unknown
from hitrust_policies.sources.live.aws.collector import Ctx, collector, tag

PUBLIC = "all"  # the group / account value that shares a snapshot with every account


def _restore_public(attributes: Any) -> Any:
    """An RDS snapshot's ``restore`` attribute names ``all`` when it is public."""
    if isinstance(attributes, Unknown):
        return attributes
    return any(a.get("AttributeName") == "restore" and PUBLIC in (a.get("AttributeValues") or [])
               for a in attributes)


@collector("rds-snapshots", service="rds", kinds=(Snapshot,),
           calls=("rds:DescribeDBSnapshots", "rds:DescribeDBSnapshotAttributes",
                  "rds:DescribeDBClusterSnapshots", "rds:DescribeDBClusterSnapshotAttributes"))
def rds_snapshots(ctx: Ctx) -> Iterator[Snapshot]:
    rds = ctx.client("rds")

    def instance_snapshot(s: dict[str, Any]) -> Snapshot:
        name = s["DBSnapshotIdentifier"]
        public: Any = False
        if s.get("SnapshotType") != "automated":
            public = _restore_public(ctx.fact(
                "rds:DescribeDBSnapshotAttributes",
                lambda: rds.describe_db_snapshot_attributes(DBSnapshotIdentifier=name)[
                    "DBSnapshotAttributesResult"].get("DBSnapshotAttributes", [])))
        arn = s.get("DBSnapshotArn") or ctx.arn("rds", f"snapshot:{name}")
        return Snapshot(ref=ctx.ref("AWS::RDS::DBSnapshot", arn, name), source="database",
                        encrypted=bool(s.get("Encrypted")), public=public)

    def cluster_snapshot(s: dict[str, Any]) -> Snapshot:
        name = s["DBClusterSnapshotIdentifier"]
        public: Any = False
        if s.get("SnapshotType") != "automated":
            public = _restore_public(ctx.fact(
                "rds:DescribeDBClusterSnapshotAttributes",
                lambda: rds.describe_db_cluster_snapshot_attributes(DBClusterSnapshotIdentifier=name)[
                    "DBClusterSnapshotAttributesResult"].get("DBClusterSnapshotAttributes", [])))
        arn = s.get("DBClusterSnapshotArn") or ctx.arn("rds", f"cluster-snapshot:{name}")
        return Snapshot(ref=ctx.ref("AWS::RDS::DBClusterSnapshot", arn, name), source="database cluster",
                        encrypted=bool(s.get("StorageEncrypted")), public=public)

    yield from ctx.fan_out(instance_snapshot, list(ctx.paginate("rds", "DescribeDBSnapshots", "DBSnapshots")))
    yield from ctx.fan_out(cluster_snapshot,
                           list(ctx.paginate("rds", "DescribeDBClusterSnapshots", "DBClusterSnapshots")))


@collector("ec2-snapshots", service="ec2", kinds=(Snapshot,),
           calls=("ec2:DescribeSnapshots", "ec2:DescribeSnapshotAttribute"))
def ebs_snapshots(ctx: Ctx) -> Iterator[Snapshot]:
    ec2 = ctx.client("ec2")

    def one(s: dict[str, Any]) -> Snapshot:
        sid = s["SnapshotId"]
        permissions = ctx.fact("ec2:DescribeSnapshotAttribute", lambda: ec2.describe_snapshot_attribute(
            SnapshotId=sid, Attribute="createVolumePermission").get("CreateVolumePermissions", []))
        public = permissions if isinstance(permissions, Unknown) else any(
            p.get("Group") == PUBLIC for p in permissions)
        return Snapshot(ref=ctx.ref("AWS::EC2::Snapshot", ctx.arn("ec2", f"snapshot/{sid}", account=""),
                                    tag(s.get("Tags")) or sid),
                        source="volume", encrypted=bool(s.get("Encrypted")), public=public)

    # the owner-id filter restates OwnerIds for emulators that ignore it (moto lists its AMIs' snapshots too)
    owned = ctx.paginate("ec2", "DescribeSnapshots", "Snapshots", OwnerIds=["self"],
                         Filters=[{"Name": "owner-id", "Values": [ctx.account]}])
    yield from ctx.fan_out(one, list(owned))
