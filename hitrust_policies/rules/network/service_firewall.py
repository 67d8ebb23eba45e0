"""Public endpoints of managed services (storage accounts, key vaults)."""

from hitrust_policies.model import ServiceFirewall
from hitrust_policies.rules.registry import rule


@rule(
    "net-service-firewall-default-deny",
    title="Service endpoints refuse networks their firewall does not name",
    domain="network",
    severity="medium",
    remediation={
        "azure": "Set the resource's network rules to deny by default (networkAcls.defaultAction Deny) and "
        "allow only the virtual networks and addresses that need it, or disable public network access.",
    },
)
def net_service_firewall_default_deny(firewall: ServiceFirewall):
    """An endpoint open to every network is one leaked key or SAS token away from PHI.

    Follows Azure Policy "Storage accounts should restrict network access"
    (34c877ad-507e-4c82-993e-3452a6e0ad3c) and "Azure Key Vault should have firewall enabled or
    public network access disabled" (55615ac9-af46-4a59-874e-391cc3dfb490), CIS Microsoft Azure
    Foundations 3.8 (v2.0.0; 4.7 in v3.0.0) and Prowler
    ``storage_default_network_access_rule_is_denied``. Public network access disabled passes:
    nothing outside private endpoints reaches the service, firewall or not. Medium, as Prowler rates
    it: access still needs a key, token or Entra identity, so by default the pack reports it without
    blocking a deploy (the stock ``azure-python`` template's account has no network rules).
    """
    if firewall.public_network_access and not firewall.default_deny:
        return "public network access is on and the firewall admits every network by default"
