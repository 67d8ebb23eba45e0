"""What GetAnalyzerInfo tells the engine and Pulumi Cloud about each policy."""

from pulumi.runtime.proto import analyzer_pb2

from hitrust_policies import all_rules, default_mappings
from hitrust_policies.sources.pulumi import stack_level_kinds
from tests.clouds import azure_only_rule_ids, gcp_only_rule_ids

# Rules over kinds only the live Azure scanner produces so far: they join the pack with the
# azure-native adapters for key vaults and storage network rules. Rules over GCP-only kinds are the
# hitrust-gcp pack's (tests/packs/test_gcp_pack.py): no AWS resource yields their kinds.
NO_PULUMI_SOURCE_YET = azure_only_rule_ids() | gcp_only_rule_ids()


def test_one_policy_per_rule_the_pack_can_check(pack):
    info = pack.info()
    names = [p.name for p in info.policies]
    expected = sorted(r.id for r in all_rules() if not r.live_only and r.id not in NO_PULUMI_SOURCE_YET)
    assert sorted(names) == expected
    assert len(names) == len(set(names)) == len(expected)
    live_only = {r.id for r in all_rules() if r.live_only}
    assert live_only == {
        "iam-credential-rotated", "iam-identity-console-mfa", "iam-root-account-mfa", "iam-root-account-no-access-keys",
        "log-audit-coverage-multi-region", "net-account-storage-public-access-blocked",
        "log-network-watcher-enabled",
        "log-log-export-all-entries",
        "log-posture-monitoring-enabled",  # a stack can only turn Security Hub on
        # the credential report (last uses, root sign-ins), MFA devices, attachments made outside
        # any program: only a running account shows them
        "iam-credential-unused", "iam-identity-console-unused", "iam-identity-single-active-key",
        "iam-root-account-hardware-mfa", "iam-root-account-not-used", "iam-support-role-exists",
        "log-audit-trail-object-data-events",  # account-wide, as the multi-region coverage
    } | {r.id for r in all_rules() if r.id.startswith("log-alert-")}  # trail -> filter -> alarm -> subscriber
    assert not live_only & set(names)


def test_policy_metadata_carries_csf_hipaa_nist(pack):
    policies = {p.name: p for p in pack.info().policies}
    mappings = default_mappings()
    for rule in all_rules():
        if rule.live_only or rule.id in NO_PULUMI_SOURCE_YET:
            continue
        p = policies[rule.id]
        refs = mappings.references(rule.id)
        assert p.description == f"{rule.title}. {refs.summary()}"
        assert p.remediation_steps == rule.remediation_for("aws")
        assert analyzer_pb2.PolicySeverity.Name(p.severity) == f"POLICY_SEVERITY_{rule.severity.upper()}"
        assert p.framework.name == "HITRUST CSF"
        assert p.framework.version == "v11"
        assert p.framework.reference == ", ".join(c.id for c in refs.csf)
        assert {f"hipaa:{c.id}" for c in refs.hipaa} <= set(p.tags)
        assert {f"nist-800-53:{c.id}" for c in refs.nist} <= set(p.tags)
        assert f"domain:{rule.domain}" in p.tags
        expected_type = (analyzer_pb2.POLICY_TYPE_STACK if rule.kind in stack_level_kinds("aws")
                         else analyzer_pb2.POLICY_TYPE_RESOURCE)
        assert p.policy_type == expected_type
        assert "exclusions" in p.configSchema.properties


def test_pack_identity(pack):
    info = pack.info()
    assert info.name == "hitrust-aws"
    assert info.supportsConfig
    assert "HITRUST" in info.description
