"""RDS DB and cluster snapshots and EBS snapshots a program takes (``aws:rds/snapshot:Snapshot``,
``aws:rds/clusterSnapshot:ClusterSnapshot``, ``aws:ebs/snapshot:Snapshot``).

A snapshot is encrypted exactly when its source is: the adapter joins the instance, cluster or volume
it names when the stack declares it, and is UNKNOWN otherwise (the source lives elsewhere). Public:
``sharedAccounts`` holding ``all`` (RDS). EBS snapshots have no sharing argument here (a
``SnapshotCreateVolumePermission`` names one account), so a program's EBS snapshot is not public.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import Snapshot, Unknown
from hitrust_policies.sources.pulumi.aws import ebs, rds
from hitrust_policies.sources.pulumi.props import to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

INSTANCE, CLUSTER, VOLUME = "aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:ebs/volume:Volume"


def _shared_with_all(res: PulumiResource) -> Any:
    accounts = res.props.get("sharedAccounts") or []
    if isinstance(accounts, Unknown):
        return accounts
    unknown = [a for a in accounts if isinstance(a, Unknown)]
    if any(a == "all" for a in accounts if not isinstance(a, Unknown)):
        return True
    return unknown[0] if unknown else False


def _not_in_stack(res: PulumiResource, prop: str) -> Unknown:
    return Unknown(f"encryption follows the snapshot's source ({prop}), which this stack does not declare")


def _cluster_encrypted(cluster: PulumiResource) -> Any:
    value = cluster.props.get("storageEncrypted")
    if value is not None:
        return to_bool(value)
    if cluster.props.get("engineMode") == "serverless":
        return True  # Aurora Serverless v1 clusters are always encrypted
    return Unknown("storageEncrypted not set on the source cluster: the default depends on engine and source")


@pulumi_adapter("aws:rds/snapshot:Snapshot", produces=Snapshot, joins=True)
def db_snapshot(res: PulumiResource, stack: Stack) -> Iterator[Snapshot]:
    source = stack.referent(res, "dbInstanceIdentifier", (INSTANCE,), ("identifier",))
    encrypted = rds._storage_encrypted(source) if source else _not_in_stack(res, "dbInstanceIdentifier")
    yield Snapshot(ref=res.ref("dbSnapshotIdentifier"), source="database", encrypted=encrypted,
                   public=_shared_with_all(res))


@pulumi_adapter("aws:rds/clusterSnapshot:ClusterSnapshot", produces=Snapshot, joins=True)
def cluster_snapshot(res: PulumiResource, stack: Stack) -> Iterator[Snapshot]:
    source = stack.referent(res, "dbClusterIdentifier", (CLUSTER,), ("clusterIdentifier",))
    encrypted = _cluster_encrypted(source) if source else _not_in_stack(res, "dbClusterIdentifier")
    yield Snapshot(ref=res.ref("dbClusterSnapshotIdentifier"), source="database cluster", encrypted=encrypted,
                   public=_shared_with_all(res))


@pulumi_adapter("aws:ebs/snapshot:Snapshot", produces=Snapshot, joins=True)
def volume_snapshot(res: PulumiResource, stack: Stack) -> Iterator[Snapshot]:
    source = stack.referent(res, "volumeId", (VOLUME,))
    encrypted = ebs._encrypted(source, stack) if source else _not_in_stack(res, "volumeId")
    yield Snapshot(ref=res.ref(), source="volume", encrypted=encrypted, public=False)
