"""Rule filters (--exclude-rule, --csf, --hipaa with --rule / --domain / --min-severity) as a user runs them.

The expected selections are computed from the crosswalk YAML itself (read here with plain PyYAML), an
oracle independent of `hitrust_policies.rule_filters`.
"""

from __future__ import annotations

import fnmatch
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from hitrust_policies.cli import main
from hitrust_policies.rule_filters import FilterError, select_rules

ROOT = Path(__file__).resolve().parents[1]
CROSSWALK = yaml.safe_load((ROOT / "mappings" / "crosswalk.yaml").read_text(encoding="utf-8"))


def rule_ids(*args: str) -> list[str]:
    result = CliRunner().invoke(main, ["rules", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return [r["id"] for r in json.loads(result.output)]


def usage_error(*args: str) -> str:
    result = CliRunner().invoke(main, ["rules", "--format", "json", *args])
    assert result.exit_code == 2, result.output
    return result.output


def test_exclude_rule_takes_ids_and_globs() -> None:
    every = sorted(CROSSWALK)
    got = rule_ids("--exclude-rule", "log-*", "--exclude-rule", "enc-object-store-default-encryption")
    assert got == [r for r in every if not fnmatch.fnmatch(r, "log-*") and r != "enc-object-store-default-encryption"]
    assert "enc-object-store-default-encryption" in every and "log-audit-trail-cloudwatch" in every


def test_csf_control_category_and_letter_prefix() -> None:
    assert rule_ids("--csf", "09.ab") == sorted(r for r, row in CROSSWALK.items() if "09.ab" in row["csf"])
    assert rule_ids("--csf", "06") == sorted(r for r, row in CROSSWALK.items()
                                             if any(c.startswith("06.") for c in row["csf"]))
    letters = sorted(r for r, row in CROSSWALK.items() if any(c.startswith("09.a") for c in row["csf"]))
    assert rule_ids("--csf", "09.a") == letters
    assert set(rule_ids("--csf", "09.ab")) < set(letters)  # 09.a widens to 09.aa, 09.ab, 09.ac...
    # repeated values are OR; different filters are AND
    both = rule_ids("--csf", "09.ab", "--csf", "06.d", "--domain", "logging")
    assert both == sorted(r for r, row in CROSSWALK.items() if r.startswith("log-")
                          and ({"09.ab", "06.d"} & set(row["csf"])))
    assert "log-audit-trail-cloudwatch" in both


def test_hipaa_citation_prefix_and_alternate_form() -> None:
    exact = sorted(r for r, row in CROSSWALK.items() if "164.312(a)(1)" in row["hipaa"])
    assert rule_ids("--hipaa", "164.312(a)(1)") == exact
    section = sorted(r for r, row in CROSSWALK.items() if any(c.startswith("164.312(") for c in row["hipaa"]))
    assert rule_ids("--hipaa", "164.312") == section
    assert set(exact) < set(section)
    # a paragraph prefix stops at a boundary: 164.31 is no prefix of 164.312(...)
    assert "--hipaa 164.31: not a HIPAA id or prefix of the catalog" in usage_error("--hipaa", "164.31")
    got = rule_ids("--hipaa", "164.312(b)", "--min-severity", "medium", "--exclude-rule", "log-audit-*")
    assert got == sorted(r for r, row in CROSSWALK.items() if "164.312(b)" in row["hipaa"]
                         and not r.startswith("log-audit-") and r != "log-database-error-logging"
                         and r not in ("log-network-watcher-enabled", "log-object-store-access-logging"))
    assert "log-audit-trail-cloudwatch" not in got and "log-database-auditing" in got


def test_alternate_hipaa_citation_resolves_to_the_catalog_id() -> None:
    # 164.308(a)(5)(i) is the catalog's alt form of 164.308(a)(5): it selects the rows under that standard
    catalog = yaml.safe_load((ROOT / "mappings" / "hipaa_security_rule.yaml").read_text(encoding="utf-8"))
    alt_of = {a: c["id"] for c in catalog["citations"] for a in c.get("alt", [])}
    assert alt_of["164.308(a)(5)(i)"] == "164.308(a)(5)"
    expected = sorted(r for r, row in CROSSWALK.items() if any(c.startswith("164.308(a)(5)") for c in row["hipaa"]))
    assert expected and [r.id for r in select_rules(hipaa=["164.308(a)(5)(i)"])] == expected


@pytest.mark.parametrize(("args", "message"), [
    (("--csf", "01.a"), "--csf 01.a: no rule maps this HITRUST CSF id or prefix"),  # in the catalog, unmapped
    (("--csf", "99"), "--csf 99: not a HITRUST CSF id or prefix of the catalog (hitrust_csf.yaml)"),
    (("--csf", "01.x"), "--csf 01.x: not a HITRUST CSF id or prefix of the catalog (hitrust_csf.yaml)"),
    (("--hipaa", "164.308(a)(2)"), "--hipaa 164.308(a)(2): no rule maps this HIPAA id or prefix"),
    (("--exclude-rule", "enc-nope-*"), "--exclude-rule enc-nope-*: matches no rule id"),
    (("--rule", "enc-nope-rule"), "unknown rule id 'enc-nope-rule'"),
])
def test_unknown_filter_values_are_usage_errors_naming_them(args: tuple[str, ...], message: str) -> None:
    assert message in usage_error(*args)


def test_scan_commands_take_the_filters() -> None:
    for command in (["scan", "aws"], ["scan", "azure"], ["scan", "gcp"], ["check", "terraform"]):
        result = CliRunner().invoke(main, [*command, "--help"])
        assert all(f in result.output for f in ("--exclude-rule", "--csf", "--hipaa", "--mappings-dir")), command
    result = CliRunner().invoke(main, ["scan", "aws", "--csf", "01.a", "--regions", "us-east-1"])
    assert result.exit_code == 2 and "--csf 01.a: no rule maps" in result.output


def test_select_rules_library_api() -> None:
    assert [r.id for r in select_rules(ids=["net-database-not-public"], hipaa=["164.312"])] == [
        "net-database-not-public"]
    assert select_rules(ids=["net-database-not-public"], csf=["09.ab"]) == []  # mapped elsewhere: empty, no error
    with pytest.raises(FilterError, match=r"--csf 01\.t: no rule maps"):
        select_rules(csf=["01.t"])


@pytest.fixture(scope="module")
def moto_url():  # noqa: ANN201
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def test_filtered_aws_scan_runs_only_the_collectors_its_rules_need(moto_url: str, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    import boto3

    env = {**os.environ, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
           "AWS_DEFAULT_REGION": "us-east-1", "PYTHONPATH": str(ROOT)}
    env.pop("AWS_PROFILE", None)
    env.pop("AWS_ENDPOINT_URL", None)
    s3 = boto3.client("s3", region_name="us-east-1", endpoint_url=moto_url, aws_access_key_id="testing",
                      aws_secret_access_key="testing")
    s3.create_bucket(Bucket="filtered-phi")

    def scan(*args: str) -> tuple[int, dict]:
        out = tmp_path / "r.json"
        out.unlink(missing_ok=True)
        proc = subprocess.run([sys.executable, "-m", "hitrust_policies.cli", "scan", "aws", "--endpoint-url", moto_url,
                               "--regions", "us-east-1", "--format", "json", "--output", str(out), *args],
                              capture_output=True, text=True, env=env, timeout=180)
        return proc.returncode, (json.loads(out.read_text()) if out.exists() else {"stderr": proc.stderr})

    code, report = scan("--rule", "enc-object-store-default-encryption")
    assert code == 0, report
    assert [(c["collector"], c["status"]) for c in report["coverage"]] == [("s3-buckets", "ok")]
    # sts identity, ec2 DescribeRegions (the named region must exist), ListBuckets, account BPA + 5 reads of
    # the one bucket
    assert report["api_calls"] == 9 and report["complete"] is True
    assert {(f["rule_id"], f["resource"]["name"], f["status"]) for f in report["findings"]} == {
        ("enc-object-store-default-encryption", "filtered-phi", "PASS")}
    code, report = scan("--domain", "encryption", "--csf", "06.d", "--exclude-rule", "enc-*")
    assert code == 2 and "the filters select no rule: nothing to scan" in report["stderr"]
    code, report = scan("--rule", "iam-account-owners-at-most-three")  # an Azure-only kind
    assert code == 2 and "none of the selected rules judges a resource the AWS scanner reads" in report["stderr"]


def test_run_filters_record_what_was_given_for_the_report() -> None:
    import click

    from hitrust_policies.cli import _with_rule_options
    from hitrust_policies.cli_filters import run_filters, selected_rules

    seen: dict = {}

    @click.command()
    @_with_rule_options
    def probe(rule_ids: tuple[str, ...], domains: tuple[str, ...], min_severity: str | None) -> None:
        seen["rules"] = [r.id for r in selected_rules(rule_ids, domains, min_severity)]
        seen["filters"] = run_filters()

    result = CliRunner().invoke(probe, ["--domain", "network", "--hipaa", "164.312(e)(1)",
                                        "--exclude-rule", "net-*-acl-*", "--min-severity", "high"])
    assert result.exit_code == 0, result.output
    assert seen["filters"] == {"domain": ["network"], "min_severity": "high", "exclude_rule": ["net-*-acl-*"],
                               "hipaa": ["164.312(e)(1)"]}
    assert seen["rules"] == sorted(r for r, row in CROSSWALK.items() if r.startswith("net-")
                                   and any(c.startswith("164.312(e)(1)") for c in row["hipaa"])
                                   and not fnmatch.fnmatch(r, "net-*-acl-*")
                                   and row and r in {x.id for x in select_rules(min_severity="high")})
