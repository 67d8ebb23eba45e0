"""Rough edges of the ``hitrust`` command, each reproduced as a user met it (issue 10).

Exit codes, Ctrl-C, narrow terminals, --quiet / --verbose, input validation, a stable demo
account and endpoints given only through the environment: subprocesses of the real command
against a moto server on 127.0.0.1 (the netguard fails any test that looks further).
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest

from hitrust_policies.sources.live.aws.collector import _strip_account_host

ROOT = Path(__file__).resolve().parents[1]
ACCOUNT = "123456789012"
AWS_ENV = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
           "AWS_DEFAULT_REGION": "us-east-1"}


def hitrust(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hitrust_policies.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=180, cwd=ROOT)


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def moto_url() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def account(moto_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    """A fresh moto account; no shared config files, so no profile of the developer's machine leaks in."""
    import urllib.request

    urllib.request.urlopen(urllib.request.Request(f"{moto_url}/moto-api/reset", method="POST")).read()
    env = {**AWS_ENV, "AWS_CONFIG_FILE": str(tmp_path / "config"),
           "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "credentials")}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    for k in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(k, raising=False)
    return env


# --- exit codes ---------------------------------------------------------------------------------------------

CRASHING = """
import sys
from hitrust_policies import cli

@cli.main.command("explode")
def explode():
    raise {exc}

cli.main(sys.argv[1:])
"""


def crash(exc: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The real main group with one more command that fails the way a bug or an environment fault does."""
    return subprocess.run([sys.executable, "-c", CRASHING.format(exc=exc), *args], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)


def test_a_crash_exits_4_with_one_line_not_1_with_a_traceback() -> None:
    """Before: a traceback and exit 1, which a scheduler reads as "failing findings"."""
    proc = crash('RuntimeError("collector state went missing")', "explode")
    assert proc.returncode == 4
    assert error_lines(proc.stderr) == [
        "error: RuntimeError: collector state went missing (run with --debug for the traceback)"]
    assert proc.stdout == ""


def test_debug_shows_the_traceback() -> None:
    proc = crash('KeyError("region")', "--debug", "explode")
    assert proc.returncode == 4
    assert proc.stderr.startswith("Traceback (most recent call last):")
    assert 'line 7, in explode' in proc.stderr
    assert error_lines(proc.stderr)[-2:] == ["KeyError: 'region'", "error: KeyError: 'region'"]


def test_interrupt_raised_in_a_command_exits_130() -> None:
    """Before: click printed "Aborted!" and exited 1."""
    proc = crash("KeyboardInterrupt()", "explode")
    assert (proc.returncode, error_lines(proc.stderr)) == (130, ["error: interrupted"])


def test_usage_errors_still_exit_2() -> None:
    proc = hitrust("scan", "aws", "--rule", "enc-no-such-rule")
    assert proc.returncode == 2 and "enc-no-such-rule" in proc.stderr and "Traceback" not in proc.stderr


def test_ctrl_c_during_a_scan_stops_promptly_and_exits_130() -> None:
    """A real SIGINT while the demo's scanner has its collectors in flight: queued tasks are cancelled, running
    ones stop at their next API call, and the command exits 130 with one line (before: the executor waited for
    every queued collector, then a traceback and exit 1)."""
    proc = subprocess.Popen([sys.executable, "-m", "hitrust_policies.cli", "--log-level", "info", "demo",
                             "--format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT, env=os.environ.copy())
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if re.search(r"\(1 of \d+\)$", line):  # the first collector task finished; the others are in flight
            break
    else:
        pytest.fail(f"the scan never started: {''.join(seen)}")
    proc.send_signal(signal.SIGINT)
    interrupted = time.monotonic()
    out, err = proc.communicate(timeout=60)
    stopped = time.monotonic() - interrupted
    assert proc.returncode == 130, err
    assert stopped < 15, f"took {stopped:.1f}s to stop"
    assert out == ""  # no half report
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if line.startswith("error:")] == ["error: interrupted"]
    cancelled = re.search(r"scan interrupted: (\d+) queued collector tasks cancelled, (\d+) running", err)
    assert cancelled and int(cancelled[1]) + int(cancelled[2]) > 0, err


# --- output: narrow terminals, --quiet, --verbose ------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_scan() -> object:
    from hitrust_policies.demo import run_demo

    return run_demo()


def normalized(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_table_at_80_columns_keeps_every_resource_and_reason_whole(demo_scan: object) -> None:
    """Before: at 80 columns the six-column table squeezed resource and reason into slivers a few letters wide."""
    from rich.console import Console

    from hitrust_policies.outputs.report import render_table

    findings = demo_scan.findings()  # type: ignore[attr-defined]
    out = io.StringIO()
    render_table(demo_scan, findings, Console(file=out, width=80, no_color=True), show_pass=True)
    text = out.getvalue()
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    flat = normalized(text)
    for f in findings:
        assert normalized(f.resource.name) in flat, f.resource.name
        assert normalized(f.message) in flat, f.message
    # stacked: status, severity and rule head each finding; the resource line follows, indented
    heads = [i for i, line in enumerate(lines) if line.startswith(("FAIL ", "PASS ", "UNKNOWN "))]
    assert len(heads) == len(findings)
    first = next(f for f in findings if f.rule_id == "net-ingress-rule-admin-ports" and f.resource.name == "bastion")
    i = lines.index("FAIL critical net-ingress-rule-admin-ports", heads[0])
    assert lines[i + 1].rstrip() == "  bastion [us-east-1]" and lines[i + 2].strip() == first.message
    # a wide console still gets the table
    wide = io.StringIO()
    render_table(demo_scan, findings, Console(file=wide, width=200, no_color=True))
    assert any(line.startswith("│ FAIL") for line in wide.getvalue().splitlines())


def test_quiet_prints_only_the_summary_line() -> None:
    proc = hitrust("--quiet", "demo")
    assert proc.returncode == 0, proc.stderr
    lines = error_lines(proc.stdout)
    assert len(lines) == 1 and re.match(r"^\d+ failing, 0 unknown, \d+ passing; 2/2 regions read", lines[0])
    assert proc.stderr == ""


def test_verbose_logs_to_stderr_and_quiet_verbose_conflict() -> None:
    proc = hitrust("-v", "demo", "--format", "json")
    assert proc.returncode == 0
    assert "INFO hitrust_policies.sources.live.aws.scan: scanning account 123456789012" in proc.stderr
    json.loads(proc.stdout)  # logging never mixes into the report
    proc = hitrust("--quiet", "--log-level", "info", "rules")
    assert proc.returncode == 2 and "--quiet cannot be combined" in proc.stderr


def test_region_summary_counts_only_fully_read_regions() -> None:
    """Before: "3/3 regions read" when one region had a denied listing and another was not read at all."""
    from rich.console import Console

    from hitrust_policies.outputs.report import render_table
    from hitrust_policies.sources.live.aws.scan import Coverage, ScanResult

    coverage = [Coverage("ec2-volumes", "us-east-1", "ok", 2), Coverage("rds-instances", "us-east-1", "ok", 1),
                Coverage("ec2-volumes", "eu-west-1", "ok", 1),
                Coverage("rds-instances", "eu-west-1", "failed", 0, ("AccessDenied: rds:DescribeDBInstances",)),
                Coverage("ec2-volumes", "ap-south-1", "failed", 0, ("Throttling",)),
                Coverage("rds-instances", "ap-south-1", "failed", 0, ("Throttling",)),
                Coverage("iam-users", "global", "ok", 3)]
    scan = ScanResult("aws", ACCOUNT, ["ap-south-1", "eu-west-1", "us-east-1"], [], [], coverage, Counter(), 1.0)
    out = io.StringIO()
    render_table(scan, [], Console(file=out, width=200, no_color=True))
    summary = out.getvalue().splitlines()[-1]
    assert "1/3 regions read (us-east-1), 1 partial (eu-west-1)," in summary
    assert scan.regions_read == ["eu-west-1", "us-east-1"]  # the JSON's regions_read keeps its meaning


# --- input validation -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["", ",", " , "])
def test_empty_regions_is_a_usage_error(value: str, account: dict[str, str]) -> None:
    """Before: --regions '' scanned every enabled region."""
    proc = hitrust("scan", "aws", "--regions", value, "--endpoint-url", "http://127.0.0.1:9", env=account)
    assert proc.returncode == 2 and "--regions" in proc.stderr and "no region given" in proc.stderr


def test_regions_the_account_does_not_have_are_a_usage_error(moto_url: str, account: dict[str, str]) -> None:
    """Before: us-east-9 was scanned, every listing failed, and the report said the region was unreadable."""
    proc = hitrust("scan", "aws", "--endpoint-url", moto_url, "--regions", "us-east-1,us-east-9,eu-west-1",
                   env=account)
    assert proc.returncode == 2, proc.stderr
    assert "--regions" in proc.stderr and f"no such region in account {ACCOUNT}: us-east-9" in proc.stderr
    assert "eu-west-1," not in proc.stderr.split("(regions:")[0]


def test_non_utf8_baseline_is_a_usage_error_naming_the_file(tmp_path: Path) -> None:
    """Before: UnicodeDecodeError traceback after argument parsing."""
    baseline = tmp_path / "last-week.json"
    baseline.write_bytes('{"findings": [{"id": "caf\u00e9", "status": "FAIL"}]}'.encode("latin-1"))
    proc = hitrust("demo", "--baseline", str(baseline))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "--baseline" in proc.stderr and str(baseline) in proc.stderr and "not a UTF-8 text file" in proc.stderr


def test_missing_aws_profile_variable_is_blamed_not_the_option(account: dict[str, str]) -> None:
    """Before: "Invalid value for '--profile'" when the user never passed --profile."""
    proc = hitrust("scan", "aws", "--regions", "us-east-1", env={**account, "AWS_PROFILE": "nope"})
    assert proc.returncode == 2
    assert "AWS_PROFILE" in proc.stderr and "The config profile (nope) could not be found" in proc.stderr
    assert "--profile" not in proc.stderr
    proc = hitrust("scan", "aws", "--regions", "us-east-1", "--profile", "nope", env=account)
    assert proc.returncode == 2 and "--profile" in proc.stderr and "AWS_PROFILE" not in proc.stderr


# --- a stable demo account --------------------------------------------------------------------------------------

def test_demo_against_its_own_baseline_shows_no_churn(tmp_path: Path) -> None:
    """Before: moto drew new vpc- / sg- / vol- / key ids every run, so a second demo against the first showed
    dozens of "new" findings and as many "resolved" ones."""
    first = tmp_path / "first.json"
    proc = hitrust("demo", "--format", "json", "--output", str(first))
    assert proc.returncode == 0, proc.stderr
    proc = hitrust("demo", "--format", "json", "--baseline", str(first))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    before = json.loads(first.read_text())
    assert doc["since_baseline"]["new"] == 0 and doc["since_baseline"]["resolved"] == []
    assert doc["since_baseline"]["persisting"] == sum(f["status"] != "PASS" for f in before["findings"]) > 0
    assert {f["resource"]["native_id"] for f in doc["findings"]} == \
        {f["resource"]["native_id"] for f in before["findings"]}


@pytest.mark.parametrize("cloud", ["azure", "gcp"])
def test_other_demos_have_stable_ids(cloud: str) -> None:
    from hitrust_policies.cli import _demo_runner

    run_demo = _demo_runner(cloud)[0]
    assert sorted(f.id for f in run_demo().findings()) == sorted(f.id for f in run_demo().findings())


# --- endpoints from the environment ---------------------------------------------------------------------------

def account_public_access(env: dict[str, str]) -> list[tuple[str, str, str]]:
    proc = hitrust("scan", "aws", "--regions", "us-east-1", "--format", "json", "--fail-on", "none",
                   "--rule", "net-account-storage-public-access-blocked", env=env)
    assert proc.returncode in (0, 3), proc.stderr
    return [(f["rule_id"], f["resource"]["name"], f["status"]) for f in json.loads(proc.stdout)["findings"]]


@pytest.mark.parametrize("variable", ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3_CONTROL"])
def test_endpoint_from_the_environment_reads_the_account_public_access_block(
        variable: str, moto_url: str, account: dict[str, str]) -> None:
    """Before: with only AWS_ENDPOINT_URL set, S3 Control resolved 123456789012.127.0.0.1 and the account-level
    check was UNKNOWN. The netguard fails this test if any such lookup happens."""
    env = {**account, "AWS_ENDPOINT_URL": moto_url}
    if variable != "AWS_ENDPOINT_URL":  # a host name, as LocalStack users give: localhost.localstack.cloud
        env[variable] = moto_url.replace("127.0.0.1", "localhost")
    rule = "net-account-storage-public-access-blocked"
    assert account_public_access(env) == [(rule, f"s3-account-{ACCOUNT}", "FAIL")]
    s3control = boto3.client("s3control", region_name="us-east-1", endpoint_url=moto_url)
    s3control.meta.events.register("before-sign.s3-control", _strip_account_host)
    s3control.put_public_access_block(
        AccountId=ACCOUNT, PublicAccessBlockConfiguration={
            flag: True for flag in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy",
                                    "RestrictPublicBuckets")})
    assert account_public_access(env) == [(rule, f"s3-account-{ACCOUNT}", "PASS")]
