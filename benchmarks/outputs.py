"""Benchmark: every report format writing 200,000 findings (target: <= 5 s and <= 300 MB peak RSS each).

Run: python benchmarks/outputs.py [--findings 200000] [--formats json,sarif] [--out DIR]

The findings are realistic: every registered rule with its real references (CSF / HIPAA / NIST, vendor
provenance), built the way the engine builds them, over resources of AWS, Azure and GCP with full-length
ARNs / ARM ids / resource names, a mix of FAIL / UNKNOWN / PASS and some suppressed (a few expired).
Each format runs in its own subprocess, which builds the findings, then times ``write(fh, run)`` into a
file (wall and CPU time: on a shared machine the CPU time is the number that travels); the peak RSS is the
subprocess's ``ru_maxrss`` (findings included), and tracemalloc's peak of the
write alone is reported beside it. Formats come from the registry, so a new format is measured too.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_SECONDS, TARGET_MB = 5.0, 300


def build_run(n: int):  # noqa: ANN201 - a ReportRun
    """``n`` findings over every rule, the engine's way (`engine._finding`), in a `ReportRun`."""
    from collections import Counter
    from dataclasses import replace

    from hitrust_policies.engine import _finding
    from hitrust_policies.findings import Status, Suppression
    from hitrust_policies.mappings import default_mappings
    from hitrust_policies.model.ref import ResourceRef
    from hitrust_policies.outputs.run import ReportRun, RunMeta
    from hitrust_policies.rules import all_rules
    from hitrust_policies.sources.live.aws.scan import Coverage, ScanResult

    mappings = default_mappings()
    rules = all_rules()
    per_resource = 8
    regions = ["us-east-1", "eu-west-1", "westeurope", "us-central1"]
    accepted = Suppression("enc-*", "tag:data-class=synthetic", "synthetic test data, no PHI", "sec-team@example.com",
                           "SEC-1234", "2099-12-31", False, "suppressions.yaml: suppressions[0]")
    lapsed = Suppression("net-*", "account:111122223333", "legacy VPN, being replaced", "net-team@example.com",
                         "NET-77", "2020-01-31", True, "suppressions.yaml: suppressions[1]")
    findings = []
    i = 0
    while len(findings) < n:
        cloud = ("aws", "azure", "gcp")[i % 3]
        region = regions[i % len(regions)]
        if cloud == "aws":
            ref = ResourceRef("aws", "AWS::S3::Bucket", f"arn:aws:s3:::phi-records-{i:07d}-{region}-archive-bucket",
                              f"phi-records-{i:07d}", f"{111122220000 + i % 40:012d}", region, "live")
        elif cloud == "azure":
            sub = f"{i % 40:08x}-1111-2222-3333-444455556666"
            ref = ResourceRef("azure", "Microsoft.Storage/storageAccounts",
                              f"/subscriptions/{sub}/resourceGroups/rg-clinical-{i % 97}/providers/"
                              f"Microsoft.Storage/storageAccounts/stclinical{i:07d}", f"stclinical{i:07d}", sub,
                              region, "live")
        else:
            ref = ResourceRef("gcp", "storage.googleapis.com/Bucket",
                              f"//storage.googleapis.com/projects/_/buckets/phi-imaging-{i:07d}",
                              f"phi-imaging-{i:07d}", f"clinical-prod-{i % 40}", region, "live")
        for k in range(per_resource):
            r = rules[(i * per_resource + k) % len(rules)]
            pick = (i * 7 + k) % 10
            status = Status.FAIL if pick < 3 else Status.UNKNOWN if pick == 3 else Status.PASS
            message = {Status.FAIL: f"{r.title.lower()}: not configured on {ref.name}",
                       Status.UNKNOWN: "AccessDenied: s3:GetEncryptionConfiguration on the bucket",
                       Status.PASS: ""}[status]
            f = _finding(r, ref, status, message, mappings)
            if pick == 1 and k % 4 == 0:
                f = replace(f, suppression=accepted)
            elif pick == 2 and k % 8 == 0:
                f = replace(f, suppression=lapsed)
            findings.append(f)
            if len(findings) == n:
                break
        i += 1
    coverage = [Coverage("s3-buckets", region, "ok", n // 4, (), "111122223333") for region in regions]
    coverage.append(Coverage("kms-keys", "eu-west-1", "partial", 3, ("AccessDenied: kms:DescribeKey",), "111122223333"))
    scan = ScanResult("aws", "111122223333", regions, [], [], coverage, Counter({"ListBuckets": 4}), 12.5)
    meta = RunMeta("0.1.0", "2026-01-01T00:00:00+00:00", "scan aws", "arn:aws:iam::111122223333:role/scanner",
                   ("111122223333",), {"domains": ["encryption"]})
    return ReportRun.of(scan, findings, meta)


CHILD = r"""
import json, resource, sys, time, tracemalloc
sys.path.insert(0, sys.argv[1])
from benchmarks.outputs import build_run
from hitrust_policies.outputs.formats import FORMATS
fmt, n, path = sys.argv[2], int(sys.argv[3]), sys.argv[4]
run = build_run(n)
built = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
tracemalloc.start()
started, cpu = time.perf_counter(), time.process_time()
with open(path, "w", encoding="utf-8", newline="") as fh:
    FORMATS[fmt].write(fh, run)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
_, traced = tracemalloc.get_traced_memory()
tracemalloc.stop()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu, "findings_mb": built, "peak_mb": peak,
                  "write_traced_mb": traced / 2**20}))
"""

CHILD_UNTRACED = CHILD.replace("tracemalloc.start()", "").replace("_, traced = tracemalloc.get_traced_memory()",
                                                                   "traced = 0").replace("tracemalloc.stop()", "")


def measure(fmt: str, n: int, out: Path) -> dict[str, float]:
    """Time (without tracemalloc, which slows Python code ~2x) and memory (with it) in separate processes."""
    path = out / f"bench.{fmt}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    timed = json.loads(subprocess.run([sys.executable, "-c", CHILD_UNTRACED, str(ROOT), fmt, str(n), str(path)],
                                      check=True, capture_output=True, text=True, env=env).stdout)
    traced = json.loads(subprocess.run([sys.executable, "-c", CHILD, str(ROOT), fmt, str(n), str(path)],
                                       check=True, capture_output=True, text=True, env=env).stdout)
    return {"seconds": timed["seconds"], "cpu": timed["cpu"], "peak_mb": max(timed["peak_mb"], traced["peak_mb"]),
            "findings_mb": timed["findings_mb"], "write_traced_mb": traced["write_traced_mb"],
            "file_mb": path.stat().st_size / 2**20}


def main() -> None:
    from hitrust_policies.outputs.formats import FORMATS

    parser = argparse.ArgumentParser()
    parser.add_argument("--findings", type=int, default=200_000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--out", help="keep the written files here (default: a temporary directory)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.out or tmp)
        out.mkdir(parents=True, exist_ok=True)
        print(f"{args.findings} findings; target <= {TARGET_SECONDS} s, <= {TARGET_MB} MB peak RSS")
        print(f"{'format':10} {'write s':>8} {'cpu s':>6} {'peak MB':>8} {'findings MB':>12} {'write MB':>9} "
              f"{'file MB':>8}")
        ok = True
        for fmt in args.formats.split(","):
            m = measure(fmt, args.findings, out)
            within = m["seconds"] <= TARGET_SECONDS and m["peak_mb"] <= TARGET_MB
            ok &= within
            print(f"{fmt:10} {m['seconds']:8.2f} {m['cpu']:6.2f} {m['peak_mb']:8.0f} {m['findings_mb']:12.0f} "
                  f"{m['write_traced_mb']:9.1f} {m['file_mb']:8.1f} {'' if within else '  OVER TARGET'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
