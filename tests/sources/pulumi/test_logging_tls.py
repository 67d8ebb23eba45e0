"""Trails, audit log groups and listeners from real pulumi-aws programs (captured), as model values.

The shapes here are pulumi-aws's own (camelCase ``eventSelectors``, ``lbProtocol``, listener
rules and policies as separate resources), in a preview (ids and ARNs unknown, joins through
propertyDependencies) and in an update (joins by value).
"""

from __future__ import annotations

import pytest

from hitrust_policies.model import AuditTrail, LogGroup, TlsListener, Unknown
from hitrust_policies.sources.pulumi import PulumiResource, to_model
from hitrust_policies.testing.pulumi import capture
from tests.pulumi_programs import logging, tls


def values(program, preview: bool) -> list:
    return to_model(PulumiResource.from_wire(r.type, r.urn, r.outputs, name=r.name,
                                             property_dependencies=r.property_dependencies)
                    for r in capture(program, preview=preview))


@pytest.mark.parametrize("preview", [True, False], ids=["preview", "update"])
def test_trail_selectors(preview: bool) -> None:
    trails = {v.ref.name: v for v in values(logging.trail_selectors, preview) if isinstance(v, AuditTrail)}
    facts = {n: (t.management_reads, t.management_writes, t.management_exclusions) for n, t in trails.items()}
    assert facts == {
        "writes-trail": (False, True, ()),
        "no-kms-trail": (True, True, ("events from kms.amazonaws.com",)),  # readWriteType defaults to All
    }


@pytest.mark.parametrize("preview", [True, False], ids=["preview", "update"])
def test_audit_log_groups(preview: bool) -> None:
    got = values(logging.audit_log_groups, preview)
    groups = {v.ref.name: (v.holds_audit_data, v.kms_key) for v in got if isinstance(v, LogGroup)}
    key = "arn:aws:kms:us-east-1:123456789012:key/audit-logs"
    assert groups == {"/audit/trail": (True, key), "/audit/flows": (True, None), "/app/web": (False, None)}
    (trail,) = [v for v in got if isinstance(v, AuditTrail)]
    expected = ("(ARN of log group trail-logs, computed at preview)" if preview
                else "arn:aws:logs:us-east-1:123456789012:log-group:/audit/trail:*")
    assert (trail.cloudwatch_logs, trail.cloudwatch_delivery_hours) == (expected, None)


@pytest.mark.parametrize("preview", [True, False], ids=["preview", "update"])
def test_listener_defaults_and_rules(preview: bool) -> None:
    listeners = {v.ref.name: (v.protocol, v.plaintext_routes) for v in values(tls.listener_defaults_and_rules, preview)
                 if isinstance(v, TlsListener)}
    assert listeners == {
        "portal:8080": ("HTTP", ("default action forwards",)),  # protocol from the application LB
        "db-proxy:5432": ("TCP", ()),  # from the network LB
        "portal:80": ("HTTP", ("rule 10 forwards",)),  # aws:lb/listenerRule joined to its listener
        "portal:81": ("HTTP", ()),  # aws:alb/listenerRule alias, redirecting
    }


@pytest.mark.parametrize("preview", [True, False], ids=["preview", "update"])
def test_classic_load_balancer(preview: bool) -> None:
    listeners = {v.ref.name: (v.protocol, v.min_tls_version, v.ref.part)
                 for v in values(tls.classic_load_balancer, preview) if isinstance(v, TlsListener)}
    assert listeners == {
        "legacy:443": ("HTTPS", "1.2", "443"),  # aws:elb/sslNegotiationPolicy joined on the LB and port
        "legacy:8443": ("SSL", "1.0", "8443"),
        "legacy:5432": ("TCP", None, "5432"),
        "legacy:80": ("HTTP", None, "80"),
    }


@pytest.mark.parametrize("preview", [True, False], ids=["preview", "update"])
def test_trail_object_data_events(preview: bool) -> None:
    """The selectors read by the module the live scanner uses; a bucket ARN computed at preview is unknown."""
    trails = {v.ref.name: v for v in values(logging.trail_data_events, preview) if isinstance(v, AuditTrail)}
    facts = {n: (t.object_data_reads, t.object_data_writes) for n, t in trails.items() if n != "late-bucket-trail"}
    assert facts == {"all-objects-trail": (True, True), "one-bucket-trail": (False, False),
                     "writes-trail": (False, True)}
    late = trails["late-bucket-trail"]
    if preview:
        assert isinstance(late.object_data_reads, Unknown) and "computed at preview" in late.object_data_reads.reason
    else:
        assert (late.object_data_reads, late.object_data_writes) == (False, False)  # one bucket only
