"""Reading ``terraform show -json`` plan files: what each resource will be after apply.

A plan holds three views of one resource: ``planned_values`` (every resource that will exist, root and
child modules, with its ``count`` / ``for_each`` index), ``resource_changes`` (``after``; which
attributes are ``after_unknown``, i.e. only known once applied; which are ``after_sensitive``; the
``actions``) and ``configuration`` (the expressions as written, whose ``references`` say which
resource an attribute is built from even while that resource's id is unknown). A resource only
deleted, and data sources, are not evaluated.

Files come from shells as well as from CI: UTF-8, UTF-8 with a BOM, and UTF-16 with a BOM (what
Windows PowerShell's ``>`` writes) are read; anything else is a `PlanError` whose one line names the
file and, for broken JSON, the position.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

SUPPORTED_MAJOR = "1"  # format_version "1.x": additions only within a major version


class PlanError(ValueError):
    """A file that is not a readable Terraform plan (message: one line, naming the file)."""


def decode(raw: bytes, name: str) -> str:
    """Text of a plan file by its byte-order mark (UTF-8 without one).

    >>> decode("{}".encode("utf-16"), "p.json"), decode(b"\\xef\\xbb\\xbf{}", "p.json")
    ('{}', '{}')
    """
    try:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return raw.decode("utf-16")
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanError(f"{name}: not UTF-8 or UTF-16 text (byte {exc.start})") from None


def parse(raw: bytes, name: str) -> dict[str, Any]:
    """A plan document from a file's bytes, its format checked."""
    text = decode(raw, name)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanError(f"{name}: not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if not isinstance(doc, dict) or "format_version" not in doc or not (
            "planned_values" in doc or "resource_changes" in doc):
        raise PlanError(f"{name}: not a Terraform plan (expected the output of `terraform show -json PLANFILE`)")
    version = str(doc["format_version"])
    if version.split(".", 1)[0] != SUPPORTED_MAJOR:
        raise PlanError(f"{name}: plan format_version {version} is not supported (1.x is)")
    return doc


@dataclass(frozen=True)
class PlanResource:
    """One managed resource instance as it will be after apply."""

    address: str  # module.records.aws_s3_bucket.this["phi"]
    type: str
    name: str
    module: str  # module.records (empty at the root)
    index: Any  # count index (int), for_each key (str), or None
    provider: str
    after: Mapping[str, Any]
    unknown: Any = field(default_factory=dict)  # after_unknown: True / nested dicts and lists of it
    sensitive: Any = field(default_factory=dict)  # after_sensitive, same shape
    actions: tuple[str, ...] = ()

    @property
    def config_address(self) -> str:
        """Address inside its module, without index: ``aws_s3_bucket.this``."""
        return f"{self.type}.{self.name}"

    @property
    def logical_name(self) -> str:
        """The address without the type: what a Pulumi program would name it (``web``, ``this["phi"]``,
        ``module.records.this["phi"]``)."""
        index = "" if self.index is None else f"[{json.dumps(self.index)}]"
        return f"{self.module + '.' if self.module else ''}{self.name}{index}"


def _module_resources(module: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    yield from module.get("resources") or ()
    for child in module.get("child_modules") or ():
        yield from _module_resources(child)


_MODULE_PREFIX = re.compile(r'^((?:module\.[^.\[]+(?:\[[^\]]*\])?\.)*)')


def module_of(address: str) -> str:
    """``module.a["x"].module.b.aws_vpc.main`` -> ``module.a["x"].module.b``."""
    prefix = _MODULE_PREFIX.match(address)
    return prefix.group(1).rstrip(".") if prefix else ""


def resources(doc: Mapping[str, Any]) -> list[PlanResource]:
    """Managed resources that will exist after apply, with their changes joined in."""
    changes = {c["address"]: c for c in doc.get("resource_changes") or () if isinstance(c, Mapping)}
    out: list[PlanResource] = []
    seen: set[str] = set()
    planned = (doc.get("planned_values") or {}).get("root_module") or {}
    for r in _module_resources(planned):
        if r.get("mode", "managed") != "managed":
            continue
        change = (changes.get(r["address"]) or {}).get("change") or {}
        actions = tuple(change.get("actions") or ())
        if actions == ("delete",):
            continue
        after = change.get("after") if "after" in change else r.get("values")
        out.append(PlanResource(
            address=r["address"], type=r["type"], name=r["name"], module=module_of(r["address"]),
            index=r.get("index"), provider=r.get("provider_name", ""), after=after or {},
            unknown=change.get("after_unknown") or {},
            sensitive=change.get("after_sensitive", r.get("sensitive_values")) or {},
            actions=actions))
        seen.add(r["address"])
    for address, c in changes.items():  # a plan without planned_values (rare): resource_changes alone
        change = c.get("change") or {}
        if address in seen or c.get("mode", "managed") != "managed" or tuple(change.get("actions") or ()) == (
                "delete",) or change.get("after") is None:
            continue
        out.append(PlanResource(
            address=address, type=c["type"], name=c["name"], module=module_of(address), index=c.get("index"),
            provider=c.get("provider_name", ""), after=change["after"], unknown=change.get("after_unknown") or {},
            sensitive=change.get("after_sensitive") or {}, actions=tuple(change.get("actions") or ())))
    return out
