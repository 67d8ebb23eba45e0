"""The plan of an organization-wide scan: which units of work exist, decided before any cloud data is read.

An organization scan is cut into units a worker can run alone: one scope (an AWS account, an Azure
subscription, a GCP project) x one region (``global`` for what is account-wide or not regional at all) x one
group of collectors (the collectors of one cloud service, since a service's API is what throttles). The
planner needs only the scopes' ids, the regions and the collectors' declarations: no credential, no client,
no cloud answer, so it is a pure function that tests pin down exactly and a coordinator can compute for
thousands of scopes in milliseconds.

A unit names its collectors; the worker resolves the names against its own registry, obtains credentials for
the scope itself and returns what it read. Nothing secret is in a unit (a test pickles units and looks).
What a unit reads is only complete with the rest of its scope (AWS joins CloudTrail trails with log groups
across regions), so the plan also says which units make up each scope: a coordinator finishes a scope
when its last unit is back and can then drop it, so its memory is bounded by one scope, not the organization.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

GLOBAL = "global"
Grouping = Literal["service", "collector", "scope"]


@dataclass(frozen=True, order=True)
class Scope:
    """One account, subscription or project. ``access``: how a worker reaches it, as non-secret settings only
    (the AWS role name to assume, an impersonated service account's email), never a token or key."""

    cloud: str  # aws | azure | gcp
    id: str
    access: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        return f"{self.cloud}:{self.id}"


@dataclass(frozen=True)
class Step:
    """A collector (AWS) or family (Azure, GCP) as the planner sees it: its name, the API it calls and
    whether it runs once per region."""

    name: str
    service: str
    regional: bool


@dataclass(frozen=True, order=True)
class Unit:
    """What one worker runs: ``steps`` (collector names) of one ``scope`` in one ``region``."""

    scope: Scope
    region: str
    group: str  # the service (or the collector, or "all") the steps belong to
    steps: tuple[str, ...]

    @property
    def key(self) -> str:
        """Stable, unique within a plan: the task key a distributed scheduler shows and retries by.

        >>> Unit(Scope("aws", "111122223333"), "eu-west-1", "ec2", ("ec2-volumes",)).key
        'aws:111122223333/eu-west-1/ec2'
        """
        return f"{self.scope.label}/{self.region}/{self.group}"


@dataclass(frozen=True)
class ScanPlan:
    scopes: tuple[Scope, ...]
    regions: tuple[str, ...]
    units: tuple[Unit, ...]
    _by_scope: dict[Scope, tuple[Unit, ...]] = field(default_factory=dict, compare=False, repr=False)

    def units_of(self, scope: Scope) -> tuple[Unit, ...]:
        """The units whose results together make ``scope``'s report (joins run once all are back)."""
        return self._by_scope.get(scope, ())

    def summary(self) -> str:
        """
        >>> plan_scan([Scope("aws", "1"), Scope("aws", "2")], [Step("s3-buckets", "s3", False),
        ...           Step("ec2-volumes", "ec2", True)], ["us-east-1", "eu-west-1"]).summary()
        '2 scopes x 2 regions: 6 units (3 per scope)'
        """
        per = {len(u) for u in self._by_scope.values()}
        each = f"{per.pop()} per scope" if len(per) == 1 else "varying per scope"
        return (f"{len(self.scopes)} scopes x {len(self.regions)} regions: {len(self.units)} units ({each})")


def steps_of(declarations: Iterable[Any]) -> list[Step]:
    """Steps from a cloud's declarations: AWS `Collector` (name, service, regional) as they are; an Azure or
    GCP `Family` (name only: one inventory API per scope, not regional) under that cloud's inventory API."""
    steps = []
    for d in declarations:
        if hasattr(d, "service") and hasattr(d, "regional"):
            steps.append(Step(d.name, d.service, bool(d.regional)))
        elif hasattr(d, "asset_types"):
            steps.append(Step(d.name, "cloudasset", False))
        else:
            steps.append(Step(d.name, "resourcegraph", False))
    return steps


def plan_scan(scopes: Iterable[Scope], steps: Sequence[Step], regions: Iterable[str] = (),
              group_by: Grouping = "service") -> ScanPlan:
    """Every scope x region x group with at least one step, in one deterministic order.

    ``regions`` apply to regional steps (none given: regional steps are left out, which is what clouds
    without regional collection want). ``group_by``: ``service`` (the default: per-service concurrency
    limits can be enforced on units), ``collector`` (finest: one step per unit) or ``scope`` (coarsest:
    a scope's steps in one region together).

    >>> p = plan_scan([Scope("aws", "2"), Scope("aws", "1")],
    ...               [Step("ec2-volumes", "ec2", True), Step("ec2-instances", "ec2", True),
    ...                Step("iam-users", "iam", False)], ["us-east-1"])
    >>> [u.key for u in p.units]
    ['aws:1/global/iam', 'aws:1/us-east-1/ec2', 'aws:2/global/iam', 'aws:2/us-east-1/ec2']
    >>> p.units[1].steps
    ('ec2-instances', 'ec2-volumes')
    """
    chosen_scopes = tuple(sorted(dict.fromkeys(scopes)))
    region_list = tuple(sorted(dict.fromkeys(regions)))
    names = [s.name for s in steps]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"steps named more than once: {', '.join(duplicates)}")
    groups: dict[tuple[str, str], list[str]] = {}
    for step in steps:
        for region in (region_list if step.regional else (GLOBAL,)):
            group = {"service": step.service, "collector": step.name, "scope": "all"}[group_by]
            groups.setdefault((region, group), []).append(step.name)
    shape = sorted((region, group, tuple(sorted(members))) for (region, group), members in groups.items())
    by_scope = {scope: tuple(Unit(scope, region, group, members) for region, group, members in shape)
                for scope in chosen_scopes}
    units = tuple(u for scope in chosen_scopes for u in by_scope[scope])
    return ScanPlan(chosen_scopes, region_list, units, by_scope)
