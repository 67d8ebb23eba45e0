"""The GuardDuty detector adapter on captured-shape props."""

import pytest

from hitrust_policies.model import ThreatDetection, Unknown
from hitrust_policies.model.facts import same
from hitrust_policies.sources.pulumi import to_model
from hitrust_policies.sources.pulumi.props import SECRET_SIG, SIG_KEY, UNKNOWN_STRING
from tests.sources.pulumi.helpers import res, urn

DETECTOR = "aws:guardduty/detector:Detector"


def detection(props=None, name="threats"):
    (value,) = to_model([res(DETECTOR, name, props)])
    assert isinstance(value, ThreatDetection)
    return value


@pytest.mark.parametrize("props, enabled", [
    ({}, True),  # the provider enables a new detector unless told not to
    ({"enable": True}, True),
    ({"enable": False}, False),
    ({"enable": "false"}, False),  # bridged booleans may travel as strings
])
def test_enable_with_the_provider_default(props, enabled):
    assert detection(props).enabled is enabled


def test_enable_unknown_at_preview():
    assert same(detection({"enable": UNKNOWN_STRING}).enabled, Unknown("computed at preview: enable"))


def test_named_by_region_like_the_live_scanner_when_the_region_is_known():
    value = detection({"enable": True, "region": "eu-west-1"})
    assert (value.ref.name, value.ref.region) == ("guardduty/eu-west-1", "eu-west-1")
    assert value.ref.native_type == DETECTOR and value.ref.native_id == urn(DETECTOR, "threats")
    assert value.ref.source == "pulumi"


@pytest.mark.parametrize("region", [None, UNKNOWN_STRING, "", {SIG_KEY: SECRET_SIG, "value": "eu-west-1"}],
                         ids=["absent", "unknown", "empty", "secret"])
def test_logical_name_when_the_region_is_not_known(region):
    props = {"enable": True} if region is None else {"enable": True, "region": region}
    assert detection(props, name="primary").ref.name == "primary"
