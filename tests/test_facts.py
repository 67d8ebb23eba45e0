"""Unknown refuses every way of being decided on, and stays printable and hashable."""

from __future__ import annotations

import copy
import operator
import pickle

import pytest

from hitrust_policies import Unknown, UnknownFact, every, exists, failing, is_unknown
from hitrust_policies.model.facts import same

U = Unknown("AccessDenied: kms:GetKeyRotationStatus")


@pytest.mark.parametrize(
    "decide",
    [bool, lambda u: u == 1, lambda u: u != 1, lambda u: u < 1, lambda u: 1 > u, lambda u: "x" in u,
     lambda u: list(u), len, int, lambda u: u + 1, lambda u: u["k"], lambda u: u.startswith("a"),
     lambda u: operator.not_(u)],
    ids=["bool", "eq", "ne", "lt", "reflected-gt", "in", "iter", "len", "int", "add", "getitem", "attr", "not"],
)
def test_deciding_raises_with_reason(decide) -> None:
    with pytest.raises(UnknownFact, match="AccessDenied: kms:GetKeyRotationStatus"):
        decide(U)


def test_printable_hashable_copyable() -> None:
    assert "AccessDenied" in f"{U}" and "AccessDenied" in repr(U)
    assert hash(U) == hash(Unknown(U.reason))
    assert copy.deepcopy(U).reason == U.reason
    assert pickle.loads(pickle.dumps(U)).reason == U.reason
    with pytest.raises(AttributeError):
        U.reason = "x"  # type: ignore[misc]


def test_dunder_lookups_are_not_decisions() -> None:
    """copy / pickle / isinstance machinery probe dunders: those must stay AttributeErrors, not UnknownFacts."""
    with pytest.raises(AttributeError):
        U.__deepcopy_hook__  # noqa: B018
    assert not hasattr(U, "__fspath__")


def test_is_unknown_and_same() -> None:
    assert [is_unknown(v) for v in (U, None, False, 0, "")] == [True, False, False, False, False]
    assert same(Unknown("a"), Unknown("a")) is True
    assert same(Unknown("a"), Unknown("b")) is False
    assert same(Unknown("a"), "a") is False and same("a", Unknown("a")) is False
    assert same(None, None) is True and same(1, 2) is False and same([1], [1]) is True


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], False),
        ([1, 2], False),
        ([1, 3], True),
        ([3, Unknown("x")], True),
        ([Unknown("x"), 3], True),  # a later known match is not hidden by an earlier unknown
        ([1, Unknown("first"), Unknown("second")], UnknownFact("first")),
        (Unknown("the list itself"), UnknownFact("the list itself")),
    ],
    ids=["empty", "none-match", "one-matches", "match-then-unknown", "unknown-then-match", "undecided",
         "unknown-list"],
)
def test_exists(items, expected) -> None:
    if isinstance(expected, UnknownFact):
        with pytest.raises(UnknownFact) as raised:
            exists(items, lambda n: n > 2)
        assert raised.value.reason == expected.reason
    else:
        assert exists(items, lambda n: n > 2) is expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], True),
        ([3, 4], True),
        ([3, 1], False),
        ([Unknown("x"), 1], False),  # one known failure decides, whatever is unknown
        ([3, Unknown("x")], UnknownFact("x")),
    ],
    ids=["empty", "all-match", "one-fails", "unknown-then-fail", "undecided"],
)
def test_every(items, expected) -> None:
    if isinstance(expected, UnknownFact):
        with pytest.raises(UnknownFact, match="^x$"):
            every(items, lambda n: n > 2)
    else:
        assert every(items, lambda n: n > 2) is expected


def test_failing() -> None:
    assert failing() == []
    assert failing((lambda: False, "a"), (lambda: 0, "b")) == []
    assert failing((lambda: True, "a"), (lambda: False, "b"), (lambda: 1, "c")) == ["a", "c"]
    assert failing((lambda: Unknown("u") < 1, "a"), (lambda: True, "b")) == ["b"]
    with pytest.raises(UnknownFact, match="^first$"):
        failing((lambda: False, "a"), (lambda: Unknown("first") < 1, "b"), (lambda: Unknown("second") < 1, "c"))
