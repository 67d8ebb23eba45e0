"""EFS file systems (``aws:efs/fileSystem:FileSystem``): ``encrypted`` is false unless set.

EFS has no physical name: named like the live scanner, by the ``Name`` tag, else the
logical name. Whether it refuses mounts without TLS comes from the stack's
``aws:efs/fileSystemPolicy:FileSystemPolicy`` naming it (none: no policy, so it does not).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import FileSystem
from hitrust_policies.sources.aws_efs_policy import denies_plaintext_mounts
from hitrust_policies.sources.pulumi.props import optional, preview_unknown, to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

POLICY = ("aws:efs/fileSystemPolicy:FileSystemPolicy",)


def _tls_only(fs: PulumiResource, stack: Stack) -> Any:
    sure, maybe = stack.referrers(fs, POLICY, "fileSystemId", ("arn",))
    if sure:
        return denies_plaintext_mounts(sure[-1].props.get("policy"))
    if maybe:
        return preview_unknown(f"file system of {maybe[0].logical_name}")
    return False


@pulumi_adapter("aws:efs/fileSystem:FileSystem", produces=FileSystem, joins=True)
def file_system(res: PulumiResource, stack: Stack) -> Iterator[FileSystem]:
    yield FileSystem(
        ref=res.ref(),
        encrypted=to_bool(res.props.get("encrypted"), False),
        kms_key=optional(res.props.get("kmsKeyId")),
        tls_only=_tls_only(res, stack),
    )
