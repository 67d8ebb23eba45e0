"""One Pulumi policy per rule, built from the registry (pulumi_policy is imported lazily).

A rule over a kind that one resource fully describes becomes a resource policy (it runs
in ``Analyze`` on the resource's inputs and blocks early); a rule over a kind whose facts
are joined from several resources becomes a stack policy (``AnalyzeStack``) that
attributes each violation to its resource's URN. Live-only rules are left out: the
pack must not pretend to check what a program cannot show.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from hitrust_policies.engine import verdict
from hitrust_policies.findings import References, Status
from hitrust_policies.mappings import Mappings, default_mappings
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.pulumi_pack.config import EXCLUSION_SCHEMA, PackSettings
from hitrust_policies.pulumi_pack.runtime import PackState, RequestContext, current, scrub
from hitrust_policies.pulumi_pack.suppressions import policy_config_schema, stack_account
from hitrust_policies.rules import Rule, all_rules
from hitrust_policies.sources.pulumi import AdapterFailure, PulumiResource, Stack, stack_level_kinds, supported_kinds
from hitrust_policies.suppressions import utc_today

# Until a team tunes it, what can expose PHI at once blocks; the rest advises.
DEFAULT_LEVELS = {"critical": "mandatory", "high": "mandatory", "medium": "advisory", "low": "advisory"}


PACKAGE_PROVIDERS = {"aws": "aws", "azure-native": "azure", "gcp": "gcp"}
"""The cloud whose words a pack's remediation steps use, by the Pulumi package it judges."""


def pack_rules(rules: Iterable[Rule] | None = None, package: str | None = None) -> list[Rule]:
    """Rules a pack can check: not live-only, over a kind some Pulumi adapter (of ``package``) produces."""
    kinds = supported_kinds(package)
    return [r for r in (rules if rules is not None else all_rules()) if not r.live_only and r.kind in kinds]


def description(rule: Rule, refs: References) -> str:
    return f"{rule.title}. {refs.summary()}"


def violation_message(rule: Rule, ref: ResourceRef, status: Status, text: str, refs: References) -> str:
    """What a platform engineer reads under the resource: what is wrong, and which controls say so."""
    if status is Status.UNKNOWN:
        body = (f"could not be known: {text} (UNKNOWN, reported as advisory until it can be checked; "
                "it is not a pass)")
    else:
        body = text
    return f"{ref.name}: {body} [{refs.summary()}]"


def _unwrap(value: Any) -> Any:
    """Raw values behind the SDK's unknown-checking proxies (sentinels kept, never raised)."""
    from pulumi_policy.proxy import _DictProxy, _ListProxy

    if isinstance(value, (_DictProxy, _ListProxy)):
        value = value["__target"]
    if isinstance(value, Mapping):
        return {k: _unwrap(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unwrap(v) for v in value]
    return value


def _context_from_args(args: Any, package: str | None) -> RequestContext:
    """Fallback when `runtime.install` was not called: decode from the SDK's args."""
    if hasattr(args, "resources"):
        resources = [
            PulumiResource.from_wire(
                r.resource_type, r.urn, _unwrap(r.props), name=r.name,
                property_dependencies={k: [d.urn for d in v] for k, v in r.property_dependencies.items()},
            )
            for r in args.resources
        ]
    else:
        resources = [PulumiResource.from_wire(args.resource_type, args.urn, _unwrap(args.props), name=args.name)]
    return RequestContext(Stack(resources), package=package)


class _Check:
    """The validate callback of one rule's policy."""

    def __init__(self, rule: Rule, refs: References, state: PackState) -> None:
        self.rule, self.refs, self.state = rule, refs, state

    def __call__(self, args: Any, report_violation: Any) -> None:
        settings: PackSettings = self.state.settings
        if self.rule.id not in settings.selected:
            return
        ctx = current() or _context_from_args(args, self.state.package)
        rule = settings.rule(self.rule)
        for value in ctx.values(self.rule.kind):
            if isinstance(value, AdapterFailure):
                status, text = Status.UNKNOWN, value.reason
            else:
                status, text = verdict(rule, value)
            if status is Status.PASS:
                continue
            ref: ResourceRef = value.ref
            res = ctx.stack.by_urn.get(ref.native_id)
            tags = res.tags() if res is not None else {}
            logical = res.logical_name if res is not None else ref.name
            if settings.excluded(self.rule.id, ref, tags, logical):
                continue
            message = scrub(violation_message(self.rule, ref, status, text, self.refs), ctx.secrets)
            accepted = (settings.suppression(self.rule.id, ref, tags, logical, stack_account(self.state.package))
                        if settings.suppressions else None)
            if accepted is not None and not accepted.expired(utc_today()):
                self.state.log.write(f"{self.rule.id}: suppressed by {accepted.source} (ticket {accepted.ticket}, "
                                     f"owner {accepted.owner}, until {accepted.expires}: {accepted.reason}): "
                                     f"{message}", urn=ref.native_id)
                continue
            if accepted is not None:
                message += (f" [suppression {accepted.source} (ticket {accepted.ticket}, owner {accepted.owner}) "
                            f"expired {accepted.expires}: no longer accepted]")
            report_violation(message, ref.native_id)
            if status is Status.UNKNOWN:
                ctx.mark_advisory(self.rule.id, ref.native_id, message)


def build_policies(state: PackState, mappings: Mappings | None = None) -> list[Any]:
    """pulumi_policy policies for ``state.rules``."""
    from pulumi_policy import (
        EnforcementLevel,
        PolicyComplianceFramework,
        PolicyConfigSchema,
        ResourceValidationPolicy,
        Severity,
        StackValidationPolicy,
    )

    mappings = mappings or default_mappings()
    joined = stack_level_kinds(state.package)
    policies: list[Any] = []
    for rule in state.rules:
        refs = mappings.crosswalk.get(rule.id) or References()  # a user rule without a row cites nothing
        schema = PolicyConfigSchema(properties={"exclusions": EXCLUSION_SCHEMA,
                                                "suppressions": policy_config_schema(),
                                                **{o.name: o.json_schema() for o in rule.options}})
        common = dict(
            name=rule.id,
            description=description(rule, refs),
            enforcement_level=EnforcementLevel(DEFAULT_LEVELS[rule.severity]),
            config_schema=schema,
            display_name=rule.title,
            severity=Severity(rule.severity),
            framework=PolicyComplianceFramework(
                name="HITRUST CSF",
                version="v11",
                reference=", ".join(c.id for c in refs.csf),
                specification=rule.rationale or rule.title,
            ),
            tags=[f"domain:{rule.domain}", *(f"hitrust-csf:{c.id}" for c in refs.csf),
                  *(f"hipaa:{c.id}" for c in refs.hipaa), *(f"nist-800-53:{c.id}" for c in refs.nist)],
            remediation_steps=rule.remediation_for(PACKAGE_PROVIDERS.get(state.package or "")),
        )
        check = _Check(rule, refs, state)
        if rule.kind in joined:
            policies.append(StackValidationPolicy(validate=check, **common))
        else:
            policies.append(ResourceValidationPolicy(validate=check, **common))
    return policies
