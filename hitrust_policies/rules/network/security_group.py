"""Default firewalls."""

from hitrust_policies.model import SecurityGroup
from hitrust_policies.rules.registry import rule


@rule(
    "net-security-group-default-closed",
    title="Default security groups allow no traffic",
    domain="network",
    severity="medium",
    remediation="Remove every inbound and outbound rule from the default security group; "
    "attach purpose-built groups instead.",
)
def net_security_group_default_closed(group: SecurityGroup):
    """Resources launched without a group land in the default one; it must not open anything."""
    if group.is_default and (group.ingress_rule_count > 0 or group.egress_rule_count > 0):
        return (
            f"default group has {group.ingress_rule_count} inbound and "
            f"{group.egress_rule_count} outbound rules"
        )
