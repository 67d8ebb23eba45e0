"""Preview unknowns become advisory UNKNOWN violations (never a pass); secrets never leak."""

from tests.packs.helpers import MANDATORY, captured, keys
from tests.pulumi_programs import unknowns

M, A = "mandatory", "advisory"


def test_preview_unknowns_are_advisory_and_say_what_was_not_known(pack):
    violations = pack.run(captured(unknowns.unresolved_outputs), MANDATORY)
    assert keys(violations) == {
        # no entry for late-trail or late-trail-logs: their kmsKeyId is the ARN of late-key, created in the
        # same preview; unknown, but a key of this stack is set (the same holds for the trail's log group ARN)
        # the SSE algorithm itself is an unresolved output: both encryption rules are UNKNOWN
        ("enc-object-store-default-encryption", "algo-bucket", A),
        ("enc-object-store-kms", "algo-bucket", A),
        # its bucket policy is built from the bucket's ARN, unknown in a preview of a new bucket
        ("enc-object-store-tls-only", "algo-bucket", A),
        # an SSH ingress whose CIDR is an unresolved output
        ("net-ingress-rule-admin-ports", "nat-sg", A),
        # known facts of the same buckets still fail at the configured level
        ("log-object-store-access-logging", "algo-bucket", M),
        ("log-object-store-access-logging", "late-bucket", M),
    }
    texts = {(v.policy, v.resource): v.message for v in violations}
    assert "could not be known: computed at preview: ingress[0].cidrBlocks[0]" in texts[
        ("net-ingress-rule-admin-ports", "nat-sg")]
    assert "computed at preview: rules[0].applyServerSideEncryptionByDefault.sseAlgorithm" in texts[
        ("enc-object-store-kms", "algo-bucket")]
    assert "could not be known: computed at preview: policy" in texts[("enc-object-store-tls-only", "algo-bucket")]
    for v in violations:
        if v.level == A:
            assert "UNKNOWN" in v.message and "HITRUST CSF" in v.message and "HIPAA" in v.message


def test_unresolved_kms_key_id_with_a_known_kms_algorithm_passes_the_kms_rule(pack):
    """``sseAlgorithm: aws:kms`` is known, and the key ARN, though unresolved, comes from a key this stack
    creates (propertyDependencies): SSE-KMS with a customer-managed key."""
    violations = pack.run(captured(unknowns.unresolved_outputs), MANDATORY)
    assert not [v for v in violations if v.resource == "late-bucket" and v.policy.startswith("enc-")]


def test_secrets_never_appear_in_messages(pack):
    for preview in (True, False):
        violations = pack.run(captured(unknowns.secrets, preview), MANDATORY)
        assert keys(violations) == {
            ("enc-object-store-tls-only", "hidden", M),
            ("iam-identity-no-direct-policies", "carol", M),
            ("log-log-group-retention", "hidden-logs", M),
            ("log-object-store-access-logging", "hidden", M),
            ("net-ingress-rule-admin-ports", "hidden-sg", M),
            # a (secret) key ARN from outside the stack: whether it is customer-managed is not known here
            ("enc-object-store-kms", "hidden", A),
        }
        text = "\n".join(v.message for v in violations)
        for secret in (unknowns.SECRET_KEY_ARN, unknowns.SECRET_CIDR, unknowns.SECRET_BUCKET,
                       unknowns.SECRET_POLICY_ARN, "/secret/log-group-name", "0.0.0.0/0", "7 days"):
            assert secret not in text
        assert "[secret]" in text
