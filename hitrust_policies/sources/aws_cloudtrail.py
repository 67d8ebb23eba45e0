"""Which management events a CloudTrail trail records, from its event selectors (shared by every AWS source).

A trail has either basic event selectors or advanced ones; an event is recorded if any selector
matches it. The live API spells fields in PascalCase (``ReadWriteType``, ``FieldSelectors``,
``StartsWith``), pulumi-aws in camelCase with plural operators (``readWriteType``,
``fieldSelectors``, ``startsWiths``); both are read here, so the two sources cannot disagree.

* Basic selector: ``IncludeManagementEvents`` (default true) and ``ReadWriteType`` (``All`` by
  default, ``ReadOnly``, ``WriteOnly``); ``ExcludeManagementEventSources`` leaves out whole
  services (``kms.amazonaws.com``, ``rdsdata.amazonaws.com``).
* Advanced selector: a management selector has ``eventCategory`` equal to ``Management``; a
  ``readOnly`` field narrows it to reads (``true``) or writes (``false``); any other field
  (``eventSource`` NotEquals ``kms.amazonaws.com``, ``eventName`` ...) records only part of them.
* No selector at all is CloudTrail's documented default: every management event, read and write.

AWS Config's multi-region-cloudtrail-enabled treats excluded management event sources as
non-compliant; so does this module, by reporting them as exclusions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hitrust_policies.model.facts import Unknown, UnknownFact

READ, WRITE = "read", "write"


@dataclass(frozen=True)
class ManagementEvents:
    """What a trail records of management events: reads, writes, and what its selectors leave out."""

    reads: bool
    writes: bool
    exclusions: tuple[str, ...]  # e.g. "events from kms.amazonaws.com"; empty when nothing is left out


ALL_MANAGEMENT_EVENTS = ManagementEvents(True, True, ())


def _known(value: Any) -> Any:
    """A value a preview could not compute makes the whole answer unknown."""
    if isinstance(value, Unknown):
        raise UnknownFact(value.reason)
    return value


def _field(item: Mapping[str, Any], name: str) -> Any:
    """A field by its PascalCase API name, also under its camelCase (pulumi) spelling."""
    for key in (name, name[0].lower() + name[1:]):
        if key in _known(item) and item[key] is not None:
            return _known(item[key])
    return None


def _basic(selector: Mapping[str, Any]) -> tuple[set[str], tuple[str, ...]] | None:
    include = _field(selector, "IncludeManagementEvents")
    if include is not None and str(include).lower() == "false":  # bridged booleans may be strings
        return None
    kind = str(_field(selector, "ReadWriteType") or "All")
    kinds = {"All": {READ, WRITE}, "ReadOnly": {READ}, "WriteOnly": {WRITE}}.get(kind)
    if kinds is None:
        raise UnknownFact(f"unrecognised ReadWriteType {kind}")
    excluded = tuple(f"events from {_known(s)}" for s in _field(selector, "ExcludeManagementEventSources") or ())
    return kinds, excluded


def _operators(field_selector: Mapping[str, Any]) -> dict[str, list[str]]:
    """``Equals`` / ``equals`` -> "equal", ``StartsWith`` / ``startsWiths`` -> "startswith"."""
    out: dict[str, list[str]] = {}
    for key, values in _known(field_selector).items():
        if key.lower() == "field" or values is None:
            continue
        out[key.lower().rstrip("s")] = [str(_known(v)) for v in _known(values)]
    return out


def _advanced(selector: Mapping[str, Any]) -> tuple[set[str], tuple[str, ...]] | None:
    kinds, narrowing, management = {READ, WRITE}, [], False
    for fs in _field(selector, "FieldSelectors") or ():
        name, ops = str(_field(fs, "Field")), _operators(fs)
        if name == "eventCategory":
            management = ops.get("equal") == ["Management"]
        elif name == "readOnly":
            if ops in ({"equal": ["true"]}, {"notequal": ["false"]}):
                kinds = {READ}
            elif ops in ({"equal": ["false"]}, {"notequal": ["true"]}):
                kinds = {WRITE}
            elif ops not in ({"equal": ["true", "false"]}, {"equal": ["false", "true"]}):
                raise UnknownFact(f"unrecognised readOnly selector {ops}")
        elif name == "eventSource" and set(ops) == {"notequal"}:
            narrowing += [f"events from {s}" for s in ops["notequal"]]
        else:
            narrowing.append(f"events outside {name} " + " / ".join(f"{k} {'|'.join(v)}" for k, v in ops.items()))
    return (kinds, tuple(narrowing)) if management else None


def management_events(event_selectors: Iterable[Mapping[str, Any]] | Any,
                      advanced_selectors: Iterable[Mapping[str, Any]] | Any) -> ManagementEvents | Unknown:
    """The management events recorded under these selectors (Unknown if a selector could not be read).

    >>> management_events([{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}], [])
    ManagementEvents(reads=False, writes=True, exclusions=())
    >>> management_events([], [{"fieldSelectors": [{"field": "eventCategory", "equals": ["Management"]},
    ...     {"field": "eventSource", "notEquals": ["kms.amazonaws.com"]}]}])
    ManagementEvents(reads=True, writes=True, exclusions=('events from kms.amazonaws.com',))
    """
    try:
        basic, advanced = list(event_selectors or ()), list(advanced_selectors or ())
        if not basic and not advanced:
            return ALL_MANAGEMENT_EVENTS
        parsed = [p for p in (*map(_basic, basic), *map(_advanced, advanced)) if p is not None]
        recorded = set().union(*(kinds for kinds, _ in parsed))
        complete = set().union(*(kinds for kinds, narrowing in parsed if not narrowing))
        exclusions = sorted({n for kinds, narrowing in parsed if kinds - complete for n in narrowing})
        return ManagementEvents(READ in recorded, WRITE in recorded, tuple(exclusions))
    except UnknownFact as exc:
        return Unknown(exc.reason)
