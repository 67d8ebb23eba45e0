"""What the fleet tests share: a real Dask cluster that fails a unit as soon as its worker dies, an executor
that completes units in reverse, and what must not depend on completion order."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any


@contextmanager
def strict_cluster() -> Iterator[Any]:
    """A client on a `local_cluster` of two single-thread worker processes, started with this process's
    environment (set credentials first: workers read their own). One task per worker process, so a worker that
    dies takes only its own unit down; a task whose worker dies once is failed at once (``KilledWorker``) and
    the coordinator's own retry decides what happens next; worker-saturation 1.0: the scheduler sends a worker
    no task beyond the one it runs (none is collateral)."""
    import dask
    from distributed import Client

    from hitrust_policies.fleet.cluster import local_cluster

    with dask.config.set({"distributed.scheduler.allowed-failures": 0,
                          "distributed.scheduler.worker-saturation": 1.0}):
        local = local_cluster(2, threads=1)
        client = Client(local)
        try:
            yield client
        finally:
            client.close()
            local.close()


class Reversed(ThreadPoolExecutor):
    """Runs every unit, the first submitted last: completion order is the reverse of the plan's."""

    def __init__(self, units: int) -> None:
        super().__init__(max_workers=units)
        self.count = 0
        self.units = units

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        delay = 0.05 * (self.units - self.count)
        self.count += 1

        def late() -> Any:
            time.sleep(delay)
            return fn(*args, **kwargs)

        return super().submit(late)


def shape(result: Any) -> tuple[list[Any], list[Any]]:
    """What must not depend on completion order: every finding and every coverage row, in report order."""
    return ([(f.id, f.status, f.message) for f in result.findings()],
            [(c.account, c.collector, c.status, c.resources, c.problems) for c in result.coverage])
