"""What Google Cloud settings mean, once for every GCP source (Cloud Asset Inventory, its exports, Pulumi).

Each function takes plain values, not a source's dict: Cloud Asset Inventory carries the services'
API JSON (``allowed[].IPProtocol``, ``iamConfiguration.uniformBucketLevelAccess.enabled``), pulumi-gcp
its own names (``allows[].protocol``, ``uniformBucketLevelAccess``); both call these with what they
read, so the same setting becomes the same model value whatever the source, and the same as on
AWS / Azure where the fact is the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from hitrust_policies.model import (
    ALL_PROTOCOLS,
    FULL_ADMIN,
    KMS,
    NEAR_ADMIN,
    POSTGRES_SEVERITIES,
    POSTGRES_VERBOSITIES,
    PROVIDER_MANAGED,
    SCOPED,
    TCP,
    UDP,
    MySqlSettings,
    PostgresSettings,
    ResourceRef,
    SqlServerSettings,
    Unknown,
    is_internet,
)

# --- who "the public" is -------------------------------------------------------------------------

ALL_USERS = "allUsers"  # anyone on the internet, signed in or not
ALL_AUTHENTICATED_USERS = "allAuthenticatedUsers"  # any Google account or service account, in any organization
PUBLIC_MEMBERS = (ALL_USERS, ALL_AUTHENTICATED_USERS)


def public_grants(bindings: Iterable[Mapping[str, Any]]) -> list[str]:
    """``member (role)`` of every IAM binding that grants a role to the public.

    Both special principals count: ``allAuthenticatedUsers`` is every Google account in the world,
    not "our users" (CIS Google Cloud Platform Foundation 5.1, Prowler
    ``cloudstorage_bucket_public_access``). A condition on the binding does not narrow it: IAM
    refuses conditions on these principals, so a policy holding one grants unconditionally.

    >>> public_grants([{"role": "roles/storage.objectViewer", "members": ["allUsers", "user:a@x.org"]},
    ...                {"role": "roles/storage.legacyBucketReader", "members": ["projectViewer:p"]}])
    ['allUsers (roles/storage.objectViewer)']
    """
    grants: list[str] = []
    for binding in bindings:
        role = str(binding.get("role", ""))
        grants += [f"{m} ({role})" for m in binding.get("members") or () if m in PUBLIC_MEMBERS]
    return sorted(dict.fromkeys(grants))


# --- firewall rules ---------------------------------------------------------------------------------

# VPC firewall protocol names -> the model's spelling: the AWS names where AWS has one, else the
# IANA number, so an ESP rule is "50" on both clouds.
_PROTOCOLS = {"all": ALL_PROTOCOLS, "tcp": TCP, "udp": UDP, "icmp": "icmp", "ipv6-icmp": "icmpv6",
              "esp": "50", "ah": "51", "sctp": "132", "ipip": "4",
              "6": TCP, "17": UDP, "1": "icmp", "58": "icmpv6"}
PORTED = (TCP, UDP, "132")  # protocols whose firewall entries may name ports
INTERNET_V4 = "0.0.0.0/0"


def firewall_protocol(value: Any) -> str:
    """
    >>> [firewall_protocol(v) for v in ("TCP", "udp", "all", "icmp", "esp", "sctp", "47", 6.0)]
    ['tcp', 'udp', 'all', 'icmp', '50', '132', '47', 'tcp']
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip().lower()
    return _PROTOCOLS.get(text, text)


def port_range(text: Any) -> tuple[int, int]:
    """A firewall port entry (``"22"``, ``"1000-2000"``) as an inclusive range.

    >>> port_range("22"), port_range("1000-2000"), port_range(443.0)
    ((22, 22), (1000, 2000), (443, 443))
    """
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    lo, _, hi = str(text).strip().partition("-")
    return int(lo), int(hi or lo)


def firewall_sources(source_ranges: Iterable[str] | None, source_tags: Iterable[str] | None = None,
                     source_service_accounts: Iterable[str] | None = None) -> list[str]:
    """Who an ingress rule admits, as IngressRule sources.

    An ingress rule that names no source at all admits every IPv4 address (the API's default
    ``sourceRanges`` is ``0.0.0.0/0``). Tags and service accounts name instances of the network,
    never the internet: they become ``tag:web`` / ``serviceAccount:sa@...`` sources. Ranges and
    tags are alternatives (a packet matching either is admitted), so each is its own opening.

    >>> firewall_sources(None), firewall_sources([], ["web"]), firewall_sources(["::/0"], ["web"])
    (['0.0.0.0/0'], ['tag:web'], ['::/0', 'tag:web'])
    """
    ranges = [str(r).strip() for r in source_ranges or () if str(r).strip()]
    tags = [f"tag:{t}" for t in source_tags or ()]
    accounts = [f"serviceAccount:{a}" for a in source_service_accounts or ()]
    sources = ranges + tags + accounts
    return list(dict.fromkeys(sources)) if sources else [INTERNET_V4]


def firewall_openings(allowed: Iterable[tuple[Any, Iterable[Any] | None]],
                      sources: Iterable[str]) -> Iterator[tuple[str, int, int, str]]:
    """(protocol, from, to, source) of every opening one enabled ingress allow rule makes.

    ``allowed`` is (protocol, ports) per entry. No ports on TCP / UDP / SCTP means every port;
    ``all`` is every protocol on every port (the AWS "-1" rule); ICMP carries the AWS ICMP port
    convention (-1..-1); other protocols have no ports and open the whole protocol.

    >>> list(firewall_openings([("tcp", ["22", "8000-8080"]), ("icmp", None)], ["0.0.0.0/0"]))
    [('tcp', 22, 22, '0.0.0.0/0'), ('tcp', 8000, 8080, '0.0.0.0/0'), ('icmp', -1, -1, '0.0.0.0/0')]
    >>> list(firewall_openings([("all", None), ("udp", [])], ["10.0.0.0/8"]))
    [('all', 0, 65535, '10.0.0.0/8'), ('udp', 0, 65535, '10.0.0.0/8')]
    """
    entries = [(firewall_protocol(p), list(ports or ())) for p, ports in allowed]
    for source in sources:
        for proto, ports in entries:
            if proto in ("icmp", "icmpv6"):
                yield proto, -1, -1, source
            elif proto in PORTED and ports:
                for entry in ports:
                    lo, hi = port_range(entry)
                    yield proto, lo, hi, source
            else:
                yield proto, 0, 65535, source


def firewall_applies(direction: str | None, disabled: bool | None) -> bool:
    """Only enabled ingress rules admit traffic (the API's defaults: INGRESS, enabled).

    >>> firewall_applies(None, None), firewall_applies("EGRESS", False), firewall_applies("INGRESS", True)
    (True, False, False)
    """
    return (direction or "INGRESS").upper() == "INGRESS" and not disabled


# --- Cloud Storage -----------------------------------------------------------------------------------

UNIFORM_ACCESS_OFF = "uniformBucketLevelAccess"


def bucket_encryption(default_kms_key_name: str | None) -> tuple[str, str | None]:
    """(encryption, key) of a bucket: Cloud Storage encrypts every object at rest.

    A default Cloud KMS key is CMEK, the SSE-KMS of Google Cloud (a Cloud KMS key is always the
    customer's); without one objects are encrypted with Google-managed keys, the SSE-S3 of Google Cloud.

    >>> bucket_encryption(None), bucket_encryption("projects/p/locations/us/keyRings/r/cryptoKeys/k")
    (('provider-managed', None), ('kms', 'projects/p/locations/us/keyRings/r/cryptoKeys/k'))
    """
    if default_kms_key_name:
        return KMS, default_kms_key_name
    return PROVIDER_MANAGED, None


def bucket_public_access_open(public_access_prevention: str | None, uniform_access: bool | Unknown | None,
                              grants: list[str] | Unknown) -> tuple[str, ...] | Unknown:
    """What leaves a bucket open to the public (``()``: public access is blocked).

    Public access prevention ``enforced`` on the bucket blocks every public grant, IAM or ACL, the
    way all four S3 Block Public Access settings do: nothing else matters. Otherwise the bucket is
    open through what grants the public now (an ``allUsers`` / ``allAuthenticatedUsers`` IAM
    binding, CIS Google Cloud Platform Foundation 5.1) and through fine-grained ACLs while uniform
    bucket-level access is off (CIS 5.2): object ACLs can make any object public and no inventory
    shows them, as S3's IgnorePublicAcls guards against. ``inherited`` prevention (from an
    organization policy) is not visible in the bucket and is not assumed. IAM grants the source
    could not read are unknown, unless the ACL guard alone already shows the bucket open, and an
    unknown ACL guard decides nothing when a public IAM grant already does.

    >>> bucket_public_access_open("enforced", False, ["allUsers (roles/storage.objectViewer)"])
    ()
    >>> bucket_public_access_open("inherited", True, []), bucket_public_access_open(None, False, [])
    ((), ('uniformBucketLevelAccess',))
    >>> bucket_public_access_open("inherited", True, ["allUsers (roles/storage.objectViewer)"])
    ('allUsers (roles/storage.objectViewer)',)
    >>> bucket_public_access_open("inherited", False, Unknown("denied"))
    ('uniformBucketLevelAccess',)
    >>> bucket_public_access_open(None, Unknown("not in the asset"), ["allUsers (roles/storage.admin)"])
    ('allUsers (roles/storage.admin)',)
    """
    if str(public_access_prevention or "").lower() == "enforced":
        return ()
    open_: list[str] = [] if uniform_access is True or isinstance(uniform_access, Unknown) else [UNIFORM_ACCESS_OFF]
    for fact in (grants, uniform_access):
        if isinstance(fact, Unknown):
            known = open_ + ([] if isinstance(grants, Unknown) else list(grants))
            return tuple(known) if known else fact
    return (*open_, *grants)


def bucket_tls_only() -> bool:
    """Cloud Storage has no setting that refuses plain HTTP: its XML API endpoints answer ``http://``
    requests (only the JSON API is HTTPS-only), and no bucket policy condition can deny them, so no
    bucket refuses requests without TLS."""
    return False


# --- Cloud SQL ------------------------------------------------------------------------------------

_SQL_ENGINES = (("MYSQL", "mysql"), ("POSTGRES", "postgres"), ("SQLSERVER", "sqlserver"))


def sql_engine(database_version: str | None) -> str | Unknown:
    """
    >>> sql_engine("POSTGRES_15"), sql_engine("MYSQL_8_0"), sql_engine("SQLSERVER_2019_STANDARD")
    ('postgres', 'mysql', 'sqlserver')
    """
    text = str(database_version or "").upper()
    for prefix, engine in _SQL_ENGINES:
        if text.startswith(prefix):
            return engine
    return Unknown(f"unrecognised Cloud SQL databaseVersion {database_version!r}")


def sql_public(ipv4_enabled: bool | None, authorized_networks: Iterable[str]) -> bool | Unknown:
    """A Cloud SQL instance is public when it has a public IPv4 address *and* an authorized network
    that is the internet (CIS Google Cloud Platform Foundation 6.5, Prowler
    ``cloudsql_instance_public_access``); "the internet" is the shared definition
    (`hitrust_policies.model.addresses`), so ``0.0.0.0/1`` counts as ``0.0.0.0/0`` does. A public IP
    with only named networks admits nobody else: the Cloud SQL connectors authenticate with IAM.

    >>> sql_public(True, ["0.0.0.0/0"]), sql_public(True, ["35.187.118.0/24"]), sql_public(False, ["0.0.0.0/0"])
    (True, False, False)
    >>> sql_public(None, [])
    False
    """
    if not any(is_internet(n) for n in authorized_networks):
        return False
    if ipv4_enabled is None:
        return Unknown("ipConfiguration.ipv4Enabled not in the asset")
    return bool(ipv4_enabled)


SQL_PUBLIC_IP_ON_CREATE = True  # a new instance gets a public IPv4 address unless ipv4Enabled says false


def sql_public_ip_on_create(ipv4_enabled: bool | None) -> bool:
    """Whether an instance created with this ``ipConfiguration.ipv4Enabled`` has a public IP: the
    Cloud SQL Admin API (and so pulumi-gcp / Terraform) assigns one unless told not to.

    >>> sql_public_ip_on_create(None), sql_public_ip_on_create(False)
    (True, False)
    """
    return SQL_PUBLIC_IP_ON_CREATE if ipv4_enabled is None else bool(ipv4_enabled)


# --- Cloud KMS ----------------------------------------------------------------------------------------

ROTATABLE_PURPOSE = "ENCRYPT_DECRYPT"
EXTERNAL_PROTECTION = ("EXTERNAL", "EXTERNAL_VPC")


def kms_rotation_supported(purpose: str | None, protection_level: str | None, import_only: bool | None) -> bool:
    """Cloud KMS rotates a key automatically only where it can make the new material itself:
    symmetric ``ENCRYPT_DECRYPT`` keys (asymmetric and MAC keys have no rotation schedule), not keys
    whose material lives in an external key manager (tfsec ``google-kms-rotate-kms-keys`` exempts
    them), not import-only keys (new versions must be imported) — as on AWS, where asymmetric,
    HMAC, imported and custom-key-store keys are exempt.

    >>> kms_rotation_supported("ENCRYPT_DECRYPT", "SOFTWARE", None), kms_rotation_supported("MAC", "HSM", None)
    (True, False)
    >>> kms_rotation_supported("ENCRYPT_DECRYPT", "EXTERNAL", None)
    False
    >>> kms_rotation_supported("ENCRYPT_DECRYPT", "HSM", True)
    False
    """
    return (str(purpose or "ENCRYPT_DECRYPT").upper() == ROTATABLE_PURPOSE
            and str(protection_level or "SOFTWARE").upper() not in EXTERNAL_PROTECTION and not import_only)


def kms_enabled(purpose: str | None, primary_state: str | None) -> bool | Unknown:
    """A symmetric key is usable when its primary version is enabled. Other keys have no primary; their
    versions' states are not in the key's asset, nor are a symmetric key's when it shows no primary.

    >>> kms_enabled("ENCRYPT_DECRYPT", "ENABLED"), kms_enabled("ENCRYPT_DECRYPT", "DESTROYED")
    (True, False)
    >>> kms_enabled("ASYMMETRIC_SIGN", None)
    Unknown('ASYMMETRIC_SIGN key: version states are not in the key asset')
    """
    if str(purpose or "ENCRYPT_DECRYPT").upper() != ROTATABLE_PURPOSE:
        return Unknown(f"{purpose} key: version states are not in the key asset")
    if not primary_state:
        return Unknown("no primary version in the key asset")
    return str(primary_state).upper() == "ENABLED"


def kms_primary_state_on_create(purpose: str | None, skip_initial_version: bool | None) -> str | None:
    """The primary version's state of a key just created: ``CreateCryptoKey`` makes a first version,
    enabled, and makes it primary for a symmetric key, unless ``skipInitialVersionCreation``.

    >>> kms_primary_state_on_create(None, None), kms_primary_state_on_create("ENCRYPT_DECRYPT", True)
    ('ENABLED', None)
    >>> kms_primary_state_on_create("ASYMMETRIC_SIGN", None) is None
    True
    """
    if skip_initial_version or str(purpose or ROTATABLE_PURPOSE).upper() != ROTATABLE_PURPOSE:
        return None
    return "ENABLED"


# --- networks -----------------------------------------------------------------------------------------

DEFAULT_NETWORK = "default"
# Subnet purposes that carry no VM traffic and cannot have flow logs (proxy-only and PSC subnets).
NO_FLOW_LOG_PURPOSES = frozenset({"REGIONAL_MANAGED_PROXY", "GLOBAL_MANAGED_PROXY", "INTERNAL_HTTPS_LOAD_BALANCER",
                                  "PRIVATE_SERVICE_CONNECT", "PRIVATE_NAT"})


def network_preset_open(name: str | None) -> bool:
    """Is this Compute Engine's ``default`` network, made in every new project (unless the organization
    policy ``compute.skipDefaultNetworkCreation`` says not to) in auto mode, with the firewall rules
    ``default-allow-ssh``, ``-rdp``, ``-icmp`` (from 0.0.0.0/0) and ``-internal``? Known by its name, as
    CIS Google Cloud Platform Foundation 3.1 and Prowler ``compute_network_default_in_use`` know it.

    >>> network_preset_open("default"), network_preset_open("phi-vpc")
    (True, False)
    """
    return name == DEFAULT_NETWORK


def subnet_flow_logs(log_config_enable: bool | None, enable_flow_logs: bool | None) -> bool:
    """A subnetwork's VPC flow logs: ``logConfig.enable``, or the legacy ``enableFlowLogs`` where no
    logConfig says otherwise.

    >>> subnet_flow_logs(True, None), subnet_flow_logs(None, True), subnet_flow_logs(False, True)
    (True, True, False)
    >>> subnet_flow_logs(None, None)
    False
    """
    if log_config_enable is not None:
        return bool(log_config_enable)
    return bool(enable_flow_logs)


AUTO_SUBNET_FLOW_LOGS = False  # the subnetworks GCP creates in an auto-mode network log no flows


def subnet_needs_flow_logs(purpose: str | None) -> bool:
    """
    >>> subnet_needs_flow_logs(None), subnet_needs_flow_logs("PRIVATE")
    (True, True)
    >>> subnet_needs_flow_logs("REGIONAL_MANAGED_PROXY")
    False
    """
    return str(purpose or "PRIVATE").upper() not in NO_FLOW_LOG_PURPOSES


def network_key(url_or_name: str) -> str:
    """``projects/P/global/networks/N`` from a self link, a full resource name or a relative name,
    so subnetworks join their network whichever spelling each carries.

    >>> network_key("https://www.googleapis.com/compute/v1/projects/p/global/networks/default")
    'projects/p/global/networks/default'
    >>> network_key("//compute.googleapis.com/projects/p/global/networks/default")
    'projects/p/global/networks/default'
    """
    text = str(url_or_name)
    index = text.find("projects/")
    return text[index:] if index >= 0 else text


# Cloud SQL's sslMode values that refuse connections without TLS.
_SQL_ENCRYPTED_MODES = ("ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED")
SQL_ALLOW_PLAINTEXT = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"


def sql_plaintext_routes(ssl_mode: str | None, require_ssl: bool | None) -> tuple[str, ...] | Unknown:
    """How a Cloud SQL instance also takes unencrypted connections (``()``: TLS only), as the plaintext
    route of its TLS endpoint (CIS Google Cloud Platform Foundation 6.4, Prowler
    ``cloudsql_instance_ssl_connections``, policy-library ``gcp_sql_ssl``).

    ``settings.ipConfiguration.sslMode`` decides when set; otherwise the legacy ``requireSsl``; neither
    means Cloud SQL's default, ALLOW_UNENCRYPTED_AND_ENCRYPTED (Cloud SQL Admin API ``IpConfiguration``).

    >>> sql_plaintext_routes("ENCRYPTED_ONLY", False), sql_plaintext_routes(None, True)
    ((), ())
    >>> sql_plaintext_routes("ALLOW_UNENCRYPTED_AND_ENCRYPTED", True)
    ('sslMode is ALLOW_UNENCRYPTED_AND_ENCRYPTED',)
    >>> sql_plaintext_routes(None, None), sql_plaintext_routes(None, False)
    (('sslMode is unset (ALLOW_UNENCRYPTED_AND_ENCRYPTED)',), ('requireSsl is false',))
    >>> sql_plaintext_routes("SSL_MODE_UNSPECIFIED", None)
    Unknown("unrecognised Cloud SQL sslMode 'SSL_MODE_UNSPECIFIED'")
    """
    mode = str(ssl_mode or "").upper()
    if mode in _SQL_ENCRYPTED_MODES:
        return ()
    if mode == SQL_ALLOW_PLAINTEXT:
        return (f"sslMode is {SQL_ALLOW_PLAINTEXT}",)
    if mode:
        return Unknown(f"unrecognised Cloud SQL sslMode {ssl_mode!r}")
    if require_ssl is not None:
        return () if require_ssl else ("requireSsl is false",)
    return (f"sslMode is unset ({SQL_ALLOW_PLAINTEXT})",)


def sql_min_tls() -> Unknown:
    """The lowest TLS version a Cloud SQL instance negotiates is not knowable from its settings: the
    Admin API has no minimum-TLS field (``ipConfiguration`` carries only ``sslMode`` / ``requireSsl``
    and the server CA mode), no supported database flag sets it, and Google's Cloud SQL SSL/TLS pages
    (cloud.google.com/sql/docs/*/configure-ssl-instance, authorize-ssl) document no floor. An instance
    that refuses plaintext is therefore UNKNOWN on the TLS floor, never a guessed PASS or FAIL."""
    return Unknown("Cloud SQL has no minimum TLS version setting and Google documents no TLS floor for it")


# Cloud SQL's IAM database authentication flag per engine (SQL Server has none: it joins Managed AD).
_SQL_IAM_FLAGS = {"mysql": "cloudsql_iam_authentication", "postgres": "cloudsql.iam_authentication"}


def sql_directory_auth(engine: str | Unknown, flags: Iterable[dict[str, Any]], ad_domain: str | None) -> Any:
    """Can a Cloud SQL instance's logins be Google identities (IAM database authentication flag on)
    or, for SQL Server, Managed Microsoft AD users (``settings.activeDirectoryConfig.domain``)?

    >>> sql_directory_auth("postgres", [{"name": "cloudsql.iam_authentication", "value": "on"}], None)
    True
    >>> sql_directory_auth("mysql", [], None), sql_directory_auth("sqlserver", [], "ad.example.com")
    (False, True)
    """
    if isinstance(engine, Unknown):
        return engine
    if engine == "sqlserver":
        return bool(ad_domain)
    wanted = _SQL_IAM_FLAGS.get(engine)
    return any(f.get("name") == wanted and str(f.get("value", "")).lower() == "on" for f in flags)
def instance_external_addresses(network_interfaces: Any) -> tuple[str, ...]:
    """External addresses of a Compute Engine instance's interfaces: each access config's ``natIP``
    (or its name while an ephemeral address is not allocated: the VM holds the config, and gets one on
    start), and each external IPv6 (CIS GCP 4.9, Prowler ``compute_instance_public_ip``).

    >>> instance_external_addresses([{"accessConfigs": [{"name": "External NAT", "natIP": "34.1.2.3"}],
    ...     "ipv6AccessConfigs": [{"externalIpv6": "2600:1900::1"}]}, {"accessConfigs": [{"name": "nat"}]}])
    ('34.1.2.3', '2600:1900::1', 'nat')
    """
    found: list[str] = []
    for nic in network_interfaces or []:
        for config in nic.get("accessConfigs") or []:
            found.append(str(config.get("natIP") or config.get("name") or "external access config"))
        for config in nic.get("ipv6AccessConfigs") or []:
            found.append(str(config.get("externalIpv6") or config.get("name") or "external IPv6 access config"))
    return tuple(found)

GKE_NODE_LABEL = "goog-gke-node"


def instance_ip_forwarding(can_ip_forward: Any, name: str | None, labels: Any) -> bool:
    """Does a VM forward traffic for others (``canIpForward``, off unless set)? A GKE node does so for its
    pods by design and is exempt, as CIS Google Cloud Platform Foundation 4.6 and Prowler
    ``compute_instance_ip_forwarding_is_enabled`` exempt it: known by its ``goog-gke-node`` label or its
    ``gke-`` name.

    >>> instance_ip_forwarding(True, "nat-gw", {}), instance_ip_forwarding(None, "web", None)
    (True, False)
    >>> instance_ip_forwarding(True, "gke-prod-pool-1-abc", {})
    False
    >>> instance_ip_forwarding(True, "n1", {"goog-gke-node": ""})
    False
    """
    gke = str(name or "").startswith("gke-") or (isinstance(labels, Mapping) and GKE_NODE_LABEL in labels)
    return bool(can_ip_forward) and not gke


# --- service-account keys -----------------------------------------------------------------------------

USER_MANAGED = "USER_MANAGED"  # created by a user (uploaded or downloaded): a long-lived secret someone holds
SYSTEM_MANAGED = "SYSTEM_MANAGED"  # Google's own signing keys, rotated by Google, never downloadable


def sa_key_user_managed(key_type: str | None) -> bool | Unknown:
    """Whether a service-account key is a secret a user holds. Google-managed keys are rotated by Google
    and never leave it, so rotation is not the customer's (Prowler
    ``iam_sa_user_managed_key_rotate_90_days`` lists ``keyTypes=USER_MANAGED`` only). An asset without
    ``keyType`` (older inventories and policy-library's fixtures) cannot tell.

    >>> sa_key_user_managed("USER_MANAGED"), sa_key_user_managed("SYSTEM_MANAGED")
    (True, False)
    >>> sa_key_user_managed(None)
    Unknown('keyType not in the ServiceAccountKey asset: user- or Google-managed cannot be told')
    """
    if not key_type:
        return Unknown("keyType not in the ServiceAccountKey asset: user- or Google-managed cannot be told")
    return str(key_type).upper() == USER_MANAGED


def rfc3339(text: str | None) -> datetime | None:
    """A timestamp of the Google APIs (``2025-01-02T03:04:05Z``, with or without fractions), UTC.

    >>> rfc3339("2017-08-21T07:55:36Z"), rfc3339("2025-05-15T17:28:36.650275024Z").microsecond
    (datetime.datetime(2017, 8, 21, 7, 55, 36, tzinfo=datetime.timezone.utc), 650275)
    """
    if not text:
        return None
    value = str(text).strip().replace("Z", "+00:00")
    head, dot, rest = value.partition(".")
    if dot:  # nanoseconds -> microseconds, the zone kept
        digits = "".join(ch for ch in rest if ch.isdigit())
        value = f"{head}.{digits[:6].ljust(6, '0')}{rest[len(digits):]}"
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def sa_key_active(user_managed: bool | Unknown, disabled: bool | None, valid_before: str | None,
                  now: datetime) -> bool | Unknown:
    """A key signs requests while it is enabled and not past its ``validBeforeTime``; a Google-managed
    key is not the customer's secret and counts as no active credential of theirs.

    >>> now = datetime(2026, 11, 2, tzinfo=UTC)
    >>> sa_key_active(True, None, "9999-12-31T23:59:59Z", now), sa_key_active(True, True, None, now)
    (True, False)
    >>> sa_key_active(True, False, "2026-01-01T00:00:00Z", now), sa_key_active(False, None, None, now)
    (False, False)
    """
    if disabled:
        return False
    expires = rfc3339(valid_before)
    if expires is not None and expires <= now:
        return False
    return user_managed


def age_days(created: str | None, now: datetime) -> int | Unknown:
    """Whole days since ``created`` (``validAfterTime``: when the key was made), as AWS counts a key's age.

    >>> age_days("2026-08-01T00:00:00Z", datetime(2026, 11, 2, 12, tzinfo=UTC))
    93
    >>> age_days(None, datetime(2026, 11, 2, tzinfo=UTC))
    Unknown('validAfterTime not in the ServiceAccountKey asset')
    """
    when = rfc3339(created)
    if when is None:
        return Unknown("validAfterTime not in the ServiceAccountKey asset")
    return max((now - when).days, 0)


# --- IAM policies of projects, folders and organizations -----------------------------------------------

OWNER, EDITOR = "roles/owner", "roles/editor"
# The basic Editor role may change almost every resource but may not set IAM policies or manage roles,
# and does not carry billing administration.
EDITOR_EXCEPTIONS = "setting IAM policies, managing roles and billing"


def role_access(role: str) -> tuple[str, str]:
    """(access, exceptions) of a role on the model's one scale: the basic Owner role is every permission
    on every resource below the binding (`FULL_ADMIN`); Editor every one but IAM administration
    (`NEAR_ADMIN`). Every other role, predefined or custom, is a list of named permissions (custom roles
    may not hold wildcards): `SCOPED`, as AWS policies naming actions are.

    >>> role_access("roles/owner"), role_access("roles/editor")[0], role_access("roles/viewer")
    (('full-admin', ''), 'near-admin', ('scoped', ''))
    >>> role_access("organizations/805614281031/roles/almostOwner")
    ('scoped', '')
    """
    if role == OWNER:
        return FULL_ADMIN, ""
    if role == EDITOR:
        return NEAR_ADMIN, EDITOR_EXCEPTIONS
    return SCOPED, ""


def binding_members(bindings: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """(role, member) of every member of every binding, in a stable order, each once. A conditional
    binding counts as granted (its condition may hold); so do ``deleted:`` members (an undeleted
    service account gets its bindings back), as a standing grant to remove.

    >>> binding_members([{"role": "roles/viewer", "members": ["user:b@x.org", "user:a@x.org"]},
    ...                  {"role": "roles/owner", "members": ["user:a@x.org"], "condition": {"expression": "x"}}])
    [('roles/owner', 'user:a@x.org'), ('roles/viewer', 'user:a@x.org'), ('roles/viewer', 'user:b@x.org')]
    """
    return sorted({(str(b.get("role", "")), str(m)) for b in bindings for m in b.get("members") or ()})


# --- Cloud Audit Logs configuration ----------------------------------------------------------------------

ALL_SERVICES = "allServices"
ADMIN_READ, DATA_WRITE, DATA_READ = "ADMIN_READ", "DATA_WRITE", "DATA_READ"
# AuditLogConfig.LogType numbers, as some exports (policy-library's fixtures) write them
_LOG_TYPES = {1: ADMIN_READ, 2: DATA_WRITE, 3: DATA_READ}


def log_type(value: Any) -> str:
    """
    >>> log_type(1), log_type(3.0), log_type("DATA_WRITE"), log_type("1")
    ('ADMIN_READ', 'DATA_READ', 'DATA_WRITE', 'ADMIN_READ')
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    return _LOG_TYPES.get(value, str(value).upper()) if isinstance(value, int) else str(value).upper()


def audit_log_types(audit_configs: Iterable[Mapping[str, Any]]) -> tuple[set[str], list[str]]:
    """(log types enabled for every service, exemptions) of one IAM policy's ``auditConfigs``.

    Only an ``allServices`` config enables a log type everywhere; exemptions are unioned whichever
    config names them (the API's documented merge), written ``"<LOG_TYPE> of <service> by <member>"``.
    Keys come snake_case (exports, the client's proto JSON) or camelCase (REST).

    >>> types, exempt = audit_log_types([
    ...     {"service": "allServices", "audit_log_configs": [{"log_type": "ADMIN_READ"},
    ...                                                      {"log_type": 3, "exempted_members": ["user:a@x.org"]}]},
    ...     {"service": "storage.googleapis.com", "auditLogConfigs": [{"logType": "DATA_WRITE"}]}])
    >>> sorted(types), exempt
    (['ADMIN_READ', 'DATA_READ'], ['DATA_READ of allServices by user:a@x.org'])
    """
    enabled: set[str] = set()
    exempt: list[str] = []
    for config in audit_configs:
        service = str(config.get("service", ""))
        for entry in config.get("audit_log_configs") or config.get("auditLogConfigs") or ():
            kind = log_type(entry.get("log_type", entry.get("logType")))
            if service == ALL_SERVICES:
                enabled.add(kind)
            members = entry.get("exempted_members") or entry.get("exemptedMembers") or ()
            exempt += [f"{kind} of {service} by {m}" for m in members]
    return enabled, sorted(dict.fromkeys(exempt))


# --- Cloud Logging buckets ------------------------------------------------------------------------------

DEFAULT_LOG_RETENTION_DAYS = 30  # what retentionDays 0 (or unset) means at bucket creation
REQUIRED_BUCKET = "_Required"  # Admin Activity, System Event and Access Transparency audit logs, 400 days
DEFAULT_BUCKET = "_Default"  # every other log, Data Access audit logs included, unless routed elsewhere


def log_bucket_retention(retention_days: Any) -> int:
    """Days a log bucket keeps entries; Cloud Logging buckets always expire their logs.

    >>> log_bucket_retention(400), log_bucket_retention("3650"), log_bucket_retention(None)
    (400, 3650, 30)
    """
    days = int(float(retention_days or 0))
    return days if days > 0 else DEFAULT_LOG_RETENTION_DAYS


def log_bucket_holds_audit(bucket_id: str) -> bool | Unknown:
    """The two buckets every project has hold its audit logs: ``_Required`` the Admin Activity logs
    (always), ``_Default`` the Data Access logs (unless a sink exclusion routes them away). What a
    user-defined bucket holds depends on the sinks routing to it, which are not joined here.

    >>> log_bucket_holds_audit("_Required"), log_bucket_holds_audit("_Default")
    (True, True)
    >>> log_bucket_holds_audit("app-logs")
    Unknown('which logs reach a user-defined log bucket depends on the sinks routing to it')
    """
    if bucket_id in (REQUIRED_BUCKET, DEFAULT_BUCKET):
        return True
    return Unknown("which logs reach a user-defined log bucket depends on the sinks routing to it")


# --- Cloud Load Balancing: target proxies and SSL policies -------------------------------------------------

# A target HTTPS / SSL proxy without an SSL policy uses Google's default: the COMPATIBLE profile, TLS 1.0 up.
DEFAULT_SSL_POLICY_MIN_TLS = "1.0"


def ssl_policy_min_tls(min_tls_version: str | None) -> str | Unknown:
    """An SSL policy's ``minTlsVersion`` in the model's spelling (TLS 1.0 when the field is unset, the
    API's default).

    >>> ssl_policy_min_tls("TLS_1_2"), ssl_policy_min_tls(None), ssl_policy_min_tls("TLS_1_3")
    ('1.2', '1.0', '1.3')
    >>> ssl_policy_min_tls("TLS_9")
    Unknown("unrecognised SSL policy minTlsVersion 'TLS_9'")
    """
    text = str(min_tls_version or "TLS_1_0").upper()
    versions = {"TLS_1_0": "1.0", "TLS_1_1": "1.1", "TLS_1_2": "1.2", "TLS_1_3": "1.3"}
    if text not in versions:
        return Unknown(f"unrecognised SSL policy minTlsVersion {min_tls_version!r}")
    return versions[text]


def _serves(where: str, route: Mapping[str, Any], service_key: str, action_key: str,
            redirect_key: str) -> list[str]:
    """What one URL-map route does with a plain-HTTP request: redirect to HTTPS (nothing to report),
    or serve it (from a backend, or by redirecting to another plain-HTTP URL)."""
    redirect = route.get(redirect_key)
    if isinstance(redirect, Mapping):
        return [] if redirect.get("httpsRedirect") else [f"{where} redirects to HTTP"]
    if route.get(service_key) or route.get(action_key):
        return [f"{where} forwards"]
    return []


def url_map_plaintext_routes(url_map: Mapping[str, Any]) -> tuple[str, ...]:
    """Each route of an HTTP load balancer's URL map that serves a request without sending it to HTTPS:
    the map's default, each path matcher's default, path rules and route rules (as AWS HTTP listener
    rules are read). A route that redirects with ``httpsRedirect`` serves nothing in plaintext.

    >>> url_map_plaintext_routes({"defaultUrlRedirect": {"httpsRedirect": True}})
    ()
    >>> url_map_plaintext_routes({"defaultService": "bs", "pathMatchers": [{"name": "api",
    ...     "defaultUrlRedirect": {"httpsRedirect": True}, "pathRules": [{"paths": ["/v1/*"], "service": "bs"}]}]})
    ('default forwards', 'path matcher api path /v1/* forwards')
    """
    found = _serves("default", url_map, "defaultService", "defaultRouteAction", "defaultUrlRedirect")
    for matcher in url_map.get("pathMatchers") or ():
        name = f"path matcher {matcher.get('name', '?')}"
        found += _serves(f"{name} default", matcher, "defaultService", "defaultRouteAction", "defaultUrlRedirect")
        for rule in matcher.get("pathRules") or ():
            paths = ", ".join(str(p) for p in rule.get("paths") or ())
            found += _serves(f"{name} path {paths}", rule, "service", "routeAction", "urlRedirect")
        for rule in matcher.get("routeRules") or ():
            found += _serves(f"{name} route rule {rule.get('priority', '?')}", rule, "service", "routeAction",
                             "urlRedirect")
    return tuple(found)


def compute_key(url_or_name: str) -> str:
    """``projects/P/global/sslPolicies/N`` from a self link or a full resource name, so references join
    whichever spelling each side carries.

    >>> compute_key("https://www.googleapis.com/compute/v1/projects/p/global/sslPolicies/modern")
    'projects/p/global/sslPolicies/modern'
    """
    return network_key(url_or_name)


# --- Cloud Logging sinks --------------------------------------------------------------------------------


def sink_exports_all(log_filter: str | None, disabled: bool | None,
                     exclusions: Iterable[Mapping[str, Any]] | None) -> bool:
    """A sink routes every log entry when it is enabled, has no filter (an empty filter matches every
    entry) and no enabled exclusion drops some.

    >>> sink_exports_all(None, None, None), sink_exports_all("", False, [{"name": "x", "disabled": True}])
    (True, True)
    >>> sink_exports_all('severity>=ERROR', None, None), sink_exports_all(None, True, None)
    (False, False)
    >>> sink_exports_all(None, None, [{"name": "no-debug", "filter": "severity<INFO"}])
    False
    """
    if disabled or str(log_filter or "").strip():
        return False
    return not any(not e.get("disabled") for e in exclusions or ())


def sink_owner(sink_name: str) -> str:
    """``projects/P`` / ``folders/N`` / ``organizations/N`` / ``billingAccounts/B`` that owns a sink.

    >>> sink_owner("//logging.googleapis.com/organizations/805/sinks/all-to-gcs")
    'organizations/805'
    >>> sink_owner("projects/phi-prod/sinks/_Required")
    'projects/phi-prod'
    """
    relative = str(sink_name).split("//logging.googleapis.com/", 1)[-1]
    return relative.split("/sinks/", 1)[0]


# The _Default sink's filter as Cloud Logging creates it: every entry but those the _Required sink keeps.
DEFAULT_SINK_FILTER = " AND ".join(f'NOT LOG_ID("{log}")' for log in (
    "cloudaudit.googleapis.com/activity", "externalaudit.googleapis.com/activity",
    "cloudaudit.googleapis.com/system_event", "externalaudit.googleapis.com/system_event",
    "cloudaudit.googleapis.com/access_transparency", "externalaudit.googleapis.com/access_transparency"))


def default_sink_keeps_data_access(log_filter: str | None, disabled: bool | None,
                                   exclusions: Iterable[Mapping[str, Any]] | None) -> bool:
    """A project's ``_Default`` sink keeps its Data Access audit logs while it is enabled, with the filter
    Cloud Logging gave it and no enabled exclusion (any changed filter or exclusion may drop them: not
    parsed here).

    >>> default_sink_keeps_data_access(DEFAULT_SINK_FILTER, None, None)
    True
    >>> default_sink_keeps_data_access(DEFAULT_SINK_FILTER + ' AND severity>=WARNING', None, None)
    False
    >>> default_sink_keeps_data_access(DEFAULT_SINK_FILTER, None, [{"name": "lb", "filter": "resource.type=x"}])
    False
    """
    if disabled or any(not e.get("disabled") for e in exclusions or ()):
        return False
    return " ".join(str(log_filter or "").split()) == DEFAULT_SINK_FILTER


# --- Compute Engine: how people and code get into a VM ----------------------------------------------------

OS_LOGIN = "enable-oslogin"
BLOCK_PROJECT_SSH_KEYS = "block-project-ssh-keys"
LEGACY_SSH_KEYS = "sshKeys"  # the deprecated instance key: when set, the guest agent ignores the project's keys
SERIAL_PORT = "serial-port-enable"
# How the guest agent reads a boolean metadata value (Go's strconv.ParseBool, case as written): any other
# spelling it ignores, as if the key were not set.
_AGENT_TRUE = frozenset({"1", "t", "T", "TRUE", "true", "True"})
_AGENT_FALSE = frozenset({"0", "f", "F", "FALSE", "false", "False"})
DEFAULT_COMPUTE_SA_DOMAIN = "-compute@developer.gserviceaccount.com"  # <project number>-compute@...
FULL_API_SCOPES = frozenset({"https://www.googleapis.com/auth/cloud-platform", "cloud-platform"})
GKE_NODE_PREFIX, GKE_NODE_LABEL = "gke-", "goog-gke-node"


def metadata_items(metadata: Mapping[str, Any] | None) -> dict[str, Any]:
    """``{key: value}`` of a Compute Engine ``Metadata`` (``{"items": [{"key", "value"}]}``).

    >>> metadata_items({"fingerprint": "x", "items": [{"key": "enable-oslogin", "value": "TRUE"}]})
    {'enable-oslogin': 'TRUE'}
    """
    return {str(i.get("key")): i.get("value") for i in (metadata or {}).get("items") or () if isinstance(i, Mapping)}


def metadata_flag(key: str, value: Any) -> bool | None | Unknown:
    """A boolean metadata value as Compute Engine reads it; ``None`` when it counts as not set.

    The guest agent reads ``enable-oslogin`` and ``block-project-ssh-keys`` with Go's ``ParseBool``
    (``TRUE`` / ``true`` / ``True`` / ``1`` / ``t``, and their false forms) and ignores any other spelling.
    ``serial-port-enable`` is read by Compute Engine itself, which documents ``TRUE`` / ``FALSE`` only: a
    spelling outside the agent's is not guessed at.

    >>> [metadata_flag(OS_LOGIN, v) for v in ("TRUE", "true", "1", "FALSE", "0", "yes", None)]
    [True, True, True, False, False, None, None]
    >>> metadata_flag(SERIAL_PORT, "yes")
    Unknown("serial-port-enable='yes': a spelling Compute Engine does not document")
    """
    if isinstance(value, (bool, Unknown)) or value is None:
        return value
    text = str(value)
    if text in _AGENT_TRUE or text in _AGENT_FALSE:
        return text in _AGENT_TRUE
    if key == SERIAL_PORT and text.strip():
        return Unknown(f"{key}={text!r}: a spelling Compute Engine does not document")
    return None


def instance_metadata_flag(key: str, own: Any, project: Any) -> bool | Unknown:
    """The value a VM runs with: its own metadata value overrides the project's (``commonInstanceMetadata``);
    unset in both is off, as for every key read here. ``project`` is an `Unknown` when the project's
    metadata was not seen: it decides only where the VM sets no value of its own.

    >>> instance_metadata_flag(OS_LOGIN, "FALSE", "TRUE"), instance_metadata_flag(OS_LOGIN, None, "TRUE")
    (False, True)
    >>> instance_metadata_flag(OS_LOGIN, "TRUE", Unknown("not read")), instance_metadata_flag(OS_LOGIN, None, None)
    (True, False)
    >>> instance_metadata_flag(OS_LOGIN, None, Unknown("project not read"))
    Unknown('project not read')
    """
    mine = metadata_flag(key, own)
    if mine is not None:
        return mine
    theirs = metadata_flag(key, project)
    return theirs if isinstance(theirs, Unknown) else bool(theirs)


def project_ssh_keys_blocked(block: Any, legacy_keys: Any = None) -> bool | Unknown:
    """Whether a VM refuses the SSH keys of the project's metadata: only its own ``block-project-ssh-keys``
    counts (the guest agent never reads the key from the project), or the deprecated instance key
    ``sshKeys``, whose presence makes the agent skip the project's keys.

    >>> project_ssh_keys_blocked("TRUE"), project_ssh_keys_blocked(None), project_ssh_keys_blocked(None, "u:ssh-rsa A")
    (True, False, True)
    """
    if isinstance(legacy_keys, str) and legacy_keys.strip():
        return True
    return instance_metadata_flag(BLOCK_PROJECT_SSH_KEYS, block, None)


def default_service_account(email: Any) -> bool | Unknown:
    """A VM runs as the project's Compute Engine default service account (``<number>-compute@developer...``).

    >>> default_service_account("902184756301-compute@developer.gserviceaccount.com")
    True
    >>> default_service_account("ehr-app@acme-phi-prod.iam.gserviceaccount.com"), default_service_account(None)
    (False, False)
    """
    if isinstance(email, Unknown):
        return email
    text = str(email or "")
    number = text.removesuffix(DEFAULT_COMPUTE_SA_DOMAIN)
    return text == "default" or (number != text and number.isdigit())


def full_api_scope(scopes: Iterable[Any] | Unknown | None) -> bool | Unknown:
    """The VM's tokens carry the ``cloud-platform`` scope ("Allow full access to all Cloud APIs"), written as
    the API does or as gcloud / Terraform alias it.

    >>> full_api_scope(["https://www.googleapis.com/auth/cloud-platform"]), full_api_scope(["cloud-platform"])
    (True, True)
    >>> full_api_scope(["https://www.googleapis.com/auth/devstorage.read_only"]), full_api_scope(None)
    (False, False)
    """
    if isinstance(scopes, Unknown):
        return scopes
    listed = list(scopes or ())
    if any(str(s) in FULL_API_SCOPES for s in listed if not isinstance(s, Unknown)):
        return True
    return next((s for s in listed if isinstance(s, Unknown)), False)


def gke_node(name: str, labels: Mapping[str, Any] | None) -> bool:
    """A VM that Google Kubernetes Engine created for a node pool: named ``gke-...`` and labelled
    ``goog-gke-node``, the way CIS Google Cloud Platform Foundation 4.1 - 4.3 recognise them.

    >>> gke_node("gke-ehr-default-pool-1a2b3c4d-x7k2", {"goog-gke-node": ""}), gke_node("gke-lookalike", {})
    (True, False)
    """
    return name.startswith(GKE_NODE_PREFIX) and GKE_NODE_LABEL in (labels or {})
# --- BigQuery datasets -----------------------------------------------------------------------------

# The access-entry fields that name a principal, and the public principals among them.
_DATASET_PUBLIC = (("specialGroup", ALL_AUTHENTICATED_USERS), ("iamMember", ALL_USERS),
                   ("iamMember", ALL_AUTHENTICATED_USERS))
# The access list's basic roles, as the dataset's IAM policy shows them.
_DATASET_ROLES = {"READER": "roles/bigquery.dataViewer", "WRITER": "roles/bigquery.dataEditor",
                  "OWNER": "roles/bigquery.dataOwner"}


def dataset_public_access(access: Iterable[Mapping[str, Any]]) -> list[str]:
    """``member (role)`` of each dataset access entry granting to the public: ``specialGroup:
    allAuthenticatedUsers`` and ``iamMember: allUsers`` (the access list's two spellings of them),
    basic roles named as the IAM policy names them.

    >>> dataset_public_access([{"role": "READER", "specialGroup": "allAuthenticatedUsers"},
    ...                        {"role": "OWNER", "specialGroup": "projectOwners"},
    ...                        {"role": "roles/bigquery.dataViewer", "iamMember": "allUsers"}])
    ['allAuthenticatedUsers (roles/bigquery.dataViewer)', 'allUsers (roles/bigquery.dataViewer)']
    """
    grants = [f"{entry.get(field)} ({_DATASET_ROLES.get(str(entry.get('role')), entry.get('role'))})"
              for entry in access if isinstance(entry, Mapping)
              for field, member in _DATASET_PUBLIC if entry.get(field) == member]
    return sorted(dict.fromkeys(grants))


def dataset_public_grants(access: Iterable[Mapping[str, Any]] | None,
                          bindings: Iterable[Mapping[str, Any]] | Unknown) -> tuple[str, ...] | Unknown:
    """Public grants on a dataset, from its access list and its IAM policy. Both are views of the one
    ACL BigQuery keeps (``getIamPolicy`` maps the access list to bindings), so either seen whole
    decides; a public grant in either is public. Unknown only when neither was seen.

    >>> dataset_public_grants(None, [{"role": "roles/bigquery.dataViewer", "members": ["allUsers"]}])
    ('allUsers (roles/bigquery.dataViewer)',)
    >>> dataset_public_grants([{"role": "WRITER", "specialGroup": "projectWriters"}], Unknown("denied"))
    ()
    >>> dataset_public_grants(None, Unknown("denied"))
    Unknown('denied')
    """
    found = dataset_public_access(access or ())
    if not isinstance(bindings, Unknown):
        found += public_grants(bindings)
    if not found and access is None and isinstance(bindings, Unknown):
        return bindings
    return tuple(sorted(dict.fromkeys(found)))


# --- Cloud DNS managed zones -------------------------------------------------------------------------

# Key specs Cloud DNS signs with when dnssecConfig names none: RSASHA256 key- and zone-signing keys.
DNSSEC_DEFAULT_ALGORITHMS = ("key-signing:RSASHA256", "zone-signing:RSASHA256")


def dns_zone_public(visibility: str | None) -> bool:
    """A zone is public unless created ``private`` (the API's default is public).

    >>> dns_zone_public(None), dns_zone_public("PRIVATE"), dns_zone_public("public")
    (True, False, True)
    """
    return str(visibility or "public").lower() != "private"


def dnssec_on(state: str | None) -> bool:
    """Signed only in state ``on``; ``transfer`` serves signatures for a move between providers, ``off``
    (the default) none.

    >>> dnssec_on("ON"), dnssec_on("transfer"), dnssec_on(None)
    (True, False, False)
    """
    return str(state or "off").lower() == "on"


def dns_signing_algorithms(state: str | None, key_specs: Iterable[Mapping[str, Any]] | None) -> tuple[str, ...]:
    """``role:ALGORITHM`` of each default key spec (the API writes ``keySigning`` / ``rsasha1``, exports
    and older versions ``KEY_SIGNING`` / ``RSASHA1``); a signed zone naming none signs with Cloud DNS's
    defaults.

    >>> dns_signing_algorithms("on", [{"keyType": "keySigning", "algorithm": "rsasha1"},
    ...                               {"keyType": "ZONE_SIGNING", "algorithm": "ECDSAP256SHA256"}])
    ('key-signing:RSASHA1', 'zone-signing:ECDSAP256SHA256')
    >>> dns_signing_algorithms("on", None)
    ('key-signing:RSASHA256', 'zone-signing:RSASHA256')
    """
    specs = [s for s in key_specs or () if isinstance(s, Mapping)]
    if not specs:
        return DNSSEC_DEFAULT_ALGORITHMS if dnssec_on(state) else ()
    roles = {"keysigning": "key-signing", "zonesigning": "zone-signing"}
    found = [f"{roles.get(str(s.get('keyType', '')).replace('_', '').lower(), str(s.get('keyType')))}:"
             f"{str(s.get('algorithm', '')).upper()}" for s in specs]
    return tuple(sorted(dict.fromkeys(found)))


# --- log archives (sink destinations that are buckets) ---------------------------------------------------

BUILT_IN_SINKS = (REQUIRED_BUCKET, DEFAULT_BUCKET)  # the router's own sinks, to the project's own log buckets


def sink_archive(destination: Any) -> tuple[str, str] | None:
    """``("storage", bucket)`` or ``("logging", "projects/P/locations/L/buckets/B")`` for a sink destination
    that keeps entries in a bucket; None for BigQuery, Pub/Sub and another project's router.

    >>> sink_archive("storage.googleapis.com/phi-archive")
    ('storage', 'phi-archive')
    >>> sink_archive("logging.googleapis.com/projects/p/locations/global/buckets/audit")
    ('logging', 'projects/p/locations/global/buckets/audit')
    >>> sink_archive("bigquery.googleapis.com/projects/p/datasets/logs") is None
    True
    """
    service, _, path = str(destination or "").partition("/")
    if service == "storage.googleapis.com" and path:
        return "storage", path.strip("/")
    if service == "logging.googleapis.com" and "/buckets/" in path:
        return "logging", path.strip("/")
    return None


def bucket_retention_locked(retention_policy: Any) -> bool:
    """A Cloud Storage bucket keeps every object for ``retentionPeriod`` seconds (int64 as a string), a
    period no one can shorten or remove once ``isLocked``; no policy, or one not locked, protects nothing.

    >>> bucket_retention_locked({"retentionPeriod": "34560000", "isLocked": True}), bucket_retention_locked(None)
    (True, False)
    >>> bucket_retention_locked({"retentionPeriod": "34560000"})
    False
    """
    policy = retention_policy if isinstance(retention_policy, Mapping) else {}
    try:
        period = int(float(policy.get("retentionPeriod") or 0))
    except (TypeError, ValueError):
        period = 0
    return bool(policy.get("isLocked")) and period > 0
# --- Cloud SQL database flags ---------------------------------------------------------------------

# What Cloud SQL for PostgreSQL runs with when settings.databaseFlags names no such flag (PostgreSQL's
# own defaults, which Cloud SQL keeps: cloud.google.com/sql/docs/postgres/flags).
SQL_POSTGRES_DEFAULTS = {"log_connections": "off", "log_disconnections": "off",
                         "log_min_duration_statement": "-1", "cloudsql.enable_pgaudit": "off",
                         "log_min_messages": "warning", "log_min_error_statement": "error",
                         "log_error_verbosity": "default"}

_ON, _OFF = ("on", "true"), ("off", "false")


def sql_flag(flags: Iterable[Any] | Unknown | None, name: str) -> Any:
    """The value an instance's ``settings.databaseFlags`` (``[{name, value}]``) gives one flag: None when
    no entry names it (the engine's default applies); an `Unknown` when the list, or an entry's name
    that could be this flag, is not known (a preview), or the value itself is not.

    >>> flags = [{"name": "log_connections", "value": "on"}, {"name": Unknown("computed"), "value": "x"}]
    >>> sql_flag(flags, "log_connections"), sql_flag(flags, "log_disconnections")
    ('on', Unknown('computed'))
    >>> sql_flag([], "log_connections") is None
    True
    """
    if isinstance(flags, Unknown):
        return flags
    pending = None
    for entry in flags or ():
        flag = entry.get("name") if isinstance(entry, Mapping) else entry
        if isinstance(flag, Unknown):
            pending = flag if pending is None else pending
        elif flag == name and isinstance(entry, Mapping):
            return entry.get("value")
    return pending


def sql_flag_on(value: Any, name: str, default: str) -> bool | Unknown:
    """A boolean database flag's value in effect (``default`` when unset).

    >>> sql_flag_on("ON", "log_connections", "off"), sql_flag_on(None, "log_connections", "off")
    (True, False)
    >>> sql_flag_on("yes", "log_connections", "off")
    Unknown("unrecognised value 'yes' of database flag log_connections")
    """
    if isinstance(value, Unknown):
        return value
    text = str(default if value is None else value).strip().lower()
    if text in _ON or text in _OFF:
        return text in _ON
    return Unknown(f"unrecognised value {value!r} of database flag {name}")


def sql_flag_int(value: Any, name: str, default: str) -> int | Unknown:
    """An integer database flag's value in effect (``default`` when unset).

    >>> sql_flag_int("250", "log_min_duration_statement", "-1"), sql_flag_int(None, "x", "-1")
    (250, -1)
    """
    if isinstance(value, Unknown):
        return value
    try:
        return int(str(default if value is None else value).strip())
    except ValueError:
        return Unknown(f"unrecognised value {value!r} of database flag {name}")


def sql_flag_choice(value: Any, name: str, default: str, choices: tuple[str, ...]) -> str | Unknown:
    """An enumerated database flag's value in effect, lower case (``default`` when unset).

    >>> sql_flag_choice("WARNING", "log_min_messages", "warning", POSTGRES_SEVERITIES)
    'warning'
    >>> sql_flag_choice("loud", "log_min_messages", "warning", POSTGRES_SEVERITIES)
    Unknown("unrecognised value 'loud' of database flag log_min_messages")
    """
    if isinstance(value, Unknown):
        return value
    text = str(default if value is None else value).strip().lower()
    return text if text in choices else Unknown(f"unrecognised value {value!r} of database flag {name}")


def sql_postgres_settings(ref: ResourceRef, flags: Iterable[Any] | Unknown | None) -> PostgresSettings:
    """The PostgreSQL settings in effect on a Cloud SQL instance, from its database flags and Cloud SQL's
    defaults for the flags it leaves out (`SQL_POSTGRES_DEFAULTS`)."""
    def on(name: str) -> bool | Unknown:
        return sql_flag_on(sql_flag(flags, name), name, SQL_POSTGRES_DEFAULTS[name])

    def choice(name: str, choices: tuple[str, ...]) -> str | Unknown:
        return sql_flag_choice(sql_flag(flags, name), name, SQL_POSTGRES_DEFAULTS[name], choices)

    duration = "log_min_duration_statement"
    return PostgresSettings(
        ref=ref,
        log_connections=on("log_connections"),
        log_disconnections=on("log_disconnections"),
        log_min_duration_statement_ms=sql_flag_int(sql_flag(flags, duration), duration,
                                                   SQL_POSTGRES_DEFAULTS[duration]),
        pgaudit=on("cloudsql.enable_pgaudit"),
        log_min_messages=choice("log_min_messages", POSTGRES_SEVERITIES),
        log_min_error_statement=choice("log_min_error_statement", POSTGRES_SEVERITIES),
        log_error_verbosity=choice("log_error_verbosity", POSTGRES_VERBOSITIES),
    )


# What Cloud SQL for SQL Server runs with when settings.databaseFlags names no such flag (SQL Server's own
# defaults, which Cloud SQL keeps: cloud.google.com/sql/docs/sqlserver/flags).
SQL_SQLSERVER_DEFAULTS = {"contained database authentication": "off", "cross db ownership chaining": "off",
                          "remote access": "on"}


def sql_sqlserver_settings(ref: ResourceRef, flags: Iterable[Any] | Unknown | None) -> SqlServerSettings:
    """The SQL Server configuration options in effect on a Cloud SQL instance, from its database flags and
    Cloud SQL's defaults for the flags it leaves out (`SQL_SQLSERVER_DEFAULTS`)."""
    def on(name: str) -> bool | Unknown:
        return sql_flag_on(sql_flag(flags, name), name, SQL_SQLSERVER_DEFAULTS[name])

    return SqlServerSettings(ref=ref, contained_database_authentication=on("contained database authentication"),
                             cross_db_ownership_chaining=on("cross db ownership chaining"),
                             remote_access=on("remote access"))


# What Cloud SQL for MySQL runs with when settings.databaseFlags names no such flag: skip_show_database off
# (MySQL's default); local_infile on, as CIS Google Cloud Platform Foundation states Cloud SQL's default
# (cloud.google.com/sql/docs/mysql/flags gives none; MySQL's own is on before 8.0, off since).
SQL_MYSQL_DEFAULTS = {"local_infile": "on", "skip_show_database": "off"}


def sql_mysql_settings(ref: ResourceRef, flags: Iterable[Any] | Unknown | None) -> MySqlSettings:
    """The MySQL system variables in effect on a Cloud SQL instance, from its database flags and Cloud SQL's
    defaults for the flags it leaves out (`SQL_MYSQL_DEFAULTS`)."""
    def on(name: str) -> bool | Unknown:
        return sql_flag_on(sql_flag(flags, name), name, SQL_MYSQL_DEFAULTS[name])

    return MySqlSettings(ref=ref, local_infile=on("local_infile"), skip_show_database=on("skip_show_database"))


_SQL_SETTINGS = {"postgres": sql_postgres_settings, "sqlserver": sql_sqlserver_settings, "mysql": sql_mysql_settings}


def sql_engine_settings(engine: str | Unknown, ref: ResourceRef,
                        flags: Iterable[Any] | Unknown | None) -> list[Any]:
    """The engine settings of a Cloud SQL instance: one value of its engine's kind, so a rule over another
    engine's settings gives it no verdict. While the engine is unknown (a preview) it could be any: every
    kind, each fact unknown for that reason.

    >>> [type(s).__name__ for s in sql_engine_settings("sqlserver", ResourceRef.manual("db"), [])]
    ['SqlServerSettings']
    >>> [type(s).__name__ for s in sql_engine_settings(Unknown("computed"), ResourceRef.manual("db"), [])]
    ['PostgresSettings', 'SqlServerSettings', 'MySqlSettings']
    """
    if isinstance(engine, Unknown):
        return [build(ref, engine) for build in _SQL_SETTINGS.values()]
    build = _SQL_SETTINGS.get(engine)
    return [build(ref, flags)] if build else []
# --- roles per member ---------------------------------------------------------------------------------


def roles_by_member(bindings: Iterable[Mapping[str, Any]]) -> dict[str, tuple[str, ...]]:
    """Every member of an IAM policy with the roles its bindings grant it, sorted (as `binding_members`
    counts them: conditional and ``deleted:`` members included).

    >>> roles_by_member([{"role": "roles/viewer", "members": ["user:a@x.org"]},
    ...                  {"role": "roles/browser", "members": ["user:a@x.org", "group:g@x.org"]}])
    {'group:g@x.org': ('roles/browser',), 'user:a@x.org': ('roles/browser', 'roles/viewer')}
    """
    found: dict[str, list[str]] = {}
    for role, member in binding_members(bindings):
        found.setdefault(member, []).append(role)
    return {member: tuple(sorted(roles)) for member, roles in sorted(found.items())}


def sa_key_expired(valid_before: str | None, now: datetime) -> bool:
    """A service-account key past its ``validBeforeTime`` signs nothing, ever again (no expiry: never).

    >>> now = datetime(2026, 11, 2, tzinfo=UTC)
    >>> sa_key_expired("2026-01-01T00:00:00Z", now), sa_key_expired("9999-12-31T23:59:59Z", now)
    (True, False)
    >>> sa_key_expired(None, now)
    False
    """
    expires = rfc3339(valid_before)
    return expires is not None and expires <= now


def declared_log_bucket_retention(bucket_id: Any, retention_days: Any) -> int | Unknown:
    """Days a log bucket a deployment configures keeps entries (pulumi-gcp ``ProjectBucketConfig``,
    ``google_logging_project_bucket_config``): what `log_bucket_retention` makes of ``retentionDays``, except
    that the ``_Required`` bucket always keeps 400 days (its retention cannot be changed). Unknown stays.

    >>> declared_log_bucket_retention("_Default", None), declared_log_bucket_retention("_Required", None)
    (30, 400)
    >>> declared_log_bucket_retention("audit", Unknown("r"))
    Unknown('r')
    """
    if bucket_id == REQUIRED_BUCKET:
        return REQUIRED_BUCKET_RETENTION_DAYS
    return retention_days if isinstance(retention_days, Unknown) else log_bucket_retention(retention_days)


REQUIRED_BUCKET_RETENTION_DAYS = 400
