"""Benchmark: an organization scan through an AWS Config aggregator against the direct path, on one organization.

Run: python benchmarks/config_path.py [--accounts 50] [--latency-ms 30] [--threads 8]

A moto server (its own process) holds ``--accounts`` member accounts, each with volumes (half encrypted, under
moto's default key), security groups and a KMS key in two regions; `record_account` turns each member's state
into the configuration items Config would hold, served by the local Config fake. A loopback proxy in front of
each adds ``--latency-ms`` to every request. The same `scan_organization` (threads) then runs the collectors the
Config path replaces (``ec2-volumes``, ``ec2-security-groups``) directly and through the aggregator; the report
is wall time, API requests (at the proxies: every request that crossed the "network") and whether both paths
gave the same verdicts and finding ids.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}
REGIONS = ("us-east-1", "us-west-2")
COLLECTORS = ("ec2-volumes", "ec2-security-groups")
CAPTURED = "2026-11-30T03:00:00.000Z"

SERVER = r"""
import sys
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
sys.stdin.read()
"""


def seed(url: str, accounts: int) -> tuple[list[str], list[dict]]:
    """The members, and the CIs their recorders would hold."""
    import boto3

    from hitrust_policies.sources.live.aws.accounts import assumed_session
    from hitrust_policies.testing.config_fake import record_account

    session = boto3.Session(region_name="us-east-1")
    org = session.client("organizations", endpoint_url=url)
    org.create_organization(FeatureSet="ALL")
    ids, items = [], []
    for n in range(accounts):
        account = org.create_account(AccountName=f"member-{n:04d}", Email=f"m{n}@example.com")[
            "CreateAccountStatus"]["AccountId"]
        ids.append(account)
        member = assumed_session(session, f"arn:aws:iam::{account}:role/hitrust-scanner", endpoint_url=url)
        for region in REGIONS:
            ec2 = member.client("ec2", region_name=region, endpoint_url=url)
            key = member.client("kms", region_name=region, endpoint_url=url).create_key()["KeyMetadata"]["Arn"]
            for i in range(4):
                extra = {"Encrypted": True, "KmsKeyId": key} if i % 2 == 0 else {"Encrypted": False}
                ec2.create_volume(Size=8, AvailabilityZone=f"{region}a", **extra)
            vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
            for i in range(3):
                ec2.create_security_group(GroupName=f"app-{i}", Description="app", VpcId=vpc)
        items += record_account(member, account, REGIONS, CAPTURED, url)
    return ids, items


def run(accounts: list[str], url: str, threads: int, **config: str) -> tuple[float, object]:
    from hitrust_policies.fleet.aws import scan_organization
    from hitrust_policies.sources.live.aws.collector import all_collectors

    chosen = [c for c in all_collectors() if c.name in COLLECTORS]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        scan = scan_organization(executor=pool, accounts=accounts, regions=REGIONS, collectors=chosen,
                                 endpoint_url=url, max_per_scope=4, open_scopes=threads, **config)
    return time.perf_counter() - started, scan


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--accounts", type=int, default=50)
    parser.add_argument("--latency-ms", type=float, default=30.0)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    os.environ.update(CREDENTIALS)
    from hitrust_policies.testing.aws_proxy import AwsProxy
    from hitrust_policies.testing.config_fake import ConfigFake

    server = subprocess.Popen([sys.executable, "-c", SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        upstream = f"http://127.0.0.1:{server.stdout.readline().strip()}"
        t = time.perf_counter()
        accounts, items = seed(upstream, args.accounts)
        print(f"seeded {len(accounts)} member accounts x {len(REGIONS)} regions ({len(items)} configuration items) "
              f"in {time.perf_counter() - t:.0f} s; latency {args.latency_ms:g} ms per request; "
              f"{args.threads} threads; collectors {', '.join(COLLECTORS)}")
        latency = args.latency_ms / 1000
        fake = ConfigFake(items=items).start()
        fake.add_sources(accounts, REGIONS)
        aws = AwsProxy(upstream, latency=latency).start()
        config = AwsProxy(fake.endpoint, latency=latency).start()
        results = {}
        for name, kwargs in (("direct", {}), ("config", {"config_aggregator": "org",
                                                         "config_endpoint_url": config.endpoint})):
            aws.requests.clear()
            config.requests.clear()
            wall, scan = run(accounts, aws.endpoint, args.threads, **kwargs)
            requests = sum(aws.requests.values()) + sum(config.requests.values())
            results[name] = scan
            paths = sorted({c.path for c in scan.coverage})
            print(f"  {name:6}: wall {wall:6.1f} s, {requests:5d} API requests ({requests / len(accounts):.1f} per "
                  f"account; Config {sum(config.requests.values())}), {len(scan.findings())} findings, "
                  f"coverage paths {paths}, complete={scan.complete}")
        same = sorted((f.id, f.status) for f in results["direct"].findings()) == sorted(
            (f.id, f.status) for f in results["config"].findings())
        print(f"  same finding ids and verdicts on both paths: {same}")
        for proxy in (aws, config, fake):
            proxy.stop()
    finally:
        server.stdin.close()
        server.terminate()


if __name__ == "__main__":
    main()
