"""DMS replication instances (net-replication-instance-not-public) through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from hitrust_policies.model import ReplicationInstance
from tests.sources.live.aws.conftest import ACCOUNT, CANARY, HOME, Case, apply_denials, check, scan, table

RULE = "net-replication-instance-not-public"


def seed(session: boto3.Session) -> None:
    """claims-migration: private; legacy-migration: public. (moto reports an instance created without
    PubliclyAccessible as private, where DMS makes it public: the scanner reads the reported flag either way.)"""
    dms = session.client("dms")
    for name, extra in (("claims-migration", {"PubliclyAccessible": False}),
                        ("legacy-migration", {"PubliclyAccessible": True})):
        dms.create_replication_instance(ReplicationInstanceIdentifier=name,
                                        ReplicationInstanceClass="dms.t3.micro", **extra)


CASES = [
    Case("baseline", table(f"""
        {RULE}  claims-migration   PASS
        {RULE}  legacy-migration   FAIL
    """)),
    Case("listing-denied", table(f"{RULE}  dms-replication-instances in us-east-1  UNKNOWN"),
         denied=(("dms", "DescribeReplicationInstances"),),
         unknown_reason="AccessDenied: dms:DescribeReplicationInstances (dms-replication-instances in us-east-1)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_replication_instances(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case, code="AccessDeniedException", status=400)
    check(scan(session, "dms-replication-instances", CANARY), case)


def test_throttled_listing_is_unknown(session: boto3.Session) -> None:
    seed(session)
    case = Case("throttled", table(f"{RULE}  dms-replication-instances in us-east-1  UNKNOWN"),
                denied=(("dms", "DescribeReplicationInstances"),),
                unknown_reason="Throttled (retries exhausted): dms:DescribeReplicationInstances "
                               "(dms-replication-instances in us-east-1)")
    apply_denials(session, case, code="ThrottlingException", status=400)
    check(scan(session, "dms-replication-instances", CANARY), case)


def test_facts_and_refs(session: boto3.Session) -> None:
    seed(session)
    result = scan(session, "dms-replication-instances")
    values = {r.ref.name: r for r in result.resources if isinstance(r, ReplicationInstance)}
    assert {n: v.publicly_accessible for n, v in values.items()} == {
        "claims-migration": False, "legacy-migration": True}
    ref = values["claims-migration"].ref
    assert (ref.native_type, ref.native_id, ref.region) == (
        "AWS::DMS::ReplicationInstance", f"arn:aws:dms:{HOME}:{ACCOUNT}:rep:claims-migration", HOME)
    (message,) = {f.message for f in result.findings() if f.rule_id == RULE and f.resource.name == "legacy-migration"}
    assert message == "replication instance is publicly accessible (PubliclyAccessible)"
