"""The organization scan plan over the real collector and family registries: every collector of every scope
runs exactly once, in a unit no bigger than one service of one region, in one order whatever the input order."""

from __future__ import annotations

import pickle
import random
from collections import Counter

import pytest

from hitrust_policies.fleet.plan import GLOBAL, Scope, Step, Unit, plan_scan, steps_of

ACCOUNTS = [Scope("aws", a, (("role_name", "hitrust-scanner"),)) for a in ("333333333333", "111111111111",
                                                                         "222222222222")]
REGIONS = ["us-west-2", "us-east-1"]


def aws_steps() -> list[Step]:
    from hitrust_policies.sources.live.aws.collector import all_collectors

    return steps_of(all_collectors())


def test_every_aws_collector_runs_once_per_scope_and_region_it_covers() -> None:
    from hitrust_policies.sources.live.aws.collector import all_collectors

    plan = plan_scan(ACCOUNTS, aws_steps(), REGIONS)
    expected = Counter()
    for c in all_collectors():
        for region in (REGIONS if c.regional else [GLOBAL]):
            expected[(c.name, region)] += 1
    for scope in plan.scopes:
        ran = Counter((step, u.region) for u in plan.units_of(scope) for step in u.steps)
        assert ran == expected, scope
        services = {(u.region, u.group) for u in plan.units_of(scope)}
        assert len(services) == len(plan.units_of(scope))  # one unit per service and region
    assert [s.id for s in plan.scopes] == ["111111111111", "222222222222", "333333333333"]
    assert len({u.key for u in plan.units}) == len(plan.units)


def test_units_group_one_service_of_one_region() -> None:
    plan = plan_scan(ACCOUNTS[:1], aws_steps(), REGIONS)
    by_key = {u.key: u for u in plan.units}
    iam = by_key["aws:333333333333/global/iam"]
    assert iam.region == GLOBAL and "iam-users" in iam.steps
    ec2 = by_key["aws:333333333333/us-east-1/ec2"]
    assert "ec2-volumes" in ec2.steps and "ec2-volumes" in by_key["aws:333333333333/us-west-2/ec2"].steps
    assert not any("iam-users" in u.steps for u in plan.units if u.region != GLOBAL)


def test_the_plan_does_not_depend_on_input_order() -> None:
    steps = aws_steps()
    first = plan_scan(ACCOUNTS, steps, REGIONS)
    rng = random.Random(7)
    for _ in range(5):
        shuffled_steps, shuffled_scopes = steps[:], ACCOUNTS[:]
        rng.shuffle(shuffled_steps)
        rng.shuffle(shuffled_scopes)
        again = plan_scan(shuffled_scopes, shuffled_steps, list(reversed(REGIONS)))
        assert again.units == first.units


@pytest.mark.parametrize(("group_by", "per_scope"), [("collector", None), ("scope", 1 + len(REGIONS))])
def test_grouping_finest_and_coarsest(group_by: str, per_scope: int | None) -> None:
    steps = aws_steps()
    plan = plan_scan(ACCOUNTS[:1], steps, REGIONS, group_by=group_by)
    units = plan.units_of(ACCOUNTS[0])
    if group_by == "collector":
        assert all(len(u.steps) == 1 for u in units)
        assert len(units) == sum(len(REGIONS) if s.regional else 1 for s in steps)
    else:
        assert len(units) == per_scope
        assert {u.group for u in units} == {"all"}


def test_azure_and_gcp_families_are_one_inventory_api_and_not_regional() -> None:
    from hitrust_policies.sources.live.azure.families import all_families as azure_families
    from hitrust_policies.sources.live.gcp.families import all_families as gcp_families

    azure = plan_scan([Scope("azure", "00000000-0000-0000-0000-000000000001")], steps_of(azure_families()),
                      REGIONS)
    assert {(u.region, u.group) for u in azure.units} == {(GLOBAL, "resourcegraph")}
    assert sorted(azure.units[0].steps) == sorted(f.name for f in azure_families())
    gcp = plan_scan([Scope("gcp", "phi-prod"), Scope("gcp", "phi-dev")], steps_of(gcp_families()))
    assert [u.key for u in gcp.units] == ["gcp:phi-dev/global/cloudasset", "gcp:phi-prod/global/cloudasset"]


def test_a_step_named_twice_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="steps named more than once: s3-buckets"):
        plan_scan(ACCOUNTS, [Step("s3-buckets", "s3", False), Step("s3-buckets", "s3", True)], REGIONS)


def test_units_hold_only_names_never_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a coordinator ships to workers: scope ids, non-secret access settings, region and collector
    names. Every leaf is one of those strings; the process's credentials appear nowhere in the bytes."""
    secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY"
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", secret)
    monkeypatch.setenv("AWS_SESSION_TOKEN", "FwoGZXIvYXdzEXAMPLETOKEN")
    plan = plan_scan(ACCOUNTS, aws_steps(), REGIONS)
    blob = pickle.dumps(plan.units)
    assert secret.encode() not in blob and b"FwoGZXIvYXdzEXAMPLETOKEN" not in blob
    allowed = ({s.id for s in ACCOUNTS} | {"aws", "role_name", "hitrust-scanner", GLOBAL} | set(REGIONS)
               | {s.name for s in aws_steps()} | {s.service for s in aws_steps()})

    def leaves(value: object) -> list[object]:
        if isinstance(value, tuple):
            return [x for v in value for x in leaves(v)]
        if isinstance(value, (Unit, Scope)):
            return leaves(tuple(getattr(value, f) for f in value.__dataclass_fields__))
        return [value]

    assert set(leaves(plan.units)) <= allowed


def test_an_organization_of_five_thousand_accounts_plans_without_reading_anything() -> None:
    scopes = [Scope("aws", f"{n:012d}") for n in range(5000)]
    plan = plan_scan(scopes, aws_steps(), REGIONS)
    per_scope = len(plan.units_of(scopes[0]))
    assert len(plan.units) == 5000 * per_scope
    assert plan.summary() == f"5000 scopes x 2 regions: {5000 * per_scope} units ({per_scope} per scope)"
