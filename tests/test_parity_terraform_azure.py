"""Parity: the same Azure infrastructure written as a hashicorp/azurerm plan (tests/terraform/azurerm/<scenario>)
and as an azure-native program (tests/pulumi_programs/azure_native.py) gives the same (rule, name, status)
multiset, PASS included, through the azurerm adapters on one side and the azure-native adapters and the real
policy-pack process on the other.

The two sources share no adapter code, only `azure_semantics`: agreement here is evidence that each reads
its provider's names into the same Azure meaning. Names are the ARM names both sides give explicitly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from hitrust_policies.pulumi_pack import pack_rules
from hitrust_policies.sources.terraform.scan import check_plans
from hitrust_policies.testing.pulumi import default_pack_dir, shared_pack
from tests.parity import assert_pack_agrees_with_live, verdicts_over
from tests.pulumi_programs import azure_native
from tests.sources.terraform.plans import azurerm_plan_path

PACK_RULES = {r.id for r in pack_rules(package="azure-native")}


@dataclass(frozen=True)
class Twin:
    scenario: str  # tests/terraform/azurerm/<scenario>
    program: Callable[[], None]
    names: frozenset[str]
    must_fail: frozenset[tuple[str, str]]
    must_pass: frozenset[tuple[str, str]]


TWINS = [
    Twin("parity_nsg", azure_native.nsg_rules, frozenset({"web-nsg", "db-nsg"}),
         must_fail=frozenset({("net-ingress-rule-admin-ports", "web-nsg"), ("net-ingress-rule-admin-ports", "db-nsg")}),
         must_pass=frozenset({("net-ingress-rule-admin-ports", "web-nsg")})),
    Twin("parity_storage", azure_native.noncompliant_storage, frozenset({"publicsite", "legacyhttp", "privateonly"}),
         must_fail=frozenset({("net-object-store-public-access-blocked", "publicsite"),
                              ("enc-object-store-tls-only", "legacyhttp"),
                              ("net-service-firewall-default-deny", "publicsite"),
                              ("iam-local-auth-disabled", "privateonly")}),
         must_pass=frozenset({("net-object-store-public-access-blocked", "privateonly"),
                              ("net-object-store-public-access-blocked", "legacyhttp"),
                              ("net-service-firewall-default-deny", "privateonly"),
                              ("enc-tls-listener-modern", "legacyhttp")})),
]


@pytest.fixture(scope="module")
def pack():
    return shared_pack(default_pack_dir("hitrust-azure"))


@pytest.mark.parametrize("twin", TWINS, ids=lambda t: t.scenario)
def test_plan_and_program_agree(twin: Twin, pack) -> None:  # noqa: ANN001
    scan = check_plans([str(azurerm_plan_path(twin.scenario))])
    assert scan.complete and not scan.errors
    planned = verdicts_over(scan.findings(), twin.names, PACK_RULES)
    assert_pack_agrees_with_live(twin.program, planned, pack, names=twin.names, rules=PACK_RULES,
                                 must_fail=twin.must_fail, must_pass=twin.must_pass)
