"""Firewall rules -> IngressRule: the same opening as an AWS security-group rule or an NSG rule."""

from __future__ import annotations

from hitrust_policies.model import IngressRule
from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.aws.conftest import reasons
from tests.sources.live.gcp.conftest import FAIL, PASS, PROD, UNKNOWN, openings, scan

RULE = "net-ingress-rule-admin-ports"


def seed(fake: FakeGcp) -> None:
    fake.add(
        ga.firewall(PROD, "allow-ssh", allowed=[("tcp", ["22"])]),
        ga.firewall(PROD, "allow-web", allowed=[("tcp", ["80", "443"])]),
        ga.firewall(PROD, "db-range", allowed=[("tcp", ["1000-4000"])], source_ranges=["0.0.0.0/0", "10.1.0.0/16"]),
        ga.firewall(PROD, "rdp-udp", allowed=[("udp", ["3389"])], source_ranges=["0.0.0.0/1", "128.0.0.0/1"]),
        ga.firewall(PROD, "everything", allowed=[("all", None)]),
        ga.firewall(PROD, "all-tcp", allowed=[("tcp", None)], source_ranges=["::/0"]),
        ga.firewall(PROD, "ssh-office", allowed=[("tcp", ["22"])], source_ranges=["203.0.113.0/24"]),
        ga.firewall(PROD, "ssh-from-tagged", allowed=[("tcp", ["22"])], source_ranges=None, source_tags=["bastion"]),
        ga.firewall(PROD, "no-source", allowed=[("tcp", ["3306"])], source_ranges=None),
        ga.firewall(PROD, "ping-and-esp", allowed=[("icmp", None), ("esp", None)]),
        ga.firewall(PROD, "disabled-ssh", allowed=[("tcp", ["22"])], disabled=True),
        ga.firewall(PROD, "egress-ssh", allowed=[("tcp", ["22"])], direction="EGRESS"),
        ga.firewall(PROD, "deny-telnet", denied=[("tcp", ["23"])]),
    )


def test_firewall_openings(fake: FakeGcp) -> None:
    seed(fake)
    result = scan(fake, "firewalls")
    assert result.complete
    assert openings(result.findings(), RULE) == {
        ("allow-ssh", "ingress/tcp/22-22/0.0.0.0/0", FAIL),
        ("allow-web", "ingress/tcp/80-80/0.0.0.0/0", PASS),
        ("allow-web", "ingress/tcp/443-443/0.0.0.0/0", PASS),
        ("db-range", "ingress/tcp/1000-4000/0.0.0.0/0", FAIL),
        ("db-range", "ingress/tcp/1000-4000/10.1.0.0/16", PASS),
        ("rdp-udp", "ingress/udp/3389-3389/0.0.0.0/1", FAIL),  # half of the internet is the internet
        ("rdp-udp", "ingress/udp/3389-3389/128.0.0.0/1", FAIL),
        ("everything", "ingress/all/0-65535/0.0.0.0/0", FAIL),
        ("all-tcp", "ingress/tcp/0-65535/::/0", FAIL),
        ("ssh-office", "ingress/tcp/22-22/203.0.113.0/24", PASS),
        ("ssh-from-tagged", "ingress/tcp/22-22/tag:bastion", PASS),
        ("no-source", "ingress/tcp/3306-3306/0.0.0.0/0", FAIL),  # no source at all: the API's 0.0.0.0/0
        ("ping-and-esp", "ingress/icmp/-1--1/0.0.0.0/0", PASS),
        ("ping-and-esp", "ingress/50/0-65535/0.0.0.0/0", PASS),
    }
    messages = {(f.resource.name, f.resource.part): f.message for f in result.findings() if f.rule_id == RULE}
    assert messages[("everything", "ingress/all/0-65535/0.0.0.0/0")] == "all ports open to 0.0.0.0/0"
    assert messages[("all-tcp", "ingress/tcp/0-65535/::/0")] == "all tcp ports open to ::/0"
    assert messages[("allow-ssh", "ingress/tcp/22-22/0.0.0.0/0")] == "22/tcp (SSH) open to 0.0.0.0/0"
    ssh = next(r for r in result.resources if isinstance(r, IngressRule) and r.group == "allow-ssh")
    assert ssh.ref.native_id == "//compute.googleapis.com/projects/phi-prod/global/firewalls/allow-ssh"
    assert (ssh.ref.native_type, ssh.ref.account, ssh.ref.region, ssh.ref.provider) == (
        "compute.googleapis.com/Firewall", "phi-prod", "global", "gcp")


def test_denied_listing_is_unknown(fake: FakeGcp) -> None:
    """403 PERMISSION_DENIED on the firewall listing: UNKNOWN for the rule in that project, naming the
    permission and the scope; the coverage says so."""
    seed(fake)
    fake.fail(403, asset_type="compute.googleapis.com/Firewall")
    result = scan(fake, "firewalls", "disks")
    reason = "AccessDenied: cloudasset.assets.listResource (firewalls in projects/phi-prod)"
    assert openings(result.findings(), RULE) == {("firewalls in projects/phi-prod", "", UNKNOWN)}
    assert reasons(result.findings(), [RULE]) == {(RULE, "firewalls in projects/phi-prod", reason)}
    assert [(c.collector, c.status, c.problems) for c in result.coverage if c.collector == "firewalls"] == [
        ("firewalls", "failed", (reason,))]
    assert not result.complete
