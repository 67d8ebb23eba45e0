"""Key vaults: keys and secrets that cannot be lost to one deletion."""

from hitrust_policies.model import SecretStore, failing
from hitrust_policies.rules.registry import rule


@rule(
    "enc-secret-store-recoverable",
    title="Key vaults keep deleted keys and secrets recoverable and unpurgeable",
    domain="encryption",
    severity="high",
    remediation={
        "azure": "Turn on soft delete and purge protection on the vault "
        "(az keyvault update --enable-purge-protection true; purge protection cannot be turned off again).",
    },
)
def enc_secret_store_recoverable(vault: SecretStore):
    """A purged key makes every record encrypted with it unreadable: PHI lost for good.

    Follows Azure Policy "Key vaults should have deletion protection enabled"
    (0b60c0b2-2dc2-4e1c-b5c9-abbed971de53), CIS Microsoft Azure Foundations 8.5 (v2.0.0; 3.3.5 in
    v3.0.0) and Prowler ``keyvault_recoverable``: soft delete *and* purge protection.
    """
    gaps = failing((lambda: not vault.soft_delete, "soft delete"), (lambda: not vault.purge_protection,
                                                                      "purge protection"))
    if gaps:
        return f"{' and '.join(gaps)} off: a deleted vault or key can be purged before anyone recovers it"
