"""Each output format on hand-built findings, compared whole against values written out by hand:
OCSF events, ASFF findings, the JSON report's order and summary, and baselines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hitrust_policies import ControlRef, Finding, References, ResourceRef, Status
from hitrust_policies.findings import VendorMapping
from hitrust_policies.outputs import asff, ocsf
from hitrust_policies.outputs.baseline import BaselineError, compare, load_baseline
from hitrust_policies.outputs.report import summary, to_document
from hitrust_policies.sources.live.aws.scan import Coverage, ScanResult

REFS = References(csf=(ControlRef("06.c", "Protection of Organizational Records"),),
                  hipaa=(ControlRef("164.312(a)(2)(iv)", "Encryption and decryption"),),
                  nist=(ControlRef("SC-28", "Protection of Information at Rest"),), csf_basis="azure-policy",
                  csf_sources=(VendorMapping("Disk encryption", "ca88aadc-6e2b-416c-9de2-5a0f01d1693f",
                                             "HITRUST CSF v11.3", "1.7.0", "11.3", ("06.c",)),))
PROVENANCE = ("06.c per Azure Policy 'Disk encryption' (ca88aadc-6e2b-416c-9de2-5a0f01d1693f) in "
              "HITRUST CSF v11.3 initiative 1.7.0 (CSF v11.3)")
VOLUME = ResourceRef("aws", "AWS::EC2::Volume", "arn:aws:ec2:eu-west-1:111122223333:volume/vol-1", "data-1",
                     "111122223333", "eu-west-1", "live")


def finding(status: Status = Status.FAIL, *, severity: str = "high", rule_id: str = "enc-block-volume-encrypted",
            resource: ResourceRef = VOLUME, message: str = "volume is not encrypted", fid: str = "f1") -> Finding:
    return Finding(rule_id, "Block volumes are encrypted at rest", "encryption", severity, status, resource,
                   message, "Copy the snapshot with encryption.", REFS, fid)


# ---------------------------------------------------------------- OCSF


def test_ocsf_event_whole() -> None:
    assert ocsf.event(finding(), time_ms=1700000000000, version="9.9.9") == {
        "category_uid": 2, "class_uid": 2003, "activity_id": 1, "type_uid": 200301, "time": 1700000000000,
        "severity_id": 4, "severity": "High", "status_id": 1, "message": "volume is not encrypted",
        "metadata": {"version": "1.1.0", "uid": "f1",
                     "product": {"name": "hitrust-policies", "vendor_name": "hitrust-policies", "version": "9.9.9"}},
        "finding_info": {"uid": "f1", "title": "Block volumes are encrypted at rest",
                         "desc": "volume is not encrypted", "types": ["encryption"]},
        "compliance": {"control": "enc-block-volume-encrypted",
                       "standards": ["HITRUST CSF", "HIPAA Security Rule", "NIST SP 800-53 Rev. 5"],
                       "requirements": ["06.c", "164.312(a)(2)(iv)", "SC-28"], "status_id": 3, "status": "Fail",
                       "status_detail": f"HITRUST CSF basis: {PROVENANCE}"},
        "cloud": {"provider": "AWS", "account": {"uid": "111122223333"}, "region": "eu-west-1"},
        "resources": [{"uid": "arn:aws:ec2:eu-west-1:111122223333:volume/vol-1", "name": "data-1",
                       "type": "AWS::EC2::Volume", "region": "eu-west-1"}],
        "remediation": {"desc": "Copy the snapshot with encryption."},
    }


@pytest.mark.parametrize(("status", "status_id", "text"), [
    (Status.PASS, 1, "Pass"), (Status.FAIL, 3, "Fail"), (Status.UNKNOWN, 2, "Warning")])
def test_ocsf_compliance_status(status: Status, status_id: int, text: str) -> None:
    compliance = ocsf.event(finding(status), time_ms=0, version="x")["compliance"]
    assert (compliance["status_id"], compliance["status"]) == (status_id, text)


@pytest.mark.parametrize(("severity", "severity_id"), [("low", 2), ("medium", 3), ("high", 4), ("critical", 5)])
def test_ocsf_severity(severity: str, severity_id: int) -> None:
    e = ocsf.event(finding(severity=severity), time_ms=0, version="x")
    assert (e["severity_id"], e["severity"]) == (severity_id, severity.capitalize())


def test_ocsf_fallbacks_and_lines() -> None:
    manual = ResourceRef.manual("disk")
    e = ocsf.event(finding(Status.PASS, message="", resource=manual), time_ms=0, version="x")
    assert (e["message"], e["cloud"], e["resources"][0]["region"]) == (
        "Block volumes are encrypted at rest", {"provider": "AWS", "account": {"uid": ""}, "region": ""}, "")
    from hitrust_policies import __version__

    lines = ocsf.to_json_lines([finding(fid="a"), finding(Status.PASS, fid="b")]).split("\n")
    assert [json.loads(line)["metadata"]["uid"] for line in lines] == ["a", "b"]
    assert {json.loads(line)["metadata"]["product"]["version"] for line in lines} == {__version__}


# ---------------------------------------------------------------- ASFF


def test_asff_finding_whole() -> None:
    assert asff.finding(finding(), now="2026-01-01T00:00:00.000Z") == {
        "SchemaVersion": "2018-10-08",
        "Id": "hitrust-policies/f1",
        "ProductArn": "arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default",
        "GeneratorId": "hitrust-policies/enc-block-volume-encrypted",
        "AwsAccountId": "111122223333",
        "Types": ["Software and Configuration Checks/Industry and Regulatory Standards/HIPAA Controls"],
        "CreatedAt": "2026-01-01T00:00:00.000Z",
        "UpdatedAt": "2026-01-01T00:00:00.000Z",
        "Severity": {"Label": "HIGH"},
        "Title": "Block volumes are encrypted at rest",
        "Description": "volume is not encrypted",
        "Remediation": {"Recommendation": {"Text": "Copy the snapshot with encryption."}},
        "ProductFields": {"hitrust/RuleId": "enc-block-volume-encrypted", "hitrust/Domain": "encryption",
                          "hitrust/CsfBasis": "azure-policy", "hitrust/CsfProvenance": PROVENANCE,
                          "hitrust/ResourceName": "data-1"},
        "Resources": [{"Type": "AwsEc2Volume", "Id": "arn:aws:ec2:eu-west-1:111122223333:volume/vol-1",
                       "Partition": "aws", "Region": "eu-west-1"}],
        "Compliance": {"Status": "FAILED",
                       "RelatedRequirements": ["HITRUST CSF 06.c", "HIPAA 164.312(a)(2)(iv)", "NIST.800-53.r5 SC-28"]},
        "Workflow": {"Status": "NEW"},
        "RecordState": "ACTIVE",
    }


@pytest.mark.parametrize(("status", "compliance", "label", "workflow", "description"), [
    (Status.PASS, "PASSED", "INFORMATIONAL", "RESOLVED", "volume is not encrypted"),
    (Status.UNKNOWN, "NOT_AVAILABLE", "HIGH", "NEW", "Could not be evaluated: volume is not encrypted"),
])
def test_asff_status(status: Status, compliance: str, label: str, workflow: str, description: str) -> None:
    a = asff.finding(finding(status), now="t")
    assert (a["Compliance"]["Status"], a["Severity"]["Label"], a["Workflow"]["Status"], a["Description"]) == (
        compliance, label, workflow, description)


@pytest.mark.parametrize(("native_type", "asff_type"), [
    ("AWS::S3::Bucket", "AwsS3Bucket"), ("AWS::EC2::Volume", "AwsEc2Volume"),
    ("AWS::EC2::SecurityGroup", "AwsEc2SecurityGroup"), ("AWS::EC2::VPC", "AwsEc2Vpc"),
    ("AWS::RDS::DBInstance", "AwsRdsDbInstance"), ("AWS::KMS::Key", "AwsKmsKey"),
    ("AWS::CloudTrail::Trail", "AwsCloudTrailTrail"), ("AWS::IAM::User", "AwsIamUser"),
    ("AWS::IAM::ManagedPolicy", "AwsIamPolicy"), ("AWS::IAM::AccessKey", "AwsIamAccessKey"),
    ("AWS::IAM::Root", "AwsAccount"), ("AWS::IAM::AccountPasswordPolicy", "AwsAccount"),
    ("AWS::S3::AccountPublicAccessBlock", "AwsAccount"), ("AWS::Made::Up", "Other"),
])
def test_asff_resource_types(native_type: str, asff_type: str) -> None:
    ref = ResourceRef("aws", native_type, "arn:x", "x", "1", "us-east-1", "live")
    assert asff.finding(finding(resource=ref), now="t")["Resources"][0]["Type"] == asff_type


def test_asff_limits_and_defaults() -> None:
    """Security Hub's field limits: title 256, description 1024, remediation 512, 32 requirements."""
    many = References(csf=tuple(ControlRef(f"0{i}.a", "x") for i in range(40)))
    long = Finding("enc-x-y", "T" * 300, "encryption", "low", Status.FAIL, ResourceRef.manual("n" * 300),
                   "m" * 2000, "r" * 600, many, "id")
    a = asff.finding(long, now="t")
    assert (len(a["Title"]), len(a["Description"]), len(a["Remediation"]["Recommendation"]["Text"]),
            len(a["ProductFields"]["hitrust/ResourceName"]), len(a["Compliance"]["RelatedRequirements"])) == (
        256, 1024, 512, 256, 32)
    assert (a["AwsAccountId"], a["Resources"][0]["Region"]) == ("", "us-east-1")
    assert a["ProductArn"] == "arn:aws:securityhub:us-east-1::product//default"
    assert asff.finding(finding(message=""), now="t")["Description"] == "Block volumes are encrypted at rest"
    assert [len(b) for b in asff.batches([{}] * 201)] == [100, 100, 1]
    assert [a["Id"] for a in json.loads(asff.to_json([finding(fid="a")]))] == ["hitrust-policies/a"]


# ---------------------------------------------------------------- JSON report


def scan_result(coverage: list[Coverage]) -> ScanResult:
    return ScanResult("aws", "111122223333", ["eu-west-1", "us-east-1"], [], [], coverage)


def test_report_orders_fail_unknown_pass_then_severity_rule_name() -> None:
    def ref(name: str) -> ResourceRef:
        return ResourceRef.manual(name)

    findings = [
        finding(Status.PASS, severity="critical", rule_id="enc-a", resource=ref("p"), fid="pass"),
        finding(Status.FAIL, severity="low", rule_id="enc-a", resource=ref("a"), fid="fail-low"),
        finding(Status.UNKNOWN, severity="medium", rule_id="enc-a", resource=ref("u"), fid="unknown"),
        finding(Status.FAIL, severity="critical", rule_id="enc-b", resource=ref("a"), fid="fail-critical"),
        finding(Status.FAIL, severity="medium", rule_id="enc-b", resource=ref("b"), fid="fail-medium-b"),
        finding(Status.FAIL, severity="medium", rule_id="enc-b", resource=ref("a"), fid="fail-medium-a"),
        finding(Status.FAIL, severity="medium", rule_id="enc-a", resource=ref("z"), fid="fail-medium-rule-a"),
    ]
    doc = to_document(scan_result([Coverage("ec2-volumes", "eu-west-1", "ok", 7, (), "111122223333")]), findings)
    assert [f["id"] for f in doc["findings"]] == [
        "fail-critical", "fail-medium-rule-a", "fail-medium-a", "fail-medium-b", "fail-low", "unknown", "pass"]
    assert doc["summary"] == {"total": 7, "by_status": {"PASS": 1, "FAIL": 5, "UNKNOWN": 1},
                              "failing_by_severity": {"critical": 1, "high": 0, "medium": 3, "low": 1}}
    assert (doc["complete"], doc["regions_read"], doc["api_calls"]) == (True, ["eu-west-1"], 0)
    assert doc["coverage"] == [{"account": "111122223333", "collector": "ec2-volumes", "region": "eu-west-1",
                                "status": "ok", "resources": 7, "problems": []}]
    assert "since_baseline" not in doc


def test_a_hand_built_scan_result_starts_empty() -> None:
    result = scan_result([])
    assert (result.calls, result.seconds, result.complete, result.regions_read) == ({}, 0.0, True, [])


def test_summary_of_nothing() -> None:
    assert summary([]) == {"total": 0, "by_status": {"PASS": 0, "FAIL": 0, "UNKNOWN": 0},
                           "failing_by_severity": {"critical": 0, "high": 0, "medium": 0, "low": 0}}


# ---------------------------------------------------------------- baselines


def test_compare_new_persisting_resolved() -> None:
    baseline = [
        {"id": "still-failing", "status": "FAIL"},
        {"id": "was-unknown", "status": "UNKNOWN", "rule_id": "enc-x", "resource": {"name": "disk"}},
        {"id": "was-failing", "status": "FAIL", "rule_id": "enc-y", "resource": {"name": "bucket"}},
        {"id": "was-passing", "status": "PASS"},
    ]
    now = [finding(Status.FAIL, fid="still-failing"), finding(Status.UNKNOWN, fid="brand-new"),
           finding(Status.FAIL, fid="was-passing"), finding(Status.PASS, fid="was-unknown")]
    c = compare(baseline, now)
    assert (sorted(c.new), sorted(c.persisting)) == (["brand-new", "was-passing"], ["still-failing"])
    assert list(c.resolved) == [
        {"id": "was-failing", "rule_id": "enc-y", "resource": "bucket", "previous_status": "FAIL"},
        {"id": "was-unknown", "rule_id": "enc-x", "resource": "disk", "previous_status": "UNKNOWN"},
    ]
    assert [c.change_of(f) for f in now] == ["persisting", "new", "new", None]
    doc = to_document(scan_result([]), now, c)
    assert doc["since_baseline"]["new"] == 2 and doc["since_baseline"]["persisting"] == 1
    assert [r["id"] for r in doc["since_baseline"]["resolved"]] == ["was-failing", "was-unknown"]
    assert {f["id"]: f["change"] for f in doc["findings"]}["brand-new"] == "new"


@pytest.mark.parametrize(("text", "error"), [
    (None, "baseline file not found"),
    ("{not json", "not JSON"),
    ('["a list"]', "not a hitrust JSON report"),
    ('{"findings": [{"id": "a"}]}', "not a hitrust JSON report"),
    ('{"findings": [{"status": "FAIL"}]}', "not a hitrust JSON report"),
    ('{"findings": ["a"]}', "not a hitrust JSON report"),
    ('{"findings": {"id": "a", "status": "FAIL"}}', "not a hitrust JSON report"),
])
def test_a_bad_baseline_names_the_file(tmp_path: Path, text: str | None, error: str) -> None:
    path = tmp_path / "old.json"
    if text is not None:
        path.write_text(text)
    with pytest.raises(BaselineError, match=f"^{path}: {error}"):
        load_baseline(path)


def test_a_good_baseline_loads(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text('{"findings": [{"id": "a", "status": "FAIL"}], "complete": true}')
    assert load_baseline(path) == [{"id": "a", "status": "FAIL"}]
