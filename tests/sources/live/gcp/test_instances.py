"""Compute Engine instances -> ComputeInstance: external addresses; host encryption is always on."""

from __future__ import annotations

from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.gcp.conftest import DEV, PROD, scan

RULES = ["net-instance-no-public-ip", "enc-instance-host-encryption"]
INSTANCE = "compute.googleapis.com/Instance"


def seed(fake: FakeGcp) -> None:
    fake.add(ga.instance(PROD, "app-1"), ga.instance(PROD, "web-1", nat_ips=["34.118.9.20"]),
             ga.instance(PROD, "batch-1", nat_ips=[None]), ga.instance(PROD, "v6-1", ipv6="2600:1900:4000:9d2::"),
             ga.instance(DEV, "dev-1"))


def test_instance_verdicts(fake: FakeGcp) -> None:
    seed(fake)
    result = scan(fake, "instances", projects=[PROD.id, DEV.id])
    assert result.complete
    assert verdicts(result.findings(), RULES) == set(table("""
        net-instance-no-public-ip     app-1    PASS
        net-instance-no-public-ip     web-1    FAIL
        net-instance-no-public-ip     batch-1  FAIL
        net-instance-no-public-ip     v6-1     FAIL
        net-instance-no-public-ip     dev-1    PASS
        enc-instance-host-encryption  app-1    PASS
        enc-instance-host-encryption  web-1    PASS
        enc-instance-host-encryption  batch-1  PASS
        enc-instance-host-encryption  v6-1     PASS
        enc-instance-host-encryption  dev-1    PASS
    """))
    messages = {f.resource.name: f.message for f in result.findings() if f.rule_id == RULES[0] and f.message}
    assert messages == {"web-1": "instance holds public address 34.118.9.20",
                        "batch-1": "instance holds public address External NAT",  # stopped: config, no address yet
                        "v6-1": "instance holds public address 2600:1900:4000:9d2::"}


def test_denied_or_throttled_listing_is_unknown(fake: FakeGcp) -> None:
    """403 in one project, 429 past the retries in the other: UNKNOWN per project, naming the call."""
    seed(fake)
    fake.fail(403, asset_type=INSTANCE, scope=f"projects/{PROD.id}")
    fake.fail(429, asset_type=INSTANCE, scope=f"projects/{DEV.id}")
    fake.add(ga.disk(PROD, "web-1"))
    result = scan(fake, "instances", "disks", projects=[PROD.id, DEV.id], max_attempts=2)
    assert reasons(result.findings(), RULES) == {
        (rule, f"instances in projects/{project}", f"{why}: cloudasset.assets.listResource (instances in "
         f"projects/{project})")
        for rule in RULES for project, why in ((PROD.id, "AccessDenied"),
                                               (DEV.id, "Throttled (retries exhausted)"))}
