"""Programs written like public Pulumi AWS programs, through capture() and the real pack process.

Each program runs as a preview and as an update, with no harness option but the stack
config it declares, and the pack is configured ``{"all": "mandatory"}`` (so an UNKNOWN
shows as advisory). The expected verdicts are the exact multiset of
(policy, resource, level), one line each with why it is right. Lines marked
``WRONG TODAY`` are what the current rules say where issue 6 says they are wrong; they
change when those rules are fixed.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest

from hitrust_policies.testing.pulumi import UNKNOWN, CaptureResult, PackProcess, capture
from tests.packs.helpers import MANDATORY
from tests.pulumi_programs.real_world import (
    audited_data_store,
    awsx_container,
    components,
    eks_cluster,
    fargate,
    serverless,
    static_website,
    stock_template,
    webserver,
)

M, A = "mandatory", "advisory"
Key = tuple[str, str, str]


@dataclass(frozen=True)
class Case:
    program: Callable[[], None]
    preview: list[Key]
    update: list[Key] | None = None  # None: same as the preview
    config: dict[str, Any] = field(default_factory=dict)
    opaque: tuple[str, ...] = ()  # remote components the harness must report


BUCKET_DEFAULTS = [  # a bucket with nothing but its defaults
    ("enc-object-store-kms", "my-bucket", M),  # SSE-S3 by default, no KMS key
    ("enc-object-store-tls-only", "my-bucket", M),  # no bucket policy refusing plain HTTP
    ("log-object-store-access-logging", "my-bucket", M),  # no BucketLogging
    # no BucketPublicAccessBlock: new buckets block all public access by default (AWS, April 2023)
]
CONTENT = "www.example.com-content"
SITE = [
    ("enc-object-store-kms", CONTENT, M),  # SSE-S3 by default, no KMS key
    ("log-object-store-access-logging", CONTENT, M),  # no BucketLogging
    ("net-object-store-public-access-blocked", CONTENT, M),  # its PublicAccessBlock turns all four off
]

CASES = {
    "stock-template": Case(stock_template.program, BUCKET_DEFAULTS),
    "webserver": Case(webserver.program, [
        ("log-network-flow-logs", "vpc", M),  # a new VPC without a FlowLog
        ("net-instance-no-public-ip", "server", M),  # its subnet maps public IPs (map_public_ip_on_launch)
        ("net-instance-metadata-tokens", "server", M),  # no metadata_options: IMDSv1 answered too
        ("net-subnet-no-auto-public-ip", "subnet", M),  # map_public_ip_on_launch=True
        # web-sg opens 80 only (not an admin port); the root volume is encrypted
    ]),
    "serverless": Case(serverless.program, preview=[
        ("log-log-group-retention", "handler-logs", M),  # 30 days < 365
        # the inline policy is json_dumps over the table's ARN: the whole document is unknown in a preview
        ("iam-policy-grant-no-admin", "table-access", A),
        ("iam-policy-grant-no-service-wildcard", "table-access", A),
        ("iam-policy-grant-no-kms-decrypt-all-keys", "table-access", A),
        ("net-function-in-private-network", "handler", M),  # no vpc_config: Lambda's own network
        ("enc-database-storage-kms", "counter", M),  # the table keeps DynamoDB's own key (no customer key)
    ], update=[
        ("log-log-group-retention", "handler-logs", M),
        ("net-function-in-private-network", "handler", M),
        ("enc-database-storage-kms", "counter", M),
        # the role's inline policy grants three DynamoDB actions on one table: not admin
    ]),
    "fargate": Case(fargate.program, [
        # no protocol on an application load balancer's listener: HTTP, forwarded in plain text
        ("enc-tls-listener-modern", "web", M),
        ("log-request-logging", "app-lb", M),  # no access logs
        ("net-container-service-no-public-ip", "app-svc", M),  # assign_public_ip=True, as the example has it
        ("net-web-firewall-attached", "app-lb", M),  # internet-facing, no web ACL
        # the default VPC is looked up, not created: its flow logs are not this stack's to judge
    ]),
    "components": Case(components.program, [
        ("enc-database-storage-encrypted", "app-db", M),  # storage_encrypted left to its default, false
        ("enc-database-storage-kms", "app-db", M),  # so no key at all
        ("iam-database-directory-auth", "app-db", M),  # MySQL with password logins only
        ("log-database-auditing", "app-db", M),  # exports no audit log to CloudWatch Logs
        ("enc-database-tls-required", "app-db", M),  # MySQL on the default parameter group: plaintext accepted
        ("log-network-flow-logs", "app-net-vpc", M),  # the component's VPC has no FlowLog
        # app-db is not publicly accessible; its group opens 3306 to the VPC CIDR only
    ], config={"dbUser": "app", "dbPassword": "not-a-real-password"}),
    "eks-cluster": Case(eks_cluster.program, [
        ("log-network-flow-logs", "eks-vpc", M),  # no FlowLog
        ("log-cluster-control-plane-logs", "eks-cluster", M),  # no control-plane log type enabled
        ("net-cluster-endpoint-not-public", "eks-cluster", M),  # public endpoint left at 0.0.0.0/0
        *(("net-subnet-no-auto-public-ip", f"eks-subnet-us-east-1{az}", M) for az in "abc"),  # public subnets
        # the API server group opens 443 only
    ]),
    "static-website": Case(static_website.program, preview=[
        *SITE,
        # the public-read policy is built from the bucket's ARN, unknown in a preview of a new bucket
        ("enc-object-store-tls-only", CONTENT, A),
    ], update=[
        *SITE,
        ("enc-object-store-tls-only", CONTENT, M),  # the rendered policy allows reads and refuses nothing
    ], config={"targetDomain": "www.example.com"}),
    "audited-data-store": Case(audited_data_store.program, preview=[
        ("log-object-store-access-logging", "access-logs", M),  # the log bucket itself is not logged
        # the TLS-only policies come from bucket ARNs a preview does not know yet; the trail's and its
        # log group's key is the stack's records-key: set, though its ARN is unknown
        ("enc-object-store-tls-only", "access-logs", A),
        ("enc-object-store-tls-only", "records", A),
    ], update=[
        ("log-object-store-access-logging", "access-logs", M),  # the log bucket itself is not logged
        # the rendered TLS-only policies and the trail's KMS key now pass
    ]),
    "awsx-container": Case(awsx_container.program, [
        # service-sg opens the container port (80) only; what the awsx components would
        # create (subnets, load balancer, listeners) is invisible: reported as opaque
    ], opaque=("vpc", "loadbalancer")),
}


def diff(found: Iterable[Key], expected: Iterable[Key]) -> str:
    """Missing and unexpected violations, counted (a multiset)."""
    found_c, expected_c = Counter(found), Counter(expected)
    missing, unexpected = expected_c - found_c, found_c - expected_c
    lines = [f"  missing    {k}" + (f" x{n}" if n > 1 else "") for k, n in sorted(missing.items())]
    lines += [f"  unexpected {k}" + (f" x{n}" if n > 1 else "") for k, n in sorted(unexpected.items())]
    return "\n".join(lines)


def run(case: Case, preview: bool, pack: PackProcess) -> tuple[CaptureResult, list[Key]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        resources = capture(case.program, preview=preview, config=case.config)
    return resources, pack.run(resources, config=MANDATORY).keys


@pytest.mark.parametrize("preview", [True, False], ids=["preview", "update"])
@pytest.mark.parametrize("name", CASES)
def test_program_verdicts(name: str, preview: bool, pack: PackProcess) -> None:
    case = CASES[name]
    resources, found = run(case, preview, pack)
    expected = case.preview if preview or case.update is None else case.update
    problems = diff(found, expected)
    assert not problems, f"{name} ({'preview' if preview else 'update'}):\n{problems}"
    assert tuple(r.name for r in resources.opaque_components) == case.opaque
    assert resources.unanswered_invokes == ()  # every data source these programs call has an answer


def test_updates_give_program_code_plausible_values() -> None:
    """Outputs read in apply chains, f-strings and Output.concat have values in an update."""
    exports = {name: capture(CASES[name].program, preview=False, config=CASES[name].config).exports
               for name in ("stock-template", "webserver", "serverless", "fargate", "components", "static-website")}
    bucket = exports["stock-template"]["bucket_name"]
    assert bucket.startswith("my-bucket-") and len(bucket) == len("my-bucket-") + 7  # Pulumi's autoname shape
    assert exports["webserver"]["url"].startswith("http://server-") and exports["webserver"]["ip"] == "203.0.113.10"
    assert exports["webserver"]["ami_name"] == "al2023-ami-2023.2024.0.20240101-x86_64"
    assert exports["serverless"]["table_arn"].startswith("table/counter-")
    assert exports["fargate"]["url"].startswith("http://app-lb-") and exports["fargate"]["url"].endswith(
        ".elb.us-east-1.amazonaws.com")
    assert exports["components"]["db_url"].startswith("mysql://app@app-db-")
    assert exports["components"]["db_host"] == exports["components"]["db_url"].split("@")[1].split(":")[0]
    assert exports["static-website"] == {"content_bucket_url": exports["static-website"]["content_bucket_url"],
                                         "zone": "example.com"}
    assert exports["static-website"]["content_bucket_url"].startswith(f"s3://{CONTENT}-")


def test_previews_leave_computed_values_unknown() -> None:
    exports = capture(webserver.program, preview=True).exports
    assert exports["url"] == UNKNOWN and exports["ip"] == UNKNOWN
    assert exports["ami_name"] == "al2023-ami-2023.2024.0.20240101-x86_64"  # data sources answer in previews too
