"""Every rule on its named cases: exact status, and for failures the reason."""

from __future__ import annotations

import pytest

from hitrust_policies import evaluate, get_rule, verdict
from tests.rules.cases import CASES, Case


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_case(case: Case) -> None:
    status, message = verdict(get_rule(case.rule_id), case.resource)
    assert status.value == case.status, message
    if case.status == "FAIL":
        assert case.message in message
    if case.status == "UNKNOWN":
        assert message  # the reason travels with the verdict


@pytest.mark.parametrize("case", [c for c in CASES if c.status == "FAIL"], ids=str)
def test_findings_carry_references(case: Case) -> None:
    findings = [f for f in evaluate([case.resource]) if f.rule_id == case.rule_id]
    assert [(f.rule_id, f.resource.name, f.status.value) for f in findings] == [
        (case.rule_id, case.resource.ref.name, "FAIL")]
    refs = findings[0].references
    assert refs.csf and refs.hipaa and refs.nist
    assert findings[0].remediation
