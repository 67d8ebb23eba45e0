"""Which resources an attribute is built from, read from the plan's ``configuration``.

A bucket's encryption resource names the bucket by ``aws_s3_bucket.this[each.key].id``: at plan time
that id is unknown, but the expression's ``references`` name the resource. This module turns them
into the plan addresses of the instances meant, per top-level attribute (what a Pulumi engine sends
as ``propertyDependencies``):

- a literal index (``this["phi"]``, ``disk[0]``) is that instance; a reference to a resource without
  ``count`` / ``for_each`` is that resource;
- ``this[each.key]`` / ``this[count.index]`` (recorded by Terraform as ``this`` plus ``each.key``) is the
  instance with the referring instance's own key, when the expression references nothing else that
  could have computed the index (``this[var.map[each.key]]`` is not pinned);
- ``var.x`` inside a module follows the module call's argument into the calling module, and
  ``module.m.out`` follows the output's expression into module ``m`` (one without count / for_each);
- a reference it cannot pin to instances (a whole ``for_each`` resource, a module instance) gives no
  address: the join stays by value, and a value unknown at plan time stays unknown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from hitrust_policies.sources.terraform.plan import PlanResource

_REF = re.compile(r"^(?P<type>[A-Za-z0-9_-]+)\.(?P<name>[A-Za-z0-9_-]+)(?:\[(?P<index>[^\]]+)\])?")
SELF_KEYS = ("each.key", "count.index")
NOT_RESOURCES = ("each.", "count.", "local.", "module.", "data.", "path.", "terraform.", "self.")
_OUTPUT = re.compile(r"^module\.(?P<name>[A-Za-z0-9_-]+)\.(?P<output>[A-Za-z0-9_-]+)")
_CALL = re.compile(r'^module\.(?P<name>[^.\[]+)(?:\[(?P<key>[^\]]*)\])?$')


def _references(expr: Any) -> Iterator[str]:
    """Every reference string anywhere under one attribute's expression (nested blocks included)."""
    if isinstance(expr, Mapping):
        for ref in expr.get("references") or ():
            if isinstance(ref, str):
                yield ref
        for key, value in expr.items():
            if key not in ("references", "constant_value"):
                yield from _references(value)
    elif isinstance(expr, list):
        for item in expr:
            yield from _references(item)


class Configuration:
    """The ``configuration`` tree, indexed by module path (``module.a.module.b``, no instance keys)."""

    def __init__(self, doc: Mapping[str, Any], resources: Iterable[PlanResource]) -> None:
        config = doc.get("configuration") or {}
        self.modules: dict[str, Mapping[str, Any]] = {}
        self._resources: dict[tuple[str, str], Mapping[str, Any]] = {}
        self._index("", config.get("root_module") or {})
        self.providers: Mapping[str, Any] = config.get("provider_config") or {}
        self.instances: dict[tuple[str, str], list[PlanResource]] = {}
        for r in resources:
            self.instances.setdefault((r.module, r.config_address), []).append(r)

    def _index(self, path: str, module: Mapping[str, Any]) -> None:
        self.modules[path] = module
        for r in module.get("resources") or ():
            if r.get("mode", "managed") == "managed" and isinstance(r.get("address"), str):
                self._resources[(path, r["address"])] = r
        for name, call in (module.get("module_calls") or {}).items():
            self._index(f"{path}.module.{name}" if path else f"module.{name}", call.get("module") or {})

    def region(self, res: PlanResource) -> str | None:
        """The region of the provider configuration the resource uses, when written as a constant."""
        written = self._resources.get((self._static(res.module), res.config_address)) or {}
        provider = self.providers.get(written.get("provider_config_key", "aws")) or {}
        region = ((provider.get("expressions") or {}).get("region") or {}).get("constant_value")
        return region if isinstance(region, str) and region else None

    @staticmethod
    def _static(module: str) -> str:
        """``module.a["x"].module.b`` -> ``module.a.module.b``."""
        return re.sub(r"\[[^\]]*\]", "", module)

    def expressions(self, res: PlanResource) -> Mapping[str, Any] | None:
        """The resource's attribute expressions as written; None when the configuration lacks it."""
        written = self._resources.get((self._static(res.module), res.config_address))
        return None if written is None else written.get("expressions") or {}

    def dependencies(self, res: PlanResource) -> dict[str, list[PlanResource]]:
        """Top-level attribute -> the resources it references (by plan instance)."""
        out: dict[str, list[PlanResource]] = {}
        for attr, expr in (self.expressions(res) or {}).items():
            found = self._resolve(list(_references(expr)), res.module, res.index, depth=0)
            if found:
                out[attr] = found
        return out

    def _resolve(self, refs: list[str], module: str, index: Any, depth: int) -> list[PlanResource]:
        found: dict[str, PlanResource] = {}
        by_target: dict[str, list[str | None]] = {}
        others = 0
        for ref in refs:
            if ref.startswith("var.") and depth < 20:
                others += 1
                for r in self._variable(ref.split(".")[1], module, depth):
                    found[r.address] = r
            elif (out := _OUTPUT.match(ref)) and depth < 20:
                others += 1
                for r in self._output(out["name"], out["output"], module, depth):
                    found[r.address] = r
            elif ref in SELF_KEYS:
                continue
            elif (m := _REF.match(ref)) and not ref.startswith(NOT_RESOURCES):
                by_target.setdefault(f"{m['type']}.{m['name']}", []).append(m["index"])
            else:
                others += 1
        # Terraform records ``aws_s3_bucket.this[each.key].id`` as ["aws_s3_bucket.this", "each.key"]: the
        # referrer's own key pins the instance only when nothing else could have computed the index
        own_key = index is not None and others == 0 and len(by_target) == 1 and any(r in SELF_KEYS for r in refs)
        for target, indexes in by_target.items():
            literal = next((i for i in indexes if i), None)
            for r in self._pick(self.instances.get((module, target), []), literal, index if own_key else None):
                found[r.address] = r
        return list(found.values())

    @staticmethod
    def _pick(instances: list[PlanResource], literal: str | None, own_index: Any) -> list[PlanResource]:
        if literal is not None:
            try:
                wanted = json.loads(literal)
            except ValueError:
                return []  # an expression index (var.n, local.k): not pinned
            return [r for r in instances if r.index == wanted]
        if all(r.index is None for r in instances):
            return instances
        return [r for r in instances if r.index == own_index] if own_index is not None else []

    def _output(self, call: str, output: str, module: str, depth: int) -> list[PlanResource]:
        """A child module's output, resolved inside it (a module with count / for_each: not pinned)."""
        child = f"{module}.module.{call}" if module else f"module.{call}"
        if not any(m == child for m, _ in self.instances):
            return []
        expr = ((self.modules.get(self._static(child), {}).get("outputs") or {}).get(output) or {}).get("expression")
        return self._resolve(list(_references(expr)), child, None, depth + 1)

    def _variable(self, name: str, module: str, depth: int) -> list[PlanResource]:
        """A module variable's references, resolved in the calling module."""
        if not module:
            return []
        parent, _, call = module.rpartition(".module.") if ".module." in module else ("", "", module)
        m = _CALL.match(call if call.startswith("module.") else f"module.{call}")
        if not m:
            return []
        static_parent = self._static(parent)
        calls = self.modules.get(static_parent, {}).get("module_calls") or {}
        expr = ((calls.get(m["name"]) or {}).get("expressions") or {}).get(name)
        key = json.loads(m["key"]) if m["key"] else None
        return self._resolve(list(_references(expr)), parent, key, depth + 1)
