"""EFS file systems: encryption at rest, through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from hitrust_policies.model import FileSystem
from tests.sources.live.aws.conftest import ACCOUNT, CANARY, Case, apply_denials, check, scan, table

RULE = "enc-file-system-encrypted"
KEY_ARN = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/11111111-2222-3333-4444-555555555555"


def seed(session: boto3.Session) -> str:
    """phi-shared: encrypted with a KMS key; scratch-share: not encrypted; an untagged, encrypted file
    system (named by its id, returned)."""
    efs = session.client("efs")
    efs.create_file_system(CreationToken="phi", Encrypted=True, KmsKeyId=KEY_ARN,
                           Tags=[{"Key": "Name", "Value": "phi-shared"}])
    efs.create_file_system(CreationToken="scratch", Tags=[{"Key": "Name", "Value": "scratch-share"}])
    return efs.create_file_system(CreationToken="untagged", Encrypted=True)["FileSystemId"]


def untagged(name: str) -> str:
    return "<untagged fs id>" if name.startswith("fs-") else name


CASES = [
    Case("baseline", table(f"""
        {RULE}  phi-shared        PASS
        {RULE}  scratch-share     FAIL
        {RULE}  <untagged fs id>  PASS
    """)),
    Case(
        "listing-denied",  # nothing listed, no file system to name: UNKNOWN comes as a scope gap
        table(f"{RULE}  efs-file-systems in us-east-1  UNKNOWN"),
        denied=(("efs", "DescribeFileSystems"),),
        unknown_reason="AccessDenied: efs:DescribeFileSystems (efs-file-systems in us-east-1)",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_file_system_encryption(session: boto3.Session, case: Case) -> None:
    """Named by the Name tag, else the file system id."""
    seed(session)
    apply_denials(session, case, code="AccessDeniedException", status=403)
    check(scan(session, "efs-file-systems", CANARY), case, rename=untagged)


def test_facts_and_refs(session: boto3.Session) -> None:
    """moto leaves KmsKeyId out of an encrypted file system created without one (AWS reports the
    aws/elasticfilesystem key): the rule reads Encrypted alone."""
    fid = seed(session)
    result = scan(session, "efs-file-systems")
    systems = {r.ref.name: r for r in result.resources if isinstance(r, FileSystem)}
    assert {name: (fs.encrypted, fs.kms_key) for name, fs in systems.items()} == {
        "phi-shared": (True, KEY_ARN), "scratch-share": (False, None), fid: (True, None)}
    ref = systems[fid].ref
    assert (ref.native_type, ref.native_id) == (
        "AWS::EFS::FileSystem", f"arn:aws:elasticfilesystem:us-east-1:{ACCOUNT}:file-system/{fid}")
