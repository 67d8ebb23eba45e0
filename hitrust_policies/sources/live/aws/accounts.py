"""Scan many accounts: assume a read-only role in each, scan it, and report them as one.

Security teams scan an organization, not an account. Each member account gets the same
role (``scanners/aws/iam-policy.json`` attached, trusting the scanning principal); the
scanner assumes it, scans, and merges. An account whose role cannot be assumed, or that
cannot be read at all, is not dropped: it enters the report as UNKNOWN for every rule,
with the reason, and the scan counts as incomplete.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from hitrust_policies.engine import CoverageGap
from hitrust_policies.model import ResourceRef
from hitrust_policies.sources.live.aws.cloudtrail import JOINED_KINDS
from hitrust_policies.sources.live.aws.collector import Collector, all_collectors
from hitrust_policies.sources.live.aws.errors import describe_failure
from hitrust_policies.sources.live.aws.iam import read_organization_view
from hitrust_policies.sources.live.aws.scan import (
    HOME_REGION,
    Coverage,
    ScanError,
    ScanResult,
    profile_session,
    recorded_calls,
    scan_aws,
)
from hitrust_policies.sources.live.cancelling import cancelling

# made by the scanning principal only; ListOrganizationsFeatures: member accounts cannot ask the organization
ACCOUNT_CALLS = ("sts:AssumeRole", "organizations:ListAccounts", "iam:ListOrganizationsFeatures")
# the AWS Config fast path (config_inventory), read by the scanning principal where the aggregator lives: each is
# at access level Read in the Service Authorization Reference (Select* runs a query; it changes nothing)
CONFIG_CALLS = ("config:SelectAggregateResourceConfig", "config:DescribeConfigurationAggregatorSourcesStatus",
                "config:SelectResourceConfig")
ACCOUNT_CALLS += CONFIG_CALLS


def organization_accounts(session: Any, endpoint_url: str | None = None) -> list[str]:
    """Active member accounts (run from the management or a delegated administrator account)."""
    client = session.client("organizations", region_name=session.region_name or HOME_REGION,
                            endpoint_url=endpoint_url)
    accounts = []
    for page in client.get_paginator("list_accounts").paginate():
        accounts += [a["Id"] for a in page["Accounts"] if a.get("Status", "ACTIVE") == "ACTIVE"]
    return sorted(accounts)


def assumed_session(session: Any, role_arn: str, external_id: str | None = None,
                    endpoint_url: str | None = None) -> Any:
    """A session on the role's temporary credentials (sharing the parent's parsed service models)."""
    import boto3
    import botocore.session

    kwargs: dict[str, Any] = {"RoleArn": role_arn, "RoleSessionName": "hitrust-policies-scan"}
    if external_id:
        kwargs["ExternalId"] = external_id
    sts = session.client("sts", region_name=session.region_name or HOME_REGION, endpoint_url=endpoint_url)
    creds = sts.assume_role(**kwargs)["Credentials"]
    core = botocore.session.get_session()
    core.register_component("data_loader", session._session.get_component("data_loader"))
    return boto3.Session(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                         aws_session_token=creds["SessionToken"], region_name=session.region_name or HOME_REGION,
                         botocore_session=core)


def _unreadable(account: str, reason: str, collectors: list[Collector]) -> tuple[list[CoverageGap], Coverage]:
    """Every rule is UNKNOWN for an account nobody could look into."""
    scope = ResourceRef("aws", "scope:account", f"aws:{account}", f"account {account}", account=account,
                        region="", source="live")
    kinds = {kind for c in collectors for kind in c.kinds}
    if any(c.name == "cloudtrail-trails" for c in collectors):
        kinds.update(JOINED_KINDS)
    gaps = [CoverageGap(kind, scope, reason) for kind in sorted(kinds, key=lambda k: k.__name__)]
    return gaps, Coverage("account", "global", "failed", 0, (reason,), account)


def scan_accounts(
    *,
    accounts: Iterable[str] | None = None,
    organization: bool = False,
    role_name: str = "hitrust-scanner",
    external_id: str | None = None,
    session: Any = None,
    profile: str | None = None,
    regions: Iterable[str] | None = None,
    collectors: Iterable[Collector] | None = None,
    endpoint_url: str | None = None,
    parallel_accounts: int = 4,
    progress: Callable[[int, int, str], None] | None = None,
    **scan_options: Any,
) -> ScanResult:
    """Scan every listed (or every active organization) account through ``role_name``; one merged result."""
    started = time.perf_counter()
    session = session or profile_session(profile)
    chosen = list(collectors) if collectors is not None else all_collectors()
    regions = list(regions) if regions is not None else None
    with recorded_calls(session) as own_calls:
        targets = list(accounts or [])
        if organization:
            try:
                targets += organization_accounts(session, endpoint_url)
            except Exception as exc:
                raise ScanError(f"could not list the organization's accounts "
                                f"({describe_failure(exc, 'organizations:ListAccounts')})") from exc
        targets = sorted(dict.fromkeys(targets))
        if not targets:
            raise ScanError("no accounts to scan")
        partition = session.client("sts", region_name=session.region_name or HOME_REGION).meta.partition
        view = None
        if any(c.name == "iam-root-account" for c in chosen):
            view = read_organization_view(session.client("iam", region_name=session.region_name or HOME_REGION,
                                                         endpoint_url=endpoint_url))

        def one(account: str) -> ScanResult | tuple[list[CoverageGap], Coverage]:
            role_arn = f"arn:{partition}:iam::{account}:role/{role_name}"
            try:
                member = assumed_session(session, role_arn, external_id, endpoint_url)
            except Exception as exc:
                return _unreadable(account, describe_failure(exc, f"sts:AssumeRole {role_arn}"), chosen)
            try:
                return scan_aws(session=member, regions=regions, collectors=chosen, endpoint_url=endpoint_url,
                                organization=view, **scan_options)
            except ScanError as exc:
                return _unreadable(account, str(exc), chosen)

        with cancelling(ThreadPoolExecutor(max_workers=max(1, parallel_accounts))) as pool:
            outcomes = []
            for done, outcome in enumerate(pool.map(one, targets), 1):
                outcomes.append(outcome)
                if progress:
                    progress(done, len(targets), f"account {targets[done - 1]}")
    return merge(targets, outcomes, own_calls, time.perf_counter() - started)


def merge(accounts: list[str], outcomes: list[Any], own_calls: Counter[str], seconds: float) -> ScanResult:
    """One `ScanResult` over many accounts: every finding still carries its own account."""
    result = ScanResult("aws", ",".join(accounts), [], [], [], [], Counter(own_calls), seconds)
    regions: set[str] = set()
    for outcome in outcomes:
        if isinstance(outcome, ScanResult):
            regions.update(outcome.regions)
            result.resources += outcome.resources
            result.gaps += outcome.gaps
            result.coverage += outcome.coverage
            result.calls.update(outcome.calls)
        else:
            gaps, coverage = outcome
            result.gaps += gaps
            result.coverage.append(coverage)
    result.regions = sorted(regions)
    return result
