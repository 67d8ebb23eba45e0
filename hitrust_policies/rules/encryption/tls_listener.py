"""Encryption in transit at network endpoints."""

from hitrust_policies.model import TlsListener
from hitrust_policies.rules.registry import rule

PLAINTEXT = ("HTTP", "TCP", "UDP", "TCP_UDP")
MODERN = ("1.2", "1.3")


@rule(
    "enc-tls-listener-modern",
    title="Listeners use TLS 1.2 or newer",
    domain="encryption",
    severity="high",
    remediation="Serve HTTPS/TLS with a TLS 1.2+ policy (e.g. ELBSecurityPolicy-TLS13-1-2-2021-06); "
    "make HTTP listeners redirect to HTTPS.",
)
def enc_tls_listener_modern(listener: TlsListener):
    """PHI in transit must be encrypted; TLS 1.0/1.1 are broken and banned by HHS guidance."""
    if listener.protocol in PLAINTEXT:
        if listener.protocol == "HTTP" and listener.redirects_to_https:
            return None
        return f"{listener.protocol} listener accepts unencrypted connections"
    if listener.min_tls_version not in MODERN:
        return f"TLS policy allows TLS {listener.min_tls_version}"
