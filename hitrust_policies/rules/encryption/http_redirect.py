"""Plaintext HTTP endpoints that should send their clients to HTTPS."""

from hitrust_policies.model import TlsListener
from hitrust_policies.rules.registry import rule


@rule(
    "enc-http-redirects-to-https",
    title="HTTP endpoints redirect to HTTPS",
    domain="encryption",
    severity="high",
    remediation={
        "aws": "Make every HTTP listener action redirect to HTTPS (Application Load Balancer: default action and "
        "rules of type redirect with protocol HTTPS; pulumi-aws lb.Listener default_actions redirect); set every "
        "CloudFront cache behaviour's viewer protocol policy to redirect-to-https or https-only "
        "(pulumi-aws cloudfront.Distribution default_cache_behavior / ordered_cache_behaviors "
        "viewer_protocol_policy).",
        "azure": "Turn on HTTPS Only for the App Service app (az webapp update --https-only true; azure-native "
        "web.WebApp httpsOnly=True).",
        "gcp": "Make the HTTP load balancer's URL map redirect every route to HTTPS (defaultUrlRedirect "
        "httpsRedirect=true; gcloud compute url-maps import).",
    },
)
def enc_http_redirects_to_https(listener: TlsListener):
    """A client that reaches a PHI application over plaintext HTTP must be sent to HTTPS before it sends a
    cookie or a form, not served in the clear.

    Follows AWS Config alb-http-to-https-redirection-check and Security Hub ELB.1 (every HTTP listener of an
    Application Load Balancer, its rules too: a forwarding rule behind a redirecting default serves plaintext),
    AWS Config cloudfront-viewer-policy-https and Security Hub CloudFront.3 (no cache behaviour of a
    distribution with viewer protocol policy allow-all), Azure Policy "App Service apps should only be
    accessible over HTTPS" (a4af4a39-4135-47fb-b175-47fbdf85311d, httpsOnly) and CIS Google Cloud Platform
    Foundation's HTTPS load balancing recommendations (URL maps of HTTP proxies redirecting). Only HTTP
    endpoints are judged; every other listener passes here and has its TLS floor judged by
    enc-tls-listener-modern.
    """
    if listener.protocol != "HTTP":
        return None
    if listener.plaintext_routes:
        return f"HTTP endpoint serves requests without redirecting to HTTPS: {', '.join(listener.plaintext_routes)}"
