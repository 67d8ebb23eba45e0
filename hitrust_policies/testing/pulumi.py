"""Drive a policy pack the way the Pulumi engine does, without the Pulumi CLI.

Two halves:

* `capture` runs a Pulumi Python program function under ``pulumi.runtime.set_mocks``
  (preview or update) and records every registration as the engine would hand it to an
  analyzer: inputs in wire encoding (camelCase, float numbers, unknown sentinels, secret
  signatures), outputs, parent, dependencies and propertyDependencies. Resource
  references are downgraded to ids / URNs as the engine does, and URNs get the engine's
  shape (no ``pulumi:pulumi:Stack$`` prefix for children of the stack). Data sources
  are answered, ``pulumi.Config`` reads the given config, update runs get plausible
  provider-computed outputs, and remote components that build nothing under mocks are
  reported (see `hitrust_policies.testing.pulumi_capture`).
* `PackProcess` starts the pack exactly as the engine does
  (``python -u -m pulumi.policy <engine-address> <pack-dir>``, pack dir as cwd, port on
  the first stdout line), serves the engine gRPC endpoint it is given, and calls
  ``ConfigureStack``, ``GetAnalyzerInfo``, ``Configure``, ``Analyze`` per resource and
  ``AnalyzeStack``, returning typed `Violation` values.

From pytest::

    from hitrust_policies.testing.pulumi import capture, shared_pack

    def test_bucket(pack_dir):
        resources = capture(my_program, preview=True)
        violations = shared_pack(pack_dir).run(resources, config={"all": "mandatory"})
        assert ("enc-object-store-kms", "data", "mandatory") in {v.key for v in violations}
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterable, Mapping
from concurrent import futures
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hitrust_policies.testing.pulumi_capture import (
    UNKNOWN,
    CapturedResource,
    CaptureError,
    CaptureResult,
    InvokeCall,
    OpaqueComponentWarning,
    capture,
)

_LEVELS = {0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate"}
_LEVEL_CODES = {v: k for k, v in _LEVELS.items()}

__all__ = [
    "UNKNOWN", "CaptureError", "CaptureResult", "CapturedResource", "InvokeCall", "OpaqueComponentWarning",
    "PackError", "PackProcess", "RunResult", "Violation", "capture", "default_pack_dir", "shared_pack",
]


# ---------------------------------------------------------------- the pack process


@dataclass(frozen=True)
class Violation:
    """One diagnostic a pack returned, with the level the engine would act on."""

    policy: str
    urn: str
    level: str  # advisory | mandatory | disabled | remediate
    message: str
    severity: int = 0
    phase: str = "resource"  # resource (Analyze) | stack (AnalyzeStack)

    @property
    def resource(self) -> str:
        """The logical name (last URN segment)."""
        return self.urn.rsplit("::", 1)[-1]

    @property
    def key(self) -> tuple[str, str, str]:
        """(policy, resource logical name, level): what tests usually assert on."""
        return (self.policy, self.resource, self.level)


class RunResult(list):  # list[Violation]
    """The violations of one `PackProcess.run`, and the capture warnings that qualify them."""

    def __init__(self, violations: Iterable[Violation] = (), warnings: Iterable[str] = ()) -> None:
        super().__init__(violations)
        self.warnings: tuple[str, ...] = tuple(warnings)

    @property
    def keys(self) -> list[tuple[str, str, str]]:
        """(policy, resource, level) of each violation, in order (a multiset: duplicates kept)."""
        return [v.key for v in self]


class PackError(RuntimeError):
    """The pack process failed to start or answered with an error."""


def _engine_servicer() -> Any:
    """The engine endpoint handed to the pack: accepts logs, answers root-resource calls.

    ``pulumi.policy`` only parses the address today, but a pack (or a future SDK) may log
    through it, so a real server listens there; logs are kept for assertions.
    """
    from google.protobuf import empty_pb2
    from pulumi.runtime.proto import engine_pb2, engine_pb2_grpc

    class EngineServicer(engine_pb2_grpc.EngineServicer):
        def __init__(self) -> None:
            self.logs: list[str] = []
            self.records: list[tuple[str, str, str]] = []  # (severity name, urn, message)

        def Log(self, request: Any, context: Any) -> Any:  # noqa: N802 - gRPC method name
            self.logs.append(request.message)
            self.records.append((engine_pb2.LogSeverity.Name(request.severity), request.urn, request.message))
            return empty_pb2.Empty()

        def GetRootResource(self, request: Any, context: Any) -> Any:  # noqa: N802
            return engine_pb2.GetRootResourceResponse()

        def SetRootResource(self, request: Any, context: Any) -> Any:  # noqa: N802
            return engine_pb2.SetRootResourceResponse()

    return EngineServicer()


def _struct(values: Mapping[str, Any]) -> Any:
    from google.protobuf import struct_pb2

    struct = struct_pb2.Struct()
    struct.update(dict(values))
    return struct


class PackProcess:
    """A policy pack started as a plugin and driven over ``pulumirpc.Analyzer``."""

    def __init__(
        self,
        pack_dir: str | os.PathLike[str],
        *,
        python: str = sys.executable,
        project: str = "hitrust",
        stack: str = "test",
        dry_run: bool = True,
        stack_config: Mapping[str, str] | None = None,
        startup_timeout: float = 30.0,
    ) -> None:
        import grpc
        from pulumi.runtime.proto import analyzer_pb2_grpc, engine_pb2_grpc

        self.pack_dir = Path(pack_dir).resolve()
        self.project, self.stack, self.dry_run = project, stack, dry_run
        self.engine = _engine_servicer()
        self._engine_server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
        engine_pb2_grpc.add_EngineServicer_to_server(self.engine, self._engine_server)
        engine_port = self._engine_server.add_insecure_port("127.0.0.1:0")
        self._engine_server.start()
        env = {
            **os.environ,
            "PULUMI_PROJECT": project,
            "PULUMI_STACK": stack,
            "PULUMI_DRY_RUN": "true" if dry_run else "false",
            "PULUMI_CONFIG": json.dumps(dict(stack_config or {})),
        }
        self.process = subprocess.Popen(
            [python, "-u", "-m", "pulumi.policy", f"127.0.0.1:{engine_port}", str(self.pack_dir)],
            cwd=self.pack_dir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.stderr: list[str] = []
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        port = self._read_port(startup_timeout)
        self.channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        grpc.channel_ready_future(self.channel).result(timeout=startup_timeout)
        self.stub = analyzer_pb2_grpc.AnalyzerStub(self.channel)
        self._info: Any = None
        self._lock = threading.Lock()
        self.remediations: list[Any] = []
        self._handshake(f"127.0.0.1:{engine_port}")

    def _handshake(self, engine_address: str) -> None:
        """The engine's first call; the Python SDK leaves it unimplemented, which the engine accepts."""
        import grpc
        from pulumi.runtime.proto import analyzer_pb2

        try:
            self.stub.Handshake(analyzer_pb2.AnalyzerHandshakeRequest(
                engine_address=engine_address, root_directory=str(self.pack_dir),
                program_directory=str(self.pack_dir)))
        except grpc.RpcError as exc:
            if exc.code() != grpc.StatusCode.UNIMPLEMENTED:
                raise

    def _drain_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr.append(line.decode(errors="replace"))

    def _read_port(self, timeout: float) -> int:
        result: list[bytes] = []
        reader = threading.Thread(target=lambda: result.append(self.process.stdout.readline()), daemon=True)  # type: ignore[union-attr]
        reader.start()
        reader.join(timeout)
        line = result[0].decode().strip() if result else ""
        if not line.isdigit():
            self.close()
            raise PackError(f"pack did not print its port (got {line!r}); stderr:\n{''.join(self.stderr)}")
        return int(line)

    # -- protocol calls, in the engine's order

    def configure_stack(self, tags: Mapping[str, str] | None = None) -> None:
        from pulumi.runtime.proto import analyzer_pb2

        self.stub.ConfigureStack(
            analyzer_pb2.AnalyzerStackConfigureRequest(
                stack=self.stack, project=self.project, dry_run=self.dry_run, tags=dict(tags or {})
            )
        )

    def info(self) -> Any:
        """``GetAnalyzerInfo`` (cached)."""
        from google.protobuf import empty_pb2

        if self._info is None:
            self._info = self.stub.GetAnalyzerInfo(empty_pb2.Empty())
        return self._info

    def configure(self, config: Mapping[str, Any] | None = None) -> None:
        """``Configure`` with the engine's reconciliation of a ``--policy-pack-config`` file.

        Every policy gets an entry (its default level, then ``all``, then its own entry);
        other keys (such as ``all`` itself) are forwarded as the engine does.
        """
        from pulumi.runtime.proto import analyzer_pb2

        config = dict(config or {})
        levels: dict[str, str] = {p.name: _LEVELS[p.enforcementLevel] for p in self.info().policies}
        props: dict[str, dict[str, Any]] = {name: {} for name in levels}

        def split(value: Any) -> tuple[str | None, dict[str, Any]]:
            if isinstance(value, str):
                return value, {}
            value = dict(value)
            return value.pop("enforcementLevel", None), value

        if "all" in config:
            all_level, _ = split(config["all"])
            if all_level:
                levels = {name: all_level for name in levels}
        for key, value in config.items():
            level, extra = split(value)
            if level:
                levels[key] = level
            elif key not in levels:
                levels[key] = "advisory"
            props.setdefault(key, {}).update(extra)
        request = analyzer_pb2.ConfigureAnalyzerRequest()
        for name, level in levels.items():
            entry = request.policyConfig[name]
            entry.enforcementLevel = _LEVEL_CODES[level]
            entry.properties.update(props.get(name, {}))
        self.stub.Configure(request)

    def analyze_resource(self, r: CapturedResource, remediate: bool = True) -> list[Violation]:
        """``Remediate`` then ``Analyze`` one resource's inputs (resource policies), as the engine does.

        Remediations a pack returns are kept in ``self.remediations`` (this pack makes none).
        """
        from pulumi.runtime.proto import analyzer_pb2

        request = analyzer_pb2.AnalyzeRequest(type=r.type, urn=r.urn, name=r.name, properties=_struct(r.inputs))
        if remediate:
            self.remediations += list(self.stub.Remediate(request).remediations)
        response = self.stub.Analyze(request)
        return [self._violation(d, r.urn, "resource") for d in response.diagnostics]

    def analyze_stack(self, resources: Iterable[CapturedResource]) -> list[Violation]:
        """``AnalyzeStack``: every resource's outputs with parent and dependencies (stack policies)."""
        from pulumi.runtime.proto import analyzer_pb2

        request = analyzer_pb2.AnalyzeStackRequest(
            resources=[
                analyzer_pb2.AnalyzerResource(
                    type=r.type,
                    urn=r.urn,
                    name=r.name,
                    properties=_struct(r.outputs),
                    parent=r.parent,
                    dependencies=list(r.dependencies),
                    propertyDependencies={
                        k: analyzer_pb2.AnalyzerPropertyDependencies(urns=list(v))
                        for k, v in r.property_dependencies.items()
                    },
                )
                for r in resources
            ]
        )
        response = self.stub.AnalyzeStack(request)
        return [self._violation(d, "", "stack") for d in response.diagnostics]

    def analyze(self, resources: Iterable[CapturedResource]) -> list[Violation]:
        """``Analyze`` each resource (inputs), then ``AnalyzeStack`` (outputs + dependencies)."""
        resources = list(resources)
        violations: list[Violation] = []
        for r in resources:
            violations += self.analyze_resource(r)
        return violations + self.analyze_stack(resources)

    def run(self, resources: Iterable[CapturedResource], config: Mapping[str, Any] | None = None) -> RunResult:
        """Configure then analyze: one preview's worth of calls (serialised per process).

        The result carries the capture's warnings (remote components the pack could not
        see into, data sources nobody answered), so a clean run over an opaque stack
        does not read as a clean stack.
        """
        with self._lock:
            self.configure_stack()
            self.configure(config)
            violations = self.analyze(resources)
        return RunResult(violations, getattr(resources, "warnings", ()))

    @staticmethod
    def _violation(d: Any, default_urn: str, phase: str) -> Violation:
        return Violation(
            policy=d.policyName,
            urn=d.urn or default_urn,
            level=_LEVELS.get(d.enforcementLevel, str(d.enforcementLevel)),
            message=d.message,
            severity=d.severity,
            phase=phase,
        )

    def close(self) -> None:
        if getattr(self, "channel", None) is not None:
            self.channel.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self._engine_server.stop(0)

    def __enter__(self) -> PackProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_SHARED: dict[Path, PackProcess] = {}


def shared_pack(pack_dir: str | os.PathLike[str], **kwargs: Any) -> PackProcess:
    """One pack process per directory for the whole test session (closed at exit)."""
    key = Path(pack_dir).resolve()
    pack = _SHARED.get(key)
    if pack is None or pack.process.poll() is not None:
        pack = _SHARED[key] = PackProcess(key, **kwargs)
        atexit.register(pack.close)
    return pack


def default_pack_dir(name: str = "hitrust-aws") -> Path:
    """``packs/<name>`` of a source checkout (tests run against the real pack folder), else the copy an
    installed wheel ships (``hitrust_policies/_packs/<name>``): ``hitrust-aws``, ``hitrust-azure`` or
    ``hitrust-gcp``."""
    package = Path(__file__).resolve().parents[1]
    candidates = (package.parent / "packs" / name, package / "_packs" / name)
    for candidate in candidates:
        if (candidate / "PulumiPolicy.yaml").is_file():
            return candidate
    raise FileNotFoundError(f"no policy pack {name!r} in {' or '.join(str(c) for c in candidates)}")
