"""Benchmark: a GCP scan through Cloud Asset Inventory and an export-file scan (wall, peak RSS, requests).

Run: python benchmarks/gcp_scan.py [--assets 1200] [--export-assets 100000]

* live: a `FakeGcp` in another process holds an organization of three projects with ``--assets``
  assets of every family the scanner reads; the scanner (a fresh process, the real google-cloud-asset
  REST client) scans the organization. Reported: wall time, peak RSS, ListAssets requests.
* export: ``--export-assets`` lines of a Cloud Asset export (JSON lines; a fifth of them asset types
  the scanner does not read) are evaluated by `scan_export` in a fresh process: wall, peak RSS.

Measured on the 2-core development machine (shared), with every family of the 49-rule scanner fed (VMs with
their projects' metadata, datasets, DNS zones, service-account keys, key policies, SQL flags): live, 1,210
assets in 3 projects -> 19 ListAssets requests, 1.1 s wall, 74 MB peak RSS, 1,296 model values, 3,102
findings, complete; export, 100,000 lines (97 MB) -> 87,500 model values and 218,735 findings in 6.4 s
wall, 370 MB peak RSS (findings included; the file itself is never held, only the assets of joining
families: VMs wait for their project's metadata, buckets for their IAM policies, networks for subnets).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CREATED = datetime(2026, 6, 1, tzinfo=UTC)
sys.path.insert(0, str(ROOT))

SERVER = r"""
import sys, warnings
warnings.simplefilter("ignore")
sys.path.insert(0, sys.argv[2])
from benchmarks.gcp_scan import organization
from hitrust_policies.testing.gcp_fake import FakeGcp
fake = FakeGcp()
projects, lines = organization(int(sys.argv[1]))
for p in projects:
    fake.add_project(p.id, p.number)
fake.add(*lines)
fake.start()
print(fake.endpoint, len(lines), flush=True)
sys.stdin.read()
print(len(fake.requests), flush=True)
"""

SCANNER = r"""
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
t0 = time.perf_counter()
from google.oauth2.credentials import Credentials
from hitrust_policies.sources.live.gcp.scan import scan_gcp
scan = scan_gcp(credentials=Credentials(token="bench"), organizations=[sys.argv[2]], api_endpoint=sys.argv[1])
findings = scan.findings()
print(json.dumps({"wall_s": time.perf_counter() - t0, "scan_s": scan.seconds,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "requests": sum(scan.calls.values()), "resources": len(scan.resources),
                  "findings": len(findings), "complete": scan.complete}))
"""

EXPORT = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from hitrust_policies.sources.live.gcp.scan import scan_export
scan = scan_export([sys.argv[1]])
findings = scan.findings()
print(json.dumps({"wall_s": time.perf_counter() - t0,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "resources": len(scan.resources), "findings": len(findings)}))
"""


def organization(n: int) -> tuple[list[Any], list[dict[str, Any]]]:
    """Three projects and about ``n`` assets spread over every family (IAM policy lines included)."""
    from hitrust_policies.testing import gcp_assets as ga

    projects = [ga.Project(f"phi-bench-{i}", str(418274650000 + i), folders=("301934554120",),
                           organization="805614281031") for i in range(3)]
    lines: list[dict[str, Any]] = [ga.project(p) for p in projects]
    lines += [ga.compute_project(p, {"enable-oslogin": "TRUE"} if k else None) for k, p in enumerate(projects)]
    created = datetime(2026, 6, 1, tzinfo=UTC)
    i = 0
    while len(lines) < n:
        p = projects[i % 3]
        lines += [
            ga.vm(p, f"vm-{i}", nat_ips=["34.1.2.3"] if i % 6 == 0 else [],
                  metadata={"block-project-ssh-keys": "TRUE"} if i % 2 else None),
            ga.dataset(p, f"ds_{i}"), ga.dataset_policy(p, f"ds_{i}"),
            ga.managed_zone(p, f"zone-{i}", f"z{i}.phi.example.", dnssec="off" if i % 4 == 0 else "on"),
            ga.service_account_key(p, f"sa-{i}", f"k{i}", created=created),
            ga.crypto_key_policy(p, "ring", f"key-{i}"),
            ga.firewall(p, f"fw-{i}", allowed=[("tcp", ["22", "443"])],
                        source_ranges=["0.0.0.0/0" if i % 4 == 0 else "10.0.0.0/8"]),
            ga.disk(p, f"disk-{i}"),
            ga.bucket(p, f"bucket-{i}", uniform=i % 5 != 0), ga.bucket_policy(p, f"bucket-{i}"),
            ga.sql_instance(p, f"sql-{i}", networks=["0.0.0.0/0"] if i % 7 == 0 else [],
                            flags={"log_connections": "on"} if i % 2 else None),
            ga.crypto_key(p, "ring", f"key-{i}", rotation_period=None if i % 3 == 0 else "7776000s"),
            ga.network(p, f"vpc-{i}"), ga.subnetwork(p, f"subnet-{i}", f"vpc-{i}", flow_logs=i % 2 == 0),
        ]
        i += 1
    return projects, lines


def export_file(path: Path, n: int) -> int:
    """Write an export of ``n`` lines, streaming (the benchmark process holds no more than one batch)."""
    from hitrust_policies.testing import gcp_assets as ga

    projects = [ga.Project(f"phi-bench-{i}", str(418274650000 + i), organization="805614281031") for i in range(5)]
    written = 0
    with path.open("w", encoding="utf-8") as fh:
        for p in projects:
            for head in (ga.project(p), ga.compute_project(p)):
                fh.write(json.dumps(head) + "\n")
                written += 1
        i = 0
        while written < n:
            p = projects[i % 5]
            other = {**ga.disk(p, f"other-{i}"), "asset_type": "compute.googleapis.com/Image",
                     "name": f"//compute.googleapis.com/projects/{p.id}/global/images/img-{i}"}
            batch = [ga.firewall(p, f"fw-{i}", allowed=[("tcp", ["22"])]), ga.disk(p, f"disk-{i}"),
                     ga.bucket(p, f"bucket-{i}"), ga.bucket_policy(p, f"bucket-{i}"), other,
                     ga.crypto_key(p, "ring", f"key-{i}"), ga.sql_instance(p, f"sql-{i}"),
                     ga.network(p, f"vpc-{i}"), ga.subnetwork(p, f"subnet-{i}", f"vpc-{i}", flow_logs=True), other,
                     ga.vm(p, f"vm-{i}"), ga.dataset(p, f"ds_{i}"), ga.managed_zone(p, f"zone-{i}", f"z{i}.example."),
                     ga.service_account_key(p, f"sa-{i}", f"k{i}", created=CREATED), other, other]
            for line in batch[: n - written]:
                fh.write(json.dumps(line, separators=(",", ":")) + "\n")
                written += 1
            i += 1
    return written


def run_child(code: str, *args: str) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--assets", type=int, default=1200)
    parser.add_argument("--export-assets", type=int, default=100_000)
    args = parser.parse_args()

    server = subprocess.Popen([sys.executable, "-c", SERVER, str(args.assets), str(ROOT)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT)})
    assert server.stdout and server.stdin
    endpoint, held = server.stdout.readline().split()
    try:
        live = run_child(SCANNER, endpoint, "805614281031")
    finally:
        server.stdin.close()
        served = server.stdout.readline().strip()
        server.wait(timeout=30)
    print(json.dumps({"live": {"assets": int(held), "requests_served": int(served), **live}}, indent=2))

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.json"
        started = time.perf_counter()
        lines = export_file(path, args.export_assets)
        written_s = time.perf_counter() - started
        result = run_child(EXPORT, str(path))
        print(json.dumps({"export": {"lines": lines, "file_mb": path.stat().st_size / 2**20,
                                     "write_s": written_s, **result}}, indent=2))


if __name__ == "__main__":
    main()
