"""The policies without the runtime hooks: what a team gets if it builds its own PolicyPack."""

from types import SimpleNamespace

from pulumi_policy.proxy import unknown_checking_proxy

from hitrust_policies.pulumi_pack import build_policies, make_state
from hitrust_policies.pulumi_pack.policies import pack_rules
from hitrust_policies.rules import all_rules
from hitrust_policies.sources.pulumi.props import UNKNOWN_STRING
from tests.clouds import aws_rules


def _policy(name):
    state = make_state(ids=[name])
    (policy,) = build_policies(state)
    return policy


def _validate(policy, args):
    reported = []
    policy.validate(args, lambda message, urn=None: reported.append((urn, message)))
    return reported


def test_resource_policy_falls_back_to_the_sdk_args():
    policy = _policy("net-database-not-public")
    urn = "urn:pulumi:dev::app::aws:rds/instance:Instance::db"
    args = SimpleNamespace(resource_type="aws:rds/instance:Instance", urn=urn, name="db",
                           props=unknown_checking_proxy({"identifier": "orders", "publiclyAccessible": True}))
    ((reported_urn, message),) = _validate(policy, args)
    assert reported_urn == urn
    assert message.startswith("orders: database has a public endpoint [HITRUST CSF 01.n")


def test_unknown_prop_does_not_raise_through_the_sdk_proxy():
    policy = _policy("net-database-not-public")
    args = SimpleNamespace(resource_type="aws:rds/instance:Instance", urn="urn:x::db", name="db",
                           props=unknown_checking_proxy({"publiclyAccessible": UNKNOWN_STRING}))
    ((_, message),) = _validate(policy, args)
    assert "could not be known: computed at preview: publiclyAccessible" in message


def test_pack_rules_skip_live_only_rules():
    assert {r.id for r in pack_rules(package="aws")} == {r.id for r in aws_rules() if not r.live_only}
    assert pack_rules(all_rules()[:0]) == []


def test_build_time_selection():
    state = make_state(domains=["logging"], min_severity="medium")
    assert [r.id for r in state.rules] == [
        "log-audit-trail-cloudwatch", "log-audit-trail-validation", "log-cluster-control-plane-logs",
        "log-config-recording-all-regions",
        "log-database-auditing", "log-log-group-retention", "log-network-flow-logs", "log-request-logging",
        "log-threat-detection-enabled"]
    assert state.settings.selected == {r.id for r in state.rules}


def test_pytest_plugin_exposes_a_session_fixture():
    from hitrust_policies.testing import pytest_plugin

    assert callable(pytest_plugin.hitrust_pack)


def test_stack_policy_falls_back_to_the_sdk_args_and_joins():
    policy = _policy("enc-object-store-kms")
    bucket_urn = "urn:pulumi:dev::app::aws:s3/bucket:Bucket::b"
    bucket = SimpleNamespace(resource_type="aws:s3/bucket:Bucket", urn=bucket_urn, name="b",
                             props=unknown_checking_proxy({"bucket": "phi-b"}), property_dependencies={})
    sse = SimpleNamespace(
        resource_type="aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        urn="urn:pulumi:dev::app::aws:s3/bucketServerSideEncryptionConfiguration:"
            "BucketServerSideEncryptionConfiguration::b-sse",
        name="b-sse",
        props=unknown_checking_proxy({"bucket": UNKNOWN_STRING, "rules": [
            {"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}}]}),
        property_dependencies={"bucket": [bucket]},
    )
    ((urn, message),) = _validate(policy, SimpleNamespace(resources=[bucket, sse]))
    assert urn == bucket_urn
    assert message.startswith("phi-b: default encryption is provider-managed, not a KMS key")
