"""Benchmark: a larger account behind real-world API latency, serial vs fanned-out per-resource reads.

Run: python benchmarks/large_account.py [--buckets 150] [--users 60] [--latency-ms 40]

A moto server (another process) holds the account; the scanner adds ``--latency-ms`` to every
request (a botocore ``before-send`` sleep), roughly a cross-region AWS round trip. The same
scan runs with per-resource reads one at a time (FAN_OUT_WORKERS=1) and with the default.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SERVER = r"""
import sys
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
sys.stdin.read()
"""


def seed(url: str, buckets: int, users: int) -> None:
    import boto3

    s3 = boto3.client("s3", region_name="us-east-1", endpoint_url=url)
    for i in range(buckets):
        s3.create_bucket(Bucket=f"phi-bucket-{i:04d}")
    iam = boto3.client("iam", region_name="us-east-1", endpoint_url=url)
    for i in range(users):
        iam.create_user(UserName=f"user-{i:04d}")


def scan(url: str, latency: float, workers: int) -> dict[str, float]:
    import boto3

    from hitrust_policies.sources.live.aws import collector
    from hitrust_policies.sources.live.aws.scan import scan_aws

    collector.FAN_OUT_WORKERS = workers
    session = boto3.Session(region_name="us-east-1")
    session.events.register("before-send", lambda **_: time.sleep(latency))
    chosen = [c for c in collector.all_collectors() if c.name in ("s3-buckets", "iam-users")]
    started = time.perf_counter()
    result = scan_aws(session=session, regions=["us-east-1"], collectors=chosen, endpoint_url=url)
    return {"seconds": time.perf_counter() - started, "calls": sum(result.calls.values()),
            "resources": len(result.resources)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--buckets", type=int, default=150)
    parser.add_argument("--users", type=int, default=60)
    parser.add_argument("--latency-ms", type=float, default=40.0)
    args = parser.parse_args()
    for var, value in (("AWS_ACCESS_KEY_ID", "t"), ("AWS_SECRET_ACCESS_KEY", "t"), ("AWS_DEFAULT_REGION", "us-east-1")):
        os.environ[var] = value
    server = subprocess.Popen([sys.executable, "-c", SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        url = f"http://127.0.0.1:{server.stdout.readline().strip()}"
        seed(url, args.buckets, args.users)
        rows = {workers: scan(url, args.latency_ms / 1000, workers) for workers in (1, 8)}
    finally:
        server.stdin.close()
        server.terminate()
    print(f"{args.buckets} buckets + {args.users} users, {args.latency_ms:.0f} ms added per request")
    for workers, row in rows.items():
        label = "serial per-resource reads" if workers == 1 else f"fan-out ({workers} per collector)"
        print(f"  {label:30s} {row['seconds']:6.1f} s  {row['calls']} API calls  {row['resources']} resources")
    print(json.dumps({str(k): v for k, v in rows.items()}))


if __name__ == "__main__":
    main()
