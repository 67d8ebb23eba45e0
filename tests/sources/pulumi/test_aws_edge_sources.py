"""pulumi-aws CloudFront distributions and API Gateway stages from real programs: exact verdicts, preview and
update, the same as the live scanner gives the same account (tests/sources/live/aws/test_edge.py)."""

from __future__ import annotations

from tests.pulumi_programs import aws_edge
from tests.sources.pulumi.test_aws_log_sources import BOTH, expect, verdicts

TLS, LOGS = "enc-tls-listener-modern", "log-request-logging"
WAF = "net-web-firewall-attached"


@BOTH
def test_distributions(preview: bool) -> None:
    late_tls = "UNKNOWN" if preview else "PASS"  # the security policy is computed at preview
    late_http = "UNKNOWN" if preview else "FAIL"  # so is the API behaviour's viewer protocol policy
    assert verdicts(aws_edge.distributions, preview, TLS, LOGS) == expect(f"""
        {TLS}       portal.example.com   PASS
        {TLS}       portal.example.com   PASS
        {TLS}       legacy.example.com   FAIL
        {TLS}       legacy.example.com   FAIL
        {TLS}       default.example.com  FAIL
        {TLS}       default.example.com  FAIL
        {TLS}       late.example.com     {late_tls}
        {TLS}       late.example.com     {late_http}
        {LOGS}      portal.example.com   PASS
        {LOGS}      legacy.example.com   FAIL
        {LOGS}      default.example.com  PASS
        {LOGS}      late.example.com     PASS
    """)


@BOTH
def test_stages(preview: bool) -> None:
    assert verdicts(aws_edge.stages, preview, LOGS) == expect(f"""
        {LOGS}  claims-api/prod  PASS
        {LOGS}  claims-api/dev   FAIL
    """)


@BOTH
def test_web_firewalls(preview: bool) -> None:
    """Associations join through their resourceArn's dependency while ARNs are still unknown at preview."""
    assert verdicts(aws_edge.web_firewalls, preview, WAF) == expect(f"""
        {WAF}  guarded-alb         PASS
        {WAF}  open-alb            FAIL
        {WAF}  portal.example.com  PASS
        {WAF}  legacy.example.com  FAIL
        {WAF}  claims-api/prod     PASS
        {WAF}  claims-api/dev      FAIL
    """)
