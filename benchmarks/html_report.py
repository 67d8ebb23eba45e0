"""Benchmark: the HTML assessor report of a large scan (write time, peak RSS).

Run: python benchmarks/html_report.py [--findings 200000] [--out /tmp/report.html] [--evidence /tmp/ev.zip]

A fresh process builds N findings over every built-in rule (real References from the crosswalk,
a mix of PASS / FAIL / UNKNOWN, some suppressed, a baseline), then writes the report to a file.
It prints the process's peak RSS before and after writing: the findings themselves are the caller's
memory; the writer's share is the difference. Wall and CPU seconds both: on a machine shared with other
work, the CPU time is the writer's own cost. Target (issue 10): 200,000 findings in <= 5 s and
<= 300 MB peak RSS on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from hitrust_policies import all_rules
from hitrust_policies.findings import Finding, Status, Suppression, finding_id
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.outputs.baseline import compare
from hitrust_policies.outputs.html import write_html
from hitrust_policies.outputs.run import ReportRun, RunMeta
from hitrust_policies.sources.live.aws.scan import Coverage, ScanResult
from hitrust_policies.mappings import default_mappings

n, out, evidence = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rules = all_rules()
maps = default_mappings()
refs = {r.id: maps.references(r.id) for r in rules}
statuses = (Status.FAIL, Status.PASS, Status.PASS, Status.UNKNOWN, Status.PASS)
accepted = Suppression("*", "name:bucket-000*", "compensating control", "sec-team", "SEC-1", "2099-12-31")
findings = []
for i in range(n):
    r = rules[i % len(rules)]
    ref = ResourceRef("aws", "AWS::S3::Bucket", f"arn:aws:s3:::bucket-{i:07d}", f"bucket-{i:07d}",
                      f"{111122220000 + i % 7}", ("us-east-1", "eu-west-1", "ap-south-1")[i % 3], "live")
    status = statuses[i % 5]
    findings.append(Finding(r.id, r.title, r.domain, r.severity, status, ref,
                            f"<b>bucket-{i:07d}</b> has default encryption off" if status is not Status.PASS else "",
                            "enable it", refs[r.id], finding_id(r.id, ref),
                            accepted if i % 1000 == 0 and status is not Status.PASS else None))
coverage = [Coverage(f"collector-{c}", region, "ok" if c % 9 else "partial", 10,
                     () if c % 9 else ("AccessDenied: s3:GetBucketPolicy",), f"{111122220000 + a}")
            for a in range(7) for region in ("us-east-1", "eu-west-1", "ap-south-1") for c in range(40)]
scan = ScanResult("aws", "111122220000", ["us-east-1", "eu-west-1", "ap-south-1"], [], [], coverage)
baseline = [{"id": f.id, "status": "FAIL", "rule_id": f.rule_id} for f in findings[: n // 10]]
run = ReportRun.of(scan, findings, RunMeta("0.1.0", "2026-01-01T00:00:00+00:00", "scan aws"),
                   changes=compare(baseline, findings))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t0, c0 = time.perf_counter(), time.process_time()
with open(out, "w", encoding="utf-8") as fh:
    write_html(fh, run)
seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
result = {"findings": n, "write_s": round(seconds, 2), "write_cpu_s": round(cpu, 2),
          "peak_rss_before_mb": round(before),
          "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
          "html_mb": round(__import__("os").path.getsize(out) / 2**20, 1)}
if evidence:
    from hitrust_policies.outputs.evidence import write_evidence
    t1, c1 = time.perf_counter(), time.process_time()
    write_evidence(__import__("pathlib").Path(evidence), run, [])
    result["evidence_zip_s"] = round(time.perf_counter() - t1, 2)
    result["evidence_zip_cpu_s"] = round(time.process_time() - c1, 2)
    result["evidence_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps(result))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=200_000)
    parser.add_argument("--out", default="/tmp/hitrust-benchmark-report.html")
    parser.add_argument("--evidence", default="", help="also time an evidence bundle (zip) of the same run")
    args = parser.parse_args()
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", CHILD, str(args.findings), args.out, args.evidence],
                          capture_output=True, text=True, cwd=root,
                          env={**__import__("os").environ, "PYTHONPATH": str(root)}, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["target_met"] = result["write_s"] <= 5 and result["peak_rss_mb"] <= 300
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
