"""EFS file systems refusing mounts without TLS (enc-file-system-tls-only), through the live scanner against
moto's DescribeFileSystemPolicy (PolicyNotFound for a file system without a policy)."""

from __future__ import annotations

import json

import boto3
import pytest

from hitrust_policies.model import FileSystem
from tests.sources.live.aws.conftest import Case, apply_denials, check, scan, table

RULE = "enc-file-system-tls-only"
DENY_PLAINTEXT = {"Sid": "tls", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*",
                  "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
ALLOW_MOUNT = {"Sid": "mount", "Effect": "Allow", "Principal": {"AWS": "*"},
               "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]}
POLICIES = {
    "phi-shared": [ALLOW_MOUNT, DENY_PLAINTEXT],  # the console's "enforce in-transit encryption"
    "imaging": [{**DENY_PLAINTEXT, "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]}],
    "writes-only": [{**DENY_PLAINTEXT, "Action": "elasticfilesystem:ClientWrite"}],  # plaintext reads still mount
    "office-only": [{**DENY_PLAINTEXT, "Condition": {"Bool": {"aws:SecureTransport": "false"},
                                                      "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}],
    "allow-only": [ALLOW_MOUNT],
    "no-policy": None,
}


def seed(session: boto3.Session) -> None:
    efs = session.client("efs")
    for name, statements in POLICIES.items():
        fid = efs.create_file_system(CreationToken=name, Encrypted=True,
                                     Tags=[{"Key": "Name", "Value": name}])["FileSystemId"]
        if statements is not None:
            efs.put_file_system_policy(FileSystemId=fid, Policy=json.dumps(
                {"Version": "2012-10-17", "Statement": statements}))


CASES = [
    Case("baseline", table(f"""
        {RULE}  phi-shared   PASS
        {RULE}  imaging      PASS
        {RULE}  writes-only  FAIL
        {RULE}  office-only  FAIL
        {RULE}  allow-only   FAIL
        {RULE}  no-policy    FAIL
    """)),
    Case("policy-denied", table("\n".join(f"{RULE}  {name}  UNKNOWN" for name in POLICIES)),
         denied=(("efs", "DescribeFileSystemPolicy"),), unknown_reason="AccessDenied: "
         "efs:DescribeFileSystemPolicy"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_file_system_tls_only(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case, code="AccessDeniedException", status=403)
    check(scan(session, "efs-file-systems"), case)


def test_throttled_policy_read_is_unknown(session: boto3.Session) -> None:
    seed(session)
    case = Case("throttled", table("\n".join(f"{RULE}  {name}  UNKNOWN" for name in POLICIES)),
                denied=(("efs", "DescribeFileSystemPolicy"),),
                unknown_reason="Throttled (retries exhausted): efs:DescribeFileSystemPolicy")
    apply_denials(session, case, code="ThrottlingException", status=400)
    check(scan(session, "efs-file-systems"), case)


def test_tls_facts_and_message(session: boto3.Session) -> None:
    seed(session)
    result = scan(session, "efs-file-systems")
    facts = {r.ref.name: r.tls_only for r in result.resources if isinstance(r, FileSystem)}
    assert facts == {"phi-shared": True, "imaging": True, "writes-only": False, "office-only": False,
                     "allow-only": False, "no-policy": False}
    assert {f.message for f in result.findings() if f.rule_id == RULE and f.status.value == "FAIL"} == {
        "file system policy does not refuse mounts without TLS (aws:SecureTransport false)"}
