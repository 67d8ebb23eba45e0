"""Benchmark: an organization scan on Dask, latency-bound, for 1, 2, 4, 8 workers and growing organizations.

Run: python benchmarks/fleet_scan.py [--accounts 200] [--latency-ms 30] [--workers 1,2,4,8] [--grow 400]
     [--collectors ec2-volumes,ec2-security-groups,iam-users,kms-keys,logs-log-groups,s3-buckets]

A moto server (its own process) holds an organization of ``--accounts`` members, each seeded with a few dozen
resources in two regions; a loopback proxy in front of it adds ``--latency-ms`` to every request, roughly a
cross-region AWS round trip, so the scan is bound by latency as a real one is. moto answers on the same
machine, and on a small one its CPU time would be what is measured: an untimed warm-up scan records moto's
answers and the timed scans replay them (same account, same request, same answer; ``--no-replay`` to ask
moto every time). For each worker count, a fresh
coordinator process runs ``scan_organization`` on a new LocalCluster (worker processes, ``--threads`` each),
evaluating and spilling each account as it finishes (`fleet.stream.ScopeReports`) and then writing the JSON
report from disk, and reports wall time, its own peak RSS, each worker's peak RSS and API requests per
account. ``--grow`` adds members
and runs the largest worker count again: the coordinator's memory should stay flat as the organization grows.
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

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}
REGIONS = ("us-east-1", "us-west-2")

SERVER = r"""
import sys
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
sys.stdin.read()
"""

COORDINATOR = r"""
import json, resource, sys, time
from hitrust_policies.fleet.aws import executor_for, scan_organization
from hitrust_policies.fleet.stream import ScopeReports
from hitrust_policies.outputs.destinations import meta_for
from hitrust_policies.outputs.formats import FORMATS
from hitrust_policies.outputs.run import ReportRun
from hitrust_policies.sources.live.aws.collector import all_collectors
url, workers, names, regions = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(","), sys.argv[4].split(",")
threads = int(sys.argv[5])
executor, close = executor_for(None, workers, threads)
client = executor._client
started = time.perf_counter()
sink = ScopeReports(None, None)
merged = scan_organization(executor=executor, organization=True, regions=regions, endpoint_url=url,
                           collectors=[c for c in all_collectors() if c.name in names], max_per_scope=4,
                           open_scopes=max(8, 2 * workers * threads), sink=sink)
scanned = time.perf_counter() - started
scan = sink.scan(merged)
with open("/dev/null", "w") as fh:  # the JSON report, streamed from the spilled findings
    FORMATS["json"].write(fh, ReportRun.of(scan, scan.evaluated, meta_for(scan, "scan aws")))
wall = time.perf_counter() - started
def peak():
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
worker_rss = sorted(client.run(peak).values())
close()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"wall_s": wall, "scan_s": scanned, "coordinator_rss_mb": rss,
                  "worker_rss_mb": worker_rss, "accounts": len(merged.account.split(",")),
                  "api_calls": sum(merged.calls.values()), "findings": len(scan.evaluated),
                  "complete": scan.complete}))
"""


def seed(url: str, accounts: int, start: int = 0) -> list[str]:
    import boto3

    from hitrust_policies.sources.live.aws.accounts import assumed_session

    session = boto3.Session(region_name="us-east-1")
    org = session.client("organizations", endpoint_url=url)
    if start == 0:
        org.create_organization(FeatureSet="ALL")
    ids = []
    for n in range(start, start + accounts):
        account = org.create_account(AccountName=f"member-{n:04d}", Email=f"m{n}@example.com")[
            "CreateAccountStatus"]["AccountId"]
        ids.append(account)
        member = assumed_session(session, f"arn:aws:iam::{account}:role/hitrust-scanner", endpoint_url=url)
        for region in REGIONS:
            ec2 = member.client("ec2", region_name=region, endpoint_url=url)
            logs = member.client("logs", region_name=region, endpoint_url=url)
            kms = member.client("kms", region_name=region, endpoint_url=url)
            for i in range(4):
                ec2.create_volume(Size=8, AvailabilityZone=f"{region}a", Encrypted=i % 2 == 0)
                logs.create_log_group(logGroupName=f"/app/{i}")
            vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
            for i in range(3):
                ec2.create_security_group(GroupName=f"app-{i}", Description="app", VpcId=vpc)
            kms.create_key(Description="phi")
        iam = member.client("iam", endpoint_url=url)
        for i in range(3):
            iam.create_user(UserName=f"user-{i}")
        s3 = member.client("s3", endpoint_url=url)
        for i in range(3):
            s3.create_bucket(Bucket=f"phi-{account}-{i}")
    return ids


def coordinator(url: str, workers: int, collectors: str, threads: int) -> dict:
    out = subprocess.run([sys.executable, "-c", COORDINATOR, url, str(workers), collectors, ",".join(REGIONS),
                          str(threads)],
                         capture_output=True, text=True, env={**os.environ, **CREDENTIALS})
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def warm(proxy: object, workers: int, args: argparse.Namespace) -> None:
    """One untimed scan, so every timed one replays moto's answers (see `AwsProxy` ``replay``)."""
    t = time.perf_counter()
    m = coordinator(proxy.endpoint, workers, args.collectors, args.threads)  # type: ignore[attr-defined]
    print(f"  warm-up scan ({m['accounts']} accounts, answers recorded) in {time.perf_counter() - t:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--accounts", type=int, default=200)
    parser.add_argument("--grow", type=int, default=400, help="then grow the organization to this many (0: skip)")
    parser.add_argument("--latency-ms", type=float, default=30.0)
    parser.add_argument("--workers", default="1,2,4,8")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker process")
    parser.add_argument("--no-replay", dest="replay", action="store_false",
                        help="ask moto every time (by default a warm-up scan records moto's answers and the timed "
                             "scans replay them: moto's CPU is a real cloud's, not the scanner's)")
    parser.add_argument("--collectors", default="ec2-volumes,ec2-security-groups,iam-users,kms-keys,"
                                                "logs-log-groups,s3-buckets")
    args = parser.parse_args()
    os.environ.update(CREDENTIALS)
    from hitrust_policies.testing.aws_proxy import AwsProxy

    server = subprocess.Popen([sys.executable, "-c", SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        upstream = f"http://127.0.0.1:{server.stdout.readline().strip()}"
        t = time.perf_counter()
        seed(upstream, args.accounts)
        print(f"seeded {args.accounts} member accounts (+ management) in {time.perf_counter() - t:.0f} s; "
              f"latency {args.latency_ms:g} ms per request; collectors {args.collectors}; regions {REGIONS}")
        proxy = AwsProxy(upstream, latency=args.latency_ms / 1000, replay=args.replay).start()
        counts = [int(w) for w in args.workers.split(",")]
        if args.replay:
            warm(proxy, counts[-1], args)
        base = None
        for workers in counts:
            m = coordinator(proxy.endpoint, workers, args.collectors, args.threads)
            base = base or m["wall_s"] * counts[0]
            print(f"  {workers} worker(s): wall {m['wall_s']:.1f} s (speedup {base / m['wall_s'] / counts[0]:.2f}x "
                  f"of {workers}x ideal), coordinator peak RSS {m['coordinator_rss_mb']:.0f} MB, workers' peak RSS "
                  f"{', '.join(f'{r:.0f}' for r in m['worker_rss_mb'])} MB, "
                  f"{m['api_calls'] / m['accounts']:.1f} API requests per account, {m['accounts']} accounts, "
                  f"{m['findings']} findings, complete={m['complete']} (scan {m['scan_s']:.1f} s, then the report)")
        if args.grow > args.accounts:
            seed(upstream, args.grow - args.accounts, start=args.accounts)
            if args.replay:
                proxy.forget()  # the organization changed: its account list, for one, must be asked again
                warm(proxy, counts[-1], args)
            m = coordinator(proxy.endpoint, counts[-1], args.collectors, args.threads)
            print(f"  grown to {m['accounts']} accounts, {counts[-1]} workers: wall {m['wall_s']:.1f} s, coordinator "
                  f"peak RSS {m['coordinator_rss_mb']:.0f} MB, workers' peak RSS "
                  f"{', '.join(f'{r:.0f}' for r in m['worker_rss_mb'])} MB, "
                  f"{m['api_calls'] / m['accounts']:.1f} API requests per account")
        proxy.stop()
    finally:
        server.stdin.close()
        server.terminate()


if __name__ == "__main__":
    main()
