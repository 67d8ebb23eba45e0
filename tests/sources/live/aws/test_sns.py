"""SNS topics: messages encrypted at rest only with a KMS key, through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from hitrust_policies.model import MessageQueue
from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, deny, scan, table

RULE = "enc-message-queue-encrypted"


def seed(session: boto3.Session) -> None:
    """lab-results: a KMS key; phi-alerts: created without attributes (SNS has no default encryption)."""
    sns = session.client("sns")
    sns.create_topic(Name="lab-results", Attributes={"KmsMasterKeyId": "alias/aws/sns"})
    sns.create_topic(Name="phi-alerts")


CASES = [
    Case("baseline", table(f"""
        {RULE}  lab-results  PASS
        {RULE}  phi-alerts   FAIL
    """)),
    Case(
        "attributes-denied",  # SNS answers AuthorizationError
        table(f"""
            {RULE}  lab-results  UNKNOWN
            {RULE}  phi-alerts   UNKNOWN
        """),
        denied=(("sns", "GetTopicAttributes"),),
        unknown_reason="AccessDenied: sns:GetTopicAttributes",
    ),
    Case(
        "listing-denied",
        table(f"{RULE}  sns-topics in us-east-1  UNKNOWN"),
        denied=(("sns", "ListTopics"),),
        unknown_reason="AccessDenied: sns:ListTopics (sns-topics in us-east-1)",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_topic_encryption(session: boto3.Session, case: Case) -> None:
    """Per topic, named by topic name."""
    seed(session)
    apply_denials(session, case, code="AuthorizationError", status=403)
    check(scan(session, "sns-topics", CANARY), case)


def test_facts_and_refs(session: boto3.Session) -> None:
    seed(session)
    result = scan(session, "sns-topics")
    topics = {r.ref.name: r for r in result.resources if isinstance(r, MessageQueue)}
    assert {name: (t.encrypted, t.kms_key) for name, t in topics.items()} == {
        "lab-results": (True, "alias/aws/sns"), "phi-alerts": (False, None)}
    ref = topics["phi-alerts"].ref
    assert (ref.native_type, ref.native_id) == ("AWS::SNS::Topic", "arn:aws:sns:us-east-1:123456789012:phi-alerts")


def test_a_topic_deleted_after_the_listing_is_skipped(session: boto3.Session) -> None:
    seed(session)
    deny(session, "sns", "GetTopicAttributes", code="NotFound", status=404)
    result = scan(session, "sns-topics")
    assert result.complete and not [r for r in result.resources if isinstance(r, MessageQueue)]
