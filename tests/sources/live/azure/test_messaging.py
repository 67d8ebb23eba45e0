"""Service Bus / Event Hubs namespaces -> MessageQueue and LocalAuth; Azure Cache for Redis -> TlsListener:
exact verdicts live from the fake, and a denied or throttled listing UNKNOWN."""

from __future__ import annotations

from hitrust_policies.model import MessageQueue
from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.azure.conftest import SUB, scan

QUEUE, LOCAL, TLS = "enc-message-queue-encrypted", "iam-local-auth-disabled", "enc-tls-listener-modern"
VAULT = "https://kv-phi.vault.azure.net/"
FAMILIES = ("service-bus-namespaces", "event-hubs-namespaces", "redis-caches")


def seed(fake: FakeAzure) -> None:
    fake.add(rows.messaging_namespace(SUB, "sb-orders", disable_local_auth=True, key_vault_key=(VAULT, "sb-cmk")),
             rows.messaging_namespace(SUB, "sb-legacy", disable_local_auth=None),
             rows.messaging_namespace(SUB, "eh-telemetry", "eventhub", disable_local_auth=True),
             rows.messaging_namespace(SUB, "eh-keys", "eventhub"),
             rows.redis_cache(SUB, "redis-sessions", disable_access_keys=True),
             rows.redis_cache(SUB, "redis-plain", non_ssl_port=True),
             rows.redis_cache(SUB, "redis-tls10", min_tls="1.0"),
             rows.redis_cache(SUB, "redis-old", non_ssl_port=None, min_tls=None))


def test_namespace_and_cache_verdicts(fake: FakeAzure) -> None:
    seed(fake)
    result = scan(fake, *FAMILIES)
    assert result.complete
    assert verdicts(result.findings(), [QUEUE, LOCAL, TLS]) == table(f"""
        {QUEUE}  sb-orders       PASS
        {QUEUE}  sb-legacy       PASS
        {QUEUE}  eh-telemetry    PASS
        {QUEUE}  eh-keys         PASS
        {LOCAL}  sb-orders       PASS
        {LOCAL}  sb-legacy       FAIL
        {LOCAL}  eh-telemetry    PASS
        {LOCAL}  eh-keys         FAIL
        {TLS}    redis-sessions  PASS
        {TLS}    redis-plain     FAIL
        {TLS}    redis-tls10     FAIL
        {TLS}    redis-old       UNKNOWN
        {LOCAL}  redis-sessions  PASS
        {LOCAL}  redis-plain     FAIL
        {LOCAL}  redis-tls10     FAIL
        {LOCAL}  redis-old       FAIL
    """)  # redis-old: no disableAccessKeyAuthentication, its access keys work
    messages = {(f.rule_id, f.resource.name): f.message for f in result.findings()}
    assert messages[(LOCAL, "eh-keys")].startswith("accepts its SAS keys beside Microsoft Entra ID identities")
    assert messages[(LOCAL, "redis-old")].startswith("accepts its access keys beside")
    assert messages[(TLS, "redis-plain")] == "endpoint also accepts unencrypted connections: non-TLS port 6379 enabled"
    assert messages[(TLS, "redis-tls10")] == "TLS policy allows TLS 1.0"
    assert reasons(result.findings(), [TLS]) == {
        (TLS, "redis-old", "minimumTlsVersion not set on the cache (older caches accepted TLS 1.0)")}
    keys = {r.ref.name: r.kms_key for r in result.resources if isinstance(r, MessageQueue)}
    assert keys == {"sb-orders": "https://kv-phi.vault.azure.net/keys/sb-cmk", "sb-legacy": None,
                    "eh-telemetry": None, "eh-keys": None}
    assert {(c.collector, c.status, c.resources) for c in result.coverage} == {
        ("service-bus-namespaces", "ok", 4), ("event-hubs-namespaces", "ok", 4), ("redis-caches", "ok", 8)}


def test_denied_and_throttled_listings_are_unknown(fake: FakeAzure) -> None:
    seed(fake)
    fake.fail(403, "AuthorizationFailed", query="microsoft.servicebus")
    fake.fail(429, "RateLimiting", query="microsoft.cache", retry_after=0)
    result = scan(fake, *FAMILIES)
    assert not result.complete
    sb, eh, redis = (f"{name} in subscription {SUB}" for name in FAMILIES)
    assert verdicts(result.findings(), [QUEUE, LOCAL, TLS]) == table(f"""
        {QUEUE}  {sb}          UNKNOWN
        {QUEUE}  eh-telemetry  PASS
        {QUEUE}  eh-keys       PASS
        {LOCAL}  {sb}          UNKNOWN
        {LOCAL}  eh-telemetry  PASS
        {LOCAL}  eh-keys       FAIL
        {LOCAL}  {redis}       UNKNOWN
        {TLS}    {redis}       UNKNOWN
    """)
    assert reasons(result.findings(), [QUEUE, TLS]) == {
        (QUEUE, sb, f"AccessDenied: Microsoft.ResourceGraph/resources/read ({sb})"),
        (TLS, redis, f"Throttled (retries exhausted): Microsoft.ResourceGraph/resources/read ({redis})")}
