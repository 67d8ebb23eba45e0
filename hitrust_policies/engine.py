"""Run rules over model values and turn verdicts into findings.

The engine is the one place that knows three-valued logic: a rule that touched an
`Unknown` becomes UNKNOWN with the reason; a kind a source could not list at all
(a `CoverageGap`) becomes UNKNOWN for every rule over that kind, so a scan that
could not look never reads as clean.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hitrust_policies.findings import Finding, References, Status, finding_id
from hitrust_policies.mappings import Mappings, default_mappings
from hitrust_policies.model.facts import UnknownFact
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.rules.registry import Rule, all_rules, configure_rules

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CoverageGap:
    """A kind of resource a source could not enumerate in one scope, and why.

    ``scope`` is a ref naming what was not seen (e.g. "ec2 volumes in eu-west-1 of
    123456789012"); findings for it are UNKNOWN for every rule over ``kind``.
    """

    kind: type
    scope: ResourceRef
    reason: str


def verdict(rule: Rule, resource: object, options: Mapping[str, Any] | None = None) -> tuple[Status, str]:
    """Status and message of one rule on one resource (with ``options`` for the rule, if given).

    >>> from hitrust_policies.model import BlockVolume, ResourceRef, Unknown
    >>> from hitrust_policies.rules import get_rule
    >>> r = get_rule("enc-block-volume-encrypted")
    >>> verdict(r, BlockVolume(ResourceRef.manual("v"), encrypted=False, kms_key=None, kms_key_customer_managed=False))
    (<Status.FAIL: 'FAIL'>, 'volume is not encrypted')
    >>> verdict(r, BlockVolume(ResourceRef.manual("v"), encrypted=Unknown("denied"), kms_key=None,
    ...                        kms_key_customer_managed=False))
    (<Status.UNKNOWN: 'UNKNOWN'>, 'denied')
    """
    if options:
        rule = rule.configure(options)
    try:
        result = rule(resource)
        if result is None:
            return Status.PASS, ""
        messages = [result] if isinstance(result, str) else list(result)
    except UnknownFact as exc:
        return Status.UNKNOWN, exc.reason
    except Exception as exc:  # a rule bug must not sink the scan, nor read as a pass
        log.exception("rule %s raised on %s", rule.id, getattr(resource, "ref", resource))
        return Status.UNKNOWN, f"rule {rule.id} raised {type(exc).__name__}: {exc}"
    if not messages:
        return Status.PASS, ""
    return Status.FAIL, "; ".join(messages)


def _finding(rule: Rule, ref: ResourceRef, status: Status, message: str, mappings: Mappings) -> Finding:
    return Finding(
        rule_id=rule.id,
        title=rule.title,
        domain=rule.domain,
        severity=rule.severity,
        status=status,
        resource=ref,
        message=message,
        remediation=rule.remediation_for(ref.provider),
        references=mappings.references(rule.id),
        id=finding_id(rule.id, ref),
    )


def unmapped_finding(rule: Rule) -> Finding:
    """The one finding of a rule without a crosswalk row: UNKNOWN, naming the rule and the fix.

    A finding that cites no HITRUST / HIPAA control cannot go in an assessor's report, and one
    missing row must not stop the other rules (it used to raise `MappingError` for all of them);
    so the rule is not run, and the scan reads as incomplete until its row exists.
    """
    reason = (f"rule {rule.id} has no crosswalk row: add one with Mappings.extend(...) or a crosswalk.yaml "
              "in --mappings-dir / HITRUST_MAPPINGS_DIR")
    log.error("%s", reason)
    ref = ResourceRef(provider="n/a", native_type="rule", native_id=f"rule:{rule.id}", name=rule.id)
    return Finding(rule_id=rule.id, title=rule.title, domain=rule.domain, severity=rule.severity,
                   status=Status.UNKNOWN, resource=ref, message=reason, remediation=reason,
                   references=References(), id=finding_id(rule.id, ref))


def evaluate(
    resources: Iterable[object],
    rules: Iterable[Rule] | None = None,
    *,
    gaps: Iterable[CoverageGap] = (),
    mappings: Mappings | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Finding]:
    """Every selected rule on every resource of its kind, plus UNKNOWNs for gaps.

    ``options``: rule id -> option values (see `hitrust_policies.rules.registry.RuleOption`).
    """
    mappings = mappings or default_mappings()
    by_kind: dict[type, list[Rule]] = {}
    chosen = rules if rules is not None else all_rules()
    findings: list[Finding] = []
    for r in configure_rules(chosen, options) if options else chosen:
        if r.id in mappings.crosswalk:
            by_kind.setdefault(r.kind, []).append(r)
        else:
            findings.append(unmapped_finding(r))
    for resource in resources:
        for r in by_kind.get(type(resource), ()):
            status, message = verdict(r, resource)
            findings.append(_finding(r, resource.ref, status, message, mappings))  # type: ignore[attr-defined]
    for gap in gaps:
        for r in by_kind.get(gap.kind, ()):
            findings.append(_finding(r, gap.scope, Status.UNKNOWN, gap.reason, mappings))
    return findings
