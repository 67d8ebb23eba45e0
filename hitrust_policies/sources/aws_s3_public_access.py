"""S3 Block Public Access -> which guards leave a bucket open (shared by every AWS source).

Four independent guards, two for ACLs and two for policies; each can be set on the bucket
and account-wide (``s3control`` / ``AccountPublicAccessBlock``). S3 rejects a request that
any applicable level blocks, so per guard the **more restrictive** level wins: a guard
is open only when it is off on the bucket *and* on the account. CIS AWS Foundations 2.1.4
(v3.0) accepts either level; Prowler's ``s3_bucket_level_public_access_block`` passes a
bucket when the account-level block is on; AWS Config splits the two levels
(``s3-bucket-level-public-access-prohibited`` / ``s3-account-level-public-access-blocks-periodic``).

Three-valued per guard: on at a known level -> blocked, whatever the other level; off at
both -> open; otherwise unknown. So an unseen level never yields "blocked" unless the
other level alone blocks that guard.

Defaults the sources rely on: since April 2023 S3 creates every new bucket with all four
guards on (a Pulumi bucket without a ``BucketPublicAccessBlock`` resource gets them); a
``PublicAccessBlockConfiguration`` (or a pulumi-aws v7 block resource) that omits a
guard has it off; ``NoSuchPublicAccessBlockConfiguration`` means all four off.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hitrust_policies.model.facts import Unknown

GUARDS = ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")
PULUMI_PROPS = {g: g[0].lower() + g[1:] for g in GUARDS}  # blockPublicAcls ...
ALL_ON: dict[str, bool] = {g: True for g in GUARDS}  # a bucket created since April 2023
ALL_OFF: dict[str, bool] = {g: False for g in GUARDS}  # no configuration at that level

Level = Mapping[str, Any] | Unknown  # guard -> bool | Unknown, or the whole level unknown


def level(config: Mapping[str, Any] | Unknown | None) -> Level:
    """One level's guards from a ``PublicAccessBlockConfiguration`` (booleans or Unknowns, keyed by
    guard; None: no configuration at that level); an omitted guard is off.

    >>> level({"BlockPublicAcls": True})["IgnorePublicAcls"], level(None) == ALL_OFF
    (False, True)
    """
    if isinstance(config, Unknown):
        return config
    config = config or {}
    out = {}
    for guard in GUARDS:
        value = config.get(guard)
        out[guard] = value if isinstance(value, Unknown) else value is True
    return out


def _guard(lvl: Level, guard: str) -> Any:
    return lvl if isinstance(lvl, Unknown) else lvl.get(guard, False)


def open_guards(bucket: Level, account: Level = ALL_OFF) -> tuple[str, ...] | Unknown:
    """Guards on at neither level: ``()`` when public access is fully blocked.

    Known-open guards are reported even if another guard is unknown (that is already a
    failure); the result is unknown only when no guard is known open and some is unknown.

    >>> open_guards(ALL_ON), open_guards(ALL_OFF, ALL_ON), open_guards({**ALL_ON, "BlockPublicPolicy": False})
    ((), (), ('BlockPublicPolicy',))
    >>> open_guards(Unknown("AccessDenied: s3:GetPublicAccessBlock"), ALL_ON)  # the account alone blocks all
    ()
    >>> open_guards(Unknown("AccessDenied: s3:GetPublicAccessBlock"), {**ALL_ON, "IgnorePublicAcls": False})
    Unknown('AccessDenied: s3:GetPublicAccessBlock')
    >>> open_guards({**ALL_ON, "RestrictPublicBuckets": False}, Unknown("AccessDenied: s3control:GetPublicAccessBlock"))
    Unknown('AccessDenied: s3control:GetPublicAccessBlock')
    """
    opened: list[str] = []
    pending: Unknown | None = None
    for guard in GUARDS:
        values = (_guard(bucket, guard), _guard(account, guard))
        if any(v is True for v in values):
            continue
        unknown = next((v for v in values if isinstance(v, Unknown)), None)
        if unknown is not None:
            pending = unknown if pending is None else pending
        else:
            opened.append(guard)
    if not opened and pending is not None:
        return pending
    return tuple(opened)
