"""Metric filter patterns judged by what they match: the CIS AWS Foundations 4.x patterns as published (v1.5
and v3.0 wordings) cover exactly their own category; near misses cover nothing."""

from __future__ import annotations

import pytest

from hitrust_policies.sources.aws_metric_filters import CATEGORY_IDS, NotUnderstood, compile_pattern, covered_categories


def _any(*names: str, source: str | None = None) -> str:
    terms = " || ".join(f"($.eventName = {n})" for n in names)
    return f"{{ ($.eventSource = {source}) && ({terms}) }}" if source else f"{{ {terms} }}"


CIS = {  # category -> the benchmark's patterns (v1.5, v3.0 where they differ)
    "unauthorized-api-calls": [
        '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
        '{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && '
        '($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }'],
    "console-signin-without-mfa": [
        '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
        '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && '
        '($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }'],
    "root-usage": ['{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && '
                   '$.eventType != "AwsServiceEvent" }'],
    "iam-policy-changes": ["{" + "||".join(f"($.eventName={n})" for n in (
        "DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy",
        "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
        "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy",
        "DetachGroupPolicy")) + "}"],
    "audit-trail-changes": [_any("CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging")],
    "console-signin-failures": ['{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }'],
    "key-deletion": ["{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||"
                     "($.eventName=ScheduleKeyDeletion)) }"],
    "storage-policy-changes": [_any(
        "PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication",
        "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication",
        source="s3.amazonaws.com")],
    "config-recording-changes": [_any("StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel",
                                      "PutConfigurationRecorder", source="config.amazonaws.com")],
    "firewall-changes": [_any("AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
                              "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "CreateSecurityGroup",
                              "DeleteSecurityGroup")],
    "network-acl-changes": [_any("CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl",
                                 "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation")],
    "network-gateway-changes": [_any("CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway",
                                     "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway")],
    "route-changes": [
        _any("CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable",
             "DeleteRoute", "DisassociateRouteTable"),
        "{($.eventSource = ec2.amazonaws.com) && ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || "
        "($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || "
        "($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }"],
    "network-changes": [_any("CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection",
                             "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection",
                             "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink",
                             "EnableVpcClassicLink")],
    "organization-changes": [_any(
        "AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy",
        "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy",
        "DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount",
        "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit",
        source="organizations.amazonaws.com")],
}


def test_every_category_has_its_cis_pattern() -> None:
    assert sorted(CIS) == sorted(CATEGORY_IDS)


@pytest.mark.parametrize("category, pattern", [(c, p) for c, ps in CIS.items() for p in ps])
def test_cis_pattern_covers_exactly_its_category(category: str, pattern: str) -> None:
    assert covered_categories(pattern) == {category}


@pytest.mark.parametrize("pattern, covers", [
    # one event left out of the CIS list
    (_any("CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging"), set()),
    # AND where CIS has OR
    ('{ ($.errorCode = "*UnauthorizedOperation") && ($.errorCode = "AccessDenied*") }', set()),
    # a guard on the wrong service
    (_any("DisableKey", "ScheduleKeyDeletion", source="ec2.amazonaws.com"), set()),
    # wildcards and extra terms: still covers
    ('{ $.eventSource = "cloudtrail.amazonaws.com" && $.eventName = "*" }', {"audit-trail-changes"}),
    ('{ ($.eventName = ConsoleLogin) && ($.responseElements.ConsoleLogin = "Failure") }', {"console-signin-failures"}),
    # sign-ins without MFA miss a failed login where the MFA code was wrong (MFAUsed "Yes")
    ('{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
     {"console-signin-without-mfa"}),
    # the root user's own console sign-in is not every root action
    ('{ $.userIdentity.type = "Root" && $.eventName = "ConsoleLogin" }', set()),
    # not a JSON pattern: says nothing about CloudTrail fields
    ("ConsoleLogin Failed", set()),
    ("", set()),
])
def test_near_misses_and_supersets(pattern: str, covers: set[str]) -> None:
    assert covered_categories(pattern) == covers


@pytest.mark.parametrize("pattern", [
    "{ $.eventName = }", "{ ($.eventName = CreateVpc }", "{ $.eventName ~ CreateVpc }", "{ $.a IS MAYBE }",
    "{ eventName = CreateVpc }", "{ $.count > many }",
])
def test_json_patterns_not_understood_are_refused(pattern: str) -> None:
    with pytest.raises(NotUnderstood):
        covered_categories(pattern)


def test_comparisons() -> None:
    event = {"n": 5, "s": "a[1]?", "t": True, "z": None, "list": [{"x": "y"}]}
    assert compile_pattern("{ $.n >= 5 && $.n < 6 && $.n = 5 && $.n != 4 }")(event)
    assert compile_pattern('{ $.s = "a[1]?" && $.s = "a*" }')(event)  # only * is a wildcard
    assert not compile_pattern('{ $.s = "a?1]?" }')(event)
    assert compile_pattern("{ $.t IS TRUE && $.z IS NULL && $.missing NOT EXISTS && $.list[0].x = y }")(event)
    assert not compile_pattern("{ $.n = 5 && $.list[1].x = y }")(event)
