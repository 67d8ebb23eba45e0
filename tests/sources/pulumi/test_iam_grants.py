"""Admin grants from real pulumi-aws programs (captured under mocks), named as the live scanner names them."""

from __future__ import annotations

import pytest

from hitrust_policies import evaluate
from hitrust_policies.model import FULL_ADMIN, NEAR_ADMIN, SCOPED, PolicyGrant, Unknown
from hitrust_policies.model.facts import same
from hitrust_policies.sources.pulumi import PulumiResource, to_model
from hitrust_policies.sources.pulumi.props import UNKNOWN_STRING
from hitrust_policies.testing.pulumi import capture
from tests.pulumi_programs import iam
from tests.sources.pulumi.helpers import res, urn

RULE = "iam-policy-grant-no-admin"
EXPECTED = {
    "role/ci-deployer/deploy": "PASS",
    "role/ci-deployer/escape-hatch": "PASS",
    "role/ci-deployer/AdministratorAccess": "FAIL",
    "role/app/all-but-iam": "FAIL",
    "every-arn": "FAIL",
    "role/break-glass/AdministratorAccess": "FAIL",
    "user/ops/ops-everything": "FAIL",
    "user/ops/AdministratorAccess": "FAIL",
    "group/admins/all-but-iam": "FAIL",
    "group/admins/AdministratorAccess": "FAIL",
    "user/auditor/AdministratorAccess": "FAIL",  # through a PolicyAttachment
}


def model(program, preview: bool) -> list:
    return to_model(PulumiResource.from_wire(r.type, r.urn, r.outputs, name=r.name,
                                             property_dependencies=r.property_dependencies)
                    for r in capture(program, preview=preview))


def verdicts(values: list) -> dict[str, str]:
    found = [(f.resource.name, f.status.value) for f in evaluate(values) if f.rule_id == RULE]
    assert len(found) == len(dict(found)), "one verdict per grant name"
    return dict(found)


@pytest.mark.parametrize("preview", [True, False], ids=["preview", "update"])
def test_every_way_a_program_grants_admin(preview: bool) -> None:
    """Inline policies (a role's own list, RolePolicy / UserPolicy / GroupPolicy), AdministratorAccess
    through each attachment resource and a role's managedPolicyArns; a customer policy attached by ARN is
    judged once, as itself; SecurityAudit grants no admin and makes no value."""
    assert verdicts(model(iam.admin_grants, preview)) == EXPECTED


def test_access_levels_and_what_is_left_out() -> None:
    grants = {g.ref.name: g for g in model(iam.admin_grants, True) if isinstance(g, PolicyGrant)}
    assert (grants["role/app/all-but-iam"].access, grants["role/app/all-but-iam"].exceptions) == (NEAR_ADMIN, "iam:*")
    assert grants["every-arn"].access == FULL_ADMIN and grants["every-arn"].attached is True
    assert grants["role/ci-deployer/escape-hatch"].access == SCOPED
    role_grants = [g for g in grants.values() if g.ref.native_type == "aws:iam/role:Role"]
    assert {g.ref.part for g in role_grants} == {"inlinePolicies[0]", "inlinePolicies[1]", "managedPolicyArns[0]"}


@pytest.mark.parametrize("preview, status", [(True, "UNKNOWN"), (False, "PASS")], ids=["preview", "update"])
def test_a_document_computed_at_preview_is_unknown_until_known(preview: bool, status: str) -> None:
    assert verdicts(model(iam.grant_computed_at_preview, preview)) == {"role/publisher/publish": status}


# ---- captured-shape props for what mocks cannot produce (values the engine sends unknown)

U = UNKNOWN_STRING
ROLE = "aws:iam/role:Role"
POLICY = "aws:iam/policy:Policy"
ATTACH = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"


def grants(*resources) -> dict[str, object]:
    return {(v.ref.name, v.ref.part): v.access for v in to_model(list(resources)) if isinstance(v, PolicyGrant)}


def test_an_attachment_of_a_policy_not_known_yet():
    """A computed ARN from a customer policy of this stack is that policy's business; any other may be admin."""
    role, policy = urn(ROLE, "app"), urn(POLICY, "p")
    own = grants(res(ROLE, "app", {"name": "app"}), res(POLICY, "p", {"name": "p", "policy": U}),
                 res(ATTACH, "a", {"role": "app", "policyArn": U}, policyArn=[policy], role=[role]))
    assert set(own) == {("p", None)}
    other = grants(res(ROLE, "app", {"name": "app"}), res(ATTACH, "a", {"role": U, "policyArn": U}, role=[role]))
    assert same(other[("role/app/(policy computed at preview)", None)], Unknown("computed at preview: policyArn"))


def test_a_role_given_by_arn_and_its_own_lists():
    values = grants(
        res(ATTACH, "a", {"role": "arn:aws:iam::123456789012:role/ops/deployer", "policyArn": iam.ADMIN_ARN}),
        res(ROLE, "r", {"name": "r", "inlinePolicies": [{}], "managedPolicyArns": [U, iam.ADMIN_ARN]},
            managedPolicyArns=[urn(POLICY, "p")]),
        res(POLICY, "p", {"name": "p", "policy": U}),
        res(ROLE, "late", {"name": "late", "inlinePolicies": U, "managedPolicyArns": [U]}),
    )
    assert values[("role/deployer/AdministratorAccess", None)] == FULL_ADMIN
    assert values[("role/r/AdministratorAccess", "managedPolicyArns[1]")] == FULL_ADMIN
    assert ("role/r/(policy computed at preview)", "managedPolicyArns[0]") not in values  # it is policy p
    assert same(values[("role/late/(inline policy computed at preview)", "inlinePolicies[0]")],
                Unknown("computed at preview: inlinePolicies"))
    assert same(values[("role/late/(policy computed at preview)", "managedPolicyArns[0]")],
                Unknown("computed at preview: managedPolicyArns[0]"))
    assert not any(name.startswith("role/r/(inline") for name, _ in values)  # an empty block: no inline policies


def test_policy_attachment_lists_each_principal():
    values = grants(
        res(ROLE, "app", {"name": "app"}),
        res("aws:iam/policyAttachment:PolicyAttachment", "everyone", {
            "policyArn": iam.ADMIN_ARN, "users": ["ops"], "groups": ["admins"], "roles": [U]},
            roles=[urn(ROLE, "app")]),
    )
    assert values == {("user/ops/AdministratorAccess", "users[0]"): FULL_ADMIN,
                      ("group/admins/AdministratorAccess", "groups[0]"): FULL_ADMIN,
                      ("role/app/AdministratorAccess", "roles[0]"): FULL_ADMIN}


def test_a_customer_policy_is_attached_when_a_role_lists_it():
    arn = "arn:aws:iam::123456789012:policy/p"
    for role in (res(ROLE, "r", {"name": "r", "managedPolicyArns": [U]}, managedPolicyArns=[urn(POLICY, "p")]),
                 res(ROLE, "r", {"name": "r", "managedPolicyArns": [U, arn]})):
        (grant,) = [v for v in to_model([role, res(POLICY, "p", {"name": "p", "arn": arn, "policy": U})])
                    if isinstance(v, PolicyGrant) and v.ref.name == "p"]
        assert grant.attached is True


NARROWER = ("iam-policy-grant-no-service-wildcard", "iam-policy-grant-no-kms-decrypt-all-keys")


@pytest.mark.parametrize("preview", [True, False], ids=["preview", "update"])
def test_service_wildcards_and_decryption_with_every_key(preview: bool) -> None:
    """The same documents as the live scan judges: a customer policy, a role's inlinePolicies, a RolePolicy;
    a key ARN computed at preview makes that policy UNKNOWN until known."""
    found = {(f.rule_id, f.resource.name): f.status.value
             for f in evaluate(model(iam.narrower_grants, preview)) if f.rule_id in NARROWER}
    wildcard, kms = NARROWER
    computed = "UNKNOWN" if preview else "PASS"
    assert found == {
        (wildcard, "s3-everything"): "FAIL", (kms, "s3-everything"): "PASS",
        (wildcard, "s3-one-bucket"): "PASS", (kms, "s3-one-bucket"): "PASS",
        (wildcard, "role/etl/keys"): "FAIL", (kms, "role/etl/keys"): "FAIL",
        (wildcard, "role/etl/decrypt-anything"): "PASS", (kms, "role/etl/decrypt-anything"): "FAIL",
        (wildcard, "role/etl/decrypt-one-key"): computed, (kms, "role/etl/decrypt-one-key"): computed,
    }


@pytest.mark.parametrize("preview", [True, False], ids=["preview", "update"])
def test_role_trust_policies(preview: bool) -> None:
    """A role's assumeRolePolicy judged as the live scan judges IAM's; a trust computed at preview is UNKNOWN."""
    found = {f.resource.name: f.status.value for f in evaluate(model(iam.role_trusts, preview))
             if f.rule_id == "iam-role-trust-not-public"}
    assert found == {"open-door": "FAIL", "star-principal": "FAIL", "partner": "PASS", "lambda-exec": "PASS",
                     "ops-elevate": "UNKNOWN" if preview else "PASS"}
