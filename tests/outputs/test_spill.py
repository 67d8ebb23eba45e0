"""The on-disk sorted sequence an organization's report is read from: one total order whatever order the
batches (scopes) arrived in, runs merged when they pile up, shared objects read back as one object."""

from __future__ import annotations

import random

from hitrust_policies.findings import References
from hitrust_policies.outputs import spill
from hitrust_policies.outputs.spill import Spill


def test_batches_in_any_order_read_back_in_one_order_and_runs_are_merged_when_they_pile_up() -> None:
    items = list(range(1000))
    batches = [items[i::150] for i in range(150)]  # 150 scopes: more runs than MAX_RUNS
    random.Random(7).shuffle(batches)
    with Spill(key=lambda x: -x) as s:
        for b in batches:
            s.extend(b)
        assert len(s._runs) <= spill.MAX_RUNS + 1
        assert list(s) == sorted(items, reverse=True)
        assert list(s) == sorted(items, reverse=True)  # read again: a report reads findings several times
        assert len(s) == 1000


def test_shared_objects_are_stored_once_and_come_back_as_one_object() -> None:
    a = References(csf_basis="derived")
    b = References(csf_basis="azure-policy")
    twin = References(csf_basis="derived")  # equal to a, another object (another scope's evaluation)
    with Spill(key=lambda x: x[0], shared=(References,)) as s:
        s.extend([(1, a), (3, b)])
        s.extend([(2, twin), (4, a)])
        back = list(s)
    assert [n for n, _ in back] == [1, 2, 3, 4]
    assert back[0][1] is back[1][1] is back[3][1] and back[0][1] == a
    assert back[2][1] == b and back[2][1] is not back[0][1]


def test_an_empty_spill_reads_nothing_and_its_files_go_when_closed(tmp_path) -> None:  # noqa: ANN001
    s = Spill(key=lambda x: x, directory=tmp_path)
    assert list(s) == [] and not s
    s.extend([2, 1])
    assert list(tmp_path.iterdir())
    s.close()
    assert list(tmp_path.iterdir()) == []
