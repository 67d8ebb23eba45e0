"""Encryption at rest of what a compute host keeps outside the instance's disks."""

from hitrust_policies.model import ComputeInstance
from hitrust_policies.rules.registry import rule


@rule(
    "enc-instance-host-encryption",
    title="Compute instances encrypt temporary disks and disk caches on the host",
    domain="encryption",
    severity="medium",
    remediation={
        "aws": "Move the instance to a current-generation type whose instance store is encrypted "
        "(DescribeInstanceTypes InstanceStorageInfo.EncryptionSupport = required), or to an EBS-only type.",
        "azure": "Register the EncryptionAtHost feature, deallocate the VM and enable it (az vm update "
        "--set securityProfile.encryptionAtHost=true).",
        "gcp": "Compute Engine encrypts local SSDs and host caches itself; nothing to change.",
    },
)
def enc_instance_host_encryption(instance: ComputeInstance):
    """Temporary disks and disk caches hold PHI copies that disk encryption alone does not cover.

    Follows Azure Policy "Virtual machines and virtual machine scale sets should have encryption at
    host enabled" (fc4d8e41-e223-45ea-9bf5-eada37891d87, ``securityProfile.encryptionAtHost``). On
    AWS the same fact is the instance store's hardware encryption (every NVMe and current HDD
    instance store; only previous-generation types lack it), on GCP always true.
    """
    if not instance.host_encryption:
        return "temporary disks and disk caches on the host are not encrypted at rest"
