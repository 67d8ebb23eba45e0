"""Secrets kept by a cloud's secret service."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class ManagedSecret:
    """One secret (a database password, an API key) stored in the cloud's secret service.

    Yielded by the AWS sources (Secrets Manager secrets); GCP Secret Manager secrets could yield it later
    (Azure Key Vault secrets are `VaultObject`s, judged on expiry). ``rotation_enabled``: the service
    replaces the secret's value on a schedule by itself (Secrets Manager rotation configured with a rotation
    function or managed rotation). ``kms_key_customer_managed``: the secret's value is encrypted with a key
    the customer manages in the key service, not the service's default key (``aws/secretsmanager``).
    """

    ref: ResourceRef
    rotation_enabled: bool | Unknown
    kms_key_customer_managed: bool | Unknown
