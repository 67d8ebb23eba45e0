"""SQS queue, SNS topic and EFS file system adapters on captured-shape props."""

import pytest

from hitrust_policies.model import FileSystem, MessageQueue, Unknown
from hitrust_policies.model.facts import same
from hitrust_policies.sources.pulumi import to_model
from hitrust_policies.sources.pulumi.props import SECRET_SIG, SIG_KEY, UNKNOWN_STRING
from tests.sources.pulumi.helpers import res, urn

U = UNKNOWN_STRING
QUEUE = "aws:sqs/queue:Queue"
TOPIC = "aws:sns/topic:Topic"
EFS = "aws:efs/fileSystem:FileSystem"
KEY = "arn:aws:kms:us-east-1:123456789012:key/k1"
KEY_UNKNOWN = Unknown("computed at preview: kmsMasterKeyId")


def value(type_, props=None, name="r", kind=MessageQueue):
    (v,) = [v for v in to_model([res(type_, name, props)]) if isinstance(v, kind)]  # queues also hold a policy
    return v


def same_facts(v, encrypted, kms_key):
    return same(v.encrypted, encrypted) and same(v.kms_key, kms_key)


# ------------------------------------------------------------------ SQS

@pytest.mark.parametrize("props, encrypted, kms_key", [
    ({}, True, None),  # AWS applies SSE-SQS to a queue it creates unless told not to
    ({"sqsManagedSseEnabled": True}, True, None),
    ({"sqsManagedSseEnabled": False}, False, None),
    ({"sqsManagedSseEnabled": "false"}, False, None),  # bridged booleans may travel as strings
    ({"sqsManagedSseEnabled": False, "kmsMasterKeyId": ""}, False, None),  # empty: not set
    ({"kmsMasterKeyId": KEY}, True, KEY),
    ({"sqsManagedSseEnabled": False, "kmsMasterKeyId": "alias/aws/sqs"}, True, "alias/aws/sqs"),
    # a key not known yet: SSE-SQS (on by default) or SSE-KMS, encrypted either way
    ({"kmsMasterKeyId": U}, True, KEY_UNKNOWN),
], ids=["bare", "sse-sqs", "sse-off", "sse-off-string", "empty-key", "kms", "kms-sse-off", "key-unknown-sse-default"])
def test_queue_encryption(props, encrypted, kms_key):
    assert same_facts(value(QUEUE, props), encrypted, kms_key)


def test_queue_unknown_only_when_the_unknown_key_decides():
    """SSE-SQS off and the KMS key an unresolved output: whether messages are encrypted is not known."""
    queue = value(QUEUE, {"sqsManagedSseEnabled": False, "kmsMasterKeyId": U})
    assert same_facts(queue, KEY_UNKNOWN, KEY_UNKNOWN)
    sse = value(QUEUE, {"sqsManagedSseEnabled": U})
    assert same_facts(sse, Unknown("computed at preview: sqsManagedSseEnabled"), None)
    assert value(QUEUE, {"sqsManagedSseEnabled": U, "kmsMasterKeyId": KEY}).encrypted is True


def test_queue_named_by_queue_name_else_logical_name_like_the_live_scanner():
    named = value(QUEUE, {"name": "phi-results.fifo", "tags": {"Name": "tagged"}}, name="results")
    assert named.ref.name == "phi-results.fifo"
    assert named.ref.native_type == QUEUE and named.ref.native_id == urn(QUEUE, "results")
    assert named.ref.source == "pulumi"
    for props in ({}, {"name": U}, {"name": {SIG_KEY: SECRET_SIG, "value": "hush"}}, {"tags": {"Name": "tagged"}}):
        assert value(QUEUE, props, name="orders").ref.name == "orders", props


# ------------------------------------------------------------------ SNS

@pytest.mark.parametrize("props, encrypted, kms_key", [
    ({}, False, None),  # SNS has no default encryption
    ({"kmsMasterKeyId": ""}, False, None),
    ({"kmsMasterKeyId": "alias/aws/sns"}, True, "alias/aws/sns"),
    ({"kmsMasterKeyId": U}, KEY_UNKNOWN, KEY_UNKNOWN),
], ids=["bare", "empty-key", "kms", "key-unknown"])
def test_topic_encryption(props, encrypted, kms_key):
    assert same_facts(value(TOPIC, props), encrypted, kms_key)


def test_topic_named_by_topic_name_else_logical_name():
    assert value(TOPIC, {"name": "lab-results"}, name="results").ref.name == "lab-results"
    assert value(TOPIC, {"name": U, "tags": {"Name": "tagged"}}, name="alerts").ref.name == "alerts"


# ------------------------------------------------------------------ EFS

@pytest.mark.parametrize("props, encrypted, kms_key", [
    ({}, False, None),  # the provider (and the API) default: not encrypted
    ({"encrypted": False}, False, None),
    ({"encrypted": True}, True, None),
    ({"encrypted": True, "kmsKeyId": KEY}, True, KEY),
    ({"encrypted": U, "kmsKeyId": U}, Unknown("computed at preview: encrypted"),
     Unknown("computed at preview: kmsKeyId")),
], ids=["bare", "off", "aws-managed-key", "kms", "unknown"])
def test_file_system_encryption(props, encrypted, kms_key):
    assert same_facts(value(EFS, props, kind=FileSystem), encrypted, kms_key)


def test_file_system_named_by_name_tag_else_logical_name_like_the_live_scanner():
    assert value(EFS, {"tags": {"Name": "phi-shared"}}, name="shared", kind=FileSystem).ref.name == "phi-shared"
    assert value(EFS, {}, name="shared", kind=FileSystem).ref.name == "shared"
    assert value(EFS, {"tags": {"Name": U}}, name="shared", kind=FileSystem).ref.name == "shared"
