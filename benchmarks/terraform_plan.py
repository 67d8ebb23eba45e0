"""Benchmark: `hitrust check terraform` and checkov (its own checks) on one 5,000-resource plan.

Run: python benchmarks/terraform_plan.py [--resources 5000] [--checkov .venv-checkov/bin/checkov]

The plan is built from the real fixtures (tests/terraform/aws/*/plan.json, written by `terraform show
-json`): every fixture becomes one module call with ``count = N`` in the root module, so copy ``i`` of
fixture ``storage`` is the module instance ``module.storage[i]``. Its ``configuration`` is the fixture's
root module unchanged (references are module-relative, so they stay consistent per copy); its
``planned_values`` / ``resource_changes`` are the fixture's with every address prefixed and the
resources' own names (bucket, name, identifier) suffixed ``-c<i>``, so no two copies share a bucket
name or a security group name and nothing joins across copies. The plan is streamed to a temporary file.

Each tool runs in a fresh process started by this small one; wall time and peak RSS come from the
kernel's rusage of that child (``os.wait4``: the child and the descendants it waited for).
hitrust: ``python -m hitrust_policies.cli check terraform PLAN --format json`` (the shared venv).
checkov: ``checkov -f PLAN --framework terraform_plan --skip-download -o json`` from its own venv
(``--checkov``, default .venv-checkov/bin/checkov at the repo root; the run says so and skips checkov
when it is absent), BC_SKIP_MAPPING=TRUE, CHECKOV_PARALLELIZATION_TYPE left unset (checkov's default,
``fork`` on Linux; one plan file is one runner either way). The hitrust findings are checked against the
fixtures: every (rule, status) count must be the fixtures' own count times the copies.

Measured on the 2-core development machine (shared with five other agents), 65 copies of the 7 AWS
fixtures = 5,005 resources, 7.7 MB plan (written in 0.3 s), JSON report, one run each:

* hitrust before indexing the `Stack` joins: 4.4 s wall (3.3 s CPU), 143 MB peak RSS, 7,605 findings
  (3,900 PASS, 2,600 FAIL, 1,105 UNKNOWN; exactly the fixtures' own counts x 65). A profile put half
  of the plan's reading in `Stack.referrers` / `points_at` (1,056,900 pair tests for 3,510 joins): plan
  read + translation + joins 1.66 s, evaluation 0.30 s.
* hitrust after (`Stack.referrers` / `referent` answer from per-(types, prop) indexes by dependency URN
  and by value, built once per stack; the same 7,605 findings, field for field): 3.0 s wall (2.5 s CPU), 146 MB
  peak RSS; plan read + translation + joins 0.82 s, evaluation 0.30 s; the rest is start-up and the
  JSON report (`Finding.to_dict` via `dataclasses.asdict`, about half of the profile now).
  At 20,020 resources (260 copies): before 29.2 s, after 10.5 s wall, 492 MB peak RSS both.
* checkov 3.3.30, its own checks only: 52.5 s wall (48.7 s CPU), 833 MB peak RSS, 13,260 passed and
  9,101 failed results from 76 checks over the 5,005 resources (exit 1: failed checks).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "terraform" / "aws"
NAMED = ("bucket", "name", "identifier")  # the attributes holding a resource's own (unique) name


def _fixtures() -> dict[str, dict[str, Any]]:
    plans = sorted(glob.glob(str(FIXTURES / "*/plan.json")))
    return {Path(p).parent.name: json.loads(Path(p).read_text()) for p in plans}


def _own_names(doc: dict[str, Any]) -> list[str]:
    """The names a fixture gives its resources, longest first (replaced whole, never inside a longer word)."""
    names = set()
    for change in doc.get("resource_changes") or ():
        after = (change.get("change") or {}).get("after") or {}
        names.update(v for k, v in after.items() if k in NAMED and isinstance(v, str) and "-" in v and len(v) >= 5)
    return sorted(names, key=len, reverse=True)


def _renamer(names: list[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    return re.compile(r"(?<![A-Za-z0-9_.-])(" + "|".join(map(re.escape, names)) + r")(?![A-Za-z0-9_-])")


def _copy(text: str, pattern: re.Pattern[str] | None, i: int) -> str:
    return pattern.sub(lambda m: f"{m[1]}-c{i}", text) if pattern else text


def _prefixed(module: dict[str, Any], prefix: str) -> dict[str, Any]:
    """A planned_values module with every address under ``prefix`` (a module instance address)."""
    out = {k: v for k, v in module.items() if k not in ("resources", "child_modules", "address")}
    out["address"] = f"{prefix}.{module['address']}" if module.get("address") else prefix
    out["resources"] = [{**r, "address": f"{prefix}.{r['address']}"} for r in module.get("resources") or ()]
    out["child_modules"] = [_prefixed(c, prefix) for c in module.get("child_modules") or ()]
    return out


def write_plan(out: IO[str], resources: int) -> tuple[int, int]:
    """Stream a plan of at least ``resources`` resources; returns (resources, copies of each fixture)."""
    fixtures = _fixtures()
    per_copy = sum(len(d["resource_changes"]) for d in fixtures.values())
    copies = -(-resources // per_copy)
    first = next(iter(fixtures.values()))
    providers: dict[str, Any] = {}
    calls: dict[str, Any] = {}
    for name, doc in fixtures.items():
        providers.update(doc["configuration"].get("provider_config") or {})
        calls[name] = {"source": f"./{name}", "count_expression": {"constant_value": copies},
                       "module": doc["configuration"]["root_module"]}
    head = {"format_version": first["format_version"], "terraform_version": first["terraform_version"]}
    out.write(json.dumps(head)[:-1] + ', "planned_values": {"root_module": {"child_modules": [')
    sep = ""
    for name, doc in fixtures.items():
        pattern = _renamer(_own_names(doc))
        root = doc["planned_values"]["root_module"]
        for i in range(copies):
            out.write(sep + _copy(json.dumps(_prefixed(root, f"module.{name}[{i}]")), pattern, i))
            sep = ", "
    out.write(']}}, "resource_changes": [')
    sep = ""
    for name, doc in fixtures.items():
        pattern = _renamer(_own_names(doc))
        for i in range(copies):
            prefix = f"module.{name}[{i}]"
            for change in doc["resource_changes"]:
                moved = {**change, "address": f"{prefix}.{change['address']}",
                         "module_address": f"{prefix}.{change['module_address']}" if change.get("module_address")
                         else prefix}
                out.write(sep + _copy(json.dumps(moved), pattern, i))
                sep = ", "
    out.write('], "configuration": ')
    json.dump({"provider_config": providers, "root_module": {"module_calls": calls}}, out)
    out.write(', "applyable": true, "complete": true, "errored": false}\n')
    return per_copy * copies, copies


def measure(cmd: list[str], env: dict[str, str], stdout: Path) -> dict[str, Any]:
    """Wall time, peak RSS and exit code of one fresh process (rusage from the kernel)."""
    started = time.perf_counter()
    with stdout.open("w") as sink:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.PIPE, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    err = proc.stderr.read() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "exit": proc.returncode,
            "stderr_tail": err.strip().splitlines()[-3:]}


def hitrust_counts(report: Path) -> Counter[tuple[str, str]]:
    doc = json.loads(report.read_text())
    findings = doc["findings"] if isinstance(doc, dict) else doc
    return Counter((f["rule_id"], f["status"]) for f in findings)


def hitrust(plan: Path, tmp: Path) -> tuple[dict[str, Any], Counter[tuple[str, str]]]:
    report = tmp / f"{plan.stem}.hitrust.json"
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    result = measure([sys.executable, "-m", "hitrust_policies.cli", "check", "terraform", str(plan),
                      "--format", "json", "--output", str(report), "--fail-on", "none"], env, tmp / "hitrust.out")
    if result["exit"] not in (0, 1, 3):  # 3: complete=false (resource types read as coverage gaps)
        raise SystemExit(f"hitrust failed: {result}")
    return result, hitrust_counts(report)


def checkov(binary: Path, plan: Path, tmp: Path) -> dict[str, Any]:
    report = tmp / "checkov.json"
    env = {"PATH": f"{binary.parent}:/usr/bin:/bin", "HOME": str(tmp), "BC_SKIP_MAPPING": "TRUE",
           "CKV_SKIP_PACKAGE_UPDATE_CHECK": "TRUE",
           "LOG_LEVEL": "WARNING"}
    result = measure([str(binary), "-f", str(plan), "--framework", "terraform_plan", "--skip-download",
                      "-o", "json", "--quiet", "--compact"], env, report)
    if result["exit"] not in (0, 1):
        raise SystemExit(f"checkov failed: {result}")
    doc = json.loads(report.read_text())
    reports = doc if isinstance(doc, list) else [doc]
    results = [r.get("results", {}) for r in reports]
    summary = [r.get("summary", {}) for r in reports]
    checks = {c["check_id"] for r in results for key in ("passed_checks", "failed_checks") for c in r.get(key, ())}
    return {**result, "passed": sum(s.get("passed", 0) for s in summary),
            "failed": sum(s.get("failed", 0) for s in summary), "checks_with_results": len(checks),
            "resources": sum(s.get("resource_count", 0) for s in summary)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--resources", type=int, default=5000)
    parser.add_argument("--checkov", type=Path, default=ROOT / ".venv-checkov" / "bin" / "checkov",
                        help="checkov executable of its own venv (see .ci/run's second step)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        # the fixtures alone, once: what every copy must reproduce
        expected: Counter[tuple[str, str]] = Counter()
        for fixture in sorted(glob.glob(str(FIXTURES / "*/plan.json"))):
            _, counts = hitrust(Path(fixture), tmp)
            expected.update(counts)
        plan = tmp / "plan.json"
        started = time.perf_counter()
        with plan.open("w") as out:
            count, copies = write_plan(out, args.resources)
        written = time.perf_counter() - started
        print(json.dumps({"plan": {"resources": count, "copies": copies, "mb": round(plan.stat().st_size / 2**20, 1),
                                   "write_s": round(written, 2)}}, indent=2), flush=True)

        result, counts = hitrust(plan, tmp)
        wanted = Counter({key: n * copies for key, n in expected.items()})
        print(json.dumps({"hitrust": {**result, "findings": sum(counts.values()),
                                      "by_status": dict(Counter(s for (_, s), n in counts.items() for _ in range(n))),
                                      "matches_fixtures_x_copies": counts == wanted}}, indent=2), flush=True)
        if counts != wanted:
            diff = {f"{r} {s}": (counts[(r, s)], wanted[(r, s)]) for r, s in set(counts) | set(wanted)
                    if counts[(r, s)] != wanted[(r, s)]}
            print(json.dumps({"hitrust_mismatch (got, fixtures x copies)": diff}, indent=2))

        if not args.checkov.exists():
            print(json.dumps({"checkov": f"not run: {args.checkov} is absent (create it as .ci/run's second step "
                                         "does, or pass --checkov)"}))
            return
        print(json.dumps({"checkov": {**checkov(args.checkov, plan, tmp),
                                      "parallelization": os.environ.get("CHECKOV_PARALLELIZATION_TYPE",
                                                                        "default (fork on Linux)")}}, indent=2))


if __name__ == "__main__":
    main()
