"""Ways into a virtual machine around its network controls."""

from hitrust_policies.model import InstanceAccess
from hitrust_policies.rules.registry import rule


@rule(
    "net-instance-serial-port-disabled",
    title="VMs keep their interactive serial console closed",
    domain="network",
    severity="medium",
    remediation={
        "gcp": "Remove serial-port-enable=TRUE from the VM and its project (gcloud compute instances add-metadata "
        "VM --metadata serial-port-enable=FALSE; gcloud compute project-info remove-metadata --keys "
        "serial-port-enable; pulumi-gcp: the key in gcp.compute.Instance metadata or ProjectMetadata), and "
        "enforce the organization policy constraint compute.disableSerialPortAccess.",
    },
)
def net_instance_serial_port_disabled(vm: InstanceAccess):
    """An open serial console accepts connections from any address on the internet, past every firewall
    rule, for anyone holding an SSH key or IAM grant for it: a door around the network controls.

    Follows CIS Google Cloud Platform Foundation 4.5 ("Enable connecting to serial ports" is not enabled for
    VM instance, v2/v3) and Prowler ``compute_instance_serial_ports_in_use``: the VM's own
    ``serial-port-enable`` overrides its project's, and the project's turns it on for every VM that sets
    none. An organization policy ``compute.disableSerialPortAccess`` that refuses it is not in the metadata
    and is not seen.
    """
    if vm.serial_port_enabled:
        return "the VM's interactive serial console is open (serial-port-enable is TRUE on it or its project)"
