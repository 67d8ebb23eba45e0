"""A small tenant holding every family the scanner reads, with passing and failing resources.

Used by the read-only, export and CLI tests: one seeding, so "same findings live and from an
export" compares the same resources.
"""

from __future__ import annotations

from typing import Any

from hitrust_policies.sources.azure_semantics import THREAT_DETECTION_PLANS
from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.azure.conftest import SUB, SUB2


def tenant_rows() -> tuple[list[dict[str, Any]], list[tuple[str, dict[str, Any]]]]:
    """(Resource Graph rows, ARM documents) of the tenant."""
    docs: list[tuple[str, dict[str, Any]]] = []
    good = rows.storage_account(SUB, "phirecords", key_vault_key=("https://kv-phi.vault.azure.net/", "cmk"))
    bad = rows.storage_account(SUB2, "publicweb", https_only=False, allow_blob_public_access=True)
    docs.append(rows.diagnostic_settings(rows.blob_service_id(good), {"categoryGroup": "allLogs"}))
    nsg = rows.nsg_id_of(SUB, "web-nsg")
    server = rows.sql_server(SUB, "sql-phi", public_network_access="Enabled")
    db = rows.sql_database(server, "claims")
    docs.append(rows.tde(db))
    docs.extend((rows.encryption_protector(server), rows.sql_administrators(server, "phi-dba-group"),
                 rows.sql_auditing(server)))
    pg = rows.flexible_server(SUB, "pg-phi", public_network_access="Enabled", entra_auth=False)
    docs.extend((rows.server_configuration(pg, "require_secure_transport", "off"),
                 rows.server_configuration(pg, "ssl_min_protocol_version", "TLSv1.2"),
                 rows.flexible_firewall_rules(pg, ("office", "203.0.113.7", "203.0.113.7"))))
    my = rows.flexible_server(SUB2, "my-dev", "mysql", public_network_access="Enabled")
    docs.extend((rows.server_configuration(my, "require_secure_transport", "ON"),
                 rows.server_configuration(my, "tls_version", "TLSv1.2"),
                 rows.sql_administrators(my, "dev-dba-group"),
                 rows.flexible_firewall_rules(my, ("AllowAll", "0.0.0.0", "255.255.255.255"))))
    vault = rows.key_vault(SUB, "kv-phi")
    docs.append(rows.vault_keys(vault, rows.vault_key(vault, "cmk"), rows.vault_key(vault, "legacy", rotate=None)))
    docs.append(rows.graph_user("7a1e0000-0000-4000-8000-000000000001", "admin@phi.onmicrosoft.com"))
    data = [
        good, bad,
        rows.network_security_group(SUB, "web-nsg", [rows.security_rule(nsg, "ssh", priority=100, ports="22",
                                                                        sources="Internet")]),
        server, db, rows.sql_database(server, "master", system=True),
        rows.managed_disk(SUB, "vm1_OsDisk"), rows.managed_disk(SUB2, "dev_OsDisk"),
        vault, rows.key_vault(SUB2, "kv-dev", purge_protection=False, rbac=False, default_action="Allow"),
        pg, my,
        *_rbac(),
        *_compute(),
        rows.web_app(SUB, "phi-portal"),
    ]
    docs.append(rows.site_config(data[-1]))
    data += _logging(docs, good["id"])
    data += [rows.messaging_namespace(SUB, "sb-orders", disable_local_auth=True),
             rows.messaging_namespace(SUB2, "eh-telemetry", "eventhub"), rows.redis_cache(SUB, "redis-sessions")]
    return data, docs


def _logging(docs: list[tuple[str, dict[str, Any]]], flow_log_store: str) -> list[dict[str, Any]]:
    """Activity log export, Defender plans, a workspace and flow logs (SUB compliant but for the
    workspace's key; SUB2 with nothing exported, one plan off and an unlogged network)."""
    law = rows.workspace_id_of(SUB, "law-audit")
    docs.append(rows.activity_log_settings(SUB, rows.activity_log_setting(SUB, "to-law", workspace=law)))
    web = rows.nsg_id_of(SUB, "web-nsg")
    return [
        *(rows.defender_pricing(SUB, plan) for plan in THREAT_DETECTION_PLANS),
        *(rows.defender_pricing(SUB2, plan, "Free" if plan == "StorageAccounts" else "Standard")
          for plan in THREAT_DETECTION_PLANS),
        rows.log_analytics_workspace(SUB, "law-audit", retention_days=365),
        rows.virtual_network(SUB, "hub", {"web": web}),
        rows.flow_log(SUB, "web-nsg-flows", web, retention_days=365, storage_account=flow_log_store),
        rows.virtual_network(SUB2, "dev", {"default": None}),
        rows.network_watcher(SUB), rows.network_watcher(SUB2, "westus"),  # SUB2's network is in eastus
    ]


def _rbac() -> list[dict[str, Any]]:
    """A custom subscription owner role held by a deploy pipeline; two Owners of SUB, one of SUB2."""
    owner, custom = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "5b0e7c1d-0000-4000-8000-0000000000c1"
    return [rows.role_definition(SUB, custom, "deploy-everything", actions=["*"]),
            rows.role_assignment(SUB, "ra-1", owner, "7a1e0000-0000-4000-8000-000000000001"),
            rows.role_assignment(SUB, "ra-2", owner, "7a1e0000-0000-4000-8000-000000000002", principal_type="Group"),
            rows.role_assignment(SUB, "ra-3", custom, "7a1e0000-0000-4000-8000-000000000003",
                                 principal_type="ServicePrincipal"),
            rows.role_assignment(SUB2, "ra-4", owner, "7a1e0000-0000-4000-8000-000000000001")]


def _compute() -> list[dict[str, Any]]:
    """A VM on a public IP and one without, the subnet they share (with an NSG) and one without."""
    nsg, pip = rows.nsg_id_of(SUB, "web-nsg"), rows.public_ip_address(SUB, "web-ip")
    web_nic, app_nic = rows.network_interface(SUB, "web-nic", public_ips=[pip]), rows.network_interface(SUB, "app-nic")
    return [pip, web_nic, app_nic, rows.virtual_machine(SUB, "web-vm", [web_nic], encryption_at_host=None),
            rows.virtual_machine(SUB, "app-vm", [app_nic]),
            rows.virtual_network(SUB, "spoke", {"web": nsg, "data": None})]


def seed(fake: FakeAzure) -> list[dict[str, Any]]:
    data, docs = tenant_rows()
    fake.add(*data)
    for path, doc in docs:
        fake.put(path, doc)
    return data
