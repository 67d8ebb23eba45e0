"""Who can act: users, their credentials, their grants and account-wide settings."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class PasswordPolicy:
    """The account's password policy; ``present`` False means none is set."""

    ref: ResourceRef
    present: bool | Unknown
    min_length: int | Unknown
    require_uppercase: bool | Unknown
    require_lowercase: bool | Unknown
    require_numbers: bool | Unknown
    require_symbols: bool | Unknown
    max_age_days: int | None | Unknown  # None: passwords never expire
    reuse_prevention: int | None | Unknown  # None: no history kept


@dataclass(frozen=True, slots=True)
class Identity:
    """A human or workload user principal."""

    ref: ResourceRef
    console_access: bool | Unknown
    mfa_enabled: bool | Unknown
    direct_policies: tuple[str, ...] | Unknown  # policies attached to the user itself


@dataclass(frozen=True, slots=True)
class Credential:
    """A long-lived secret credential (access key, service-account key).

    ``age_days`` is measured by the source when it observed the key, so the rule stays
    a pure function.
    """

    ref: ResourceRef
    owner: str
    active: bool | Unknown
    age_days: int | Unknown


@dataclass(frozen=True, slots=True)
class Statement:
    """One permission statement of a policy document, normalised to tuples."""

    effect: str  # Allow | Deny
    actions: tuple[str, ...]
    resources: tuple[str, ...]
    not_actions: bool = False  # the statement uses NotAction
    conditional: bool = False


@dataclass(frozen=True, slots=True)
class PolicyGrant:
    """A customer-managed permission policy and its statements."""

    ref: ResourceRef
    statements: tuple[Statement, ...] | Unknown
    attached: bool | Unknown


@dataclass(frozen=True, slots=True)
class RootAccount:
    """The account's all-powerful principal (AWS root user)."""

    ref: ResourceRef
    access_keys_present: bool | Unknown
    mfa_enabled: bool | Unknown
