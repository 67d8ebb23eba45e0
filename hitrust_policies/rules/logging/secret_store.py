"""Audit logging of key vaults."""

from hitrust_policies.model import SecretStore
from hitrust_policies.rules.registry import rule


@rule(
    "log-secret-store-audit-logging",
    title="Key vaults log every access to their keys and secrets",
    domain="logging",
    severity="medium",
    remediation={
        "azure": "Send the vault's AuditEvent logs (or the audit category group) to a Log Analytics workspace or "
        "storage account (az monitor diagnostic-settings create --resource <vault id> --logs "
        "'[{\"category\":\"AuditEvent\",\"enabled\":true}]' --workspace ...).",
    },
)
def log_secret_store_audit_logging(vault: SecretStore):
    """Who unwrapped which key or read which secret, and when, is what an investigation of a PHI
    disclosure needs first; a vault keeps no such record unless its audit events are exported.

    Follows CIS Microsoft Azure Foundations 5.1.5 (v2.0.0: logging for Azure Key Vault, AuditEvent to a
    workspace or storage account) and Prowler ``keyvault_logging_enabled``; Azure Policy "Resource logs in
    Key Vault should be enabled" (cf820ca0-f99e-4f3e-84fb-66e913812d21) accepts any log category, the
    stricter AuditEvent reading is used.
    """
    if not vault.audit_logging:
        return "no diagnostic setting sends the vault's AuditEvent logs to a workspace, storage account or event hub"
