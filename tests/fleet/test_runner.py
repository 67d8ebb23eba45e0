"""The coordinator's guarantees, on threads with work functions of known behaviour: per-scope concurrency,
bounded open scopes, retries of what raised or ran too long, final answers kept, outcomes in plan order."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from hitrust_policies.fleet.plan import Scope, Step, Unit, plan_scan
from hitrust_policies.fleet.runner import UnitFailure, run_plan

STEPS = [Step(f"svc{n}-reader", f"svc{n}", True) for n in range(4)]
REGIONS = ["r1", "r2"]


def test_at_most_k_units_of_a_scope_and_n_open_scopes_at_once() -> None:
    plan = plan_scan([Scope("aws", f"{n:03d}") for n in range(6)], STEPS, REGIONS)  # 8 units per scope
    lock = threading.Lock()
    per_scope: dict[Scope, int] = {}
    peak: dict[str, int] = {"unit": 0, "scopes": 0}

    def work(unit: Unit) -> str:
        with lock:
            per_scope[unit.scope] = per_scope.get(unit.scope, 0) + 1
            peak["unit"] = max(peak["unit"], per_scope[unit.scope])
            peak["scopes"] = max(peak["scopes"], sum(1 for v in per_scope.values() if v))
        time.sleep(0.01)
        with lock:
            per_scope[unit.scope] -= 1
        return unit.key

    seen: list[tuple[Scope, list[str]]] = []
    with ThreadPoolExecutor(max_workers=12) as pool:
        state = run_plan(plan, work, pool, lambda s, o: seen.append((s, o)), max_per_scope=3, open_scopes=2)
    assert peak["unit"] == 3 and peak["scopes"] == 2
    assert state.done == 6 and state.failed == 0 and state.remaining == 0
    assert sorted(s.id for s, _ in seen) == [s.id for s in plan.scopes]
    for scope, outcomes in seen:
        assert outcomes == [u.key for u in plan.units_of(scope)]  # in plan order, whatever finished first


def test_raised_and_slow_units_are_retried_then_failed_returned_failures_are_final() -> None:
    plan = plan_scan([Scope("aws", "a"), Scope("aws", "b")], STEPS[:2], ["r1"])
    calls: dict[str, int] = {}
    lock = threading.Lock()

    def work(unit: Unit) -> object:
        with lock:
            calls[unit.key] = calls.get(unit.key, 0) + 1
            n = calls[unit.key]
        if unit.key == "aws:a/r1/svc0" and n == 1:
            raise OSError("connection reset")
        if unit.key == "aws:a/r1/svc1":
            time.sleep(0.6)  # always too slow
        if unit.key == "aws:b/r1/svc0":
            return UnitFailure(unit, "AccessDenied: sts:AssumeRole", 1)
        return "ok"

    seen: dict[str, list[object]] = {}
    with ThreadPoolExecutor(max_workers=8) as pool:
        state = run_plan(plan, work, pool, lambda s, o: seen.setdefault(s.id, o), retries=1, timeout=0.3,
                         poll=0.05)
    assert seen["a"][0] == "ok" and calls["aws:a/r1/svc0"] == 2
    assert seen["a"][1] == UnitFailure(plan.units_of(Scope("aws", "a"))[1], "timed out after 0.3 s", 2)
    assert calls["aws:a/r1/svc1"] == 2
    assert seen["b"] == [UnitFailure(plan.units_of(Scope("aws", "b"))[0], "AccessDenied: sts:AssumeRole", 1), "ok"]
    assert calls["aws:b/r1/svc0"] == 1  # a returned failure is the unit's answer: not tried again
    assert state.failed == 2 and state.done == 2


def test_a_scope_without_units_is_done_at_once() -> None:
    plan = plan_scan([Scope("gcp", "p")], [Step("regional-only", "x", True)], [])
    seen: list[tuple[str, list[object]]] = []
    with ThreadPoolExecutor(max_workers=1) as pool:
        state = run_plan(plan, lambda u: u, pool, lambda s, o: seen.append((s.id, o)))
    assert seen == [("p", [])] and state.done == 1


def test_at_most_the_limit_of_units_of_one_service_per_scope_the_others_go_on() -> None:
    """svc0 limited to 1 unit per scope (its quota is account-wide): its two regions run one after the other,
    while the other services of the same scope use the scope's remaining slots."""
    plan = plan_scan([Scope("aws", "a"), Scope("aws", "b")], STEPS, REGIONS)
    lock = threading.Lock()
    now: dict[tuple[str, str], int] = {}
    peak: dict[tuple[str, str], int] = {}
    per_scope_peak = {"a": 0, "b": 0}

    def work(unit: Unit) -> str:
        key = (unit.scope.id, unit.group)
        with lock:
            now[key] = now.get(key, 0) + 1
            peak[key] = max(peak.get(key, 0), now[key])
            busy = sum(v for (scope, _), v in now.items() if scope == unit.scope.id)
            per_scope_peak[unit.scope.id] = max(per_scope_peak[unit.scope.id], busy)
        time.sleep(0.3 if unit.group == "svc1" else 0.02)  # svc1's first region is still running when a slot frees
        with lock:
            now[key] -= 1
        return unit.key

    seen: list[tuple[Scope, list[str]]] = []
    with ThreadPoolExecutor(max_workers=16) as pool:
        run_plan(plan, work, pool, lambda s, o: seen.append((s, o)), max_per_scope=4, open_scopes=2,
                 max_per_service={"svc0": 1, "svc1": 2})
    assert peak[("a", "svc0")] == peak[("b", "svc0")] == 1
    assert peak[("a", "svc1")] == peak[("b", "svc1")] == 2
    assert per_scope_peak == {"a": 4, "b": 4}
    assert sorted(o for _, outcomes in seen for o in outcomes) == sorted(u.key for u in plan.units)
