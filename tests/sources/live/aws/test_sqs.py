"""SQS queues: messages encrypted at rest (SSE-SQS or SSE-KMS), through the live scanner against moto."""

from __future__ import annotations

import json

import boto3
import pytest

from hitrust_policies.model import MessageQueue
from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, deny, on_send, respond, scan, table

RULE = "enc-message-queue-encrypted"


def seed(session: boto3.Session) -> None:
    """phi-orders: no attributes (SSE-SQS, the default for new queues); phi-results.fifo: a KMS key;
    legacy-intake: SSE-SQS turned off."""
    sqs = session.client("sqs")
    sqs.create_queue(QueueName="phi-orders")
    sqs.create_queue(QueueName="phi-results.fifo", Attributes={"FifoQueue": "true", "KmsMasterKeyId": "alias/phi"})
    sqs.create_queue(QueueName="legacy-intake", Attributes={"SqsManagedSseEnabled": "false"})


CASES = [
    Case("baseline", table(f"""
        {RULE}  phi-orders        PASS
        {RULE}  phi-results.fifo  PASS
        {RULE}  legacy-intake     FAIL
    """)),
    Case(
        "attributes-denied",
        table(f"""
            {RULE}  phi-orders        UNKNOWN
            {RULE}  phi-results.fifo  UNKNOWN
            {RULE}  legacy-intake     UNKNOWN
        """),
        denied=(("sqs", "GetQueueAttributes"),),
        unknown_reason="AccessDenied: sqs:GetQueueAttributes",
    ),
    Case(
        "listing-denied",
        table(f"{RULE}  sqs-queues in us-east-1  UNKNOWN"),
        denied=(("sqs", "ListQueues"),),
        unknown_reason="AccessDenied: sqs:ListQueues (sqs-queues in us-east-1)",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_queue_encryption(session: boto3.Session, case: Case) -> None:
    """Per queue, named by queue name; a denied attribute read is UNKNOWN for that queue, not a pass."""
    seed(session)
    apply_denials(session, case)
    check(scan(session, "sqs-queues", CANARY), case)


def queues(session: boto3.Session) -> dict[str, MessageQueue]:
    result = scan(session, "sqs-queues")
    assert result.complete
    return {r.ref.name: r for r in result.resources if isinstance(r, MessageQueue)}


def test_facts_and_refs(session: boto3.Session) -> None:
    """moto, like SQS since October 2022, reports SSE-SQS on a queue created without attributes."""
    seed(session)
    url = session.client("sqs").get_queue_url(QueueName="phi-orders")["QueueUrl"]
    attributes = session.client("sqs").get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attributes["SqsManagedSseEnabled"] == "true" and "KmsMasterKeyId" not in attributes
    found = queues(session)
    assert {name: (q.encrypted, q.kms_key) for name, q in found.items()} == {
        "phi-orders": (True, None), "phi-results.fifo": (True, "alias/phi"), "legacy-intake": (False, None)}
    ref = found["phi-orders"].ref
    assert (ref.native_type, ref.native_id, ref.region, ref.source) == (
        "AWS::SQS::Queue", "arn:aws:sqs:us-east-1:123456789012:phi-orders", "us-east-1", "live")


def test_a_queue_reporting_no_encryption_attribute_is_not_encrypted(session: boto3.Session) -> None:
    """A queue from before SSE-SQS became the default may report neither attribute: no default is assumed."""
    session.client("sqs").create_queue(QueueName="pre-2022-queue")
    respond(session, "sqs", "GetQueueAttributes", {"Attributes": {}})
    check(scan(session, "sqs-queues"), Case("old-queue", table(f"{RULE}  pre-2022-queue  FAIL")))


def test_a_queue_deleted_after_the_listing_is_skipped(session: boto3.Session) -> None:
    """NonExistentQueue between ListQueues and GetQueueAttributes: the queue is gone, not a gap."""
    seed(session)
    deny(session, "sqs", "GetQueueAttributes", code="AWS.SimpleQueueService.NonExistentQueue", status=400)
    result = scan(session, "sqs-queues")
    assert result.complete and not [r for r in result.resources if isinstance(r, MessageQueue)]


def test_listing_asks_for_pages(session: boto3.Session) -> None:
    """ListQueues returns a NextToken only when MaxResults is set: without it a scan stops at 1000 queues."""
    seed(session)
    bodies = []
    on_send(session, "sqs", "ListQueues", lambda request: bodies.append(json.loads(request.body)))
    assert len(queues(session)) == 3
    assert bodies == [{"MaxResults": 1000}]
