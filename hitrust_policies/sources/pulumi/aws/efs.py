"""EFS file systems (``aws:efs/fileSystem:FileSystem``): ``encrypted`` is false unless set.

EFS has no physical name: named like the live scanner, by the ``Name`` tag, else the
logical name.
"""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import FileSystem
from hitrust_policies.sources.pulumi.props import optional, to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


@pulumi_adapter("aws:efs/fileSystem:FileSystem", produces=FileSystem)
def file_system(res: PulumiResource, stack: Stack) -> Iterator[FileSystem]:
    yield FileSystem(
        ref=res.ref(),
        encrypted=to_bool(res.props.get("encrypted"), False),
        kms_key=optional(res.props.get("kmsKeyId")),
    )
