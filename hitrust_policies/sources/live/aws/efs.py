"""Where an EFS file system becomes a model value."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import FileSystem
from hitrust_policies.sources.live.aws.collector import Ctx, collector, tag


@collector("efs-file-systems", service="efs", kinds=(FileSystem,), calls=("efs:DescribeFileSystems",))
def efs_file_systems(ctx: Ctx) -> Iterator[FileSystem]:
    for fs in ctx.paginate("efs", "DescribeFileSystems", "FileSystems"):
        fid = fs["FileSystemId"]
        name = fs.get("Name") or tag(fs.get("Tags")) or fid
        arn = fs.get("FileSystemArn") or ctx.arn("elasticfilesystem", f"file-system/{fid}")
        yield FileSystem(
            ref=ctx.ref("AWS::EFS::FileSystem", arn, name),
            encrypted=bool(fs.get("Encrypted")),
            kms_key=fs.get("KmsKeyId") or None,
        )
