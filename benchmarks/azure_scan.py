"""Benchmark: an Azure scan through Resource Graph + ARM, the same rows from an export, and the Azure demo.

Run: python benchmarks/azure_scan.py [--resources 1200] [--subscriptions 4] [--demo-runs 3]

* live: a `FakeAzure` in another process holds about ``--resources`` Resource Graph rows: copies of the
  demo tenant (every family the scanner reads, with the ARM and Graph documents of every declared read),
  each copy in its own two subscriptions. The
  scanner (a fresh process: the real azure-mgmt-resourcegraph / subscriptions clients and pipeline, a
  pinned token) scans every subscription. Reported: wall time, peak RSS, and the requests the fake
  served by kind: Resource Graph query POSTs, ARM GETs (per-resource reads), subscription listing GETs.
* export: the same rows, written as ``az graph query -o json`` would, evaluated by ``hitrust scan azure
  --from-export`` (`load_export` + `scan_export`) in a fresh process: wall, peak RSS.
* demo: ``hitrust demo --cloud azure --format json`` as a user runs it (a fresh interpreter each time):
  process wall and peak RSS, median of ``--demo-runs``.

Measured on the 2-core development machine (shared with other jobs, load ~3), 2026-11-29, 18 families:
- defaults: live, 1,200 rows in 30 subscriptions (15 copies of the demo tenant) -> 540 Resource Graph POSTs
  (one page per family and subscription) + 543 GETs (540 ARM reads, 3 Microsoft Graph user lookups: each
  directory user once per scan, not once per subscription) + 1 subscription listing, 5.4 s wall, 43 MB
  peak RSS, 2,220 model values, 3,105 findings, complete; export
  of the same rows (1.4 MB) -> 0.19 s wall, 26 MB peak RSS (675 findings UNKNOWN there: facts only an ARM
  read shows); ``hitrust demo --cloud azure`` 1.11 s wall, 48 MB peak RSS.
- ``--resources 12000``: 300 subscriptions, 5,400 POSTs + 5,850 GETs, 60.7 s wall, 66 MB peak RSS, complete;
  export (14.5 MB) 0.92 s, 73 MB. Graph POSTs grow with subscriptions x families (one query per family and
  subscription): batching subscriptions into one query (Graph takes up to 1,000) is the next step for
  organization-wide scans.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
REGIONS = ("eastus", "westus2", "centralus", "northeurope")

SERVER = r"""
import json, sys, warnings
warnings.simplefilter("ignore")
sys.path.insert(0, sys.argv[3])
from benchmarks.azure_scan import request_kinds, tenant
from hitrust_policies.testing.azure_fake import FakeAzure
fake = FakeAzure()
subs, rows, documents = tenant(int(sys.argv[1]), int(sys.argv[2]))
for i, sub in enumerate(subs):
    fake.add_subscription(sub, f"phi-bench-{i}")
fake.add(*rows)
for path, doc in documents:
    fake.put(path, doc)
fake.start()
print(fake.endpoint, len(rows), len(subs), flush=True)
sys.stdin.read()
print(json.dumps(request_kinds(fake.requests)), flush=True)
"""

SCANNER = r"""
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
t0 = time.perf_counter()
from hitrust_policies.sources.live.azure.auth import StaticToken
from hitrust_policies.sources.live.azure.scan import scan_azure
scan = scan_azure(credential=StaticToken("bench"), arm_endpoint=sys.argv[1], all_subscriptions=True)
findings = scan.findings()
print(json.dumps({"wall_s": time.perf_counter() - t0, "scan_s": scan.seconds,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "calls_by_permission": dict(scan.calls), "resources": len(scan.resources),
                  "findings": len(findings), "complete": scan.complete}))
"""

WRITE = r"""
import json, sys
sys.path.insert(0, sys.argv[4])
from benchmarks.azure_scan import tenant
_, rows, _ = tenant(int(sys.argv[2]), int(sys.argv[3]))
with open(sys.argv[1], "w", encoding="utf-8") as fh:
    json.dump({"count": len(rows), "data": rows, "skip_token": None, "total_records": len(rows)}, fh)
print(json.dumps({"rows": len(rows)}))
"""

EXPORT = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from hitrust_policies.sources.live.azure.scan import load_export, scan_export
scan = scan_export(load_export(sys.argv[1]))
findings = scan.findings()
unknown = sum(f.status.value == "UNKNOWN" for f in findings)
print(json.dumps({"wall_s": time.perf_counter() - t0,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "resources": len(scan.resources), "findings": len(findings), "unknown_findings": unknown}))
"""


def tenant(n: int, subscriptions: int) -> tuple[list[str], list[dict[str, Any]], list[tuple[str, Any]]]:
    """(subscription ids, about ``n`` Resource Graph rows, ARM / Graph documents of their reads): copies of
    the demo tenant (every family the scanner reads, compliant and not, with the documents of every
    declared read, so the scan is complete), each copy in its own pair of subscriptions; ``subscriptions``
    is a floor on how many subscriptions the rows spread over."""
    import json as _json

    from hitrust_policies import demo_azure

    base = demo_azure.tenant()
    text = _json.dumps({"rows": base.rows, "documents": base.documents})
    copies = max(-(-n // len(base.rows)), -(-subscriptions // 2))
    subs: list[str] = []
    rows: list[dict[str, Any]] = []
    docs: list[tuple[str, Any]] = []
    for k in range(copies):
        prod, dev = (f"5b7e0c1d-0000-4000-8000-{2 * k + j:012x}" for j in (0, 1))
        copy = _json.loads(text.replace(demo_azure.PROD, prod).replace(demo_azure.DEV, dev))
        subs += [prod, dev]
        rows += copy["rows"]
        docs += [tuple(d) for d in copy["documents"]]
    return subs, rows, docs


def request_kinds(requests: list[Any]) -> dict[str, int]:
    """The fake's request log by kind: Resource Graph POSTs, subscription listing GETs, other ARM GETs."""
    from hitrust_policies.testing.azure_fake import GRAPH_PATH

    kinds = {"graph_posts": 0, "subscription_gets": 0, "arm_gets": 0, "other": 0}
    for r in requests:
        if r.method == "POST" and r.path.lower() == GRAPH_PATH:
            kinds["graph_posts"] += 1
        elif r.method == "GET" and r.path.lower().rstrip("/").count("/") <= 2:
            kinds["subscription_gets"] += 1
        elif r.method == "GET":
            kinds["arm_gets"] += 1
        else:
            kinds["other"] += 1
    return kinds


def run_child(code: str, *args: str) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def demo_run() -> dict[str, float]:
    """One ``hitrust demo --cloud azure`` process: wall and peak RSS (from the kernel's rusage of the child).

    Linux counts the forked parent's memory in the child's peak RSS until it execs, so every child here
    is started by this small process, which never holds a tenant itself."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "hitrust_policies.cli", "demo", "--cloud", "azure", "--format",
                             "json", "--output", os.devnull], cwd=ROOT, env={"PYTHONPATH": str(ROOT),
                                                                            "PATH": "/usr/bin:/bin"})
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"hitrust demo --cloud azure exited {proc.returncode}")
    return {"wall_s": time.perf_counter() - started, "peak_rss_mb": usage.ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--resources", type=int, default=1200)
    parser.add_argument("--subscriptions", type=int, default=4)
    parser.add_argument("--demo-runs", type=int, default=3)
    args = parser.parse_args()

    server = subprocess.Popen([sys.executable, "-c", SERVER, str(args.resources), str(args.subscriptions),
                               str(ROOT)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
                              env={"PYTHONPATH": str(ROOT)})
    assert server.stdout and server.stdin
    endpoint, held, subs_held = server.stdout.readline().split()
    try:
        live = run_child(SCANNER, endpoint)
    finally:
        server.stdin.close()
        served = json.loads(server.stdout.readline())
        server.wait(timeout=30)
    print(json.dumps({"live": {"rows": int(held), "subscriptions": int(subs_held), "requests_served": served,
                               **live}}, indent=2))

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rows.json"  # written by a child: this process stays small (see demo_run)
        written = run_child(WRITE, str(path), str(args.resources), str(args.subscriptions), str(ROOT))
        result = run_child(EXPORT, str(path))
        print(json.dumps({"export": {**written, "file_mb": path.stat().st_size / 2**20, **result}}, indent=2))

    runs = [demo_run() for _ in range(args.demo_runs)]
    print(json.dumps({"demo": {"runs": len(runs), **{key: statistics.median(r[key] for r in runs)
                                                    for key in ("wall_s", "peak_rss_mb")},
                               "min_wall_s": min(r["wall_s"] for r in runs)}}, indent=2))


if __name__ == "__main__":
    main()
