"""Machine and assessor formats carry exact statuses and references, UNKNOWN included."""

from __future__ import annotations

import json

import pytest

from hitrust_policies import BlockVolume, ResourceRef, Unknown, evaluate
from hitrust_policies.outputs.asff import to_asff
from hitrust_policies.outputs.assessor import to_markdown
from hitrust_policies.outputs.ocsf import to_json_lines
from hitrust_policies.outputs.report import to_document
from hitrust_policies.rules import get_rule
from hitrust_policies.sources.live.aws.scan import Coverage, ScanResult


@pytest.fixture
def scan() -> tuple[ScanResult, list]:
    def vol(name: str, encrypted) -> BlockVolume:
        return BlockVolume(ResourceRef("aws", "AWS::EC2::Volume", f"arn:aws:ec2:us-east-1:1:volume/{name}", name,
                                       "111122223333", "us-east-1", "live"), encrypted, None, False)

    resources = [vol("plain", False), vol("phi", True), vol("denied", Unknown("AccessDenied: kms:DescribeKey"))]
    result = ScanResult("aws", "111122223333", ["us-east-1", "eu-west-1"], resources, [],
                        [Coverage("ec2-volumes", "us-east-1", "partial", 3, ("AccessDenied: kms:DescribeKey",),
                                  "111122223333"),
                         Coverage("ec2-volumes", "eu-west-1", "failed", 0, ("Unreachable: ec2-volumes",),
                                  "111122223333")])
    return result, evaluate(resources, [get_rule("enc-block-volume-encrypted")])  # one rule: the outputs' shape


def test_ocsf_events(scan) -> None:
    _, findings = scan
    events = [json.loads(line) for line in to_json_lines(findings).splitlines()]
    got = {(e["resources"][0]["name"], e["compliance"]["control"], e["compliance"]["status"],
            e["compliance"]["status_id"]) for e in events}
    assert got == {("plain", "enc-block-volume-encrypted", "Fail", 3),
                   ("phi", "enc-block-volume-encrypted", "Pass", 1),
                   ("denied", "enc-block-volume-encrypted", "Warning", 2)}
    assert all(e["class_uid"] == 2003 and e["severity_id"] == 4 for e in events)
    assert "06.c" in events[0]["compliance"]["requirements"]
    assert "164.312(a)(2)(iv)" in events[0]["compliance"]["requirements"]


def test_assessor_markdown_groups_by_control(scan) -> None:
    result, findings = scan
    md = to_markdown(result, findings)
    assert "| 06.c | Protection of Organizational Records | enc-block-volume-encrypted | " \
           "1 pass / 1 fail / 1 unknown | plain (enc-block-volume-encrypted) |" in md
    assert "| 164.312(a)(2)(iv) | Encryption and decryption |" in md
    assert "Coverage complete: NO" in md
    assert "| 111122223333 | ec2-volumes | eu-west-1 | failed | Unreachable: ec2-volumes |" in md


def test_json_document(scan) -> None:
    result, findings = scan
    doc = to_document(result, findings)
    assert doc["complete"] is False and doc["regions_read"] == ["us-east-1"]
    assert doc["summary"]["by_status"] == {"PASS": 1, "FAIL": 1, "UNKNOWN": 1}
    assert [(f["resource"]["name"], f["status"]) for f in doc["findings"]] == [
        ("plain", "FAIL"), ("denied", "UNKNOWN"), ("phi", "PASS")]
    assert doc["findings"][1]["message"] == "AccessDenied: kms:DescribeKey"


def test_asff_findings(scan) -> None:
    _, findings = scan
    got = {(a["ProductFields"]["hitrust/ResourceName"], a["Compliance"]["Status"], a["Severity"]["Label"],
            a["Workflow"]["Status"]) for a in to_asff(findings)}
    assert got == {("plain", "FAILED", "HIGH", "NEW"), ("phi", "PASSED", "INFORMATIONAL", "RESOLVED"),
                   ("denied", "NOT_AVAILABLE", "HIGH", "NEW")}
    plain = next(a for a in to_asff(findings) if a["ProductFields"]["hitrust/ResourceName"] == "plain")
    assert plain["Resources"] == [{"Type": "AwsEc2Volume", "Id": "arn:aws:ec2:us-east-1:1:volume/plain",
                                   "Partition": "aws", "Region": "us-east-1"}]
    assert plain["AwsAccountId"] == "111122223333" and plain["Id"].startswith("hitrust-policies/")
    assert "HITRUST CSF 06.c" in plain["Compliance"]["RelatedRequirements"]
    assert "HIPAA 164.312(a)(2)(iv)" in plain["Compliance"]["RelatedRequirements"]
