"""Finding ids, references' one-line summary and the JSON shape of a finding, against hand-computed values.

Expected ids are ``sha256("<rule>|<provider>|<account>|<native id>[#<part>]")[:16]``, computed
outside the code under test (``printf '%s' KEY | sha256sum``).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from hitrust_policies import ControlRef, Finding, References, ResourceRef, Status, finding_id

GROUP = ResourceRef("aws", "AWS::EC2::SecurityGroup", "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1",
                    "bastion", account="123456789012", region="us-east-1", source="live")
RULE = "net-ingress-rule-admin-ports"


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        (GROUP, "b9116990867caf42"),
        (replace(GROUP, part="tcp/22-22/0.0.0.0/0"), "fb6ffb0962903b22"),
        (replace(GROUP, account="210987654321"), "052db28bd929a2ed"),
        (replace(GROUP, provider="azure", account=None), "30179355c2557aee"),
    ],
    ids=["resource", "part", "other-account", "no-account"],
)
def test_finding_id(ref: ResourceRef, expected: str) -> None:
    assert finding_id(RULE, ref) == expected


def test_finding_id_ignores_what_may_change_between_scans() -> None:
    """Display name, region label and source do not move a finding's id (baselines and SIEM dedup rely on it)."""
    moved = replace(GROUP, name="renamed", region="eu-west-1", source="pulumi", native_type="other")
    assert finding_id(RULE, moved) == finding_id(RULE, GROUP) == "b9116990867caf42"


def test_statuses_print_as_their_value() -> None:
    assert [str(s) for s in Status] == ["PASS", "FAIL", "UNKNOWN"]


@pytest.mark.parametrize(
    ("refs", "summary"),
    [
        (References(), ""),
        (References(hipaa=(ControlRef("164.312(b)", "Audit controls"),)), "HIPAA 164.312(b)"),
        (References(nist=(ControlRef("AU-2", "Event Logging"), ControlRef("AU-12", "Audit Record Generation"))),
         "NIST 800-53 AU-2, AU-12"),
        (References(csf=(ControlRef("09.aa", "Audit Logging"), ControlRef("09.ab", "Monitoring System Use")),
                    hipaa=(ControlRef("164.312(b)", "Audit controls"),),
                    nist=(ControlRef("AU-2", "Event Logging"),)),
         "HITRUST CSF 09.aa, 09.ab (derived); HIPAA 164.312(b); NIST 800-53 AU-2"),
    ],
    ids=["none", "hipaa-only", "nist-only", "all-three"],
)
def test_references_summary(refs: References, summary: str) -> None:
    assert refs.summary() == summary


def test_references_default_to_our_own_assignment() -> None:
    assert References().csf_basis == "derived"


def test_finding_to_dict() -> None:
    refs = References(csf=(ControlRef("01.n", "Network Connection Control"),), csf_basis="azure-policy")
    f = Finding(RULE, "Admin ports are not open to the internet", "network", "high", Status.FAIL, GROUP,
                "tcp 22 open to 0.0.0.0/0", "Restrict the source", refs, "b9116990867caf42")
    assert f.to_dict() == {
        "rule_id": RULE, "title": "Admin ports are not open to the internet", "domain": "network",
        "severity": "high", "status": "FAIL",
        "resource": {"provider": "aws", "native_type": "AWS::EC2::SecurityGroup",
                     "native_id": "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1", "name": "bastion",
                     "account": "123456789012", "region": "us-east-1", "source": "live", "part": None},
        "message": "tcp 22 open to 0.0.0.0/0", "remediation": "Restrict the source",
        "references": {"csf": ({"id": "01.n", "name": "Network Connection Control"},), "hipaa": (), "nist": (),
                       "csf_basis": "azure-policy", "csf_sources": ()},
        "id": "b9116990867caf42", "suppression": None,
    }


def test_findings_and_references_are_frozen_values() -> None:
    """Findings travel into sets, dict keys and baselines: they must not change after the fact."""
    from dataclasses import FrozenInstanceError

    refs = References(csf=(ControlRef("01.n", "Network Connection Control"),))
    f = Finding(RULE, "t", "network", "high", Status.FAIL, GROUP, "m", "r", refs, "b9116990867caf42")
    for value, field in ((f, "status"), (refs, "csf_basis"), (refs.csf[0], "name")):
        with pytest.raises(FrozenInstanceError):
            setattr(value, field, "changed")
    assert len({f, replace(f)}) == 1 and len({refs, References(csf=refs.csf)}) == 1
