"""Account-wide audit trail coverage."""

from hitrust_policies.model import AuditCoverage, AuditTrail, exists, failing
from hitrust_policies.rules.registry import rule


@rule(
    "log-audit-coverage-multi-region",
    title="A multi-region audit trail is logging every management event, read and write",
    domain="logging",
    severity="high",
    remediation={
        "aws": "Keep one CloudTrail trail with IsMultiRegionTrail, logging started, and an event selector "
        "recording all management events (ReadWriteType All, no excluded event sources).",
        "azure": "Export the subscription's activity log with a diagnostic setting that sends the Administrative, "
        "Security, Alert and Policy categories to a Log Analytics workspace or storage account (az monitor "
        "diagnostic-settings subscription create --location <region> --workspace <id> --logs '[...]').",
        "gcp": "Enable the ADMIN_READ Data Access audit log for allServices with no exempted members in the "
               "project's (or its folder's / organization's) IAM policy auditConfigs (IAM & Admin > Audit Logs, "
               "or gcloud projects set-iam-policy); Admin Activity audit logs are always on.",
    },
    live_only=True,
)
def log_audit_coverage_multi_region(coverage: AuditCoverage):
    """Activity in a region or API nobody records is activity an assessor cannot account for.

    Follows CIS AWS Foundations Benchmark 3.1 (v1.5, v3: a multi-region trail, IsLogging, an
    event selector with management events and ReadWriteType All; Security Hub CloudTrail.1),
    AWS Config multi-region-cloudtrail-enabled (which also rejects excluded management event
    sources: the strictest, and kept) and Prowler
    cloudtrail_multi_region_enabled_logging_management_events (which recognises an advanced
    selector by its name; here by its eventCategory and readOnly fields). Log file validation is
    its own rule (log-audit-trail-validation), not a condition of coverage.

    On Azure the trails are the subscription's activity-log diagnostic settings (the activity log is
    subscription-wide: every region), as CIS Microsoft Azure Foundations 5.1.1 / 5.1.2 (v2; 6.1.1 /
    6.1.2 in v3) and Prowler monitor_diagnostic_settings_exists /
    monitor_diagnostic_setting_with_appropriate_categories check them: one setting exporting the
    Administrative (every control-plane write), Security, Alert and Policy categories; Azure Policy
    "Azure Monitor should collect activity logs from all regions" (41388f1c-2db0-4c25-95b2-35d7f5ccbfa9)
    asked the same of the retired log profiles. Azure records no control-plane reads, so no setting
    leaves any out.
    On Google Cloud a project's audit configuration (its own IAM policy's auditConfigs merged with
    its folders' and organization's) is its one trail, every location included: Admin Activity logs
    record every configuration write, always; configuration reads need the ADMIN_READ log for
    allServices, and exempted members are left out (CIS Google Cloud Platform Foundation 2.1,
    Prowler ``iam_audit_logs_enabled``, policy-library ``gcp_iam_audit_log``; CIS 2.1's DATA_READ /
    DATA_WRITE logs are data events, asked of no cloud here).
    """
    if exists(coverage.trails, lambda t: not _shortfalls(t)):
        return None
    if not coverage.trails:
        return "no trail records this account's activity"
    return "no trail records every region's management events: " + "; ".join(
        f"{t.ref.name} ({', '.join(_shortfalls(t))})" for t in sorted(coverage.trails, key=lambda t: t.ref.name))


def _shortfalls(t: AuditTrail) -> list[str]:
    """Why one trail does not count; raises `UnknownFact` if that cannot be told."""
    excluded = "leaves out management events"
    gaps = failing(
        (lambda: not t.multi_region, "single-region"),
        (lambda: not t.logging, "not logging"),
        (lambda: not t.management_reads, "records no read management events"),
        (lambda: not t.management_writes, "records no write management events"),
        (lambda: t.management_exclusions, excluded),
    )
    return [f"leaves out {', '.join(t.management_exclusions)}" if g == excluded else g for g in gaps]
