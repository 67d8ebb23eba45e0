"""Nested blocks a hashicorp/aws plan shows wholly unknown: exact verdicts on a real plan
(tests/terraform/aws/dynamic_blocks, Terraform 1.11 and provider 5.100) and the plan shapes they rest on.

- A block the provider does not compute plans as ``[]`` when unwritten; a ``dynamic`` block whose
  ``for_each`` is known only after apply makes it wholly unknown: UNKNOWN naming the block, never
  "no block" (which would pass a default network ACL with an SSH rule, or a trail without selectors).
- An Optional+Computed block (an instance's ``network_interface``) plans wholly unknown written or not;
  an argument it conflicts with, written with a known value, proves it unwritten (an apply with both
  fails), and the instance's own arguments decide. Nothing conflicting written: UNKNOWN.
"""

from __future__ import annotations

from hitrust_policies.model import AuditTrail, Unknown
from hitrust_policies.sources.terraform import aws
from hitrust_policies.sources.terraform.plan import resources
from hitrust_policies.sources.terraform.references import Configuration
from hitrust_policies.sources.terraform.scan import check_plans
from tests.sources.terraform.plans import plan, plan_path
from tests.verdicts import Verdicts

P, F, U = "PASS", "FAIL", "UNKNOWN"

EXPECTED = [
    ("enc-audit-trail-kms", "aws_cloudtrail.plain", F),
    ("log-audit-trail-cloudwatch", "aws_cloudtrail.plain", F),
    ("log-audit-trail-validation", "aws_cloudtrail.plain", F),
    ("enc-audit-trail-kms", "aws_cloudtrail.selected", F),
    ("log-audit-trail-cloudwatch", "aws_cloudtrail.selected", F),
    ("log-audit-trail-validation", "aws_cloudtrail.selected", F),
    ("net-network-acl-admin-ports", "aws_default_network_acl.main", U),  # dynamic ingress, for_each unknown
    ("enc-instance-host-encryption", "aws_instance.attached", P),
    ("net-instance-ip-forwarding-off", "aws_instance.attached", U),  # dynamic network_interface
    ("net-instance-no-public-ip", "aws_instance.attached", U),
    ("enc-instance-host-encryption", "aws_instance.bare", P),
    ("net-instance-ip-forwarding-off", "aws_instance.bare", P),  # associate_public_ip_address = false written
    ("net-instance-no-public-ip", "aws_instance.bare", P),
    ("enc-instance-host-encryption", "aws_instance.conflicted", P),
    ("net-instance-ip-forwarding-off", "aws_instance.conflicted", P),  # its dynamic block fails at apply
    ("net-instance-no-public-ip", "aws_instance.conflicted", F),  # associate_public_ip_address = true
    ("enc-instance-host-encryption", "aws_instance.defaults", P),
    ("net-instance-ip-forwarding-off", "aws_instance.defaults", U),  # nothing written: maybe dynamic
    ("net-instance-no-public-ip", "aws_instance.defaults", U),
    ("enc-instance-host-encryption", "aws_instance.subnet_only", P),
    ("net-instance-ip-forwarding-off", "aws_instance.subnet_only", U),  # subnet_id unknown: may be null
    ("net-instance-no-public-ip", "aws_instance.subnet_only", U),
    # metadata_options left out: computed by the provider at apply
    *(("net-instance-metadata-tokens", f"aws_instance.{i}", U)
      for i in ("attached", "bare", "conflicted", "defaults", "subnet_only")),
    ("net-subnet-no-auto-public-ip", "aws_subnet.app", P),
    ("net-ingress-rule-admin-ports", "aws_security_group.dyn", U),  # an attribute: a placeholder item
    ("net-security-group-default-closed", "aws_security_group.dyn", P),
    ("log-network-flow-logs", "aws_vpc.main", F),
    ("net-network-default-absent", "aws_vpc.main", P),
]


def _changes(address: str) -> tuple[dict, dict, dict]:
    doc = plan("dynamic_blocks")
    change = next(c["change"] for c in doc["resource_changes"] if c["address"] == address)
    written = next(r["expressions"] for r in doc["configuration"]["root_module"]["resources"]
                   if r["address"] == address)
    return change["after"], change["after_unknown"], written


def test_plan_shapes_the_decisions_rest_on() -> None:
    after, unknown, written = _changes("aws_cloudtrail.plain")  # a non-computed block, unwritten: known []
    assert (after["event_selector"], unknown["event_selector"]) == ([], [])
    after, unknown, written = _changes("aws_cloudtrail.selected")  # the same block, dynamic with unknown for_each
    assert (after.get("event_selector"), unknown["event_selector"], "event_selector" in written) == (None, True, False)
    after, unknown, written = _changes("aws_default_network_acl.main")
    assert (after.get("ingress"), unknown["ingress"], after["egress"]) == (None, True, [])
    # network_interface: the same shape unwritten (bare, defaults) and dynamic (attached, conflicted)
    for name in ("bare", "defaults", "attached", "conflicted", "subnet_only"):
        after, unknown, written = _changes(f"aws_instance.{name}")
        assert (after.get("network_interface"), unknown["network_interface"], "network_interface" in written) == (
            None, True, False), name
    assert _changes("aws_instance.bare")[0]["associate_public_ip_address"] is False
    assert _changes("aws_instance.subnet_only")[1]["subnet_id"] is True


def test_exact_verdicts() -> None:
    found = Verdicts((f.rule_id, f.resource.native_id, f.status.value)
                     for f in check_plans([str(plan_path("dynamic_blocks"))]).findings())
    assert found == Verdicts(EXPECTED)


def test_unknown_reasons_name_the_block() -> None:
    found = {(f.rule_id, f.resource.native_id): f.message
             for f in check_plans([str(plan_path("dynamic_blocks"))]).findings()}
    block = ("(nested block `{0}` is not in the configuration: a dynamic block whose for_each is known only after "
             "apply writes it, or the provider computes it; not read as absent)")
    assert found[("net-network-acl-admin-ports", "aws_default_network_acl.main")] == (
        "known after apply: aws_default_network_acl.main.ingress " + block.format("ingress"))
    for name in ("attached", "defaults", "subnet_only"):
        for rule in ("net-instance-no-public-ip", "net-instance-ip-forwarding-off"):
            assert found[(rule, f"aws_instance.{name}")] == (
                f"known after apply: aws_instance.{name}.network_interface " + block.format("network_interface"))


def test_trail_selectors_of_a_dynamic_block_are_unknown_not_every_management_event() -> None:
    values, gaps, _ = aws.to_model(plan("dynamic_blocks"))
    trails = {v.ref.native_id: v for v in values if isinstance(v, AuditTrail)}
    assert not gaps and trails["aws_cloudtrail.plain"].management_reads is True  # no selector: all of them
    selected = trails["aws_cloudtrail.selected"]
    for fact in (selected.management_reads, selected.management_writes, selected.management_exclusions):
        assert isinstance(fact, Unknown) and "`event_selector`" in fact.reason


def test_empty_unless_written_needs_a_known_conflicting_argument() -> None:
    doc = plan("dynamic_blocks")
    planned = {r.address: r for r in resources(doc)}
    config = Configuration(doc, planned.values())
    bare = planned["aws_instance.bare"]
    after, unknown = aws.empty_unless_written(bare, bare.unknown, config.expressions(bare))
    assert after["network_interface"] == [] and "network_interface" not in unknown
    # no configuration at all: nothing is proven
    assert aws.empty_unless_written(bare, bare.unknown, None) == (dict(bare.after), bare.unknown)
    for name in ("defaults", "subnet_only", "attached"):  # nothing conflicting written with a known value
        res = planned[f"aws_instance.{name}"]
        after, unknown = aws.empty_unless_written(res, res.unknown, config.expressions(res))
        assert unknown["network_interface"] is True and "network_interface" not in after, name
    # the same written argument, its value unknown at plan time (it may turn out null): not proven
    late = {**bare.unknown, "associate_public_ip_address": True}
    assert aws.empty_unless_written(bare, late, config.expressions(bare))[1]["network_interface"] is True
