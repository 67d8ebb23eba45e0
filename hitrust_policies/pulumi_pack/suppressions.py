"""The pack's side of accepted risks: the suppressions a pack config gives, the stack's account, and the
engine log a suppressed violation is written to.

A pack config takes the suppressions file's entries (`hitrust_policies.suppressions`, same fields, same
validation) under ``"all"`` (``suppressions`` and/or ``suppressionsFile``, a path relative to the Pulumi
program) or under a policy name (``suppressions`` for that rule). Matching uses the same matcher as the
scans, with the resource's URN as its id, its report and logical names, its tags, and the stack's
account where the stack configuration names one.

A covered violation in force is not reported (a mandatory policy passes) but is logged through the
engine's ``Log`` service (INFO, attributed to the resource's URN: the CLI prints it under the resource's
diagnostics); a lapsed one is reported as the violation it is, naming the lapsed suppression.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hitrust_policies.suppressions import Entry, SuppressionError, load, parse_entries, registered_rule_ids, schema

# Stack configuration keys that name the account a stack deploys to, by Pulumi package.
ACCOUNT_KEYS = {"aws": ("aws:allowedAccountIds",), "azure-native": ("azure-native:subscriptionId",),
                "gcp": ("gcp:project",)}


def _inline(node: Any, defs: Mapping[str, Any]) -> Any:
    if isinstance(node, Mapping):
        if "$ref" in node:
            return _inline(defs[node["$ref"].rsplit("/", 1)[-1]], defs) | {
                k: _inline(v, defs) for k, v in node.items() if k != "$ref"}
        return {k: _inline(v, defs) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


def policy_config_schema() -> dict[str, Any]:
    """``suppressions`` as a policy's config schema property: the shipped file schema's list, inlined."""
    s = schema()
    return _inline(s["properties"]["suppressions"], s["$defs"])


def stack_account(package: str | None, config: Mapping[str, str] | None = None) -> str | None:
    """The account / subscription / project the stack's configuration names (``PULUMI_CONFIG``), if one.

    >>> stack_account("gcp", {"gcp:project": "phi-prod"})
    'phi-prod'
    >>> stack_account("aws", {"aws:allowedAccountIds": '["123456789012"]'})
    '123456789012'
    >>> stack_account("aws", {"aws:allowedAccountIds": '["1", "2"]'}) is None
    True
    """
    if config is None:
        try:
            config = json.loads(os.environ.get("PULUMI_CONFIG") or "{}")
        except ValueError:
            config = {}
    for key in ACCOUNT_KEYS.get(package or "", ()):
        value = config.get(key)
        if key.endswith("allowedAccountIds") and isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                value = [value]
        if isinstance(value, list):
            value = value[0] if len(value) == 1 else None
        if isinstance(value, str) and value:
            return value
    return None


def entries_from(props: Mapping[str, Any], key: str, base_dir: str | None, only: str | None) -> list[Entry]:
    """The suppressions one config entry gives (``"all"`` or a policy): inline, and from the file.

    Raises `SuppressionError` naming the config entry (or the file) and the field.
    """
    where = f'"{key}".suppressions'
    found: list[Entry] = []
    if "suppressions" in props:
        found += parse_entries(props["suppressions"], where, registered_rule_ids())
    path = props.get("suppressionsFile")
    if path is not None:
        if not isinstance(path, str) or not path.strip():
            raise SuppressionError(f'"{key}".suppressionsFile: expected a path, got {path!r}')
        full = Path(path) if Path(path).is_absolute() else Path(base_dir or os.getcwd()) / path
        if not full.is_file():
            raise SuppressionError(f'"{key}".suppressionsFile: {full}: no such file (relative paths are read from '
                                   "the Pulumi program's directory)")
        found += load(full)
    if only is not None:
        import fnmatch

        stray = [e for e in found if not fnmatch.fnmatchcase(only, e.rule)]
        if stray:
            raise SuppressionError(f"{stray[0].source}.rule: {stray[0].rule!r} does not cover policy {only!r} "
                                   'it is written under (put it under "all")')
    return found


class EngineLog:
    """The engine's ``Log`` service, at the address the engine started the pack with (stderr if none)."""

    def __init__(self, address: str | None = None) -> None:
        self.address = address
        self._stub: Any = None

    def write(self, message: str, urn: str = "", severity: str = "INFO") -> None:
        if self.address:
            try:
                if self._stub is None:
                    import grpc
                    from pulumi.runtime.proto import engine_pb2_grpc

                    self._stub = engine_pb2_grpc.EngineStub(grpc.insecure_channel(self.address))
                from pulumi.runtime.proto import engine_pb2

                self._stub.Log(engine_pb2.LogRequest(severity=getattr(engine_pb2, severity), message=message,
                                                     urn=urn), timeout=5)
                return
            except Exception:  # noqa: BLE001 - a log that cannot reach the engine still reaches stderr
                pass
        print(f"{severity.lower()}: {message}", file=sys.stderr, flush=True)


def engine_address_from_argv(argv: list[str]) -> str | None:
    """``python -m pulumi.policy <engine-address> <pack-dir>``: the address, if the first argument is one.

    >>> engine_address_from_argv(["main.py", "127.0.0.1:4321", "."])
    '127.0.0.1:4321'
    """
    first = argv[1] if len(argv) > 1 else ""
    host, _, port = first.rpartition(":")
    return first if host and port.isdigit() else None
