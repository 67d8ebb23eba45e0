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
    "enc-block-volume-kms",
    title="Block volumes are encrypted with a customer-managed key",
    domain="encryption",
    severity="medium",
    remediation={
        "aws": "Encrypt the volume with a customer-managed KMS key: snapshot it, copy the snapshot with --kms-key-id "
        "<key you manage>, create a volume from the copy and swap it in (or set that key as the region's default "
        "with ec2 modify-ebs-default-kms-key-id for new volumes).",
        "azure": "Create a disk encryption set over a Key Vault key and attach it to the disk (az disk update "
        "--encryption-type EncryptionAtRestWithCustomerKey --disk-encryption-set <set id>; the VM must be "
        "deallocated).",
        "gcp": "Recreate the disk from a snapshot with a Cloud KMS key (gcloud compute disks create "
        "--source-snapshot ... --kms-key=projects/.../cryptoKeys/...).",
    },
)
def enc_block_volume_kms(volume: BlockVolume):
    """A provider-managed key cannot be access-controlled, audited or revoked apart from the disk.

    Follows Azure Policy "OS and data disks should be encrypted with a customer-managed key"
    (702dd420-7fcc-42c5-afe8-4026edd20fe0: a disk without ``diskEncryptionSetId``), CIS Microsoft
    Azure Foundations 7.3 (8.3 in v3), CIS Google Cloud Platform Foundation 4.7 (which asks for
    customer-supplied keys; Cloud KMS keys count here as for enc-object-store-kms), and for EBS Trivy
    ``AVD-AWS-0027`` (volume-encryption-customer-key): the AWS-managed ``aws/ebs`` key does not pass.
    """
    if not volume.encrypted:
        return "volume is not encrypted"
    if not volume.kms_key_customer_managed:
        return "volume is encrypted with a provider-managed key, not a customer-managed one"


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
