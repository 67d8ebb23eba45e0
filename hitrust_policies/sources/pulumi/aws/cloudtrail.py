"""CloudTrail trails. Provider defaults: logging on, single-region, no log file validation."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import AuditTrail
from hitrust_policies.sources.pulumi.props import optional, to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


@pulumi_adapter("aws:cloudtrail/trail:Trail", produces=AuditTrail)
def trail(res: PulumiResource, stack: Stack) -> Iterator[AuditTrail]:
    yield AuditTrail(
        ref=res.ref("name"),
        multi_region=to_bool(res.props.get("isMultiRegionTrail"), False),
        logging=to_bool(res.props.get("enableLogging"), True),
        log_file_validation=to_bool(res.props.get("enableLogFileValidation"), False),
        kms_key=optional(res.props.get("kmsKeyId")),
    )
