"""Cloud DNS managed zones -> DnsZone: exact verdicts of the DNSSEC rules."""

from __future__ import annotations

from pathlib import Path

from hitrust_policies.model import DnsZone
from hitrust_policies.sources.live.gcp.scan import scan_export
from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.gcp.conftest import DEV, PROD, families, scan

RULES = ("enc-dns-zone-dnssec", "enc-dns-zone-strong-signing")
SIGNED, STRONG = RULES
ZONE = "dns.googleapis.com/ManagedZone"


def seed(fake: FakeGcp) -> None:
    legacy = ga.managed_zone(PROD, "legacy", "legacy.phi.example.", key_signing="rsasha1", zone_signing="rsasha1")
    # the policy-library fixtures' spelling: enum names in capitals
    shouting = ga.managed_zone(DEV, "shouting", "shouting.phi.example.")
    shouting["resource"]["data"]["visibility"] = "PUBLIC"
    shouting["resource"]["data"]["dnssecConfig"].update(state="ON", defaultKeySpecs=[
        {"algorithm": "RSASHA256", "keyLength": 2048, "keyType": "KEY_SIGNING"},
        {"algorithm": "RSASHA1", "keyLength": 1024, "keyType": "ZONE_SIGNING"}])
    fake.add(
        ga.managed_zone(PROD, "portal", "portal.phi.example."),
        ga.managed_zone(PROD, "ecdsa", "ecdsa.phi.example.", key_signing="ecdsap256sha256",
                        zone_signing="ecdsap256sha256"),
        legacy,
        ga.managed_zone(PROD, "unsigned", "unsigned.phi.example.", dnssec=None),
        ga.managed_zone(PROD, "was-signed", "was-signed.phi.example.", dnssec="off", zone_signing="rsasha1"),
        ga.managed_zone(PROD, "moving", "moving.phi.example.", dnssec="transfer"),
        ga.managed_zone(PROD, "internal", "internal.phi.example.", visibility="private", dnssec=None,
                        network="phi-vpc"),
        shouting,
    )


def test_zone_verdicts(fake: FakeGcp) -> None:
    """Public zones must be signed (state on), with no RSASHA1 key of either role; key specs an unsigned
    zone keeps count; private zones are exempt; the API's and the fixtures' spellings read the same."""
    seed(fake)
    result = scan(fake, "dns-zones", projects=[PROD.id, DEV.id])
    assert result.complete
    assert verdicts(result.findings(), RULES) == table(f"""
        {SIGNED}  portal      PASS
        {SIGNED}  ecdsa       PASS
        {SIGNED}  legacy      PASS
        {SIGNED}  unsigned    FAIL
        {SIGNED}  was-signed  FAIL
        {SIGNED}  moving      FAIL
        {SIGNED}  internal    PASS
        {SIGNED}  shouting    PASS
        {STRONG}  portal      PASS
        {STRONG}  ecdsa       PASS
        {STRONG}  legacy      FAIL
        {STRONG}  unsigned    PASS
        {STRONG}  was-signed  FAIL
        {STRONG}  moving      PASS
        {STRONG}  internal    PASS
        {STRONG}  shouting    FAIL
    """)
    messages = {f.resource.name: f.message for f in result.findings()
                if f.rule_id == STRONG and f.status.value == "FAIL"}
    assert messages == {"legacy": "signs with a weak algorithm: key-signing:RSASHA1, zone-signing:RSASHA1",
                        "was-signed": "signs with a weak algorithm: zone-signing:RSASHA1",
                        "shouting": "signs with a weak algorithm: zone-signing:RSASHA1"}
    [portal] = [r for r in result.resources if r.ref.name == "portal"]
    assert portal == DnsZone(portal.ref, True, True, ("key-signing:RSASHA256", "zone-signing:RSASHA256"))
    # the asset's name holds the project number: named through the project asset, as every resource
    assert (portal.ref.native_id, portal.ref.account, portal.ref.region) == (
        f"//dns.googleapis.com/projects/{PROD.number}/managedZones/portal", PROD.id, "global")
    assert {r.content_type for r in fake.listings() if ZONE in r.asset_types} == {"RESOURCE"}


def test_denied_or_throttled_listing_is_unknown(fake: FakeGcp) -> None:
    seed(fake)
    fake.fail(403, asset_type=ZONE, scope=f"projects/{PROD.id}")
    fake.fail(429, asset_type=ZONE, scope=f"projects/{DEV.id}")
    result = scan(fake, "dns-zones", "disks", projects=[PROD.id, DEV.id])  # not everything failed
    assert reasons(result.findings(), RULES) == {
        (rule, f"dns-zones in projects/{p}", f"{why}: cloudasset.assets.listResource (dns-zones in projects/{p})")
        for rule in RULES for p, why in ((PROD.id, "AccessDenied"), (DEV.id, "Throttled (retries exhausted)"))}
    assert not result.complete


def test_export_gives_the_live_findings(fake: FakeGcp, tmp_path: Path) -> None:
    seed(fake)
    live = scan(fake, "dns-zones", projects=[PROD.id, DEV.id]).findings()
    path = ga.write_export(tmp_path / "resource.json", fake.export_lines())
    offline = scan_export([path], families("dns-zones")).findings()
    assert len(live) == 16
    assert {(f.id, f.rule_id, f.resource.name, f.status, f.message) for f in offline} == {
        (f.id, f.rule_id, f.resource.name, f.status, f.message) for f in live}
