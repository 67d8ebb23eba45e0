"""One parity check for every cloud: a Pulumi program and the live scanner's view of the same resources
give the same verdicts, through the adapters and through the real pack process.

Each cloud's test file holds its scenarios (a program, the live data, the resource names they share)
and how to scan its fake; this module holds what "agree" means, once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any

from hitrust_policies import Status, evaluate
from hitrust_policies.sources.pulumi import PulumiResource, to_model
from hitrust_policies.testing.pulumi import PackProcess, capture
from tests.verdicts import Verdicts, unique_ids


def verdicts_over(findings: Iterable[Any], names: Collection[str], rules: Collection[str]) -> Verdicts:
    """A scan's (rule, name, status) multiset over a scenario's resources and the pack's rules, after
    refusing a finding id reported twice."""
    return Verdicts((f.rule_id, f.resource.name, f.status.value) for f in unique_ids(findings)
                    if f.resource.name in names and f.rule_id in rules)


def assert_pack_agrees_with_live(program: Callable[[], None], live: Verdicts, pack: PackProcess, *,
                                 names: Collection[str], rules: Collection[str],
                                 must_fail: Iterable[tuple[str, str]] = (),
                                 must_pass: Iterable[tuple[str, str]] = ()) -> None:
    """``live`` is the scanner's (rule, name, status) multiset over ``names`` and ``rules``. The adapters
    must give it exactly, PASS included; the pack's violations must be exactly its FAIL / UNKNOWN ones;
    ``must_fail`` / ``must_pass`` keep a scenario from agreeing vacuously."""
    captured = capture(program, preview=False)
    values = to_model(PulumiResource.from_wire(r.type, r.urn, r.outputs, name=r.name,
                                               property_dependencies=r.property_dependencies) for r in captured)
    assert verdicts_over(evaluate(values), names, rules) == live

    # one resource may hold several model values (a classic ELB's listeners): the message names which
    names_by_urn: dict[str, set[str]] = {}
    for v in values:
        names_by_urn.setdefault(v.ref.native_id, set()).add(v.ref.name)

    def name(violation: Any) -> str:
        detail = violation.message.split("\n", 1)[1]
        (found,) = [n for n in names_by_urn[violation.urn] if detail.startswith(f"{n}: ")]
        return found

    violations = pack.run(captured, config={"all": "mandatory"})
    reported = Verdicts((v.policy, name(v), Status.UNKNOWN.value if "could not be known" in v.message
                         else Status.FAIL.value) for v in violations if name(v) in names)
    assert reported == live.where(lambda t: t[2] != Status.PASS.value)
    assert {(rule, n) for rule, n, status in live if status == "FAIL"} >= set(must_fail)
    assert {(rule, n) for rule, n, status in live if status == "PASS"} >= set(must_pass)
