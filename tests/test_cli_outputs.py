"""``--output-format`` / ``--output-dir`` as a user runs them: several formats in one run, named files, the
output location checked before any scanning (a bad one is exit 2 naming it, never a traceback after the
scan), and byte-identical reports from the same input with a pinned time (SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hitrust_policies.outputs.formats import FORMATS
from tests.sources.terraform.plans import plan_path

SECRET = b"hunter2-db-password"  # in the storage plan; scrubbed from every message


def hitrust(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hitrust_policies.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)


def storage(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return hitrust("check", "terraform", str(plan_path("storage")), *args, env=env)


def test_several_formats_in_one_run(tmp_path: Path) -> None:
    from jsonschema import Draft202012Validator

    from hitrust_policies.outputs.json_report import schema

    proc = storage("--output-format", "json,sarif", "--output-format", "junit", "--output-dir", str(tmp_path),
                   "--format", "json")
    assert proc.returncode == 1, proc.stderr  # failing findings, as without the option
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "hitrust-report.json", "hitrust-report.junit.xml", "hitrust-report.sarif"]
    assert proc.stderr.splitlines()[-3:] == [f"wrote {tmp_path / n}" for n in
                                            ("hitrust-report.json", "hitrust-report.sarif", "hitrust-report.junit.xml")]
    doc = json.loads((tmp_path / "hitrust-report.json").read_text())
    Draft202012Validator(schema()).validate(doc)
    assert json.loads(proc.stdout)["findings"] == doc["findings"]  # --format still goes to stdout
    assert doc["run"]["command"] == "check terraform" and doc["run"]["scope"] == [str(plan_path("storage"))]
    sarif = json.loads((tmp_path / "hitrust-report.sarif").read_text())
    located = {r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]:
               r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert set(located.values()) == {str(plan_path("storage"))}  # one plan file: a known physical location
    assert {(f["rule_id"], f["resource"]["native_id"], f["status"]) for f in doc["findings"]} == {
        (r["ruleId"], r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
         {"fail": "FAIL", "open": "UNKNOWN", "pass": "PASS"}[r["kind"]]) for r in sarif["runs"][0]["results"]}


def test_every_format_by_name_and_no_secret_in_any(tmp_path: Path) -> None:
    proc = storage("--output-format", ",".join(FORMATS), "--output-dir", str(tmp_path))
    assert proc.returncode == 1, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f.file_name for f in FORMATS.values())
    for path in tmp_path.iterdir():
        data = path.read_bytes()
        assert b"legacy-db-tf" in data and SECRET not in data, path.name


@pytest.mark.parametrize("fmt", ["sarif", "junit", "csv"])
def test_new_formats_on_stdout_and_in_output_files(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    assert storage("--format", fmt, "-o", str(out)).returncode == 1
    proc = storage("--format", fmt)
    assert proc.returncode == 1 and proc.stdout
    assert out.read_text() != "" and "legacy-db-tf" in proc.stdout


def test_same_input_same_bytes_with_a_pinned_time(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    pinned = {"SOURCE_DATE_EPOCH": "1767225600"}
    for directory in (first, second):
        assert storage("--output-format", ",".join(FORMATS), "--output-dir", str(directory), env=pinned).returncode == 1
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name
    assert json.loads((first / "hitrust-report.json").read_text())["generated_at"] == "2026-01-01T00:00:00+00:00"


@pytest.mark.parametrize(("args", "message"), [
    (("--output-format", "json", "--output-dir", "{tmp}/missing"), "output directory {tmp}/missing does not exist"),
    (("--output-format", "json", "--output-dir", "{tmp}/file.txt"), "'{tmp}/file.txt' is a file"),
    (("--format", "json", "--output", "{tmp}/missing/report.json"),
     "directory of {tmp}/missing/report.json: {tmp}/missing does not exist"),
    (("--output-format", "json,yaml"), "unknown format 'yaml'"),
    (("--output-dir", "{tmp}"), "--output-dir needs --output-format"),
])
def test_a_bad_output_location_is_a_usage_error_before_scanning(tmp_path: Path, args: tuple[str, ...],
                                                                 message: str) -> None:
    (tmp_path / "file.txt").write_text("x")
    # the plan does not exist either: had the scan started, it would have exited 3 ("no plan file")
    proc = hitrust("check", "terraform", str(tmp_path / "no-such-plan.json"),
                   *(a.format(tmp=tmp_path) for a in args))
    assert proc.returncode == 2, proc.stderr
    assert message.format(tmp=tmp_path) in " ".join(proc.stderr.split())
    assert "Traceback" not in proc.stderr and not (tmp_path / "missing").exists()


def test_an_unwritable_output_directory_is_a_usage_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        proc = storage("--output-format", "json", "--output-dir", str(locked))
        assert proc.returncode == 2 and f"output directory {locked} is not writable" in proc.stderr
    finally:
        locked.chmod(0o700)


def test_demo_writes_formats_too(tmp_path: Path) -> None:
    proc = hitrust("demo", "--output-format", "sarif,junit", "--output-dir", str(tmp_path), "--format", "json",
                   "-o", str(tmp_path / "demo.json"))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads((tmp_path / "demo.json").read_text())
    sarif = json.loads((tmp_path / "hitrust-report.sarif").read_text())
    assert len(sarif["runs"][0]["results"]) == len(doc["findings"]) > 0
    assert doc["run"]["command"] == "demo" and doc["account"] in doc["run"]["scope"]
