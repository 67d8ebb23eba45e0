"""Parity: the same infrastructure written as Terraform (a real plan of tests/terraform/aws/<scenario>) and
as a pulumi-aws program (tests/pulumi_programs/) gives the same (rule, resource, status) multiset, PASS
included, through the pulumi-aws adapters, and the real policy-pack process reports exactly its FAIL /
UNKNOWN rows.

Identity across the two: a resource is named by its physical name where it has one (both sides use
the same `PulumiResource.display_name`), else by its logical name: the Pulumi logical name, and for a
plan the address without its type segment (``aws_security_group.web`` -> ``web``). The twins declare
each resource under the same name both ways, so the sets compare without any mapping table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from hitrust_policies.pulumi_pack import pack_rules
from hitrust_policies.sources.terraform.scan import check_plans
from hitrust_policies.testing.pulumi import default_pack_dir, shared_pack
from tests.parity import assert_pack_agrees_with_live, verdicts_over
from tests.pulumi_programs import network, terraform_twins
from tests.sources.terraform.plans import plan_path

PACK_RULES = {r.id for r in pack_rules()}


@dataclass(frozen=True)
class Twin:
    scenario: str  # tests/terraform/aws/<scenario>
    program: Callable[[], None]
    names: frozenset[str]
    must_fail: frozenset[tuple[str, str]]
    must_pass: frozenset[tuple[str, str]]


TWINS = [
    Twin("parity_admin_ports", network.open_admin_ports, frozenset({"web-sg", "db-sg"}),
         must_fail=frozenset({("net-ingress-rule-admin-ports", "web-sg"), ("net-ingress-rule-admin-ports", "db-sg")}),
         must_pass=frozenset({("net-security-group-default-closed", "web-sg")})),
    Twin("parity_buckets", terraform_twins.buckets, frozenset({"phi-records", "partial-bucket", "bucket-key"}),
         must_fail=frozenset({("enc-object-store-kms", "partial-bucket"),
                              ("enc-object-store-tls-only", "partial-bucket"),
                              ("net-object-store-public-access-blocked", "partial-bucket")}),
         must_pass=frozenset({("enc-object-store-kms", "phi-records"), ("enc-object-store-tls-only", "phi-records"),
                              ("log-object-store-access-logging", "phi-records"),
                              ("enc-crypto-key-rotation", "bucket-key")})),
]


@pytest.fixture(scope="module")
def pack():
    return shared_pack(default_pack_dir())


@pytest.mark.parametrize("twin", TWINS, ids=lambda t: t.scenario)
def test_plan_and_program_agree(twin: Twin, pack) -> None:  # noqa: ANN001
    scan = check_plans([str(plan_path(twin.scenario))])
    assert scan.complete and not scan.errors
    planned = verdicts_over(scan.findings(), twin.names, PACK_RULES)
    assert_pack_agrees_with_live(twin.program, planned, pack, names=twin.names, rules=PACK_RULES,
                                 must_fail=twin.must_fail, must_pass=twin.must_pass)
