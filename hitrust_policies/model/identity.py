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
    """A human or workload user principal.

    ``console_unused_days``: days since the console password last signed in, counted from when it was
    set if it never did; None when the user has no console password, or for a source that cannot see
    sign-ins (not judged). ``active_keys``: how many long-lived access keys the user holds that are
    active; None where the source does not count them (not judged).
    """

    ref: ResourceRef
    console_access: bool | Unknown
    mfa_enabled: bool | Unknown
    direct_policies: tuple[str, ...] | Unknown  # policies attached to the user itself
    console_unused_days: int | None | Unknown = None
    active_keys: int | None | Unknown = None


@dataclass(frozen=True, slots=True)
class Credential:
    """A long-lived secret credential (access key, service-account key).

    ``age_days`` is measured by the source when it observed the key, so the rule stays
    a pure function. ``unused_days``: days since the key last signed a request, counted from its
    creation if it never did; None where the cloud keeps no such record for the key or the source
    does not read it (not judged).
    """

    ref: ResourceRef
    owner: str
    active: bool | Unknown
    age_days: int | Unknown
    unused_days: int | None | Unknown = None


FULL_ADMIN = "full-admin"  # every action on every resource
NEAR_ADMIN = "near-admin"  # open-ended: every action on every resource except some named ones
SCOPED = "scoped"  # bounded to named actions or resources (or nothing at all)


@dataclass(frozen=True, slots=True)
class PolicyGrant:
    """A grant of permissions: a policy document, or an attachment of a provider-defined admin policy.

    ``access`` is how much it grants, decided by the source with its cloud's policy semantics
    (one `FULL_ADMIN` / `NEAR_ADMIN` / `SCOPED` scale for every cloud: an AWS ``"*"`` on ``"*"``,
    an ``Allow`` with ``NotAction``, a GCP ``roles/owner`` binding). For `NEAR_ADMIN`,
    ``exceptions`` names what the grant leaves out (``"iam:*, organizations:*"``).
    ``attached`` says whether any principal holds it (an inline policy always is).
    ``service_wildcards`` names each service every action of which it allows on every resource of that
    service (AWS ``"s3:*"``; an Azure custom role's ``"Microsoft.Storage/*"``), short of administrator
    access; ``decrypt_all_keys`` the key service's decryption actions it allows on every key
    (AWS ``kms:Decrypt`` / ``kms:ReEncryptFrom``). Either is None where it is not judged: a grant the
    customer did not write (an AWS-managed policy attached), or a cloud whose grants cannot say it (a
    Google Cloud role binding names a role, whose permissions are listed one by one).
    """

    ref: ResourceRef
    access: str | Unknown
    attached: bool | Unknown
    exceptions: str = ""
    service_wildcards: tuple[str, ...] | None | Unknown = None
    decrypt_all_keys: tuple[str, ...] | None | Unknown = None


@dataclass(frozen=True, slots=True)
class RootAccount:
    """The account's all-powerful principal (AWS root user).

    ``credentials_centrally_managed``: the organization manages this member account's root
    credentials (AWS Organizations centralized root access): nobody can recover a root
    password from the account's e-mail alone. A management or standalone account: False.
    ``mfa_virtual``: some MFA device of the root user is a virtual (software) one, living on a phone or
    laptop rather than a dedicated hardware key. ``last_used_days``: days since the root password or
    a root access key was last used; None if never (or not judged by the source).
    """

    ref: ResourceRef
    access_keys_present: bool | Unknown
    mfa_enabled: bool | Unknown
    password_present: bool | Unknown
    credentials_centrally_managed: bool | Unknown
    mfa_virtual: bool | None | Unknown = None
    last_used_days: int | None | Unknown = None


@dataclass(frozen=True, slots=True)
class AccountOwners:
    """Who holds the all-powerful owner role on a whole account (an Azure subscription's Owner role).

    ``owners`` names each principal assigned the role at the account itself, once (a group counts
    as one principal), as ``"<type>:<principal id>"`` (``"User:3f2c..."``), sorted; the source
    decides which role is the owner role. ``guests`` names the owners that are guest (external)
    users of the directory, by sign-in name; an Unknown when some owner's directory entry could
    not be read and no guest was seen among the others.
    """

    ref: ResourceRef
    owners: tuple[str, ...] | Unknown
    guests: tuple[str, ...] | Unknown


@dataclass(frozen=True, slots=True)
class LocalAuth:
    """Whether a data service still accepts its own shared secrets beside directory identities.

    ``mechanism`` names them (``"shared key"``: a storage account's access keys and the SAS tokens signed
    with them; ``"admin user"``: a container registry's; ``"account keys"``: a Cosmos DB account's; ``"SAS keys"``:
    a Service Bus / Event Hubs namespace's; ``"access keys"``: an Azure Cache for Redis's);
    ``enabled`` says whether the service honours them. Such secrets carry no identity, no MFA and no
    conditional access, and a request made with them names nobody in the logs.
    """

    ref: ResourceRef
    mechanism: str
    enabled: bool | Unknown


@dataclass(frozen=True, slots=True)
class MemberRoles:
    """The roles one principal holds directly on one resource-wide scope, where a grant reaches every
    resource below it (a Google Cloud project, folder or organization).

    ``member`` is the principal as the cloud writes it (``"user:ana@example.org"``,
    ``"serviceAccount:ci@p.iam.gserviceaccount.com"``); ``roles`` the role names bound to it by the
    scope's own policy, sorted, each once (a conditional grant counts: its condition may hold). Grants
    inherited from a parent scope are that scope's own `MemberRoles`. When the scope's policy could not
    be read, one value stands for the whole scope: ``member`` is empty and ``roles`` that Unknown.
    The live GCP scanner yields it; Azure role assignments at a subscription or management group
    could yield it too.
    """

    ref: ResourceRef
    member: str
    roles: tuple[str, ...] | Unknown


@dataclass(frozen=True, slots=True)
class ServiceAccountKey:
    """A key pair a workload identity (a Google Cloud service account) signs its requests with.

    ``user_managed``: the private key was downloaded or its public half uploaded, so someone outside the
    cloud holds a long-lived secret; False for the provider's own keys, which never leave it and are
    rotated for the customer. ``disabled``: refused for now (it can be enabled again); ``expired``: past
    its end of validity, for good. Only Google Cloud sources yield it; AWS access keys and Azure storage
    keys are `Credential`s.
    """

    ref: ResourceRef
    owner: str
    user_managed: bool | Unknown
    disabled: bool | Unknown
    expired: bool | Unknown
