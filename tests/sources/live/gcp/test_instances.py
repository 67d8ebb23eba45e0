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


FORWARDING = "net-instance-ip-forwarding-off"


def _vm(project: ga.Project, name: str, can_ip_forward: bool | None = None,
        labels: dict[str, str] | None = None) -> dict[str, object]:
    line = ga.instance(project, name)
    if can_ip_forward is not None:
        line["resource"]["data"]["canIpForward"] = can_ip_forward
    if labels is not None:
        line["resource"]["data"]["labels"] = labels
    return line


def test_ip_forwarding_verdicts(fake: FakeGcp) -> None:
    """canIpForward FAILs (a NAT VM included: the exception is suppressed per resource); unset or false
    PASSes; GKE nodes (label or gke- name) are exempt, as CIS GCP 4.6 and Prowler exempt them; a listing
    that failed is UNKNOWN per project."""
    fake.add(_vm(PROD, "nat-gw", True), _vm(PROD, "app-1"), _vm(PROD, "app-2", False),
             _vm(PROD, "gke-phi-pool-1-a1b2", True), _vm(PROD, "node-7", True, {"goog-gke-node": ""}),
             _vm(DEV, "router", True))
    result = scan(fake, "instances", projects=[PROD.id, DEV.id])
    assert verdicts(result.findings(), [FORWARDING]) == set(table(f"""
        {FORWARDING}  nat-gw               FAIL
        {FORWARDING}  app-1                PASS
        {FORWARDING}  app-2                PASS
        {FORWARDING}  gke-phi-pool-1-a1b2  PASS
        {FORWARDING}  node-7               PASS
        {FORWARDING}  router               FAIL
    """))
    fake.fail(403, asset_type=INSTANCE, scope=f"projects/{PROD.id}")
    fake.fail(429, asset_type=INSTANCE, scope=f"projects/{DEV.id}")
    fake.add(ga.disk(PROD, "web-1"))
    failed = scan(fake, "instances", "disks", projects=[PROD.id, DEV.id], max_attempts=2)
    assert reasons(failed.findings(), [FORWARDING]) == {
        (FORWARDING, f"instances in projects/{project}",
         f"{why}: cloudasset.assets.listResource (instances in projects/{project})")
        for project, why in ((PROD.id, "AccessDenied"), (DEV.id, "Throttled (retries exhausted)"))}
