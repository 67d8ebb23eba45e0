"""Writes tests/terraform/azurerm/<scenario>/plan.json: what `terraform show -json` prints for that main.tf.

No azurerm provider can run here, so the plans are written from the scenario's main.tf in the exact shape
of real azurerm plans (checkov's tests/terraform/runner/resources/plan_with_resource_reference/
tfplan_extra_ref.json; Terraform's JSON output format 1.2): ``planned_values`` without unknown values,
``resource_changes`` with ``after`` / ``after_unknown`` (``id`` and every computed attribute the
configuration does not write, e.g. an NSG's ``security_rule``) / ``after_sensitive`` (access keys,
connection strings), and ``configuration`` with each attribute's ``constant_value`` or ``references``
(a reference to ``x.y[each.key].id`` recorded as ``x.y``, ``each.key``, as Terraform records it).
The provider's defaults for attributes left out are in ``after`` (nested items public, in v3 and v4).

Run: python tests/terraform/azurerm/build_plans.py (rewrites every plan.json).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PROVIDER = "registry.terraform.io/hashicorp/azurerm"
UNKNOWN = object()  # a value known after apply


class R:
    """One resource instance: ``attrs`` as written (constants, references via `ref`, `UNKNOWN` results),
    ``defaults`` the provider fills in, ``computed`` attributes only known after apply."""

    def __init__(self, address: str, attrs: dict[str, Any], defaults: dict[str, Any] | None = None,
                 computed: tuple[str, ...] = ("id",), sensitive: tuple[str, ...] = (), index: Any = None,
                 block_defaults: dict[str, dict[str, Any]] | None = None) -> None:
        self.address, self.attrs, self.index = address, attrs, index
        self.block_defaults = block_defaults or {}  # what the provider fills in inside written blocks
        self.defaults, self.computed, self.sensitive = defaults or {}, computed, sensitive
        base = address.split("[", 1)[0]
        self.type, self.name = base.split(".")[-2:]


class Ref:
    """An attribute built from other objects: its known value (or UNKNOWN) and Terraform's references."""

    def __init__(self, value: Any, *references: str) -> None:
        self.value, self.references = value, list(references)


def ref(value: Any, *references: str) -> Ref:
    return Ref(value, *references)


def _after(value: Any) -> Any:
    if isinstance(value, Ref):
        return _after(value.value)
    if value is UNKNOWN:
        return None
    if isinstance(value, dict):
        return {k: _after(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_after(v) for v in value]
    return value


def _unknown(value: Any) -> Any:
    if isinstance(value, Ref):
        return _unknown(value.value)
    if value is UNKNOWN:
        return True
    if isinstance(value, dict):
        return {k: u for k, v in value.items() if (u := _unknown(v)) is not False}
    if isinstance(value, list):  # lists keep their shape: one entry per item ([false] for a known one)
        return [_unknown(v) for v in value]
    return False


def _expression(value: Any) -> Any:
    if isinstance(value, Ref):
        return {"references": value.references}
    if isinstance(value, dict):  # a nested block: its own expressions
        return [{k: _expression(v) for k, v in value.items()}]
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return [{k: _expression(v) for k, v in item.items()} for item in value]
    return {"constant_value": _after(value)}


def _blocks(attrs: dict[str, Any]) -> dict[str, Any]:
    """Nested blocks written once (``network_rules { ... }``) are one-item lists in the plan."""
    return {k: [v] if isinstance(v, dict) else v for k, v in attrs.items()}


def plan(version: str, resources: list[R]) -> dict[str, Any]:
    planned, changes, configured = [], [], {}
    for r in resources:
        values = {**r.defaults, **_blocks(r.attrs)}
        for name, filled in r.block_defaults.items():
            if isinstance(values.get(name), list):
                values[name] = [{**filled, **item} if isinstance(item, dict) else item for item in values[name]]
        after = {k: _after(v) for k, v in values.items()}
        unknown = {k: u for k, v in values.items() if (u := _unknown(v)) is not False}
        unknown.update({k: True for k in r.computed})
        sensitive = {k: True for k in r.sensitive}
        common = {"address": r.address, "mode": "managed", "type": r.type, "name": r.name,
                  **({} if r.index is None else {"index": r.index}), "provider_name": PROVIDER}
        planned.append({**common, "schema_version": 0,
                        "values": {k: v for k, v in after.items() if unknown.get(k) is not True},
                        "sensitive_values": {k: v for k, v in sensitive.items()}})
        changes.append({**common, "change": {"actions": ["create"], "before": None, "after": after,
                                             "after_unknown": unknown, "before_sensitive": False,
                                             "after_sensitive": sensitive}})
        base = f"{r.type}.{r.name}"
        configured.setdefault(base, {
            "address": base, "mode": "managed", "type": r.type, "name": r.name, "provider_config_key": "azurerm",
            "expressions": {k: _expression(v) for k, v in r.attrs.items()}, "schema_version": 0,
            **({"for_each_expression": {"references": ["var.tenants"]}} if isinstance(r.index, str) else {})})
    return {
        "format_version": "1.2", "terraform_version": "1.9.8",
        "planned_values": {"root_module": {"resources": planned}},
        "resource_changes": changes,
        "configuration": {"provider_config": {"azurerm": {
            "name": "azurerm", "full_name": PROVIDER, "version_constraint": version,
            "expressions": {"features": [{}]}}},
            "root_module": {"resources": list(configured.values())}},
        "timestamp": "2026-11-29T21:00:00Z", "errored": False,
    }


def write(scenario: str, doc: dict[str, Any]) -> None:
    (HERE / scenario).mkdir(exist_ok=True)
    (HERE / scenario / "plan.json").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    from scenarios import SCENARIOS  # type: ignore[import-not-found]

    for name, doc in SCENARIOS.items():
        write(name, doc)
