"""Report files from the pack (``"all".report``), through the real pack process: the findings written equal
the violations the pack reports (plus the passing verdicts), a suppressed one is marked, the files validate
against their schemas, and the same run gives the same bytes under SOURCE_DATE_EPOCH."""

from __future__ import annotations

import json
import os
import zipfile
from collections import Counter
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import grpc
import pytest

from hitrust_policies.outputs import json_report
from hitrust_policies.outputs.formats import FORMATS
from hitrust_policies.pulumi_pack import PackConfigError, PackSettings
from hitrust_policies.testing.pulumi import PackProcess, default_pack_dir
from tests.packs.helpers import captured
from tests.pulumi_programs import storage, unknowns

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
EPOCH = "1700000000"  # 2023-11-14T22:13:20Z
M = "mandatory"
ACTIVE, LAPSED = "2099-12-31", "2001-01-31"
WHO = {"reason": "scratch bucket, no PHI", "owner": "platform@example.com", "ticket": "SEC-9"}
SUPPRESSIONS = [
    {"rule": "enc-object-store-kms", "name": "bare", "expires": ACTIVE, **WHO},
    {"rule": "log-object-store-access-logging", "name": "late-bucket", "expires": LAPSED, **WHO},
]
URN = "urn:pulumi:test::hitrust::"
S3, VOLUME = f"{URN}aws:s3/bucket:Bucket::", f"{URN}aws:ebs/volume:Volume::"


def _urn(short: str) -> str:
    kind, _, name = short.partition(":")
    return {"s3": S3, "ebs": VOLUME, "ebs-default": f"{URN}aws:ebs/encryptionByDefault:EncryptionByDefault::",
            "kms": f"{URN}aws:kms/key:Key::", "sg": f"{URN}aws:ec2/securityGroup:SecurityGroup::",
            "trail": f"{URN}aws:cloudtrail/trail:Trail::",
            "logs": f"{URN}aws:cloudwatch/logGroup:LogGroup::"}[kind] + name


# (rule, resource, status) of every verdict the pack reaches over the stack: FAIL / UNKNOWN ones are the
# violations (except the suppressed one), PASS ones appear in the report only.
EXPECTED_FAIL = {
    ("enc-object-store-kms", "s3:bare"), ("enc-object-store-kms", "s3:partial"),
    ("enc-object-store-tls-only", "s3:bare"), ("enc-object-store-tls-only", "s3:partial"),
    ("log-object-store-access-logging", "s3:bare"), ("log-object-store-access-logging", "s3:partial"),
    ("log-object-store-access-logging", "s3:late-bucket"), ("log-object-store-access-logging", "s3:algo-bucket"),
    ("net-object-store-public-access-blocked", "s3:partial"),
    ("enc-block-storage-default-encryption", "ebs-default:ebs-default-off"),  # a resource policy (Analyze)
    ("enc-block-volume-encrypted", "ebs:plain-disk"), ("enc-block-volume-kms", "ebs:plain-disk"),
}
EXPECTED_UNKNOWN = {
    ("enc-object-store-default-encryption", "s3:algo-bucket"), ("enc-object-store-kms", "s3:algo-bucket"),
    ("enc-object-store-tls-only", "s3:algo-bucket"), ("net-ingress-rule-admin-ports", "sg:nat-sg"),
    ("enc-block-volume-kms", "ebs:encrypted-disk"),
}
EXPECTED_PASS = {
    ("net-crypto-key-not-public", "kms:bucket-key"), ("net-crypto-key-not-public", "kms:late-key"),
    ("enc-crypto-key-rotation", "kms:bucket-key"), ("enc-crypto-key-rotation", "kms:late-key"),
    ("enc-crypto-key-not-pending-deletion", "kms:bucket-key"), ("enc-crypto-key-not-pending-deletion", "kms:late-key"),
    *(("enc-object-store-default-encryption", f"s3:{b}") for b in ("bare", "partial", "late-bucket", "records")),
    *(("net-object-store-public-access-blocked", f"s3:{b}") for b in ("bare", "algo-bucket", "late-bucket",
                                                                       "records")),
    ("enc-object-store-kms", "s3:late-bucket"), ("enc-object-store-kms", "s3:records"),
    ("enc-object-store-tls-only", "s3:late-bucket"), ("enc-object-store-tls-only", "s3:records"),
    ("log-object-store-access-logging", "s3:records"),
    ("enc-audit-trail-kms", "trail:late-trail"), ("log-audit-trail-cloudwatch", "trail:late-trail"),
    ("log-audit-trail-validation", "trail:late-trail"), ("enc-log-group-audit-kms", "logs:late-trail-logs"),
    ("log-log-group-retention", "logs:late-trail-logs"), ("net-security-group-default-closed", "sg:nat-sg"),
    ("enc-block-volume-encrypted", "ebs:encrypted-disk"),
}
EXPECTED = ({(r, _urn(s), "FAIL") for r, s in EXPECTED_FAIL} | {(r, _urn(s), "UNKNOWN") for r, s in EXPECTED_UNKNOWN}
            | {(r, _urn(s), "PASS") for r, s in EXPECTED_PASS})
SUPPRESSED = ("enc-object-store-kms", S3 + "bare", "FAIL")
LAPSED_ONE = ("log-object-store-access-logging", S3 + "late-bucket", "FAIL")


def _stack() -> tuple[Any, ...]:
    """A known mix: failing, passing, preview-unknown buckets, keys, a trail, a security group and volumes
    (judged by resource policies in Analyze and by stack policies in AnalyzeStack)."""
    return (captured(storage.noncompliant_buckets) + captured(storage.compliant_bucket)
            + captured(unknowns.unresolved_outputs) + captured(storage.volumes))


@pytest.fixture(scope="module")
def pinned_pack() -> Iterator[PackProcess]:
    """The AWS pack started with SOURCE_DATE_EPOCH set (the report's one clock reading is pinned)."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        pack = PackProcess(default_pack_dir())
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
    with pack:
        yield pack


def _config(out: Path, **report: Any) -> dict[str, Any]:
    request = {"dir": str(out), "formats": ["json", "sarif", "html"], "evidence": str(out / "evidence.zip"),
               **report}
    return {"all": {"enforcementLevel": M, "suppressions": SUPPRESSIONS, "report": request}}


def _status(message: str) -> str:
    return "UNKNOWN" if "could not be known" in message else "FAIL"


def test_report_holds_every_verdict_and_its_violations_are_the_packs(pinned_pack: PackProcess, tmp_path: Path):
    from jsonschema import Draft4Validator, Draft202012Validator

    violations = pinned_pack.run(_stack(), _config(tmp_path))
    reported = {(v.policy, v.urn, _status(v.message)) for v in violations}
    assert len(reported) == len(violations) and {v.phase for v in violations} == {"resource", "stack"}
    assert reported == {k for k in EXPECTED if k[2] != "PASS"} - {SUPPRESSED}

    doc = json.loads((tmp_path / "hitrust-report.json").read_text())
    Draft202012Validator(json_report.schema()).validate(doc)
    rows = [(f["rule_id"], f["resource"]["native_id"], f["status"]) for f in doc["findings"]]
    assert len(rows) == len(set(rows)) and set(rows) == EXPECTED
    unsuppressed = {r for r, f in zip(rows, doc["findings"], strict=True) if r[2] != "PASS" and not f["suppressed"]}
    assert unsuppressed == reported
    marks = {(f["rule_id"], f["resource"]["native_id"], f["status"]): f["suppression"] for f in doc["findings"]
             if f["suppression"]}
    assert set(marks) == {SUPPRESSED, LAPSED_ONE}
    assert (marks[SUPPRESSED]["expired"], marks[SUPPRESSED]["ticket"]) == (False, "SEC-9")
    assert marks[LAPSED_ONE]["expired"] is True
    assert doc["run"]["command"] == "pulumi preview" and doc["run"]["scope"] == ["hitrust/test"]
    assert (doc["provider"], doc["account"]) == ("aws", "test")

    sarif = json.loads((tmp_path / "hitrust-report.sarif").read_text())
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text())
    Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER).validate(sarif)
    results = sarif["runs"][0]["results"]
    srows = {(r["ruleId"], r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"], r["properties"]["status"])
             for r in results}
    assert srows == EXPECTED and len(results) == len(EXPECTED)
    assert {(r["ruleId"], r["suppressions"][0]["status"]) for r in results if "suppressions" in r} == {
        ("enc-object-store-kms", "accepted"), ("log-object-store-access-logging", "rejected")}

    assert (tmp_path / "hitrust-report.html").read_text().startswith("<!DOCTYPE html>")
    with zipfile.ZipFile(tmp_path / "evidence.zip") as zf:
        lines = zf.read("findings.jsonl").decode().splitlines()
        assert {(f["rule_id"], f["resource"]["native_id"], f["status"]) for f in map(json.loads, lines)} == EXPECTED
        assert json.loads(zf.read("metadata.json"))["command"] == "pulumi preview"


def test_every_format_same_stack_same_bytes(pinned_pack: PackProcess, tmp_path: Path):
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        pinned_pack.run(_stack(), _config(out, formats=list(FORMATS)))
    names = [*(f.file_name for f in FORMATS.values()), "evidence.zip"]
    assert sorted(p.name for p in first.iterdir()) == sorted(names)
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert json.loads((first / "hitrust-report.json").read_text())["generated_at"] == "2023-11-14T22:13:20+00:00"


def test_an_up_names_the_stack_account_and_region(tmp_path: Path):
    config = {"aws:allowedAccountIds": '["123456789012"]', "aws:region": "eu-west-1"}
    with PackProcess(default_pack_dir(), dry_run=False, stack_config=config, project="phi", stack="prod") as pack:
        pack.run(captured(storage.noncompliant_buckets), {"all": {"report": {"dir": str(tmp_path),
                                                                             "formats": ["json"]}}})
    doc = json.loads((tmp_path / "hitrust-report.json").read_text())
    assert (doc["account"], doc["regions"], doc["run"]["command"], doc["run"]["scope"]) == (
        "123456789012", ["eu-west-1"], "pulumi up", ["phi/prod"])
    assert [(c["collector"], c["status"]) for c in doc["coverage"]] == [("pulumi-stack", "ok")]


def test_a_report_that_cannot_be_written_is_a_warning_not_a_failed_preview(pinned_pack: PackProcess, tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    pinned_pack.engine.records.clear()
    violations = pinned_pack.run(_stack(), _config(blocker / "reports"))
    assert {(v.policy, v.urn, _status(v.message)) for v in violations} == {
        k for k in EXPECTED if k[2] != "PASS"} - {SUPPRESSED}
    warnings = [(sev, msg) for sev, _, msg in pinned_pack.engine.records if sev == "WARNING"]
    assert warnings == [("WARNING", "hitrust policy pack: could not write the report files (NotADirectoryError: "
                                    f"[Errno 20] Not a directory: '{blocker / 'reports'}')")]
    assert not pinned_pack.process.poll() and not any("Traceback" in line for line in pinned_pack.stderr)


@pytest.mark.parametrize(("report", "culprit"), [
    ("reports", '"all".report: expected an object with dir, formats, evidence'),
    ({"formats": ["json", "pdf"]}, '"all".report.formats[1]: unknown format \'pdf\''),
    ({"formats": "json"}, '"all".report.formats: expected a list of format names'),
    ({"dir": "", "formats": ["json"]}, '"all".report.dir: expected a path'),
    ({"formats": ["json"], "output": "x"}, '"all".report: unknown field(s) [\'output\']'),
    ({"dir": "reports"}, '"all".report: names no "formats" and no "evidence"'),
])
def test_invalid_report_config_names_the_key(report: Any, culprit: str):
    with pytest.raises(PackConfigError) as err:
        PackSettings.from_config({"all": {"report": report}})
    assert str(err.value).startswith(f"policy-pack config {culprit}")


def test_invalid_report_config_fails_configure(pinned_pack: PackProcess):
    with pytest.raises(grpc.RpcError) as err:
        pinned_pack.run(captured(storage.noncompliant_buckets), {"all": {"report": {"formats": ["pdf"]}}})
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert '"all".report.formats[0]: unknown format' in err.value.details()


def test_relative_paths_are_read_from_the_program_directory():
    settings = PackSettings.from_config({"all": {"report": {"formats": ["sarif"], "evidence": "ev/bundle.zip"}}})
    from hitrust_policies.pulumi_pack.reports import resolve

    assert settings.report is not None and settings.report.dir == "reports"
    assert resolve(settings.report.dir, "/src/infra") == Path("/src/infra/reports")
    assert resolve(settings.report.evidence or "", "/src/infra") == Path("/src/infra/ev/bundle.zip")


@pytest.mark.skipif(find_spec("pulumi_gcp") is None, reason="the pulumi-gcp extra is not installed")
def test_the_gcp_pack_reports_its_stack_the_same_way(tmp_path: Path):
    from tests.pulumi_programs import gcp

    resources = captured(gcp.buckets_keys_logging) + captured(gcp.firewalls)
    with PackProcess(default_pack_dir("hitrust-gcp"), stack_config={"gcp:project": "phi-prod"}) as pack:
        violations = pack.run(resources, {"all": {"enforcementLevel": M, "report": {"dir": str(tmp_path),
                                                                                    "formats": ["json", "sarif"]}}})
    doc = json.loads((tmp_path / "hitrust-report.json").read_text())
    # one finding per opening of a firewall (the ref's part): a multiset, as the pack's violations are
    rows = Counter((f["rule_id"], f["resource"]["native_id"], f["status"]) for f in doc["findings"])
    assert +Counter({r: n for r, n in rows.items() if r[2] != "PASS"}) == Counter(
        (v.policy, v.urn, _status(v.message)) for v in violations)
    assert {r[2] for r in rows} == {"PASS", "FAIL"}
    assert max(rows.values()) > 1  # the firewall with several openings
    assert (doc["provider"], doc["account"], doc["run"]["scope"]) == ("gcp", "phi-prod", ["hitrust/test"])
