"""Write tests/terraform/google/<scenario>/plan.json: hashicorp/google plans in the exact shape
``terraform show -json`` gives (format 1.2, Terraform 1.11; checked against the real google plans of
bridgecrewio/checkov's tests/terraform/parser/resources/plan_booleans/tfplan.json and
tests/terraform/runner/extra_tf_plan_checks/modules.json: planned_values with sensitive_values,
resource_changes with after / after_unknown / after_sensitive, configuration with constant_value
and references pairs ``["<type>.<name>.<attr>", "<type>.<name>"]``, a ``provider_config`` named
``google``).

No google provider can run here (no registry access), so a plan is built from what its main.tf
writes (`SCENARIOS`, one resource per block of main.tf, in its order) plus what the provider leaves
to apply time: ``computed`` (attributes wholly unknown: ``id``, ``self_link``, an Optional+Computed
block such as a Cloud SQL instance's ``ip_configuration`` when not written) and every reference to
an attribute the plan cannot know (another resource's ``id`` / ``self_link`` / ``email``). Attributes
neither written nor computed are null (one-item blocks: ``[]``), as in a real plan.

    PYTHONPATH=$PWD /work/main/.venv/bin/python tests/terraform/google/write_plans.py
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hitrust_policies.sources.terraform import google_names
from hitrust_policies.sources.terraform.google_names import schema

HERE = Path(__file__).resolve().parent
PROVIDER = "registry.terraform.io/hashicorp/google"
BUILTIN = "terraform.io/builtin/terraform"  # terraform_data: no provider configuration
PROJECT = "phi-prod"
REGION = "us-central1"


@dataclass(frozen=True)
class Ref:
    """A reference to another resource's attribute; ``value`` when the plan already knows it (an
    attribute that resource's configuration sets: ``google_storage_bucket.logs.name``)."""

    attr: str
    value: Any = None
    refs: tuple[str, ...] = ()  # as Terraform records them, when not [attr, its resource] (``var.kms_key``)

    @property
    def known(self) -> bool:
        return self.value is not None


@dataclass
class Res:
    type: str
    name: str
    config: dict[str, Any]
    computed: tuple[str, ...] = ("id",)
    defaults: dict[str, Any] = field(default_factory=dict)  # values the provider fills in at plan
    count: int | None = None
    sensitive: tuple[str, ...] = ()
    provider: str = PROVIDER  # another provider's resource (hashicorp/random) is in the plan too
    module: str | None = None  # the module call it is declared in (one level)
    for_each: tuple[str, ...] | None = None  # its for_each keys (``for_each = var.buckets``)

    @property
    def provider_key(self) -> str:
        return self.provider.rsplit("/", 1)[-1]

    @property
    def prefix(self) -> str:
        return f"module.{self.module}." if self.module else ""

    def instances(self) -> list[tuple[str, Any]]:
        base = f"{self.prefix}{self.type}.{self.name}"
        if self.for_each is not None:
            return [(f"{base}[{json.dumps(k)}]", k) for k in self.for_each]
        if self.count is None:
            return [(base, None)]
        return [(f"{base}[{i}]", i) for i in range(self.count)]


@dataclass(frozen=True)
class Indexed:
    """A value written with ``count.index`` (``"data-${count.index}"``) or ``each``: one value per instance
    (``values`` by index or key; None: known after apply)."""

    values: Any
    refs: tuple[str, ...] = ("count.index",)


def _at(config: Any, index: Any) -> Any:
    if isinstance(config, Indexed):
        value = config.values[index]
        return Ref(config.refs[0]) if value is None else value
    if isinstance(config, dict):
        return {k: _at(v, index) for k, v in config.items()}
    if isinstance(config, list):
        return [_at(v, index) for v in config]
    return config


def _value(config: Any) -> tuple[Any, Any]:
    """(after value, after_unknown marker) of a written value."""
    if isinstance(config, Ref):
        return (config.value, False) if config.known else (None, True)
    if isinstance(config, dict):
        after, unknown = {}, {}
        for key, sub in config.items():
            a, u = _value(sub)
            if u is True:
                unknown[key] = True
            else:
                after[key] = a
                if u not in (False, {}, None):
                    unknown[key] = u
        return after, unknown
    if isinstance(config, list):
        pairs = [_value(v) for v in config]
        after = [a for a, _ in pairs]
        marks = [u if u is not True else True for _, u in pairs]
        if all(isinstance(v, dict) for v in config):
            return after, [m if m is not False else {} for m in marks]
        return after, [bool(m) if not isinstance(m, (dict, list)) else m for m in marks]
    return config, False


def _expression(config: Any) -> Any:
    if isinstance(config, Indexed):
        return {"references": list(config.refs)}
    if isinstance(config, Ref) and config.refs:
        return {"references": list(config.refs)}
    if isinstance(config, Ref):
        target = config.attr.rsplit(".", 1)[0]
        return {"references": [config.attr, target]}
    if isinstance(config, list) and config and all(isinstance(v, dict) for v in config):
        return [{k: _expression(v) for k, v in item.items()} for item in config]
    refs = [r for v in _refs(config) for r in _expression(v)["references"]]
    return {"references": refs} if refs else {"constant_value": config}


def _refs(config: Any) -> list[Ref]:
    if isinstance(config, Ref):
        return [config]
    values = config.values() if isinstance(config, dict) else config if isinstance(config, list) else ()
    return [r for v in values for r in _refs(v)]


def _is_block_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _fill(item: dict[str, Any], props: dict[str, Any], marks: Any) -> None:
    """A written block's unset attributes as a plan shows them: null, and ``[]`` for a one-item block
    (not those known after apply: a plan leaves them out of ``after``)."""
    marks = marks if isinstance(marks, dict) else {}
    for key, value in list(item.items()):
        _fill_blocks(key, value, props, marks.get(key))
    for key, spec in props.items():
        if not (spec.get("many") and "block" in spec) and marks.get(key) is not True:
            item.setdefault(key, [] if "block" in spec else None)


def _fill_blocks(key: str, value: Any, props: dict[str, Any], marks: Any) -> None:
    spec = props.get(google_names.pulumi_key(key, props) or "", {})
    if "block" in spec and isinstance(value, list):
        for i, sub in enumerate(value):
            if isinstance(sub, dict):
                _fill(sub, spec["block"], marks[i] if isinstance(marks, list) and i < len(marks) else None)


def _sensitive_marks(res: Res, after: dict[str, Any]) -> dict[str, Any]:
    marks: dict[str, Any] = {}
    for key, value in after.items():
        if key in res.sensitive:
            marks[key] = True
        elif _is_block_list(value):
            marks[key] = [{} for _ in value]
        elif isinstance(value, list):
            marks[key] = [False for _ in value] if False else []
        elif isinstance(value, dict) and key in ("labels", "metadata", "effective_labels", "terraform_labels"):
            marks[key] = {}
    return marks


def _instance(res: Res, address: str, index: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    props = schema().get(res.type, {})
    after: dict[str, Any] = {}
    for key, spec in props.items():
        if spec.get("many") and "block" in spec:
            continue  # a pluralised block: its Terraform name is written below when set
        after[key] = [] if "block" in spec else None
    after.pop("id", None)
    if "pulumi_labels" in after:  # the SDK's name of the provider's terraform_labels
        after["terraform_labels"] = after.pop("pulumi_labels")
    written, unknown = _value(_at(res.config, index))
    for key, value in written.items():
        _fill_blocks(key, value, props, unknown.get(key))
    after.update(written)
    after.update(res.defaults)
    if "labels" in written:
        after["effective_labels"] = after["terraform_labels"] = written["labels"]
    for key in res.computed:
        if "." in key:  # inside written blocks (their first item): "settings.ip_configuration"
            *blocks, attr = key.split(".")
            here, marks = after, unknown
            for block in blocks:
                here = here[block][0]
                marks = marks.setdefault(block, [{}])[0]
            here.pop(attr, None)
            marks[attr] = True
            continue
        after.pop(key, None)
        unknown[key] = True
    for key, value in after.items():
        if key not in unknown and isinstance(value, list) and value:
            unknown[key] = [{} for _ in value] if _is_block_list(value) else [False for _ in value]
    after = {k: after[k] for k in sorted(after)}
    unknown = {k: unknown[k] for k in sorted(unknown)}
    sensitive = _sensitive_marks(res, after)
    base = {"address": address, "mode": "managed", "type": res.type, "name": res.name}
    if index is not None:
        base["index"] = index
    planned = {**base, "provider_name": res.provider, "schema_version": 0, "values": after,
               "sensitive_values": sensitive}
    change = {**base, "provider_name": res.provider, "change": {
        "actions": ["create"], "before": None, "after": after, "after_unknown": unknown,
        "before_sensitive": False, "after_sensitive": sensitive}}
    return planned, change


@dataclass(frozen=True)
class Module:
    """A module call: ``module "<name>" { source = ...; <expressions> }`` with its variables."""

    name: str
    source: str
    expressions: dict[str, Any]
    variables: tuple[str, ...]


def plan(resources: list[Res], modules: tuple[Module, ...] = ()) -> dict[str, Any]:
    planned, changes, config = [], [], []
    children: dict[str, list[Any]] = {m.name: [] for m in modules}
    inner: dict[str, list[Any]] = {m.name: [] for m in modules}
    for res in resources:
        for address, index in res.instances():
            p, c = _instance(res, address, index)
            (children[res.module] if res.module else planned).append(p)
            if res.module:
                c = {"address": c["address"], "module_address": f"module.{res.module}",
                     **{k: v for k, v in c.items() if k != "address"}}
            changes.append(c)
        written = {"address": f"{res.type}.{res.name}", "mode": "managed", "type": res.type, "name": res.name,
                   "provider_config_key": res.provider_key,
                   "expressions": {k: _expression(v) for k, v in res.config.items()}, "schema_version": 0}
        if res.count is not None:
            written["count_expression"] = {"constant_value": res.count}
        if res.for_each is not None:
            written["for_each_expression"] = {"references": ["var.buckets"]}
        (inner[res.module] if res.module else config).append(written)
    root: dict[str, Any] = {"resources": config}
    if modules:
        root["module_calls"] = {m.name: {
            "source": m.source, "expressions": {k: _expression(v) for k, v in m.expressions.items()},
            "module": {"resources": inner[m.name], "variables": {v: {} for v in m.variables}}} for m in modules}
    planned_root: dict[str, Any] = {"resources": planned}
    if modules:
        planned_root["child_modules"] = [{"resources": children[m.name], "address": f"module.{m.name}"}
                                         for m in modules]
    return {
        "format_version": "1.2", "terraform_version": "1.11.4",
        "planned_values": {"root_module": planned_root},
        "resource_changes": changes,
        "configuration": {
            "provider_config": {**{r.provider_key: {"name": r.provider_key, "full_name": r.provider}
                                   for r in resources if r.provider not in (PROVIDER, BUILTIN)},
                                "google": {"name": "google", "full_name": PROVIDER, "version_constraint": "~> 7.0",
                                           "expressions": {"project": {"constant_value": PROJECT},
                                                           "region": {"constant_value": REGION}}}},
            "root_module": root},
        "timestamp": "2026-11-29T21:30:00Z", "applyable": True, "complete": True, "errored": False,
    }


# ----------------------------------------------------------------- scenarios (each is its main.tf)

CMEK = "projects/phi-prod/locations/us/keyRings/storage/cryptoKeys/records"
BUCKET_COMPUTED = ("id", "self_link", "url", "project", "project_number", "rpo", "time_created", "updated",
                   "soft_delete_policy", "effective_labels", "terraform_labels")
BUCKET_DEFAULTS = {"force_destroy": False, "storage_class": "STANDARD"}
GRANT_COMPUTED = ("etag", "id")
KEY_COMPUTED = ("id", "primary", "effective_labels", "terraform_labels", "import_only",
                "destroy_scheduled_duration", "key_access_justifications_policy")
NET_COMPUTED = ("id", "self_link", "gateway_ipv4", "numeric_id", "routing_mode", "mtu", "project")
FIREWALL_COMPUTED = ("id", "self_link", "creation_timestamp", "enable_logging", "project")


def bucket(name: str | None, tf: str, *, computed: tuple[str, ...] = (), **config: Any) -> Res:
    """A bucket; ``uniform_bucket_level_access`` / ``public_access_prevention`` are Optional+Computed.
    ``name`` None: ``"phi-exports-${random_id.suffix.hex}"``."""
    unset = tuple(k for k in ("uniform_bucket_level_access", "public_access_prevention") if k not in config)
    return Res("google_storage_bucket", tf, {"name": Ref(SUFFIX) if name is None else name, "location": "US",
                                             **config},
               computed=BUCKET_COMPUTED + unset + computed, defaults=BUCKET_DEFAULTS)


def crypto_key(tf: str, name: str, ring: str, **config: Any) -> Res:
    """A key; ``version_template`` is Optional+Computed (the API returns the default template)."""
    unset = () if "version_template" in config else ("version_template",)
    return Res("google_kms_crypto_key", tf, {"name": name, "key_ring": Ref(f"google_kms_key_ring.{ring}.id"),
                                             **config},
               computed=KEY_COMPUTED + unset, defaults={"purpose": config.get("purpose", "ENCRYPT_DECRYPT")})


def firewall(tf: str, **config: Any) -> Res:
    unset = tuple(k for k in ("source_ranges", "destination_ranges", "direction") if k not in config)
    return Res("google_compute_firewall", tf, {"name": tf.replace("_", "-"),
                                               "network": Ref("google_compute_network.prod_vpc.self_link"), **config},
               computed=FIREWALL_COMPUTED + unset, defaults={"priority": 1000})


SOFTWARE = [{"algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION", "protection_level": "SOFTWARE"}]
POLICY_DOC = json.dumps({"bindings": [
    {"members": ["allUsers"], "role": "roles/storage.legacyBucketReader"},
    {"members": ["group:storage-admins@phi.example"], "role": "roles/storage.admin"}]}, separators=(",", ":"))

PARITY_BUCKETS = [
    bucket("phi-access-logs", "phi_access_logs", uniform_bucket_level_access=True, public_access_prevention="enforced"),
    bucket("phi-records", "phi_records", uniform_bucket_level_access=True, public_access_prevention="enforced",
           encryption=[{"default_kms_key_name": CMEK}],
           logging=[{"log_bucket": Ref("google_storage_bucket.phi_access_logs.name", "phi-access-logs"),
                     "log_object_prefix": "phi-records"}],
           versioning=[{"enabled": True}]),
    bucket("phi-plain", "phi_plain", uniform_bucket_level_access=True),
    bucket("public-site", "public_site", uniform_bucket_level_access=True,
           website=[{"main_page_suffix": "index.html"}]),
    Res("google_storage_bucket_iam_member", "public_site_read", {
        "bucket": Ref("google_storage_bucket.public_site.name", "public-site"), "role": "roles/storage.objectViewer",
        "member": "allUsers"}, computed=GRANT_COMPUTED),
    bucket("partner-share", "partner_share", uniform_bucket_level_access=True),
    Res("google_storage_bucket_iam_binding", "partner_share_admins", {
        "bucket": Ref("google_storage_bucket.partner_share.name", "partner-share"), "role": "roles/storage.objectAdmin",
        "members": ["allAuthenticatedUsers", "group:partners@phi.example"]}, computed=GRANT_COMPUTED),
    bucket("team-only", "team_only", uniform_bucket_level_access=True),
    Res("google_storage_bucket_iam_member", "team_only_read", {
        "bucket": Ref("google_storage_bucket.team_only.name", "team-only"), "role": "roles/storage.objectViewer",
        "member": "group:analysts@phi.example"}, computed=GRANT_COMPUTED),
    bucket("policy-doc", "policy_doc", uniform_bucket_level_access=True),
    Res("google_storage_bucket_iam_policy", "policy_doc_policy", {
        "bucket": Ref("google_storage_bucket.policy_doc.name", "policy-doc"), "policy_data": POLICY_DOC},
        computed=GRANT_COMPUTED),
    Res("google_kms_key_ring", "phi_ring", {"name": "phi", "location": "us-central1"}, computed=("id", "project")),
    crypto_key("records", "records", "phi_ring", rotation_period="7776000s", version_template=SOFTWARE),
    crypto_key("backups", "backups", "phi_ring", version_template=SOFTWARE),
    crypto_key("hsm", "hsm", "phi_ring", rotation_period="7776000s",
               version_template=[{"algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION", "protection_level": "HSM"}]),
    crypto_key("signing", "signing", "phi_ring", purpose="ASYMMETRIC_SIGN",
               version_template=[{"algorithm": "EC_SIGN_P256_SHA256", "protection_level": "SOFTWARE"}]),
]

PARITY_FIREWALLS = [
    Res("google_compute_network", "prod_vpc", {"name": "prod-vpc", "auto_create_subnetworks": False},
        computed=NET_COMPUTED, defaults={"delete_default_routes_on_create": False}),
    firewall("allow_ssh_web", allow=[{"protocol": "tcp", "ports": ["22", "80"]}]),
    firewall("allow_https", source_ranges=["0.0.0.0/0"], allow=[{"protocol": "tcp", "ports": ["443"]}],
             target_tags=["web"]),
    firewall("allow_iap_ssh", source_ranges=["35.235.240.0/20"], allow=[{"protocol": "tcp", "ports": ["22", "3389"]}]),
    firewall("allow_internal", source_ranges=["10.128.0.0/9"], allow=[{"protocol": "all"}]),
    firewall("allow_db_from_app", source_tags=["app"], allow=[{"protocol": "tcp", "ports": ["5432"]}]),
    firewall("allow_rdp_any", source_ranges=["0.0.0.0/0", "::/0"],
             allow=[{"protocol": "tcp", "ports": ["3389"]}, {"protocol": "icmp"}]),
    firewall("deny_telnet", source_ranges=["0.0.0.0/0"], deny=[{"protocol": "tcp", "ports": ["23"]}]),
    firewall("egress_smtp", direction="EGRESS", destination_ranges=["0.0.0.0/0"],
             allow=[{"protocol": "tcp", "ports": ["25"]}]),
    firewall("old_mysql", disabled=True, source_ranges=["0.0.0.0/0"], allow=[{"protocol": "tcp", "ports": ["3306"]}]),
]

SQL_COMPUTED = ("id", "self_link", "connection_name", "dns_name", "dns_names", "first_ip_address", "ip_address",
                "private_ip_address", "public_ip_address", "server_ca_cert", "service_account_email_address",
                "project", "region", "instance_type", "maintenance_version", "available_maintenance_versions",
                "psc_service_attachment_link", "replica_configuration", "settings.version", "settings.disk_size",
                "settings.disk_type", "settings.edition", "settings.location_preference",
                "settings.backup_configuration", "settings.maintenance_window")
DISK_COMPUTED = ("id", "self_link", "label_fingerprint", "creation_timestamp", "last_attach_timestamp",
                 "last_detach_timestamp", "users", "source_image_id", "physical_block_size_bytes", "project",
                 "effective_labels", "terraform_labels", "disk_id", "provisioned_iops", "provisioned_throughput")
VM_COMPUTED = ("id", "instance_id", "self_link", "cpu_platform", "current_status", "label_fingerprint",
               "metadata_fingerprint", "min_cpu_platform", "project", "tags_fingerprint",
               "confidential_instance_config", "guest_accelerator", "reservation_affinity", "scheduling",
               "effective_labels", "terraform_labels",
               "boot_disk.device_name", "boot_disk.source", "boot_disk.kms_key_self_link",
               "network_interface.name", "network_interface.network_ip", "network_interface.subnetwork",
               "network_interface.subnetwork_project", "network_interface.stack_type")
PROXY_COMPUTED = ("id", "self_link", "creation_timestamp", "proxy_id", "project", "fingerprint")
ZONE_COMPUTED = ("id", "name_servers", "managed_zone_id", "creation_time", "project", "effective_labels",
                 "terraform_labels")
BOOT = [{"initialize_params": [{"image": "debian-cloud/debian-12"}]}]
VPC_ID = "google_compute_network.vpc.id"
SA_EMAIL = "google_service_account.app.email"

PLATFORM = [
    Res("google_compute_network", "vpc", {"name": "phi-vpc", "auto_create_subnetworks": False},
        computed=NET_COMPUTED, defaults={"delete_default_routes_on_create": False}),
    Res("google_compute_subnetwork", "app", {
        "name": "phi-app", "region": "us-central1", "ip_cidr_range": "10.10.0.0/24", "network": Ref(VPC_ID),
        "log_config": [{"aggregation_interval": "INTERVAL_5_SEC", "flow_sampling": 0.5,
                        "metadata": "INCLUDE_ALL_METADATA"}]},
        computed=("id", "self_link", "gateway_address", "creation_timestamp", "project", "fingerprint",
                  "secondary_ip_range", "stack_type", "subnetwork_id", "private_ipv6_google_access")),
    Res("google_compute_subnetwork", "batch", {
        "name": "phi-batch", "region": "us-central1", "ip_cidr_range": "10.20.0.0/24", "network": Ref(VPC_ID)},
        computed=("id", "self_link", "gateway_address", "creation_timestamp", "project", "fingerprint",
                  "secondary_ip_range", "stack_type", "subnetwork_id", "private_ipv6_google_access")),
    Res("google_service_account", "app", {"account_id": "phi-app", "display_name": "PHI app"},
        computed=("id", "email", "name", "member", "project", "unique_id")),
    Res("google_service_account_key", "app", {"service_account_id": Ref("google_service_account.app.name")},
        computed=("id", "name", "private_key", "public_key", "valid_after", "valid_before"),
        defaults={"key_algorithm": "KEY_ALG_RSA_2048", "private_key_type": "TYPE_GOOGLE_CREDENTIALS_FILE",
                  "public_key_type": "TYPE_X509_PEM_FILE"}),
    Res("google_project_iam_member", "alice_sa_user", {
        "project": "phi-prod", "role": "roles/iam.serviceAccountUser", "member": "user:alice@phi.example"},
        computed=GRANT_COMPUTED),
    Res("google_project_iam_member", "alice_sa_admin", {
        "project": "phi-prod", "role": "roles/iam.serviceAccountAdmin", "member": "user:alice@phi.example"},
        computed=GRANT_COMPUTED),
    Res("google_project_iam_member", "app_sa_token", {
        "project": "phi-prod", "role": "roles/iam.serviceAccountTokenCreator", "member": Ref(
            "google_service_account.app.member")}, computed=GRANT_COMPUTED),
    Res("google_kms_key_ring", "platform", {"name": "platform", "location": "us-central1"}, computed=("id", "project")),
    crypto_key("sql", "sql", "platform", rotation_period="7776000s"),  # version_template not written: unknown
    crypto_key("disks", "disks", "platform", rotation_period="7776000s", version_template=SOFTWARE),
    Res("google_kms_crypto_key_iam_binding", "disks_public", {
        "crypto_key_id": Ref("google_kms_crypto_key.disks.id"), "role": "roles/cloudkms.cryptoKeyEncrypterDecrypter",
        "members": ["allUsers"]}, computed=GRANT_COMPUTED),
    Res("google_sql_database_instance", "app_db", {
        "name": "app-db", "database_version": "POSTGRES_15", "deletion_protection": False,
        "settings": [{"tier": "db-f1-micro"}]},
        computed=(*SQL_COMPUTED, "encryption_key_name", "settings.ip_configuration")),
    Res("google_sql_database_instance", "open_db", {
        "name": "open-db", "database_version": "MYSQL_8_0", "settings": [{"tier": "db-custom-1-3840",
            "ip_configuration": [{"ipv4_enabled": True, "authorized_networks": [
                {"name": "anywhere", "value": "0.0.0.0/0"}]}]}]},
        computed=(*SQL_COMPUTED, "encryption_key_name", "settings.ip_configuration.ssl_mode")),
    Res("google_sql_database_instance", "phi_db", {
        "name": "phi-db", "database_version": "POSTGRES_16", "deletion_protection": True,
        "encryption_key_name": Ref("google_kms_crypto_key.sql.id"),
        "settings": [{"tier": "db-custom-2-7680",
                      "ip_configuration": [{"ipv4_enabled": False, "private_network": Ref(VPC_ID),
                                            "ssl_mode": "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"}],
                      "database_flags": [{"name": "cloudsql.iam_authentication", "value": "on"},
                                         {"name": "log_connections", "value": "on"},
                                         {"name": "log_disconnections", "value": "on"}]}]},
        computed=SQL_COMPUTED),
    Res("google_sql_database_instance", "ehr_mssql", {
        "name": "ehr-mssql", "database_version": "SQLSERVER_2019_STANDARD", "root_password": "c0rrect-h0rse-Battery",
        "settings": [{"tier": "db-custom-2-7680",
                      "ip_configuration": [{"ipv4_enabled": False, "private_network": Ref(VPC_ID),
                                            "ssl_mode": "ENCRYPTED_ONLY"}],
                      "database_flags": [{"name": "remote access", "value": "off"}]}]},
        computed=(*SQL_COMPUTED, "encryption_key_name"), sensitive=("root_password",)),
    Res("google_compute_disk", "boot", {"name": "boot", "zone": "us-central1-a", "size": 20,
                                        "image": "debian-cloud/debian-12"},
        computed=DISK_COMPUTED, defaults={"type": "pd-standard"}),
    Res("google_compute_disk", "data", {
        "name": Indexed(("data-0", "data-1")), "zone": "us-central1-a", "size": 200,
        "disk_encryption_key": [{"kms_key_self_link": Ref("google_kms_crypto_key.disks.id")}]},
        computed=(*DISK_COMPUTED, "disk_encryption_key.sha256"), defaults={"type": "pd-standard"}, count=2),
    Res("google_compute_project_metadata_item", "oslogin", {"key": "enable-oslogin", "value": "TRUE"},
        computed=("id", "project")),
    Res("google_compute_instance", "web_vm", {
        "name": "web-vm", "machine_type": "e2-medium", "zone": "us-central1-a", "boot_disk": BOOT,
        "network_interface": [{"network": "default", "access_config": [{}]}],
        "service_account": [{"email": Ref(SA_EMAIL), "scopes": ["cloud-platform"]}]},
        computed=(*VM_COMPUTED, "network_interface.access_config.nat_ip",
                  "network_interface.access_config.network_tier"),
        defaults={"can_ip_forward": False, "deletion_protection": False}),
    Res("google_compute_instance", "nat_gw", {
        "name": "nat-gw", "machine_type": "e2-small", "zone": "us-central1-a", "boot_disk": BOOT,
        "can_ip_forward": True, "metadata": {"serial-port-enable": "true", "block-project-ssh-keys": "true"},
        "network_interface": [{"subnetwork": Ref("google_compute_subnetwork.app.id")}]},
        computed=tuple(k for k in VM_COMPUTED if k != "network_interface.subnetwork"),
        defaults={"deletion_protection": False}),
    Res("google_bigquery_dataset", "claims", {
        "dataset_id": "claims", "location": "US",
        "default_encryption_configuration": [{"kms_key_name": Ref("google_kms_crypto_key.sql.id")}],
        "access": [{"role": "OWNER", "user_by_email": "dba@phi.example"},
                   {"role": "READER", "special_group": "allAuthenticatedUsers"}]},
        computed=("id", "self_link", "creation_time", "etag", "last_modified_time", "project", "effective_labels",
                  "terraform_labels", "max_time_travel_hours", "storage_billing_model", "is_case_insensitive",
                  "default_collation")),
    Res("google_bigquery_dataset", "staging", {"dataset_id": "staging", "location": "US"},
        computed=("id", "self_link", "creation_time", "etag", "last_modified_time", "project", "effective_labels",
                  "terraform_labels", "max_time_travel_hours", "storage_billing_model", "is_case_insensitive",
                  "default_collation", "access")),  # access: Optional+Computed, not written
    Res("google_dns_managed_zone", "public", {
        "name": "phi-public", "dns_name": "phi.example.", "dnssec_config": [{"state": "on"}]},
        computed=ZONE_COMPUTED, defaults={"visibility": "public", "force_destroy": False}),
    Res("google_dns_managed_zone", "legacy", {"name": "phi-legacy", "dns_name": "legacy.phi.example."},
        computed=ZONE_COMPUTED, defaults={"visibility": "public", "force_destroy": False}),
    Res("google_storage_bucket", "archive", {
        "name": "phi-log-archive", "location": "US", "uniform_bucket_level_access": True,
        "public_access_prevention": "enforced",
        "retention_policy": [{"retention_period": 189216000, "is_locked": True}]},
        computed=BUCKET_COMPUTED, defaults=BUCKET_DEFAULTS),
    Res("google_logging_project_sink", "audit", {
        "name": "audit-archive", "project": "phi-prod",
        "destination": Ref("google_storage_bucket.archive.name", "storage.googleapis.com/phi-log-archive")},
        computed=("id", "writer_identity"), defaults={"unique_writer_identity": True, "disabled": None}),
    Res("google_compute_ssl_policy", "modern", {"name": "modern-tls12", "profile": "MODERN",
                                                "min_tls_version": "TLS_1_2"},
        computed=("id", "self_link", "creation_timestamp", "enabled_features", "fingerprint", "project")),
    Res("google_compute_url_map", "web", {
        "name": "web", "default_service": "projects/phi-prod/global/backendServices/web"},
        computed=("id", "self_link", "creation_timestamp", "map_id", "fingerprint", "project")),
    Res("google_compute_url_map", "redirect", {
        "name": "web-redirect", "default_url_redirect": [{"https_redirect": True, "strip_query": False}]},
        computed=("id", "self_link", "creation_timestamp", "map_id", "fingerprint", "project")),
    Res("google_compute_target_https_proxy", "portal", {
        "name": "portal-https", "url_map": Ref("google_compute_url_map.web.id"),
        "ssl_certificates": ["projects/phi-prod/global/sslCertificates/portal-cert"],
        "ssl_policy": Ref("google_compute_ssl_policy.modern.id")}, computed=PROXY_COMPUTED),
    Res("google_compute_target_https_proxy", "legacy", {
        "name": "legacy-https", "url_map": Ref("google_compute_url_map.web.id"),
        "ssl_certificates": ["projects/phi-prod/global/sslCertificates/portal-cert"]}, computed=PROXY_COMPUTED),
    Res("google_compute_target_http_proxy", "portal", {
        "name": "portal-http", "url_map": Ref("google_compute_url_map.redirect.id")}, computed=PROXY_COMPUTED),
    Res("google_compute_target_http_proxy", "status", {
        "name": "status-http", "url_map": Ref("google_compute_url_map.web.id")}, computed=PROXY_COMPUTED),
]

RANDOM = "registry.terraform.io/hashicorp/random"
SUFFIX = "random_id.suffix.hex"
SQL_LATE = (*SQL_COMPUTED, "encryption_key_name", "settings.database_flags")  # a dynamic block, for_each unknown
PRIVATE_IP = [{"ipv4_enabled": False, "private_network": Ref("google_compute_network.late.id"),
               "ssl_mode": "ENCRYPTED_ONLY"}]

UNKNOWNS = [  # each kind's facts only known after apply, one resource per kind
    Res("random_id", "suffix", {"byte_length": 4}, computed=("id", "b64_std", "b64_url", "dec", "hex"),
        provider=RANDOM),
    Res("terraform_data", "settings", {"input": {
        "flow_logs": ["INTERVAL_5_SEC"], "dnssec": ["on"], "postgres_flags": {"log_connections": "on"},
        "mysql_flags": {"local_infile": "off"}, "sqlserver_flags": {"remote access": "off"},
        "interfaces": ["late-app"], "redirect_to_https": [True], "suffix": Ref(SUFFIX)}},
        computed=("id", "output"), provider=BUILTIN),
    Res("terraform_data", "vm_metadata", {"input": {"serial-port-enable": "FALSE", "team": Ref(SUFFIX)}},
        computed=("id", "output"), provider=BUILTIN),
    Res("google_kms_key_ring", "exports", {"name": "exports", "location": "us"}, computed=("id", "project")),
    crypto_key("exports", "exports", "exports", rotation_period="7776000s", version_template=SOFTWARE),
    bucket(None, "exports", uniform_bucket_level_access=True, public_access_prevention="enforced",
           encryption=[{"default_kms_key_name": Ref("google_kms_crypto_key.exports.id")}]),
    Res("google_logging_project_sink", "exports", {
        "name": "to-exports", "project": "phi-prod", "destination": Ref("google_storage_bucket.exports.name")},
        computed=("id", "writer_identity"), defaults={"unique_writer_identity": True}),
    Res("google_logging_project_sink", "late", {
        "name": "to-late", "project": "phi-prod", "destination": Ref(SUFFIX)},  # "storage.googleapis.com/${...}"
        computed=("id", "writer_identity"), defaults={"unique_writer_identity": True}),
    Res("google_service_account", "reader", {"account_id": "partner-reader"},
        computed=("id", "email", "name", "member", "project", "unique_id")),
    bucket("partner-drop", "partner_drop", uniform_bucket_level_access=True),
    Res("google_storage_bucket_iam_member", "partner_drop_read", {
        "bucket": Ref("google_storage_bucket.partner_drop.name", "partner-drop"), "role": "roles/storage.objectViewer",
        "member": Ref("google_service_account.reader.member")}, computed=GRANT_COMPUTED),
    Res("google_compute_network", "late", {"name": Ref(SUFFIX), "auto_create_subnetworks": False},
        computed=NET_COMPUTED, defaults={"delete_default_routes_on_create": False}),
    Res("google_compute_subnetwork", "late", {
        "name": "late-app", "region": "us-central1", "ip_cidr_range": "10.30.0.0/24",
        "network": Ref("google_compute_network.late.id")},
        computed=("id", "self_link", "gateway_address", "creation_timestamp", "project", "fingerprint",
                  "secondary_ip_range", "stack_type", "subnetwork_id", "private_ipv6_google_access",
                  "log_config")),  # a dynamic log_config
    Res("google_compute_address", "nat", {"name": "nat-ip", "region": "us-central1"},
        computed=("id", "address", "self_link", "creation_timestamp", "project", "users", "label_fingerprint",
                  "effective_labels", "terraform_labels", "network_tier", "purpose", "subnetwork")),
    Res("google_compute_firewall", "from_nat", {
        "name": "ssh-from-nat", "network": Ref("google_compute_network.late.self_link"),
        "source_ranges": [Ref("google_compute_address.nat.address")], "allow": [{"protocol": "tcp", "ports": ["22"]}]},
        computed=(*FIREWALL_COMPUTED, "destination_ranges", "direction"), defaults={"priority": 1000}),
    Res("google_dns_managed_zone", "late", {"name": "phi-late", "dns_name": "late.phi.example."},
        computed=(*ZONE_COMPUTED, "dnssec_config"), defaults={"visibility": "public", "force_destroy": False}),
    Res("google_sql_database_instance", "late_pg", {
        "name": "late-pg", "database_version": "POSTGRES_16",
        "settings": [{"tier": "db-custom-2-7680", "ip_configuration": PRIVATE_IP}]}, computed=SQL_LATE),
    Res("google_sql_database_instance", "late_mysql", {
        "name": "late-mysql", "database_version": "MYSQL_8_0",
        "settings": [{"tier": "db-custom-2-7680", "ip_configuration": PRIVATE_IP}]}, computed=SQL_LATE),
    Res("google_sql_database_instance", "late_mssql", {
        "name": "late-mssql", "database_version": "SQLSERVER_2019_STANDARD",
        "settings": [{"tier": "db-custom-2-7680", "ip_configuration": PRIVATE_IP}]}, computed=SQL_LATE),
    Res("google_compute_instance", "late_vm", {
        "name": "late-vm", "machine_type": "e2-small", "zone": "us-central1-a", "boot_disk": BOOT,
        "metadata": Ref("terraform_data.vm_metadata.output")},
        computed=(*[k for k in VM_COMPUTED if not k.startswith("network_interface.")], "network_interface"),
        defaults={"can_ip_forward": False, "deletion_protection": False}),  # a dynamic network_interface
    Res("google_compute_url_map", "late", {"name": "late-redirect"},
        computed=("id", "self_link", "creation_timestamp", "map_id", "fingerprint", "project",
                  "default_url_redirect")),  # a dynamic default_url_redirect
    Res("google_compute_target_http_proxy", "late", {
        "name": "late-http", "url_map": Ref("google_compute_url_map.late.id")}, computed=PROXY_COMPUTED),
]

NAMES = {"phi": "phi-records-mod", "scans": "phi-scans-mod"}
READERS = {"phi": "group:records@phi.example", "scans": "allAuthenticatedUsers"}

MODULE_BUCKETS = [  # module "records" (./modules/bucket): a bucket and its readers per key of var.buckets
    Res("google_kms_key_ring", "records", {"name": "records-mod", "location": "us"}, computed=("id", "project")),
    crypto_key("records", "records", "records", rotation_period="7776000s", version_template=SOFTWARE),
    Res("google_storage_bucket", "this", {
        "name": Indexed(NAMES, ("each.value",)), "location": "US", "uniform_bucket_level_access": True,
        "encryption": [{"default_kms_key_name": Ref("var.kms_key", refs=("var.kms_key",))}]},
        computed=(*BUCKET_COMPUTED, "public_access_prevention"), defaults=BUCKET_DEFAULTS, module="records",
        for_each=tuple(NAMES)),
    Res("google_storage_bucket_iam_member", "readers", {
        "bucket": Indexed(NAMES, ("google_storage_bucket.this", "each.key")), "role": "roles/storage.objectViewer",
        "member": Indexed(READERS, ("var.readers", "each.key"))}, computed=GRANT_COMPUTED, module="records",
        for_each=tuple(NAMES)),
]

MODULES = {"module_buckets": (Module("records", "./modules/bucket", {
    "buckets": NAMES, "readers": READERS,
    "kms_key": Ref("google_kms_crypto_key.records.id")}, ("buckets", "kms_key", "readers")),)}

LOG_BUCKET_COMPUTED = ("id", "name", "lifecycle_state")
CMEK_COMPUTED = ("cmek_settings.name", "cmek_settings.service_account_id", "cmek_settings.kms_key_version_name")


def log_bucket(tf: str, project: str, location: str, bucket_id: str, **config: Any) -> Res:
    """A log bucket's settings; ``retention_days`` defaults to 30 when not written."""
    return Res("google_logging_project_bucket_config", tf, {"project": project, "location": location,
                                                           "bucket_id": bucket_id, **config},
               computed=LOG_BUCKET_COMPUTED + (CMEK_COMPUTED if "cmek_settings" in config else ()),
               defaults={} if "retention_days" in config else {"retention_days": 30})


LOG_BUCKETS = [  # as tests/pulumi_programs/gcp.py log_buckets()
    log_bucket("default_phi", "phi-prod", "global", "_Default", retention_days=2190,
               cmek_settings=[{"kms_key_name": CMEK}]),
    log_bucket("default_sandbox", "phi-sandbox", "global", "_Default"),
    log_bucket("app_logs", "phi-prod", "us-central1", "app-logs", retention_days=90),
    Res("google_kms_key_ring", "logs", {"name": "logs", "location": "us-central1"}, computed=("id", "project")),
    crypto_key("logs", "logs", "logs", rotation_period="7776000s", version_template=SOFTWARE),
    log_bucket("audit_logs", "phi-audit", "global", "_Default", retention_days=3650,
               cmek_settings=[{"kms_key_name": Ref("google_kms_crypto_key.logs.id")}]),
]

def grant(tf: str, role: Any, member: Any, project: str = "phi-prod") -> Res:
    return Res("google_project_iam_member", tf, {"project": project, "role": role, "member": member},
               computed=GRANT_COMPUTED)


PROJECT_ADMINS = [  # as tests/pulumi_programs/gcp.py project_admins() and project_custom_role_grant()
    grant("ops_owner", "roles/owner", "user:ops@phi.example"),
    Res("google_project_iam_binding", "editors", {
        "project": "phi-prod", "role": "roles/editor",
        "members": ["group:devs@phi.example", "serviceAccount:ci@phi-prod.iam.gserviceaccount.com"]},
        computed=GRANT_COMPUTED),
    grant("auditor", "roles/viewer", "group:audit@phi.example"),
    Res("google_service_account", "robot", {"account_id": "robot"},
        computed=("id", "email", "name", "member", "project", "unique_id")),
    grant("robot_owner", "roles/owner", Ref("google_service_account.robot.member")),
    Res("google_project_iam_custom_role", "ops", {
        "project": "phi-prod", "role_id": "opsRole", "title": "Ops",
        "permissions": ["compute.instances.start", "compute.instances.stop"]},
        computed=("id", "name", "deleted", "stage")),
    grant("ops_custom", Ref("google_project_iam_custom_role.ops.id"), "group:ops@phi.example"),
]

SCENARIOS: dict[str, list[Res]] = {
    "module_buckets": MODULE_BUCKETS,
    "unknowns": UNKNOWNS,
    "platform": PLATFORM,
    "parity_buckets": PARITY_BUCKETS,
    "parity_firewalls": PARITY_FIREWALLS,
    "log_buckets": LOG_BUCKETS,
    "project_admins": PROJECT_ADMINS,
}


def main() -> None:
    for scenario, resources in SCENARIOS.items():
        out = HERE / scenario / "plan.json"
        out.parent.mkdir(exist_ok=True)
        doc = plan(resources, MODULES.get(scenario, ()))
        out.write_text(json.dumps(doc, indent=2, sort_keys=False) + "\n", encoding="utf-8")
        print(out.relative_to(HERE.parents[1]))


if __name__ == "__main__":
    main()
