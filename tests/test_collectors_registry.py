"""Meta-tests over every registered live collector: declared kinds, read-only calls, permissions."""

from __future__ import annotations

import json
from pathlib import Path

import botocore.session
import pytest

from hitrust_policies.model import KINDS
from hitrust_policies.rules import all_rules
from hitrust_policies.sources import kinds_by_source
from hitrust_policies.sources.live.aws.collector import (
    READ_ACTIONS,
    READ_PREFIXES,
    all_collectors,
    collector,
    iam_action,
)
from tests.clouds import azure_only_rule_ids, gcp_only_rule_ids

POLICY = json.loads((Path(__file__).resolve().parents[1] / "scanners" / "aws" / "iam-policy.json").read_text())
ALLOWED = set(POLICY["Statement"][0]["Action"])
COLLECTORS = all_collectors()


@pytest.mark.parametrize("c", COLLECTORS, ids=lambda c: c.name)
def test_collector_declaration(c) -> None:
    assert c.name.startswith(c.service.replace("control", "") + "-") or c.name.startswith(c.service + "-")
    assert c.kinds and set(c.kinds) <= set(KINDS)
    assert c.calls and c.calls[0].split(":")[0] == c.service  # its own service first; joins may read others
    for call in c.calls:
        service, operation = call.split(":", 1)
        assert operation in botocore.session.get_session().get_service_model(service).operation_names, call
        assert call.split(":", 1)[1].startswith(READ_PREFIXES) or call in READ_ACTIONS
        assert iam_action(call) in ALLOWED, f"{call} needs {iam_action(call)} in scanners/aws/iam-policy.json"
    assert c.fn.__doc__ is None or c.fn.__doc__.strip()


def test_policy_grants_nothing_beyond_reads() -> None:
    assert POLICY["Statement"][0]["Effect"] == "Allow"
    for action in ALLOWED:
        # API Gateway names its IAM actions after HTTP verbs: GET is its only read
        assert (action.split(":", 1)[1].startswith(READ_PREFIXES) or action in READ_ACTIONS
                or action == "apigateway:GET"), action
    assert not any("*" in a for a in ALLOWED)


def test_a_mutating_declaration_is_refused() -> None:
    with pytest.raises(ValueError, match="ec2:CreateTags is not a read-only operation"):
        collector("ec2-bad", service="ec2", kinds=(KINDS[0],), calls=("ec2:CreateTags",))(lambda ctx: [])


def test_every_rule_has_a_live_aws_source() -> None:
    live = kinds_by_source()["live-aws"]
    assert {r.id for r in all_rules() if r.kind not in live} == azure_only_rule_ids() | gcp_only_rule_ids()
