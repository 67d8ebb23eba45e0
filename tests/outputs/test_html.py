"""The HTML assessor report as a person sees it: rendered by headless Chromium, read back as pixels and
laid-out DOM, every number checked against the findings it came from."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from hitrust_policies import BlockVolume, ResourceRef, Unknown, evaluate
from hitrust_policies.demo import run_demo
from hitrust_policies.findings import Finding, Status, Suppression
from hitrust_policies.outputs.baseline import compare
from hitrust_policies.outputs.html import COLORS, write_html
from hitrust_policies.outputs.run import ReportRun, RunMeta
from hitrust_policies.rules import get_rule
from hitrust_policies.sources.live.aws.scan import Coverage, ScanResult
from tests.outputs.chromium import probe, screenshot

ACTIVE = Suppression("net-ingress-rule-admin-ports", "name:bastion", "jump host behind VPN allow-list", "netops",
                     "SEC-101", "2099-12-31", False, "suppressions.yaml: suppressions[0]")
LAPSED = Suppression("net-database-not-public", "name:analytics-replica", "temporary vendor access", "data-team",
                     "SEC-77", "2024-01-31", True, "suppressions.yaml: suppressions[1]")


class SuppressionReport:
    """The suppression report's interface as `ReportRun` documents it: rows() of dicts."""

    def __init__(self, rows: list[dict]) -> None:
        self._rows = rows

    def rows(self) -> list[dict]:
        return self._rows


def _row(s: Suppression, matched: int) -> dict:
    return {"rule": s.rule, "resource": s.resource, "reason": s.reason, "owner": s.owner, "ticket": s.ticket,
            "expires": s.expires, "expired": s.expired, "matched": matched, "source": s.source}


def _annotate(findings: list[Finding]) -> list[Finding]:
    """What the suppression matcher does: attach the acceptance to the findings it covers."""
    out = []
    for f in findings:
        if f.rule_id == ACTIVE.rule and f.resource.name == "bastion":
            f = replace(f, suppression=ACTIVE)
        elif f.rule_id == LAPSED.rule and f.resource.name == "analytics-replica":
            f = replace(f, suppression=LAPSED)
        out.append(f)
    return out


def _bucket(f: Finding) -> str:
    if f.status is Status.PASS:
        return "pass"
    if f.suppression is not None and not f.suppression.expired:
        return "suppressed"
    return f.status.value.lower()


def _counts(findings: list[Finding]) -> list[str]:
    return [str(sum(_bucket(f) == b for f in findings)) for b in ("pass", "fail", "unknown", "suppressed")]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[ReportRun, Path, Path]:
    scan = run_demo()
    findings = _annotate(scan.findings())
    open_now = [f for f in findings if f.status is not Status.PASS]
    baseline = [{"id": open_now[0].id, "status": "FAIL", "rule_id": open_now[0].rule_id},
                {"id": "0000000000000000", "status": "FAIL", "rule_id": "iam-root-account-mfa",
                 "resource": {"name": "<retired> & gone"}}]
    suppressions = SuppressionReport([_row(ACTIVE, 1), _row(LAPSED, 1),
                                      _row(replace(ACTIVE, resource="name:old-bastion"), 0)])
    run = ReportRun.of(scan, findings, RunMeta("0.1.0", "2026-11-29T12:00:00+00:00", "demo",
                                               "arn:aws:iam::123456789012:user/assessor", ("123456789012",),
                                               {"min_severity": "low"}),
                       changes=compare(baseline, findings), suppressions=suppressions)
    tmp = tmp_path_factory.mktemp("html")
    page = tmp / "report.html"
    with page.open("w", encoding="utf-8") as fh:
        write_html(fh, run)
    return run, page, tmp


@pytest.fixture(scope="module")
def seen(demo) -> dict:
    _, page, tmp = demo
    return probe(page, tmp)


def test_screenshot_is_not_blank_and_shows_the_charts_colours(demo, seen) -> None:
    run, page, tmp = demo
    image = Image.open(screenshot(page, tmp)).convert("RGB")
    assert image.size == (1280, 2400)
    assert ImageStat.Stat(image.convert("L")).stddev[0] > 20, "the page rendered blank"
    donut = next(c for c in seen["charts"] if c["label"].startswith("Findings by status"))
    left, top, width, height = (round(v) for v in donut["box"])
    assert top + height < 2400, "the status donut is below the first screen"
    pixels = Counter(image.crop((left, top, left + width, top + height)).getdata())

    def near(hex_color: str) -> int:
        r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
        return sum(n for (pr, pg, pb), n in pixels.items() if abs(pr - r) + abs(pg - g) + abs(pb - b) < 30)

    total = len(run.findings)
    ring = 3.14159 * (84 ** 2 - 56 ** 2)  # the ring's area in pixels (r 70, stroke 28)
    for bucket in ("pass", "fail", "suppressed"):
        share = sum(_bucket(f) == bucket for f in run.findings) / total
        assert near(COLORS[bucket]) == pytest.approx(ring * share, rel=0.25, abs=40), bucket
    assert near(COLORS["unknown"]) == 0


def test_charts_are_laid_out_with_one_mark_per_non_empty_status(demo, seen) -> None:
    run, _, _ = demo
    labels = [c["label"] for c in seen["charts"]]
    p, f, u, s = _counts(run.findings)
    assert labels == [f"Findings by status: {p} pass / {f} fail / {u} unknown / {s} suppressed",
                      "Findings by domain", "Findings by severity", "Posture by HITRUST CSF category"]
    for chart in seen["charts"]:
        assert chart["box"][2] > 150 and chart["box"][3] > 60, chart["label"]
        assert chart["marks"] and all(w > 0 and h > 0 for _, (_, _, w, h) in chart["marks"]), chart["label"]
    domain = next(c for c in seen["charts"] if c["label"] == "Findings by domain")
    fail_widths = [w for cls, (_, _, w, _) in domain["marks"] if cls == "bar-fail"]
    per_domain = {d: sum(f.domain == d and _bucket(f) == "fail" for f in run.findings)
                  for d in ("encryption", "iam", "logging", "network")}
    largest = max(sum(f.domain == d for f in run.findings) for d in per_domain)
    assert fail_widths == pytest.approx([300 * n / largest for n in per_domain.values()], abs=0.5)


def test_visible_counts_equal_the_findings(demo, seen) -> None:
    run, _, _ = demo
    tiles = {k: v.split("\n") for k, v in seen["tiles"].items()}
    assert [tiles[f"tile-{b}"][0] for b in ("pass", "fail", "unknown", "suppressed")] == _counts(run.findings)
    assert _counts(run.findings)[3] == "1"  # the bastion's accepted risk; the lapsed one counts as fail
    changes = run.changes
    assert [tiles[f"trend-{k}"][0] for k in ("new", "persisting", "resolved")] == [
        str(len(changes.new)), "1", "1"]


def _expected_rows(findings: list[Finding], attr: str, key) -> list[list[str]]:
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        for k in sorted({key(c) for c in getattr(f.references, attr)}):
            groups.setdefault(k, []).append(f)
    return [[cid, name, ", ".join(sorted({f.rule_id for f in items})), *_counts(items)]
            for (cid, name), items in sorted(groups.items())]


def test_posture_tables_per_csf_category_control_and_hipaa_citation(demo, seen) -> None:
    run, _, _ = demo
    from hitrust_policies.mappings import default_mappings

    catalog = default_mappings().catalogs["csf"]
    names = {cid[:2]: entry["category"].split(" ", 1)[1] for cid, entry in catalog.items()}
    tables = seen["tables"]
    assert tables["csf-categories"]["rows"] == _expected_rows(run.findings, "csf",
                                                              lambda c: (c.id[:2], names[c.id[:2]]))
    assert tables["csf-categories"]["rows"][0][:2] == ["01", "Access Control"]
    assert tables["csf-controls"]["rows"] == _expected_rows(run.findings, "csf", lambda c: (c.id, c.name))
    assert tables["hipaa-citations"]["rows"] == _expected_rows(run.findings, "hipaa", lambda c: (c.id, c.name))


def test_findings_fail_and_unknown_first_passing_collapsed_but_all_present(demo, seen) -> None:
    run, _, _ = demo
    open_findings = [f for f in run.findings if f.status is not Status.PASS]
    passing = len(run.findings) - len(open_findings)
    shown = seen["tables"]["open-table"]["rows"]
    assert [(r[0], r[2], r[3].split("\n")[0]) for r in shown] == [
        (f.status.value, f.rule_id, f.resource.name) for f in open_findings]
    assert seen["tables"]["pass-table"] == {"rows": [], "dom_rows": passing}
    assert f"Passing ({passing}), collapsed" in seen["text"]
    bastion = next(r for r in shown if r[2] == ACTIVE.rule and r[3].startswith("bastion"))
    assert bastion[0] == "FAIL" and bastion[4].split("\n")[1] in ("us-east-1", "eu-west-1")
    assert "SUPPRESSED jump host behind VPN allow-list (owner netops, ticket SEC-101, expires 2099-12-31)" in bastion[7]
    lapsed = next(r for r in shown if r[2] == LAPSED.rule and r[3].startswith("analytics-replica"))
    assert lapsed[7].startswith("SUPPRESSION EXPIRED temporary vendor access")
    assert "HIPAA" in bastion[6] and "HITRUST CSF" in bastion[6]


def test_suppressions_coverage_trend_and_header(demo, seen) -> None:
    run, _, _ = demo
    tables = seen["tables"]
    assert [r[:8] for r in tables["suppressions-table"]["rows"]] == [
        [ACTIVE.rule, "name:bastion", ACTIVE.reason, "netops", "SEC-101", "2099-12-31", "active", "1"],
        [LAPSED.rule, "name:analytics-replica", LAPSED.reason, "data-team", "SEC-77", "2024-01-31", "EXPIRED", "1"],
        [ACTIVE.rule, "name:old-bastion", ACTIVE.reason, "netops", "SEC-101", "2099-12-31", "active", "0"]]
    assert "EXPIRED: 1 acceptance(s) lapsed" in seen["text"]
    assert "Matched nothing (stale or mistyped): net-ingress-rule-admin-ports on name:old-bastion" in seen["text"]
    assert tables["resolved-table"]["rows"] == [["iam-root-account-mfa", "<retired> & gone", "FAIL",
                                                 "0000000000000000"]]
    meta = dict(tables["meta"]["rows"])
    assert meta["principal"] == "arn:aws:iam::123456789012:user/assessor"
    assert meta["filters"] == "min_severity=low" and meta["generated at"] == "2026-11-29T12:00:00+00:00"
    facts = dict(tables["coverage-facts"]["rows"])
    assert facts["regions read"] == "eu-west-1, us-east-1"
    assert facts["coverage rows"] == f"{len(run.scan.coverage)} (0 not ok)"
    assert tables["coverage-table"]["dom_rows"] == len(run.scan.coverage)


def test_nothing_is_fetched(demo) -> None:
    _, page, _ = demo
    text = page.read_text(encoding="utf-8")
    head = text[: text.index("<body>")]
    assert "Content-Security-Policy\" content=\"default-src 'none'" in head
    assert not re.search(r"<(script|link|img|iframe|object|embed|video|audio|source)\b", text, re.I)
    assert not re.search(r"url\(|@import", text, re.I)
    assert not re.search(r"\bsrc\s*=", text, re.I)
    hrefs = re.findall(r'href="([^"]*)"', text)
    assert hrefs and all(h.startswith("#") for h in hrefs)


def test_resource_names_are_shown_as_text_never_run(tmp_path) -> None:
    hostile = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"
    ref = ResourceRef("aws", "AWS::EC2::Volume", "arn:aws:ec2:us-east-1:1:volume/\"><b>x", hostile,
                      "111122223333", "us-east-1", "live")
    resources = [BlockVolume(ref, Unknown("AccessDenied: <i>kms</i>"), None, False),
                 BlockVolume(replace(ref, name="plain & simple", native_id="vol-2"), False, None, False)]
    scan = ScanResult("aws", "111122223333", ["us-east-1"], resources, [],
                      [Coverage("ec2-volumes", "us-east-1", "partial", 2, ("AccessDenied: <i>kms</i>",),
                                "111122223333")])
    findings = evaluate(resources, [get_rule("enc-block-volume-encrypted")])
    run = ReportRun.of(scan, findings, RunMeta("0.1.0", "2026-11-29T12:00:00+00:00", principal="</td><script>"))
    buffer = io.StringIO()
    write_html(buffer, run)
    page = tmp_path / "hostile.html"
    page.write_text(buffer.getvalue(), encoding="utf-8")
    seen = probe(page, tmp_path)
    assert seen["title"] == "HITRUST assessor report: aws 111122223333"
    assert seen["scripts"] == 1 and seen["images"] == 0  # the probe's own script only
    rows = seen["tables"]["open-table"]["rows"]
    assert [(r[0], r[3].split("\n")[0]) for r in rows] == [("FAIL", "plain & simple"), ("UNKNOWN", hostile)]
    assert rows[1][5] == "AccessDenied: <i>kms</i>"
    assert seen["tiles"]["tile-unknown"] == "1\nunknown"
    assert dict(seen["tables"]["meta"]["rows"])["principal"] == "</td><script>"
    assert "The scan did not read everything" in seen["text"]
    assert seen["tables"]["unread-table"]["rows"] == [["111122223333", "ec2-volumes", "us-east-1", "partial", "2",
                                                      "AccessDenied: <i>kms</i>"]]
