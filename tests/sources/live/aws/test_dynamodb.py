"""DynamoDB tables as databases, through the live scanner against moto: always encrypted, a customer key only
when the table names one, no endpoint of their own to make public, IAM logins always."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

ENC, KMS = "enc-database-storage-encrypted", "enc-database-storage-kms"
PUBLIC, DIRECTORY = "net-database-not-public", "iam-database-directory-auth"
TABLES = ("phi-claims", "managed-claims", "plain-sessions")


def seed(session: boto3.Session) -> None:
    """phi-claims: a customer key; managed-claims: KMS with the AWS-managed aws/dynamodb key; plain-sessions: the
    default AWS owned key (no SSEDescription)."""
    ddb = session.client("dynamodb")
    key = session.client("kms").create_key(Description="claims")["KeyMetadata"]["Arn"]
    base = {"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}]}
    ddb.create_table(TableName="phi-claims", SSESpecification={"Enabled": True, "SSEType": "KMS",
                                                               "KMSMasterKeyId": key}, **base)
    ddb.create_table(TableName="managed-claims", SSESpecification={"Enabled": True, "SSEType": "KMS"}, **base)
    ddb.create_table(TableName="plain-sessions", **base)
    aws_managed(session)


def aws_managed(session: boto3.Session) -> None:
    """moto makes the aws/dynamodb key a customer key (KeyManager CUSTOMER); KMS says AWS for every key behind an
    aws/ alias: DescribeKey answers are corrected so after moto answers."""
    reserved = {a["TargetKeyId"] for a in session.client("kms").list_aliases()["Aliases"]
                if a["AliasName"].startswith("alias/aws/") and a.get("TargetKeyId")}

    def fix(parsed: dict[str, Any], **_: Any) -> None:
        meta = parsed.get("KeyMetadata") or {}
        if meta.get("KeyId") in reserved:
            meta["KeyManager"] = "AWS"

    session.events.register("after-call.kms.DescribeKey", fix)


def always(*rules: str) -> str:
    return "\n".join(f"{rule}  {name}  PASS" for name in TABLES for rule in rules)


CASES = [
    Case("baseline", table(f"""
        {always(ENC, PUBLIC, DIRECTORY)}
        {KMS}  phi-claims      PASS
        {KMS}  managed-claims  FAIL
        {KMS}  plain-sessions  FAIL
    """)),
    Case("describe-key-denied", table(f"""
        {KMS}  phi-claims      UNKNOWN
        {KMS}  managed-claims  UNKNOWN
        {KMS}  plain-sessions  FAIL
    """), denied=(("kms", "DescribeKey"),), unknown_reason="AccessDenied: kms:DescribeKey"),
    Case("describe-table-denied", table("\n".join(
        f"{r}  {n}  {'UNKNOWN' if r == KMS else 'PASS'}" for n in TABLES for r in (ENC, PUBLIC, DIRECTORY, KMS))),
        denied=(("dynamodb", "DescribeTable"),), unknown_reason="AccessDenied: dynamodb:DescribeTable"),
    Case("listing-denied", table("\n".join(f"{r}  dynamodb-tables in us-east-1  UNKNOWN"
                                           for r in (ENC, PUBLIC, DIRECTORY, KMS))),
         denied=(("dynamodb", "ListTables"),),
         unknown_reason="AccessDenied: dynamodb:ListTables (dynamodb-tables in us-east-1)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_tables(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    check(scan(session, "dynamodb-tables", CANARY), case)


def test_throttled_describe_table_is_unknown(session: boto3.Session) -> None:
    seed(session)
    case = Case("throttled", CASES[2].expected, denied=CASES[2].denied,
                unknown_reason="Throttled (retries exhausted): dynamodb:DescribeTable")
    apply_denials(session, case, code="ThrottlingException", status=400)
    check(scan(session, "dynamodb-tables", CANARY), case)


def test_table_in_the_model(session: boto3.Session) -> None:
    seed(session)
    [t] = [r for r in scan(session, "dynamodb-tables", CANARY).resources if r.ref.name == "plain-sessions"]
    assert (t.engine, t.publicly_accessible, t.ref.native_type) == ("dynamodb", None, "AWS::DynamoDB::Table")
    assert t.ref.native_id == "arn:aws:dynamodb:us-east-1:123456789012:table/plain-sessions"
