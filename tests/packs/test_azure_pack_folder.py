"""packs/hitrust-azure: the folder the engine loads, what GetAnalyzerInfo says, what it imports."""

from __future__ import annotations

import json

import pytest
import yaml
from pulumi.runtime.proto import analyzer_pb2

from hitrust_policies import all_rules
from hitrust_policies.sources.pulumi import stack_level_kinds, supported_kinds
from hitrust_policies.testing.pulumi import PackProcess, default_pack_dir
from tests.packs.helpers import MANDATORY, captured, keys
from tests.pulumi_programs import azure_native as programs

PACK = default_pack_dir("hitrust-azure")
AZURE_RULES = {
    "enc-block-volume-encrypted", "enc-database-storage-encrypted", "enc-object-store-default-encryption",
    "enc-object-store-kms", "enc-object-store-tls-only", "enc-tls-listener-modern",
    "log-object-store-access-logging", "net-database-not-public", "net-ingress-rule-admin-ports",
    "net-object-store-public-access-blocked", "net-service-firewall-default-deny",
    "enc-database-storage-kms", "iam-database-directory-auth", "log-database-auditing",
    "log-log-group-retention", "enc-log-group-audit-kms", "log-threat-detection-enabled", "log-network-flow-logs",
    "iam-policy-grant-no-admin", "iam-vault-object-expires", "iam-local-auth-disabled",
    "enc-block-volume-kms", "enc-instance-host-encryption", "net-instance-no-public-ip", "net-subnet-security-group",
    "enc-web-app-ftps-only", "net-web-app-remote-debugging-off",
    "iam-web-app-managed-identity", "enc-infrastructure-encryption-enabled", "enc-message-queue-encrypted",
    "net-network-default-absent", "net-instance-ip-forwarding-off",
    "enc-crypto-key-rotation", "net-crypto-key-not-public", "enc-crypto-key-not-pending-deletion",
    "iam-policy-grant-no-service-wildcard", "iam-policy-grant-no-kms-decrypt-all-keys",
}


def test_folder_is_a_python_pack_that_only_serves() -> None:
    meta = yaml.safe_load((PACK / "PulumiPolicy.yaml").read_text())
    assert meta["runtime"] == {"name": "python", "options": {"virtualenv": "venv"}}
    assert "azure-native" in meta["description"]
    assert [line for line in (PACK / "requirements.txt").read_text().splitlines()
            if line.strip() and not line.startswith("#")] == ["../..[pulumi]"]  # this checkout (test_install.py)
    lines = [line for line in (PACK / "__main__.py").read_text().splitlines() if line.strip()]
    assert lines == ["from hitrust_policies.pulumi_pack import serve", 'serve("hitrust-azure", package="azure-native")']
    readme = (PACK / "README.md").read_text()
    for snippet in ("pulumi preview --policy-pack packs/hitrust-azure", "--policy-pack-config",
                    "config.example.json", "pulumi policy publish"):
        assert snippet in readme
    json.loads((PACK / "config.example.json").read_text())


def test_one_policy_per_rule_evaluable_from_azure_native_props(azure_pack: PackProcess) -> None:
    info = azure_pack.info()
    assert info.name == "hitrust-azure" and info.supportsConfig
    assert {p.name for p in info.policies} == AZURE_RULES
    assert AZURE_RULES == {r.id for r in all_rules() if not r.live_only and r.kind in supported_kinds("azure-native")}
    joined = stack_level_kinds("azure-native")
    kinds = {r.id: r.kind for r in all_rules()}
    for p in info.policies:
        expected = analyzer_pb2.POLICY_TYPE_STACK if kinds[p.name] in joined else analyzer_pb2.POLICY_TYPE_RESOURCE
        assert p.policy_type == expected, p.name
    stack = {p.name for p in info.policies if p.policy_type == analyzer_pb2.POLICY_TYPE_STACK}
    # storage accounts are joined with their diagnostic settings, workspaces with what delivers to them, role
    # definitions with their assignments and vault keys / secrets with their vault's name: every kind they yield
    # is judged at stack level; a Defender plan, a service's local authentication, a disk, a web app, a storage
    # account's infrastructure encryption and a messaging namespace stand alone
    assert stack == AZURE_RULES - {"enc-block-volume-encrypted", "log-threat-detection-enabled",
                                   "iam-local-auth-disabled", "enc-block-volume-kms", "enc-web-app-ftps-only",
                                   "net-web-app-remote-debugging-off", "iam-web-app-managed-identity",
                                   "enc-infrastructure-encryption-enabled", "enc-message-queue-encrypted"}


@pytest.mark.usefixtures("monkeypatch")
def test_no_cloud_sdk_is_imported_at_start_or_while_analyzing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing azure-native's submodules costs seconds and hundreds of MB; the pack reads props only."""
    monkeypatch.setenv("PYTHONPROFILEIMPORTTIME", "1")
    resources = captured(programs.sql_servers)
    with PackProcess(PACK) as pack:
        assert keys(pack.run(resources, MANDATORY))  # it analyzed something
        imported = {line.rsplit("|", 1)[-1].strip() for line in pack.stderr if line.startswith("import time:")}
    assert "hitrust_policies.sources.pulumi.azure.sql" in imported
    heavy = sorted(m for m in imported if m.split(".")[0] in ("pulumi_azure_native", "pulumi_aws", "boto3", "azure"))
    assert heavy == []
