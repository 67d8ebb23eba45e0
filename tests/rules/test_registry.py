"""Meta-tests over every registered rule, in the manner of Custodian's plugin meta-tests."""

from __future__ import annotations

import dataclasses
import re

import pytest

from hitrust_policies import Unknown, all_rules, default_mappings, verdict
from hitrust_policies.model import KINDS
from hitrust_policies.outputs.rules_catalog import rule_sources
from hitrust_policies.rules.registry import RuleDefinitionError, rule
from tests.rules.cases import CASES

RULES = all_rules()
PULUMI_NAME = re.compile(r"^[a-zA-Z0-9\-_.]{1,100}$")


def test_issue_minimums() -> None:
    by_domain = {d: sum(r.domain == d for r in RULES) for d in ("encryption", "iam", "logging", "network")}
    assert len(RULES) >= 16 and all(n >= 4 for n in by_domain.values()), by_domain


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.id)
def test_rule_metadata(r) -> None:
    assert PULUMI_NAME.match(r.id)
    assert r.check.__name__ == r.id.replace("-", "_")
    assert r.kind in KINDS
    assert r.title and r.remediation and r.rationale, "title, remediation and a why-docstring"
    default_mappings().references(r.id)  # has a crosswalk row


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.id)
def test_rule_speaks_each_of_its_clouds_words(r) -> None:
    """A finding's fix names its own cloud's settings: every cloud some source evaluates the rule on
    has its own remediation text, and the texts differ."""
    clouds = {source.rsplit("-", 1)[1] for source in rule_sources(r)}
    texts = dict(r.remediations)
    assert clouds <= set(texts), f"{r.id}: no remediation for {sorted(clouds - set(texts))}"
    assert len(set(texts.values())) == len(texts)


def test_findings_carry_their_clouds_remediation() -> None:
    from hitrust_policies import evaluate
    from hitrust_policies.rules.registry import get_rule

    r = get_rule("enc-object-store-tls-only")
    stores = [dataclasses.replace(c.resource, ref=dataclasses.replace(c.resource.ref, provider=cloud, name=cloud))
              for cloud in ("aws", "azure", "gcp") for c in CASES if c.rule_id == r.id and c.status == "FAIL"]
    fixes = {f.resource.name: f.remediation for f in evaluate(stores, [r])}
    assert fixes == {cloud: r.remediation_for(cloud) for cloud in ("aws", "azure", "gcp")}
    assert "aws:SecureTransport" in fixes["aws"] and "--https-only" in fixes["azure"]


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.id)
def test_rule_has_pass_fail_unknown_cases(r) -> None:
    statuses = {c.status for c in CASES if c.rule_id == r.id}
    assert statuses == {"PASS", "FAIL", "UNKNOWN"}


def _fact_fields(resource) -> list[str]:
    return [f.name for f in dataclasses.fields(resource) if f.name != "ref"]


@pytest.mark.parametrize("case", [c for c in CASES if c.status == "FAIL"], ids=str)
def test_unknown_never_turns_a_failure_into_a_pass(case) -> None:
    """An unseen fact could hold the failing value: hiding any one fact must not yield PASS.

    This is what catches ``x is None`` / ``isinstance`` checks that silently skip an Unknown.
    """
    for name in _fact_fields(case.resource):
        hidden = dataclasses.replace(case.resource, **{name: Unknown(f"hidden {name}")})
        status, _ = verdict(next(r for r in RULES if r.id == case.rule_id), hidden)
        assert status.value in ("FAIL", "UNKNOWN"), f"{case}: hiding {name} gave {status}"


def test_kinds_are_frozen_with_a_ref() -> None:
    for kind in KINDS:
        assert dataclasses.is_dataclass(kind) and kind.__dataclass_params__.frozen, kind
        assert "ref" in {f.name for f in dataclasses.fields(kind)}, kind


@pytest.mark.parametrize(
    "rule_id, kwargs, error",
    [
        ("enc-Bad_Id", {}, "kebab-case"),
        ("net-some-thing", {"domain": "encryption"}, "must start with enc-"),
        ("enc-some-thing", {"severity": "urgent"}, "severity"),
        ("enc-some-thing", {"domain": "crypto"}, "domain"),
    ],
)
def test_bad_declarations_are_rejected(rule_id, kwargs, error) -> None:
    meta = {"title": "t", "domain": "encryption", "severity": "low", "remediation": "r", **kwargs}

    def enc_some_thing(v: KINDS[0]):  # noqa: ANN202
        return None

    with pytest.raises(RuleDefinitionError, match=error):
        rule(rule_id, **meta)(enc_some_thing)


def test_function_name_must_match_id() -> None:
    def something_else(v: KINDS[0]):  # noqa: ANN202
        return None

    with pytest.raises(RuleDefinitionError, match="must be named"):
        rule("enc-some-thing", title="t", domain="encryption", severity="low", remediation="r")(something_else)
