"""CloudFront distributions (``aws:cloudfront/distribution:Distribution``) as the live scanner has them: a
`TlsListener` for the HTTPS side (the viewer certificate's security policy), one for the HTTP side (cache
behaviours with viewer protocol policy ``allow-all``), a `RequestLogging` (``loggingConfig``: standard logging,
on when the block names a bucket) and a `WebFirewallAttachment` (``webAclId``). Named by the first alias, else
the logical name; semantics shared with the live source (`sources.aws_edge`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from hitrust_policies.model import RequestLogging, TlsListener, Unknown, WebFirewallAttachment
from hitrust_policies.sources.aws_edge import distribution_name, plaintext_behaviours, viewer_min_tls
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

DISTRIBUTION = "aws:cloudfront/distribution:Distribution"


def distribution_ref(res: PulumiResource) -> Any:
    return res.ref(name=distribution_name(res.props.get("aliases"), res.logical_name))


def _custom_certificate(res: PulumiResource) -> bool | Unknown:
    """A certificate of the account's own (ACM or IAM) is named: an ARN still to be computed is one."""
    acm, iam = res.props.get("viewerCertificate.acmCertificateArn"), res.props.get("viewerCertificate.iamCertificateId")
    if isinstance(acm, Unknown) or isinstance(iam, Unknown):
        return True
    return bool(acm or iam)


def _behaviours(res: PulumiResource) -> list[tuple[str, Any]] | Unknown:
    ordered = res.props.get("orderedCacheBehaviors", [])
    if isinstance(ordered, Unknown):
        return ordered
    found = [("default cache behaviour", res.props.get("defaultCacheBehavior.viewerProtocolPolicy"))]
    for b in ordered:
        if isinstance(b, Unknown):
            return b
        found.append((f"cache behaviour {b.get('pathPattern')}", b.get("viewerProtocolPolicy")))
    return found


@pulumi_adapter(DISTRIBUTION, produces=(TlsListener, RequestLogging, WebFirewallAttachment))
def distribution(res: PulumiResource, stack: Stack) -> Iterator[TlsListener | RequestLogging | WebFirewallAttachment]:
    ref = distribution_ref(res)
    behaviours = _behaviours(res)
    floor = viewer_min_tls(_custom_certificate(res), res.props.get("viewerCertificate.minimumProtocolVersion"))
    routes = behaviours if isinstance(behaviours, Unknown) else plaintext_behaviours(behaviours)
    yield TlsListener(ref=replace(ref, part="https"), protocol="HTTPS", min_tls_version=floor, plaintext_routes=())
    yield TlsListener(ref=replace(ref, part="http"), protocol="HTTP", min_tls_version=None, plaintext_routes=routes)
    logging = res.props.get("loggingConfig")
    bucket = logging if isinstance(logging, Unknown) else res.props.get("loggingConfig.bucket")
    yield RequestLogging(ref=ref, enabled=bucket if isinstance(bucket, Unknown) else bool(bucket))
    # an input unknown at preview was set from another resource's output (an ACL's ARN): an unset one is absent
    acl = res.props.get("webAclId")
    yield WebFirewallAttachment(ref=ref, web_acl="web ACL computed at preview" if isinstance(acl, Unknown)
                                else acl or None)
