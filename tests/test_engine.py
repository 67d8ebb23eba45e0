"""The engine's promises, each with a hand-written expected value: a rule that touches an Unknown or
raises is UNKNOWN (never PASS), a rule's return value decides PASS / FAIL, every rule of a kind runs
on every resource of that kind in a stable order, and a coverage gap is UNKNOWN for every rule over
its kind."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from hitrust_policies import (
    BlockStorageDefaults,
    BlockVolume,
    ControlRef,
    CoverageGap,
    Mappings,
    References,
    ResourceRef,
    Rule,
    Status,
    Unknown,
    evaluate,
    get_rule,
    verdict,
)

REFS = References(csf=(ControlRef("06.d", "Data Protection"),))


def _rule(check: Callable[[BlockVolume], object], rule_id: str = "enc-test-volume-check",
          kind: type = BlockVolume) -> Rule:
    """A rule built by hand, not registered: the registry and the shipped crosswalk stay as they are."""
    return Rule(id=rule_id, title=f"title of {rule_id}", kind=kind, domain="encryption", severity="low",
                remediation=f"fix {rule_id}", check=check)  # type: ignore[arg-type]


def _mappings(*rules: Rule) -> Mappings:
    return Mappings(catalogs={}, crosswalk={r.id: REFS for r in rules})


def _volume(name: str, encrypted: object = True) -> BlockVolume:
    return BlockVolume(ResourceRef.manual(name), encrypted=encrypted, kms_key=None, kms_key_customer_managed=False)  # type: ignore[arg-type]


def _divide_by_zero(v: BlockVolume) -> str:
    return str(1 // 0)


def _key_error(v: BlockVolume) -> str:
    return {"a": 1}["missing"]  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("check", "message"),
    [
        (_divide_by_zero, "rule enc-test-volume-check raised ZeroDivisionError: integer division or modulo by zero"),
        (_key_error, "rule enc-test-volume-check raised KeyError: 'missing'"),
    ],
    ids=["zero-division", "key-error"],
)
def test_a_rule_that_raises_is_unknown_never_pass(check, message: str, caplog: pytest.LogCaptureFixture) -> None:
    """A bug in a rule must neither sink the scan nor read as compliant."""
    with caplog.at_level(logging.ERROR, logger="hitrust_policies.engine"):
        assert verdict(_rule(check), _volume("v1")) == (Status.UNKNOWN, message)
    assert [r.getMessage() for r in caplog.records] == [
        f"rule enc-test-volume-check raised on {ResourceRef.manual('v1')!r}"]


def test_a_raising_rule_is_unknown_in_findings_and_the_next_rule_still_runs() -> None:
    broken, fine = _rule(_divide_by_zero, "enc-test-broken"), _rule(lambda v: None, "enc-test-fine")
    findings = evaluate([_volume("v1")], [broken, fine], mappings=_mappings(broken, fine))
    assert [(f.rule_id, f.resource.name, f.status, f.message) for f in findings] == [
        ("enc-test-broken", "v1", Status.UNKNOWN,
         "rule enc-test-broken raised ZeroDivisionError: integer division or modulo by zero"),
        ("enc-test-fine", "v1", Status.PASS, ""),
    ]


def test_a_raising_rule_on_a_value_without_ref_is_still_unknown() -> None:
    """The log line falls back to the value itself when it has no ``ref``."""
    odd = _rule(lambda v: v.encrypted, kind=object)
    assert verdict(odd, object()) == (Status.UNKNOWN, "rule enc-test-volume-check raised AttributeError: "
                                                      "'object' object has no attribute 'encrypted'")


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (None, (Status.PASS, "")),
        ([], (Status.PASS, "")),
        ((), (Status.PASS, "")),
        ("volume is plain", (Status.FAIL, "volume is plain")),
        (["too short", "no symbols"], (Status.FAIL, "too short; no symbols")),
        (("one reason",), (Status.FAIL, "one reason")),
    ],
    ids=["none", "empty-list", "empty-tuple", "string", "two-reasons", "one-reason-tuple"],
)
def test_the_return_value_decides_pass_or_fail(result: object, expected: tuple[Status, str]) -> None:
    assert verdict(_rule(lambda v: result), _volume("v1")) == expected


def test_a_generator_of_reasons_is_consumed() -> None:
    def reasons(v: BlockVolume):
        yield "first"
        yield "second"

    assert verdict(_rule(reasons), _volume("v1")) == (Status.FAIL, "first; second")


def test_an_unknown_fact_is_unknown_with_its_reason() -> None:
    r = get_rule("enc-block-volume-encrypted")
    assert verdict(r, _volume("v1", Unknown("AccessDenied: ec2:DescribeVolumes"))) == (
        Status.UNKNOWN, "AccessDenied: ec2:DescribeVolumes")


def test_evaluate_runs_each_rule_of_a_kind_on_each_resource_in_order() -> None:
    """Resources in the order given; for each, its kind's rules in the order given; other kinds untouched."""
    first = _rule(lambda v: None if v.encrypted else "plain", "enc-test-first")
    second = _rule(lambda v: "always", "enc-test-second")
    other_kind = _rule(lambda d: "never runs on volumes", "enc-test-defaults", kind=BlockStorageDefaults)
    findings = evaluate([_volume("b", False), _volume("a", True)], [first, second, other_kind],
                        mappings=_mappings(first, second, other_kind))
    assert [(f.rule_id, f.resource.name, f.status, f.message) for f in findings] == [
        ("enc-test-first", "b", Status.FAIL, "plain"),
        ("enc-test-second", "b", Status.FAIL, "always"),
        ("enc-test-first", "a", Status.PASS, ""),
        ("enc-test-second", "a", Status.FAIL, "always"),
    ]


def test_a_finding_carries_the_rule_metadata_references_and_a_stable_id() -> None:
    r = _rule(lambda v: "plain", "enc-test-meta")
    [f] = evaluate([_volume("disk-1")], [r], mappings=_mappings(r))
    assert (f.title, f.domain, f.severity, f.remediation, f.references) == (
        "title of enc-test-meta", "encryption", "low", "fix enc-test-meta", REFS)
    assert f.resource == ResourceRef.manual("disk-1")
    assert f.id == "8d2c523945d39068"  # sha256("enc-test-meta|aws||manual:disk-1")[:16]


def test_no_rules_selected_means_no_findings() -> None:
    """An empty selection is not "every rule"."""
    assert evaluate([_volume("v1", False)], []) == []


def test_every_registered_rule_runs_when_none_are_selected() -> None:
    findings = evaluate([_volume("v1", False)])
    assert [(f.rule_id, f.status) for f in findings] == [("enc-block-volume-encrypted", Status.FAIL),
                                                         ("enc-block-volume-kms", Status.FAIL)]
    assert [c.id for c in findings[0].references.csf] == ["06.c", "06.d", "10.f"]  # the shipped crosswalk


def test_a_resource_of_a_kind_without_rules_gives_no_finding() -> None:
    r = _rule(lambda v: "plain")
    assert evaluate([BlockStorageDefaults(ResourceRef.manual("us-east-1"), encrypted_by_default=False)], [r],
                    mappings=_mappings(r)) == []


def test_a_gap_is_unknown_for_every_rule_over_its_kind_only() -> None:
    scope = ResourceRef("aws", "scope:ec2-volumes", "aws:1:eu-west-1:ec2-volumes", "ec2-volumes in eu-west-1",
                        account="1", region="eu-west-1", source="live")
    first, second = _rule(lambda v: None, "enc-test-first"), _rule(lambda v: None, "enc-test-second")
    other_kind = _rule(lambda d: None, "enc-test-defaults", kind=BlockStorageDefaults)
    gaps = [CoverageGap(BlockVolume, scope, "AccessDenied: ec2:DescribeVolumes (ec2-volumes in eu-west-1)"),
            CoverageGap(int, scope, "a kind no rule reads")]
    findings = evaluate([_volume("v1")], [first, second, other_kind], gaps=gaps,
                        mappings=_mappings(first, second, other_kind))
    assert [(f.rule_id, f.resource.name, f.status, f.message) for f in findings] == [
        ("enc-test-first", "v1", Status.PASS, ""),
        ("enc-test-second", "v1", Status.PASS, ""),
        ("enc-test-first", "ec2-volumes in eu-west-1", Status.UNKNOWN,
         "AccessDenied: ec2:DescribeVolumes (ec2-volumes in eu-west-1)"),
        ("enc-test-second", "ec2-volumes in eu-west-1", Status.UNKNOWN,
         "AccessDenied: ec2:DescribeVolumes (ec2-volumes in eu-west-1)"),
    ]
    assert findings[2].id != findings[3].id


def test_coverage_gaps_are_values() -> None:
    scope = ResourceRef.manual("scope")
    gap = CoverageGap(BlockVolume, scope, "denied")
    assert gap == CoverageGap(BlockVolume, scope, "denied") and hash(gap) == hash(CoverageGap(BlockVolume, scope,
                                                                                                "denied"))
    with pytest.raises(AttributeError):
        gap.reason = "changed"  # type: ignore[misc]
