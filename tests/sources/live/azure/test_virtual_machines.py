"""VMs joined with NICs and public IPs -> ComputeInstance: public addresses and encryption at host."""

from __future__ import annotations

from hitrust_policies.model import ComputeInstance
from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.azure.conftest import SUB, SUB2, scan

RULES = ["net-instance-no-public-ip", "enc-instance-host-encryption"]
SUBNET = f"/subscriptions/{SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/app"
GONE_NIC = f"/subscriptions/{SUB}/resourceGroups/rg-vm/providers/Microsoft.Network/networkInterfaces/gone-nic"


def seed(fake: FakeAzure) -> None:
    static = rows.public_ip_address(SUB, "web-ip", address="20.119.8.41")
    unallocated = rows.public_ip_address(SUB, "batch-ip", address=None)
    v6 = rows.public_ip_address(SUB, "web-ip6", address="2603:1030:20e:3::2a5", version="IPv6")
    private_nic = rows.network_interface(SUB, "app-nic", subnet_id=SUBNET, vm="app-vm")
    web_nic = rows.network_interface(SUB, "web-nic", subnet_id=SUBNET, public_ips=[static, None, v6], vm="web-vm")
    batch_nic = rows.network_interface(SUB, "batch-nic", subnet_id=SUBNET, public_ips=[unallocated], vm="batch-vm")
    fake.add(static, unallocated, v6, private_nic, web_nic, batch_nic,
             rows.virtual_machine(SUB, "app-vm", [private_nic]),
             rows.virtual_machine(SUB, "web-vm", [web_nic], encryption_at_host=None),
             rows.virtual_machine(SUB, "batch-vm", [private_nic, batch_nic], encryption_at_host=False),
             rows.virtual_machine(SUB, "lost-vm", [GONE_NIC]))


def test_vm_verdicts(fake: FakeAzure) -> None:
    seed(fake)
    result = scan(fake, "virtual-machines")
    assert result.complete
    assert verdicts(result.findings(), RULES) == set(table("""
        net-instance-no-public-ip     app-vm    PASS
        net-instance-no-public-ip     web-vm    FAIL
        net-instance-no-public-ip     batch-vm  FAIL
        net-instance-no-public-ip     lost-vm   UNKNOWN
        enc-instance-host-encryption  app-vm    PASS
        enc-instance-host-encryption  web-vm    FAIL
        enc-instance-host-encryption  batch-vm  FAIL
        enc-instance-host-encryption  lost-vm   PASS
    """))
    messages = {f.resource.name: f.message for f in result.findings() if f.rule_id == RULES[0]}
    assert messages["web-vm"] == "instance holds public address 20.119.8.41, 2603:1030:20e:3::2a5"
    assert messages["batch-vm"] == "instance holds public address batch-ip"  # Dynamic, not allocated yet
    assert messages["lost-vm"] == f"network interface {GONE_NIC} of VM lost-vm not in the Resource Graph listing"
    vms = {r.ref.name: r.ref.native_type for r in result.resources if isinstance(r, ComputeInstance)}
    assert vms == {name: "microsoft.compute/virtualmachines" for name in ("app-vm", "web-vm", "batch-vm", "lost-vm")}


def test_denied_listing_is_unknown(fake: FakeAzure) -> None:
    """403 on the VM query of one subscription: both rules UNKNOWN there, naming the call; the other
    subscription is judged."""
    seed(fake)
    nic = rows.network_interface(SUB2, "dev-nic")
    fake.add(nic, rows.virtual_machine(SUB2, "dev-vm", [nic]))
    fake.fail(403, "AuthorizationFailed", path="resourcegraph", subscription=SUB, query="virtualmachines")
    result = scan(fake, "virtual-machines", subscriptions=[SUB, SUB2])
    scope = f"virtual-machines in subscription {SUB}"
    assert verdicts(result.findings(), RULES) == set(table(f"""
        net-instance-no-public-ip     {scope}  UNKNOWN
        enc-instance-host-encryption  {scope}  UNKNOWN
        net-instance-no-public-ip     dev-vm   PASS
        enc-instance-host-encryption  dev-vm   PASS
    """))
    assert reasons(result.findings(), RULES) == {
        (rule, scope, f"AccessDenied: Microsoft.ResourceGraph/resources/read ({scope})") for rule in RULES}


def test_throttled_listing_is_unknown(fake: FakeAzure) -> None:
    """429 on every try in one subscription: after the retries its VMs are UNKNOWN with the reason."""
    seed(fake)
    fake.add(rows.virtual_machine(SUB2, "dev-vm", [rows.network_interface(SUB2, "dev-nic")]))
    throttle = fake.fail(429, "RateLimiting", path="resourcegraph", subscription=SUB, retry_after=0)
    result = scan(fake, "virtual-machines", subscriptions=[SUB, SUB2], max_attempts=2)
    assert throttle.hits == 2
    scope = f"virtual-machines in subscription {SUB}"
    assert reasons(result.findings(), RULES) == {
        (rule, scope, f"Throttled (retries exhausted): Microsoft.ResourceGraph/resources/read ({scope})")
        for rule in RULES} | {("net-instance-no-public-ip", "dev-vm", "network interface /subscriptions/"
                               f"{SUB2}/resourceGroups/rg-vm/providers/Microsoft.Network/networkInterfaces/dev-nic "
                               "of VM dev-vm not in the Resource Graph listing")}


FORWARDING = "net-instance-ip-forwarding-off"


def test_ip_forwarding_on_any_nic(fake: FakeAzure) -> None:
    """A VM FAILs when any of its NICs enables IP forwarding (Azure Policy 88c0b9da, judged per VM); a NIC
    the listing does not show is UNKNOWN unless a shown one already forwards; a denied listing is UNKNOWN."""
    seed(fake)
    router_nic = rows.network_interface(SUB, "router-nic", subnet_id=SUBNET, vm="router-vm")
    router_nic["properties"]["enableIPForwarding"] = True
    fake.add(router_nic, rows.virtual_machine(SUB, "router-vm", [router_nic]),
             rows.virtual_machine(SUB, "half-lost-vm", [router_nic["id"], GONE_NIC]))
    result = scan(fake, "virtual-machines")
    assert verdicts(result.findings(), [FORWARDING]) == set(table(f"""
        {FORWARDING}  app-vm        PASS
        {FORWARDING}  web-vm        PASS
        {FORWARDING}  batch-vm      PASS
        {FORWARDING}  lost-vm       UNKNOWN
        {FORWARDING}  router-vm     FAIL
        {FORWARDING}  half-lost-vm  FAIL
    """))
    assert reasons(result.findings(), [FORWARDING]) == {
        (FORWARDING, "lost-vm", f"network interface {GONE_NIC} of VM lost-vm not in the Resource Graph listing")}
    fake.fail(403, "AuthorizationFailed", path="resourcegraph", subscription=SUB, query="virtualmachines")
    scope = f"virtual-machines in subscription {SUB}"
    fake.add(rows.virtual_machine(SUB2, "dev-vm", [rows.network_interface(SUB2, "dev-nic", vm="dev-vm")]))
    denied = scan(fake, "virtual-machines", subscriptions=[SUB, SUB2]).findings()
    assert reasons(denied, [FORWARDING]) == {
        (FORWARDING, scope, f"AccessDenied: Microsoft.ResourceGraph/resources/read ({scope})"),
        (FORWARDING, "dev-vm", f"network interface /subscriptions/{SUB2}/resourceGroups/rg-vm/providers/"
                               "Microsoft.Network/networkInterfaces/dev-nic of VM dev-vm not in the Resource Graph "
                               "listing")}
