"""Every registered report format on one run that has everything: validated against the format's own schema
(the shipped JSON report schema, the OASIS SARIF 2.1.0 schema, the Ant JUnit XSD, the OCSF 1.1.0 Compliance
Finding class, botocore's Security Hub BatchImportFindings input shape) and checked finding by finding.
Then determinism: the same run, however its findings arrive, gives the same bytes in every format."""

from __future__ import annotations

import csv
import io
import json
import random
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from hitrust_policies.findings import Status
from hitrust_policies.outputs import asff, json_report, ocsf, sarif
from hitrust_policies.outputs.formats import FORMATS
from hitrust_policies.outputs.run import ReportRun
from hitrust_policies.sources.live.aws.scan import Coverage
from tests.outputs.sample_run import ACCEPTED, GENERATED_AT, TERRAFORM, findings, sample_run, scan

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
CORE = {"table", "json", "sarif", "junit", "csv", "ocsf", "asff", "markdown"}


def written(name: str, run: ReportRun | None = None) -> str:
    out = io.StringIO()
    FORMATS[name].write(out, run or sample_run())
    return out.getvalue()


def test_the_registry() -> None:
    assert CORE <= set(FORMATS)
    assert {n: f.file_name for n, f in FORMATS.items() if n in CORE} == {
        "table": "hitrust-report.txt", "json": "hitrust-report.json", "sarif": "hitrust-report.sarif",
        "junit": "hitrust-report.junit.xml", "csv": "hitrust-report.csv", "ocsf": "hitrust-report.ocsf.jsonl",
        "asff": "hitrust-report.asff.json", "markdown": "hitrust-report.md"}
    assert all(f.description and f.name == n for n, f in FORMATS.items())


# ---------------------------------------------------------------- JSON


def test_json_validates_against_the_shipped_schema() -> None:
    from jsonschema import Draft202012Validator

    schema = json_report.schema()
    Draft202012Validator.check_schema(schema)
    for run in (sample_run(), sample_run(changes=False, suppressions=False), sample_run([])):
        Draft202012Validator(schema).validate(json.loads(written("json", run)))


def test_json_report_content() -> None:
    doc = json.loads(written("json"))
    assert doc["schema_version"] == json_report.SCHEMA_VERSION == "1.0"
    assert doc["run"] == {"tool_version": "0.1.0", "generated_at": GENERATED_AT, "command": "scan aws",
                          "principal": "arn:aws:iam::111122223333:role/scanner", "scope": ["111122223333"],
                          "filters": {"domains": ["encryption"]}}
    got = [(f["rule_id"], f["resource"]["name"], f["status"], f["suppressed"], f["change"]) for f in doc["findings"]]
    assert got == [
        ("enc-block-volume-encrypted", "scratch", "FAIL", True, "new"),
        ("enc-object-store-default-encryption", "phi-imaging", "FAIL", False, "new"),
        ("enc-object-store-default-encryption", "phi-records", "FAIL", False, "persisting"),
        ("enc-block-volume-encrypted", "data", "UNKNOWN", False, "new"),
        ("enc-object-store-default-encryption", "uploads", "UNKNOWN", False, "new"),
        ("net-database-not-public", "db ünïcode", "PASS", False, None),
        ("enc-object-store-default-encryption", "stclinical", "PASS", False, None)]
    # the suppressed FAIL is not failing; the lapsed one is, and is counted as such
    assert doc["summary"] == {"total": 7, "by_status": {"PASS": 2, "FAIL": 3, "UNKNOWN": 2},
                              "failing_by_severity": {"critical": 0, "high": 2, "medium": 0, "low": 0},
                              "suppressed": 1, "expired_suppressions": 1}
    assert doc["findings"][0]["suppression"] == {
        "rule": "enc-block-volume-encrypted", "resource": "name:scratch", "reason": "scratch disk, no PHI <ever>",
        "owner": "sec@example.com", "ticket": "SEC-1", "expires": "2099-12-31", "expired": False,
        "source": "suppressions.yaml: suppressions[0]"}
    assert [(s["rule"], s["matched"]) for s in doc["suppressions"]] == [
        ("enc-block-volume-encrypted", 1), ("enc-object-store-default-encryption", 1), ("net-*", 0)]
    assert doc["since_baseline"]["resolved"] == [
        {"id": "gone", "rule_id": "x", "resource": "old", "previous_status": "FAIL"}]
    assert doc["findings"][1]["message"] == "bucket \"phi\" & <co> \x07 encrypted: no"


def test_json_fast_lines_equal_the_reference_rows() -> None:
    run = sample_run()
    lines = json_report._Lines(run.changes)
    for f in run.findings:
        assert lines(f) == json.dumps(json_report.finding_row(f, run.changes), sort_keys=True)


def test_a_json_report_is_a_baseline() -> None:
    from hitrust_policies.outputs.baseline import compare

    doc = json.loads(written("json"))
    again = compare(doc["findings"], findings())
    assert again.new == frozenset() and len(again.persisting) == 5


# ---------------------------------------------------------------- SARIF


def sarif_doc(run: ReportRun | None = None) -> dict[str, Any]:
    return json.loads(written("sarif", run))


@pytest.mark.parametrize("variant", ["full", "plain", "empty", "one-plan"])
def test_sarif_validates_against_the_oasis_schema(variant: str) -> None:
    from jsonschema import Draft4Validator

    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text())
    run = {"full": lambda: sample_run(), "plain": lambda: sample_run(changes=False, suppressions=False),
           "empty": lambda: sample_run([]),
           "one-plan": lambda: sample_run(scan_result=scan([Coverage("terraform-plan", "plans/prod.json", "ok", 1)]))
           }[variant]()
    Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER).validate(sarif_doc(run))


def test_sarif_results_rules_and_suppressions() -> None:
    doc = sarif_doc()
    (sarif_run,) = doc["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["enc-block-volume-encrypted", "enc-object-store-default-encryption",
                                        "net-database-not-public"]
    got = [(r["ruleId"], rules[r["ruleIndex"]]["id"], r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
            r["kind"], r["level"], "physicalLocation" in r["locations"][0],
            [s["status"] for s in r.get("suppressions", [])]) for r in sarif_run["results"]]
    assert got == [
        ("enc-block-volume-encrypted", "enc-block-volume-encrypted",
         "arn:aws:ec2:eu-west-1:111122223333:volume/vol-0abc", "fail", "error", False, ["accepted"]),
        ("enc-object-store-default-encryption", "enc-object-store-default-encryption",
         "//storage.googleapis.com/projects/_/buckets/phi-imaging", "fail", "error", False, ["rejected"]),
        ("enc-object-store-default-encryption", "enc-object-store-default-encryption", "arn:aws:s3:::phi-records",
         "fail", "error", False, []),
        ("enc-block-volume-encrypted", "enc-block-volume-encrypted", "aws_ebs_volume.data", "open", "none", False, []),
        ("enc-object-store-default-encryption", "enc-object-store-default-encryption",
         "urn:pulumi:prod::phi::aws:s3/bucket:Bucket::uploads", "open", "none", False, []),
        ("net-database-not-public", "net-database-not-public", "manual:db ünïcode", "pass", "none", False, []),
        ("enc-object-store-default-encryption", "enc-object-store-default-encryption",
         "/subscriptions/00000000-1111-2222-3333-444455556666/resourceGroups/rg/providers/"
         "Microsoft.Storage/storageAccounts/stclinical", "pass", "none", False, [])]
    accepted = sarif_run["results"][0]["suppressions"][0]
    assert (accepted["kind"], accepted["justification"], accepted["properties"]["owner"],
            accepted["properties"]["expires"]) == ("external", ACCEPTED.reason, "sec@example.com", "2099-12-31")
    assert sarif_run["results"][1]["suppressions"][0]["justification"] == "expired 2020-01-31: migration window"
    assert sarif_run["results"][3]["message"]["text"] == (
        "data: Could not be evaluated: encrypted is unknown until apply")
    volume = rules[0]
    assert volume["properties"]["csf"] == ["06.c", "06.d", "10.f"]
    assert volume["properties"]["hipaa"] == ["164.312(a)(2)(iv)"]
    assert "SC-28" in volume["properties"]["nist"] and "HITRUST-CSF-06.c" in volume["properties"]["tags"]
    assert "HITRUST CSF: 06.c " in volume["help"]["text"] and "HIPAA: 164.312(a)(2)(iv) " in volume["help"]["text"]
    assert [(r["rule"], r["matched"]) for r in sarif_run["properties"]["suppressions"]] == [
        ("enc-block-volume-encrypted", 1), ("enc-object-store-default-encryption", 1), ("net-*", 0)]
    assert sarif_run["invocations"][0]["toolExecutionNotifications"] == [{"level": "warning", "message": {
        "text": "ec2-volumes in eu-west-1 (111122223333): partial: AccessDenied: kms:DescribeKey"}}]


def test_sarif_physical_location_only_for_one_known_plan_file() -> None:
    one = sarif_doc(sample_run(scan_result=scan([Coverage("terraform-plan", "plans/prod.json", "ok", 1)])))
    located = {r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]:
               r["locations"][0].get("physicalLocation") for r in one["runs"][0]["results"]}
    assert located[TERRAFORM.native_id] == {"artifactLocation": {"uri": "plans/prod.json"}}
    assert [k for k, v in located.items() if v] == [TERRAFORM.native_id]
    two = sarif_doc(sample_run(scan_result=scan([Coverage("terraform-plan", "a.json", "ok", 1),
                                                 Coverage("terraform-plan", "b.json", "ok", 1)])))
    assert not any("physicalLocation" in r["locations"][0] for r in two["runs"][0]["results"])


@pytest.mark.parametrize("plan_file", [None, "plans/prod.json"])
def test_sarif_fast_lines_equal_the_reference_results(plan_file: str | None) -> None:
    run = sample_run()
    index = {rule_id: i for i, rule_id in enumerate(sorted({f.rule_id for f in run.findings}))}
    lines = sarif._Lines(index, plan_file)
    for f in run.findings:
        assert lines(f) == json.dumps(sarif.result(f, index[f.rule_id], plan_file), sort_keys=True)


# ---------------------------------------------------------------- JUnit


def test_junit_validates_against_the_ant_junit_xsd() -> None:
    import xmlschema

    schema = xmlschema.XMLSchema(str(SCHEMAS / "JUnit.xsd"))
    for run in (sample_run(), sample_run([])):
        schema.validate(written("junit", run))


def test_junit_suites_and_cases() -> None:
    root = ET.fromstring(written("junit"))
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert {n: (s.get("tests"), s.get("failures"), s.get("errors"), s.get("skipped")) for n, s in suites.items()} == {
        "enc-block-volume-encrypted": ("2", "0", "1", "1"),
        "enc-object-store-default-encryption": ("4", "2", "1", "0"),
        "net-database-not-public": ("1", "0", "0", "0")}
    cases = [(s.get("name"), c.get("name"), [(e.tag, e.get("message")) for e in c])
             for s in root.findall("testsuite") for c in s.findall("testcase")]
    assert cases == [
        ("enc-block-volume-encrypted", "scratch (arn:aws:ec2:eu-west-1:111122223333:volume/vol-0abc)",
         [("skipped", "suppressed: scratch disk, no PHI <ever> (owner sec@example.com, ticket SEC-1, "
                      "until 2099-12-31)")]),
        ("enc-block-volume-encrypted", "data (aws_ebs_volume.data)",
         [("error", "encrypted is unknown until apply")]),
        ("enc-object-store-default-encryption", "phi-imaging (//storage.googleapis.com/projects/_/buckets/phi-imaging)",
         [("failure", "bucket \"phi\" & <co>  encrypted: no [suppression expired 2020-01-31: migration window]")]),
        ("enc-object-store-default-encryption", "phi-records (arn:aws:s3:::phi-records)",
         [("failure", "bucket has no default encryption")]),
        ("enc-object-store-default-encryption", "uploads (urn:pulumi:prod::phi::aws:s3/bucket:Bucket::uploads)",
         [("error", "preview: encryption is not known yet")]),
        ("enc-object-store-default-encryption", "stclinical (/subscriptions/00000000-1111-2222-3333-444455556666/"
         "resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stclinical)", []),
        ("net-database-not-public", "db ünïcode (manual:db ünïcode)", [])]
    props = {p.get("name"): p.get("value") for p in suites["enc-block-volume-encrypted"].find("properties")}
    assert (props["hitrust_csf"], props["hipaa"], props["severity"]) == ("06.c, 06.d, 10.f", "164.312(a)(2)(iv)",
                                                                          "high")


# ---------------------------------------------------------------- CSV


def test_csv_rows() -> None:
    from hitrust_policies.outputs.csv_report import COLUMNS

    text = written("csv")
    assert text.startswith(",".join(COLUMNS) + "\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [(r["rule_id"], r["resource_id"], r["status"], r["suppressed"], r["suppression_expired"], r["change"])
            for r in rows] == [
        ("enc-block-volume-encrypted", "arn:aws:ec2:eu-west-1:111122223333:volume/vol-0abc", "FAIL", "true", "false",
         "new"),
        ("enc-object-store-default-encryption", "//storage.googleapis.com/projects/_/buckets/phi-imaging", "FAIL",
         "false", "true", "new"),
        ("enc-object-store-default-encryption", "arn:aws:s3:::phi-records", "FAIL", "false", "", "persisting"),
        ("enc-block-volume-encrypted", "aws_ebs_volume.data", "UNKNOWN", "false", "", "new"),
        ("enc-object-store-default-encryption", "urn:pulumi:prod::phi::aws:s3/bucket:Bucket::uploads", "UNKNOWN",
         "false", "", "new"),
        ("net-database-not-public", "manual:db ünïcode", "PASS", "false", "", ""),
        ("enc-object-store-default-encryption", "/subscriptions/00000000-1111-2222-3333-444455556666/resourceGroups/"
         "rg/providers/Microsoft.Storage/storageAccounts/stclinical", "PASS", "false", "", "")]
    assert (rows[0]["hitrust_csf"], rows[0]["hipaa"], rows[0]["suppression_owner"]) == (
        "06.c;06.d;10.f", "164.312(a)(2)(iv)", "sec@example.com")
    assert rows[1]["message"] == "bucket \"phi\" & <co> \x07 encrypted: no"


# ---------------------------------------------------------------- OCSF


OCSF = SCHEMAS / "ocsf-1.1.0"


def _ocsf_attributes(path: str, profiles: tuple[str, ...] = ()) -> dict[str, str]:
    """Attribute -> requirement of an OCSF class or object, through ``extends``, ``$include`` and profiles."""
    spec = json.loads((OCSF / path).read_text())
    attrs: dict[str, str] = {}
    parent = spec.get("extends")
    if parent and parent not in ("object", "_entity"):
        folder = "events" if path.startswith("events/") else "objects"
        parent_path = {"finding": "events/findings/finding.json", "base_event": "events/base_event.json"}.get(
            parent, f"{folder}/{parent}.json")
        attrs.update(_ocsf_attributes(parent_path, profiles))
    for include in spec.get("attributes", {}).get("$include", []):
        if include.startswith("profiles/") and Path(include).stem not in profiles:
            continue  # a profile's attributes apply only to events that declare it
        meta = json.loads((OCSF / include).read_text())
        attrs.update({k: v.get("requirement", "optional") for k, v in meta["attributes"].items()})
    for name, value in spec.get("attributes", {}).items():
        if name != "$include" and isinstance(value, dict):
            attrs[name] = value.get("requirement", attrs.get(name, "optional"))
    return attrs


OCSF_OBJECTS = {"metadata": "objects/metadata.json", "finding_info": "objects/finding_info.json",
                "compliance": "objects/compliance.json", "remediation": "objects/remediation.json",
                "cloud": "objects/cloud.json"}


def _ocsf_required(path: str, profiles: tuple[str, ...] = ()) -> set[str]:
    return {k for k, v in _ocsf_attributes(path, profiles).items() if v == "required"}


def test_the_ocsf_class_definition_is_read_whole() -> None:
    assert _ocsf_required("events/findings/compliance_finding.json", ("cloud",)) == {
        "activity_id", "category_uid", "class_uid", "type_uid", "time", "severity_id", "metadata", "finding_info",
        "compliance", "cloud"}
    assert _ocsf_required("objects/compliance.json") == {"standards"}


def test_ocsf_events_carry_every_required_attribute_of_the_compliance_finding_class() -> None:
    cls = json.loads((OCSF / "events/findings/compliance_finding.json").read_text())
    category_uid = 2  # the findings category (categories.json)
    lines = written("ocsf").splitlines()
    assert len(lines) == 7
    for line in lines:
        e = json.loads(line)
        assert _ocsf_required("events/findings/compliance_finding.json", ("cloud",)) <= set(e)
        for attribute, path in OCSF_OBJECTS.items():
            assert _ocsf_required(path) <= set(e[attribute]), attribute
        assert _ocsf_required("objects/product.json") <= set(e["metadata"]["product"])
        assert e["class_uid"] == category_uid * 1000 + cls["uid"] == 2003
        assert e["type_uid"] == e["class_uid"] * 100 + e["activity_id"]
        assert e["metadata"]["version"] == "1.1.0" and e["time"] == 1772600767000
        finding_status = _ocsf_attributes("events/findings/finding.json")
        assert finding_status["status_id"] == "recommended"
        assert str(e["status_id"]) in json.loads((OCSF / "events/findings/finding.json").read_text())[
            "attributes"]["status_id"]["enum"]
    got = [(json.loads(x)["compliance"]["control"], json.loads(x)["resources"][0]["name"],
            json.loads(x)["compliance"]["status"], json.loads(x)["status_id"]) for x in lines]
    assert got == [("enc-block-volume-encrypted", "scratch", "Fail", 3),
                   ("enc-object-store-default-encryption", "phi-imaging", "Fail", 1),
                   ("enc-object-store-default-encryption", "phi-records", "Fail", 1),
                   ("enc-block-volume-encrypted", "data", "Warning", 1),
                   ("enc-object-store-default-encryption", "uploads", "Warning", 1),
                   ("net-database-not-public", "db ünïcode", "Pass", 1),
                   ("enc-object-store-default-encryption", "stclinical", "Pass", 1)]
    assert json.loads(lines[0])["unmapped"]["suppression"]["ticket"] == "SEC-1"


def test_ocsf_fast_lines_equal_the_reference_events() -> None:
    lines = ocsf._Lines(1, "0.1.0")
    for f in sample_run().findings:
        assert lines(f) == json.dumps(ocsf.suppressed_event(f, time_ms=1, version="0.1.0"), sort_keys=True)


# ---------------------------------------------------------------- ASFF


def _asff_validate(batch: list[dict[str, Any]]) -> None:
    from botocore.session import get_session
    from botocore.validate import validate_parameters

    shape = get_session().get_service_model("securityhub").operation_model("BatchImportFindings").input_shape
    validate_parameters({"Findings": batch}, shape)  # raises ParamValidationError naming every problem


def test_asff_batches_validate_with_botocore() -> None:
    batches = json.loads(written("asff"))
    assert [len(b) for b in batches] == [7]
    for batch in batches:
        _asff_validate(batch)
    by_name = {a["ProductFields"]["hitrust/ResourceName"]: a for a in batches[0]}
    assert {n: (a["Compliance"]["Status"], a["Workflow"]["Status"]) for n, a in by_name.items()} == {
        "scratch": ("FAILED", "SUPPRESSED"), "phi-imaging": ("FAILED", "NEW"), "phi-records": ("FAILED", "NEW"),
        "data": ("NOT_AVAILABLE", "NEW"), "uploads": ("NOT_AVAILABLE", "NEW"), "db ünïcode": ("PASSED", "RESOLVED"),
        "stclinical": ("PASSED", "RESOLVED")}
    assert by_name["scratch"]["Note"] == {
        "Text": "Suppression until 2099-12-31: scratch disk, no PHI <ever>; owner sec@example.com; ticket SEC-1",
        "UpdatedBy": "sec@example.com", "UpdatedAt": "2026-03-04T05:06:07.000Z"}
    assert by_name["phi-imaging"]["Note"]["Text"] == (
        "Suppression LAPSED on 2020-01-31 (counts again): migration window; owner ops@example.com; ticket OPS-9")
    assert {a["CreatedAt"] for a in batches[0]} == {"2026-03-04T05:06:07.000Z"}


def test_asff_splits_into_batches_of_at_most_100() -> None:
    many = [f for _ in range(36) for f in findings()][:250]
    many = [f.__class__(*(getattr(f, s) for s in ("rule_id", "title", "domain", "severity", "status", "resource",
                                                   "message", "remediation", "references")), id=f"{i:04d}",
                        suppression=f.suppression) for i, f in enumerate(many)]
    text = written("asff", sample_run(many))
    batches = json.loads(text)
    assert [len(b) for b in batches] == [100, 100, 50]
    assert len(text.splitlines()) == 5  # "[", a batch per line, "]"
    for batch in batches:
        _asff_validate(batch)


def test_asff_fast_items_equal_the_reference_findings() -> None:
    items = asff._Items("2026-01-01T00:00:00.000Z")
    for f in sample_run().findings:
        assert items(f) == json.dumps(asff.suppressed_finding(f, now="2026-01-01T00:00:00.000Z"), sort_keys=True)


# ---------------------------------------------------------------- markdown and table


def test_markdown_lists_accepted_and_lapsed_risks() -> None:
    md = written("markdown")
    assert "| enc-block-volume-encrypted | scratch | FAIL | scratch disk, no PHI <ever> | sec@example.com | SEC-1 | " \
           "2099-12-31 |" in md
    assert "| enc-object-store-default-encryption | phi-imaging | FAIL | migration window | ops@example.com | " \
           "OPS-9 | **EXPIRED 2020-01-31** (counts again) |" in md
    assert "### Suppressions that matched nothing" in md
    assert ("| net-* | tag:env=lab | lab | lab@example.com | LAB-2 | 2099-01-01 | "
            "suppressions.yaml: suppressions[2] |") in md
    # a suppressed FAIL keeps its status in the table above but counts only as suppressed, not as failing
    assert ("| 06.c | Protection of Organizational Records | enc-block-volume-encrypted, "
            "enc-object-store-default-encryption | 1 pass / 2 fail / 2 unknown / 1 suppressed | "
            "phi-imaging (enc-object-store-default-encryption), "
            "phi-records (enc-object-store-default-encryption) |") in md


def test_a_large_table_is_streamed_plain() -> None:
    from hitrust_policies.outputs.report import LARGE_TABLE

    many = [f for _ in range(LARGE_TABLE // 5 + 1) for f in findings() if f.status is not Status.PASS]
    text = written("table", sample_run(many, changes=False))
    assert text.count("\n    ") == len(many) > LARGE_TABLE
    assert "UNKNOWN  high      enc-block-volume-encrypted  us-east-1  data  (aws_ebs_volume.data)\n" \
           "    encrypted is unknown until apply\n" in text
    assert "[suppressed]" in text and text.rstrip().endswith("3.5s")


# ---------------------------------------------------------------- determinism


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_same_run_same_bytes_whatever_the_finding_order(name: str) -> None:
    first = written(name)
    assert written(name) == first
    shuffled = findings()
    random.Random(7).shuffle(shuffled)
    assert written(name, sample_run(shuffled)) == first
    if name in CORE:  # the run's generated_at is the only time in the report
        assert GENERATED_AT[:10] not in first.replace(GENERATED_AT, "").replace("2026-03-04T05:06:07", "")
