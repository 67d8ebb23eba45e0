"""What Azure settings mean, once for every Azure source (live Resource Graph / ARM, exports, Pulumi).

Each function takes plain values, not a source's dict: the live scanner reads ARM wire names
(``supportsHttpsTrafficOnly``, ``networkAcls``), azure-native Pulumi props use SDK names
(``enableHttpsTrafficOnly``, ``networkRuleSet``); both call these with what they read, so the
same setting becomes the same model value whatever the source.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from hitrust_policies.model import ALL_PROTOCOLS, KMS, PROVIDER_MANAGED

# NSG source prefixes that mean "anyone on the internet". ``*`` matches every address, the
# ``Internet`` service tag the public address space; both are the AWS rule's 0.0.0.0/0.
_ANY_SOURCE = {"*", "any", "internet", "0.0.0.0/0", "0.0.0.0"}
_ANY_SOURCE_V6 = {"::/0"}
INTERNET_V4 = "0.0.0.0/0"

# NSG rule protocols (ARM / SDK spelling, any case) -> the model's protocol names.
_PROTOCOLS = {"tcp": "tcp", "udp": "udp", "icmp": "icmp", "esp": "esp", "ah": "ah", "*": ALL_PROTOCOLS}


def normalise_source(prefix: str) -> str:
    """The model's ``IngressRule.source`` for one NSG source prefix.

    >>> [normalise_source(p) for p in ("*", "Internet", "0.0.0.0/0", "::/0", "10.0.0.0/8", "VirtualNetwork")]
    ['0.0.0.0/0', '0.0.0.0/0', '0.0.0.0/0', '::/0', '10.0.0.0/8', 'VirtualNetwork']
    """
    text = prefix.strip()
    if text.lower() in _ANY_SOURCE:
        return INTERNET_V4
    if text in _ANY_SOURCE_V6:
        return "::/0"
    return text


def port_range(text: str) -> tuple[int, int]:
    """``"*"``, ``"22"`` or ``"1000-2000"`` as an inclusive (from, to) range.

    >>> port_range("*"), port_range("22"), port_range(" 1000-2000 ")
    ((0, 65535), (22, 22), (1000, 2000))
    """
    text = text.strip()
    if text in ("*", ""):
        return 0, 65535
    lo, _, hi = text.partition("-")
    return int(lo), int(hi or lo)


def nsg_openings(
    protocol: str, sources: Iterable[str], port_ranges: Iterable[str]
) -> Iterator[tuple[str, int, int, str]]:
    """(protocol, from, to, source) of every opening one inbound Allow rule makes.

    Azure's ``*`` protocol on a given port means TCP *and* UDP on that port (ICMP has no ports),
    not "all traffic": it becomes one tcp and one udp opening, so the message names the port.
    A ``*`` protocol on every port is the AWS "-1" rule (all protocols, 0-65535). ICMP carries
    the AWS ICMP port convention (-1..-1).

    >>> list(nsg_openings("Tcp", ["Internet"], ["22", "8000-8080"]))
    [('tcp', 22, 22, '0.0.0.0/0'), ('tcp', 8000, 8080, '0.0.0.0/0')]
    >>> list(nsg_openings("*", ["10.0.0.0/8"], ["3389"]))
    [('tcp', 3389, 3389, '10.0.0.0/8'), ('udp', 3389, 3389, '10.0.0.0/8')]
    >>> list(nsg_openings("*", ["*"], ["*"]))
    [('all', 0, 65535, '0.0.0.0/0')]
    >>> list(nsg_openings("Icmp", ["*"], ["*"]))
    [('icmp', -1, -1, '0.0.0.0/0')]
    """
    proto = _PROTOCOLS.get(protocol.strip().lower(), protocol.strip().lower())
    ranges = [port_range(r) for r in port_ranges] or [(0, 65535)]
    for source in dict.fromkeys(normalise_source(s) for s in sources):
        for lo, hi in ranges:
            if proto == "icmp":
                yield proto, -1, -1, source
            elif proto == ALL_PROTOCOLS and (lo, hi) != (0, 65535):
                yield "tcp", lo, hi, source
                yield "udp", lo, hi, source
            else:
                yield proto, lo, hi, source


def storage_encryption(key_source: str | None, key_id: str | None) -> tuple[str, str | None]:
    """(encryption, key) of a storage account: Azure Storage always encrypts at rest.

    ``Microsoft.Storage`` (or no setting) is Microsoft-managed keys, the SSE-S3 of Azure;
    ``Microsoft.Keyvault`` is a customer-managed key in Key Vault, the SSE-KMS of Azure.

    >>> storage_encryption("Microsoft.Storage", None), storage_encryption(None, None)
    (('provider-managed', None), ('provider-managed', None))
    >>> storage_encryption("Microsoft.Keyvault", "https://kv.vault.azure.net/keys/k")
    ('kms', 'https://kv.vault.azure.net/keys/k')
    """
    if (key_source or "").lower() == "microsoft.keyvault":
        return KMS, key_id
    return PROVIDER_MANAGED, None


def storage_key_id(vault_uri: str | None, key_name: str | None, key_version: str | None = None) -> str | None:
    """The customer-managed key's identifier from a storage account's Key Vault properties.

    >>> storage_key_id("https://kv.vault.azure.net/", "phi", None)
    'https://kv.vault.azure.net/keys/phi'
    >>> storage_key_id("https://kv.vault.azure.net", "phi", "0a1b")
    'https://kv.vault.azure.net/keys/phi/0a1b'
    """
    if not vault_uri or not key_name:
        return None
    key = f"{vault_uri.rstrip('/')}/keys/{key_name}"
    return f"{key}/{key_version}" if key_version else key


def storage_public_access_open(allow_blob_public_access: bool | None,
                               public_network_access: str | None) -> tuple[str, ...]:
    """The guard left off that lets anyone read a storage account's blobs anonymously (``()``: blocked).

    Anonymous blob access is the S3 public ACL / policy of Azure: it is blocked when the account
    disallows it (``allowBlobPublicAccess`` false), or when the account has no public endpoint
    at all (``publicNetworkAccess`` Disabled). An absent ``allowBlobPublicAccess`` counts as
    allowed, as Azure Policy's "Storage account public access should be disallowed" does (older
    accounts default to allowing it). A firewall's default Deny alone does not block it: its
    IP rules still admit anonymous readers.

    >>> storage_public_access_open(False, "Enabled"), storage_public_access_open(None, None)
    ((), ('allowBlobPublicAccess',))
    >>> storage_public_access_open(True, "Disabled"), storage_public_access_open(True, "Enabled")
    ((), ('allowBlobPublicAccess',))
    """
    if (public_network_access or "").lower() == "disabled" or allow_blob_public_access is False:
        return ()
    return ("allowBlobPublicAccess",)


def storage_tls_only(https_only: bool | None) -> bool:
    """Secure transfer required; ARM defaults it on since API 2019-04-01, so absent means on.

    >>> storage_tls_only(None), storage_tls_only(False)
    (True, False)
    """
    return https_only is not False


# Diagnostic-setting log categories that together record every blob read, write and delete.
BLOB_ACCESS_CATEGORIES = frozenset({"storageread", "storagewrite", "storagedelete"})


def logs_blob_access(log_settings: Iterable[dict[str, object]]) -> bool:
    """Whether one diagnostic setting's ``logs`` entries record every blob read, write and delete.

    ``categoryGroup: allLogs`` covers them; otherwise each of StorageRead, StorageWrite and
    StorageDelete must be enabled (CIS Microsoft Azure Foundations: storage logging for Read,
    Write and Delete requests).

    >>> logs_blob_access([{"categoryGroup": "allLogs", "enabled": True}])
    True
    >>> logs_blob_access([{"category": "StorageRead", "enabled": True}, {"category": "StorageWrite", "enabled": True}])
    False
    """
    enabled = [entry for entry in log_settings if entry.get("enabled")]
    if any(str(entry.get("categoryGroup", "")).lower() == "alllogs" for entry in enabled):
        return True
    categories = {str(entry.get("category", "")).lower() for entry in enabled}
    return BLOB_ACCESS_CATEGORIES <= categories


def sql_public(public_network_access: str | None) -> bool:
    """An Azure SQL server's public endpoint answers unless public network access is off.

    Absent (servers from before the setting existed) means Enabled; ``SecuredByPerimeter`` leaves
    only what a network security perimeter admits.

    >>> sql_public(None), sql_public("Enabled"), sql_public("Disabled"), sql_public("SecuredByPerimeter")
    (True, True, False, False)
    """
    return (public_network_access or "Enabled").lower() == "enabled"


def sql_min_tls(minimal_tls_version: str | None) -> str:
    """The lowest TLS version an Azure SQL server accepts: unset (or "None") accepts TLS 1.0.

    >>> sql_min_tls("1.2"), sql_min_tls(None), sql_min_tls("None")
    ('1.2', '1.0', '1.0')
    """
    if not minimal_tls_version or minimal_tls_version.lower() == "none":
        return "1.0"
    return minimal_tls_version


def public_network_enabled(public_network_access: str | None) -> bool:
    """A service's public endpoint answers unless public network access is off (storage accounts,
    key vaults: absent means Enabled; ``SecuredByPerimeter`` leaves only what a perimeter admits).

    >>> public_network_enabled(None), public_network_enabled("Disabled"), public_network_enabled("SecuredByPerimeter")
    (True, False, False)
    """
    return (public_network_access or "Enabled").lower() == "enabled"


def firewall_default_deny(network_acls: dict[str, object] | None) -> bool:
    """Whether a storage account's / key vault's network ACLs refuse networks no rule names.

    ARM spells it ``networkAcls.defaultAction`` (azure-native: ``networkRuleSet`` for storage,
    ``networkAcls`` for vaults); without network ACLs every network is admitted.

    >>> firewall_default_deny({"defaultAction": "Deny"}), firewall_default_deny({"defaultAction": "Allow"})
    (True, False)
    >>> firewall_default_deny(None)
    False
    """
    return str((network_acls or {}).get("defaultAction") or "Allow").lower() == "deny"


def vault_soft_delete(enable_soft_delete: bool | None) -> bool:
    """Soft delete counts only when the vault says so: vaults from before it became the default
    (and could not be turned off) show ``enableSoftDelete`` false or leave it out, as Azure Policy's
    and Prowler's checks read it.

    >>> vault_soft_delete(True), vault_soft_delete(None), vault_soft_delete(False)
    (True, False, False)
    """
    return enable_soft_delete is True


def key_rotates(rotation_policy: dict[str, object] | None) -> bool:
    """Whether a Key Vault key's rotation policy rotates it automatically: some lifetime action
    of type ``Rotate`` (``Notify`` only reminds). No policy: the key never rotates by itself.

    Key Vault rotates every key type this way (RSA, EC, HSM-backed; a rotation generates a new
    version in the vault), unlike AWS KMS, which rotates only symmetric keys it generated.

    >>> key_rotates({"lifetimeActions": [{"action": {"type": "Notify"}}, {"action": {"type": "rotate"}}]})
    True
    >>> key_rotates({"lifetimeActions": [{"action": {"type": "Notify"}}]}), key_rotates(None)
    (False, False)
    """
    actions = (rotation_policy or {}).get("lifetimeActions") or []
    return any(str((a.get("action") or {}).get("type", "")).lower() == "rotate"
               for a in actions if isinstance(a, dict))  # type: ignore[union-attr]


def storage_min_tls(minimum_tls_version: str | None) -> str:
    """The lowest TLS version a storage account accepts: ``TLS1_2`` -> "1.2"; unset is read as TLS 1.0,
    as Azure documents the property's default interpretation.

    >>> storage_min_tls("TLS1_2"), storage_min_tls("TLS1_3"), storage_min_tls(None), storage_min_tls("TLS1_1")
    ('1.2', '1.3', '1.0', '1.1')
    """
    text = (minimum_tls_version or "TLS1_0").upper().removeprefix("TLS")
    return text.replace("_", ".")


SQL_PORT = 1433  # Azure SQL's gateway port; redirect mode also uses 11000-11999 behind the same firewall
AZURE_SERVICES = "AzureCloud"  # the service tag: every Azure datacenter address, of any tenant


def sql_firewall_sources(start_ip: str, end_ip: str) -> list[str]:
    """The sources one Azure SQL server firewall rule admits, as CIDR blocks.

    An address range becomes the CIDR blocks that cover it exactly (0.0.0.0-255.255.255.255 is
    0.0.0.0/0), so "the internet" is judged as for any other opening. The special rule 0.0.0.0-0.0.0.0
    is "Allow Azure services and resources to access this server": every Azure address, any
    tenant's, named by its service tag.

    >>> sql_firewall_sources("0.0.0.0", "255.255.255.255"), sql_firewall_sources("0.0.0.0", "0.0.0.0")
    (['0.0.0.0/0'], ['AzureCloud'])
    >>> sql_firewall_sources("10.1.0.0", "10.1.1.255"), sql_firewall_sources("203.0.113.7", "203.0.113.7")
    (['10.1.0.0/23'], ['203.0.113.7/32'])
    """
    import ipaddress

    if start_ip == end_ip == "0.0.0.0":
        return [AZURE_SERVICES]
    first, last = ipaddress.IPv4Address(start_ip), ipaddress.IPv4Address(end_ip)
    return [str(net) for net in ipaddress.summarize_address_range(first, last)]
