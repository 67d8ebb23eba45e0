"""Pick rules by the standards they implement: HITRUST CSF ids, HIPAA citations, and id globs.

`select` (rules/registry.py) picks by id, domain and severity; this module adds the filters that
need the crosswalk (``mappings/crosswalk.yaml``) and the exclusions, and is what the CLI's shared
rule options (``--rule``, ``--exclude-rule``, ``--domain``, ``--min-severity``, ``--csf``,
``--hipaa``) call. Filters combine with AND; the values of one filter combine with OR.

- ``--csf`` takes a control id (``01.x``), a category (``01``: every ``01.*`` control) or a
  control-letter prefix (``09.a``: ``09.a``, ``09.aa``, ``09.ab``...).
- ``--hipaa`` takes a citation (``164.312(a)(1)``, or an alternate form the catalog lists) or a
  prefix ending at a paragraph boundary (``164.312`` or ``164.312(a)``).
- ``--exclude-rule`` takes rule ids or shell globs (``log-*``).

A value that selects no rule at all (an id not in the catalog, or that no rule maps; a glob matching nothing) is a
`FilterError` naming it: a typo must not quietly scan nothing, or everything.

>>> [r.id for r in select_rules(hipaa=["164.312(b)"], domains=["logging"], min_severity="high")]
['log-audit-coverage-multi-region']
>>> select_rules(csf=["99.z"])
Traceback (most recent call last):
...
hitrust_policies.rule_filters.FilterError: --csf 99.z: not a HITRUST CSF id or prefix of the catalog (hitrust_csf.yaml)
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable

from hitrust_policies.mappings import CATALOG_FILES, Mappings, default_mappings
from hitrust_policies.rules.registry import Rule, all_rules, select


class FilterError(ValueError):
    """A filter value matches nothing; the message names the option and the value."""


def csf_matches(value: str, cid: str) -> bool:
    """Does ``--csf value`` select CSF control ``cid``?

    >>> csf_matches("01", "01.x"), csf_matches("09.a", "09.ab"), csf_matches("09.ab", "09.a")
    (True, True, False)
    """
    value = value.strip()
    if "." not in value:
        return cid.startswith(value + ".")
    if cid == value:
        return True
    # ``09.a`` (one letter) also names the controls whose letters start with it; ``01.x`` exact
    # ids that are themselves controls are matched above, so only a one-letter form widens.
    letters = value.split(".", 1)[1]
    return len(letters) == 1 and cid.startswith(value)


def hipaa_matches(value: str, cid: str) -> bool:
    """Does ``--hipaa value`` select citation ``cid``? Prefixes stop at a paragraph boundary.

    >>> hipaa_matches("164.312", "164.312(a)(1)"), hipaa_matches("164.312(a)", "164.312(a)(2)(iv)")
    (True, True)
    >>> hipaa_matches("164.31", "164.312(a)(1)"), hipaa_matches("164.312(a)(1)", "164.312(a)(2)(iv)")
    (False, False)
    """
    value = value.strip()
    return cid == value or cid.startswith(value + "(")


def _by_reference(rules: list[Rule], values: Iterable[str], standard: str, option: str, label: str,
                  mappings: Mappings) -> list[Rule]:
    values = [v.strip() for v in values]
    match = csf_matches if standard == "csf" else hipaa_matches
    # Every mapped rule, not only the already narrowed ones: an id no rule maps is a usage error,
    # an id some other (filtered out) rule maps is an empty intersection, which is not.
    mapped = {rid: [c.id for c in getattr(refs, standard)] for rid, refs in mappings.crosswalk.items()}
    wanted: set[str] = set()
    for value in values:
        canonical = mappings.canonical(standard, value)
        hits = {rid for rid, ids in mapped.items() if any(match(canonical, c) or match(value, c) for c in ids)}
        if not hits:
            catalog = mappings.catalogs.get(standard, {})
            if not any(match(canonical, c) or match(value, c) for c in catalog):
                raise FilterError(f"{option} {value}: not a {label} id or prefix of the catalog "
                                  f"({CATALOG_FILES[standard][0]})")
            raise FilterError(f"{option} {value}: no rule maps this {label} id or prefix")
        wanted |= hits
    return [r for r in rules if r.id in wanted]


def _excluded(patterns: Iterable[str], known: list[str]) -> set[str]:
    out: set[str] = set()
    for pattern in patterns:
        hits = set(fnmatch.filter(known, pattern.strip()))
        if not hits:
            raise FilterError(f"--exclude-rule {pattern}: matches no rule id")
        out |= hits
    return out


def select_rules(
    rules: Iterable[Rule] | None = None,
    *,
    ids: Iterable[str] | None = None,
    domains: Iterable[str] | None = None,
    min_severity: str | None = None,
    exclude: Iterable[str] | None = None,
    csf: Iterable[str] | None = None,
    hipaa: Iterable[str] | None = None,
    mappings: Mappings | None = None,
) -> list[Rule]:
    """The rules every given filter selects (ordered by id). Unknown ids raise `KeyError` (``ids``,
    from `select`) or `FilterError` (the others)."""
    chosen = select(rules, ids=ids, domains=domains, min_severity=min_severity)
    known = sorted({r.id for r in all_rules()} | {r.id for r in chosen})
    if exclude:
        drop = _excluded(exclude, known)
        chosen = [r for r in chosen if r.id not in drop]
    if csf or hipaa:
        mappings = mappings or default_mappings()
        if csf:
            chosen = _by_reference(chosen, csf, "csf", "--csf", "HITRUST CSF", mappings)
        if hipaa:
            chosen = _by_reference(chosen, hipaa, "hipaa", "--hipaa", "HIPAA", mappings)
    return chosen
