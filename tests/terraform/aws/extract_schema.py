"""Reduce ``terraform providers schema -json`` to what the plan reader needs per mapped resource type:
which attributes are lists / sets and which nested blocks hold at most one item.

    python3 extract_schema.py schema.json > hitrust_policies/sources/terraform/aws_schema.json
"""

import ast
import json
import sys
from pathlib import Path

NAMES = Path(__file__).resolve().parents[3] / "hitrust_policies" / "sources" / "terraform" / "aws_names.py"


def tokens() -> list[str]:
    """TOKENS' keys, read without importing the package (this runs under any python3)."""
    tree = ast.parse(NAMES.read_text())
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "TOKENS":
            return sorted(ast.literal_eval(node.value))
    raise SystemExit("TOKENS not found")


def _object(kind: object) -> dict | None:
    """The nested spec of an attribute typed as a list / set / object of objects (the provider's
    ``ingress`` of a security group is such an attribute, not a block)."""
    if isinstance(kind, list) and kind[0] in ("list", "set"):
        kind = kind[1]
    if isinstance(kind, list) and kind[0] == "object":
        attrs = kind[1]
        out: dict = {}
        lists = sorted(n for n, t in attrs.items() if isinstance(t, list) and t[0] in ("list", "set"))
        if lists:
            out["lists"] = lists
        nested = {n: spec for n, t in attrs.items() if (spec := _object(t)) is not None}
        for n, t in attrs.items():
            if n in nested and not (isinstance(t, list) and t[0] in ("list", "set")):
                nested[n]["one"] = True
        if nested:
            out["blocks"] = nested
        return out
    return None


def reduce(block: dict) -> dict:
    out: dict = {}
    attributes = block.get("attributes", {})
    objects = {name: spec for name, attr in attributes.items() if (spec := _object(attr.get("type"))) is not None}
    lists = sorted(name for name, attr in attributes.items() if name not in objects
                   and isinstance(attr.get("type"), list) and attr["type"][0] in ("list", "set"))
    if lists:
        out["lists"] = lists
    nested = {}
    for name, spec in sorted(objects.items()):
        if attributes[name]["type"][0] == "object":
            spec["one"] = True
        spec["attr"] = True  # an attribute (a dynamic block of unknown count leaves a placeholder item)
        nested[name] = spec
    for name, spec in sorted(block.get("block_types", {}).items()):
        inner = reduce(spec.get("block", {}))
        if spec.get("nesting_mode") == "single" or spec.get("max_items") == 1:
            inner["one"] = True
        nested[name] = inner
    if nested:
        out["blocks"] = nested
    return out


def main(path: str) -> None:
    schemas = json.load(open(path))["provider_schemas"]
    (aws,) = [v for k, v in schemas.items() if k.endswith("hashicorp/aws")]
    resources = aws["resource_schemas"]
    out = {t: reduce(resources[t]["block"]) for t in tokens() if t in resources}
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
