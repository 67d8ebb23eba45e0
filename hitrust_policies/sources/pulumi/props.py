"""Decode Pulumi analyzer props (the engine's wire encoding) into plain Python values.

The engine sends props through a protobuf ``Struct``: every number is a float, values
not computed yet at preview are sentinel strings, secrets are signature objects and
resource references are signature objects too. Adapters should never see any of that:
they read a `Props` whose values are ints, strings, lists, dicts, or an `Unknown`
naming the property that could not be known. Secret plaintexts are collected so the
pack can prove none of them reaches a violation message.

>>> p = decode_props({"fromPort": 22.0, "cidr": UNKNOWN_STRING,
...                   "key": {SIG_KEY: SECRET_SIG, "value": "arn:kms:k1"}})
>>> p.get("fromPort"), p.get("cidr"), p.get("key"), sorted(p.secrets)
(22, Unknown('computed at preview: cidr'), 'arn:kms:k1', ['arn:kms:k1'])
>>> p.is_secret("key")
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hitrust_policies.model.facts import Unknown

SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e"
OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4"

UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
UNKNOWN_SENTINELS = frozenset(
    {
        "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",  # boolean
        "3eeb2bf0-c639-47a8-9e75-3b44932eb421",  # number
        UNKNOWN_STRING,
        "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",  # array
        "030794c1-ac77-496b-92df-f27374a8bd58",  # asset
        "e48ece36-62e2-4504-bad9-02848725956a",  # archive
        "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",  # object
    }
)

_MISSING = object()


def preview_unknown(path: str) -> Unknown:
    """The one wording for a value the engine will only compute during ``pulumi up``."""
    return Unknown(f"computed at preview: {path}")


@dataclass
class _Decoder:
    secrets: set[str] = field(default_factory=set)
    secret_paths: set[str] = field(default_factory=set)

    def value(self, raw: Any, path: str, in_secret: bool = False) -> Any:
        if isinstance(raw, str) and raw in UNKNOWN_SENTINELS:
            return preview_unknown(path)
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if isinstance(raw, list):
            return [self.value(item, f"{path}[{i}]", in_secret) for i, item in enumerate(raw)]
        if isinstance(raw, Mapping):
            sig = raw.get(SIG_KEY)
            if sig == SECRET_SIG:
                self.secret_paths.add(path)
                return self.value(raw.get("value"), path, in_secret=True)
            if sig == RESOURCE_REF_SIG:  # the engine downgrades references to the id (or URN)
                ref = raw.get("id") or raw.get("urn")
                return self.value(ref, path, in_secret)
            if sig == OUTPUT_VALUE_SIG:
                if raw.get("secret"):
                    self.secret_paths.add(path)
                if "value" not in raw:
                    return preview_unknown(path)
                return self.value(raw["value"], path, in_secret or bool(raw.get("secret")))
            return {k: self.value(v, f"{path}.{k}" if path else k, in_secret) for k, v in raw.items()}
        if in_secret and raw is not None and not isinstance(raw, bool) and str(raw).strip():
            self.secrets.add(str(raw))
        return raw


@dataclass(frozen=True)
class Props:
    """Decoded props of one resource, with safe accessors for adapters."""

    values: Mapping[str, Any]
    secrets: frozenset[str] = frozenset()
    secret_paths: frozenset[str] = frozenset()

    def get(self, path: str, default: Any = None) -> Any:
        """Value at a dotted path; the default when absent; an `Unknown` when not computed yet.

        An unknown container makes everything under it unknown, naming the container.
        """
        current: Any = self.values
        for part in path.split("."):
            if isinstance(current, Unknown):
                return current
            if not isinstance(current, Mapping) or part not in current or current[part] is None:
                return default
            current = current[part]
        return current

    def known(self, path: str) -> bool:
        return not isinstance(self.get(path), Unknown)

    def is_secret(self, path: str) -> bool:
        """True if the value (or a container of it) arrived as a secret."""
        return any(path == p or path.startswith(p + ".") or path.startswith(p + "[") for p in self.secret_paths)

    def name_candidate(self, path: str) -> str | None:
        """A prop usable as a display name: known, a non-empty string, and not a secret."""
        value = self.get(path)
        if isinstance(value, str) and value and not self.is_secret(path):
            return value
        return None


def decode_props(raw: Mapping[str, Any] | None) -> Props:
    """Decode wire props (``MessageToDict`` of the request's Struct) into `Props`."""
    decoder = _Decoder()
    values = {k: decoder.value(v, k) for k, v in (raw or {}).items()}
    return Props(values, frozenset(decoder.secrets), frozenset(decoder.secret_paths))


def to_int(value: Any) -> Any:
    """Ports and counts may arrive as floats or numeric strings; Unknowns pass through."""
    if isinstance(value, Unknown) or value is None:
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return int(value)
    try:
        return int(str(value).strip())
    except ValueError:
        return Unknown(f"not a number: {value!r}")


def to_bool(value: Any, default: bool | None = None) -> Any:
    """Booleans sometimes travel as strings ("true") through bridged providers."""
    if value is None:
        return default
    if isinstance(value, (bool, Unknown)):
        return value
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return bool(value)


def and3(*values: Any) -> Any:
    """Three-valued AND for adapters joining facts: a known False wins over an Unknown.

    >>> and3(True, Unknown("x"), False), and3(True, True), and3(True, Unknown("x")), and3(Unknown("x"), Unknown("y"))
    (False, True, Unknown('x'), Unknown('x'))
    """
    pending = None
    for value in values:
        if isinstance(value, Unknown):
            pending = value if pending is None else pending  # never bool() an Unknown
        elif not value:
            return False
    return pending if pending is not None else True


def optional(value: Any) -> Any:
    """Empty strings and lists mean "not set" (None); Unknowns pass through untouched."""
    if isinstance(value, Unknown):
        return value
    return value or None
