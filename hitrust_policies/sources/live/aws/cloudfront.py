"""Where CloudFront distributions become model values: for each, a `TlsListener` for its HTTPS side (viewer
security policy) and one for its HTTP side (cache behaviours that serve plaintext), and a `RequestLogging`
(standard logging, read with ``GetDistributionConfig``, one call per distribution, a few at a time:
``ListDistributions`` leaves it out). CloudFront is global: read once per account, from us-east-1.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from hitrust_policies.model import RequestLogging, TlsListener, Unknown, WebFirewallAttachment
from hitrust_policies.sources.aws_edge import distribution_name, plaintext_behaviours, viewer_min_tls
from hitrust_policies.sources.live.aws.collector import Ctx, collector

NATIVE_TYPE = "AWS::CloudFront::Distribution"


def distributions(ctx: Ctx) -> list[dict[str, Any]]:
    client = ctx.client("cloudfront", "us-east-1")
    return [d for page in client.get_paginator("list_distributions").paginate()
            for d in page.get("DistributionList", {}).get("Items", [])]


def _ref(ctx: Ctx, dist: dict[str, Any]) -> Any:
    name = distribution_name(dist.get("Aliases", {}).get("Items"), dist["Id"])
    return ctx.ref(NATIVE_TYPE, dist["ARN"], name, region="")


def _behaviours(dist: dict[str, Any]) -> list[tuple[str, Any]]:
    found = [("default cache behaviour", dist.get("DefaultCacheBehavior", {}).get("ViewerProtocolPolicy"))]
    found += [(f"cache behaviour {b.get('PathPattern')}", b.get("ViewerProtocolPolicy"))
              for b in dist.get("CacheBehaviors", {}).get("Items", [])]
    return found


def _custom_certificate(cert: dict[str, Any]) -> bool:
    return bool(cert.get("ACMCertificateArn") or cert.get("IAMCertificateId"))


@collector("cloudfront-distributions", service="cloudfront", regional=False,
           kinds=(TlsListener, WebFirewallAttachment), calls=("cloudfront:ListDistributions",))
def cloudfront_distributions(ctx: Ctx) -> Iterator[TlsListener | WebFirewallAttachment]:
    """Viewer TLS, plaintext cache behaviours and the web ACL (``WebACLId``: a WAFv2 ACL's ARN or a WAF Classic
    ACL's id), all from the listing."""
    for dist in distributions(ctx):
        ref, cert = _ref(ctx, dist), dist.get("ViewerCertificate", {})
        yield TlsListener(ref=replace(ref, part="https"), protocol="HTTPS", plaintext_routes=(),
                          min_tls_version=viewer_min_tls(_custom_certificate(cert), cert.get("MinimumProtocolVersion")))
        yield TlsListener(ref=replace(ref, part="http"), protocol="HTTP", min_tls_version=None,
                          plaintext_routes=plaintext_behaviours(_behaviours(dist)))
        yield WebFirewallAttachment(ref=ref, web_acl=dist.get("WebACLId") or None)


@collector("cloudfront-logging", service="cloudfront", regional=False, kinds=(RequestLogging,),
           calls=("cloudfront:ListDistributions", "cloudfront:GetDistributionConfig"))
def cloudfront_logging(ctx: Ctx) -> Iterator[RequestLogging]:
    """Standard logging (``Logging.Enabled`` with a bucket). Real-time logs to Kinesis are not standard logging and
    are not counted, as AWS Config cloudfront-accesslogs-enabled does not count them."""
    client = ctx.client("cloudfront", "us-east-1")

    def one(dist: dict[str, Any]) -> RequestLogging:
        found = ctx.fact("cloudfront:GetDistributionConfig",
                         lambda: client.get_distribution_config(Id=dist["Id"])["DistributionConfig"])
        logging = found if isinstance(found, Unknown) else found.get("Logging", {})
        enabled = logging if isinstance(logging, Unknown) else bool(logging.get("Enabled") and logging.get("Bucket"))
        return RequestLogging(ref=_ref(ctx, dist), enabled=enabled)

    yield from ctx.fan_out(one, distributions(ctx))
