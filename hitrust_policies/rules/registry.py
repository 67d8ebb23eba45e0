"""The one registry of rules: metadata lives once, in the decorator.

A rule is a plain function over one model kind. Its signature says what it takes
(the first parameter's annotation is the kind); it returns None when the resource
complies, or the reason(s) it does not. No I/O, no SDK, no source-specific code.

**Options.** A rule a team may tune (which ports count as administrative) declares each
option once, in the decorator, as a `RuleOption` (name, default, parser, JSON schema); the
function takes it as a keyword-only parameter of the same name, without a default, so what
a rule reads is visible in its signature and it stays pure::

    @rule("net-ingress-rule-admin-ports", ..., options=(RuleOption("ports", ...),))
    def net_ingress_rule_admin_ports(r: IngressRule, *, ports: PortSet): ...

A registered `Rule` carries its option values (the defaults until `Rule.configure` returns
a copy with others); calling the rule passes them. Values from a CLI flag or a pack config
(where numbers arrive as floats) go through the option's parser, and a bad one is a
`RuleOptionError` naming the rule and the option.
"""

from __future__ import annotations

import inspect
import re
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

DOMAINS = ("encryption", "iam", "logging", "network")
PROVIDERS = ("aws", "azure", "gcp")
SEVERITIES = ("low", "medium", "high", "critical")
_ID = re.compile(r"^(enc|iam|log|net)-[a-z0-9]+(-[a-z0-9]+)+$")
_PREFIX = {"encryption": "enc", "iam": "iam", "logging": "log", "network": "net"}

RuleResult = str | Iterable[str] | None


class RuleDefinitionError(ValueError):
    """A rule's declaration is inconsistent (bad id, kind, domain...)."""


class RuleOptionError(ValueError):
    """An option value given to a rule is invalid; the message names the rule and the option."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason or message  # without the rule and option names


_OPTION_NAME = re.compile(r"^[a-z][a-zA-Z0-9]*$")


@dataclass(frozen=True, eq=False)
class RuleOption:
    """One tunable parameter of a rule, declared once in its ``@rule(..., options=...)``.

    ``default`` is given in the form a user would write it (JSON: it is shown in the
    pack's config schema) and goes through ``parse`` like any user value; ``parse`` turns
    a raw value (JSON from a pack config, numbers as floats; text from a CLI flag) into
    what the rule receives, raising ValueError with the reason for a bad one.
    """

    name: str  # the rule function's keyword parameter, and the config key
    default: Any
    parse: Callable[[Any], Any]
    schema: dict[str, Any]
    description: str

    def json_schema(self) -> dict[str, Any]:
        return {**self.schema, "description": self.description, "default": self.default}


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    kind: type
    domain: str
    severity: str
    remediation: str  # the first cloud's text; `remediation_for` picks the resource's cloud
    check: Callable[..., RuleResult]
    live_only: bool = False  # facts only a running account shows (MFA devices, key age)
    options: tuple[RuleOption, ...] = ()
    values: tuple[tuple[str, Any], ...] = ()  # the option values the check receives, parsed
    remediations: tuple[tuple[str, str], ...] = ()  # (provider, text) in PROVIDERS order

    def remediation_for(self, provider: str | None) -> str:
        """The fix in the words of the resource's own cloud (its console, CLI and property names):
        an Azure finding must not tell an operator to run ``aws s3api``.

        >>> r = get_rule("enc-object-store-tls-only")
        >>> "az storage account update" in r.remediation_for("azure"), r.remediation_for("aws") == r.remediation
        (True, True)
        """
        return dict(self.remediations).get(provider or "", self.remediation)

    @property
    def rationale(self) -> str:
        """Why the rule exists: the function's docstring."""
        return inspect.getdoc(self.check) or ""

    def severity_rank(self) -> int:
        return SEVERITIES.index(self.severity)

    def __call__(self, resource: Any) -> RuleResult:
        return self.check(resource, **dict(self.values))

    def option_values(self) -> dict[str, Any]:
        return dict(self.values)

    def configure(self, values: Mapping[str, Any] | None = None) -> Rule:
        """This rule with ``values`` for some options (the others at their defaults).

        >>> r = get_rule("net-ingress-rule-admin-ports")
        >>> r.configure({"ports": ["tcp/8443=Admin console"]}).option_values()["ports"].labels()
        ['8443/tcp (Admin console)']
        >>> r.configure({"prots": []})
        Traceback (most recent call last):
        ...
        hitrust_policies.rules.registry.RuleOptionError: net-ingress-rule-admin-ports: no option 'prots' \
(options: ports)
        """
        values = dict(values or {})
        known = {o.name: o for o in self.options}
        unknown = sorted(set(values) - set(known))
        if unknown:
            names = ", ".join(known) or "none"
            raise RuleOptionError(f"{self.id}: no option {', '.join(map(repr, unknown))} (options: {names})")
        parsed = []
        for option in self.options:
            raw = values.get(option.name, option.default)
            try:
                parsed.append((option.name, option.parse(raw)))
            except (ValueError, TypeError) as exc:
                raise RuleOptionError(f"{self.id}: option {option.name!r}: {exc}", str(exc)) from None
        return replace(self, values=tuple(parsed))


_REGISTRY: dict[str, Rule] = {}


def rule(
    rule_id: str,
    *,
    title: str,
    domain: str,
    severity: str,
    remediation: str | Mapping[str, str],
    live_only: bool = False,
    options: Iterable[RuleOption] = (),
) -> Callable[[Callable[..., RuleResult]], Rule]:
    """Register a rule. The kind comes from the first parameter's type hint; ``options``
    are its keyword-only parameters (see the module docstring). ``remediation`` is one text
    per cloud the rule's kind exists on (``{"aws": ..., "azure": ..., "gcp": ...}``); a bare
    string is the AWS text."""
    declared = tuple(options)
    texts = {"aws": remediation} if isinstance(remediation, str) else dict(remediation)

    def register(fn: Callable[..., RuleResult]) -> Rule:
        if not _ID.match(rule_id) or len(rule_id) > 100:
            raise RuleDefinitionError(f"{rule_id}: ids are kebab-case <domain>-<kind>-<property>")
        if domain not in DOMAINS:
            raise RuleDefinitionError(f"{rule_id}: domain {domain!r} not in {DOMAINS}")
        if not rule_id.startswith(_PREFIX[domain] + "-"):
            raise RuleDefinitionError(f"{rule_id}: id must start with {_PREFIX[domain]}- for domain {domain}")
        if severity not in SEVERITIES:
            raise RuleDefinitionError(f"{rule_id}: severity {severity!r} not in {SEVERITIES}")
        if not texts or set(texts) - set(PROVIDERS) or not all(isinstance(t, str) and t.strip()
                                                                for t in texts.values()):
            raise RuleDefinitionError(f"{rule_id}: remediation is a text per cloud, keyed by {PROVIDERS}")
        if fn.__name__ != rule_id.replace("-", "_"):
            raise RuleDefinitionError(f"{rule_id}: function must be named {rule_id.replace('-', '_')}")
        signature = inspect.signature(fn).parameters.values()
        params = [p.name for p in signature if p.kind is not inspect.Parameter.KEYWORD_ONLY]
        keywords = [p for p in signature if p.kind is inspect.Parameter.KEYWORD_ONLY]
        hints = typing.get_type_hints(fn)
        if len(params) != 1 or params[0] not in hints:
            raise RuleDefinitionError(f"{rule_id}: a rule takes exactly one annotated model argument")
        _check_options(rule_id, declared, keywords)
        if rule_id in _REGISTRY:
            raise RuleDefinitionError(f"{rule_id}: registered twice")
        registered = Rule(
            id=rule_id,
            title=title,
            kind=hints[params[0]],
            domain=domain,
            severity=severity,
            remediation=next(texts[p] for p in PROVIDERS if p in texts),
            check=fn,
            live_only=live_only,
            options=declared,
            remediations=tuple((p, texts[p]) for p in PROVIDERS if p in texts),
        )
        try:
            registered = registered.configure()
        except RuleOptionError as exc:
            raise RuleDefinitionError(f"default rejected by its own parser: {exc}") from None
        _REGISTRY[rule_id] = registered
        return registered

    return register


def _check_options(rule_id: str, declared: tuple[RuleOption, ...], keywords: list[inspect.Parameter]) -> None:
    """Options and keyword-only parameters must be the same names, with defaults in one place."""
    names = [o.name for o in declared]
    bad = [n for n in names if not _OPTION_NAME.match(n)]
    if bad or len(set(names)) != len(names):
        raise RuleDefinitionError(f"{rule_id}: option names must be unique lowerCamelCase words: {names}")
    if sorted(names) != sorted(p.name for p in keywords):
        raise RuleDefinitionError(
            f"{rule_id}: options {sorted(names)} must be exactly the keyword-only parameters "
            f"{sorted(p.name for p in keywords)}"
        )
    defaulted = [p.name for p in keywords if p.default is not inspect.Parameter.empty]
    if defaulted:
        raise RuleDefinitionError(f"{rule_id}: declare the defaults of {defaulted} once, in the decorator")


def configure_rules(rules: Iterable[Rule], options: Mapping[str, Mapping[str, Any]] | None) -> list[Rule]:
    """``rules`` with option values by rule id; an id that is no rule at all is an error.

    Options for a known rule that is not among ``rules`` (not selected) are checked, then unused.
    """
    chosen = list(rules)
    options = dict(options or {})
    known = {r.id: r for r in all_rules()} | {r.id: r for r in chosen}
    for rule_id, values in options.items():
        if rule_id not in known:
            raise RuleOptionError(f"unknown rule id {rule_id!r}")
        known[rule_id].configure(values)
    return [r.configure(options[r.id]) if r.id in options else r for r in chosen]


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
