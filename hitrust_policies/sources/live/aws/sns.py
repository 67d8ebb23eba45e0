"""Where an SNS topic becomes a model value: encrypted only with a KMS key (SNS has no default encryption)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import MessageQueue, ResourcePolicy, Unknown
from hitrust_policies.sources.aws_iam_policy import public_grants
from hitrust_policies.sources.live.aws.collector import Ctx, collector

GONE = ("NotFound",)  # deleted since the listing


@collector("sns-topics", service="sns", kinds=(MessageQueue, ResourcePolicy),
           calls=("sns:ListTopics", "sns:GetTopicAttributes"))
def sns_topics(ctx: Ctx) -> Iterator[MessageQueue | ResourcePolicy]:
    """Each topic's encryption and, from the same GetTopicAttributes call, who its access policy lets in."""
    sns = ctx.client("sns")
    def one(topic: dict[str, Any]) -> list[MessageQueue | ResourcePolicy]:
        arn = topic["TopicArn"]
        attributes = ctx.fact(
            "sns:GetTopicAttributes",
            lambda: sns.get_topic_attributes(TopicArn=arn).get("Attributes", {}),
            absent=dict.fromkeys(GONE),
        )
        if attributes is None:
            return []
        ref = ctx.ref("AWS::SNS::Topic", arn, arn.rsplit(":", 1)[-1])
        if isinstance(attributes, Unknown):
            return [MessageQueue(ref=ref, encrypted=attributes, kms_key=attributes),
                    ResourcePolicy(ref=ref, resource_type="topic", public_principals=attributes)]
        kms_key = attributes.get("KmsMasterKeyId") or None
        public = public_grants(attributes.get("Policy"))
        return [MessageQueue(ref=ref, encrypted=kms_key is not None, kms_key=kms_key),
                ResourcePolicy(ref=ref, resource_type="topic", public_principals=public)]

    for values in ctx.fan_out(one, ctx.paginate("sns", "ListTopics", "Topics")):
        yield from values
