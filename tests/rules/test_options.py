"""Rule options: declared once in @rule, visible in the signature, validated, passed by the engine."""

from __future__ import annotations

import inspect

import pytest

from hitrust_policies import IngressRule, ResourceRef, Status, evaluate, get_rule, verdict
from hitrust_policies.model import KINDS
from hitrust_policies.rules import RuleOption, RuleOptionError, all_rules, configure_rules, rule
from hitrust_policies.rules.registry import RuleDefinitionError

ADMIN = "net-ingress-rule-admin-ports"


def opening(port: int, protocol: str = "tcp") -> IngressRule:
    return IngressRule(ResourceRef.manual(f"sg-{protocol}-{port}"), "sg", protocol, port, port, "0.0.0.0/0")


def statuses(options: dict | None, *ports: int) -> dict[int, str]:
    return {p: verdict(get_rule(ADMIN), opening(p), options)[0].value for p in ports}


def test_the_option_is_a_keyword_parameter_without_a_default() -> None:
    r = get_rule(ADMIN)
    params = inspect.signature(r.check).parameters
    assert params["ports"].kind is inspect.Parameter.KEYWORD_ONLY
    assert params["ports"].default is inspect.Parameter.empty
    assert [o.name for o in r.options] == ["ports"] and r.options[0].default == ["default"]
    assert len(r.option_values()["ports"]) == 62  # the built-in catalogue, parsed from the declared default


def test_default_behaviour_needs_no_options() -> None:
    assert statuses(None, 22, 8443) == {22: "FAIL", 8443: "PASS"}
    assert [f.status for f in evaluate([opening(22)], [get_rule(ADMIN)])] == [Status.FAIL]


@pytest.mark.parametrize("ports, expected", [
    (["tcp/8443"], {22: "PASS", 8443: "FAIL", 9000: "PASS"}),  # replaces the catalogue
    (["default", "tcp/8443=Admin console"], {22: "FAIL", 8443: "FAIL", 9000: "PASS"}),  # adds to it
    ("default, tcp/8443", {22: "FAIL", 8443: "FAIL", 9000: "PASS"}),  # text, as a CLI flag gives it
    ([8443.0, 9000], {22: "PASS", 8443: "FAIL", 9000: "FAIL"}),  # numbers as a pack config gives them
    ([{"protocol": "tcp", "port": 8443.0, "service": "Admin"}], {22: "PASS", 8443: "FAIL", 9000: "PASS"}),
    (["tcp/8440-8450"], {22: "PASS", 8443: "FAIL", 9000: "PASS"}),
    ([], {22: "PASS", 8443: "PASS", 9000: "PASS"}),
])
def test_ports_option_values(ports, expected) -> None:
    assert statuses({"ports": ports}, 22, 8443, 9000) == expected


def test_service_names_from_the_option_reach_the_message() -> None:
    options = {"ports": ["default", "tcp/8443=Admin console", "udp/500"]}
    assert verdict(get_rule(ADMIN), opening(8443), options) == (
        Status.FAIL, "8443/tcp (Admin console) open to 0.0.0.0/0")
    assert verdict(get_rule(ADMIN), opening(500, "udp"), options) == (Status.FAIL, "500/udp open to 0.0.0.0/0")
    assert verdict(get_rule(ADMIN), opening(500), options) == (Status.PASS, "")


def test_all_traffic_fails_whatever_the_port_list() -> None:
    everything = IngressRule(ResourceRef.manual("sg"), "sg", "all", 0, 65535, "0.0.0.0/0")
    assert verdict(get_rule(ADMIN), everything, {"ports": []}) == (Status.FAIL, "all ports open to 0.0.0.0/0")


@pytest.mark.parametrize("options, message", [
    ({"ports": ["ftp/21"]},
     "net-ingress-rule-admin-ports: option 'ports': entry 0 'ftp/21': protocol 'ftp' is not tcp or udp"),
    ({"ports": ["tcp/70000"]}, "entry 0 'tcp/70000': port 70000 is not a port number (0-65535)"),
    ({"ports": [22.5]}, "entry 0 22.5: port 22.5 is not a port number"),
    ({"ports": ["tcp/30-20"]}, "entry 0 'tcp/30-20': a range runs low-high"),
    ({"ports": ["tcp/1-65535"]}, "at most 4096 ports"),
    ({"ports": [{"port": 22, "colour": "red"}]}, "an object needs \"port\""),
    ({"ports": [True]}, "True is not a port number"),
    ({"ports": {"tcp": 22}}, "expected a list of ports"),
    ({"prots": ["tcp/22"]}, "net-ingress-rule-admin-ports: no option 'prots' (options: ports)"),
])
def test_bad_values_name_the_rule_and_option(options, message) -> None:
    with pytest.raises(RuleOptionError) as err:
        get_rule(ADMIN).configure(options)
    assert message in str(err.value)
    assert str(err.value).startswith("net-ingress-rule-admin-ports: ")


def test_configure_returns_a_copy() -> None:
    base = get_rule(ADMIN)
    tuned = base.configure({"ports": ["tcp/8443"]})
    assert tuned.id == base.id and tuned is not base
    assert base.option_values()["ports"].labels() != tuned.option_values()["ports"].labels() == ["8443/tcp"]
    assert get_rule(ADMIN).option_values() == base.option_values()  # the registry's rule is untouched


def test_evaluate_options_by_rule_id() -> None:
    findings = evaluate([opening(22), opening(8443)], options={ADMIN: {"ports": ["tcp/8443"]}})
    got = {(f.resource.name, f.status.value) for f in findings if f.rule_id == ADMIN}
    assert got == {("sg-tcp-22", "PASS"), ("sg-tcp-8443", "FAIL")}
    with pytest.raises(RuleOptionError, match="unknown rule id 'net-no-such-rule'"):
        evaluate([opening(22)], options={"net-no-such-rule": {}})
    with pytest.raises(RuleOptionError, match="enc-block-volume-encrypted: no option 'ports'"):
        evaluate([opening(22)], options={"enc-block-volume-encrypted": {"ports": []}})


def test_configure_rules_checks_options_of_rules_not_selected() -> None:
    chosen = [get_rule("enc-block-volume-encrypted")]
    assert configure_rules(chosen, {ADMIN: {"ports": ["tcp/22"]}}) == chosen
    with pytest.raises(RuleOptionError, match="option 'ports'"):
        configure_rules(chosen, {ADMIN: {"ports": "udp/x"}})


def test_every_option_is_declared_with_a_schema_and_a_parsable_default() -> None:
    for r in all_rules():
        for o in r.options:
            assert o.description and o.schema and o.json_schema()["default"] == o.default
            o.parse(o.default)


def _option(name: str = "limit", default=3) -> RuleOption:
    return RuleOption(name, default, int, {"type": "integer"}, "a limit")


def test_declarations_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    from hitrust_policies.rules import registry

    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))  # registered here, forgotten after
    meta = dict(title="t", domain="encryption", severity="low", remediation="r")

    def enc_opt_thing(v: KINDS[0], *, limit: int):  # noqa: ANN202
        return None if limit else "zero"

    registered = rule("enc-opt-thing", **meta, options=(_option(),))(enc_opt_thing)
    assert registered.option_values() == {"limit": 3}
    assert registered.configure({"limit": "0"})(None) == "zero"

    def enc_opt_other(v: KINDS[0]):  # noqa: ANN202
        return None

    with pytest.raises(RuleDefinitionError, match=r"options \['limit'\] must be exactly the keyword-only"):
        rule("enc-opt-other", **meta, options=(_option(),))(enc_opt_other)

    def enc_opt_undeclared(v: KINDS[0], *, limit: int):  # noqa: ANN202
        return None

    with pytest.raises(RuleDefinitionError, match="must be exactly the keyword-only parameters"):
        rule("enc-opt-undeclared", **meta)(enc_opt_undeclared)

    def enc_opt_twice(v: KINDS[0], *, limit: int = 3):  # noqa: ANN202
        return None

    with pytest.raises(RuleDefinitionError, match="declare the defaults of \\['limit'\\] once, in the decorator"):
        rule("enc-opt-twice", **meta, options=(_option(),))(enc_opt_twice)

    def enc_opt_bad_default(v: KINDS[0], *, limit: int):  # noqa: ANN202
        return None

    with pytest.raises(RuleDefinitionError, match="default rejected by its own parser"):
        rule("enc-opt-bad-default", **meta, options=(_option(default="many"),))(enc_opt_bad_default)

    def enc_opt_snake(v: KINDS[0], *, max_limit: int):  # noqa: ANN202
        return None

    with pytest.raises(RuleDefinitionError, match="lowerCamelCase"):
        rule("enc-opt-snake", **meta, options=(_option("max_limit"),))(enc_opt_snake)
