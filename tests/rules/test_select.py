"""Selecting rules by tag, and what a declaration must get right, on hand-built rules with known tags."""

from __future__ import annotations

import pytest

from hitrust_policies import BlockVolume, CryptoKey, ResourceRef, Rule, all_rules, select
from hitrust_policies.rules import registry
from hitrust_policies.rules.registry import RuleDefinitionError, rule


def _rule(rule_id: str, domain: str, severity: str) -> Rule:
    def check(v: BlockVolume) -> None:
        """Why this rule exists."""

    return Rule(rule_id, f"title {rule_id}", BlockVolume, domain, severity, "fix", check)


RULES = [
    _rule("enc-a-low", "encryption", "low"),
    _rule("enc-b-medium", "encryption", "medium"),
    _rule("net-c-high", "network", "high"),
    _rule("log-d-critical", "logging", "critical"),
    _rule("iam-e-medium", "iam", "medium"),
]


def ids(rules: list[Rule]) -> list[str]:
    return [r.id for r in rules]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, ["enc-a-low", "enc-b-medium", "net-c-high", "log-d-critical", "iam-e-medium"]),
        ({"ids": ["net-c-high", "enc-a-low"]}, ["enc-a-low", "net-c-high"]),
        ({"domains": ["encryption", "iam"]}, ["enc-a-low", "enc-b-medium", "iam-e-medium"]),
        ({"min_severity": "low"}, ["enc-a-low", "enc-b-medium", "net-c-high", "log-d-critical", "iam-e-medium"]),
        ({"min_severity": "medium"}, ["enc-b-medium", "net-c-high", "log-d-critical", "iam-e-medium"]),
        ({"min_severity": "high"}, ["net-c-high", "log-d-critical"]),
        ({"min_severity": "critical"}, ["log-d-critical"]),
        ({"exclude": ["enc-b-medium", "log-d-critical"]}, ["enc-a-low", "net-c-high", "iam-e-medium"]),
        ({"domains": ["encryption"], "min_severity": "medium"}, ["enc-b-medium"]),
        ({"ids": ["enc-a-low", "enc-b-medium"], "exclude": ["enc-a-low"]}, ["enc-b-medium"]),
        ({"ids": [], "domains": []}, ["enc-a-low", "enc-b-medium", "net-c-high", "log-d-critical", "iam-e-medium"]),
    ],
    ids=["all", "ids", "domains", "low", "medium", "high", "critical", "exclude", "domain-and-severity",
         "ids-minus-exclude", "empty-filters-select-all"],
)
def test_select(kwargs: dict, expected: list[str]) -> None:
    """A pure function of tags; the given order is kept."""
    assert ids(select(RULES, **kwargs)) == expected


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"ids": ["enc-a-low", "enc-nope"]}, KeyError, "unknown rule id 'enc-nope'"),
        ({"exclude": ["net-nope"]}, KeyError, "unknown rule id 'net-nope'"),
        ({"min_severity": "urgent"}, ValueError, "severity 'urgent' not in ('low', 'medium', 'high', 'critical')"),
        ({"domains": ["network", "crypto"]}, ValueError,
         "domain 'crypto' not in ('encryption', 'iam', 'logging', 'network')"),
    ],
    ids=["unknown-id", "unknown-exclude", "bad-severity", "bad-domain"],
)
def test_select_names_what_is_wrong(kwargs: dict, error: type, message: str) -> None:
    with pytest.raises(error) as raised:
        select(RULES, **kwargs)
    assert raised.value.args[0] == message


def test_select_defaults_to_every_registered_rule_and_knows_their_ids() -> None:
    assert ids(select()) == ids(all_rules()) == sorted(ids(all_rules()))
    assert ids(select(RULES, ids=["enc-block-volume-encrypted"])) == []  # registered, just not in this list


def test_rule_metadata_helpers() -> None:
    r = RULES[2]
    assert [x.severity_rank() for x in RULES] == [0, 1, 2, 3, 1]
    assert r.rationale == "Why this rule exists."
    assert r(BlockVolume(ResourceRef.manual("v"), encrypted=True, kms_key=None, kms_key_customer_managed=False)) is None
    assert r.live_only is False  # unless declared


@pytest.fixture
def empty_registry(monkeypatch: pytest.MonkeyPatch) -> dict:
    fresh: dict = {}
    monkeypatch.setattr(registry, "_REGISTRY", fresh)
    return fresh


def test_a_declaration_registers_its_kind_and_flags(empty_registry: dict) -> None:
    @rule("enc-crypto-key-made-up", title="t", domain="encryption", severity="high", remediation="r",
          live_only=True)
    def enc_crypto_key_made_up(key: CryptoKey):
        """Because."""

    assert empty_registry == {"enc-crypto-key-made-up": enc_crypto_key_made_up}
    assert (enc_crypto_key_made_up.kind, enc_crypto_key_made_up.live_only, enc_crypto_key_made_up.severity) == (
        CryptoKey, True, "high")

    @rule("net-crypto-key-other", title="t", domain="network", severity="low", remediation="r")
    def net_crypto_key_other(key: CryptoKey):
        """Because."""

    assert net_crypto_key_other.live_only is False


def test_an_id_registered_twice_is_refused(empty_registry: dict) -> None:
    def enc_twice_registered(v: BlockVolume):
        """Because."""

    meta = {"title": "t", "domain": "encryption", "severity": "low", "remediation": "r"}
    rule("enc-twice-registered", **meta)(enc_twice_registered)
    with pytest.raises(RuleDefinitionError, match="^enc-twice-registered: registered twice$"):
        rule("enc-twice-registered", **meta)(enc_twice_registered)


def test_a_long_id_is_refused(empty_registry: dict) -> None:
    long_id = "enc-" + "-".join(["part"] * 20)  # 103 characters, otherwise well-formed
    with pytest.raises(RuleDefinitionError, match="ids are kebab-case"):
        rule(long_id, title="t", domain="encryption", severity="low", remediation="r")(lambda v: None)
    assert empty_registry == {}


def test_a_rule_takes_exactly_one_annotated_argument(empty_registry: dict) -> None:
    meta = {"title": "t", "domain": "encryption", "severity": "low", "remediation": "r"}

    def enc_two_args(v: BlockVolume, w: BlockVolume):
        """Because."""

    def enc_no_hint(v):
        """Because."""

    for fn, rid in ((enc_two_args, "enc-two-args"), (enc_no_hint, "enc-no-hint")):
        with pytest.raises(RuleDefinitionError, match=f"^{rid}: a rule takes exactly one annotated model argument$"):
            rule(rid, **meta)(fn)
    assert empty_registry == {}


def test_a_rule_is_a_frozen_value_calling_its_check() -> None:
    from dataclasses import FrozenInstanceError

    r = Rule("enc-x-y", "t", BlockVolume, "encryption", "low", "r", lambda v: f"checked {v.ref.name}")
    disk = BlockVolume(ResourceRef.manual("disk"), encrypted=False, kms_key=None, kms_key_customer_managed=False)
    assert r(disk) == "checked disk"
    with pytest.raises(FrozenInstanceError):
        r.severity = "high"  # type: ignore[misc]
    assert len({r, Rule("enc-x-y", "t", BlockVolume, "encryption", "low", "r", r.check)}) == 1


def test_a_rule_without_docstring_has_an_empty_rationale() -> None:
    assert Rule("enc-x-y", "t", BlockVolume, "encryption", "low", "r", lambda v: None).rationale == ""
