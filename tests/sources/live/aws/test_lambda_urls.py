"""Lambda function URLs through the live scanner against moto."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urlparse

import boto3
import pytest
from botocore.awsrequest import AWSResponse

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, on_send, scan, table

RULE = "net-function-url-auth-required"


def code() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return {}\n")
    return buf.getvalue()


class _Body:
    def __init__(self, data: bytes) -> None:
        self._data = data

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._data


def seed(session: boto3.Session) -> None:
    """signed-fn's URL needs SigV4 (AWS_IAM); open-fn's anyone can call (NONE); plain-fn has no URL.

    moto stores URL configurations but does not list them: ``ListFunctionUrlConfigs`` is answered here with
    the wire JSON Lambda returns, built from moto's ``GetFunctionUrlConfig``.
    """
    role = session.client("iam").create_role(RoleName="fn-role", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    lam = session.client("lambda")
    configs: dict[str, list[dict[str, Any]]] = {}
    for name, auth in (("signed-fn", "AWS_IAM"), ("open-fn", "NONE"), ("plain-fn", None)):
        lam.create_function(FunctionName=name, Runtime="python3.12", Role=role, Handler="index.handler",
                            Code={"ZipFile": code()})
        configs[name] = []
        if auth:
            lam.create_function_url_config(FunctionName=name, AuthType=auth)
            got = lam.get_function_url_config(FunctionName=name)
            configs[name].append({k: got[k] for k in ("FunctionUrl", "FunctionArn", "AuthType")}
                                 | {"CreationTime": "2026-11-01T00:00:00Z", "LastModifiedTime": "2026-11-01T00:00:00Z"})

    def listing(request: Any) -> AWSResponse:
        name = unquote(urlparse(request.url).path.split("/functions/", 1)[1].split("/", 1)[0])
        body = json.dumps({"FunctionUrlConfigs": configs[name]}).encode()
        return AWSResponse(request.url, 200, {"Content-Type": "application/json"}, _Body(body))

    on_send(session, "lambda", "ListFunctionUrlConfigs", listing)


CASES = [
    Case("urls", table(f"""
        {RULE}  signed-fn  PASS
        {RULE}  open-fn    FAIL
    """)),
    Case("urls-denied", table(f"""
        {RULE}  signed-fn  UNKNOWN
        {RULE}  open-fn    UNKNOWN
        {RULE}  plain-fn   UNKNOWN
    """), denied=(("lambda", "ListFunctionUrlConfigs"),), unknown_reason="AccessDenied: lambda:ListFunctionUrlConfigs"),
    Case("listing-denied", table(f"""
        {RULE}  lambda-function-urls in us-east-1  UNKNOWN
    """), denied=(("lambda", "ListFunctions"),),
        unknown_reason="AccessDenied: lambda:ListFunctions (lambda-function-urls in us-east-1)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_function_urls(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    check(scan(session, "lambda-function-urls", CANARY), case)


def test_throttled_url_listing_is_unknown(session: boto3.Session) -> None:
    seed(session)
    case = Case("throttled", CASES[1].expected, denied=CASES[1].denied,
                unknown_reason="Throttled (retries exhausted): lambda:ListFunctionUrlConfigs")
    apply_denials(session, case, code="TooManyRequestsException", status=429)
    check(scan(session, "lambda-function-urls", CANARY), case)
