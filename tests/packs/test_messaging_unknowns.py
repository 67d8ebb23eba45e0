"""Queues and topics whose KMS key is an unresolved output: what the pack says at preview."""

from tests.packs.helpers import MANDATORY, captured
from tests.pulumi_programs import messaging


def test_unknown_key_is_advisory_and_names_the_property(pack):
    violations = pack.run(captured(messaging.unresolved, True), MANDATORY)
    texts = {v.resource: v.message for v in violations}
    assert set(texts) == {"late-queue", "late-topic"}  # default-queue is encrypted whatever the key
    for text in texts.values():
        assert "UNKNOWN" in text and "could not be known: computed at preview: kmsMasterKeyId" in text
        assert "HITRUST CSF 06.c, 06.d, 10.f (derived)" in text and "HIPAA 164.312(a)(2)(iv)" in text
    assert {v.level for v in violations} == {"advisory"}
    assert {v.phase for v in violations} == {"resource"}  # no joins: checked per resource, on inputs
