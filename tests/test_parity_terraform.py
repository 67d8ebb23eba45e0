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


# --- hashicorp/google plans against pulumi-gcp programs, through the hitrust-gcp pack ------------------------

GCP_PACK_RULES = {r.id for r in pack_rules(package="gcp")}


def _gcp_twins() -> list[Twin]:
    from tests.pulumi_programs import gcp, gcp_terraform_twins

    buckets = frozenset({"phi-access-logs", "phi-records", "phi-plain", "public-site", "partner-share", "team-only",
                         "policy-doc", "phi/records", "phi/backups", "phi/hsm", "phi/signing"})
    firewalls = frozenset({"prod-vpc", "allow-ssh-web", "allow-https", "allow-iap-ssh", "allow-internal",
                           "allow-db-from-app", "allow-rdp-any", "deny-telnet", "egress-smtp", "old-mysql"})
    return [
        Twin("parity_buckets", gcp_terraform_twins.buckets_and_keys, buckets,
             must_fail=frozenset({("net-object-store-public-access-blocked", "public-site"),
                                  ("net-object-store-public-access-blocked", "partner-share"),
                                  ("net-object-store-public-access-blocked", "policy-doc"),
                                  ("enc-crypto-key-rotation", "phi/backups")}),
             must_pass=frozenset({("enc-object-store-kms", "phi-records"),
                                  ("log-object-store-access-logging", "phi-records"),
                                  ("net-object-store-public-access-blocked", "team-only"),
                                  ("enc-crypto-key-rotation", "phi/hsm")})),
        Twin("parity_firewalls", gcp.firewalls, firewalls,
             must_fail=frozenset({("net-ingress-rule-admin-ports", "allow-ssh-web"),
                                  ("net-ingress-rule-admin-ports", "allow-rdp-any")}),
             must_pass=frozenset({("net-ingress-rule-admin-ports", "allow-iap-ssh"),
                                  ("net-ingress-rule-admin-ports", "allow-internal"),
                                  ("log-network-flow-logs", "prod-vpc")})),
    ]


@pytest.fixture(scope="module")
def gcp_pack():
    pytest.importorskip("pulumi_gcp", reason="the pulumi-gcp extra is not installed")
    return shared_pack(default_pack_dir("hitrust-gcp"))


@pytest.mark.parametrize("scenario", ["parity_buckets", "parity_firewalls"])
def test_google_plan_and_pulumi_gcp_program_agree(scenario: str, gcp_pack) -> None:  # noqa: ANN001
    from tests.sources.terraform.plans import google_plan_path

    (twin,) = [t for t in _gcp_twins() if t.scenario == scenario]
    scan = check_plans([str(google_plan_path(twin.scenario))])
    assert scan.complete and not scan.errors
    planned = verdicts_over(scan.findings(), twin.names, GCP_PACK_RULES)
    assert_pack_agrees_with_live(twin.program, planned, gcp_pack, names=twin.names, rules=GCP_PACK_RULES,
                                 must_fail=twin.must_fail, must_pass=twin.must_pass)
