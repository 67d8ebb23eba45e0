"""Running a scan plan's units on an executor: threads in this process, or a Dask cluster.

The coordinator hands units to any `concurrent.futures.Executor` (a ``ThreadPoolExecutor``, or the executor of
a ``dask.distributed.Client``, whose tasks run on the cluster's workers) and gets each unit's outcome back as it
completes. What it guarantees, whatever the executor:

- at most ``max_per_scope`` units of one scope run at once (one account's API quotas are shared by every
  worker scanning it), at most ``max_per_service[s]`` of them units of service ``s`` (services whose quota
  is account-wide across regions, or low), and at most ``open_scopes`` scopes are started and not
  finished, so what the coordinator holds is bounded by a few scopes, not the organization;
- a unit that raises (a worker that died takes its task down with it: Dask reports ``KilledWorker``) or
  runs past ``timeout`` is tried again, at most ``retries`` more times, then comes back as a `UnitFailure`
  naming why: that unit's facts are UNKNOWN, the rest of the organization still reports; a `UnitFailure`
  the work itself returns (a role that cannot be assumed) is final;
- a scope is handed to ``on_scope`` once its last unit is back, in completion order (outputs sort later),
  and then forgotten.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass
from typing import Any

from hitrust_policies.fleet.plan import ScanPlan, Scope, Unit


@dataclass(frozen=True)
class UnitFailure:
    """A unit that never produced a result: ``reason`` says why (the last error, or the time limit)."""

    unit: Unit
    reason: str
    attempts: int


@dataclass
class Progress:
    """Scopes done / failed / remaining across the organization, for a progress bar."""

    total: int
    done: int = 0
    failed: int = 0  # scopes with at least one failed unit

    @property
    def remaining(self) -> int:
        return self.total - self.done


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}"[:300] if text else type(exc).__name__


def run_plan(
    plan: ScanPlan,
    work: Callable[[Unit], Any],
    executor: Executor,
    on_scope: Callable[[Scope, list[Any]], None],
    *,
    max_per_scope: int = 4,
    open_scopes: int = 8,
    retries: int = 1,
    timeout: float | None = None,
    progress: Callable[[Progress], None] | None = None,
    poll: float = 0.5,
    max_per_service: Mapping[str, int] | None = None,
) -> Progress:
    """Run every unit of ``plan`` through ``work`` on ``executor``; call ``on_scope(scope, outcomes)`` as each
    scope completes (``outcomes``: ``work``'s results and `UnitFailure` values, in the plan's unit order).
    Ctrl-C cancels what has not started and re-raises."""
    waiting = deque(plan.scopes)
    queues: dict[Scope, deque[Unit]] = {}
    running: dict[Scope, int] = {}
    outcomes: dict[Scope, dict[Unit, Any]] = {}
    inflight: dict[Future[Any], tuple[Unit, int, float]] = {}
    state = Progress(total=len(plan.scopes))
    per_service = {k: max(1, v) for k, v in (max_per_service or {}).items()}
    by_service: Counter[tuple[Scope, str]] = Counter()  # running units per (scope, service group)

    def allowed(unit: Unit) -> bool:
        limit = per_service.get(unit.group)
        return limit is None or by_service[unit.scope, unit.group] < limit

    def open_more() -> None:
        while waiting and len(queues) < max(1, open_scopes):
            scope = waiting.popleft()
            units = plan.units_of(scope)
            if not units:
                state.done += 1
                on_scope(scope, [])
                continue
            queues[scope], running[scope], outcomes[scope] = deque(units), 0, {}

    def submit(unit: Unit, attempt: int) -> None:
        inflight[executor.submit(work, unit)] = (unit, attempt, time.monotonic())
        running[unit.scope] += 1
        by_service[unit.scope, unit.group] += 1

    def fill() -> None:
        open_more()
        for scope, queue in queues.items():
            held: list[Unit] = []  # units whose service is at its limit wait, in plan order, for the next fill
            while queue and running[scope] < max(1, max_per_scope):
                unit = queue.popleft()
                if allowed(unit):
                    submit(unit, 1)
                else:
                    held.append(unit)
            queue.extendleft(reversed(held))

    def settle(unit: Unit, outcome: Any, attempt: int, transient: bool = False) -> None:
        """``transient``: the unit raised or ran out of time (worth another try); a `UnitFailure` the work
        returned is its answer (a role that cannot be assumed now will not be in a second)."""
        scope = unit.scope
        running[scope] -= 1
        by_service[scope, unit.group] -= 1
        if transient and attempt <= retries:
            submit(unit, attempt + 1)  # its own slot, just freed: a retry never waits behind new units
            return
        outcomes[scope][unit] = outcome
        if len(outcomes[scope]) == len(plan.units_of(scope)):
            ordered = [outcomes[scope][u] for u in plan.units_of(scope)]
            del queues[scope], running[scope], outcomes[scope]
            state.done += 1
            state.failed += any(isinstance(o, UnitFailure) for o in ordered)
            on_scope(scope, ordered)
            if progress:
                progress(state)

    try:
        fill()
        while inflight:
            done, _ = wait(list(inflight), timeout=poll if timeout else None, return_when=FIRST_COMPLETED)
            now = time.monotonic()
            for future in done:
                unit, attempt, _started = inflight.pop(future)
                try:
                    outcome = future.result()
                except Exception as exc:  # the unit's own code failed, or its worker died (KilledWorker)
                    settle(unit, UnitFailure(unit, _reason(exc), attempt), attempt, transient=True)
                else:
                    settle(unit, outcome, attempt)
            if timeout:
                for future, (unit, attempt, started) in list(inflight.items()):
                    if now - started > timeout:
                        future.cancel()  # a thread already running finishes on its own; its result is dropped
                        del inflight[future]
                        settle(unit, UnitFailure(unit, f"timed out after {timeout:g} s", attempt), attempt,
                               transient=True)
            fill()
    except BaseException:
        for future in inflight:
            future.cancel()
        raise
    return state
