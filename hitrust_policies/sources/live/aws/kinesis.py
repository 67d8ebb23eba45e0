"""Where a Kinesis data stream becomes a `MessageQueue` (`aws_kinesis`): ``ListStreams``, then
``DescribeStreamSummary`` per stream, a few at a time, for its encryption type and key."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import MessageQueue, Unknown
from hitrust_policies.sources import aws_kinesis
from hitrust_policies.sources.live.aws.collector import Ctx, collector


@collector("kinesis-streams", service="kinesis", kinds=(MessageQueue,),
           calls=("kinesis:ListStreams", "kinesis:DescribeStreamSummary"))
def kinesis_streams(ctx: Ctx) -> Iterator[MessageQueue]:
    kinesis = ctx.client("kinesis")

    def one(name: str) -> MessageQueue | None:
        summary = ctx.fact("kinesis:DescribeStreamSummary",
                           lambda: kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"],
                           absent={"ResourceNotFoundException": None})  # deleted since the listing
        if summary is None:
            return None
        if isinstance(summary, Unknown):
            encrypted, key = summary, summary
            arn = ctx.arn("kinesis", f"stream/{name}")
        else:
            encrypted, key = aws_kinesis.encryption(summary.get("EncryptionType"), summary.get("KeyId"))
            arn = summary.get("StreamARN") or ctx.arn("kinesis", f"stream/{name}")
        return MessageQueue(ref=ctx.ref(aws_kinesis.NATIVE_TYPE, arn, name), encrypted=encrypted, kms_key=key)

    names = list(ctx.paginate("kinesis", "ListStreams", "StreamNames"))
    yield from (s for s in ctx.fan_out(one, names) if s is not None)
