"""Unknown refuses every way of being decided on, and stays printable and hashable."""

from __future__ import annotations

import copy
import operator
import pickle

import pytest

from hitrust_policies import Unknown, UnknownFact

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
