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


# Object-level (data) events of every S3 bucket. A basic selector names them with a DataResources
# entry of type AWS::S3::Object whose values hold the all-buckets prefix (``arn:aws:s3`` or
# ``arn:<partition>:s3:::``); an advanced selector with eventCategory Data and resources.type
# AWS::S3::Object, narrowed by nothing but readOnly. A selector naming some buckets (resources.ARN,
# a bucket's ARN prefix) or some calls (eventName...) does not record every bucket's object events.
S3_OBJECT = "AWS::S3::Object"


@dataclass(frozen=True)
class ObjectDataEvents:
    """Whether a trail records every bucket's S3 object-level read / write events."""

    reads: bool
    writes: bool


def _all_buckets(value: str) -> bool:
    """The DataResources value meaning every bucket (old ``arn:aws:s3`` or ``arn:<partition>:s3:::``).

    >>> [_all_buckets(v) for v in ("arn:aws:s3", "arn:aws-us-gov:s3:::", "arn:aws:s3:::phi-records/")]
    [True, True, False]
    """
    parts = value.split(":")
    return len(parts) in (3, 6) and parts[0] == "arn" and parts[2] == "s3" and not any(parts[3:])


def _basic_data(selector: Mapping[str, Any]) -> set[str]:
    for resource in _field(selector, "DataResources") or ():
        if _field(resource, "Type") == S3_OBJECT and any(_all_buckets(str(_known(v)))
                                                         for v in _field(resource, "Values") or ()):
            kind = str(_field(selector, "ReadWriteType") or "All")
            return {"All": {READ, WRITE}, "ReadOnly": {READ}, "WriteOnly": {WRITE}}.get(kind, set())
    return set()


def _advanced_data(selector: Mapping[str, Any]) -> set[str]:
    kinds, category, s3_objects = {READ, WRITE}, False, False
    for fs in _field(selector, "FieldSelectors") or ():
        name, ops = str(_field(fs, "Field")), _operators(fs)
        if name == "eventCategory":
            category = ops == {"equal": ["Data"]}
        elif name == "resources.type":
            s3_objects = ops == {"equal": [S3_OBJECT]}
        elif name == "readOnly" and ops in ({"equal": ["true"]}, {"notequal": ["false"]}):
            kinds = {READ}
        elif name == "readOnly" and ops in ({"equal": ["false"]}, {"notequal": ["true"]}):
            kinds = {WRITE}
        elif not (name == "readOnly" and ops in ({"equal": ["true", "false"]}, {"equal": ["false", "true"]})):
            return set()  # narrowed to some buckets, objects or calls
    return kinds if category and s3_objects else set()


def object_data_events(event_selectors: Iterable[Mapping[str, Any]] | Any,
                       advanced_selectors: Iterable[Mapping[str, Any]] | Any) -> ObjectDataEvents | Unknown:
    """Every bucket's S3 object-level events recorded under these selectors (none without selectors:
    CloudTrail's default records management events only).

    >>> object_data_events([{"ReadWriteType": "WriteOnly", "DataResources": [
    ...     {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}], [])
    ObjectDataEvents(reads=False, writes=True)
    >>> object_data_events([], [{"fieldSelectors": [{"field": "eventCategory", "equals": ["Data"]},
    ...     {"field": "resources.type", "equals": ["AWS::S3::Object"]},
    ...     {"field": "resources.ARN", "startsWiths": ["arn:aws:s3:::phi-records/"]}]}])
    ObjectDataEvents(reads=False, writes=False)
    """
    try:
        kinds = set().union(*map(_basic_data, event_selectors or ()),
                            *map(_advanced_data, advanced_selectors or ()))
        return ObjectDataEvents(READ in kinds, WRITE in kinds)
    except UnknownFact as exc:
        return Unknown(exc.reason)
