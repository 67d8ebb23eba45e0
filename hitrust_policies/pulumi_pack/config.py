"""Pack settings from Pulumi's ``--policy-pack-config`` file: selection, suppressions, exclusions, rule options.

Enforcement levels (per policy and ``all``) are the engine's and the SDK's business.
What this module adds, validated when the engine calls ``Configure`` so a bad file
fails the preview before anything is analyzed, with the culprit named:

* under ``"all"`` (next to ``enforcementLevel``): ``domains``, ``severities``,
  ``minSeverity`` (which rules report at all) and pack-wide ``exclusions``;
* under ``"all"``: ``suppressions`` (entries of the suppressions file: rule, selectors, reason, owner,
  ticket, expires; see `hitrust_policies.pulumi_pack.suppressions`) and ``suppressionsFile`` (a
  suppressions file, relative to the Pulumi program);
* under ``"all"``: ``report`` (``dir``, ``formats``, ``evidence``: report files written after each run;
  see `hitrust_policies.pulumi_pack.reports`);
* under a policy name: ``suppressions`` and ``exclusions`` for that rule only, and the rule's options (e.g.
  ``"net-ingress-rule-admin-ports": {"ports": ["default", "tcp/8443"]}``), validated by the
  rule's own parser; any other key is an error naming the policy.

Exclusions are deprecated (they carry no owner, ticket or expiry; the pack logs a warning): they keep
working unchanged. An exclusion matches by ``urn`` (exact or glob), ``name`` (glob over the resource's
physical and logical names) or ``tag`` (``"Key"`` or ``"Key=Value"``), optionally limited
to ``rules``, and must say why in a non-empty ``justification``.

>>> s = PackSettings.from_config({"all": {"domains": ["network"],
...     "exclusions": [{"name": "legacy-*", "justification": "decommissioned in Q3"}]}})
>>> "net-database-not-public" in s.selected, "enc-object-store-kms" in s.selected
(True, False)
>>> try:
...     PackSettings.from_config({"all": {"exclusions": [{"name": "x"}]}})
... except PackConfigError as exc:
...     print(exc)
policy-pack config "all".exclusions[0] {"name": "x"}: needs a non-empty "justification" saying why the resource \
may skip the rule
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.pulumi_pack.reports import ReportConfigError, ReportRequest
from hitrust_policies.pulumi_pack.suppressions import entries_from
from hitrust_policies.rules import Rule, all_rules, select
from hitrust_policies.rules.registry import SEVERITIES, RuleOptionError
from hitrust_policies.suppressions import Entry, SuppressionError, match, utc_today

PACK_KEY = "all"
POLICY_KEYS = ("enforcementLevel", "exclusions", "suppressions")  # besides the rule's own options
MATCHERS = ("urn", "name", "tag")
EXCLUSION_SCHEMA: dict[str, Any] = {
    "type": "array",
    "description": "Resources this rule skips; each needs a justification an assessor can read.",
    "items": {
        "type": "object",
        "properties": {
            "urn": {"type": "string"},
            "name": {"type": "string"},
            "tag": {"type": "string"},
            "rules": {"type": "array", "items": {"type": "string"}},
            "justification": {"type": "string", "minLength": 1},
        },
        "required": ["justification"],
    },
}


class PackConfigError(ValueError):
    """The pack config is invalid; the message names the entry."""


@dataclass(frozen=True)
class Exclusion:
    justification: str
    where: str
    urn: str | None = None
    name: str | None = None
    tag: str | None = None
    rules: frozenset[str] | None = None

    def matches(self, rule_id: str, ref: ResourceRef, tags: Mapping[str, str], logical: str) -> bool:
        if self.rules is not None and rule_id not in self.rules:
            return False
        if self.urn is not None and not fnmatch.fnmatchcase(ref.native_id, self.urn):
            return False
        if self.name is not None and not (
            fnmatch.fnmatchcase(ref.name, self.name) or fnmatch.fnmatchcase(logical, self.name)
        ):
            return False
        if self.tag is not None:
            key, _, value = self.tag.partition("=")
            if key not in tags or ("=" in self.tag and tags[key] != value):
                return False
        return True


def _exclusion(entry: Any, where: str, rule_ids: set[str], only: str | None) -> Exclusion:
    shown = json.dumps(entry, sort_keys=True) if isinstance(entry, (dict, list)) else repr(entry)
    if not isinstance(entry, Mapping):
        raise PackConfigError(f"policy-pack config {where} {shown}: an exclusion must be an object")
    unknown = set(entry) - {*MATCHERS, "rules", "justification"}
    if unknown:
        raise PackConfigError(f"policy-pack config {where} {shown}: unknown field(s) {sorted(unknown)}")
    justification = entry.get("justification")
    if not isinstance(justification, str) or not justification.strip():
        raise PackConfigError(
            f'policy-pack config {where} {shown}: needs a non-empty "justification" '
            "saying why the resource may skip the rule"
        )
    if not any(isinstance(entry.get(m), str) and entry.get(m) for m in MATCHERS):
        raise PackConfigError(f"policy-pack config {where} {shown}: needs one of {', '.join(MATCHERS)}")
    rules = entry.get("rules")
    if rules is not None:
        if isinstance(rules, str) or not all(isinstance(r, str) for r in rules):
            raise PackConfigError(f'policy-pack config {where} {shown}: "rules" must be a list of rule ids')
        missing = sorted(set(rules) - rule_ids)
        if missing:
            raise PackConfigError(f"policy-pack config {where} {shown}: unknown rule id(s) {missing}")
    limit = frozenset(rules) if rules is not None else None
    if only is not None:
        limit = frozenset({only})
    return Exclusion(
        justification=justification.strip(),
        where=where,
        urn=entry.get("urn") or None,
        name=entry.get("name") or None,
        tag=entry.get("tag") or None,
        rules=limit,
    )


def _options(rule: Rule, props: Mapping[str, Any]) -> list[Rule]:
    """The rule configured with the option values among a policy's properties (none: nothing)."""
    values = {k: v for k, v in props.items() if k not in POLICY_KEYS}
    if not values:
        return []
    known = [o.name for o in rule.options]
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise PackConfigError(f'policy-pack config "{rule.id}": unknown field(s) {unknown} '
                              f"(fields: {', '.join([*POLICY_KEYS, *known])})")
    for name, value in values.items():
        try:
            rule.configure({name: value})
        except RuleOptionError as exc:
            raise PackConfigError(f'policy-pack config "{rule.id}".{name}: {exc.reason}') from None
    return [rule.configure(values)]


def _strings(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackConfigError(f"policy-pack config {where}: expected a list of strings, got {value!r}")
    return value


@dataclass(frozen=True)
class PackSettings:
    """Which rules report, and which resources they skip."""

    selected: frozenset[str]
    exclusions: tuple[Exclusion, ...] = ()
    configured: tuple[Rule, ...] = ()  # rules given option values (the others run with defaults)
    suppressions: tuple[Entry, ...] = ()
    report: ReportRequest | None = None  # report files to write after each run ("all".report)

    def rule(self, rule: Rule) -> Rule:
        """``rule`` with the option values this config gives it."""
        return next((r for r in self.configured if r.id == rule.id), rule)

    @classmethod
    def default(cls, rules: Iterable[Rule] | None = None) -> PackSettings:
        return cls(frozenset(r.id for r in (rules if rules is not None else all_rules())))

    @classmethod
    def from_config(cls, config: Mapping[str, Any], rules: Iterable[Rule] | None = None,
                    base_dir: str | None = None) -> PackSettings:
        """``config``: policy name (or "all") -> its properties, as the engine sends them; ``base_dir``: the
        Pulumi program's directory (``suppressionsFile`` is read relative to it)."""
        pool = list(rules) if rules is not None else all_rules()
        rule_ids = {r.id for r in pool}
        pack = config.get(PACK_KEY) or {}
        if not isinstance(pack, Mapping):
            raise PackConfigError(f'policy-pack config "{PACK_KEY}": expected an object')
        unknown = set(pack) - {"enforcementLevel", "domains", "severities", "minSeverity", "exclusions",
                               "suppressions", "suppressionsFile", "report"}
        if unknown:
            raise PackConfigError(f'policy-pack config "{PACK_KEY}": unknown field(s) {sorted(unknown)}')
        try:
            domains = _strings(pack["domains"], f'"{PACK_KEY}".domains') if "domains" in pack else None
            chosen = select(pool, domains=domains, min_severity=pack.get("minSeverity"))
        except (KeyError, ValueError) as exc:
            raise PackConfigError(f'policy-pack config "{PACK_KEY}": {exc}') from None
        if "severities" in pack:
            severities = _strings(pack["severities"], f'"{PACK_KEY}".severities')
            bad = sorted(set(severities) - set(SEVERITIES))
            if bad:
                raise PackConfigError(f'policy-pack config "{PACK_KEY}".severities: {bad} not in {SEVERITIES}')
            chosen = [r for r in chosen if r.severity in severities]
        exclusions: list[Exclusion] = []
        suppressions: list[Entry] = []
        configured: list[Rule] = []
        by_id = {r.id: r for r in pool}
        for key, props in sorted(config.items()):
            if key != PACK_KEY and key not in rule_ids:
                continue  # another pack's policy, or a rule this pack was built without
            entries = (props or {}).get("exclusions", []) if isinstance(props, Mapping) else []
            if not isinstance(entries, list):
                raise PackConfigError(f'policy-pack config "{key}".exclusions: expected a list')
            only = None if key == PACK_KEY else key
            exclusions += [_exclusion(e, f'"{key}".exclusions[{i}]', rule_ids, only) for i, e in enumerate(entries)]
            if isinstance(props, Mapping) and ("suppressions" in props or "suppressionsFile" in props):
                if key != PACK_KEY and "suppressionsFile" in props:
                    raise PackConfigError(f'policy-pack config "{key}".suppressionsFile: give it under "all"')
                try:
                    suppressions += entries_from(props, key, base_dir, only)
                except SuppressionError as exc:
                    raise PackConfigError(f"policy-pack config {exc}") from None
            if key != PACK_KEY and isinstance(props, Mapping):
                configured += _options(by_id[key], props)
        report = None
        if "report" in pack:
            try:
                report = ReportRequest.from_config(pack["report"], f'"{PACK_KEY}".report')
            except ReportConfigError as exc:
                raise PackConfigError(f"policy-pack config {exc}") from None
        return cls(frozenset(r.id for r in chosen), tuple(exclusions), tuple(configured), tuple(suppressions),
                   report)

    def suppression(self, rule_id: str, ref: ResourceRef, tags: Mapping[str, str], logical: str,
                    account: str | None = None, today: date | None = None) -> Entry | None:
        """The suppression covering ``rule_id`` on this resource (in force first, else a lapsed one)."""
        if not self.suppressions:
            return None
        return match(self.suppressions, rule_id, ref, today or utc_today(), names=(logical,), tags=tags,
                     account=account)

    def excluded(self, rule_id: str, ref: ResourceRef, tags: Mapping[str, str], logical: str) -> Exclusion | None:
        for exclusion in self.exclusions:
            if exclusion.matches(rule_id, ref, tags, logical):
                return exclusion
        return None
