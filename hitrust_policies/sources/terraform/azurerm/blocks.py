"""azurerm nested blocks a plan shows wholly unknown and the configuration does not write: UNKNOWN, not absent.

Terraform leaves a ``dynamic`` block out of the plan's configuration, and one whose ``for_each`` is known
only after apply makes the whole block unknown in ``after_unknown`` (as in hashicorp/aws plans, checked
with Terraform 1.11: tests/terraform/aws/dynamic_blocks). An Optional+Computed block the configuration
leaves out (an NSG's ``security_rule``, a virtual network's ``subnet``) plans the same way. Read as
absent, either would pass what it may hold: an NSG whose dynamic rules open SSH to the Internet would show
no rule at all. So each block below that the azurerm adapters read is, in that shape, an `Unknown` naming
it, as `terraform.aws` does for its blocks, unless the plan proves the block is only the provider's
account of separate resources (`SPLIT`): resources of the split type reference this one by the attribute
that attaches them, and azurerm documents inline blocks and those resources as exclusive (an NSG's
inline rules next to ``azurerm_network_security_rule`` resources, a network's inline subnets next to
``azurerm_subnet`` resources), so those resources are what the block will hold and the adapters join them.

Only blocks whose absence an adapter would read as the safe state are listed: no rule open (NSG), no
subnet to cover (network), the provider's secure defaults (a web app's ``site_config``). A block whose
absence reads as the unsafe state (no customer key, no firewall) gives a FAIL a dynamic block might
turn into a PASS, never a false PASS; those are left as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from hitrust_policies.model.facts import Unknown
from hitrust_policies.sources.terraform.plan import PlanResource
from hitrust_policies.sources.terraform.references import Configuration

APPS = ("azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_function_app",
        "azurerm_windows_function_app", "azurerm_app_service", "azurerm_function_app")

# (resource type, block) -> the split resource type and the attribute by which it attaches to the resource
# (None: no split resource can stand for the block)
BLOCKS: Mapping[tuple[str, str], tuple[str, str] | None] = {
    ("azurerm_network_security_group", "security_rule"): ("azurerm_network_security_rule",
                                                          "network_security_group_name"),
    ("azurerm_virtual_network", "subnet"): ("azurerm_subnet", "virtual_network_name"),
    **{(app, "site_config"): None for app in APPS},
}


def reason(address: str, block: str) -> str:
    """Why the block is unknown, naming it.

    >>> reason("azurerm_network_security_group.web", "security_rule")[:73]
    'known after apply: azurerm_network_security_group.web.security_rule (nest'
    """
    return (f"known after apply: {address}.{block} (nested block `{block}` is not in the configuration: a dynamic "
            "block whose for_each is known only after apply writes it, or the provider computes it; not read as "
            "absent)")


def split_targets(planned: Iterable[PlanResource], config: Configuration) -> set[tuple[str, str]]:
    """(address, split resource type) of every resource a split resource of `BLOCKS` attaches to by reference."""
    splits = {split for split in BLOCKS.values() if split is not None}
    found: set[tuple[str, str]] = set()
    for res in planned:
        for split_type, attr in splits:
            if res.type == split_type:
                found |= {(target.address, split_type) for target in config.dependencies(res).get(attr, ())}
    return found


def unwritten(res: PlanResource, written: Mapping[str, Any] | None,
              split: set[tuple[str, str]]) -> dict[str, Unknown]:
    """The blocks of ``res`` to read as Unknown: wholly unknown in the plan, not written, not proven split."""
    if written is None or not isinstance(res.unknown, Mapping):
        return {}
    out: dict[str, Unknown] = {}
    for (resource_type, block), attach in BLOCKS.items():
        if resource_type != res.type or res.unknown.get(block) is not True or block in written:
            continue
        if attach is None or (res.address, attach[0]) not in split:
            out[block] = Unknown(reason(res.address, block))
    return out
