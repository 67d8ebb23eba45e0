"""Encryption at rest for block volumes and the regional default for new ones."""

from hitrust_policies.model import BlockStorageDefaults, BlockVolume
from hitrust_policies.rules.registry import rule


@rule(
    "enc-block-volume-encrypted",
    title="Block volumes are encrypted at rest",
    domain="encryption",
    severity="high",
    remediation={
        "aws": "Snapshot the volume, copy the snapshot with encryption, and replace the volume.",
        "azure": "Managed disks are encrypted at rest by the platform; attach a disk encryption set (az disk "
        "update --disk-encryption-set ...) where a customer-managed key is required.",
        "gcp": "Persistent disks are always encrypted; recreate the disk from a snapshot with a Cloud KMS key "
        "(--kms-key) where a customer-managed key is required.",
    },
)
def enc_block_volume_encrypted(volume: BlockVolume):
    """Disks hold PHI copies (swap, caches, databases) that outlive the instance."""
    if not volume.encrypted:
        return "volume is not encrypted"


@rule(
    "enc-block-storage-default-encryption",
    title="New block volumes are encrypted by default in every region",
    domain="encryption",
    severity="medium",
    remediation="Enable EBS encryption by default in the region "
    "(EC2 settings, or ec2:EnableEbsEncryptionByDefault).",
)
def enc_block_storage_default_encryption(defaults: BlockStorageDefaults):
    """A regional default closes the gap for volumes created outside reviewed templates."""
    if not defaults.encrypted_by_default:
        return "new volumes in this region are not encrypted by default"
