"""Network diagnostics available in every region that has networks."""

from hitrust_policies.model import NetworkWatcher
from hitrust_policies.rules.registry import rule


@rule(
    "log-network-watcher-enabled",
    title="Network Watcher is enabled in every region that has virtual networks",
    domain="logging",
    severity="low",
    remediation={
        "azure": "Enable Network Watcher in the region (az network watcher configure --locations <region> "
        "--enabled true), and do not opt the subscription out of its automatic enablement.",
    },
    live_only=True,
)
def log_network_watcher_enabled(watcher: NetworkWatcher):
    """Without a watcher in the region, its networks can get no flow log and no one can trace a connection.

    Follows CIS Microsoft Azure Foundations 6.6 (v2.0) "Ensure that Network Watcher is
    'Enabled' for Azure Regions that are in use", Prowler network_watcher_enabled and Azure Policy
    "Network Watcher should be enabled" (b6e2945c-0b7b-40f5-9233-7a5323b5cdc6): judged only in the
    regions a subscription has virtual networks in, so unused regions never FAIL.
    """
    if not watcher.enabled:
        return "no Network Watcher in this region, which has virtual networks"
