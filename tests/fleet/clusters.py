"""What the fleet tests share: a real Dask cluster that fails a unit as soon as its worker dies."""

from __future__ import annotations

from collections.abc import Iterator
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
