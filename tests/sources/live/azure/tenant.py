"""A small tenant holding every family the scanner reads, with passing and failing resources.

Used by the read-only, export and CLI tests: one seeding, so "same findings live and from an
export" compares the same resources.
"""

from __future__ import annotations

from typing import Any

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
    vault = rows.key_vault(SUB, "kv-phi")
    docs.append(rows.vault_keys(vault, rows.vault_key(vault, "cmk"), rows.vault_key(vault, "legacy", rotate=None)))
    data = [
        good, bad,
        rows.network_security_group(SUB, "web-nsg", [rows.security_rule(nsg, "ssh", priority=100, ports="22",
                                                                        sources="Internet")]),
        server, db, rows.sql_database(server, "master", system=True),
        rows.managed_disk(SUB, "vm1_OsDisk"), rows.managed_disk(SUB2, "dev_OsDisk"),
        vault, rows.key_vault(SUB2, "kv-dev", purge_protection=False, rbac=False, default_action="Allow"),
        *_compute(),
        rows.web_app(SUB, "phi-portal"),
    ]
    docs.append(rows.site_config(data[-1]))
    return data, docs


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
