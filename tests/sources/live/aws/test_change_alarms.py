"""Alerts on monitored CloudTrail events (CIS AWS Foundations 4.1-4.15), through the live scanner against moto.

The chain is real moto state: a multi-region trail delivering to a log group, metric filters on it,
alarms on their metrics, SNS topics and their subscriptions.
"""

from __future__ import annotations

import json

import boto3
import pytest

from hitrust_policies.model import ChangeAlerting
from hitrust_policies.rules.logging.change_alerts import ALERT_RULES
from hitrust_policies.sources.live.aws.collector import all_collectors
from tests.sources.live.aws.conftest import (
    ACCOUNT,
    HOME,
    Case,
    apply_denials,
    check,
    reasons,
    scan,
    table,
    verdicts,
)
from tests.verdicts import Verdicts

GROUP = "cloudtrail/org"
GROUP_ARN = f"arn:aws:logs:{HOME}:{ACCOUNT}:log-group:{GROUP}:*"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/cloudtrail-to-logs"
NAME = f"change-alerts-{ACCOUNT}"
RULES = [f"log-alert-{r.category}" for r in ALERT_RULES]
COLLECTORS = ("cloudtrail-trails", "logs-change-alarms")

# Patterns as accounts write them: CIS's text, reordered, re-quoted, re-spaced, with an eventSource guard or
# an extra OR-term (e.g. ConsoleLogin with "Failed authentication" written the other way round).
PATTERNS = {
    "unauthorized-api-calls": '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") '
                              '&& ($.sourceIPAddress != "delivery.logs.amazonaws.com") '
                              '&& ($.eventName != "HeadBucket") }',
    "console-signin-without-mfa": '{($.eventName="ConsoleLogin")&&($.additionalEventData.MFAUsed !="Yes")}',
    "root-usage": '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS '
                  '&& $.eventType != "AwsServiceEvent" }',
    "iam-policy-changes": "{" + "||".join(f"($.eventName={n})" for n in (
        "DetachGroupPolicy", "AttachGroupPolicy", "DetachUserPolicy", "AttachUserPolicy", "DetachRolePolicy",
        "AttachRolePolicy", "DeletePolicyVersion", "CreatePolicyVersion", "DeletePolicy", "CreatePolicy",
        "PutUserPolicy", "PutRolePolicy", "PutGroupPolicy", "DeleteUserPolicy", "DeleteRolePolicy",
        "DeleteGroupPolicy", "TagRole")) + "}",
    "audit-trail-changes": '{ ($.eventSource = cloudtrail.amazonaws.com) && (($.eventName = CreateTrail) || '
                           '($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging)'
                           ' || ($.eventName = StopLogging)) }',
    "console-signin-failures": '{ ($.errorMessage = "Failed authentication") && ($.eventName = ConsoleLogin) }',
    "key-deletion": '{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||'
                    '($.eventName=ScheduleKeyDeletion)) }',
    "storage-policy-changes": "{ ($.eventSource = s3.amazonaws.com) && (" + " || ".join(
        f"($.eventName = {n})" for n in ("PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle",
                                         "PutBucketReplication", "DeleteBucketPolicy", "DeleteBucketCors",
                                         "DeleteBucketLifecycle", "DeleteBucketReplication")) + ") }",
    "config-recording-changes": '{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)'
                                '||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)'
                                '||($.eventName=PutConfigurationRecorder)) }',
    "firewall-changes": "{ " + " || ".join(f"($.eventName = {n})" for n in (
        "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress",
        "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup")) + " }",
    "network-acl-changes": "{ " + " || ".join(f"($.eventName = {n})" for n in (
        "CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry",
        "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation")) + " }",
    "network-gateway-changes": "{ " + " || ".join(f"($.eventName = {n})" for n in (
        "CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway",
        "DeleteInternetGateway", "DetachInternetGateway")) + " }",
    "route-changes": "{($.eventSource = ec2.amazonaws.com) && ($.eventName = CreateRoute) || " + " || ".join(
        f"($.eventName = {n})" for n in ("CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation",
                                         "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable")) + " }",
    "network-changes": "{ " + " || ".join(f"($.eventName = {n})" for n in (
        "CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection",
        "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc",
        "DisableVpcClassicLink", "EnableVpcClassicLink")) + " }",
    "organization-changes": "{ ($.eventSource = organizations.amazonaws.com) && (" + " || ".join(
        f'($.eventName = "{n}")' for n in (
            "AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy",
            "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy",
            "DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization",
            "MoveAccount", "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit")) + ") }",
}


def seed_trail(session: boto3.Session, *, multi_region: bool = True, logging: bool = True) -> None:
    session.client("s3").create_bucket(Bucket="audit-trail-bucket")
    session.client("logs").create_log_group(logGroupName=GROUP)
    ct = session.client("cloudtrail")
    ct.create_trail(Name="org-trail", S3BucketName="audit-trail-bucket", IsMultiRegionTrail=multi_region,
                    CloudWatchLogsLogGroupArn=GROUP_ARN, CloudWatchLogsRoleArn=ROLE)
    if logging:
        ct.start_logging(Name="org-trail")


def topic(session: boto3.Session, name: str, *, subscribed: bool = True) -> str:
    sns = session.client("sns")
    arn = sns.create_topic(Name=name)["TopicArn"]
    if subscribed:
        sns.subscribe(TopicArn=arn, Protocol="email", Endpoint="secops@example.com")
    return arn


def wire(session: boto3.Session, category: str, pattern: str, topic_arn: str | None, *,
         group: str = GROUP, alarm: bool = True) -> None:
    """A metric filter on ``group`` and (unless ``alarm`` is False) an alarm on its metric notifying ``topic_arn``."""
    metric = f"cis-{category}"
    session.client("logs").put_metric_filter(
        logGroupName=group, filterName=metric, filterPattern=pattern,
        metricTransformations=[{"metricName": metric, "metricNamespace": "CISBenchmark", "metricValue": "1"}])
    if alarm:
        session.client("cloudwatch").put_metric_alarm(
            AlarmName=f"{metric}-alarm", MetricName=metric, Namespace="CISBenchmark", Statistic="Sum", Period=300,
            EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold",
            AlarmActions=[topic_arn] if topic_arn else [])


def wire_all(session: boto3.Session, skip: tuple[str, ...] = ()) -> str:
    arn = topic(session, "security-alerts")
    for category, pattern in PATTERNS.items():
        if category not in skip:
            wire(session, category, pattern, arn)
    return arn


def expect(default: str, **overrides: str) -> Verdicts:
    rows = "\n".join(f"{rule}  {NAME}  {overrides.get(rule.removeprefix('log-alert-').replace('-', '_'), default)}"
                     for rule in RULES)
    return table(rows)


# Module-level tables (read by test_rule_coverage): every rule PASSes when all is wired, FAILs without a
# multi-region trail; CASES below hold the UNKNOWNs.
WIRED = Case("all-wired", expect("PASS"))
NO_MULTI_REGION_TRAIL = Case("single-region", expect("FAIL"))
VERDICTS = [WIRED, NO_MULTI_REGION_TRAIL]


def messages(session: boto3.Session, **kwargs: object) -> dict[str, str]:
    findings = scan(session, *COLLECTORS, **kwargs).findings()  # type: ignore[arg-type]
    return {f.rule_id: f.message for f in findings if f.rule_id in RULES and f.message}


def test_every_category_wired_passes(session: boto3.Session) -> None:
    """All fifteen CIS patterns (re-spaced, reordered, guarded, with extra OR-terms) alarm to a subscribed topic."""
    seed_trail(session)
    wire_all(session)
    result = scan(session, *COLLECTORS)
    check(result, WIRED)
    [alerting] = [r for r in result.resources if isinstance(r, ChangeAlerting)]
    assert dict(alerting.gaps) == dict.fromkeys(PATTERNS)
    assert result.calls["logs:DescribeMetricFilters"] == 1 and result.calls["cloudwatch:DescribeAlarms"] == 1
    assert result.calls["sns:ListSubscriptionsByTopic"] == 1  # one topic, read once for fifteen alarms


def test_missing_and_wrong_patterns_fail(session: boto3.Session) -> None:
    """A missing filter, a pattern leaving events out, an alarm on another metric: exact FAILs and why."""
    seed_trail(session)
    arn = wire_all(session, skip=("root-usage", "iam-policy-changes", "route-changes", "network-changes"))
    wire(session, "iam-policy-changes", '{ ($.eventName = PutUserPolicy) || ($.eventName = PutRolePolicy) }', arn)
    wire(session, "route-changes", PATTERNS["route-changes"], arn, alarm=False)
    wire(session, "network-changes", "CreateVpc DeleteVpc", arn)  # a term pattern: not on CloudTrail fields
    check(scan(session, *COLLECTORS), Case("missing", expect(
        "PASS", root_usage="FAIL", iam_policy_changes="FAIL", route_changes="FAIL", network_changes="FAIL")))
    found = messages(session)
    assert found == {
        "log-alert-root-usage": f"Uses of the root user raise no alert: no metric filter on log group {GROUP} "
                                "matches all of them",
        "log-alert-iam-policy-changes": f"IAM policy changes raise no alert: no metric filter on log group {GROUP} "
                                        "matches all of them",
        "log-alert-route-changes": f"Route table changes raise no alert: metric filter cis-route-changes on {GROUP}: "
                                   "no alarm watches its metric CISBenchmark/cis-route-changes",
        "log-alert-network-changes": "Virtual network (VPC) changes raise no alert: no metric filter on log group "
                                     f"{GROUP} matches all of them",
    }


def test_alarm_without_subscribed_topic_fails(session: boto3.Session) -> None:
    """An alarm notifying a topic nobody subscribed to, or no topic at all, alerts no one."""
    seed_trail(session)
    wire_all(session, skip=("root-usage", "key-deletion"))
    wire(session, "root-usage", PATTERNS["root-usage"], topic(session, "nobody-listens", subscribed=False))
    wire(session, "key-deletion", PATTERNS["key-deletion"], None)
    check(scan(session, *COLLECTORS), Case("unsubscribed", expect("PASS", root_usage="FAIL", key_deletion="FAIL")))
    found = messages(session)
    assert found["log-alert-root-usage"] == (
        f"Uses of the root user raise no alert: metric filter cis-root-usage on {GROUP}: alarm cis-root-usage-alarm "
        "notifies no topic with a confirmed subscription")
    assert found["log-alert-key-deletion"].endswith("alarm cis-key-deletion-alarm notifies no SNS topic")


def test_filters_on_another_group_or_a_single_region_trail_fail(session: boto3.Session) -> None:
    """Filters count only on the group a multi-region, logging trail delivers to."""
    seed_trail(session, multi_region=False)
    wire_all(session)
    check(scan(session, *COLLECTORS), NO_MULTI_REGION_TRAIL)
    assert set(messages(session).values()) == {
        f"{r.events[0].upper()}{r.events[1:]} raise no alert: no multi-region trail logging every management event "
        "(read and write) delivers to CloudWatch Logs" for r in ALERT_RULES}


def test_filters_on_an_unrelated_group_fail(session: boto3.Session) -> None:
    seed_trail(session)
    session.client("logs").create_log_group(logGroupName="app/web")
    arn = topic(session, "security-alerts")
    for category, pattern in PATTERNS.items():
        wire(session, category, pattern, arn, group="app/web")
    check(scan(session, *COLLECTORS), Case("other-group", expect("FAIL")))


CASES = [
    Case("filters-denied", expect("UNKNOWN"), denied=(("logs", "DescribeMetricFilters"),),
         unknown_reason="AccessDenied: logs:DescribeMetricFilters"),
    Case("alarms-denied", expect("UNKNOWN"), denied=(("cloudwatch", "DescribeAlarms"),),
         unknown_reason="AccessDenied: cloudwatch:DescribeAlarms"),
    Case("subscriptions-denied", expect("UNKNOWN"), denied=(("sns", "ListSubscriptionsByTopic"),),
         unknown_reason="AccessDenied: sns:ListSubscriptionsByTopic"),
    Case("trail-status-denied", expect("UNKNOWN"), denied=(("cloudtrail", "GetTrailStatus"),),
         unknown_reason="trail org-trail: AccessDenied: cloudtrail:GetTrailStatus"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_denied_reads_are_unknown(session: boto3.Session, case: Case) -> None:
    """A read needed to follow the chain that was denied makes every category UNKNOWN, never FAIL."""
    seed_trail(session)
    wire_all(session)
    apply_denials(session, case)
    check(scan(session, *COLLECTORS), case)


def test_denied_region_does_not_hide_a_wired_one(session: boto3.Session) -> None:
    """The trail's group is in us-east-1: a denial in eu-west-1 leaves every category wired (PASS)."""
    seed_trail(session)
    wire_all(session)
    case = Case("eu-denied", expect("PASS"), denied=(("logs", "DescribeMetricFilters"),), denied_in=("eu-west-1",))
    apply_denials(session, case)
    result = scan(session, *COLLECTORS, regions=(HOME, "eu-west-1"))
    check(result, case)
    assert [c.status for c in result.coverage if c.collector == "logs-change-alarms"] == ["partial", "ok"]


def test_trails_not_scanned_are_unknown(session: boto3.Session) -> None:
    seed_trail(session)
    wire_all(session)
    findings = scan(session, "logs-change-alarms").findings()
    assert verdicts(findings, RULES) == expect("UNKNOWN")
    assert {m for _, _, m in reasons(findings, RULES)} == {
        "trails not read by this scan (cloudtrail-trails): cannot tell where their events are alerted"}


def test_declared_calls() -> None:
    """Three batch reads, all Describe/List: filters and alarms once per region, subscriptions per topic."""
    [c] = [c for c in all_collectors() if c.name == "logs-change-alarms"]
    assert c.calls == ("logs:DescribeMetricFilters", "cloudwatch:DescribeAlarms", "sns:ListSubscriptionsByTopic")
    assert json.dumps(sorted(c.calls))  # declared once, read by the IAM policy generator


def test_metric_math_alarm_and_disabled_actions(session: boto3.Session) -> None:
    """An alarm over a metric-math query of the filter's metric counts; one whose actions are disabled does not."""
    seed_trail(session)
    arn = wire_all(session, skip=("root-usage", "route-changes"))
    wire(session, "root-usage", PATTERNS["root-usage"], arn, alarm=False)
    session.client("cloudwatch").put_metric_alarm(
        AlarmName="root-usage-math", EvaluationPeriods=1, Threshold=1,
        ComparisonOperator="GreaterThanOrEqualToThreshold", AlarmActions=[arn],
        Metrics=[{"Id": "m1", "ReturnData": True, "MetricStat": {
            "Metric": {"Namespace": "CISBenchmark", "MetricName": "cis-root-usage"}, "Period": 300, "Stat": "Sum"}}])
    wire(session, "route-changes", PATTERNS["route-changes"], arn)
    session.client("cloudwatch").disable_alarm_actions(AlarmNames=["cis-route-changes-alarm"])
    check(scan(session, *COLLECTORS), Case("math", expect("PASS", route_changes="FAIL")))
    assert messages(session)["log-alert-route-changes"].endswith(
        "alarm cis-route-changes-alarm has its actions disabled")


def test_filtered_scan_reads_the_trails_too(session: boto3.Session) -> None:
    """``--rule log-alert-root-usage`` reads the trails (the join's other half) and nothing else."""
    from hitrust_policies.rule_filters import select_rules
    from hitrust_policies.sources.live.aws.scan import scan_aws
    from hitrust_policies.sources.live.selection import aws_collectors

    seed_trail(session)
    wire_all(session)
    rules = select_rules(ids=["log-alert-root-usage"])
    chosen = aws_collectors(rules)
    assert sorted(c.name for c in chosen or []) == sorted(COLLECTORS)
    result = scan_aws(session=session, regions=[HOME], collectors=chosen)
    assert verdicts(result.findings(rules), ["log-alert-root-usage"]) == table(f"log-alert-root-usage  {NAME}  PASS")
