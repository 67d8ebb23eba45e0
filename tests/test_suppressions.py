"""The suppressions file: validation messages, matching, expiry at the day boundary, the report rows."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import yaml
from freezegun import freeze_time

from hitrust_policies.findings import Finding, Status
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.suppressions import (
    FIELDS,
    REQUIRED,
    SuppressionError,
    apply,
    load,
    parse,
    schema,
)

GOOD = {"rule": "enc-object-store-kms", "resource": "arn:aws:s3:::legacy-*", "reason": "SSE-S3 accepted",
        "owner": "platform@example.com", "ticket": "SEC-1", "expires": "2026-06-30"}
NO_RESOURCE = {k: v for k, v in GOOD.items() if k != "resource"}


def _ref(name: str, *, account: str = "123456789012", region: str | None = "us-east-1") -> ResourceRef:
    return ResourceRef("aws", "AWS::S3::Bucket", f"arn:aws:s3:::{name}", name, account=account, region=region,
                       source="live")


def _finding(rule: str, name: str, status: Status = Status.FAIL, **kw: str | None) -> Finding:
    return Finding(rule, "t", "encryption", "medium", status, _ref(name, **kw), "why", "fix")


def _write(tmp_path: Path, entries: list[dict]) -> Path:
    path = tmp_path / "suppressions.yaml"
    path.write_text(yaml.safe_dump({"suppressions": entries}, sort_keys=False))
    return path


def _error(tmp_path: Path, entries: list[dict]) -> str:
    path = _write(tmp_path, entries)
    with pytest.raises(SuppressionError) as err:
        load(path)
    return str(err.value).replace(str(path), "suppressions.yaml")


@pytest.mark.parametrize(("change", "message"), [
    ({"expires": "soon"}, 'suppressions.yaml: suppressions[2].expires: expected YYYY-MM-DD, got "soon"'),
    ({"expires": "2026-02-30"}, 'suppressions.yaml: suppressions[2].expires: expected YYYY-MM-DD, got "2026-02-30"'),
    ({"owner": None}, "suppressions.yaml: suppressions[2].owner: required"),
    ({"reason": "  "}, 'suppressions.yaml: suppressions[2].reason: expected non-empty text, got "  "'),
    ({"ticket": None}, "suppressions.yaml: suppressions[2].ticket: required"),
    ({"rule": "no-such-rule"},
     'suppressions.yaml: suppressions[2].rule: "no-such-rule" matches no rule id (`hitrust rules` lists them)'),
    ({"rule": "zzz-*"}, 'suppressions.yaml: suppressions[2].rule: "zzz-*" matches no rule id (`hitrust rules` '
                        "lists them)"),
    ({"justification": "x"}, "suppressions.yaml: suppressions[2].justification: unknown field (fields: "
                             "rule, reason, owner, ticket, expires, resource, name, tags, account, region)"),
    ({"resource": None}, "suppressions.yaml: suppressions[2]: needs a resource selector (resource, name, tags, "
                         "account, region); to skip a rule everywhere use --exclude-rule / the rule selection "
                         "instead"),
    ({"tags": {"env": 3}}, "suppressions.yaml: suppressions[2].tags.env: expected text (quote numbers), got 3"),
])
def test_each_invalid_entry_names_file_index_and_field(tmp_path: Path, change: dict, message: str) -> None:
    bad = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    assert _error(tmp_path, [GOOD, GOOD, bad]) == message


def test_top_level_shape_errors(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("- rule: x\n")
    with pytest.raises(SuppressionError, match=r"s.yaml: expected a top-level `suppressions:` list"):
        load(path)
    path.write_text("suppressions: {rule: x}\n")
    with pytest.raises(SuppressionError, match=r"s.yaml: suppressions: expected a list of suppressions"):
        load(path)
    path.write_text("suppressions: []\nexceptions: []\n")
    with pytest.raises(SuppressionError, match=r"s.yaml: exceptions: unknown top-level key"):
        load(path)


def test_unquoted_yaml_date_and_numeric_ticket_are_read(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("suppressions:\n- rule: enc-*\n  name: legacy\n  reason: r\n  owner: o\n  ticket: 1234\n"
                    "  expires: 2026-06-30\n  account: 123456789012\n")
    [entry] = load(path)
    assert (entry.rule, entry.ticket, entry.expires, entry.account, entry.source) == (
        "enc-*", "1234", date(2026, 6, 30), "123456789012", f"{path}: suppressions[0]")


def test_expiry_is_inclusive_of_the_day_in_utc() -> None:
    entries = parse({"suppressions": [GOOD]}, "s.yaml")
    f = _finding("enc-object-store-kms", "legacy-export")
    [on_day], _ = apply([f], entries, date(2026, 6, 30))
    [after], report = apply([f], entries, date(2026, 7, 1))
    assert (on_day.suppressed, on_day.suppression.expired) == (True, False)
    assert (after.suppressed, after.suppression.expired, after.status) == (False, True, Status.FAIL)
    assert report.expired()[0]["source"] == "s.yaml: suppressions[0]"
    with freeze_time("2026-06-30T23:59:59+00:00"):
        assert apply([f], entries)[0][0].suppressed
    with freeze_time("2026-07-01T00:00:00+00:00"):
        assert apply([f], entries)[0][0].suppression.expired


def test_selectors_all_must_match_and_only_fail_or_unknown_is_covered() -> None:
    entries = parse({"suppressions": [
        {**GOOD, "account": "1234*", "region": "us-*"},
        {**GOOD, "rule": "net-*", "resource": "*", "name": "public-*", "region": "eu-west-1"},
        {**NO_RESOURCE, "rule": "log-*", "tags": {"env": "dev*"}},
        {**GOOD, "rule": "enc-object-store-tls-only", "name": "gone"},
    ]}, "s.yaml")
    findings = [
        _finding("enc-object-store-kms", "legacy-a"),                                  # entry 0
        _finding("enc-object-store-kms", "legacy-b", account="999999999999"),          # wrong account
        _finding("enc-object-store-kms", "legacy-c", region="eu-west-1"),              # wrong region
        _finding("enc-object-store-kms", "legacy-d", status=Status.UNKNOWN),            # entry 0
        _finding("enc-object-store-kms", "legacy-e", status=Status.PASS),               # passes: not covered
        _finding("net-object-store-public-access-blocked", "public-site", region="eu-west-1"),  # entry 1
        _finding("net-object-store-public-access-blocked", "public-site-us"),           # wrong region
        _finding("log-object-store-access-logging", "legacy-f"),                         # tags unknown to scans
    ]
    out, report = apply(findings, entries, date(2026, 1, 1))
    assert [(f.resource.name, f.status.value, f.suppressed, f.suppression.source if f.suppression else None)
            for f in out] == [
        ("legacy-a", "FAIL", True, "s.yaml: suppressions[0]"),
        ("legacy-b", "FAIL", False, None),
        ("legacy-c", "FAIL", False, None),
        ("legacy-d", "UNKNOWN", True, "s.yaml: suppressions[0]"),
        ("legacy-e", "PASS", False, None),
        ("public-site", "FAIL", True, "s.yaml: suppressions[1]"),
        ("public-site-us", "FAIL", False, None),
        ("legacy-f", "FAIL", False, None),
    ]
    assert [(r["source"], r["matched"], r["expired"]) for r in report.rows()] == [
        ("s.yaml: suppressions[0]", 2, False), ("s.yaml: suppressions[1]", 1, False),
        ("s.yaml: suppressions[2]", 0, False), ("s.yaml: suppressions[3]", 0, False)]
    assert [r["source"] for r in report.unmatched()] == ["s.yaml: suppressions[2]", "s.yaml: suppressions[3]"]
    assert report.warnings()[0] == ("suppression s.yaml: suppressions[2] (log-* on tags={env: dev*}) matched "
                                    "nothing (tags are only known to Pulumi packs): remove it if the risk is gone")
    tagged, _ = apply(findings[-1:], entries, date(2026, 1, 1), tags_of=lambda f: {"env": "dev-1"})
    assert tagged[0].suppressed and tagged[0].suppression.resource == "tags={env: dev*}"


def test_a_renewed_entry_wins_over_the_lapsed_one() -> None:
    entries = parse({"suppressions": [GOOD, {**GOOD, "ticket": "SEC-2", "expires": "2027-06-30"}]}, "s.yaml")
    [f], report = apply([_finding("enc-object-store-kms", "legacy-a")], entries, date(2026, 12, 1))
    assert (f.suppressed, f.suppression.ticket) == (True, "SEC-2")
    assert [(r["ticket"], r["matched"], r["expired"]) for r in report.rows()] == [
        ("SEC-1", 0, True), ("SEC-2", 1, False)]


def test_report_rows_have_the_documented_keys() -> None:
    _, report = apply([], parse({"suppressions": [GOOD]}, "s.yaml"), date(2026, 1, 1))
    assert report.rows() == [{"rule": "enc-object-store-kms", "resource": "resource=arn:aws:s3:::legacy-*",
                              "reason": "SSE-S3 accepted", "owner": "platform@example.com", "ticket": "SEC-1",
                              "expires": "2026-06-30", "expired": False, "matched": 0,
                              "source": "s.yaml: suppressions[0]"}]


def test_the_shipped_json_schema_agrees_with_the_validator(tmp_path: Path) -> None:
    s = schema()
    entry = s["$defs"]["suppression"]
    assert tuple(entry["required"]) == REQUIRED and set(entry["properties"]) == set(FIELDS)
    jsonschema.Draft202012Validator.check_schema(s)
    validator = jsonschema.Draft202012Validator(s)
    good = {"suppressions": [GOOD, {**GOOD, "tags": {"env": "dev"}, "resource": None}]}
    good["suppressions"][1].pop("resource")
    assert not list(validator.iter_errors(good))
    parse(good, "s.yaml")
    for bad in ({**GOOD, "expires": "soon"}, {k: v for k, v in GOOD.items() if k != "owner"},
                {k: v for k, v in GOOD.items() if k != "resource"}, {**GOOD, "extra": 1}):
        assert list(validator.iter_errors({"suppressions": [bad]})), bad
        with pytest.raises(SuppressionError):
            parse({"suppressions": [bad]}, "s.yaml")


def test_readme_sample_file_is_valid() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    sample = readme.split("<!-- suppressions-sample:start -->", 1)[1].split("<!-- suppressions-sample:end -->")[0]
    text = sample.split("```yaml", 1)[1].split("```", 1)[0]
    data = yaml.safe_load(text)
    entries = parse(data, "README")
    assert len(entries) >= 3
    assert not list(jsonschema.Draft202012Validator(schema()).iter_errors(json.loads(json.dumps(data, default=str))))
