"""Disks -> BlockVolume, networks joined with their subnetworks -> Network."""

from __future__ import annotations

from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.gcp.conftest import DEV, PROD, scan

CMEK = "projects/phi-prod/locations/us-central1/keyRings/disks/cryptoKeys/vm"


def test_disk_verdicts(fake: FakeGcp) -> None:
    fake.add(ga.disk(PROD, "web-1"), ga.disk(PROD, "db-1", kms_key=CMEK),
             ga.disk(PROD, "db-replica", regional=True, kms_key=CMEK), ga.disk(PROD, "legacy", csek_sha256="aGFzaA=="))
    result = scan(fake, "disks")
    assert result.complete
    assert verdicts(result.findings(), ["enc-block-volume-encrypted"]) == set(table("""
        enc-block-volume-encrypted  web-1       PASS
        enc-block-volume-encrypted  db-1        PASS
        enc-block-volume-encrypted  db-replica  PASS
        enc-block-volume-encrypted  legacy      PASS
    """))
    keys = {r.ref.name: (r.kms_key, r.ref.region, r.ref.native_type) for r in result.resources}
    assert keys == {
        "web-1": (None, "us-central1-a", "compute.googleapis.com/Disk"),  # Google-managed key
        "db-1": (f"{CMEK}/cryptoKeyVersions/1", "us-central1-a", "compute.googleapis.com/Disk"),
        "db-replica": (f"{CMEK}/cryptoKeyVersions/1", "us-central1", "compute.googleapis.com/RegionDisk"),
        "legacy": ("csek:aGFzaA==", "us-central1-a", "compute.googleapis.com/Disk"),
    }


def test_network_flow_logs_are_joined_from_subnetworks(fake: FakeGcp) -> None:
    fake.add(
        ga.network(PROD, "default", auto_subnets=True),
        ga.subnetwork(PROD, "default", "default", region="us-central1", flow_logs=True),
        ga.subnetwork(PROD, "default", "default", region="europe-west1", flow_logs=False),  # one region unlogged
        ga.network(PROD, "phi-vpc"),
        ga.subnetwork(PROD, "app", "phi-vpc", flow_logs=True),
        ga.subnetwork(PROD, "proxy-only", "phi-vpc", purpose="REGIONAL_MANAGED_PROXY", cidr="10.129.0.0/23"),
        ga.network(PROD, "legacy-vpc"),
        ga.subnetwork(PROD, "old", "legacy-vpc", legacy_flow_logs=True),
        ga.network(PROD, "empty-vpc"),
        ga.network(DEV, "dev-vpc"),
        ga.subnetwork(DEV, "dev", "dev-vpc"),  # never configured
    )
    result = scan(fake, "networks", projects=[PROD.id, DEV.id])
    assert result.complete
    assert verdicts(result.findings(), ["log-network-flow-logs"]) == set(table("""
        log-network-flow-logs  default     FAIL
        log-network-flow-logs  phi-vpc     PASS
        log-network-flow-logs  legacy-vpc  PASS
        log-network-flow-logs  empty-vpc   PASS
        log-network-flow-logs  dev-vpc     FAIL
    """))
    defaults = {r.ref.name: (r.is_default, r.ref.account) for r in result.resources}
    assert defaults == {"default": (True, "phi-prod"), "phi-vpc": (False, "phi-prod"),
                        "legacy-vpc": (False, "phi-prod"), "empty-vpc": (False, "phi-prod"),
                        "dev-vpc": (False, "phi-dev")}
    # one listing per project holds networks and subnetworks together: the join never spans two calls
    [prod_listing] = [r for r in fake.listings() if r.scope == "projects/phi-prod"
                      and "compute.googleapis.com/Network" in r.asset_types]
    assert prod_listing.asset_types == ["compute.googleapis.com/Network", "compute.googleapis.com/Subnetwork"]


def test_denied_network_listing_is_unknown(fake: FakeGcp) -> None:
    fake.add(ga.network(PROD, "phi-vpc"))
    fake.fail(403, asset_type="compute.googleapis.com/Network")
    result = scan(fake, "networks", "disks")
    assert reasons(result.findings(), ["log-network-flow-logs"]) == {
        ("log-network-flow-logs", "networks in projects/phi-prod",
         "AccessDenied: cloudasset.assets.listResource (networks in projects/phi-prod)")}


def test_disk_customer_managed_keys(fake: FakeGcp) -> None:
    """CMEK and CSEK disks are the customer's key (CIS GCP 4.7); a Google-managed key is not."""
    fake.add(ga.disk(PROD, "web-1"), ga.disk(PROD, "db-1", kms_key=CMEK),
             ga.disk(PROD, "legacy", csek_sha256="aGFzaA=="))
    result = scan(fake, "disks")
    assert verdicts(result.findings(), ["enc-block-volume-kms"]) == set(table("""
        enc-block-volume-kms  web-1   FAIL
        enc-block-volume-kms  db-1    PASS
        enc-block-volume-kms  legacy  PASS
    """))


DEFAULT_RULE = "net-network-default-absent"


def test_default_network_fails_wherever_it_still_exists(fake: FakeGcp) -> None:
    """CIS GCP 3.1: the ``default`` network (auto mode, pre-opened firewall) FAILs in the project that kept it;
    custom networks PASS, whatever their mode; a denied or throttled listing is UNKNOWN per project."""
    fake.add(ga.network(PROD, "default", auto_subnets=True), ga.network(PROD, "phi-vpc"),
             ga.network(PROD, "poc", auto_subnets=True), ga.network(DEV, "dev-vpc"))
    result = scan(fake, "networks", projects=[PROD.id, DEV.id])
    assert verdicts(result.findings(), [DEFAULT_RULE]) == set(table(f"""
        {DEFAULT_RULE}  default  FAIL
        {DEFAULT_RULE}  phi-vpc  PASS
        {DEFAULT_RULE}  poc      PASS
        {DEFAULT_RULE}  dev-vpc  PASS
    """))
    assert {r.ref.name: r.preset_open for r in result.resources} == {"default": True, "phi-vpc": False,
                                                                       "poc": False, "dev-vpc": False}
    fake.fail(403, asset_type="compute.googleapis.com/Network", scope=f"projects/{PROD.id}")
    fake.fail(429, asset_type="compute.googleapis.com/Network", scope=f"projects/{DEV.id}")
    failed = scan(fake, "networks", "disks", projects=[PROD.id, DEV.id], max_attempts=2)
    assert reasons(failed.findings(), [DEFAULT_RULE]) == {
        (DEFAULT_RULE, f"networks in projects/{project}",
         f"{why}: cloudasset.assets.listResource (networks in projects/{project})")
        for project, why in ((PROD.id, "AccessDenied"), (DEV.id, "Throttled (retries exhausted)"))}
