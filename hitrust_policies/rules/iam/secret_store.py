"""Who may read a key vault's keys and secrets."""

from hitrust_policies.model import SecretStore
from hitrust_policies.rules.registry import rule


@rule(
    "iam-secret-store-role-based-access",
    title="Key vaults grant access through role assignments, not vault access policies",
    domain="iam",
    severity="medium",
    remediation={
        "azure": "Switch the vault's permission model to Azure role-based access control "
        "(enableRbacAuthorization) after granting the Key Vault data roles its users need.",
    },
)
def iam_secret_store_role_based_access(vault: SecretStore):
    """Role assignments are scoped per key or secret, reviewed with every other grant and logged;
    vault access policies are all-or-nothing per object type and invisible to access reviews.

    Follows Azure Policy "Azure Key Vault should use RBAC permission model"
    (12d4fa5e-1f9f-4c21-97a9-b99b3c6611b5), CIS Microsoft Azure Foundations 8.6 (v2.0.0; 3.3.6 in
    v3.0.0) and Prowler ``keyvault_rbac_enabled``.
    """
    if not vault.role_based_access:
        return "the vault grants access through its own access policies, not role assignments"
