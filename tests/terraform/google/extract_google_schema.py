"""Write hitrust_policies/sources/terraform/google_schema.json from the installed pulumi-gcp SDK.

No google provider binary is available to run ``terraform providers schema -json``, but pulumi-gcp is
generated from that schema: each resource's ``_<Name>State`` class holds every attribute (inputs and
outputs) as a property whose ``@pulumi.getter`` gives the Pulumi (camelCase) name and whose return
annotation says whether it is a sequence and whether it holds nested ``...Args`` objects. Only the
Terraform types of `google_names.TOKENS` are written.

    PYTHONPATH=$PWD /work/main/.venv/bin/python tests/terraform/google/extract_google_schema.py \\
        > hitrust_policies/sources/terraform/google_schema.json
"""

from __future__ import annotations

import importlib
import inspect
import json
import sys
import typing
from pathlib import Path

import pulumi_gcp

from hitrust_policies.sources.terraform.google_names import TOKENS

SEQUENCE_ORIGINS = (list, typing.Sequence, __import__("collections.abc").abc.Sequence)


def _classes() -> dict[str, str]:
    """token -> module.Class, from the SDK's own resource registry (``_utilities.register``)."""
    source = Path(pulumi_gcp.__file__).read_text(encoding="utf-8")
    start = source.index('resource_modules="""') + len('resource_modules="""')
    modules = json.loads(source[start:source.index('"""', start)])
    return {token: f"{m['fqn']}.{cls}" for m in modules for token, cls in m["classes"].items()}


def _shape(annotation: object, namespace: dict) -> tuple[bool, type | None]:
    """(is a sequence, the nested Args class or None) of a property's annotation."""
    many, nested = False, None
    stack = [annotation]
    while stack:
        item = stack.pop()
        if isinstance(item, typing.ForwardRef):
            item = item.__forward_arg__
        if isinstance(item, str):
            found = namespace.get(item)
            if inspect.isclass(found) and item.endswith("Args"):
                nested = found
            continue
        origin = typing.get_origin(item)
        if origin is not None and origin in SEQUENCE_ORIGINS:
            many = True
        stack.extend(typing.get_args(item))
    return many, nested


def _properties(cls: type, namespace: dict, seen: tuple[type, ...] = ()) -> dict:
    out: dict = {}
    for py_name, member in sorted(vars(cls).items()):
        if not isinstance(member, property) or member.fget is None:
            continue
        pulumi_name = getattr(member.fget, "_pulumi_name", None) or py_name
        annotation = member.fget.__annotations__.get("return")
        many, nested = _shape(annotation, namespace)
        spec: dict = {"name": pulumi_name}
        if many:
            spec["many"] = True
        if nested is not None and nested not in seen:
            spec["block"] = _properties(nested, vars(sys.modules[nested.__module__]), (*seen, nested))
        out[py_name] = spec
    return out


def main() -> None:
    classes = _classes()
    schema: dict = {}
    for tf_type, token in sorted(TOKENS.items()):
        module_name, cls_name = classes[token].rsplit(".", 1)
        package = importlib.import_module(module_name)
        resource = getattr(package, cls_name)
        module = sys.modules[resource.__module__]
        state = getattr(module, f"_{cls_name}State")
        schema[tf_type] = _properties(state, vars(module))
    json.dump(schema, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
