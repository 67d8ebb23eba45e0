"""Where an SNS topic becomes a model value: encrypted only with a KMS key (SNS has no default encryption)."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import MessageQueue, Unknown
from hitrust_policies.sources.live.aws.collector import Ctx, collector

GONE = ("NotFound",)  # deleted since the listing


@collector("sns-topics", service="sns", kinds=(MessageQueue,), calls=("sns:ListTopics", "sns:GetTopicAttributes"))
def sns_topics(ctx: Ctx) -> Iterator[MessageQueue]:
    sns = ctx.client("sns")
    for topic in ctx.paginate("sns", "ListTopics", "Topics"):
        arn = topic["TopicArn"]
        attributes = ctx.fact(
            "sns:GetTopicAttributes",
            lambda: sns.get_topic_attributes(TopicArn=arn).get("Attributes", {}),
            absent=dict.fromkeys(GONE),
        )
        if attributes is None:
            continue
        ref = ctx.ref("AWS::SNS::Topic", arn, arn.rsplit(":", 1)[-1])
        if isinstance(attributes, Unknown):
            yield MessageQueue(ref=ref, encrypted=attributes, kms_key=attributes)
            continue
        kms_key = attributes.get("KmsMasterKeyId") or None
        yield MessageQueue(ref=ref, encrypted=kms_key is not None, kms_key=kms_key)
