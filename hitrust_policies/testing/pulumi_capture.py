"""Run a Pulumi Python program under mocks and record what the engine would show an analyzer.

The mock monitor here stands in for the engine and the providers:

* registrations are recorded in wire encoding (camelCase, float numbers, unknown
  sentinels, secret signatures); resource references (``role=lambda_role``,
  ``vpc_id=vpc``) are downgraded to the id (custom resource) or URN (component) as the
  engine does for a provider and an analyzer, and never turned back into resource
  objects inside the monitor (the stock mock monitor does, on the wrong event loop);
* every resource comes back with its inputs as outputs, and in an update with the
  attributes its provider computes made up by `pulumi_values` (ids, ARNs, physical
  names, hosts ...), so ``apply`` chains and f-strings run. The analyzer is shown only
  the inputs, the id, the ARN and the physical name: a made-up attribute must never
  decide a verdict;
* data sources are answered (`pulumi_invokes`), by the caller per token first;
* ``pulumi.Config`` reads the ``config`` given to `capture`.

Remote (multi-language) components such as ``awsx.ec2.Vpc`` or ``eks.Cluster`` are
built by their provider, which mocks do not run: they register no children. `capture`
reports them (`CaptureResult.opaque_components`) instead of letting a pack analyse an
empty stack silently.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hitrust_policies.testing.pulumi_invokes import default_answer, generic_answer, short_token
from hitrust_policies.testing.pulumi_values import DEFAULT_REGION, Namer, declared_types, plausible, sdk_class

UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
_SIG = "4dabf18193072939515e22adb298388d"
_RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e"
_SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
_ROOT_PREFIX = "pulumi:pulumi:Stack$"
# packages whose components are multi-language (built by a provider plugin, opaque under mocks)
REMOTE_COMPONENT_PACKAGES = frozenset({"awsx", "eks", "aws-apigateway", "aws-static-website", "aws-iam"})

InvokeAnswer = Mapping[str, Any] | Callable[[dict[str, Any]], Mapping[str, Any]]


@dataclass(frozen=True)
class CapturedResource:
    """One registration, as the engine would show it to an analyzer."""

    type: str
    name: str
    urn: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    parent: str = ""
    dependencies: tuple[str, ...] = ()
    property_dependencies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    custom: bool = True
    remote: bool = False


@dataclass(frozen=True)
class InvokeCall:
    """One data-source call the program made, with the answer it got (wire names)."""

    token: str
    args: dict[str, Any]
    answer: dict[str, Any]
    generic: bool = False  # answered from the SDK result type only: nobody chose these values


class OpaqueComponentWarning(UserWarning):
    """A remote component registered no children under mocks: the pack cannot see inside it."""


class CaptureError(RuntimeError):
    """The program failed under mocks, and the harness knows something that may explain it."""


class CaptureResult(list):  # list[CapturedResource], so existing callers keep working
    """The registrations of one run, plus what the harness could not reproduce faithfully."""

    def __init__(self, resources: Iterable[CapturedResource] = (), *, invokes: Iterable[InvokeCall] = (),
                 opaque_components: Iterable[CapturedResource] = (), exports: Mapping[str, Any] | None = None) -> None:
        super().__init__(resources)
        self.invokes: tuple[InvokeCall, ...] = tuple(invokes)
        self.opaque_components: tuple[CapturedResource, ...] = tuple(opaque_components)
        self.exports: dict[str, Any] = dict(exports or {})

    @property
    def unanswered_invokes(self) -> tuple[str, ...]:
        """Tokens of data sources that got only a generic answer (supply one with ``invokes=``)."""
        return tuple(dict.fromkeys(c.token for c in self.invokes if c.generic))

    @property
    def warnings(self) -> tuple[str, ...]:
        unanswered = tuple(
            f"data source {t} has no answer of the harness's or yours: its values are made up from its "
            f"result type; pass invokes={{{short_token(t)!r}: {{...}}}} to choose them"
            for t in self.unanswered_invokes)
        return tuple(_opaque_message(r) for r in self.opaque_components) + unanswered

    def by_name(self) -> dict[str, CapturedResource]:
        return {r.name: r for r in self}


def _opaque_message(r: CapturedResource) -> str:
    return (f"{r.type} {r.name!r} is a remote component: its provider builds its children, which does not run "
            f"under mocks, so no policy sees the resources it would create; test those resources directly "
            f"(or give its outputs with outputs={{{r.name!r}: {{...}}}})")


def engine_urn(urn: str) -> str:
    return urn.replace(_ROOT_PREFIX, "")


def downgrade(value: Any) -> Any:
    """Resource references -> id (custom) or URN (component), as the engine sends them."""
    if isinstance(value, list):
        return [downgrade(v) for v in value]
    if isinstance(value, dict):
        if value.get(_SIG) == _RESOURCE_REF_SIG:
            if "id" in value:  # custom resource; an id not known yet is unknown
                return value["id"] or UNKNOWN
            return engine_urn(value.get("urn", ""))
        return {k: downgrade(v) for k, v in value.items()}
    return value


def _plain(value: Any) -> Any:
    """Wire value -> plain value (secrets unwrapped), for computing answers."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        if value.get(_SIG) == _SECRET_SIG:
            return _plain(value.get("value"))
        return {k: _plain(v) for k, v in value.items()}
    return value


def _struct(values: Mapping[str, Any]) -> Any:
    from google.protobuf import struct_pb2

    struct = struct_pb2.Struct()
    struct.update(json.loads(json.dumps(dict(values), default=str)))
    return struct


def _config_value(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)


class _Session:
    """What one `capture` run answers and records."""

    def __init__(self, preview: bool, unknown: Mapping[str, Iterable[str]], outputs: Mapping[str, Mapping[str, Any]],
                 invokes: Mapping[str, InvokeAnswer], region: str) -> None:
        self.preview, self.region = preview, region
        self.unknown = {k: list(v) for k, v in unknown.items()}
        self.outputs = outputs
        self.user_invokes = {short_token(k): v for k, v in invokes.items()}
        self.captured: list[CapturedResource] = []
        self.invokes: list[InvokeCall] = []
        self.exports: dict[str, Any] = {}

    def state(self, token: str, name: str, urn: str, inputs: dict[str, Any], custom: bool,
              computed: bool) -> tuple[str, dict[str, Any], set[str]]:
        """(id, outputs handed to the program, names of outputs the analyzer may see)."""
        namer = Namer(token, name, urn, inputs, self.region)
        cls = sdk_class(token)
        declared = declared_types(cls)
        state, visible = dict(inputs), set()
        if custom and namer.azure:
            # the provider autonames the path parameter when checking inputs; ``name`` is an output
            if namer.autonamed and namer.autoname_property != "name":
                state[namer.autoname_property] = namer.physical
                visible.add(namer.autoname_property)
            if "name" in declared and (namer.autoname_property != "name" or namer.autonamed):
                state["name"] = namer.physical if computed else UNKNOWN
                visible |= {"name"} if computed else set()
        elif custom and namer.autonamed and namer.autoname_property in declared:
            state[namer.autoname_property] = namer.physical
            visible.add(namer.autoname_property)
        if computed:
            if custom and ("arn" in declared or cls is None):
                state["arn"] = namer.arn()
                visible.add("arn")
            for prop, typ in declared.items():
                if prop not in state and prop not in ("id", "urn"):
                    try:
                        value = plausible(prop, typ, namer)
                    except Exception:  # noqa: BLE001 - an SDK type shape not foreseen: leave it unset
                        value = None
                    if value is not None:
                        state[prop] = value
        state.update(self.outputs.get(name, {}))
        state.update({prop: UNKNOWN for prop in self.unknown.get(name, ())})
        visible |= set(self.outputs.get(name, {})) | set(self.unknown.get(name, ()))
        resource_id = state.pop("id", None) or (namer.resource_id(state) if custom and computed else "")
        return resource_id, state, visible

    def answer(self, token: str, args: dict[str, Any]) -> dict[str, Any]:
        base = default_answer(token, args, self.region)
        user = self.user_invokes.get(short_token(token))
        generic = base is None and user is None
        if base is None:
            base = generic_answer(token, args, self.region)
        if user is not None:
            base = {**base, **dict(user(args) if callable(user) else user)}
        self.invokes.append(InvokeCall(token, args, base, generic))
        return base

    def opaque(self) -> list[CapturedResource]:
        parents = {r.parent for r in self.captured}
        return [r for r in self.captured if not r.custom and r.urn not in parents
                and (r.remote or r.type.split(":")[0] in REMOTE_COMPONENT_PACKAGES)]


def _monitor(session: _Session) -> Any:
    from google.protobuf import json_format
    from pulumi.runtime import mocks
    from pulumi.runtime.proto import resource_pb2

    class _Unused(mocks.Mocks):
        def new_resource(self, args: mocks.MockResourceArgs) -> tuple[str | None, dict]:
            raise AssertionError("the harness monitor answers registrations itself")

        def call(self, args: mocks.MockCallArgs) -> dict:
            raise AssertionError("the harness monitor answers invokes itself")

    class _Monitor(mocks.MockMonitor):
        """Answers in wire form directly: nothing is deserialized into resource objects here."""

        def make_urn(self, parent: str, type_: str, name: str) -> str:
            """The engine's URN: the parent's whole type chain, without the root stack type."""
            from pulumi.runtime.settings import get_project, get_stack

            parent_type = parent.split("::")[2] if parent else ""
            if parent_type and parent_type != "pulumi:pulumi:Stack":
                type_ = f"{parent_type}${type_}"
            return f"urn:pulumi:{get_stack()}::{get_project()}::{type_}::{name}"

        def RegisterResource(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
            urn = self.make_urn(request.parent, request.type, request.name)
            if request.type == "pulumi:pulumi:Stack":
                return resource_pb2.RegisterResourceResponse(urn=urn)
            inputs = downgrade(json_format.MessageToDict(request.object))
            resource_id, state, visible = session.state(
                request.type, request.name, engine_urn(urn), inputs, bool(request.custom), computed=not session.preview)
            self.resources[urn] = mocks.MockMonitor.ResourceRegistration(urn, resource_id, state)
            out = {**inputs, **{k: v for k, v in state.items() if k in visible}}
            if resource_id:
                out["id"] = resource_id
            session.captured.append(CapturedResource(
                type=request.type, name=request.name, urn=engine_urn(urn), inputs=inputs, outputs=out,
                parent=engine_urn(request.parent),
                dependencies=tuple(engine_urn(d) for d in request.dependencies),
                property_dependencies={k: tuple(engine_urn(u) for u in v.urns)
                                       for k, v in request.propertyDependencies.items()},
                custom=bool(request.custom), remote=bool(request.remote)))
            return resource_pb2.RegisterResourceResponse(urn=urn, id=resource_id, object=_struct(state))

        def ReadResource(self, request: Any) -> Any:  # noqa: N802 - ``Vpc.get(...)``: the real read runs in previews too
            urn = self.make_urn(request.parent, request.type, request.name)
            props = downgrade(json_format.MessageToDict(request.properties))
            _, state, _ = session.state(request.type, request.name, engine_urn(urn), props, True, computed=True)
            self.resources[urn] = mocks.MockMonitor.ResourceRegistration(urn, request.id, state)
            return resource_pb2.ReadResourceResponse(urn=urn, properties=_struct(state))

        def Invoke(self, request: Any) -> Any:  # noqa: N802
            if request.tok == "pulumi:pulumi:getResource":
                return super().Invoke(request)
            args = _plain(downgrade(json_format.MessageToDict(request.args)))
            return resource_pb2.ResourceInvokeResponse(**{"return": _struct(session.answer(request.tok, args))})

    return _Monitor(_Unused())


def _record_exports(session: _Session) -> list[Any]:
    """Resolve ``pulumi.export`` values into ``session.exports`` (UNKNOWN where a preview cannot know them).

    Under mocks the root stack registers its outputs before the program runs, so they
    never reach the monitor: read them off the stack resource instead.
    """
    import pulumi
    from pulumi.runtime.settings import get_root_resource

    root = get_root_resource()
    pending = []
    for key, value in dict(getattr(root, "outputs", {})).items():
        session.exports[key] = UNKNOWN
        pending.append(pulumi.Output.from_input(value).apply(lambda v, k=key: session.exports.__setitem__(k, v)))
    return pending


def capture(
    program: Callable[[], Any],
    *,
    preview: bool = True,
    unknown: Mapping[str, Iterable[str]] | None = None,
    outputs: Mapping[str, Mapping[str, Any]] | None = None,
    invokes: Mapping[str, InvokeAnswer] | None = None,
    config: Mapping[str, Any] | None = None,
    project: str = "hitrust",
    stack: str = "test",
) -> CaptureResult:
    """Run ``program`` under mocks and return its registrations in wire encoding.

    In a preview, outputs a provider computes are unknown (as in ``pulumi preview`` of
    new resources) and ids are unknown; inputs come back as outputs. In an update every
    output the provider SDK declares gets a plausible value (see `pulumi_values`).
    ``unknown`` marks outputs unknown by logical name (``{"key": ["arn"]}``), also
    outside preview; ``outputs`` sets output values by logical name (wire names).
    ``invokes`` answers data sources by token (``"aws:ec2/getAmi"`` or the full
    ``"aws:ec2/getAmi:getAmi"``): a dict, or a function of the call's arguments (wire
    names) returning one; it is laid over the harness's own answer. ``config`` is what
    ``pulumi.Config`` reads: ``{"instanceType": "t3.small", "aws:region": "eu-west-1"}``
    (keys without a namespace belong to ``project``; ``aws:region`` defaults to us-east-1).
    """
    import pulumi
    from pulumi.runtime import config as runtime_config
    from pulumi.runtime import settings as runtime_settings

    settings = {"aws:region": DEFAULT_REGION}
    for key, value in (config or {}).items():
        settings[key if ":" in key else f"{project}:{key}"] = _config_value(value)
    session = _Session(preview, unknown or {}, outputs or {}, invokes or {}, settings["aws:region"])
    monitor = _monitor(session)
    config_token = runtime_config.CONFIG.set(settings)
    root_token = runtime_settings.ROOT.set(None)  # a fresh stack resource: exports of earlier runs stay there
    try:
        pulumi.runtime.set_mocks(monitor.mocks, project=project, stack=stack, preview=preview, monitor=monitor)

        @pulumi.runtime.test
        def _run() -> Any:
            returned = program()
            return pulumi.Output.all(returned, *_record_exports(session))

        try:
            _run()
        except Exception as exc:
            hints = [_opaque_message(r) for r in session.opaque()] + [
                f"data source {c.token} got a generic answer (pass invokes={{{short_token(c.token)!r}: ...}})"
                for c in session.invokes if c.generic]
            if hints:
                raise CaptureError(f"the program failed under mocks: {type(exc).__name__}: {exc}\n"
                                   + "\n".join(f"- {h}" for h in dict.fromkeys(hints))) from exc
            raise
    finally:
        runtime_settings.ROOT.reset(root_token)
        runtime_config.CONFIG.reset(config_token)
    result = CaptureResult(session.captured, invokes=session.invokes, opaque_components=session.opaque(),
                           exports=session.exports)
    for r in result.opaque_components:
        warnings.warn(_opaque_message(r), OpaqueComponentWarning, stacklevel=2)
    return result
