"""Cloud Asset Inventory assets for tests and demos, in the exact shape of export lines.

A Cloud Asset export (``gcloud asset export --content-type=resource|iam-policy``) writes one JSON
object a line with a snake_case envelope (``name``, ``asset_type``, ``resource`` with ``version``,
``discovery_document_uri``, ``discovery_name``, ``parent``, ``data``, ``location``; or ``iam_policy``;
``ancestors``, ``update_time``), where ``resource.data`` is the service's own API JSON (camelCase,
int64 as strings). These builders write that shape (studied on the public validator fixtures of
GoogleCloudPlatform/policy-library and the services' REST references); `FakeGcp` serves the same
assets through the REST API's camelCase envelope.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

UPDATED = "2026-10-30T12:00:00.000000Z"
COMPUTE = "https://www.googleapis.com/compute/v1"


@dataclass(frozen=True)
class Project:
    id: str
    number: str
    folders: tuple[str, ...] = ()  # nearest first
    organization: str | None = "805614281031"

    @property
    def ancestors(self) -> list[str]:
        chain = [f"projects/{self.number}", *(f"folders/{f}" for f in self.folders)]
        return chain + ([f"organizations/{self.organization}"] if self.organization else [])

    @property
    def parent(self) -> str:
        return f"//cloudresourcemanager.googleapis.com/projects/{self.number}"


def _id(*parts: str) -> str:
    """A stable numeric id (the API's uint64 ids, as strings)."""
    return str(zlib.crc32("/".join(parts).encode()) * 7919 + 10**17)


def _line(project: Project, name: str, asset_type: str, discovery: tuple[str, str, str], body: dict[str, Any],
          location: str, parent: str | None = None) -> dict[str, Any]:
    version, uri, discovery_name = discovery
    return {
        "name": name,
        "asset_type": asset_type,
        "resource": {"version": version, "discovery_document_uri": uri, "discovery_name": discovery_name,
                     "parent": parent or project.parent, "data": body, "location": location},
        "ancestors": project.ancestors,
        "update_time": UPDATED,
    }


_COMPUTE = ("v1", "https://www.googleapis.com/discovery/v1/apis/compute/v1/rest")


def project(p: Project) -> dict[str, Any]:
    parent = ({"type": "folder", "id": p.folders[0]} if p.folders else
              {"type": "organization", "id": p.organization} if p.organization else None)
    body = {"projectNumber": p.number, "projectId": p.id, "lifecycleState": "ACTIVE", "name": p.id,
            "createTime": "2024-02-01T10:00:00.000Z", **({"parent": parent} if parent else {})}
    line = _line(p, f"//cloudresourcemanager.googleapis.com/projects/{p.number}",
                 "cloudresourcemanager.googleapis.com/Project",
                 ("v1", "https://cloudresourcemanager.googleapis.com/$discovery/rest", "Project"), body, "global",
                 parent=(f"//cloudresourcemanager.googleapis.com/folders/{p.folders[0]}" if p.folders else
                         f"//cloudresourcemanager.googleapis.com/organizations/{p.organization}"))
    return line


def firewall(p: Project, name: str, *, allowed: Iterable[tuple[str, Iterable[str] | None]] = (("tcp", ("22",)),),
             source_ranges: Iterable[str] | None = ("0.0.0.0/0",), source_tags: Iterable[str] | None = None,
             direction: str = "INGRESS", disabled: bool = False, network: str = "default", priority: int = 1000,
             denied: Iterable[tuple[str, Iterable[str] | None]] | None = None) -> dict[str, Any]:
    def entries(items: Iterable[tuple[str, Iterable[str] | None]]) -> list[dict[str, Any]]:
        return [{"IPProtocol": proto, **({"ports": list(ports)} if ports else {})} for proto, ports in items]

    body: dict[str, Any] = {
        "creationTimestamp": "2025-03-04T10:11:12.000-08:00",
        "description": "",
        "direction": direction,
        "disabled": disabled,
        "id": _id(p.id, name),
        "kind": "compute#firewall",
        "logConfig": {"enable": False},
        "name": name,
        "network": f"{COMPUTE}/projects/{p.id}/global/networks/{network}",
        "priority": priority,
        "selfLink": f"{COMPUTE}/projects/{p.id}/global/firewalls/{name}",
    }
    if denied is not None:
        body["denied"] = entries(denied)
    else:
        body["allowed"] = entries(allowed)
    if source_ranges is not None:
        body["sourceRanges" if direction == "INGRESS" else "destinationRanges"] = list(source_ranges)
    if source_tags:
        body["sourceTags"] = list(source_tags)
    return _line(p, f"//compute.googleapis.com/projects/{p.id}/global/firewalls/{name}",
                 "compute.googleapis.com/Firewall", (*_COMPUTE, "Firewall"), body, "global")


def bucket(p: Project, name: str, *, kms_key: str | None = None, uniform: bool = True,
           public_access_prevention: str = "inherited", log_bucket: str | None = None,
           location: str = "US", retention_days: int | None = None, retention_locked: bool = False) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": name,
        "kind": "storage#bucket",
        "name": name,
        "projectNumber": p.number,
        "location": location,
        "locationType": "multi-region",
        "storageClass": "STANDARD",
        "etag": "CAE=",
        "metageneration": "1",
        "timeCreated": "2025-01-02T03:04:05.678Z",
        "updated": "2025-01-02T03:04:05.678Z",
        "selfLink": f"https://www.googleapis.com/storage/v1/b/{name}",
        "iamConfiguration": {
            "bucketPolicyOnly": {"enabled": uniform},
            "uniformBucketLevelAccess": {"enabled": uniform},
            "publicAccessPrevention": public_access_prevention,
        },
        "softDeletePolicy": {"retentionDurationSeconds": "604800"},
    }
    if kms_key:
        body["encryption"] = {"defaultKmsKeyName": kms_key}
    if log_bucket:
        body["logging"] = {"logBucket": log_bucket, "logObjectPrefix": name}
    if retention_days is not None:
        body["retentionPolicy"] = {"retentionPeriod": str(retention_days * 86400),
                                   "effectiveTime": "2025-01-02T03:04:05.678Z", **(
                                       {"isLocked": True} if retention_locked else {})}
    return _line(p, f"//storage.googleapis.com/{name}", "storage.googleapis.com/Bucket",
                 ("v1", "https://www.googleapis.com/discovery/v1/apis/storage/v1/rest", "Bucket"), body,
                 location.lower())


def bucket_policy(p: Project, name: str, *extra: tuple[str, Iterable[str]]) -> dict[str, Any]:
    """A bucket's IAM policy line: the legacy project bindings every bucket has, plus ``extra`` (role, members)."""
    bindings = [
        {"role": "roles/storage.legacyBucketOwner",
         "members": [f"projectEditor:{p.id}", f"projectOwner:{p.id}"]},
        {"role": "roles/storage.legacyBucketReader", "members": [f"projectViewer:{p.id}"]},
        *({"role": role, "members": list(members)} for role, members in extra),
    ]
    return {
        "name": f"//storage.googleapis.com/{name}",
        "asset_type": "storage.googleapis.com/Bucket",
        "iam_policy": {"version": 1, "etag": "CAE=", "bindings": bindings},
        "ancestors": p.ancestors,
        "update_time": UPDATED,
    }


def sql_instance(p: Project, name: str, *, version: str = "POSTGRES_15", ipv4: bool | None = True,
                 networks: Iterable[str] = (), require_ssl: bool | None = None, ssl_mode: str | None = None,
                 region: str = "us-central1", kms_key: str | None = None, flags: dict[str, str] | None = None,
                 ad_domain: str | None = None) -> dict[str, Any]:
    """A Cloud SQL instance; ``kms_key`` its CMEK key, ``flags`` its database flags, ``ad_domain`` the
    Managed Microsoft AD domain of a SQL Server instance. ``require_ssl`` alone sets both fields as the API
    reports them; ``ssl_mode`` then overrides ``sslMode``, or stands alone."""
    ip: dict[str, Any] = {"authorizedNetworks": [{"kind": "sql#aclEntry", "name": f"net-{i}", "value": n}
                                                 for i, n in enumerate(networks)]}
    if ipv4 is not None:
        ip["ipv4Enabled"] = ipv4
    if require_ssl is not None:
        ip["requireSsl"] = require_ssl
        ip["sslMode"] = "ENCRYPTED_ONLY" if require_ssl else "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
    if ssl_mode is not None:
        ip["sslMode"] = ssl_mode
    body = {
        "backendType": "SECOND_GEN",
        "connectionName": f"{p.id}:{region}:{name}",
        "databaseVersion": version,
        "gceZone": f"{region}-a",
        "instanceType": "CLOUD_SQL_INSTANCE",
        "kind": "sql#instance",
        "name": name,
        "project": p.id,
        "region": region,
        "selfLink": f"https://sqladmin.googleapis.com/sql/v1beta4/projects/{p.id}/instances/{name}",
        "settings": {
            "activationPolicy": "ALWAYS",
            "availabilityType": "ZONAL",
            "backupConfiguration": {"enabled": True, "kind": "sql#backupConfiguration", "startTime": "04:00"},
            "dataDiskSizeGb": "10",
            "dataDiskType": "PD_SSD",
            "ipConfiguration": ip,
            "kind": "sql#settings",
            "pricingPlan": "PER_USE",
            "settingsVersion": "3",
            "tier": "db-custom-1-3840",
        },
        "state": "RUNNABLE",
    }
    if kms_key:
        body["diskEncryptionConfiguration"] = {"kind": "sql#diskEncryptionConfiguration", "kmsKeyName": kms_key}
        body["diskEncryptionStatus"] = {"kind": "sql#diskEncryptionStatus", "kmsKeyVersionName": f"{kms_key}/"
                                        "cryptoKeyVersions/1"}
    if flags:
        body["settings"]["databaseFlags"] = [{"name": k, "value": v} for k, v in flags.items()]
    if ad_domain:
        body["settings"]["activeDirectoryConfig"] = {"kind": "sql#activeDirectoryConfig", "domain": ad_domain}
    return _line(p, f"//cloudsql.googleapis.com/projects/{p.id}/instances/{name}", "sqladmin.googleapis.com/Instance",
                 ("v1beta4", "https://www.googleapis.com/discovery/v1/apis/sqladmin/v1beta4/rest", "DatabaseInstance"),
                 body, region)


def crypto_key(p: Project, ring: str, name: str, *, location: str = "us-central1", purpose: str = "ENCRYPT_DECRYPT",
               rotation_period: str | None = "7776000s", protection_level: str = "SOFTWARE",
               primary_state: str = "ENABLED", import_only: bool | None = None) -> dict[str, Any]:
    relative = f"projects/{p.id}/locations/{location}/keyRings/{ring}/cryptoKeys/{name}"
    algorithm = {"ENCRYPT_DECRYPT": "GOOGLE_SYMMETRIC_ENCRYPTION", "ASYMMETRIC_SIGN": "EC_SIGN_P256_SHA256",
                 "ASYMMETRIC_DECRYPT": "RSA_DECRYPT_OAEP_3072_SHA256", "MAC": "HMAC_SHA256"}[purpose]
    if protection_level in ("EXTERNAL", "EXTERNAL_VPC"):
        algorithm = "EXTERNAL_SYMMETRIC_ENCRYPTION"
    body: dict[str, Any] = {
        "name": relative,
        "createTime": "2025-05-15T17:28:36.650275024Z",
        "purpose": purpose,
        "versionTemplate": {"algorithm": algorithm, "protectionLevel": protection_level},
        "destroyScheduledDuration": "2592000s",
    }
    if purpose == "ENCRYPT_DECRYPT":
        body["primary"] = {"name": f"{relative}/cryptoKeyVersions/1", "state": primary_state,
                           "algorithm": algorithm, "protectionLevel": protection_level,
                           "createTime": "2025-05-15T17:28:36.650275024Z"}
    if rotation_period:
        body["rotationPeriod"] = rotation_period
        body["nextRotationTime"] = "2026-12-01T00:00:00Z"
    if import_only is not None:
        body["importOnly"] = import_only
    return _line(p, f"//cloudkms.googleapis.com/{relative}", "cloudkms.googleapis.com/CryptoKey",
                 ("v1", "https://cloudkms.googleapis.com/$discovery/rest", "CryptoKey"), body, location,
                 parent=f"//cloudkms.googleapis.com/projects/{p.id}/locations/{location}/keyRings/{ring}")


def disk(p: Project, name: str, *, zone: str = "us-central1-a", kms_key: str | None = None,
         csek_sha256: str | None = None, regional: bool = False) -> dict[str, Any]:
    where = f"regions/{zone.rsplit('-', 1)[0]}" if regional else f"zones/{zone}"
    body: dict[str, Any] = {
        "creationTimestamp": "2025-09-19T12:52:28.128-07:00",
        "id": _id(p.id, name),
        "kind": "compute#disk",
        "name": name,
        "physicalBlockSizeBytes": "4096",
        "selfLink": f"{COMPUTE}/projects/{p.id}/{where}/disks/{name}",
        "sizeGb": "10",
        "status": "READY",
        "type": f"{COMPUTE}/projects/{p.id}/{where}/diskTypes/pd-balanced",
        ("region" if regional else "zone"): f"{COMPUTE}/projects/{p.id}/{where}",
    }
    if kms_key:
        body["diskEncryptionKey"] = {"kmsKeyName": f"{kms_key}/cryptoKeyVersions/1"}
    elif csek_sha256:
        body["diskEncryptionKey"] = {"sha256": csek_sha256}
    asset_type = "compute.googleapis.com/RegionDisk" if regional else "compute.googleapis.com/Disk"
    return _line(p, f"//compute.googleapis.com/projects/{p.id}/{where}/disks/{name}", asset_type,
                 (*_COMPUTE, "Disk"), body, where.split("/", 1)[1])


def network(p: Project, name: str, *, auto_subnets: bool = False) -> dict[str, Any]:
    body = {
        "autoCreateSubnetworks": auto_subnets,
        "creationTimestamp": "2024-11-12T16:26:54.666-08:00",
        "id": _id(p.id, name),
        "kind": "compute#network",
        "name": name,
        "routingConfig": {"routingMode": "REGIONAL"},
        "selfLink": f"{COMPUTE}/projects/{p.id}/global/networks/{name}",
    }
    return _line(p, f"//compute.googleapis.com/projects/{p.id}/global/networks/{name}",
                 "compute.googleapis.com/Network", (*_COMPUTE, "Network"), body, "global")


def subnetwork(p: Project, name: str, network_name: str, *, region: str = "us-central1",
               flow_logs: bool | None = None, legacy_flow_logs: bool | None = None,
               purpose: str | None = None, cidr: str = "10.128.0.0/20") -> dict[str, Any]:
    body: dict[str, Any] = {
        "creationTimestamp": "2024-11-12T16:27:00.000-08:00",
        "gatewayAddress": cidr.rsplit(".", 1)[0] + ".1",
        "id": _id(p.id, region, name),
        "ipCidrRange": cidr,
        "kind": "compute#subnetwork",
        "name": name,
        "network": f"{COMPUTE}/projects/{p.id}/global/networks/{network_name}",
        "privateIpGoogleAccess": False,
        "region": f"{COMPUTE}/projects/{p.id}/regions/{region}",
        "selfLink": f"{COMPUTE}/projects/{p.id}/regions/{region}/subnetworks/{name}",
        "stackType": "IPV4_ONLY",
    }
    if flow_logs is not None:
        body["logConfig"] = {"enable": flow_logs, **({"aggregationInterval": "INTERVAL_5_SEC",
                                                       "flowSampling": 0.5, "metadata": "INCLUDE_ALL_METADATA"}
                                                      if flow_logs else {})}
    if legacy_flow_logs is not None:
        body["enableFlowLogs"] = legacy_flow_logs
    if purpose:
        body["purpose"] = purpose
    return _line(p, f"//compute.googleapis.com/projects/{p.id}/regions/{region}/subnetworks/{name}",
                 "compute.googleapis.com/Subnetwork", (*_COMPUTE, "Subnetwork"), body, region)


def write_export(path: str | Path, lines: Iterable[dict[str, Any]]) -> Path:
    """Write lines as an export file (JSON lines)."""
    target = Path(path)
    with target.open("w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line, separators=(",", ":")) + "\n")
    return target


def instance(p: Project, name: str, *, zone: str = "us-central1-a", nat_ips: Iterable[str | None] = (),
             ipv6: str | None = None) -> dict[str, Any]:
    """A VM with one interface: an ``ONE_TO_ONE_NAT`` access config per entry of ``nat_ips`` (None: an
    ephemeral one not allocated, the VM stopped), an external IPv6 access config when ``ipv6``."""
    nic: dict[str, Any] = {"kind": "compute#networkInterface", "name": "nic0", "networkIP": "10.128.0.2",
                           "network": f"{COMPUTE}/projects/{p.id}/global/networks/default",
                           "subnetwork": f"{COMPUTE}/projects/{p.id}/regions/{zone.rsplit('-', 1)[0]}/"
                                         "subnetworks/default", "stackType": "IPV4_IPV6" if ipv6 else "IPV4_ONLY"}
    configs = []
    for nat_ip in nat_ips:
        config = {"kind": "compute#accessConfig", "name": "External NAT", "type": "ONE_TO_ONE_NAT",
                  "networkTier": "PREMIUM"}
        if nat_ip:
            config["natIP"] = nat_ip
        configs.append(config)
    if configs:
        nic["accessConfigs"] = configs
    if ipv6:
        nic["ipv6AccessConfigs"] = [{"kind": "compute#accessConfig", "name": "external-ipv6", "type": "DIRECT_IPV6",
                                     "externalIpv6": ipv6, "externalIpv6PrefixLength": 96,
                                     "networkTier": "PREMIUM"}]
    body: dict[str, Any] = {
        "creationTimestamp": "2025-09-19T12:52:28.128-07:00",
        "id": _id(p.id, "instance", name),
        "kind": "compute#instance",
        "name": name,
        "machineType": f"{COMPUTE}/projects/{p.id}/zones/{zone}/machineTypes/e2-medium",
        "status": "RUNNING",
        "zone": f"{COMPUTE}/projects/{p.id}/zones/{zone}",
        "networkInterfaces": [nic],
        "selfLink": f"{COMPUTE}/projects/{p.id}/zones/{zone}/instances/{name}",
    }
    return _line(p, f"//compute.googleapis.com/projects/{p.id}/zones/{zone}/instances/{name}",
                 "compute.googleapis.com/Instance", (*_COMPUTE, "Instance"), body, zone)
_CRM = ("v1", "https://cloudresourcemanager.googleapis.com/$discovery/rest")
_IAM = ("v1", "https://iam.googleapis.com/$discovery/rest")
_LOGGING = ("v2", "https://logging.googleapis.com/$discovery/rest")


def timestamp(moment: datetime) -> str:
    """RFC 3339 UTC, as the IAM API writes ``validAfterTime``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def service_account_key(p: Project, account: str, key_id: str, *, created: datetime,
                        expires: datetime | None = None, key_type: str | None = "USER_MANAGED",
                        disabled: bool | None = None, origin: str = "GOOGLE_PROVIDED") -> dict[str, Any]:
    """A service-account key (``account`` is the account's short name; its e-mail is in the project)."""
    email = f"{account}@{p.id}.iam.gserviceaccount.com"
    relative = f"projects/{p.id}/serviceAccounts/{email}/keys/{key_id}"
    body: dict[str, Any] = {
        "name": relative,
        "validAfterTime": timestamp(created),
        "validBeforeTime": timestamp(expires) if expires else "9999-12-31T23:59:59Z",
        "keyAlgorithm": "KEY_ALG_RSA_2048",
        "keyOrigin": origin,
    }
    if key_type is not None:
        body["keyType"] = key_type
    if disabled is not None:
        body["disabled"] = disabled
    return _line(p, f"//iam.googleapis.com/{relative}", "iam.googleapis.com/ServiceAccountKey",
                 (*_IAM, "ServiceAccountKey"), body, "global",
                 parent=f"//iam.googleapis.com/projects/{p.id}/serviceAccounts/{_id(email)}")


def folder(p: Project, number: str, name: str = "Clinical") -> dict[str, Any]:
    """The folder ``number`` among ``p``'s ancestors (its own ancestors: itself and those above it)."""
    chain = p.ancestors[p.ancestors.index(f"folders/{number}"):]
    parent = chain[1] if len(chain) > 1 else None
    body = {"name": f"folders/{number}", "displayName": name, "lifecycleState": "ACTIVE",
            "createTime": "2023-06-01T09:00:00.000Z", **({"parent": parent} if parent else {})}
    line = _line(p, f"//cloudresourcemanager.googleapis.com/folders/{number}",
                 "cloudresourcemanager.googleapis.com/Folder", (*_CRM, "Folder"), body, "global",
                 parent=f"//cloudresourcemanager.googleapis.com/{parent}" if parent else "")
    line["ancestors"] = chain
    return line


def organization(p: Project, domain: str = "example.org") -> dict[str, Any]:
    number = str(p.organization)
    body = {"name": f"organizations/{number}", "displayName": domain, "lifecycleState": "ACTIVE",
            "owner": {"directoryCustomerId": "C01abcd2e"}, "creationTime": "2022-01-10T08:00:00.000Z"}
    line = _line(p, f"//cloudresourcemanager.googleapis.com/organizations/{number}",
                 "cloudresourcemanager.googleapis.com/Organization", (*_CRM, "Organization"), body, "global",
                 parent="")
    line["ancestors"] = [f"organizations/{number}"]
    return line


def audit_config(service: str = "allServices", *log_types: str | int,
                 exempt: dict[str | int, list[str]] | None = None) -> dict[str, Any]:
    """One ``auditConfigs`` entry: ``log_types`` enabled (names, or the enum's numbers as some exports
    write them), ``exempt`` members per log type."""
    exempt = exempt or {}
    return {"service": service, "audit_log_configs": [
        {"log_type": t, **({"exempted_members": list(exempt[t])} if exempt.get(t) else {})}
        for t in log_types or ("ADMIN_READ", "DATA_READ", "DATA_WRITE")]}


def iam_policy(p: Project, *bindings: tuple[str, Iterable[str]], audit: Iterable[dict[str, Any]] = (),
               scope: str | None = None) -> dict[str, Any]:
    """The IAM policy line of the project (or of ``scope``: ``folders/N`` / ``organizations/N`` among its
    ancestors): (role, members) bindings and ``auditConfigs``."""
    target = scope or f"projects/{p.number}"
    kind = {"projects": "Project", "folders": "Folder", "organizations": "Organization"}[target.split("/")[0]]
    chain = p.ancestors[p.ancestors.index(target):]
    policy: dict[str, Any] = {"version": 1, "etag": "BwYhZ0v3mE4=",
                              "bindings": [{"role": role, "members": list(members)} for role, members in bindings]}
    configs = list(audit)
    if configs:
        policy["audit_configs"] = configs
    return {
        "name": f"//cloudresourcemanager.googleapis.com/{target}",
        "asset_type": f"cloudresourcemanager.googleapis.com/{kind}",
        "iam_policy": policy,
        "ancestors": chain,
        "update_time": UPDATED,
    }


def log_bucket(p: Project, bucket_id: str = "_Default", *, location: str = "global",
               retention_days: int | None = 30, kms_key: str | None = None,
               locked: bool | None = None) -> dict[str, Any]:
    relative = f"projects/{p.id}/locations/{location}/buckets/{bucket_id}"
    body: dict[str, Any] = {
        "name": relative,
        "createTime": "2024-02-01T10:00:05.123456Z",
        "updateTime": "2024-02-01T10:00:05.123456Z",
        "lifecycleState": "ACTIVE",
    }
    if retention_days is not None:
        body["retentionDays"] = retention_days
    if bucket_id == "_Required":
        body["locked"] = True
        body["description"] = "Audit bucket"
    elif locked is not None:
        body["locked"] = locked
    if kms_key:
        body["cmekSettings"] = {"name": f"projects/{p.id}/locations/{location}/cmekSettings", "kmsKeyName": kms_key,
                                "serviceAccountId": f"service-{p.number}@gcp-sa-logging.iam.gserviceaccount.com"}
    return _line(p, f"//logging.googleapis.com/{relative}", "logging.googleapis.com/LogBucket",
                 (*_LOGGING, "LogBucket"), body, location)


def _global_compute(p: Project, collection: str, name: str, asset_type: str, kind: str,
                    body: dict[str, Any]) -> dict[str, Any]:
    full = {"kind": f"compute#{kind}", "id": _id(p.id, collection, name),
            "creationTimestamp": "2025-04-07T09:30:00.000-07:00", "name": name,
            "selfLink": f"{COMPUTE}/projects/{p.id}/global/{collection}/{name}", **body}
    return _line(p, f"//compute.googleapis.com/projects/{p.id}/global/{collection}/{name}",
                 f"compute.googleapis.com/{asset_type}", (*_COMPUTE, asset_type), full, "global")


def ssl_policy(p: Project, name: str, *, min_tls: str | None = "TLS_1_2", profile: str = "MODERN") -> dict[str, Any]:
    body: dict[str, Any] = {"profile": profile, "fingerprint": "kT8Pq0Yt0cY="}
    if min_tls is not None:
        body["minTlsVersion"] = min_tls
    return _global_compute(p, "sslPolicies", name, "SslPolicy", "sslPolicy", body)


def url_map(p: Project, name: str, *, default_service: str | None = None, https_redirect: bool | None = None,
            path_matchers: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A URL map: a default backend service, or a default redirect (``https_redirect`` True: to HTTPS)."""
    body: dict[str, Any] = {"fingerprint": "u2Yc0o3vGxM="}
    if default_service:
        body["defaultService"] = f"{COMPUTE}/projects/{p.id}/global/backendServices/{default_service}"
    if https_redirect is not None:
        body["defaultUrlRedirect"] = {"httpsRedirect": https_redirect, "stripQuery": False,
                                      "redirectResponseCode": "MOVED_PERMANENTLY_DEFAULT"}
    if path_matchers:
        body["hostRules"] = [{"hosts": ["*"], "pathMatcher": m["name"]} for m in path_matchers]
        body["pathMatchers"] = path_matchers
    return _global_compute(p, "urlMaps", name, "UrlMap", "urlMap", body)


def target_https_proxy(p: Project, name: str, url_map_name: str, *, policy: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"urlMap": f"{COMPUTE}/projects/{p.id}/global/urlMaps/{url_map_name}",
                            "sslCertificates": [f"{COMPUTE}/projects/{p.id}/global/sslCertificates/{name}-cert"],
                            "quicOverride": "NONE", "fingerprint": "Fh2l7YfN1Ak="}
    if policy:
        body["sslPolicy"] = f"{COMPUTE}/projects/{p.id}/global/sslPolicies/{policy}"
    return _global_compute(p, "targetHttpsProxies", name, "TargetHttpsProxy", "targetHttpsProxy", body)


def target_ssl_proxy(p: Project, name: str, backend: str, *, policy: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"service": f"{COMPUTE}/projects/{p.id}/global/backendServices/{backend}",
                            "sslCertificates": [f"{COMPUTE}/projects/{p.id}/global/sslCertificates/{name}-cert"],
                            "proxyHeader": "NONE"}
    if policy:
        body["sslPolicy"] = f"{COMPUTE}/projects/{p.id}/global/sslPolicies/{policy}"
    return _global_compute(p, "targetSslProxies", name, "TargetSslProxy", "targetSslProxy", body)


def target_http_proxy(p: Project, name: str, url_map_name: str) -> dict[str, Any]:
    body = {"urlMap": f"{COMPUTE}/projects/{p.id}/global/urlMaps/{url_map_name}", "fingerprint": "9dHk3N0bQ1E="}
    return _global_compute(p, "targetHttpProxies", name, "TargetHttpProxy", "targetHttpProxy", body)


def log_sink(p: Project, name: str, destination: str, *, log_filter: str | None = None, disabled: bool | None = None,
             exclusions: list[dict[str, Any]] | None = None, owner: str | None = None,
             include_children: bool | None = None) -> dict[str, Any]:
    """A log sink of the project (or of ``owner``: ``folders/N`` / ``organizations/N`` among its ancestors)."""
    where = owner or f"projects/{p.id}"
    relative = f"{where}/sinks/{name}"
    writer = ("serviceAccount:service-org-" if where.startswith("organizations/") else "serviceAccount:service-") + \
        f"{where.split('/')[1]}@gcp-sa-logging.iam.gserviceaccount.com"
    body: dict[str, Any] = {"name": name, "destination": destination, "writerIdentity": writer,
                            "createTime": "2024-02-01T10:00:05.123456Z", "updateTime": "2024-02-01T10:00:05.123456Z"}
    if log_filter is not None:
        body["filter"] = log_filter
    if disabled is not None:
        body["disabled"] = disabled
    if exclusions:
        body["exclusions"] = exclusions
    if include_children is not None:
        body["includeChildren"] = include_children
    line = _line(p, f"//logging.googleapis.com/{relative}", "logging.googleapis.com/LogSink",
                 (*_LOGGING, "LogSink"), body, "global",
                 parent=f"//cloudresourcemanager.googleapis.com/{where}" if owner else None)
    if owner:
        line["ancestors"] = p.ancestors[p.ancestors.index(owner):]
    return line


def default_sinks(p: Project) -> list[dict[str, Any]]:
    """The two sinks every project has: _Required (audit logs to _Required) and _Default (everything else)."""
    buckets = f"logging.googleapis.com/projects/{p.id}/locations/global/buckets"
    return [
        log_sink(p, "_Required", f"{buckets}/_Required", log_filter=(
            'LOG_ID("cloudaudit.googleapis.com/activity") OR LOG_ID("externalaudit.googleapis.com/activity") OR '
            'LOG_ID("cloudaudit.googleapis.com/system_event") OR LOG_ID("externalaudit.googleapis.com/system_event") '
            'OR LOG_ID("cloudaudit.googleapis.com/access_transparency") OR '
            'LOG_ID("externalaudit.googleapis.com/access_transparency")')),
        log_sink(p, "_Default", f"{buckets}/_Default", log_filter=(
            'NOT LOG_ID("cloudaudit.googleapis.com/activity") AND NOT LOG_ID("externalaudit.googleapis.com/activity") '
            'AND NOT LOG_ID("cloudaudit.googleapis.com/system_event") AND NOT '
            'LOG_ID("externalaudit.googleapis.com/system_event") AND NOT '
            'LOG_ID("cloudaudit.googleapis.com/access_transparency") AND NOT '
            'LOG_ID("externalaudit.googleapis.com/access_transparency")')),
    ]


FULL_API_SCOPE = "https://www.googleapis.com/auth/cloud-platform"
# What gcloud and the console grant a VM's service account by default ("Allow default access").
DEFAULT_SCOPES = ("https://www.googleapis.com/auth/devstorage.read_only",
                  "https://www.googleapis.com/auth/logging.write",
                  "https://www.googleapis.com/auth/monitoring.write",
                  "https://www.googleapis.com/auth/service.management.readonly",
                  "https://www.googleapis.com/auth/servicecontrol",
                  "https://www.googleapis.com/auth/trace.append")


def _metadata(owner: str, items: dict[str, str] | None) -> dict[str, Any]:
    return {"kind": "compute#metadata", "fingerprint": f"{zlib.crc32(owner.encode()):08x}",
            **({"items": [{"key": k, "value": v} for k, v in items.items()]} if items else {})}


def default_service_account(p: Project) -> str:
    return f"{p.number}-compute@developer.gserviceaccount.com"


def vm(p: Project, name: str, *, metadata: dict[str, str] | None = None, service_account: str | None = "default",
       scopes: Iterable[str] = DEFAULT_SCOPES, labels: dict[str, str] | None = None, **kw: Any) -> dict[str, Any]:
    """An `instance` with its own metadata items, labels and service account (``"default"``: the project's
    Compute Engine default account, as gcloud creates VMs; None: no service account)."""
    line = instance(p, name, **kw)
    body = line["resource"]["data"]
    body["metadata"] = _metadata(name, metadata)
    if labels:
        body["labels"] = dict(labels)
    if service_account:
        email = default_service_account(p) if service_account == "default" else service_account
        body["serviceAccounts"] = [{"email": email, "scopes": list(scopes)}]
    return line


def compute_project(p: Project, metadata: dict[str, str] | None = None) -> dict[str, Any]:
    """The project as Compute Engine shows it (``compute.googleapis.com/Project``): the metadata every VM
    of the project inherits (``commonInstanceMetadata``) and its default service account."""
    body = {
        "kind": "compute#project",
        "id": p.number,
        "creationTimestamp": "2024-02-01T02:00:00.000-08:00",
        "name": p.id,
        "commonInstanceMetadata": _metadata(p.id, metadata),
        "defaultServiceAccount": default_service_account(p),
        "defaultNetworkTier": "PREMIUM",
        "xpnProjectStatus": "UNSPECIFIED_XPN_PROJECT_STATUS",
        "selfLink": f"{COMPUTE}/projects/{p.id}",
    }
    return _line(p, f"//compute.googleapis.com/projects/{p.id}", "compute.googleapis.com/Project",
                 (*_COMPUTE, "Project"), body, "global")
_BIGQUERY = ("v2", "https://www.googleapis.com/discovery/v1/apis/bigquery/v2/rest")


def dataset(p: Project, dataset_id: str, *, access: Iterable[dict[str, Any]] = (), kms_key: str | None = None,
            location: str = "US", default_access: bool = True) -> dict[str, Any]:
    """A BigQuery dataset: the access list BigQuery gives a new one (project owners, writers and readers,
    its creator), plus ``access`` entries; ``kms_key`` its default Cloud KMS key."""
    entries = [{"role": "WRITER", "specialGroup": "projectWriters"},
               {"role": "OWNER", "specialGroup": "projectOwners"},
               {"role": "OWNER", "userByEmail": f"terraform@{p.id}.iam.gserviceaccount.com"},
               {"role": "READER", "specialGroup": "projectReaders"}] if default_access else []
    body: dict[str, Any] = {
        "kind": "bigquery#dataset",
        "etag": "Pq0l7pV3kY0uS2tq4oN9yw==",
        "id": f"{p.id}:{dataset_id}",
        "selfLink": f"https://bigquery.googleapis.com/bigquery/v2/projects/{p.id}/datasets/{dataset_id}",
        "datasetReference": {"datasetId": dataset_id, "projectId": p.id},
        "access": [*entries, *access],
        "creationTime": "1717430400000",
        "lastModifiedTime": "1717430400000",
        "location": location,
        "type": "DEFAULT",
    }
    if kms_key:
        body["defaultEncryptionConfiguration"] = {"kmsKeyName": kms_key}
    return _line(p, f"//bigquery.googleapis.com/projects/{p.id}/datasets/{dataset_id}",
                 "bigquery.googleapis.com/Dataset", (*_BIGQUERY, "Dataset"), body, location.lower())


def dataset_policy(p: Project, dataset_id: str, *extra: tuple[str, Iterable[str]]) -> dict[str, Any]:
    """A dataset's IAM policy line: the project's basic roles as BigQuery maps them, plus ``extra``."""
    bindings = [{"role": "roles/bigquery.dataEditor", "members": [f"projectEditor:{p.id}"]},
                {"role": "roles/bigquery.dataOwner", "members": [f"projectOwner:{p.id}"]},
                {"role": "roles/bigquery.dataViewer", "members": [f"projectViewer:{p.id}"]},
                *({"role": role, "members": list(members)} for role, members in extra)]
    return {"name": f"//bigquery.googleapis.com/projects/{p.id}/datasets/{dataset_id}",
            "asset_type": "bigquery.googleapis.com/Dataset",
            "iam_policy": {"version": 1, "etag": "BwWV9DYRcXA=", "bindings": bindings},
            "ancestors": p.ancestors, "update_time": UPDATED}


def managed_zone(p: Project, name: str, dns_name: str, *, visibility: str = "public", dnssec: str | None = "on",
                 key_signing: str = "rsasha256", zone_signing: str = "rsasha256",
                 network: str | None = None) -> dict[str, Any]:
    """A Cloud DNS managed zone; ``dnssec`` its DNSSEC state (None: no dnssecConfig, as the API returns for a
    zone never signed), signed with ``key_signing`` / ``zone_signing`` keys."""
    body: dict[str, Any] = {
        "kind": "dns#managedZone",
        "name": name,
        "dnsName": dns_name,
        "description": "",
        "id": _id(p.id, "managedZones", name),
        "creationTime": "2025-02-11T08:15:30.512Z",
        "visibility": visibility,
    }
    if visibility == "public":
        body["nameServers"] = [f"ns-cloud-a{i}.googledomains.com." for i in range(1, 5)]
    if network:
        body["privateVisibilityConfig"] = {"kind": "dns#managedZonePrivateVisibilityConfig", "networks": [
            {"kind": "dns#managedZonePrivateVisibilityConfigNetwork",
             "networkUrl": f"{COMPUTE}/projects/{p.id}/global/networks/{network}"}]}
    if dnssec is not None:
        body["dnssecConfig"] = {"kind": "dns#managedZoneDnsSecConfig", "state": dnssec, "nonExistence": "nsec3",
                                "defaultKeySpecs": [
                                    {"kind": "dns#dnsKeySpec", "keyType": "keySigning", "algorithm": key_signing,
                                     "keyLength": 2048},
                                    {"kind": "dns#dnsKeySpec", "keyType": "zoneSigning", "algorithm": zone_signing,
                                     "keyLength": 1024}]}
    return _line(p, f"//dns.googleapis.com/projects/{p.number}/managedZones/{name}", "dns.googleapis.com/ManagedZone",
                 ("v1", "https://dns.googleapis.com/$discovery/rest?version=v1", "ManagedZone"), body, "global")
def crypto_key_policy(p: Project, ring: str, name: str, *bindings: tuple[str, Iterable[str]],
                      location: str = "us-central1") -> dict[str, Any]:
    """A Cloud KMS key's own IAM policy line: (role, members) bindings."""
    relative = f"projects/{p.id}/locations/{location}/keyRings/{ring}/cryptoKeys/{name}"
    return {
        "name": f"//cloudkms.googleapis.com/{relative}",
        "asset_type": "cloudkms.googleapis.com/CryptoKey",
        "iam_policy": {"version": 1, "etag": "BwYhZ0v3mE4=",
                       "bindings": [{"role": role, "members": list(members)} for role, members in bindings]},
        "ancestors": p.ancestors,
        "update_time": UPDATED,
    }
