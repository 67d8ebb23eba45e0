"""Pack config as ``pulumi preview --policy-pack-config`` delivers it (via Configure)."""

import grpc
import pytest

from hitrust_policies.model import ResourceRef
from hitrust_policies.pulumi_pack import PackConfigError, PackSettings, make_state
from tests.packs.helpers import MANDATORY, captured, keys
from tests.pulumi_programs import network, storage

M, A = "mandatory", "advisory"
DB_BAD = {("enc-database-storage-encrypted", "bad-db"), ("net-database-not-public", "bad-db")}


def test_per_policy_enforcement_overrides_all(pack):
    config = {"all": "advisory", "net-database-not-public": "mandatory"}
    assert keys(pack.run(captured(storage.databases), config)) == {
        ("enc-database-storage-encrypted", "bad-db", A),
        ("net-database-not-public", "bad-db", M),
        ("enc-database-storage-kms", "bad-db", A),
        ("iam-database-directory-auth", "bad-db", A),
        ("log-database-auditing", "bad-db", A),
        ("enc-database-tls-required", "bad-db", A),
    }


def test_all_object_form_and_disabled(pack):
    config = {"all": {"enforcementLevel": "mandatory"},
              "enc-database-storage-encrypted": {"enforcementLevel": "disabled"}}
    assert keys(pack.run(captured(storage.databases), config)) == {("net-database-not-public", "bad-db", M),
                                                                   ("enc-database-storage-kms", "bad-db", M),
                                                                   ("iam-database-directory-auth", "bad-db", M),
                                                                   ("log-database-auditing", "bad-db", M),
                                                                   ("enc-database-tls-required", "bad-db", M)}


def test_remediate_is_reported_as_mandatory(pack):
    config = {"all": "remediate"}
    assert {k[2] for k in keys(pack.run(captured(storage.databases), config))} == {M}


def test_selection_by_domain(pack):
    config = {"all": {"enforcementLevel": "mandatory", "domains": ["network"]}}
    assert keys(pack.run(captured(storage.databases), config)) == {("net-database-not-public", "bad-db", M)}


def test_selection_by_min_severity_and_severities(pack):
    program = captured(storage.noncompliant_buckets)
    high = {"all": {"enforcementLevel": "mandatory", "minSeverity": "high"}}
    assert keys(pack.run(program, high)) == {
        ("net-object-store-public-access-blocked", "partial", M),  # "bare" is blocked by S3's own default
    }
    low_only = {"all": {"enforcementLevel": "mandatory", "severities": ["low"]}}
    assert keys(pack.run(program, low_only)) == {
        ("log-object-store-access-logging", "bare", M),
        ("log-object-store-access-logging", "partial", M),
    }


def test_exclusions_by_urn_name_and_tag(pack):
    program = captured(storage.noncompliant_buckets)
    config = {
        "all": {"enforcementLevel": "mandatory", "exclusions": [
            {"tag": "Name=partial-bucket", "rules": ["log-object-store-access-logging"],
             "justification": "partial bucket is logged by CloudTrail data events"},
        ]},
        "enc-object-store-kms": {"exclusions": [
            {"name": "ba*", "justification": "scratch bucket, no PHI"},
            {"urn": "urn:pulumi:test::hitrust::aws:s3/bucket:Bucket::partial", "justification": "SSE-S3 accepted"},
        ]},
    }
    assert keys(pack.run(program, config)) == {
        ("enc-object-store-tls-only", "bare", M),
        ("enc-object-store-tls-only", "partial", M),
        ("log-object-store-access-logging", "bare", M),
        ("net-object-store-public-access-blocked", "partial", M),
    }


def test_exclusion_of_a_security_group_covers_its_rule_resources(pack):
    config = {"all": "mandatory", "net-ingress-rule-admin-ports": {"exclusions": [
        {"name": "web-sg", "justification": "bastion group, SSH/RDP from the internet by design, MFA-gated"}]}}
    assert keys(pack.run(captured(network.open_admin_ports), config)) == {
        ("net-ingress-rule-admin-ports", "db-postgres", M),
        ("net-ingress-rule-admin-ports", "db-everything", M),
    }


@pytest.mark.parametrize("entry, culprit", [
    ({"name": "legacy-*"}, '"all".exclusions[0] {"name": "legacy-*"}'),
    ({"name": "legacy-*", "justification": "  "}, '"all".exclusions[0]'),
])
def test_exclusion_without_justification_is_rejected_at_configure(pack, entry, culprit):
    with pytest.raises(grpc.RpcError) as err:
        pack.run(captured(storage.databases), {"all": {"enforcementLevel": "mandatory", "exclusions": [entry]}})
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert culprit in err.value.details()
    assert "justification" in err.value.details()


def test_per_policy_exclusion_without_justification_names_the_policy(pack):
    config = {"net-database-not-public": {"exclusions": [{"urn": "urn:x"}]}}
    with pytest.raises(grpc.RpcError) as err:
        pack.run(captured(storage.databases), config)
    assert '"net-database-not-public".exclusions[0]' in err.value.details()


def test_rule_options_from_the_config_replace_or_extend_the_port_list(pack):
    program = captured(network.open_admin_ports)
    only_rdp = {"all": "mandatory", "net-ingress-rule-admin-ports": {"ports": ["tcp/3389"]}}
    assert keys(pack.run(program, only_rdp)) == {
        ("net-ingress-rule-admin-ports", "web-rdp", M),  # 3389 is still listed
        ("net-ingress-rule-admin-ports", "db-everything", M),  # all protocols, whatever the list
    }
    extended = {"all": "mandatory", "net-ingress-rule-admin-ports": {"ports": ["default", "tcp/443=Portal admin"]}}
    violations = [v for v in pack.run(program, extended) if v.resource == "web"]
    assert sorted(v.message.split("\n")[1].split(" [")[0] for v in violations) == [
        "web-sg: 22/tcp (SSH) open to 0.0.0.0/0",
        "web-sg: 443/tcp (Portal admin) open to 0.0.0.0/0",
    ]
    # the next run without options is back to the built-in catalogue
    assert ("net-ingress-rule-admin-ports", "db-postgres", M) in keys(pack.run(program, MANDATORY))


def test_network_acl_rule_takes_its_own_port_list(pack):
    config = {"all": "mandatory", "net-network-acl-admin-ports": {"ports": ["udp/161", 8443.0]}}
    assert {k for k in keys(pack.run(captured(network.network_acls), config))
            if k[0] == "net-network-acl-admin-ports"} == {
        ("net-network-acl-admin-ports", "snmp-acl", M),
        ("net-network-acl-admin-ports", "web-acl", M),  # everything from ::/0, 8443 included
    }


@pytest.mark.parametrize("props, culprit", [
    ({"ports": ["ftp/21"]},
     '"net-ingress-rule-admin-ports".ports: entry 0 \'ftp/21\': protocol \'ftp\' is not tcp or udp'),
    # numbers reach the pack as floats (protobuf Struct): the message shows what arrived
    ({"ports": [70000]}, '"net-ingress-rule-admin-ports".ports: entry 0 70000.0: port 70000 is not a port number'),
    ({"prots": ["tcp/22"]}, '"net-ingress-rule-admin-ports": unknown field(s) [\'prots\'] '
                            "(fields: enforcementLevel, exclusions, suppressions, ports)"),
])
def test_bad_rule_options_are_rejected_at_configure(pack, props, culprit):
    with pytest.raises(grpc.RpcError) as err:
        pack.run(captured(network.open_admin_ports), {"net-ingress-rule-admin-ports": props})
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert culprit in err.value.details()


def test_options_are_in_each_policy_config_schema(pack):
    import json

    from google.protobuf import json_format

    schemas = {p.name: json_format.MessageToDict(p.configSchema) for p in pack.info().policies}
    for name in ("net-ingress-rule-admin-ports", "net-network-acl-admin-ports"):
        ports = schemas[name]["properties"]["ports"]
        assert ports["default"] == ["default"] and "tcp/8443" in ports["description"]
        assert set(schemas[name]["properties"]) == {"exclusions", "suppressions", "ports"}
    assert set(schemas["enc-object-store-kms"]["properties"]) == {"exclusions", "suppressions"}
    assert schemas["enc-object-store-kms"]["properties"]["suppressions"]["items"]["required"] == [
        "rule", "reason", "owner", "ticket", "expires"]
    assert json.dumps(schemas["net-ingress-rule-admin-ports"])  # plain JSON, as Pulumi Cloud shows it


# -- PackSettings unit tests (no process)


def _ref(name: str) -> ResourceRef:
    return ResourceRef("aws", "aws:s3/bucket:Bucket", f"urn:pulumi:s::p::aws:s3/bucket:Bucket::{name}", name,
                       source="pulumi")


@pytest.mark.parametrize("config, message", [
    ({"all": {"domains": ["crypto"]}}, "domain 'crypto'"),
    ({"all": {"minSeverity": "severe"}}, "severity 'severe'"),
    ({"all": {"severities": ["urgent"]}}, "['urgent']"),
    ({"all": {"colour": "red"}}, "unknown field(s) ['colour']"),
    ({"all": {"exclusions": [{"justification": "why"}]}}, "needs one of urn, name, tag"),
    ({"all": {"exclusions": [{"name": "x", "justification": "y", "rules": ["no-such-rule"]}]}},
     "unknown rule id(s) ['no-such-rule']"),
    ({"all": {"exclusions": "x"}}, "expected a list"),
])
def test_invalid_settings_name_the_problem(config, message):
    with pytest.raises(PackConfigError, match=None) as err:
        PackSettings.from_config(config, make_state().rules)
    assert message in str(err.value)


def test_exclusion_matching():
    settings = PackSettings.from_config({"all": {"exclusions": [
        {"tag": "env", "justification": "any env tag"},
        {"name": "logs-*", "rules": ["enc-object-store-kms"], "justification": "log buckets use SSE-S3"},
    ]}})
    assert settings.excluded("enc-object-store-kms", _ref("a"), {"env": "dev"}, "a")
    assert settings.excluded("enc-object-store-kms", _ref("logs-1"), {}, "x")
    assert not settings.excluded("net-object-store-public-access-blocked", _ref("logs-1"), {}, "x")
    assert not settings.excluded("enc-object-store-kms", _ref("data"), {"team": "x"}, "data")
    exclusion = settings.excluded("enc-object-store-kms", _ref("logs-2"), {}, "x")
    assert exclusion.justification == "log buckets use SSE-S3"
    assert exclusion.where == '"all".exclusions[1]'


def test_example_config_file_is_valid():
    import json

    from hitrust_policies.testing.pulumi import default_pack_dir

    config = json.loads((default_pack_dir() / "config.example.json").read_text())
    settings = PackSettings.from_config(config, make_state().rules)
    assert len(settings.exclusions) == 2
    (tuned,) = settings.configured
    assert tuned.id == "net-ingress-rule-admin-ports"
    assert "8443/tcp (Admin console)" in tuned.option_values()["ports"].labels()
    assert "22/tcp (SSH)" in tuned.option_values()["ports"].labels()
