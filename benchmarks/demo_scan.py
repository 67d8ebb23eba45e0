"""Benchmark: the demo account scan (wall time, peak RSS, API calls) and `hitrust --help` start-up.

Run: python benchmarks/demo_scan.py [--repeat N]
Each measurement runs in a fresh process so peak RSS and import costs are real.
Targets on a 2-core machine: --help < 0.5 s; demo scan < 5 s wall and < 200 MB peak RSS.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

CHILD = r"""
import json, resource, time
t0 = time.perf_counter()
import boto3
from moto import mock_aws
from hitrust_policies.demo import REGIONS, seed
from hitrust_policies.sources.live.aws.scan import scan_aws
t_import = time.perf_counter() - t0
with mock_aws():
    t1 = time.perf_counter()
    session = boto3.Session(region_name="us-east-1")
    seed(session)
    t_seed = time.perf_counter() - t1
    t2 = time.perf_counter()
    scan = scan_aws(session=session, regions=list(REGIONS))
    findings = scan.findings()
    t_scan = time.perf_counter() - t2
print(json.dumps({
    "import_s": t_import, "seed_s": t_seed, "scan_s": t_scan, "total_s": time.perf_counter() - t0,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "api_calls": sum(scan.calls.values()), "resources": len(scan.resources), "findings": len(findings),
}))
"""


SCANNER_ONLY = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from hitrust_policies.demo import REGIONS
from hitrust_policies.sources.live.aws.scan import scan_aws
scan = scan_aws(regions=list(REGIONS), endpoint_url=sys.argv[1])
findings = scan.findings()
print(json.dumps({"scan_s": scan.seconds, "total_s": time.perf_counter() - t0,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "api_calls": sum(scan.calls.values()), "findings": len(findings)}))
"""

SERVER = r"""
import sys, time
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
sys.stdin.read()
"""


def scanner_only() -> dict[str, float]:
    """The scanner's own footprint: the fake cloud runs in another process, as a real cloud would."""
    import os

    env = {**os.environ, "AWS_ACCESS_KEY_ID": "t", "AWS_SECRET_ACCESS_KEY": "t", "AWS_DEFAULT_REGION": "us-east-1"}
    server = subprocess.Popen([sys.executable, "-c", SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL,
                              text=True, env=env)
    try:
        url = f"http://127.0.0.1:{server.stdout.readline().strip()}"
        os.environ.update({k: env[k] for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION")})
        import boto3

        from hitrust_policies.demo import seed

        class EndpointSession(boto3.Session):
            def client(self, *args, **kwargs):  # type: ignore[override]
                return super().client(*args, endpoint_url=url, **kwargs)

        seed(EndpointSession(region_name="us-east-1"))
        out = subprocess.run([sys.executable, "-c", SCANNER_ONLY, url], capture_output=True, text=True, check=True,
                             env=env)
        return json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        server.stdin.close()
        server.terminate()


def demo_scan() -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def help_startup() -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "hitrust_policies.cli", "--help"], capture_output=True, check=True)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    runs = [demo_scan() for _ in range(args.repeat)]
    helps = [help_startup() for _ in range(max(5, args.repeat))]
    print(f"demo account: {runs[0]['resources']} resources, {runs[0]['findings']} findings, "
          f"{runs[0]['api_calls']} API calls per scan ({args.repeat} runs, median)")
    for key, label in (("scan_s", "scan wall (2 regions)"), ("seed_s", "seeding (moto, not the scanner)"),
                       ("import_s", "imports (boto3 + moto)"), ("total_s", "process total"),
                       ("peak_rss_mb", "peak RSS MB")):
        values = [r[key] for r in runs]
        print(f"  {label:34s} median {statistics.median(values):7.2f}   min {min(values):7.2f}   "
              f"max {max(values):7.2f}")
    alone = scanner_only()
    print(f"scanner process alone (demo account served by a moto server in another process): "
          f"scan {alone['scan_s']:.2f} s, process {alone['total_s']:.2f} s, peak RSS {alone['peak_rss_mb']:.0f} MB, "
          f"{alone['api_calls']} API calls, {alone['findings']} findings")
    print(f"  {'hitrust --help start-up (s)':34s} median {statistics.median(helps):7.3f}   min {min(helps):7.3f}")


if __name__ == "__main__":
    main()
