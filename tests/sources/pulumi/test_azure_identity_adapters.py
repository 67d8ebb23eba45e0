"""azure-native adapters for custom roles, Key Vault keys and secrets, and services' own keys, on real
azure-native programs (captured under mocks): exact verdicts in a preview and after an update."""

from __future__ import annotations

import pytest

from tests.pulumi_programs import azure_native as programs
from tests.sources.live.aws.conftest import table
from tests.sources.pulumi.test_azure_adapters import values, verdicts


def only(program, preview: bool, *rule_ids: str):  # noqa: ANN001, ANN201
    return +type(verdicts(program, preview))(
        {k: n for k, n in verdicts(program, preview).items() if k[0] in rule_ids})


@pytest.mark.parametrize("preview", [True, False])
def test_vault_keys_and_secrets_expiry(preview: bool) -> None:
    assert only(programs.vault_keys_and_secrets, preview, "iam-vault-object-expires") == table("""
        iam-vault-object-expires  kv-phi/cmk          PASS
        iam-vault-object-expires  kv-phi/forever      FAIL
        iam-vault-object-expires  kv-phi/db-password  PASS
        iam-vault-object-expires  kv-phi/api-token    FAIL
        iam-vault-object-expires  kv-phi/rolling-key  PASS
    """)


@pytest.mark.parametrize("preview", [True, False])
def test_vault_keys_rotation(preview: bool) -> None:
    """A key rotates when its declared rotation policy has a Rotate action; none declared is none at all; an
    action type computed at preview is Unknown. Key Vault keys never answer anonymous callers."""
    assert only(programs.vault_keys_and_secrets, preview, "enc-crypto-key-rotation", "net-crypto-key-not-public") == (
        table(f"""
        enc-crypto-key-rotation    kv-phi/cmk          FAIL
        enc-crypto-key-rotation    kv-phi/forever      PASS
        enc-crypto-key-rotation    kv-phi/rolling-key  {"UNKNOWN" if preview else "PASS"}
        net-crypto-key-not-public  kv-phi/cmk          PASS
        net-crypto-key-not-public  kv-phi/forever      PASS
        net-crypto-key-not-public  kv-phi/rolling-key  PASS
    """))


@pytest.mark.parametrize("preview", [True, False])
def test_custom_roles(preview: bool) -> None:
    assert only(programs.custom_roles, preview, "iam-policy-grant-no-admin") == table("""
        iam-policy-grant-no-admin  god-mode          FAIL
        iam-policy-grant-no-admin  ops-all-but-rbac  FAIL
        iam-policy-grant-no-admin  rg-admin          PASS
        iam-policy-grant-no-admin  storage-ops       PASS
    """)
    grants = {v.ref.name: v for v in values(programs.custom_roles, preview) if type(v).__name__ == "PolicyGrant"}
    assert grants["god-mode"].attached is True and grants["storage-ops"].attached is False
    assert grants["ops-all-but-rbac"].exceptions == "Microsoft.Authorization/*/Write"
    assert only(programs.custom_roles, preview, "iam-policy-grant-no-service-wildcard") == table("""
        iam-policy-grant-no-service-wildcard  god-mode          PASS
        iam-policy-grant-no-service-wildcard  ops-all-but-rbac  PASS
        iam-policy-grant-no-service-wildcard  rg-admin          PASS
        iam-policy-grant-no-service-wildcard  storage-ops       FAIL
    """)


@pytest.mark.parametrize("preview", [True, False])
def test_local_auth(preview: bool) -> None:
    assert only(programs.local_auth, preview, "iam-local-auth-disabled") == table("""
        iam-local-auth-disabled  acrlegacy     FAIL
        iam-local-auth-disabled  acrphi        PASS
        iam-local-auth-disabled  cosmos-phi    PASS
        iam-local-auth-disabled  cosmos-keys   FAIL
    """)
