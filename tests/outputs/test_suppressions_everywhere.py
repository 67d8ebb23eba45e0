"""Suppressions read the same in every format: the finding under a current suppression (scratch) is marked
suppressed and left out of failing counts everywhere; the one whose suppression lapsed (phi-imaging) counts
again and says so; UNKNOWN stays "information missing", never a pass."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from hitrust_policies.findings import Status
from hitrust_policies.outputs.formats import FORMATS
from tests.outputs.sample_run import sample_run

OCSF = Path(__file__).resolve().parents[1] / "schemas" / "ocsf-1.1.0"
SCRATCH, LAPSED = "889cb4816846ff69", "dc9977dd4e6318aa"  # finding ids of the covered and the lapsed findings


def written(fmt: str) -> str:
    out = io.StringIO()
    FORMATS[fmt].write(out, sample_run())
    return out.getvalue()


def test_the_sample_ids_are_the_covered_findings() -> None:
    by_id = {f.id: f for f in sample_run().findings}
    assert (by_id[SCRATCH].resource.name, by_id[SCRATCH].suppressed) == ("scratch", True)
    assert (by_id[LAPSED].resource.name, by_id[LAPSED].suppressed, by_id[LAPSED].suppression.expired) == (
        "phi-imaging", False, True)


def test_every_format_marks_the_same_finding_suppressed() -> None:
    doc = json.loads(written("json"))
    assert {f["id"] for f in doc["findings"] if f["suppressed"]} == {SCRATCH}
    sarif = json.loads(written("sarif"))["runs"][0]["results"]
    assert {r["partialFingerprints"]["hitrustFindingId/v1"]: [s["status"] for s in r["suppressions"]]
            for r in sarif if "suppressions" in r} == {SCRATCH: ["accepted"], LAPSED: ["rejected"]}
    rows = list(csv.DictReader(io.StringIO(written("csv"), newline="")))
    assert {r["id"]: (r["suppressed"], r["suppression_expired"], r["suppression_reason"], r["suppression_owner"],
                      r["suppression_ticket"], r["suppression_expires"]) for r in rows if r["suppression_ticket"]} == {
        SCRATCH: ("true", "false", "scratch disk, no PHI <ever>", "sec@example.com", "SEC-1", "2099-12-31"),
        LAPSED: ("false", "true", "migration window", "ops@example.com", "OPS-9", "2020-01-31")}
    events = [json.loads(line) for line in written("ocsf").splitlines()]
    assert {e["finding_info"]["uid"]: (e["status_id"], e.get("status")) for e in events if "unmapped" in e} == {
        SCRATCH: (3, "Suppressed"), LAPSED: (1, None)}
    asff = [a for batch in json.loads(written("asff")) for a in batch]
    assert {a["Id"]: a["Workflow"]["Status"] for a in asff if "Note" in a} == {
        f"hitrust-policies/{SCRATCH}": "SUPPRESSED", f"hitrust-policies/{LAPSED}": "NEW"}
    junit = ET.fromstring(written("junit"))
    assert [c.get("name") for c in junit.iter("testcase") if c.find("skipped") is not None] == [
        "scratch (arn:aws:ec2:eu-west-1:111122223333:volume/vol-0abc)"]


def test_ocsf_statuses_are_the_1_1_definitions() -> None:
    compliance = json.loads((OCSF / "objects" / "compliance.json").read_text())["attributes"]["status_id"]["enum"]
    finding = json.loads((OCSF / "events" / "findings" / "finding.json").read_text())["attributes"]["status_id"]["enum"]
    statuses = {f.id: f.status for f in sample_run().findings}
    for line in written("ocsf").splitlines():
        e = json.loads(line)
        c = e["compliance"]
        assert compliance[str(c["status_id"])]["caption"] == c["status"]
        assert str(e["status_id"]) in finding
        if e.get("status"):
            assert finding[str(e["status_id"])]["caption"] == e["status"]
        if statuses[e["finding_info"]["uid"]] is Status.UNKNOWN:
            assert (c["status_id"], c["status"]) == (2, "Warning")
            assert c["status_detail"].startswith("Not evaluated: information missing")
    assert compliance["2"]["description"] == "The compliance check did not yield a result due to missing information."


def test_markdown_counts_and_calls_out_lapsed_and_unmatched() -> None:
    md = written("markdown")
    assert "- Findings: 2 pass / 2 fail / 2 unknown / 1 suppressed\n" in md
    assert ("- Suppressions: 1 finding(s) suppressed (not counted as failing), 1 with an EXPIRED suppression "
            "(counted again), 1 suppression(s) matched nothing; see Suppressions below\n") in md
    assert ("**Expired suppressions** (their findings count as failing again; renew or remove them): "
            "suppressions.yaml: suppressions[1] (expired 2020-01-31)\n") in md
    section = md[md.index("## Suppressions\n"):md.index("## Where the HITRUST CSF ids come from")]
    assert section.count("\n| enc-") == 2 and section.count("\n| net-* |") == 1


def test_markdown_without_suppressions_has_no_section() -> None:
    out = io.StringIO()
    FORMATS["markdown"].write(out, sample_run([f for f in sample_run().findings if f.suppression is None],
                                             suppressions=False))
    assert "Suppressions" not in out.getvalue() and "suppressed" not in out.getvalue()
