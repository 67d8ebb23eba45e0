"""The AWS Config fast path in an organization scan: the coordinator reads the aggregator, workers read the rest.

The coordinator runs the Config path's few paged queries (one per resource type, for the whole organization)
before planning, then drops from the plan each collector Config covers in that account and region
(`without_replaced`); workers run only what is left, and for accounts or regions the aggregator does not
reach, or types a recorder skips, the direct collectors run as before. When a scope finishes, the CIs of its
account become its model values next to what its units read (`config_part`).

An aggregator that cannot be read (denied, missing, throttled out) is not a scan failure: the direct path
reads the same facts, so every collector runs directly and the reason is logged; UNKNOWN findings would hide
facts the scanner can read.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from hitrust_policies.fleet.plan import GLOBAL, ScanPlan, Unit
from hitrust_policies.sources.live.aws.config_inventory import (
    REPLACEMENTS,
    ConfigInventory,
    ConfigUnavailable,
    Replacement,
    read_inventory,
)
from hitrust_policies.sources.live.aws.scan import Collected

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConfigPath:
    """What the coordinator read from Config, and which replacements apply to the collectors chosen."""

    inventory: ConfigInventory
    replacements: tuple[Replacement, ...]

    def replaced(self, account: str, region: str) -> set[str]:
        if region == GLOBAL:
            return set()
        return {r.collector for r in self.inventory.replaced(account, region, self.replacements)}


def read_config_path(session: Any, aggregator: str | None, region: str, endpoint_url: str | None,
                     chosen: Iterable[str], client_config: Any = None) -> tuple[ConfigPath | None, str | None]:
    """(the Config path, None), or (None, why it is not used): nothing chosen that Config can replace, or the
    aggregator (the account's Config) cannot be read."""
    names = set(chosen)
    replacements = tuple(r for r in REPLACEMENTS if r.collector in names)
    if not replacements:
        return None, "no chosen collector can be read from AWS Config"
    if client_config is None:
        from hitrust_policies.sources.live.aws.scan import client_config as scan_client_config

        client_config = scan_client_config()
    client = session.client("config", region_name=region, endpoint_url=endpoint_url, config=client_config)
    try:
        inventory = read_inventory(client, aggregator, replacements, partition=client.meta.partition)
    except ConfigUnavailable as exc:
        log.warning("AWS Config not used (%s): every collector reads directly", exc)
        return None, str(exc)
    return ConfigPath(inventory, replacements), None


def without_replaced(plan: ScanPlan, path: ConfigPath) -> ScanPlan:
    """``plan`` less the collectors Config covers in each unit's account and region (units left empty go)."""
    by_scope: dict[Any, tuple[Unit, ...]] = {}
    for scope in plan.scopes:
        kept = []
        for unit in plan.units_of(scope):
            steps = tuple(s for s in unit.steps if s not in path.replaced(scope.id, unit.region))
            if steps:
                kept.append(unit if steps == unit.steps else Unit(unit.scope, unit.region, unit.group, steps))
        by_scope[scope] = tuple(kept)
    units = tuple(u for scope in plan.scopes for u in by_scope[scope])
    return ScanPlan(plan.scopes, plan.regions, units, by_scope)


def config_part(path: ConfigPath | None, account: str, regions: Sequence[str]) -> tuple[Collected | None, list[str]]:
    """One account's model values and ``path="config"`` coverage from the Config path, and the collectors they
    stand for (so the account's joins know they ran)."""
    if path is None:
        return None, []
    return path.inventory.collected(account, regions, path.replacements)
