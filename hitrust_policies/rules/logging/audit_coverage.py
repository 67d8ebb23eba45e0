"""Account-wide audit trail coverage."""

from hitrust_policies.model import AuditCoverage, exists
from hitrust_policies.rules.registry import rule


@rule(
    "log-audit-coverage-multi-region",
    title="A multi-region audit trail is logging with log file validation",
    domain="logging",
    severity="high",
    remediation="Create (or fix) one CloudTrail trail with IsMultiRegionTrail, log file validation, "
    "and logging started.",
    live_only=True,
)
def log_audit_coverage_multi_region(coverage: AuditCoverage):
    """Activity in a region nobody watches is activity an assessor cannot account for."""
    if not exists(coverage.trails, lambda t: t.multi_region and t.logging and t.log_file_validation):
        return "no trail is multi-region, logging and validating log files"
