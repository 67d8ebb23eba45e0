"""Where an organization scan's units run: a new local Dask cluster, or an existing one by address.

A local cluster is the machine's own: its scheduler, workers and the scheduler's HTTP endpoint (health and
metrics; the dashboard itself is off) listen on 127.0.0.1 only, the HTTP endpoint on a free port, so two
scans on one machine do not fight over Dask's default 8787.
"""

from __future__ import annotations

from typing import Any


def local_cluster(workers: int, threads: int = 2) -> Any:
    """A `LocalCluster` of ``workers`` processes of ``threads`` threads, bound to 127.0.0.1."""
    from distributed import LocalCluster

    return LocalCluster(n_workers=max(1, workers), threads_per_worker=max(1, threads), processes=True,
                        host="127.0.0.1", dashboard_address=None,
                        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})


def executor_for(scheduler: str | None, workers: int | None, threads: int = 2) -> tuple[Any, Any]:
    """(executor, closer): a Dask client's executor on ``scheduler`` (``tcp://host:port``) or on a new
    `local_cluster` of ``workers`` processes (default 2)."""
    from distributed import Client

    cluster = None if scheduler else local_cluster(workers or 2, threads)
    client = Client(scheduler) if scheduler else Client(cluster)

    def close() -> None:
        client.close()
        if cluster is not None:
            cluster.close()

    return client.get_executor(pure=False), close
