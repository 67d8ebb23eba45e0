"""One checkov resource configuration judged by our rules, through the Terraform source's own path.

Three providers, each through the translation ``hitrust check terraform`` uses for it: hashicorp/aws
(`aws.to_pulumi` and the pulumi-aws adapters), hashicorp/google and google-beta (`google.to_pulumi` and
the pulumi-gcp adapters) and hashicorp/azurerm (`azurerm.Planned` and the azurerm adapters over the
Azure semantics). The AWS wording below holds for all three; for azurerm the stand-in is one
`azurerm.Planned` per type an adapter asks for, every value of it unknown (`OnePlan`).

checkov hands a check one resource at a time, in its own shape: every value wrapped in a list
(``from_port: [22]``, ``cidr_blocks: [["0.0.0.0/0"]]``), nested blocks as lists of such dicts, a
reference it could not resolve as a string (``aws_s3_bucket.logs.id``, ``var.key``), bookkeeping keys
starting with ``__``. `plan_resource` turns that back into what ``terraform show -json`` says of the
resource (`hitrust_policies.sources.terraform.plan.PlanResource`: ``after`` values, an ``after_unknown``
tree), and `judge` runs it through `aws.to_pulumi`, the unchanged pulumi-aws adapters and the rule, as
``hitrust check terraform`` does. No rule logic lives here.

What one resource cannot say, and so reads UNKNOWN (checkov: UNKNOWN, not reported as passed):

- a reference (``bucket = aws_s3_bucket.logs.id``, ``kms_key_id = var.key``) is a value known only
  once the other resource exists: an ``after_unknown`` path, as in a plan; so is, in ``.tf``, a null
  (checkov's value for an expression it could not evaluate, ``aws_kms_key.k.key_id != ""``);
- facts split over other resources (a bucket's separate public access block, encryption, logging and
  policy resources; a security group's separate rules; a user's policy attachments; account-wide
  defaults): checkov gives a check no other resource, so every join an adapter makes meets, for each
  type it asks for, one stand-in resource whose every property is unknown (`OneResource`). The
  adapters already treat a resource that may point at theirs as "maybe": the fact becomes UNKNOWN,
  never the "none declared" a whole plan would prove. Facts held in the resource itself stay exact
  (an inline ``ingress`` open to the world still FAILs). Each verdict is also taken with no other
  resource at all; where the two differ the verdict is UNKNOWN (`judge`).

``.tf`` and plan JSON differ in one way: in a plan, an attribute missing from checkov's view is one
Terraform knows only after apply (planned values list unset ones as null), so a missing nested block
reads UNKNOWN there; in ``.tf`` a missing attribute is simply not written.

**Plans: the whole plan, not one resource.** checkov names the plan file a resource comes from
(``__file__``). For a hashicorp/aws, google (or google-beta) and azurerm resource the verdict is then the
one ``hitrust check terraform`` gives that plan file (`plan_verdicts`: `check_plans` once per file, cached
by path and modification time): every join (a bucket's split encryption, public access block, logging and
policy; a group's or an NSG's separate rules; a user's attachments; a project's IAM grants; a storage
account's separate network rules and keys), ``after_unknown``, ``after_sensitive`` and module addresses
are read as there, so checkov reports exactly its (rule, address, PASS / FAIL) set, and its UNKNOWNs stay
unreported. Several findings of one rule on one resource make one checkov result: FAIL if any fails, else
UNKNOWN if any is unknown, else PASS. A plan file checkov names but that cannot be read (or that does not
hold the address) falls back to checkov's own view of the resource, judged one at a time as in ``.tf``.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hitrust_policies.engine import verdict
from hitrust_policies.findings import Status
from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.identity import MemberRoles
from hitrust_policies.rules.registry import Rule
from hitrust_policies.sources.pulumi.props import Props
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import AdapterFailure, Stack, model_values
from hitrust_policies.sources.terraform import aws, aws_names, azurerm, google, google_names
from hitrust_policies.sources.terraform.plan import PlanError, PlanResource, module_of, parse, resources

_REFERENCE = re.compile(r"^(?:[a-z][a-z0-9]*_[a-z0-9_]+|var|local|module|data|each|count|path|self|terraform)\.")
_META = {"count", "for_each", "provider", "depends_on", "lifecycle", "provisioner", "connection",
         "start_line", "end_line", "references_", "dynamic"}
_JSON_ATTRS = {"policy", "assume_role_policy"}  # checkov's plan view parses these JSON strings into dicts
# a function call checkov could not evaluate (``jsondecode(data.http.x.response_body)``), left as its text
_CALL = re.compile(r"^[a-z][a-z0-9_]*\(.*\)$", re.S)
_INDEX = re.compile(r"^(?P<type>[^.\[]+)\.(?P<name>[^.\[]+)(?:\[(?P<index>.*)\])?$")


def is_reference(value: Any) -> bool:
    """A value checkov left as the expression it could not evaluate.

    >>> is_reference("aws_s3_bucket.logs.id"), is_reference("${var.key}"), is_reference("10.0.0.0/8")
    (True, True, False)
    >>> is_reference(["sg-1", "aws_security_group.web.id"]), is_reference("my-bucket.example.com")
    (True, False)
    >>> is_reference(["jsondecode(data.http.actions.response_body)"]), is_reference("Microsoft.Storage/*")
    (True, False)
    """
    if isinstance(value, str):
        return "${" in value or bool(_REFERENCE.match(value)) or bool(_CALL.match(value))
    if isinstance(value, list):
        return any(is_reference(v) for v in value)
    return False


def _unwrap(raw: Any) -> Any:
    return raw[0] if isinstance(raw, list) and len(raw) == 1 else (None if raw == [] else raw)


def provider(resource_type: str) -> str | None:
    """The provider address whose translation reads a resource type (None: no adapter reads it).

    >>> provider("aws_s3_bucket"), provider("google_storage_bucket"), provider("azurerm_storage_account")
    ('registry.terraform.io/hashicorp/aws', 'registry.terraform.io/hashicorp/google', \
'registry.terraform.io/hashicorp/azurerm')
    """
    if resource_type in aws_names.TOKENS:
        return aws.PROVIDER
    if resource_type in google_names.TOKENS:
        return google.PROVIDER
    if resource_type in azurerm_types():
        return azurerm.PROVIDER
    return None


def azurerm_types() -> set[str]:
    """hashicorp/azurerm types some azurerm adapter reads."""
    azurerm.supported_kinds()  # loads the adapter modules
    return set(azurerm.ADAPTERS)


class _AnyBlocks(dict):  # type: ignore[type-arg]
    """azurerm has no schema here: every list of objects checkov shows is a nested block (as in a plan)."""

    def get(self, key: Any, default: Any = None) -> Any:
        return ANY_BLOCK


ANY_BLOCK: Mapping[str, Any] = {"blocks": _AnyBlocks()}


def _google_shape(props: Mapping[str, Any], nested: bool = False) -> dict[str, Any]:
    """`google._computed_shape` plus, inside nested blocks, the names of every property (``known``): a plan's
    block lists each attribute, null when unset, so one checkov leaves out is known only after apply
    (a module input built from another resource's id, ``default_kms_key_name = var.key``)."""
    blocks: dict[str, Any] = {}
    for key, spec in props.items():
        if "block" in spec:
            for name in google_names.singulars(key) if spec.get("many") else {key}:
                if google_names.pulumi_key(name, dict(props)) == key:
                    blocks[name] = _google_shape(spec["block"], nested=True)
    return {"blocks": blocks, **({"known": sorted(props)} if nested else {})}


def _schema(resource_type: str) -> Mapping[str, Any]:
    if resource_type in aws_names.TOKENS:
        return aws_names.schema().get(resource_type, {})
    if resource_type in google_names.TOKENS:
        return _google_shape(google_names.schema().get(resource_type, {}))
    return ANY_BLOCK


def _values(conf: Mapping[str, Any], block: Mapping[str, Any], plan: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    """(after, after_unknown) of one checkov block against the provider's schema of that block."""
    after: dict[str, Any] = {}
    unknown: dict[str, Any] = {}
    blocks = block.get("blocks", {})
    for key, raw in conf.items():
        if key == "dynamic":  # a dynamic block checkov could not expand: its items are known only at apply
            for item in raw if isinstance(raw, list) else ():
                for name in item if isinstance(item, Mapping) else ():
                    after[name], unknown[name] = None, True
            continue
        if key.startswith("__") or key in _META:
            continue
        nested = blocks.get(key)
        if nested is not None and isinstance(raw, list) and raw and all(isinstance(i, Mapping) for i in raw):
            items = [_values(i, nested, plan) for i in raw]
            after[key] = [a for a, _ in items]
            if any(u for _, u in items):
                unknown[key] = [u for _, u in items]
            continue
        value = _unwrap(raw)
        if is_reference(value) or (value is None and not plan):  # .tf: an expression checkov could not evaluate
            after[key], unknown[key] = None, True
        elif key in _JSON_ATTRS and isinstance(value, Mapping):
            after[key] = json.dumps(value)
        elif plan and isinstance(value, Mapping):  # a map attribute: checkov wraps its values as well
            after[key] = {k: _unwrap(v) for k, v in value.items()}
        else:
            after[key] = value
    if plan:  # planned values list an unset block as []: a missing one is known only after apply
        for key in blocks:
            if key not in conf:
                unknown[key] = True
        for key in block.get("known", ()):
            if not google_names.singulars(key) & set(conf) and key not in blocks:
                after[key], unknown[key] = None, True
    return after, unknown


def plan_resource(resource_type: str, conf: Mapping[str, Any], plan: bool) -> PlanResource:
    """The plan resource checkov's ``conf`` describes (``plan``: conf read from plan JSON)."""
    address = str(_unwrap(conf.get("__address__")) or f"{resource_type}.{conf.get('__resource_name__', 'this')}")
    module = module_of(address)
    local = address[len(module) + 1:] if module else address
    m = _INDEX.match(local)
    name, index = (m["name"], m["index"]) if m else (local, None)
    if index is not None:
        try:
            index = json.loads(index)
        except ValueError:
            pass
    after, unknown = _values(conf, _schema(resource_type), plan)
    return PlanResource(address=address, type=resource_type, name=name, module=module, index=index,
                        provider=provider(resource_type) or "", after=after, unknown=unknown)


@functools.lru_cache(maxsize=8)
def _plan_addresses(path: str, mtime: float) -> frozenset[str] | None:
    try:
        doc = parse(Path(path).read_bytes(), path)
    except (OSError, PlanError):
        return None
    return frozenset(r.address for r in resources(doc))


def _worst(verdicts: list[tuple[Status, str]]) -> tuple[Status | None, str]:
    """One result of several verdicts: FAIL if any fails, else UNKNOWN if any is unknown, else PASS
    (None: no verdict at all); the messages of that status joined."""
    for status in (Status.FAIL, Status.UNKNOWN, Status.PASS):
        messages = [m for s, m in verdicts if s == status]
        if messages:
            return status, "; ".join(m for m in messages if m)
    return None, ""


@functools.lru_cache(maxsize=8)
def _whole_plan(path: str, mtime: float) -> dict[tuple[str, str], tuple[Status | None, str]]:
    from hitrust_policies.sources.terraform.scan import check_plans

    found: dict[tuple[str, str], list[tuple[Status, str]]] = {}
    for f in check_plans([path]).findings():
        found.setdefault((f.rule_id, f.resource.native_id), []).append((f.status, f.message))
    return {key: _worst(verdicts) for key, verdicts in found.items()}


def plan_verdicts(conf: Mapping[str, Any]) -> dict[tuple[str, str], tuple[Status | None, str]] | None:
    """(rule id, plan address) -> what ``hitrust check terraform`` says of the plan file checkov names
    (``__file__``) for the resource ``conf`` is; None when that file cannot be read or does not hold the
    resource's address (then `judge` reads checkov's own view of the resource)."""
    path, address = _unwrap(conf.get("__file__")), _unwrap(conf.get("__address__"))
    if not isinstance(path, str) or not isinstance(address, str):
        return None
    try:
        mtime = Path(path).stat().st_mtime
    except OSError:
        return None
    addresses = _plan_addresses(path, mtime)
    if addresses is None or address not in addresses:
        return None
    return _whole_plan(path, mtime)


STAND_IN = "checkov evaluates one resource at a time: another resource of the plan may set this"


def _stand_in(token: str) -> PulumiResource:
    reason = STAND_IN
    return PulumiResource(type=token, urn=f"urn:pulumi:terraform::checkov::{token}::(other resources)",
                          props=Props(Unknown(reason)), name="(other resources)")  # type: ignore[arg-type]


class OneResource(Stack):
    """A stack of one resource in which every join an adapter makes (any type it asks for, whether or not
    the Terraform translation maps it) meets one stand-in whose every property is unknown: a resource
    that might point at this one, so the joined fact reads UNKNOWN."""

    def of_type(self, *types: str) -> list[PulumiResource]:
        return [*super().of_type(*types), *(_stand_in(t) for t in types)]


def _verdict(rule: Rule, own: PulumiResource, stack: Stack) -> tuple[Status | None, str]:
    verdicts: list[tuple[Status, str]] = []
    for value in model_values(stack, [rule.kind], only=[own]):
        verdicts.append((Status.UNKNOWN, value.reason) if isinstance(value, AdapterFailure) else verdict(rule, value))
    return _worst(verdicts)


class _AllUnknown(Mapping[str, Any]):
    """The values of a stand-in: every attribute unknown."""

    def __getitem__(self, key: str) -> Unknown:
        return Unknown(STAND_IN)

    def __iter__(self) -> Any:
        return iter(())

    def __len__(self) -> int:
        return 0


def _azurerm_stand_in(resource_type: str) -> azurerm.Planned:
    res = PlanResource(address=f"{resource_type}.(other resources)", type=resource_type, name="(other resources)",
                       module="", index=None, provider=azurerm.PROVIDER, after={})
    return azurerm.Planned(res, _AllUnknown(), {})


class OnePlan(azurerm.Plan):
    """`OneResource` for the azurerm adapters: every type a join asks for holds one stand-in whose every
    value is unknown, so `azurerm.Plan.links` answers "maybe" for it and the joined fact reads UNKNOWN."""

    def of_type(self, *types: str) -> list[azurerm.Planned]:
        return [*super().of_type(*types), *(_azurerm_stand_in(t) for t in types)]


def _azurerm_verdict(rule: Rule, own: azurerm.Planned, plan: azurerm.Plan) -> tuple[Status | None, str]:
    verdicts: list[tuple[Status, str]] = []
    for adapter, kinds in azurerm.ADAPTERS.get(own.res.type, ()):
        if rule.kind not in kinds:
            continue
        try:
            values = [v for v in adapter(own, plan) if type(v) is rule.kind]
        except Exception as exc:  # noqa: BLE001 - as `azurerm.to_model`: a coverage gap, here UNKNOWN
            verdicts.append((Status.UNKNOWN, f"azurerm adapter {adapter.__name__} failed: {type(exc).__name__}"))
            continue
        verdicts += [verdict(rule, v) for v in values]
    return _worst(verdicts)


def _azurerm_own(res: PlanResource) -> azurerm.Planned:
    return azurerm.Planned(res, aws._with_unknowns(dict(res.after), res.unknown, res.address, ""), {})


# Kinds that sum what every resource of a scope grants (a member's roles over all of a project's IAM
# grants): one resource shows a part, so it can prove a FAIL but never a PASS.
AGGREGATES: frozenset[type] = frozenset({MemberRoles})


def judge(rule: Rule, resource_type: str, conf: Mapping[str, Any], plan: bool) -> tuple[Status | None, str]:
    """The rule's verdict on one checkov resource: FAIL if any value of its kind fails, else UNKNOWN if
    any is unknown, else PASS; None when the resource yields nothing the rule judges.

    Plan resources: the whole plan file's verdict (`plan_verdicts`). Otherwise (``.tf``, or a plan file
    that cannot be read) judged in `OneResource` (unknown stand-ins for every join) and, unless that
    already says UNKNOWN, alone too:
    a verdict that differs between the two depends on what other resources hold (an adapter that asks
    only whether some resource of a type exists, such as a region's default EBS key) and is UNKNOWN.
    An UNKNOWN among stand-ins stays UNKNOWN whatever the resource alone says, so that second look is
    left out there.
    """
    whole = plan_verdicts(conf) if plan and provider(resource_type) is not None else None
    if whole is not None:
        return whole.get((rule.id, str(_unwrap(conf.get("__address__")))), (None, ""))
    res = plan_resource(resource_type, conf, plan)
    written = None if plan else res.after
    if provider(resource_type) == azurerm.PROVIDER:
        planned = _azurerm_own(res)
        among = _azurerm_verdict(rule, planned, OnePlan([planned]))
        alone = (among if among[0] is Status.UNKNOWN else _azurerm_verdict(rule, planned, azurerm.Plan([planned])))
    else:
        translate = google.to_pulumi if provider(resource_type) == google.PROVIDER else aws.to_pulumi
        own = translate(res, {}, written)
        among = _verdict(rule, own, OneResource([own]))
        alone = among if among[0] is Status.UNKNOWN else _verdict(rule, own, Stack([own]))
    if among[0] != alone[0]:
        return Status.UNKNOWN, f"depends on other resources of the plan, which checkov does not show: {among[1]}"
    if among[0] is Status.PASS and rule.kind in AGGREGATES:
        return Status.UNKNOWN, "other grants of the plan add to these, which checkov does not show"
    return among
