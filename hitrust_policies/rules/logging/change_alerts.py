"""Alerts on monitored events: one declaration row per category, each a normal registered rule.

Every row becomes a rule ``log-alert-<category>`` over `ChangeAlerting`: PASS when an alert on the
category's events is wired end to end, FAIL with the missing link, UNKNOWN when a read needed to tell
was denied. The categories' events (what a metric filter must match) live in
``sources/aws_metric_filters.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model import ChangeAlerting
from hitrust_policies.rules.registry import Rule, RuleResult, rule


@dataclass(frozen=True)
class AlertRule:
    category: str  # a ChangeAlerting category; the rule id is log-alert-<category>
    events: str  # what the category's events are, for findings
    title: str
    severity: str
    cis: str  # CIS AWS Foundations Benchmark recommendation (same number in v1.5 and v3.0)
    security_hub: str | None  # AWS Security Hub control id
    prowler: str  # Prowler check id


ALERT_RULES: tuple[AlertRule, ...] = (
    AlertRule("unauthorized-api-calls", "unauthorized API calls",
              "Unauthorized API calls raise an alert", "medium", "4.1",
              "CloudWatch.2", "cloudwatch_log_metric_filter_unauthorized_api_calls"),
    AlertRule("console-signin-without-mfa", "console sign-ins without MFA",
              "Console sign-ins without MFA raise an alert", "medium", "4.2",
              "CloudWatch.3", "cloudwatch_log_metric_filter_sign_in_without_mfa"),
    AlertRule("root-usage", "uses of the root user",
              "Use of the root user raises an alert", "medium", "4.3",
              "CloudWatch.1", "cloudwatch_log_metric_filter_root_usage"),
    AlertRule("iam-policy-changes", "IAM policy changes",
              "IAM policy changes raise an alert", "medium", "4.4",
              "CloudWatch.4", "cloudwatch_log_metric_filter_policy_changes"),
    AlertRule("audit-trail-changes", "audit trail configuration changes",
              "Audit trail configuration changes raise an alert", "medium", "4.5",
              "CloudWatch.5", "cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled"),
    AlertRule("console-signin-failures", "console authentication failures",
              "Console authentication failures raise an alert", "medium", "4.6",
              "CloudWatch.6", "cloudwatch_log_metric_filter_authentication_failures"),
    AlertRule("key-deletion", "disabling or scheduled deletion of customer-managed keys",
              "Disabling or scheduling deletion of customer-managed keys raises an alert",
              "medium", "4.7", "CloudWatch.7", "cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk"),
    AlertRule("storage-policy-changes", "storage bucket policy changes",
              "Storage bucket policy changes raise an alert", "medium", "4.8",
              "CloudWatch.8", "cloudwatch_log_metric_filter_for_s3_bucket_policy_changes"),
    AlertRule("config-recording-changes", "configuration recorder changes",
              "Configuration recorder changes raise an alert", "medium", "4.9",
              "CloudWatch.9", "cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled"),
    AlertRule("firewall-changes", "security group changes",
              "Security group changes raise an alert", "medium", "4.10",
              "CloudWatch.10", "cloudwatch_log_metric_filter_security_group_changes"),
    AlertRule("network-acl-changes", "network ACL changes",
              "Network ACL changes raise an alert", "medium", "4.11",
              "CloudWatch.11", "cloudwatch_changes_to_network_acls_alarm_configured"),
    AlertRule("network-gateway-changes", "network gateway changes",
              "Network gateway changes raise an alert", "medium", "4.12",
              "CloudWatch.12", "cloudwatch_changes_to_network_gateways_alarm_configured"),
    AlertRule("route-changes", "route table changes",
              "Route table changes raise an alert", "medium", "4.13",
              "CloudWatch.13", "cloudwatch_changes_to_network_route_tables_alarm_configured"),
    AlertRule("network-changes", "virtual network (VPC) changes",
              "Virtual network (VPC) changes raise an alert", "medium", "4.14",
              "CloudWatch.14", "cloudwatch_changes_to_vpcs_alarm_configured"),
    AlertRule("organization-changes", "organization changes",
              "Organization changes raise an alert", "medium", "4.15",
              None, "cloudwatch_log_metric_filter_aws_organizations_changes"),
)

_REMEDIATION = (
    "Send a multi-region CloudTrail trail that logs all management events to a CloudWatch Logs group; on that "
    "group create a metric filter matching the {events} (the CIS AWS Foundations {cis} pattern; aws logs "
    "put-metric-filter, pulumi-aws cloudwatch.LogMetricFilter), an alarm on its metric (aws cloudwatch "
    "put-metric-alarm, threshold >= 1, actions enabled) notifying an SNS topic, and a confirmed subscription "
    "to that topic (aws sns subscribe)."
)

_DOC = """Without an alert on {events} nobody learns of them until someone happens to read the logs.

Follows CIS AWS Foundations Benchmark {cis} (v1.5 and v3.0){hub} and Prowler {prowler}: a
multi-region trail, logging, that records every management event (read and write) delivers to a
CloudWatch Logs group; a metric filter there matches every event of the CIS pattern (judged by what it
matches, so spacing, quoting, order, extra OR-terms or an eventSource guard do not matter); an alarm
watches the filter's metric with its actions enabled; it notifies an SNS topic with at least one
confirmed subscription (CIS's "at least one subscriber"; Prowler asks only for the alarm: the stricter
CIS reading is kept). Live only: the chain runs from the trail through the log group, filter and alarm to
the topic's subscriptions, which span stacks and accounts and are confirmed only at run time.
"""


def _declare(row: AlertRule) -> Rule:
    events = row.events

    def check(alerting: ChangeAlerting) -> RuleResult:
        gap = alerting.gap(row.category)
        if gap:
            return f"{events[0].upper()}{events[1:]} raise no alert: {gap}"
        return None

    rule_id = f"log-alert-{row.category}"
    check.__name__ = check.__qualname__ = rule_id.replace("-", "_")
    hub = f", AWS Security Hub {row.security_hub}" if row.security_hub else ""
    check.__doc__ = _DOC.format(events=events, cis=row.cis, hub=hub, prowler=row.prowler)
    return rule(rule_id, title=row.title, domain="logging", severity=row.severity, live_only=True,
                remediation={"aws": _REMEDIATION.format(events=events, cis=row.cis)})(check)


ALERTING_RULES: tuple[Rule, ...] = tuple(_declare(row) for row in ALERT_RULES)
