"""GuardDuty detectors -> one threat-detection verdict per region, through the live scanner against moto."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSResponse

from hitrust_policies.model import ThreatDetection, Unknown
from tests.sources.live.aws.conftest import (
    ACCOUNT,
    CANARY,
    HOME,
    Case,
    apply_denials,
    check,
    scan,
    table,
)

RULE = "log-threat-detection-enabled"
COLLECTOR = "guardduty-detectors"
OTHER = "eu-west-1"
HOME_NAME, OTHER_NAME = f"guardduty/{HOME}", f"guardduty/{OTHER}"


def seed(session: boto3.Session, detectors: dict[str, tuple[bool, ...]]) -> None:
    """``{region: (enable, ...)}``: one detector per flag (moto, unlike AWS, allows several per region)."""
    for region, flags in detectors.items():
        guardduty = session.client("guardduty", region_name=region)
        for enable in flags:
            guardduty.create_detector(Enable=enable)


CASES = [
    Case("enabled-here-none-there", table(f"""
        {RULE}  {HOME_NAME}   PASS
        {RULE}  {OTHER_NAME}  FAIL
    """), extra={"detectors": {HOME: (True,)}}),
    Case("disabled-detector", table(f"""
        {RULE}  {HOME_NAME}   FAIL
        {RULE}  {OTHER_NAME}  PASS
    """), extra={"detectors": {HOME: (False,), OTHER: (True,)}}),
    Case("one-of-two-detectors-enabled", table(f"""
        {RULE}  {HOME_NAME}   PASS
        {RULE}  {OTHER_NAME}  FAIL
    """), extra={"detectors": {HOME: (False, True), OTHER: (False, False)}}),
    Case("no-detector-anywhere", table(f"""
        {RULE}  {HOME_NAME}   FAIL
        {RULE}  {OTHER_NAME}  FAIL
    """)),
    Case(
        "listing-denied-in-one-region",  # the other region is still judged
        table(f"""
            {RULE}  {COLLECTOR} in {HOME}  UNKNOWN
            {RULE}  {OTHER_NAME}           PASS
        """),
        extra={"detectors": {HOME: (True,), OTHER: (True,)}, "coverage": {HOME: "failed"}},
        denied=(("guardduty", "ListDetectors"),),
        denied_in=(HOME,),
        unknown_reason=f"AccessDenied: guardduty:ListDetectors ({COLLECTOR} in {HOME})",
    ),
    Case(
        "get-detector-denied",  # detectors exist, their status cannot be read; none at all is still a FAIL
        table(f"""
            {RULE}  {HOME_NAME}   UNKNOWN
            {RULE}  {OTHER_NAME}  FAIL
        """),
        extra={"detectors": {HOME: (True,)}, "coverage": {HOME: "partial"}},  # OTHER has none to read
        denied=(("guardduty", "GetDetector"),),
        unknown_reason="AccessDenied: guardduty:GetDetector",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_threat_detection(session: boto3.Session, case: Case) -> None:
    """One verdict per region, named guardduty/<region>; GuardDuty's AccessDeniedException reads as AccessDenied."""
    seed(session, case.extra.get("detectors", {}))
    apply_denials(session, case, code="AccessDeniedException", status=403)
    result = scan(session, COLLECTOR, CANARY, regions=(HOME, OTHER))
    check(result, case)
    expected = {HOME: "ok", OTHER: "ok", **case.extra.get("coverage", {})}
    assert {c.region: c.status for c in result.coverage if c.collector == COLLECTOR} == expected


def deny_detector(session: boto3.Session, detector_id: str) -> list[str]:
    """Answer GetDetector for one detector id only with AccessDeniedException; returns the ids denied."""
    denied: list[str] = []

    def handler(model: Any, params: dict[str, Any], **_: Any) -> tuple[AWSResponse, dict[str, Any]] | None:
        if model.service_model.service_name != "guardduty" or model.name != "GetDetector":
            return None
        if not params.get("url_path", "").endswith(f"/detector/{detector_id}"):  # the serialized request
            return None
        denied.append(detector_id)
        return AWSResponse("https://guardduty.invalid/", 403, {}, None), {
            "Error": {"Code": "AccessDeniedException", "Message": "injected"},
            "ResponseMetadata": {"HTTPStatusCode": 403}}

    session.events.register_last("before-call", handler)
    return denied


MIXED_CASES = [
    Case("unreadable-then-enabled", table(f"{RULE}  {HOME_NAME}  PASS"), extra={"other": True}),
    Case("unreadable-then-disabled", table(f"{RULE}  {HOME_NAME}  UNKNOWN"), extra={"other": False},
         unknown_reason="AccessDenied: guardduty:GetDetector"),
]


@pytest.mark.parametrize("case", MIXED_CASES, ids=lambda c: c.id)
def test_one_unreadable_detector_among_two(session: boto3.Session, case: Case) -> None:
    """A detector whose status cannot be read leaves the region unknown unless another is known enabled."""
    guardduty = session.client("guardduty")
    unreadable = guardduty.create_detector(Enable=False)["DetectorId"]
    guardduty.create_detector(Enable=case.extra["other"])
    assert guardduty.list_detectors()["DetectorIds"][0] == unreadable  # read first: the order matters
    denied = deny_detector(session, unreadable)
    result = scan(session, COLLECTOR)
    check(result, case)
    assert denied == [unreadable]
    [coverage] = [c for c in result.coverage if c.collector == COLLECTOR]
    assert (coverage.status, coverage.problems) == ("partial", ("AccessDenied: guardduty:GetDetector",))


def test_detector_value_has_a_stable_region_id(session: boto3.Session) -> None:
    """The same native id with or without a detector, so a baseline sees one finding change status."""
    before = [r for r in scan(session, COLLECTOR).resources if isinstance(r, ThreatDetection)]
    seed(session, {HOME: (True,)})
    after = [r for r in scan(session, COLLECTOR).resources if isinstance(r, ThreatDetection)]
    assert [(r.ref.native_id, r.ref.name, r.enabled) for r in before] == [
        (f"arn:aws:guardduty:{HOME}:{ACCOUNT}:detector", HOME_NAME, False)]
    assert [(r.ref.native_id, r.enabled) for r in after] == [(f"arn:aws:guardduty:{HOME}:{ACCOUNT}:detector", True)]
    assert not any(isinstance(r.enabled, Unknown) for r in after)
