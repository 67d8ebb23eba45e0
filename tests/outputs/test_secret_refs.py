"""A value a Terraform plan marks sensitive never reaches a report through a finding's resource identity:
a security group rule's CIDRs name its parts (``ingress/tcp/3389-3389/<cidr>``), and every format and the
evidence bundle print the mask while the finding ids stay those of the real identities."""

from __future__ import annotations

import io
import json
from dataclasses import replace

from hitrust_policies import evaluate
from hitrust_policies.findings import Status, Suppression
from hitrust_policies.outputs.evidence import write_evidence
from hitrust_policies.outputs.formats import FORMATS
from hitrust_policies.outputs.run import ReportRun, RunMeta
from hitrust_policies.sources.terraform.scan import check_plans
from tests.sources.terraform.plans import plan

SECRETS = ("198.51.100.0/24", "203.0.113.0/24")
RULE = "net-ingress-rule-admin-ports"
RDP = "aws_security_group_rule.web_rdp"


def _scan(tmp_path):
    doc = plan("network")
    for change in doc["resource_changes"]:
        if change["address"] == RDP:
            change["change"]["after"]["cidr_blocks"] = [*SECRETS, "0.0.0.0/0"]
            change["change"]["after_unknown"]["cidr_blocks"] = [False, False, False]
            change["change"]["after_sensitive"]["cidr_blocks"] = True
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc))
    return check_plans([str(path)])


def test_sensitive_values_in_part_ids_are_masked_and_ids_stay_distinct(tmp_path) -> None:
    scan = _scan(tmp_path)
    assert set(SECRETS) | {"0.0.0.0/0"} <= scan.secrets
    rdp = [f for f in scan.findings() if f.rule_id == RULE and f.resource.native_id == RDP]
    assert sorted((f.resource.name, f.resource.part, f.status) for f in rdp) == [
        ("web-sg-tf", "ingress/tcp/3389-3389/[secret]", Status.FAIL),
        ("web-sg-tf", "ingress/tcp/3389-3389/[secret]", Status.PASS),
        ("web-sg-tf", "ingress/tcp/3389-3389/[secret]", Status.PASS)]
    real = {f.id: f.resource.part for f in evaluate(scan.resources)
            if f.rule_id == RULE and f.resource.native_id == RDP}
    assert sorted(real.values()) == ["ingress/tcp/3389-3389/0.0.0.0/0", "ingress/tcp/3389-3389/198.51.100.0/24",
                                     "ingress/tcp/3389-3389/203.0.113.0/24"]
    assert {f.id for f in rdp} == set(real)  # hashed from the real identity: three distinct, stable ids


def test_no_format_and_no_bundle_contains_a_sensitive_value(tmp_path) -> None:
    scan = _scan(tmp_path)
    findings = scan.findings()
    # One of them suppressed: the writers' suppression paths print the identity too.
    (target,) = [f for f in findings if f.rule_id == RULE and f.resource.native_id == RDP
                 and f.status is Status.FAIL]
    accepted = Suppression(RULE, "aws_security_group_rule.web_rdp", "bastion range", "netops", "SEC-1",
                           "2099-01-01", False, "s.yaml: suppressions[0]")
    findings = [replace(f, suppression=accepted) if f is target else f for f in findings]
    run = ReportRun.of(scan, findings, RunMeta("0.1.0", "2026-11-29T12:00:00+00:00", "check terraform"))
    assert set(FORMATS) >= {"table", "json", "sarif", "junit", "csv", "ocsf", "asff", "markdown", "html"}
    for name, fmt in FORMATS.items():
        out = io.StringIO()
        fmt.write(out, run)
        text = out.getvalue()
        assert "[secret]" in text or name in ("table", "markdown"), name  # those two print no part ids
        assert not [s for s in SECRETS if s in text], name
    bundle = write_evidence(tmp_path / "bundle", run, scan.resources)
    for path in sorted(bundle.iterdir()):
        assert not [s for s in SECRETS if s in path.read_text()], path.name
