"""Service-account keys (``serviceaccount/key:Key``) as `ServiceAccountKey`s, and the roles the program grants
each member of a project, folder or organization as `MemberRoles`, each member of each binding there as a
`PolicyGrant`.

Every key pulumi-gcp makes is user-managed: it either has Google generate a key pair and hands the
program the private key (``privateKey`` output), or uploads the program's own public key
(``publicKeyData``); Google-managed keys are never resources. The provider cannot create a key
disabled. The owner is the ``serviceaccount/account:Account`` that ``serviceAccountId`` names when it is
in the stack (its e-mail, else its account id), or the last segment of the id given.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

from hitrust_policies.model import MemberRoles, PolicyGrant, ServiceAccountKey, Unknown
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.pulumi.gcp import names
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

KEY = "gcp:serviceaccount/key:Key"
ACCOUNT = "gcp:serviceaccount/account:Account"
PENDING_ACCOUNT = "(service account computed at preview)"


def _owner(key: PulumiResource, stack: Stack) -> str:
    account = names.parent(stack, key, "serviceAccountId", (ACCOUNT,))
    if account is not None:
        return (account.props.name_candidate("email") or account.props.name_candidate("accountId")
                or account.logical_name)
    given = key.props.name_candidate("serviceAccountId")
    return names.last_segment(given) if given else PENDING_ACCOUNT


@pulumi_adapter(KEY, produces=ServiceAccountKey, joins=True)
def service_account_key(res: PulumiResource, stack: Stack) -> Iterator[ServiceAccountKey]:
    """A key being created is valid from now; once created, ``validBefore`` tells whether it expired."""
    owner = _owner(res, stack)
    valid_before = res.props.name_candidate("validBefore")
    yield ServiceAccountKey(
        ref=names.ref(res, name=f"{owner}/{res.logical_name}"),
        owner=owner,
        user_managed=True,
        disabled=False,
        expired=gcp.sa_key_expired(valid_before, datetime.now(UTC)),
    )


# --- roles per member of a project, folder or organization -----------------------------------------------

# (type prefix, the prop naming the scope, the scope's collection): pulumi-gcp's IAMMember (one member),
# IAMBinding (one role's members) and IAMPolicy (the whole policy as ``policyData``) of each scope.
SCOPES = {"gcp:projects/": ("project", "projects"), "gcp:folder/": ("folder", "folders"),
          "gcp:organizations/": ("orgId", "organizations")}
GRANTS = tuple(f"{prefix}{kind}" for prefix in SCOPES for kind in (
    "iAMMember:IAMMember", "iAMBinding:IAMBinding", "iAMPolicy:IAMPolicy"))
PROVIDER_PROJECT = "(the provider's project)"


def _scope(grant: PulumiResource) -> str:
    """``projects/<id>`` / ``folders/<n>`` / ``organizations/<n>`` as the live scanner names them."""
    prop, collection = next(v for k, v in SCOPES.items() if grant.type.startswith(k))
    given = grant.props.name_candidate(prop)
    if given is None:
        pending = grant.props.get(prop)
        return f"{collection}/{'(computed at preview)' if isinstance(pending, Unknown) else PROVIDER_PROJECT}"
    return f"{collection}/{names.last_segment(given)}"




@pulumi_adapter(*GRANTS, produces=MemberRoles, joins=True)
def member_roles(res: PulumiResource, stack: Stack) -> Iterator[MemberRoles]:
    """The roles the stack's grants give each member of this grant's scope, yielded once per member, by
    the first grant naming it; a grant whose roles or members are not known yet is one unknown value. What
    grants outside the program give is not in it (the scan sees those)."""
    scope = _scope(res)
    own = names.iam_bindings(res)
    if isinstance(own, Unknown):
        yield MemberRoles(names.ref(res, name=f"{scope}/({res.logical_name})"), "", own)
        return
    mine = gcp.roles_by_member(own)
    seen: set[str] = set()
    roles: dict[str, list[str]] = {m: [] for m in mine}
    for grant in stack.of_type(*GRANTS):
        if _scope(grant) != scope:
            continue
        bindings = names.iam_bindings(grant)
        if isinstance(bindings, Unknown):
            continue  # that grant's own value says so
        for member, granted in gcp.roles_by_member(bindings).items():
            if member in roles:
                roles[member] += granted
                if grant.urn != res.urn and member not in seen and _before(stack, grant, res):
                    seen.add(member)  # an earlier grant yields this member
    for member in mine:
        if member not in seen:
            yield MemberRoles(replace(names.ref(res, name=f"{scope}/{member}"), part=f"members/{member}"), member,
                              tuple(sorted(set(roles[member]))))  # part: a binding's members, one finding id each


def _before(stack: Stack, a: PulumiResource, b: PulumiResource) -> bool:
    order = [r.urn for r in stack.of_type(*GRANTS)]
    return order.index(a.urn) < order.index(b.urn)


PENDING_MEMBERS = "(members not known yet)"


@pulumi_adapter(*GRANTS, produces=PolicyGrant)
def policy_grants(res: PulumiResource, stack: Stack) -> Iterator[PolicyGrant]:
    """Each member of each binding the grant sets, named ``<scope>/<role>/<member>`` as live, its access the
    role's (`gcp_semantics.role_access`: Owner full admin, Editor near admin). A role known while its members
    are not (computed at preview, known after apply) is still judged, under ``(members not known yet)``; a
    role or policy document not known yet is one unknown grant."""
    scope = _scope(res)
    kind = res.type.rsplit(":", 1)[-1].lower()
    role = res.props.get("role") if not kind.endswith("iampolicy") else None
    bindings = names.iam_bindings(res)
    if isinstance(bindings, Unknown) and isinstance(role, str) and role:
        bindings = [{"role": role, "members": [PENDING_MEMBERS]}]
    if isinstance(bindings, Unknown):
        yield PolicyGrant(names.ref(res, name=f"{scope}/({res.logical_name})"), access=bindings, attached=bindings)
        return
    for granted, member in gcp.binding_members(bindings):
        access, exceptions = gcp.role_access(granted)
        yield PolicyGrant(replace(names.ref(res, name=f"{scope}/{granted}/{member}"), part=f"{granted}/{member}"),
                          access=access, attached=True, exceptions=exceptions)
