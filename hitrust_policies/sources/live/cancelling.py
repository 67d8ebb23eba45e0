"""An executor that drops its queued work when the caller is interrupted.

``with ThreadPoolExecutor() as ex`` waits for every submitted task on the way out, even when
the way out is a Ctrl-C: a scan of a large tenant would go on reading for minutes after the
user asked it to stop. Leaving this block by an exception cancels what has not started.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager


@contextmanager
def cancelling(executor: ThreadPoolExecutor) -> Iterator[ThreadPoolExecutor]:
    """``executor`` for a ``with`` block: on a normal exit wait for its tasks; on an exception (Ctrl-C
    included) cancel the queued ones and return without waiting for the running ones.

    >>> import threading
    >>> gate = threading.Event()
    >>> try:
    ...     with cancelling(ThreadPoolExecutor(max_workers=1)) as ex:
    ...         futures = [ex.submit(gate.wait) for _ in range(3)]
    ...         raise KeyboardInterrupt
    ... except KeyboardInterrupt:
    ...     [f.cancelled() for f in futures]
    [False, True, True]
    >>> gate.set()
    """
    try:
        yield executor
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown(wait=True)
