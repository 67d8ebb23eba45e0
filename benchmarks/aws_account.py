"""Benchmark: per-resource cost of a full AWS scan, on the demo account and on a ~1,600-resource account.

Run: python benchmarks/aws_account.py [--code DIR ...] [--repeat N]

Why per resource: every rule added to the AWS set adds collectors, so a scan's absolute cost grows with
coverage; what must not grow is what each judged resource costs (wall time, API requests) and the scanner's
peak memory. ``--code`` measures other checkouts of the library with the same account and the same harness
(e.g. a worktree of an older commit), so two versions compare like for like; the first is the baseline the
ratios are taken against. Default: this checkout only.

The account is served by a moto server in another process (as a real cloud would be) and seeded once with a
spread of what a healthcare workload holds: buckets, users with keys, roles with inline policies, managed
policies, VPCs with subnets, security groups, instances, volumes and snapshots, KMS keys, log groups,
queues, topics, RDS instances and snapshots, EFS, load balancers, trails, DynamoDB tables, secrets, Kinesis
streams and Redshift clusters. Each scan runs in a fresh process (all collectors, one region) so its peak RSS
and imports are real. The demo account is seeded and scanned in-process under moto's in-memory mock.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
REGION = "us-east-1"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": REGION}

SERVER = r"""
import sys
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
sys.stdin.read()
"""

SCAN = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from hitrust_policies.sources.live.aws.scan import scan_aws
t1 = time.perf_counter()
scan = scan_aws(regions=[sys.argv[2]], endpoint_url=sys.argv[1])
findings = scan.findings()
print(json.dumps({"scan_s": time.perf_counter() - t1, "import_s": t1 - t0,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "api_calls": sum(scan.calls.values()), "resources": len(scan.resources),
                  "findings": len(findings), "complete": scan.complete}))
"""

DEMO = r"""
import json, resource, time
import boto3
from moto import mock_aws
from hitrust_policies.demo import REGIONS, seed
from hitrust_policies.sources.live.aws.scan import scan_aws
with mock_aws():
    session = boto3.Session(region_name="us-east-1")
    seed(session)
    t = time.perf_counter()
    scan = scan_aws(session=session, regions=list(REGIONS))
    findings = scan.findings()
    scan_s = time.perf_counter() - t
print(json.dumps({"scan_s": scan_s, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "api_calls": sum(scan.calls.values()), "resources": len(scan.resources),
                  "findings": len(findings)}))
"""

POLICY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::phi-*/*"}]})
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


def seed(url: str) -> dict[str, int]:
    """Create the account's resources; returns how many of each were asked for."""
    import boto3

    session = boto3.Session(region_name=REGION, **{k.lower(): v for k, v in CREDENTIALS.items()
                                                  if k != "AWS_DEFAULT_REGION"})

    def client(name: str):  # noqa: ANN202
        return session.client(name, endpoint_url=url)

    counts: dict[str, int] = {}
    s3 = client("s3")
    for i in range(250):
        s3.create_bucket(Bucket=f"phi-bucket-{i:04d}")
        if i % 3 == 0:
            s3.put_bucket_versioning(Bucket=f"phi-bucket-{i:04d}", VersioningConfiguration={"Status": "Enabled"})
    counts["s3 buckets"] = 250

    iam = client("iam")
    for i in range(20):
        iam.create_group(GroupName=f"group-{i:02d}")
    for i in range(150):
        iam.create_user(UserName=f"user-{i:04d}")
        iam.add_user_to_group(GroupName=f"group-{i % 20:02d}", UserName=f"user-{i:04d}")
        if i % 3 == 0:
            iam.create_access_key(UserName=f"user-{i:04d}")
        if i % 5 == 0:
            iam.create_login_profile(UserName=f"user-{i:04d}", Password="Correct-Horse-Battery-9")
    for i in range(100):
        iam.create_role(RoleName=f"role-{i:04d}", AssumeRolePolicyDocument=TRUST)
        iam.put_role_policy(RoleName=f"role-{i:04d}", PolicyName="data", PolicyDocument=POLICY)
    for i in range(80):
        iam.create_policy(PolicyName=f"policy-{i:04d}", PolicyDocument=POLICY)
    counts.update({"iam groups": 20, "iam users": 150, "iam roles": 100, "iam policies": 80})

    ec2 = client("ec2")
    subnets: list[str] = []
    for v in range(20):
        vpc = ec2.create_vpc(CidrBlock=f"10.{v}.0.0/16")["Vpc"]["VpcId"]
        for s in range(5):
            subnets.append(ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.{v}.{s}.0/24",
                                             AvailabilityZone=f"{REGION}{'ab'[s % 2]}")["Subnet"]["SubnetId"])
        for g in range(7):
            sg = ec2.create_security_group(GroupName=f"sg-{v}-{g}", Description="app", VpcId=vpc)["GroupId"]
            ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[
                {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
                {"IpProtocol": "tcp", "FromPort": 22 if g == 0 else 8443, "ToPort": 22 if g == 0 else 8443,
                 "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    ec2.run_instances(ImageId="ami-12c6146b", MinCount=60, MaxCount=60, InstanceType="t3.micro",
                      SubnetId=subnets[0])
    volumes = [ec2.create_volume(AvailabilityZone=f"{REGION}a", Size=8, Encrypted=i % 2 == 0)["VolumeId"]
               for i in range(120)]
    for volume in volumes[:40]:
        ec2.create_snapshot(VolumeId=volume)
    counts.update({"vpcs": 20, "subnets": 100, "security groups": 140, "instances": 60, "volumes": 120,
                   "ebs snapshots": 40})

    kms = client("kms")
    for i in range(50):
        key = kms.create_key(Description=f"key-{i}")["KeyMetadata"]["KeyId"]
        if i % 2 == 0:
            kms.enable_key_rotation(KeyId=key)
    logs = client("logs")
    for i in range(120):
        logs.create_log_group(logGroupName=f"/app/service-{i:04d}")
        if i % 2 == 0:
            logs.put_retention_policy(logGroupName=f"/app/service-{i:04d}", retentionInDays=365)
    sqs, sns = client("sqs"), client("sns")
    for i in range(80):
        sqs.create_queue(QueueName=f"queue-{i:04d}")
        sns.create_topic(Name=f"topic-{i:04d}")
    counts.update({"kms keys": 50, "log groups": 120, "sqs queues": 80, "sns topics": 80})

    rds = client("rds")
    for i in range(30):
        rds.create_db_instance(DBInstanceIdentifier=f"db-{i:03d}", DBInstanceClass="db.t3.micro",
                               Engine="postgres", MasterUsername="admin", MasterUserPassword="Secret-Pass-123",
                               AllocatedStorage=20, StorageEncrypted=i % 2 == 0)
    for i in range(20):
        rds.create_db_snapshot(DBSnapshotIdentifier=f"db-snap-{i:03d}", DBInstanceIdentifier=f"db-{i:03d}")
    efs = client("efs")
    for i in range(20):
        efs.create_file_system(CreationToken=f"fs-{i}", Encrypted=i % 2 == 0)
    elbv2 = client("elbv2")
    for i in range(20):
        elbv2.create_load_balancer(Name=f"alb-{i:02d}", Subnets=subnets[i * 5:i * 5 + 2])
    s3.create_bucket(Bucket="audit-trail-logs")
    cloudtrail = client("cloudtrail")
    for i in range(5):
        cloudtrail.create_trail(Name=f"trail-{i}", S3BucketName="audit-trail-logs", IsMultiRegionTrail=i == 0)
        cloudtrail.start_logging(Name=f"trail-{i}")
    counts.update({"rds instances": 30, "rds snapshots": 20, "efs": 20, "load balancers": 20, "trails": 5})

    dynamodb = client("dynamodb")
    for i in range(40):
        dynamodb.create_table(TableName=f"table-{i:03d}", BillingMode="PAY_PER_REQUEST",
                              KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                              AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
    secrets = client("secretsmanager")
    for i in range(40):
        secrets.create_secret(Name=f"secret-{i:03d}", SecretString="s3cr3t")
    kinesis = client("kinesis")
    for i in range(20):
        kinesis.create_stream(StreamName=f"stream-{i:03d}", ShardCount=1)
    redshift = client("redshift")
    for i in range(10):
        redshift.create_cluster(ClusterIdentifier=f"warehouse-{i}", NodeType="dc2.large",
                                MasterUsername="admin", MasterUserPassword="Secret-Pass-123",
                                ClusterType="single-node", Encrypted=i % 2 == 0)
    counts.update({"dynamodb tables": 40, "secrets": 40, "kinesis streams": 20, "redshift clusters": 10})
    return counts


def run(script: str, code: Path, *args: str) -> dict:
    env = {**os.environ, **CREDENTIALS, "PYTHONPATH": str(code)}
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env,
                         cwd=code)
    if out.returncode:
        raise SystemExit(f"{code}: scan failed\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def median_of(runs: list[dict]) -> dict:
    return {k: statistics.median(r[k] for r in runs) if isinstance(runs[0][k], (int, float)) else runs[0][k]
            for k in runs[0]}


def per_resource(m: dict) -> dict[str, float]:
    n = max(m["resources"], 1)
    return {"ms_per_resource": 1000 * m["scan_s"] / n, "calls_per_resource": m["api_calls"] / n,
            "rss_kb_per_resource": 1024 * m["peak_rss_mb"] / n}


def report(label: str, m: dict, base: dict | None) -> None:
    pr = per_resource(m)
    line = (f"  {label}: {m['resources']} resources, {m['findings']} findings, scan {m['scan_s']:.2f} s, "
            f"peak RSS {m['peak_rss_mb']:.0f} MB, {m['api_calls']:.0f} API requests | per resource "
            f"{pr['ms_per_resource']:.2f} ms, {pr['calls_per_resource']:.2f} requests, "
            f"{pr['rss_kb_per_resource']:.0f} KB RSS")
    if base is not None:
        b = per_resource(base)
        line += " | vs baseline " + ", ".join(f"{pr[k] / b[k]:.2f}x" for k in pr)
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--code", action="append", type=Path,
                        help="a checkout of the library to measure (repeatable; the first is the baseline)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    codes = [c.resolve() for c in (args.code or [HERE])]

    print("demo account (moto in-process, the demo's regions):")
    demo_base = None
    for code in codes:
        m = median_of([run(DEMO, code) for _ in range(args.repeat)])
        report(str(code), m, demo_base)
        demo_base = demo_base or m

    env = {**os.environ, **CREDENTIALS}
    server = subprocess.Popen([sys.executable, "-c", SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        url = f"http://127.0.0.1:{server.stdout.readline().strip()}"
        os.environ.update(CREDENTIALS)
        counts = seed(url)
        print(f"large account (moto server in another process, {REGION}): {sum(counts.values())} resources seeded "
              f"({', '.join(f'{v} {k}' for k, v in counts.items())})")
        base = None
        for code in codes:
            m = median_of([run(SCAN, code, url, REGION) for _ in range(args.repeat)])
            report(str(code), m, base)
            base = base or m
    finally:
        server.stdin.close()
        server.terminate()


if __name__ == "__main__":
    main()
