"""Data at rest: object stores, block volumes, databases and their account defaults."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef

# Values of ObjectStore.encryption: what protects objects written without headers.
NO_ENCRYPTION = "none"
PROVIDER_MANAGED = "provider-managed"  # SSE-S3, Google-managed, Microsoft-managed keys
KMS = "kms"  # a key in the cloud's key service (SSE-KMS / DSSE-KMS / CMEK)


@dataclass(frozen=True, slots=True)
class ObjectStore:
    """A bucket / storage container.

    ``public_access_open`` names the public-access guards (AWS: the four Block Public Access
    settings) that are on at no level applying to the store, its own or the account's; the
    source does that join. ``()`` means public access is fully blocked.
    """

    ref: ResourceRef
    encryption: str | Unknown  # NO_ENCRYPTION | PROVIDER_MANAGED | KMS
    kms_key: str | None | Unknown  # None with KMS: the cloud's default key for the service (aws/s3)
    kms_key_customer_managed: bool | Unknown  # the KMS key is the customer's, not the cloud's; False without KMS
    public_access_open: tuple[str, ...] | Unknown
    access_logging: bool | Unknown
    tls_only: bool | Unknown  # every request without TLS is refused by the store's policy


@dataclass(frozen=True, slots=True)
class AccountStorageSettings:
    """Account-wide object-store guards (S3 account Block Public Access)."""

    ref: ResourceRef
    public_access_open: tuple[str, ...] | Unknown  # account-wide public-access guards that are off


@dataclass(frozen=True, slots=True)
class BlockVolume:
    """A disk attached or attachable to compute.

    ``kms_key_customer_managed``: the key encrypting it is the customer's (an AWS customer-managed
    KMS key, an Azure disk encryption set, a GCP Cloud KMS or customer-supplied key), not the
    cloud's (``aws/ebs``, platform-managed, Google-managed); False for an unencrypted volume.
    """

    ref: ResourceRef
    encrypted: bool | Unknown
    kms_key: str | None | Unknown
    kms_key_customer_managed: bool | Unknown


@dataclass(frozen=True, slots=True)
class BlockStorageDefaults:
    """Per-region default for new volumes (EBS encryption by default)."""

    ref: ResourceRef
    encrypted_by_default: bool | Unknown


@dataclass(frozen=True, slots=True)
class DatabaseInstance:
    """A managed relational database instance.

    ``kms_key_customer_managed``: storage is encrypted with a key the customer manages in the
    cloud's key service (AWS KMS customer key, Key Vault TDE protector / data-encryption key,
    Cloud KMS CMEK); False for the cloud's own key or no encryption. ``directory_auth``: logins can
    be identities of the cloud's directory (IAM database authentication, a Microsoft Entra admin,
    Cloud SQL IAM authentication, a Kerberos / managed AD domain); None where the cloud offers this
    engine no such authentication at all.
    """

    ref: ResourceRef
    engine: str | Unknown
    storage_encrypted: bool | Unknown
    publicly_accessible: bool | Unknown
    kms_key_customer_managed: bool | Unknown
    directory_auth: bool | None | Unknown


@dataclass(frozen=True, slots=True)
class FileSystem:
    """A shared network file system (EFS, Azure Files, Filestore)."""

    ref: ResourceRef
    encrypted: bool | Unknown
    kms_key: str | None | Unknown


@dataclass(frozen=True, slots=True)
class InfrastructureEncryption:
    """A second, independent encryption at rest below a service's own (Azure infrastructure
    encryption: the storage infrastructure encrypts the already-encrypted data again, with another
    algorithm mode and another key).

    ``service`` names the layer it doubles (``"storage account"``); ``enabled``: the second layer is on.
    Azure sets it only when the resource is created.
    """

    ref: ResourceRef
    service: str
    enabled: bool | Unknown
