"""Keys in the cloud key service reachable by anyone."""

from hitrust_policies.model import CryptoKey
from hitrust_policies.rules.registry import rule


@rule(
    "net-crypto-key-not-public",
    title="Encryption keys are not open to anonymous or any-account callers",
    domain="network",
    severity="critical",
    remediation={
        "aws": "Remove the key policy statement that allows Principal \"*\" (or {\"AWS\": \"*\"}), or narrow it with "
               "a condition on aws:PrincipalOrgID, aws:PrincipalAccount or kms:CallerAccount (aws kms "
               "put-key-policy; in pulumi-aws, the key's policy or its kms.KeyPolicy).",
        "azure": "Nothing to change: Key Vault keys answer only principals of the vault's Microsoft Entra tenant.",
        "gcp": "Remove allUsers and allAuthenticatedUsers from the key's IAM policy (gcloud kms keys "
               "remove-iam-policy-binding KEY --keyring RING --location LOC --member allUsers --role ROLE; in "
               "pulumi-gcp, the kms.CryptoKeyIAMMember / IAMBinding / IAMPolicy naming them).",
    },
)
def net_crypto_key_not_public(key: CryptoKey):
    """A key anyone may use decrypts, for anyone, whatever it protects; one anyone may manage can be
    disabled or scheduled for deletion, making that data unreadable.

    Follows CIS Google Cloud Platform Foundation 1.9 (Cloud KMS cryptokeys not anonymously or publicly
    accessible), Prowler ``kms_key_not_publicly_accessible`` (gcp: ``allUsers`` / ``allAuthenticatedUsers``
    members; aws: a key policy statement open to any principal) and AWS Config
    ``kms-key-policy-no-public-access``: a ``"*"`` principal narrowed by a condition naming accounts,
    organizations, callers or networks with fixed values (no wildcard, no policy variable) is not public.
    """
    if key.public_principals:
        return f"the key's policy grants the public: {'; '.join(key.public_principals)}"
