"""Encryption at rest for shared file systems."""

from hitrust_policies.model import FileSystem
from hitrust_policies.rules.registry import rule


@rule(
    "enc-file-system-encrypted",
    title="Shared file systems are encrypted at rest",
    domain="encryption",
    severity="high",
    remediation="Create an encrypted file system (encryption at rest cannot be enabled in place), "
    "copy the data over (e.g. AWS DataSync) and switch the mount targets.",
)
def enc_file_system_encrypted(fs: FileSystem):
    """Shared file systems hold PHI documents, images and exports that many hosts mount at once."""
    if not fs.encrypted:
        return "file system is not encrypted at rest"


@rule(
    "enc-file-system-tls-only",
    title="Shared file systems refuse clients connecting without TLS",
    domain="encryption",
    severity="medium",
    remediation="Give the file system a policy denying every principal all actions when \"aws:SecureTransport\" is "
    "\"false\" (EFS console: File system policy > Enforce in-transit encryption for all clients; aws efs "
    "put-file-system-policy; pulumi-aws efs.FileSystemPolicy), and mount with the EFS mount helper's -o tls.",
)
def enc_file_system_tls_only(fs: FileSystem):
    """NFS without TLS carries file contents in clear across the network; only the file system's own policy
    can refuse such mounts, whatever each client's mount options say.

    Follows AWS's EFS guidance on enforcing encryption in transit (a file system policy denying
    ``aws:SecureTransport`` false, the console's "Enforce in-transit encryption for all clients") and, on
    the client side, AWS Config ecs-task-definition-efs-encryption-enabled; the deny must cover
    ``elasticfilesystem:ClientMount`` for every principal with no narrowing condition (the reading of
    Prowler s3_bucket_secure_transport_policy / Security Hub S3.5 for buckets). Prowler and Security Hub
    have no EFS transport control.
    """
    if not fs.tls_only:
        return "file system policy does not refuse mounts without TLS (aws:SecureTransport false)"
