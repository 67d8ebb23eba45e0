"""What capture() gives azure-native programs: the provider's naming, ARM ids, data-source answers."""

from __future__ import annotations

import re

from hitrust_policies.testing.pulumi import UNKNOWN, capture
from hitrust_policies.testing.pulumi_invokes import short_token
from hitrust_policies.testing.pulumi_values import AZURE_SUBSCRIPTION, AZURE_TENANT
from tests.pulumi_programs import azure_native as programs

GROUP = f"/subscriptions/{AZURE_SUBSCRIPTION}/resourceGroups"


def test_preview_names_are_autonamed_inputs_and_unknown_outputs() -> None:
    found = capture(programs.stock_template_storage, preview=True).by_name()
    account = found["sa"]
    assert re.fullmatch(r"sa[0-9a-f]{8}", account.outputs["accountName"])  # autonamed: 3-24 lower-case alnum
    assert "accountName" not in account.inputs and "name" not in account.outputs and "id" not in account.outputs
    # the group's name output is computed by the provider: unknown to the resources built from it
    assert account.inputs["resourceGroupName"] == UNKNOWN
    assert account.property_dependencies["resourceGroupName"] == (
        "urn:pulumi:test::hitrust::azure-native:resources:ResourceGroup::resource_group",)


def test_update_gives_arm_ids_and_names_equal_to_the_given_ones() -> None:
    found = capture(programs.sql_servers, preview=False).by_name()
    server, reports, tde = found["sql-legacy"], found["reports"], found["reports-tde"]
    group = found["data-rg"].outputs["name"]
    assert re.fullmatch(r"data-rg[0-9a-f]{8}", group)
    assert server.outputs["name"] == "sql-legacy"
    assert server.outputs["id"] == f"{GROUP}/{group}/providers/Microsoft.Sql/servers/sql-legacy"
    assert reports.outputs["serverName"] == "sql-legacy"  # the program passed server.name
    assert reports.outputs["id"] == f"{GROUP}/{group}/providers/Microsoft.Sql/servers/sql-legacy/databases/reports"
    assert tde.outputs["id"] == f"{reports.outputs['id']}/transparentDataEncryption/current"
    # the secret password stays a secret on the wire
    assert server.inputs["administratorLoginPassword"]["value"] == programs.SECRET_PASSWORD
    settings = capture(programs.noncompliant_storage, preview=False).by_name()["readsonly-logs"]
    account_id = f"{GROUP}/web-rg{{}}/providers/Microsoft.Storage/storageAccounts/readsonly"
    assert re.fullmatch(re.escape(account_id).replace(r"\{\}", "[0-9a-f]{8}") + "/blobServices/default",
                        settings.outputs["resourceUri"])
    assert settings.outputs["id"] == f"{settings.outputs['resourceUri']}/providers/Microsoft.Insights/" \
                                     f"diagnosticSettings/{settings.outputs['name']}"


def test_azure_data_sources_are_answered() -> None:
    assert short_token("azure-native:authorization:getClientConfig") == "azure-native:authorization:getClientConfig"
    assert short_token("aws:ec2/getAmi:getAmi") == "aws:ec2/getAmi"

    def program() -> None:
        import pulumi
        from pulumi_azure_native import authorization

        config = authorization.get_client_config()
        pulumi.export("subscription", config.subscription_id)
        pulumi.export("tenant", config.tenant_id)

    result = capture(program, preview=True)
    assert result.exports == {"subscription": AZURE_SUBSCRIPTION, "tenant": AZURE_TENANT}
    assert result.unanswered_invokes == ()
    mine = capture(program, invokes={"azure-native:authorization:getClientConfig": {"tenantId": "t-1"}})
    assert mine.exports == {"subscription": AZURE_SUBSCRIPTION, "tenant": "t-1"}
    stock = capture(programs.stock_template_storage, preview=False)
    assert stock.unanswered_invokes == () and stock.warnings == ()
