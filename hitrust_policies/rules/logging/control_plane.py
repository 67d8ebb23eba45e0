"""Managed Kubernetes control-plane logs."""

from hitrust_policies.model import ControlPlaneLogging
from hitrust_policies.rules.registry import rule


@rule(
    "log-cluster-control-plane-logs",
    title="Kubernetes clusters deliver every control-plane log type",
    domain="logging",
    severity="medium",
    remediation={
        "aws": "Enable all five EKS control-plane log types (aws eks update-cluster-config --logging "
        "'{\"clusterLogging\":[{\"types\":[\"api\",\"audit\",\"authenticator\",\"controllerManager\",\"scheduler\"],"
        "\"enabled\":true}]}'; pulumi-aws eks.Cluster enabled_cluster_log_types).",
    },
)
def log_cluster_control_plane_logs(cluster: ControlPlaneLogging):
    """Who ran what against a cluster running PHI workloads is in its API server and audit logs, and only there.

    Follows Prowler eks_control_plane_logging_all_types_enabled and AWS Config eks-cluster-logging-enabled
    (every log type: api, audit, authenticator, controllerManager, scheduler), Security Hub EKS.8 asking
    audit logging at least; the strictest, all five, is asked.
    """
    if cluster.missing:
        return f"control-plane log types off: {', '.join(cluster.missing)}"
