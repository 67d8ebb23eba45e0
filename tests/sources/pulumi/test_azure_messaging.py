"""azure-native adapters for Service Bus / Event Hubs namespaces and Azure Cache for Redis, on a real
azure-native program (captured under mocks): exact verdicts in a preview and after an update."""

from __future__ import annotations

import pytest

from hitrust_policies.model import MessageQueue
from tests.pulumi_programs import azure_native as programs
from tests.sources.live.aws.conftest import table
from tests.sources.pulumi.test_azure_adapters import values
from tests.sources.pulumi.test_azure_identity_adapters import only

RULES = ("enc-message-queue-encrypted", "iam-local-auth-disabled", "enc-tls-listener-modern")


@pytest.mark.parametrize("preview", [True, False])
def test_namespaces_and_caches(preview: bool) -> None:
    assert only(programs.messaging_and_caches, preview, *RULES) == table("""
        enc-message-queue-encrypted  sb-orders       PASS
        enc-message-queue-encrypted  sb-legacy       PASS
        enc-message-queue-encrypted  eh-telemetry    PASS
        iam-local-auth-disabled      sb-orders       PASS
        iam-local-auth-disabled      sb-legacy       FAIL
        iam-local-auth-disabled      eh-telemetry    PASS
        enc-tls-listener-modern      redis-sessions  PASS
        enc-tls-listener-modern      redis-plain     FAIL
        enc-tls-listener-modern      redis-tls10     FAIL
        iam-local-auth-disabled      redis-sessions  PASS
        iam-local-auth-disabled      redis-plain     FAIL
        iam-local-auth-disabled      redis-tls10     FAIL
    """)
    keys = {v.ref.name: v.kms_key for v in values(programs.messaging_and_caches, preview)
            if isinstance(v, MessageQueue)}
    assert keys == {"sb-orders": "https://kv-phi.vault.azure.net/keys/sb-cmk", "sb-legacy": None,
                    "eh-telemetry": None}
