"""The one registry of rules: metadata lives once, in the decorator.

A rule is a plain function over one model kind. Its signature says what it takes
(the first parameter's annotation is the kind); it returns None when the resource
complies, or the reason(s) it does not. No I/O, no SDK, no source-specific code.
"""

from __future__ import annotations

import inspect
import re
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

DOMAINS = ("encryption", "iam", "logging", "network")
SEVERITIES = ("low", "medium", "high", "critical")
_ID = re.compile(r"^(enc|iam|log|net)-[a-z0-9]+(-[a-z0-9]+)+$")
_PREFIX = {"encryption": "enc", "iam": "iam", "logging": "log", "network": "net"}

RuleResult = str | Iterable[str] | None


class RuleDefinitionError(ValueError):
    """A rule's declaration is inconsistent (bad id, kind, domain...)."""


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    kind: type
    domain: str
    severity: str
    remediation: str
    check: Callable[[Any], RuleResult]
    live_only: bool = False  # facts only a running account shows (MFA devices, key age)

    @property
    def rationale(self) -> str:
        """Why the rule exists: the function's docstring."""
        return inspect.getdoc(self.check) or ""

    def severity_rank(self) -> int:
        return SEVERITIES.index(self.severity)

    def __call__(self, resource: Any) -> RuleResult:
        return self.check(resource)


_REGISTRY: dict[str, Rule] = {}


def rule(
    rule_id: str,
    *,
    title: str,
    domain: str,
    severity: str,
    remediation: str,
    live_only: bool = False,
) -> Callable[[Callable[[Any], RuleResult]], Rule]:
    """Register a rule. The kind comes from the first parameter's type hint."""

    def register(fn: Callable[[Any], RuleResult]) -> Rule:
        if not _ID.match(rule_id) or len(rule_id) > 100:
            raise RuleDefinitionError(f"{rule_id}: ids are kebab-case <domain>-<kind>-<property>")
        if domain not in DOMAINS:
            raise RuleDefinitionError(f"{rule_id}: domain {domain!r} not in {DOMAINS}")
        if not rule_id.startswith(_PREFIX[domain] + "-"):
            raise RuleDefinitionError(f"{rule_id}: id must start with {_PREFIX[domain]}- for domain {domain}")
        if severity not in SEVERITIES:
            raise RuleDefinitionError(f"{rule_id}: severity {severity!r} not in {SEVERITIES}")
        if fn.__name__ != rule_id.replace("-", "_"):
            raise RuleDefinitionError(f"{rule_id}: function must be named {rule_id.replace('-', '_')}")
        params = list(inspect.signature(fn).parameters)
        hints = typing.get_type_hints(fn)
        if len(params) != 1 or params[0] not in hints:
            raise RuleDefinitionError(f"{rule_id}: a rule takes exactly one annotated model argument")
        if rule_id in _REGISTRY:
            raise RuleDefinitionError(f"{rule_id}: registered twice")
        registered = Rule(
            id=rule_id,
            title=title,
            kind=hints[params[0]],
            domain=domain,
            severity=severity,
            remediation=remediation,
            check=fn,
            live_only=live_only,
        )
        _REGISTRY[rule_id] = registered
        return registered

    return register


def all_rules() -> list[Rule]:
    """Every registered rule, ordered by id."""
    import hitrust_policies.rules  # noqa: F401  (registers the built-in rules)

    return sorted(_REGISTRY.values(), key=lambda r: r.id)


def get_rule(rule_id: str) -> Rule:
    all_rules()
    try:
        return _REGISTRY[rule_id]
    except KeyError:
        raise KeyError(f"unknown rule id {rule_id!r}") from None


def select(
    rules: Iterable[Rule] | None = None,
    *,
    ids: Iterable[str] | None = None,
    domains: Iterable[str] | None = None,
    min_severity: str | None = None,
    exclude: Iterable[str] | None = None,
) -> list[Rule]:
    """Pick rules by tag: a pure function shared by the CLI, packs and scanners.

    >>> [r.id for r in select(domains=["logging"], min_severity="high")][:1]
    ['log-audit-coverage-multi-region']
    """
    chosen = list(rules) if rules is not None else all_rules()
    known = {r.id for r in all_rules()} | {r.id for r in chosen}
    for rid in list(ids or []) + list(exclude or []):
        if rid not in known:
            raise KeyError(f"unknown rule id {rid!r}")
    if min_severity is not None and min_severity not in SEVERITIES:
        raise ValueError(f"severity {min_severity!r} not in {SEVERITIES}")
    for d in domains or []:
        if d not in DOMAINS:
            raise ValueError(f"domain {d!r} not in {DOMAINS}")
    idset = set(ids) if ids else None
    domset = set(domains) if domains else None
    floor = SEVERITIES.index(min_severity) if min_severity else 0
    out = []
    for r in chosen:
        if idset is not None and r.id not in idset:
            continue
        if domset is not None and r.domain not in domset:
            continue
        if r.severity_rank() < floor or r.id in set(exclude or []):
            continue
        out.append(r)
    return out
