"""Nested blocks a hashicorp/azurerm plan shows wholly unknown and the configuration does not write
(tests/terraform/azurerm/dynamic_blocks): exact verdicts and the plan shapes they rest on.

A ``dynamic`` block whose ``for_each`` is known only after apply is left out of the configuration and
plans wholly unknown, as an Optional+Computed block left unwritten does: UNKNOWN naming the block, never
"no rule" (an NSG whose dynamic rules open SSH to the Internet), "no subnet" (a network's flow logs) or
"the provider's defaults" (a web app's TLS and remote debugging). Split resources attached to the
resource (``azurerm_network_security_rule``, ``azurerm_subnet``) prove the block is only their account.
"""

from __future__ import annotations

from hitrust_policies.sources.terraform.scan import check_plans
from tests.sources.terraform.plans import azurerm_plan, azurerm_plan_path
from tests.verdicts import Verdicts

P, F, U = "PASS", "FAIL", "UNKNOWN"
ADMIN = "net-ingress-rule-admin-ports"
DEFAULTS = 2  # Azure's default inbound rules every NSG carries (VNet and load balancer traffic)

EXPECTED = [
    ("enc-tls-listener-modern", "azurerm_linux_web_app.dyn", P),  # http: https_only = true written
    ("enc-tls-listener-modern", "azurerm_linux_web_app.dyn", U),  # https: minimum_tls_version in site_config
    ("enc-web-app-ftps-only", "azurerm_linux_web_app.dyn", U),
    ("iam-web-app-managed-identity", "azurerm_linux_web_app.dyn", F),  # identity: known [] (not written)
    ("net-web-app-remote-debugging-off", "azurerm_linux_web_app.dyn", U),
    *[(ADMIN, "azurerm_network_security_group.dyn", P)] * DEFAULTS,
    (ADMIN, "azurerm_network_security_group.dyn", U),  # the dynamic rules, not "no rule"
    *[(ADMIN, "azurerm_network_security_group.split", P)] * DEFAULTS,  # its rule is a separate resource
    (ADMIN, "azurerm_network_security_rule.split_ssh", F),
    ("net-subnet-security-group", "azurerm_subnet.split_app", F),
    ("log-network-flow-logs", "azurerm_virtual_network.dyn", U),  # not "no subnet to cover"
    ("net-network-default-absent", "azurerm_virtual_network.dyn", P),
    ("net-subnet-security-group", "azurerm_virtual_network.dyn", U),
    ("log-network-flow-logs", "azurerm_virtual_network.split", F),  # its subnet is a separate resource
    ("net-network-default-absent", "azurerm_virtual_network.split", P),
]


def _change(address: str) -> tuple[dict, dict, dict]:
    doc = azurerm_plan("dynamic_blocks")
    change = next(c["change"] for c in doc["resource_changes"] if c["address"] == address)
    written = next(r["expressions"] for r in doc["configuration"]["root_module"]["resources"]
                   if r["address"] == address)
    return change["after"], change["after_unknown"], written


def test_plan_shapes_the_decisions_rest_on() -> None:
    for address, block in (("azurerm_network_security_group.dyn", "security_rule"),
                           ("azurerm_network_security_group.split", "security_rule"),
                           ("azurerm_virtual_network.dyn", "subnet"), ("azurerm_virtual_network.split", "subnet"),
                           ("azurerm_linux_web_app.dyn", "site_config")):
        after, unknown, written = _change(address)
        assert (after.get(block), unknown[block], block in written) == (None, True, False), address
    after, unknown, written = _change("azurerm_linux_web_app.dyn")
    assert (after["identity"], unknown["identity"]) == ([], [])  # known: no identity


def test_exact_verdicts() -> None:
    scan = check_plans([str(azurerm_plan_path("dynamic_blocks"))])
    assert scan.complete and not scan.errors and not scan.gaps
    assert Verdicts((f.rule_id, f.resource.native_id, f.status.value) for f in scan.findings()) == Verdicts(EXPECTED)


def test_unknown_names_the_block() -> None:
    scan = check_plans([str(azurerm_plan_path("dynamic_blocks"))])
    reasons = {(f.rule_id, f.resource.native_id): f.message for f in scan.findings() if f.status.value == U}
    assert reasons[(ADMIN, "azurerm_network_security_group.dyn")].startswith(
        "known after apply: azurerm_network_security_group.dyn.security_rule (nested block `security_rule` is not "
        "in the configuration: a dynamic block")
    assert "azurerm_virtual_network.dyn.subnet (nested block `subnet`" in reasons[
        ("log-network-flow-logs", "azurerm_virtual_network.dyn")]
    assert "azurerm_linux_web_app.dyn.site_config (nested block `site_config`" in reasons[
        ("enc-web-app-ftps-only", "azurerm_linux_web_app.dyn")]
