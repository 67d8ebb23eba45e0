"""Lifetimes of the keys and secrets held in managed vaults."""

from hitrust_policies.model import VaultObject
from hitrust_policies.rules.registry import rule


@rule(
    "iam-vault-object-expires",
    title="Vault keys and secrets carry an expiration date",
    domain="iam",
    severity="medium",
    remediation={
        "azure": "Set an expiration date on the key or secret (az keyvault key set-attributes / az keyvault "
        "secret set-attributes --expires ...), and rotate it before then.",
    },
)
def iam_vault_object_expires(item: VaultObject):
    """A key or secret without an end date stays usable forever, however often it was copied or leaked;
    an expiration date bounds that exposure and forces rotation.

    Follows Azure Policy "Key Vault keys should have an expiration date" (152b15f7-8e1f-4c1f-ab71-8c010ba5dbc0)
    and "Key Vault secrets should have an expiration date" (98728c90-32c7-4049-8429-847dc0f4fe37), CIS
    Microsoft Azure Foundations 8.1-8.4 (v2.0.0: keys and secrets, RBAC and access-policy vaults) and Prowler
    ``keyvault_key_expiration_set_for_rbac_keyvault`` / ``..._non_rbac_keyvault`` and
    ``keyvault_secret_expiration_set_for_rbac_keyvault`` / ``..._non_rbac_keyvault``; like Azure Policy, every
    key and secret is judged, enabled or not (a disabled one can be enabled again).
    """
    if not item.expires:
        return f"the {item.object_type} has no expiration date"
