"""The typed, cloud-agnostic model every source fills and every rule reads."""

from hitrust_policies.model.audit import AuditCoverage, AuditTrail, LogGroup, Network, ThreatDetection
from hitrust_policies.model.crypto import CryptoKey, TlsListener
from hitrust_policies.model.facts import Unknown, UnknownFact, every, exists, failing, is_unknown
from hitrust_policies.model.identity import (
    FULL_ADMIN,
    NEAR_ADMIN,
    SCOPED,
    Credential,
    Identity,
    PasswordPolicy,
    PolicyGrant,
    RootAccount,
)
from hitrust_policies.model.messaging import MessageQueue
from hitrust_policies.model.network import ALL_PROTOCOLS, IngressRule, SecurityGroup, opening_id
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.model.storage import (
    KMS,
    NO_ENCRYPTION,
    PROVIDER_MANAGED,
    AccountStorageSettings,
    BlockStorageDefaults,
    BlockVolume,
    DatabaseInstance,
    FileSystem,
    ObjectStore,
)

KINDS: tuple[type, ...] = (
    AccountStorageSettings,
    AuditCoverage,
    AuditTrail,
    BlockStorageDefaults,
    BlockVolume,
    Credential,
    CryptoKey,
    DatabaseInstance,
    FileSystem,
    Identity,
    IngressRule,
    LogGroup,
    MessageQueue,
    Network,
    ObjectStore,
    PasswordPolicy,
    PolicyGrant,
    RootAccount,
    SecurityGroup,
    ThreatDetection,
    TlsListener,
)
"""Every resource kind; a meta-test checks each is frozen and carries a ``ref``."""

__all__ = [
    "ALL_PROTOCOLS",
    "FULL_ADMIN",
    "KINDS",
    "KMS",
    "NEAR_ADMIN",
    "NO_ENCRYPTION",
    "PROVIDER_MANAGED",
    "SCOPED",
    "AccountStorageSettings",
    "AuditCoverage",
    "AuditTrail",
    "BlockStorageDefaults",
    "BlockVolume",
    "Credential",
    "CryptoKey",
    "DatabaseInstance",
    "FileSystem",
    "Identity",
    "IngressRule",
    "LogGroup",
    "MessageQueue",
    "Network",
    "ObjectStore",
    "PasswordPolicy",
    "PolicyGrant",
    "ResourceRef",
    "RootAccount",
    "SecurityGroup",
    "ThreatDetection",
    "TlsListener",
    "Unknown",
    "UnknownFact",
    "every",
    "exists",
    "failing",
    "is_unknown",
    "opening_id",
]
