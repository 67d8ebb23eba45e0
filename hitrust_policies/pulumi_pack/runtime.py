"""What the pack needs from the analyzer protocol that pulumi-policy's public API lacks.

pulumi-policy 1.21 gives a policy (1) props with secret markers already stripped, (2) one
enforcement level for every violation of a policy and (3) only its own config. The pack
needs (1) to keep secrets out of messages, (2) to report UNKNOWN verdicts as ADVISORY
while FAILs keep the configured level, and (3) pack-wide settings from ``"all"``.

So `install` wraps three RPC methods of the SDK's servicer — by their protocol names,
which are stable — to see the raw request: ``Analyze``/``AnalyzeStack`` decode the
request once into a `RequestContext` the policies read (which also saves re-decoding
per policy), then downgrade the diagnostics the policies marked UNKNOWN and scrub any
secret plaintext; ``Configure`` validates the pack settings before any analysis.
Without `install` the policies still work from ``args`` (the fallback path), reporting
UNKNOWNs at the configured level and unable to recognise secrets.
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from hitrust_policies.pulumi_pack.config import PackConfigError, PackSettings
from hitrust_policies.pulumi_pack.suppressions import EngineLog, engine_address_from_argv
from hitrust_policies.rules import Rule
from hitrust_policies.sources.pulumi import PulumiResource, Stack, model_values
from hitrust_policies.sources.pulumi.registry import package_of


@dataclass
class PackState:
    """Rules in the pack, the Pulumi package whose resources it checks, and the settings the last
    ``Configure`` gave."""

    rules: list[Rule]
    settings: PackSettings
    package: str = "aws"
    program_dir: str | None = None  # the Pulumi program's directory, from the engine's Handshake
    log: EngineLog = field(default_factory=EngineLog)

    def configure(self, config: dict[str, Any]) -> None:
        self.settings = PackSettings.from_config(config, self.rules, base_dir=self.program_dir)
        if self.settings.exclusions:
            self.log.write("policy-pack config: `exclusions` are deprecated; write them as `suppressions` "
                           "(rule, selectors, reason, owner, ticket, expires) so they expire and name an owner",
                           severity="WARNING")


@dataclass
class RequestContext:
    """One Analyze / AnalyzeStack request, decoded once and shared by every policy.

    Model values come from the resources of ``package`` only (all packages when None); joins
    still see the whole stack.
    """

    stack: Stack
    package: str | None = None
    advisory: set[tuple[str, str, str]] = field(default_factory=set)
    _values: dict[type, list[Any]] = field(default_factory=dict)

    @property
    def secrets(self) -> frozenset[str]:
        return frozenset(s for r in self.stack.resources for s in r.props.secrets)

    def values(self, kind: type) -> list[Any]:
        """Model values of ``kind`` (and adapter failures for it), computed once per request."""
        if kind not in self._values:
            own = [r for r in self.stack.resources if self.package is None or package_of(r.type) == self.package]
            self._values[kind] = [
                v for v in model_values(self.stack, [kind], only=own)
                if type(v) is kind or kind in getattr(v, "kinds", ())
            ]
        return self._values[kind]

    def mark_advisory(self, policy: str, urn: str, message: str) -> None:
        self.advisory.add((policy, urn, message))

    def finish(self, response: Any, default_urn: str = "") -> None:
        """Downgrade marked diagnostics to ADVISORY and scrub secrets from every message."""
        from pulumi.runtime.proto import analyzer_pb2

        for diag in response.diagnostics:
            urn = diag.urn or default_urn
            if any(p == diag.policyName and u == urn and diag.message.endswith(m) for p, u, m in self.advisory):
                diag.enforcementLevel = analyzer_pb2.ADVISORY
            diag.message = scrub(diag.message, self.secrets)


_CURRENT: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar("hitrust_request", default=None)


def current() -> RequestContext | None:
    return _CURRENT.get()


def scrub(text: str, secrets: Iterable[str]) -> str:
    """Every secret plaintext masked with the one rule every report uses (`hitrust_policies.redaction.mask`):
    a secret inside a longer token is masked too, so a secret bucket name cannot leak inside an ARN.

    >>> scrub("denies arn:aws:s3:::secret-bucket-7731/* and port 22", {"secret-bucket-7731", "22"})
    'denies arn:aws:s3:::[secret]/* and port [secret]'
    """
    from hitrust_policies.redaction import mask

    return mask(text, frozenset(secrets))


def _struct(message: Any) -> dict[str, Any]:
    from google.protobuf import json_format

    return json_format.MessageToDict(message)


def resource_from_request(r: Any) -> PulumiResource:
    """A `PulumiResource` from an ``AnalyzeRequest`` or ``AnalyzerResource`` (raw, secrets marked)."""
    deps = {k: list(v.urns) for k, v in getattr(r, "propertyDependencies", {}).items()}
    return PulumiResource.from_wire(
        r.type,
        r.urn,
        _struct(r.properties),
        name=r.name,
        parent=getattr(r, "parent", ""),
        dependencies=list(getattr(r, "dependencies", [])),
        property_dependencies=deps,
    )


_STATE: PackState | None = None


def install(state: PackState) -> None:
    """Wrap the SDK servicer's Analyze, AnalyzeStack and Configure (once per process)."""
    global _STATE
    import sys

    from pulumi_policy import policy as sdk

    _STATE = state
    if state.log.address is None:
        state.log.address = engine_address_from_argv(sys.argv)
    servicer = sdk._PolicyAnalyzerServicer
    if getattr(servicer, "_hitrust_installed", False):
        return
    analyze, analyze_stack, configure = servicer.Analyze, servicer.AnalyzeStack, servicer.Configure
    handshake = servicer.Handshake

    def _run(method: Any, self: Any, request: Any, context: Any, ctx: RequestContext, urn: str) -> Any:
        token = _CURRENT.set(ctx)
        try:
            response = method(self, request, context)
        finally:
            _CURRENT.reset(token)
        ctx.finish(response, urn)
        return response

    def package() -> str | None:
        return _STATE.package if _STATE is not None else None

    def wrapped_analyze(self: Any, request: Any, context: Any) -> Any:
        ctx = RequestContext(Stack([resource_from_request(request)]), package=package())
        return _run(analyze, self, request, context, ctx, request.urn)

    def wrapped_analyze_stack(self: Any, request: Any, context: Any) -> Any:
        started = time.perf_counter()
        ctx = RequestContext(Stack(resource_from_request(r) for r in request.resources), package=package())
        response = _run(analyze_stack, self, request, context, ctx, "")
        if _STATE is not None and _STATE.settings.report is not None:
            from hitrust_policies.pulumi_pack.reports import write_stack_reports

            write_stack_reports(_STATE, ctx, started)  # logs, never raises
        return response

    def wrapped_configure(self: Any, request: Any, context: Any) -> Any:
        config = {k: _struct(v.properties) for k, v in request.policyConfig.items()}
        try:
            if _STATE is not None:
                _STATE.configure(config)
        except PackConfigError as exc:
            import grpc

            context.abort(grpc.StatusCode.INVALID_ARGUMENT, str(exc))
        return configure(self, request, context)

    def wrapped_handshake(self: Any, request: Any, context: Any) -> Any:
        """Learn where the program is (``suppressionsFile`` is relative to it) and the engine's address;
        then answer as the SDK does (unimplemented, which the engine accepts)."""
        if _STATE is not None:
            _STATE.program_dir = request.program_directory or request.root_directory or _STATE.program_dir
            _STATE.log.address = request.engine_address or _STATE.log.address
        return handshake(self, request, context)

    servicer.Handshake = wrapped_handshake
    servicer.Analyze = wrapped_analyze
    servicer.AnalyzeStack = wrapped_analyze_stack
    servicer.Configure = wrapped_configure
    servicer._hitrust_installed = True
