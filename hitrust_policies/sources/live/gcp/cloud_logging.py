"""Where Cloud Logging buckets become `LogGroup`s, and log sinks into buckets `LogArchive`s."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from hitrust_policies.model import LogArchive, LogGroup, Unknown
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.live.gcp.families import Ctx, data, dig, family

LOG_BUCKET = "logging.googleapis.com/LogBucket"
LOG_SINK = "logging.googleapis.com/LogSink"
BUCKET = "storage.googleapis.com/Bucket"


@family("log-buckets", asset_types=(LOG_BUCKET,), kinds=(LogGroup,))
def log_buckets(ctx: Ctx, assets: list[dict[str, Any]]) -> Iterator[LogGroup]:
    """Log buckets (``projects/P/locations/L/buckets/B``), named ``P/L/B``: every project has its own
    ``global/_Required`` and ``global/_Default``, so the project is part of the name. Logs in a bucket
    always expire (``retentionDays``, 30 when unset); its Cloud KMS key is ``cmekSettings.kmsKeyName``."""
    for asset in assets:
        bucket = data(asset)
        parts = str(bucket.get("name") or asset["name"]).split("/")
        location, bucket_id = (parts[-3], parts[-1]) if len(parts) >= 3 else ("global", parts[-1])
        ref = ctx.ref(asset)
        yield LogGroup(
            ref=replace(ref, name=f"{ref.account}/{location}/{bucket_id}"),
            retention_days=gcp.log_bucket_retention(bucket.get("retentionDays")),
            kms_key=dig(bucket, "cmekSettings", "kmsKeyName") or None,
            holds_audit_data=gcp.log_bucket_holds_audit(bucket_id),
        )


@family("log-archives", asset_types=(LOG_SINK, BUCKET, LOG_BUCKET), kinds=(LogArchive,), hierarchy=True)
def log_archives(ctx: Ctx, assets: list[dict[str, Any]]) -> Iterator[LogArchive]:
    """Every sink but the router's own (``_Required``, ``_Default``) whose destination is a Cloud Storage
    bucket or a log bucket, joined with that bucket: a storage bucket's ``retentionPolicy`` (a period,
    ``isLocked``), a log bucket's ``locked``. Disabled sinks count: what they archived is still there.
    Sinks are named ``<owner>/sinks/<name>``; a bucket the scan did not list (another project's, in a
    project-level scan) is unknown."""
    locked: dict[tuple[str, str], bool] = {}
    for asset in assets:
        body = data(asset)
        if asset.get("asset_type") == BUCKET:
            locked[("storage", str(body.get("name") or str(asset["name"]).rsplit("/", 1)[-1]))] = \
                gcp.bucket_retention_locked(body.get("retentionPolicy"))
        elif asset.get("asset_type") == LOG_BUCKET:
            relative = str(body.get("name") or str(asset["name"]).split("//logging.googleapis.com/", 1)[-1])
            locked[("logging", _log_bucket_key(ctx, relative))] = bool(body.get("locked"))
    for sink in (a for a in assets if a.get("asset_type") == LOG_SINK):
        body = data(sink)
        name = str(body.get("name") or str(sink["name"]).rsplit("/", 1)[-1])
        target = gcp.sink_archive(body.get("destination"))
        if name in gcp.BUILT_IN_SINKS or target is None:
            continue
        service, where = target
        key = (service, _log_bucket_key(ctx, where) if service == "logging" else where)
        owner = gcp.sink_owner(str(sink["name"]))
        account = ctx.account(sink) if owner.startswith("projects/") else owner
        ref = ctx.ref(sink)
        yield LogArchive(
            ref=replace(ref, name=f"{_named(ctx, owner)}/sinks/{name}", account=account),
            destination=str(body["destination"]),
            retention_locked=locked.get(key, Unknown(
                f"{body['destination']} not in the inventory (scan the project or organization holding it)")),
        )


def _named(ctx: Ctx, owner: str) -> str:
    """``projects/<id>`` for a project named by its number (as Cloud Asset names sinks)."""
    kind, _, ident = owner.partition("/")
    return f"{kind}/{ctx.projects.get(ident, ident)}" if kind == "projects" else owner


def _log_bucket_key(ctx: Ctx, relative: str) -> str:
    """``projects/P/locations/L/buckets/B`` -> ``<project id>/L/B``, whether P is the id or the number."""
    parts = relative.strip("/").split("/")
    if len(parts) < 6:
        return relative
    return f"{ctx.projects.get(parts[1], parts[1])}/{parts[3]}/{parts[5]}"
