"""Where an EFS file system becomes a model value.

Whether it refuses mounts without TLS is in its file system policy (DescribeFileSystemPolicy, one call per
file system: EFS has no batch read of policies); PolicyNotFound means it has none.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import FileSystem, Unknown
from hitrust_policies.sources.aws_efs_policy import denies_plaintext_mounts
from hitrust_policies.sources.live.aws.collector import Ctx, collector, tag


@collector("efs-file-systems", service="efs", kinds=(FileSystem,),
           calls=("efs:DescribeFileSystems", "efs:DescribeFileSystemPolicy"))
def efs_file_systems(ctx: Ctx) -> Iterator[FileSystem]:
    yield from ctx.fan_out(lambda fs: _file_system(ctx, fs), list(ctx.paginate("efs", "DescribeFileSystems",
                                                                                "FileSystems")))


def _file_system(ctx: Ctx, fs: dict[str, Any]) -> FileSystem:
    fid = fs["FileSystemId"]
    name = fs.get("Name") or tag(fs.get("Tags")) or fid
    arn = fs.get("FileSystemArn") or ctx.arn("elasticfilesystem", f"file-system/{fid}")
    policy = ctx.fact("efs:DescribeFileSystemPolicy",
                      lambda: ctx.client("efs").describe_file_system_policy(FileSystemId=fid),
                      absent={"PolicyNotFound": {}})
    return FileSystem(
        ref=ctx.ref("AWS::EFS::FileSystem", arn, name),
        encrypted=bool(fs.get("Encrypted")),
        kms_key=fs.get("KmsKeyId") or None,
        tls_only=policy if isinstance(policy, Unknown) else denies_plaintext_mounts(policy.get("Policy")),
    )
