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
