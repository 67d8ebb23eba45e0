"""Networks the cloud makes open."""

from hitrust_policies.model import Network
from hitrust_policies.rules.registry import rule


@rule(
    "net-network-default-absent",
    title="The cloud's pre-opened default network does not exist",
    domain="network",
    severity="high",
    remediation={
        "aws": "Nothing to remove: a default VPC comes with no rule admitting the internet (its default "
        "security group admits only its members; net-security-group-default-closed keeps it so).",
        "azure": "Nothing to remove: Azure makes no default virtual network.",
        "gcp": "Move workloads to a custom-mode network of your own, then delete the default network and its "
        "default-allow-* firewall rules (gcloud compute networks delete default); stop new projects getting one "
        "with the organization policy constraints/compute.skipDefaultNetworkCreation (pulumi-gcp: "
        "gcp.organizations.Project auto_create_network=False).",
    },
)
def net_network_default_absent(network: Network):
    """A network the cloud pre-opened to the internet was designed by nobody for PHI.

    Follows CIS Google Cloud Platform Foundation 3.1 (v2 / v3: the ``default`` network should not
    exist), Prowler ``compute_network_default_in_use`` (high), policy-library
    ``GCPNetworkRestrictDefaultConstraintV1`` and Security Health Analytics ``DEFAULT_NETWORK``: GCP's
    default network arrives in auto mode with firewall rules admitting SSH, RDP and ICMP from anywhere
    and all internal traffic. AWS default VPCs are not judged the same: no CIS AWS, Security Hub or
    Prowler control asks to delete them (only IaC linters such as tfsec AVD-AWS-0183 do), and they
    admit nothing from outside until a rule says so, so they PASS; Azure makes no default network.
    """
    if network.preset_open:
        return "the cloud's default network, created with firewall rules open to the internet, still exists"
