"""Continuous discovery of resources shared outside the account."""

from hitrust_policies.model import ExternalAccessAnalysis
from hitrust_policies.rules.registry import rule


@rule(
    "iam-access-analyzer-enabled",
    title="IAM Access Analyzer watches every region for external access",
    domain="iam",
    severity="medium",
    remediation="Create an external access analyzer in the region (aws accessanalyzer create-analyzer "
    "--analyzer-name external-access --type ACCOUNT, or --type ORGANIZATION from the delegated administrator), "
    "in every region in use.",
    live_only=True,
)
def iam_access_analyzer_enabled(region: ExternalAccessAnalysis):
    """A bucket, key, role or queue policy that lets another account in is found when it is written, not at
    the next audit; analyzers are regional, so a region without one is unwatched.

    Follows CIS AWS Foundations v3 1.20 (IAM Access Analyzer enabled for all regions), Security Hub IAM.28
    (an external access analyzer) and Prowler ``accessanalyzer_enabled`` (an ACTIVE analyzer per region):
    only external access analyzers (account or organization zone of trust) count, as in IAM.28.
    """
    if not region.enabled:
        return "no active external access analyzer in this region"
