"""Wire decoding: floats, unknown sentinels, secrets, resource references, paths."""

from hitrust_policies.model import Unknown
from hitrust_policies.sources.pulumi.props import (
    RESOURCE_REF_SIG,
    SECRET_SIG,
    SIG_KEY,
    UNKNOWN_SENTINELS,
    UNKNOWN_STRING,
    and3,
    decode_props,
    to_bool,
    to_int,
)


def secret(value):
    return {SIG_KEY: SECRET_SIG, "value": value}


def test_numbers_arrive_as_floats_and_become_ints():
    p = decode_props({"fromPort": 22.0, "ratio": 0.5, "nested": {"list": [1.0, 2.0]}})
    assert p.get("fromPort") == 22 and isinstance(p.get("fromPort"), int)
    assert p.get("ratio") == 0.5
    assert p.get("nested.list") == [1, 2]


def test_every_unknown_sentinel_becomes_an_unknown_naming_the_path():
    for sentinel in UNKNOWN_SENTINELS:
        p = decode_props({"rules": [{"by": {"key": sentinel}}]})
        value = p.values["rules"][0]["by"]["key"]
        assert isinstance(value, Unknown)
        assert value.reason == "computed at preview: rules[0].by.key"


def test_unknown_container_makes_children_unknown():
    p = decode_props({"logging": UNKNOWN_STRING})
    assert isinstance(p.get("logging.targetBucket"), Unknown)
    assert p.get("logging.targetBucket").reason == "computed at preview: logging"
    assert not p.known("logging")
    assert p.get("absent.deep", "dflt") == "dflt"


def test_secrets_are_unwrapped_recorded_and_never_names():
    p = decode_props({"bucket": secret("phi-secret-bucket"), "tags": {"Name": secret("hidden")},
                      "size": secret(7.0), "flag": secret(True)})
    assert p.get("bucket") == "phi-secret-bucket"
    assert p.get("size") == 7
    assert p.secrets == {"phi-secret-bucket", "hidden", "7"}
    assert p.is_secret("bucket") and p.is_secret("tags.Name") and not p.is_secret("tags")
    assert p.name_candidate("bucket") is None


def test_secret_holding_an_unknown_is_unknown():
    p = decode_props({"kmsKeyId": secret(UNKNOWN_STRING)})
    assert isinstance(p.get("kmsKeyId"), Unknown)


def test_resource_references_are_downgraded_to_id_or_urn():
    p = decode_props({
        "custom": {SIG_KEY: RESOURCE_REF_SIG, "urn": "urn:a", "id": "sg-123"},
        "component": {SIG_KEY: RESOURCE_REF_SIG, "urn": "urn:b"},
    })
    assert p.get("custom") == "sg-123"
    assert p.get("component") == "urn:b"


def test_small_helpers():
    assert to_int("443") == 443 and to_int(22.0) == 22
    assert isinstance(to_int("http"), Unknown)
    assert to_bool("true") is True and to_bool(None, False) is False
    assert and3(True, Unknown("x"), False) is False
    assert isinstance(and3(True, Unknown("x")), Unknown)


def test_output_values_carry_secrecy_and_unknowns():
    """The engine's output-value form: {sig, value?, secret?}; no value means not computed yet."""
    from hitrust_policies.sources.pulumi.props import OUTPUT_VALUE_SIG

    p = decode_props({
        "bucket": {SIG_KEY: OUTPUT_VALUE_SIG, "value": "phi-hidden", "secret": True},
        "region": {SIG_KEY: OUTPUT_VALUE_SIG, "value": "eu-west-1"},
        "kmsKeyId": {SIG_KEY: OUTPUT_VALUE_SIG, "secret": True},
    })
    assert (p.get("bucket"), p.get("region")) == ("phi-hidden", "eu-west-1")
    assert p.is_secret("bucket") and not p.is_secret("region") and p.is_secret("kmsKeyId")
    assert p.secrets == {"phi-hidden"}
    assert p.name_candidate("bucket") is None and p.name_candidate("region") == "eu-west-1"
    assert p.get("kmsKeyId").reason == "computed at preview: kmsKeyId"


def test_decoded_props_are_frozen():
    from dataclasses import FrozenInstanceError

    import pytest

    p = decode_props({"a": 1.0})
    with pytest.raises(FrozenInstanceError):
        p.values = {}  # type: ignore[misc]
    assert hash(decode_props({}).secrets) == hash(frozenset())


def test_secret_tags_are_not_tags():
    from tests.sources.pulumi.helpers import res

    r = res("aws:ec2/vpc:Vpc", "vpc", {"tags": {"Name": secret("hidden-name"), "env": "prod"},
                                       "tagsAll": {"team": "phi", "owner": secret("alice")}})
    assert r.tags() == {"env": "prod", "team": "phi"}
    assert r.ref().name == "vpc"


def test_adapters_are_found_in_a_fresh_process():
    """The first lookup loads the AWS adapters itself: nothing else need be imported first."""
    import subprocess
    import sys

    probe = ("from hitrust_policies.sources.pulumi.registry import adapters_for; "
             "print([a.fn.__name__ for a in adapters_for('aws:ebs/volume:Volume')])")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['volume']"  # sources/pulumi/aws/ebs.py
