"""Encryption in transit at network endpoints."""

from hitrust_policies.model import TlsListener, UnknownFact
from hitrust_policies.rules.registry import rule

TERMINATING = ("HTTPS", "TLS", "SSL")
PASS_THROUGH = ("TCP", "UDP", "TCP_UDP")
MODERN = ("1.2", "1.3")


@rule(
    "enc-tls-listener-modern",
    title="Listeners use TLS 1.2 or newer",
    domain="encryption",
    severity="high",
    remediation={
        "aws": "Serve HTTPS/TLS with a TLS 1.2+ policy (e.g. ELBSecurityPolicy-TLS13-1-2-2021-06); "
        "make HTTP listeners and every one of their rules redirect to HTTPS; give CloudFront distributions a "
        "certificate of your own with security policy TLSv1.2_2021 or newer and set every cache behaviour's viewer "
        "protocol policy to redirect-to-https or https-only.",
        "azure": "Set the endpoint's minimum TLS version to 1.2 (storage: az storage account update "
        "--min-tls-version TLS1_2; SQL: az sql server update --minimal-tls-version 1.2; flexible servers: az "
        "postgres|mysql flexible-server parameter set --name ssl_min_protocol_version|tls_version --value "
        "TLSv1.2; App Service: az webapp config set --min-tls-version 1.2; Redis: az redis update --set "
        "minimumTlsVersion=1.2) and refuse plaintext (require_secure_transport ON; App Service: az webapp update "
        "--https-only true; Redis: az redis update --set enableNonSslPort=false).",
        "gcp": "Attach an SSL policy with --min-tls-version 1.2 (profile MODERN or RESTRICTED) to every target "
        "HTTPS / SSL proxy (gcloud compute ssl-policies create; gcloud compute target-https-proxies update "
        "--ssl-policy); make HTTP load balancers' URL maps redirect every route to HTTPS (httpsRedirect); "
        "make Cloud SQL instances refuse unencrypted connections (gcloud sql instances patch INSTANCE "
        "--ssl-mode=ENCRYPTED_ONLY, or TRUSTED_CLIENT_CERTIFICATE_REQUIRED).",
    },
)
def enc_tls_listener_modern(listener: TlsListener):
    """PHI in transit must be encrypted; TLS 1.0/1.1 are broken and banned by HHS guidance.

    Follows AWS Config elbv2-listener-encryption-in-transit / elb-tls-https-listeners-only and
    alb-http-to-https-redirection-check, Security Hub ELB.1 / ELB.3 / ELB.8 / ELB.17 and Prowler
    elbv2_ssl_listeners / elb_ssl_listeners / elbv2_insecure_ssl_ciphers. An HTTP listener passes
    only if no default action or rule serves a request without redirecting it to HTTPS (a fixed
    response serves no target): a forwarding rule behind a redirecting default is what Prowler
    misses. TCP / UDP pass-through listeners are UNKNOWN, not FAIL as AWS Config has them: the
    bytes may be TLS end to end, which only the targets show, so neither verdict would be sound.
    On Azure, storage account and SQL server endpoints: Azure Policy "Storage accounts should have the
    specified minimum TLS version" (fe83a0eb-a853-422d-aac2-1bffd182c5d0) and "Azure SQL Database should
    be running TLS version 1.2 or newer" (32e6bbec-16b6-44c2-be37-c5b672d103cf), CIS Microsoft Azure
    Foundations 3.15 (v2.0.0), Prowler storage_ensure_minimum_tls_version_12 /
    sqlserver_recommended_minimal_tls_version. PostgreSQL / MySQL flexible servers, which also take
    plaintext unless ``require_secure_transport`` is ON (a plaintext route of a TLS endpoint): Azure
    Policy "Enforce SSL connection should be enabled for PostgreSQL flexible servers"
    (c29c38cb-74a7-4505-9a06-e588ab86620a), CIS Microsoft Azure Foundations 4.3.1 / 4.4.1 / 4.4.2,
    Prowler postgresql_flexible_server_enforce_ssl_enabled / mysql_flexible_server_ssl_connection_enabled
    / mysql_flexible_server_minimum_tls_version_12. App Service apps' HTTP and HTTPS endpoints: "App
    Service apps should only be accessible over HTTPS" (a4af4a39-4135-47fb-b175-47fbdf85311d) and "App
    Service apps should use the latest TLS version" (f0e6e85b-9b9f-4a4b-b67b-f730d42f1b0b). Azure Cache
    for Redis (``minimumTlsVersion``; unset on old caches: UNKNOWN) and its non-TLS port 6379: "Azure Cache
    for Redis should only allow secure connections" (22bee202-a82f-4305-9a2a-6d7f44d4dedb).
    On Google Cloud, load balancers' target HTTPS / SSL proxies with their SSL policy's minTlsVersion
    (none: Google's default, TLS 1.0) and target HTTP proxies with their URL map's routes: CIS Google
    Cloud Platform Foundation 3.9 (which also rejects the COMPATIBLE profile's ciphers: not judged here).
    Cloud SQL instances, which take plaintext unless ``sslMode`` (or the legacy ``requireSsl``) refuses it:
    CIS Google Cloud Platform Foundation 6.4, Prowler cloudsql_instance_ssl_connections, policy-library
    gcp_sql_ssl; Cloud SQL has no minimum TLS version setting, so an instance that refuses plaintext is
    UNKNOWN on its TLS floor.
    CloudFront distributions, an HTTPS side and an HTTP side: AWS Config cloudfront-security-policy-check (viewer
    security policy TLSv1.2_2018 or newer; a distribution on CloudFront's own certificate is served as TLSv1
    whatever it says) and cloudfront-viewer-policy-https / Security Hub CloudFront.3 (no cache behaviour with
    viewer protocol policy allow-all).
    """
    protocol = listener.protocol
    if protocol == "HTTP":
        if listener.plaintext_routes:
            return f"HTTP listener serves unencrypted requests: {', '.join(listener.plaintext_routes)}"
        return None
    if protocol in PASS_THROUGH:
        raise UnknownFact(f"{protocol} listener passes traffic through without terminating it: whether "
                          "it is TLS end to end is decided by the targets, not visible at the listener")
    if protocol not in TERMINATING:
        raise UnknownFact(f"unrecognised listener protocol {protocol}")
    if listener.plaintext_routes:
        return f"endpoint also accepts unencrypted connections: {', '.join(listener.plaintext_routes)}"
    if listener.min_tls_version not in MODERN:
        return f"TLS policy allows {_version(listener.min_tls_version)}"


def _version(version: str) -> str:
    return "SSL 3.0" if version == "SSLv3" else f"TLS {version}"
