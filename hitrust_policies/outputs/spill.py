"""A sorted sequence kept on disk, for reports larger than memory (an organization's findings).

An organization scan finishes one scope at a time, in whatever order its units complete. Each scope's
items are sorted and written as one *run* (a temporary file of pickles); reading merges the runs by the
same key, so the sequence is in one total order whatever order the scopes arrived in: the same input
gives the same report bytes. Memory holds one item per run while reading and one scope while writing;
when runs pile up they are merged into one, so a reader never holds more than `MAX_RUNS` files open.

>>> s = Spill(key=lambda x: x)
>>> s.extend([3, 1]); s.extend([2]); s.extend([])
>>> list(s), len(s), list(s)[:2] == list(s)[:2]
([1, 2, 3], 3, True)
>>> s.close()
"""

from __future__ import annotations

import heapq
import itertools
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")
MAX_RUNS = 64
_BUFFER = 1 << 16


class _Shared:
    """Objects many items point at (a rule's `References`), pickled once as a number and read back as the
    very same object, as the engine made them: report writers cache per object, so a rule's standards are
    formatted once, not once per finding read back from disk."""

    def __init__(self, types: tuple[type, ...]) -> None:
        self.types = types
        self.objects: list[Any] = []
        self._by_id: dict[int, int] = {}  # the object is kept in ``objects``, so its id is never reused
        self._by_value: dict[Any, int] = {}

    def number(self, obj: Any) -> int | None:
        if not self.types or not isinstance(obj, self.types):
            return None
        n = self._by_id.get(id(obj))
        if n is None:
            n = self._by_value.get(obj)
            if n is None:
                n = self._by_value[obj] = len(self.objects)
                self.objects.append(obj)
            self._by_id[id(obj)] = n
            if n != len(self.objects) - 1 or self.objects[n] is not obj:
                self.objects.append(obj)  # keep this twin alive too: its id stays in _by_id
        return n


def _read(path: Path, shared: _Shared) -> Iterator[Any]:
    with path.open("rb", buffering=_BUFFER) as fh:
        while True:
            unpickler = pickle.Unpickler(fh)  # one per item: each item was pickled with a fresh memo
            unpickler.persistent_load = shared.objects.__getitem__  # type: ignore[assignment]
            try:
                yield unpickler.load()
            except EOFError:
                return


def _write(path: Path, items: Iterable[Any], shared: _Shared) -> int:
    count = 0
    with path.open("wb", buffering=_BUFFER) as fh:
        pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.persistent_id = shared.number  # type: ignore[assignment]
        for item in items:
            pickler.dump(item)
            pickler.clear_memo()  # items share no state across a run; the memo would only grow
            count += 1
    return count


class Spill(Generic[T]):
    """Items in ``key`` order, held in temporary files under ``directory`` (default: the system's).

    ``shared``: types whose equal instances are stored once and read back as one object (see `_Shared`).
    ``key`` must be a total order (no two distinct items with equal keys), or equal items keep the order
    of their runs, which is the order scopes completed in.
    """

    def __init__(self, key: Callable[[T], Any], directory: str | os.PathLike[str] | None = None,
                 shared: tuple[type, ...] = ()) -> None:
        self.key = key
        self._shared = _Shared(shared)
        self._dir = tempfile.TemporaryDirectory(prefix="hitrust-spill-", dir=directory)
        self._runs: list[Path] = []
        self._len = 0
        self._serial = itertools.count()

    def _path(self) -> Path:
        return Path(self._dir.name) / f"run-{next(self._serial):06d}.pickle"

    def extend(self, items: Iterable[T]) -> None:
        """Add a batch (one scope's items): sorted here, written as one run."""
        batch = sorted(items, key=self.key)
        if not batch:
            return
        path = self._path()
        self._len += _write(path, batch, self._shared)
        self._runs.append(path)
        if len(self._runs) > MAX_RUNS:
            self._compact()

    def _compact(self) -> None:
        """Merge every run into one, so reading opens few files however many scopes there were."""
        merged = self._path()
        _write(merged, heapq.merge(*(_read(p, self._shared) for p in self._runs), key=self.key), self._shared)
        for p in self._runs:
            p.unlink()
        self._runs = [merged]

    def __iter__(self) -> Iterator[T]:
        return heapq.merge(*(_read(p, self._shared) for p in self._runs), key=self.key)

    def __len__(self) -> int:
        return self._len

    def __bool__(self) -> bool:
        return self._len > 0

    def close(self) -> None:
        """Remove the files (also done when the object is collected)."""
        self._runs = []
        self._dir.cleanup()

    def __enter__(self) -> Spill[T]:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

