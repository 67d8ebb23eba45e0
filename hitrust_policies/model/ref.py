"""Where a model value came from: the identity every finding is keyed on."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ResourceRef:
    """Identity of one resource, whichever source saw it.

    ``native_id`` is the source's own stable id (ARN, Pulumi URN, ARM id, full
    resource name); ``name`` is the human name a report shows and the key parity
    tests compare across sources (the physical name where known). ``part`` tells apart
    several model values drawn from one native resource (each opening of a security
    group): findings on them get distinct ids while still pointing at the resource.
    ``observed_at``: when the facts were captured, where the source is a recorded inventory rather than a
    live read (AWS Config's ``configurationItemCaptureTime``); not part of the identity (``compare=False``),
    so equality, hashing and finding ids are the same whichever path read the resource.
    """

    provider: str  # aws | azure | gcp
    native_type: str  # "AWS::S3::Bucket", "aws:s3/bucket:Bucket", ...
    native_id: str
    name: str
    account: str | None = None
    region: str | None = None
    source: str = "manual"  # live | pulumi | terraform | manual
    part: str | None = None
    observed_at: str | None = field(default=None, compare=False, metadata={"omit_if_none": True})

    @classmethod
    def manual(cls, name: str, native_type: str = "manual", provider: str = "aws") -> ResourceRef:
        """A ref for hand-built model values (library users, tests, docs).

        >>> ResourceRef.manual("phi-bucket").native_id
        'manual:phi-bucket'
        """
        return cls(provider=provider, native_type=native_type, native_id=f"manual:{name}", name=name)
