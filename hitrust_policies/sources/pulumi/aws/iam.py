"""IAM users (with their direct policy attachments), permission grants, password policy.

Console access and MFA devices are not declared in a program (a login profile may be
made by hand; MFA devices always are): they are Unknown here and the rules over them
are live-only.

Grants are everywhere a program can give admin: customer managed policies, inline policies
(``RolePolicy`` / ``UserPolicy`` / ``GroupPolicy``, a role's ``inlinePolicies``), and
attachments of AWS-managed admin policies (the four attachment resources, a role's
``managedPolicyArns``). They are named ``<kind>/<principal>/<policy>`` as the live scanner
names them; documents are judged by the shared `aws_iam_policy` semantics. An attachment of a
customer policy is no grant of its own (the policy is judged once, where it is defined; one
defined outside the stack only a live scan can read); one whose ARN is still computed, and
not that of a policy in this stack, may be AdministratorAccess: unknown.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from hitrust_policies.model import Identity, PasswordPolicy, PolicyGrant, RoleTrust, Unknown
from hitrust_policies.sources.aws_iam_policy import document_access, managed_policy_access, policy_grant, public_trust
from hitrust_policies.sources.pulumi.props import preview_unknown, to_bool, to_int
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

USER = "aws:iam/user:User"
GROUP = "aws:iam/group:Group"
ROLE = "aws:iam/role:Role"
POLICY = "aws:iam/policy:Policy"
USER_ATTACHMENT = "aws:iam/userPolicyAttachment:UserPolicyAttachment"
USER_INLINE = "aws:iam/userPolicy:UserPolicy"
POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment"
# attachment type -> (principal kind, principal prop, principal type)
PRINCIPAL_ATTACHMENTS = {
    USER_ATTACHMENT: ("user", "user", USER),
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ("role", "role", ROLE),
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": ("group", "group", GROUP),
}
ATTACHMENTS = (*PRINCIPAL_ATTACHMENTS, POLICY_ATTACHMENT)
INLINE_POLICIES = {
    USER_INLINE: ("user", "user", USER),
    "aws:iam/rolePolicy:RolePolicy": ("role", "role", ROLE),
    "aws:iam/groupPolicy:GroupPolicy": ("group", "group", GROUP),
}
LIVE_ONLY = "only visible in a live account"
SECRET = "[secret]"


def _attached_policy_name(att: PulumiResource, stack: Stack) -> str:
    """The attached policy's name, as IAM lists it (``ListAttachedUserPolicies`` PolicyName).

    From the policy resource when it is in this stack (its ARN may not be known yet),
    else the last segment of the ARN (``arn:aws:iam::aws:policy/ReadOnlyAccess``).
    """
    if att.props.is_secret("policyArn"):
        return SECRET
    policy = stack.referent(att, "policyArn", (POLICY,), ("arn",))
    if policy is not None:
        return policy.display_name("name")
    arn = att.props.get("policyArn")
    if isinstance(arn, str) and arn:
        return arn.rsplit("/", 1)[-1]
    return "(policy computed at preview)"


def direct_policies(user: PulumiResource, stack: Stack) -> Any:
    attached, maybe_a = stack.referrers(user, (USER_ATTACHMENT,), "user", ("name",))
    inline, maybe_i = stack.referrers(user, (USER_INLINE,), "user", ("name",))
    names = [_attached_policy_name(a, stack) for a in attached]
    names += [p.display_name("name") for p in inline]
    if not names and (maybe_a or maybe_i):
        return preview_unknown(f"user of {(maybe_a + maybe_i)[0].logical_name}")
    return tuple(names)


@pulumi_adapter(USER, produces=Identity, joins=True)
def user(res: PulumiResource, stack: Stack) -> Iterator[Identity]:
    yield Identity(
        ref=res.ref("name"),
        console_access=Unknown(LIVE_ONLY),
        mfa_enabled=Unknown(LIVE_ONLY),
        direct_policies=direct_policies(res, stack),
        console_unused_days=Unknown(LIVE_ONLY),  # sign-ins happen in the running account
        active_keys=Unknown(LIVE_ONLY),  # keys may be made outside any program
    )


def _attached(policy: PulumiResource, stack: Stack) -> bool | Unknown:
    """Held by a principal in this stack (an attachment, a role's ``managedPolicyArns``); else unknown:
    attachments made outside the stack are only visible in a live account."""
    sure, _ = stack.referrers(policy, ATTACHMENTS, "policyArn", ("arn",))
    arn = policy.props.get("arn")
    for role in stack.of_type(ROLE):
        arns = role.props.get("managedPolicyArns")
        if policy.urn in role.property_dependencies.get("managedPolicyArns", ()) or (
                isinstance(arns, list) and isinstance(arn, str) and any(a == arn for a in arns if isinstance(a, str))):
            return True
    return True if sure else Unknown("attachments made outside this stack are " + LIVE_ONLY)


@pulumi_adapter(POLICY, produces=PolicyGrant, joins=True)
def policy(res: PulumiResource, stack: Stack) -> Iterator[PolicyGrant]:
    document = res.props.get("policy")
    yield policy_grant(res.ref("name"), document_access(document), _attached(res, stack), document)


def _principal(res: PulumiResource, prop: str, principal_type: str, stack: Stack) -> str:
    """The principal's name as IAM lists it: that of the principal resource the prop designates in this
    stack (given as its name, its id or the resource itself), else the prop's value (a name, or an ARN)."""
    target = stack.referent(res, prop, (principal_type,), ("name",))
    if target is not None:
        return target.display_name("name")
    value = res.props.get(prop)
    if isinstance(value, str) and value and not res.props.is_secret(prop):
        return value.rsplit("/", 1)[-1] if value.startswith("arn:") else value
    return f"({prop} computed at preview)"


@pulumi_adapter(*INLINE_POLICIES, produces=PolicyGrant, joins=True)
def inline_policy(res: PulumiResource, stack: Stack) -> Iterator[PolicyGrant]:
    kind, prop, principal_type = INLINE_POLICIES[res.type]
    name = f"{kind}/{_principal(res, prop, principal_type, stack)}/{res.display_name('name')}"
    document = res.props.get("policy")
    yield policy_grant(res.ref(name=name), document_access(document), True, document)


def _admin_attachment(res: PulumiResource, stack: Stack, arn: Any, name: str) -> PolicyGrant | None:
    """The grant an attachment of ``arn`` makes: an AWS-managed admin policy, or unknown while the ARN is
    computed and not a customer policy of this stack (which is judged on its own)."""
    if isinstance(arn, Unknown):
        if stack.referent(res, "policyArn", (POLICY,), ("arn",)) is not None:
            return None
        return policy_grant(res.ref(name=f"{name}/(policy computed at preview)"), arn, True)
    access = managed_policy_access(arn)
    if access is None:
        return None
    return policy_grant(res.ref(name=f"{name}/{arn.rsplit('/', 1)[-1]}"), access, True)


@pulumi_adapter(*PRINCIPAL_ATTACHMENTS, produces=PolicyGrant, joins=True)
def principal_attachment(res: PulumiResource, stack: Stack) -> Iterator[PolicyGrant]:
    kind, prop, principal_type = PRINCIPAL_ATTACHMENTS[res.type]
    grant = _admin_attachment(res, stack, res.props.get("policyArn"),
                              f"{kind}/{_principal(res, prop, principal_type, stack)}")
    if grant is not None:
        yield grant


def _principals(res: PulumiResource, prop: str, principal_type: str, stack: Stack) -> list[str]:
    """Names in a list of principals; elements not known yet are the list's dependencies of that type
    (their order does not matter: each gets the same grant)."""
    listed = res.props.get(prop, [])
    if isinstance(listed, Unknown):
        listed = [listed]
    names = [n for n in listed if isinstance(n, str)]
    deps = [stack.by_urn[u] for u in res.property_dependencies.get(prop, ()) if u in stack.by_urn]
    pending = [d.display_name("name") for d in deps if d.type == principal_type]
    pending = [n for n in pending if n not in names]
    unknown = len(listed) - len(names)
    if unknown and len(pending) == unknown:
        return names + pending
    return names + [f"({prop} computed at preview)"] * unknown


@pulumi_adapter(POLICY_ATTACHMENT, produces=PolicyGrant, joins=True)
def policy_attachment(res: PulumiResource, stack: Stack) -> Iterator[PolicyGrant]:
    """One grant per user, group and role the attachment lists."""
    for kind, prop, principal_type in (("user", "users", USER), ("group", "groups", GROUP), ("role", "roles", ROLE)):
        for i, who in enumerate(_principals(res, prop, principal_type, stack)):
            grant = _admin_attachment(res, stack, res.props.get("policyArn"), f"{kind}/{who}")
            if grant is not None:
                yield replace(grant, ref=replace(grant.ref, part=f"{prop}[{i}]"))


@pulumi_adapter(ROLE, produces=PolicyGrant, joins=True)
def role_grants(res: PulumiResource, stack: Stack) -> Iterator[PolicyGrant]:
    """A role's own ``inlinePolicies`` and ``managedPolicyArns`` (pulumi-aws keeps both on the role)."""
    role = res.display_name("name")
    inline = res.props.get("inlinePolicies", [])
    for i, entry in enumerate([inline] if isinstance(inline, Unknown) else inline):
        document = entry.get("policy") if isinstance(entry, dict) else entry
        if document is None or (isinstance(document, str) and not document):
            continue  # an empty block: "this role has no inline policies"
        name = entry.get("name") if isinstance(entry, dict) else None
        label = name if isinstance(name, str) and name else "(inline policy computed at preview)"
        ref = replace(res.ref(name=f"role/{role}/{label}"), part=f"inlinePolicies[{i}]")
        yield policy_grant(ref, document_access(document), True, document)
    arns = res.props.get("managedPolicyArns", [])
    policy_deps = res.property_dependencies.get("managedPolicyArns", ())
    from_stack_policies = bool(policy_deps) and all(
        getattr(stack.by_urn.get(u), "type", None) == POLICY for u in policy_deps)
    for i, arn in enumerate([arns] if isinstance(arns, Unknown) else arns):
        if isinstance(arn, Unknown) and from_stack_policies:
            continue  # the ARN of a customer policy of this stack, judged on its own
        access = arn if isinstance(arn, Unknown) else managed_policy_access(arn)
        if access is not None:
            label = arn.rsplit("/", 1)[-1] if isinstance(arn, str) else "(policy computed at preview)"
            yield policy_grant(replace(res.ref(name=f"role/{role}/{label}"), part=f"managedPolicyArns[{i}]"),
                               access, True)


@pulumi_adapter(ROLE, produces=RoleTrust)
def role_trust(res: PulumiResource, stack: Stack) -> Iterator[RoleTrust]:
    """Who may assume the role: its ``assumeRolePolicy`` (JSON text, judged as the live scan judges IAM's)."""
    yield RoleTrust(res.ref("name"), public_principals=public_trust(res.props.get("assumeRolePolicy")))


@pulumi_adapter("aws:iam/accountPasswordPolicy:AccountPasswordPolicy", produces=PasswordPolicy)
def password_policy(res: PulumiResource, stack: Stack) -> Iterator[PasswordPolicy]:
    p = res.props
    max_age = to_int(p.get("maxPasswordAge"))
    reuse = to_int(p.get("passwordReusePrevention"))
    yield PasswordPolicy(
        ref=res.ref(),
        present=True,
        min_length=to_int(p.get("minimumPasswordLength", 6)),
        require_uppercase=to_bool(p.get("requireUppercaseCharacters"), False),
        require_lowercase=to_bool(p.get("requireLowercaseCharacters"), False),
        require_numbers=to_bool(p.get("requireNumbers"), False),
        require_symbols=to_bool(p.get("requireSymbols"), False),
        max_age_days=max_age if isinstance(max_age, Unknown) else (max_age or None),
        reuse_prevention=reuse if isinstance(reuse, Unknown) else (reuse or None),
    )
