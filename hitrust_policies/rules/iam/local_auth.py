"""Data services that accept shared secrets beside directory identities."""

from hitrust_policies.model import LocalAuth
from hitrust_policies.rules.registry import rule


@rule(
    "iam-local-auth-disabled",
    title="Data services accept only directory identities, not shared keys",
    domain="iam",
    severity="medium",
    remediation={
        "azure": "Turn the service's own keys off after moving its clients to Microsoft Entra ID: "
        "az storage account update --allow-shared-key-access false; az acr update --admin-enabled false; "
        "Cosmos DB: set disableLocalAuth true (az resource update ... --set properties.disableLocalAuth=true); "
        "Service Bus / Event Hubs: az servicebus namespace update --disable-local-auth true, "
        "az eventhubs namespace update --disable-local-auth true; Redis: az redis update --set "
        "disableAccessKeyAuthentication=true.",
    },
)
def iam_local_auth_disabled(service: LocalAuth):
    """An account key or admin password works for whoever holds a copy, bypasses MFA and conditional
    access and leaves no user in the logs: access to PHI cannot be attributed or revoked per person.

    Follows Azure Policy "Storage accounts should prevent shared key access"
    (8c6a50c6-9ffd-4ae7-986f-5fa6111f9a54; CIS Microsoft Azure Foundations 3.3.1 in v3.0.0; Prowler
    ``storage_account_key_access_disabled``), "Container registries should have local admin account disabled."
    (dc921057-6b28-4fbe-9b83-f7bec05db6c2; Prowler ``containerregistry_admin_user_disabled``) and "Cosmos DB
    database accounts should have local authentication methods disabled" (5450f5bd-9c72-4390-a9c4-a7aba4edfdd2;
    Prowler ``cosmosdb_account_use_aad_and_rbac``), "Azure Service Bus namespaces should have local
    authentication methods disabled" (cfb11c26-f069-4c14-8e36-56c394dae5af) and "Event Hub namespaces should
    have local authentication methods disabled" (5d4e3c65-4873-47be-94f3-6f8b953a3598): a namespace without
    ``disableLocalAuth`` true accepts its SAS keys. Azure Cache for Redis: "Azure Cache for Redis should not use
    access keys for authentication" (3827af20-8f80-4b15-8300-6db0873ec901).
    """
    if service.enabled:
        return f"accepts its {service.mechanism} beside Microsoft Entra ID identities"
