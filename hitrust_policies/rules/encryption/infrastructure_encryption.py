"""A second, infrastructure-level layer of encryption at rest."""

from hitrust_policies.model import InfrastructureEncryption
from hitrust_policies.rules.registry import rule


@rule(
    "enc-infrastructure-encryption-enabled",
    title="Data at rest is encrypted twice (infrastructure encryption)",
    domain="encryption",
    severity="low",
    remediation={
        "azure": "Infrastructure encryption can only be chosen when a storage account is created: create a new "
        "account with it (az storage account create ... --require-infrastructure-encryption) and move the data "
        "there (e.g. azcopy copy). Low severity: the data is already encrypted once.",
    },
)
def enc_infrastructure_encryption_enabled(layer: InfrastructureEncryption):
    """Defence in depth: Azure Storage always encrypts data at rest; infrastructure encryption adds a second
    layer with a different key and algorithm mode, so one broken or compromised layer does not expose PHI.
    Low severity, since the first layer is always on, and it can only be set when the account is created.

    Follows Azure Policy "Storage accounts should have infrastructure encryption"
    (4733ea7b-a883-42fe-8cac-97454c2a9e4a: ``encryption.requireInfrastructureEncryption`` true, absent
    fails), CIS Microsoft Azure Foundations 3.2 and Prowler ``storage_infrastructure_encryption_is_enabled``.
    """
    if not layer.enabled:
        return f"the {layer.service} encrypts data at rest once, without infrastructure encryption"
