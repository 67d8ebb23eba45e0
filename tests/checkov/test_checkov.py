"""Our rules as checkov checks, run by checkov itself: the CLI with --external-checks-dir and in-process.

Runs in checkov's own venv (see .ci/run); skipped where checkov is not installed. checkov stays offline
(--skip-download, BC_SKIP_MAPPING); the netguard of tests/conftest.py covers this process and, through
PYTHONPATH, the checkov CLI subprocesses.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

pytest.importorskip("checkov")

from hitrust_policies.checkov import check_id, checks_dir, rule_id, specs  # noqa: E402
from hitrust_policies.checkov.conf import judge  # noqa: E402
from hitrust_policies.findings import Status  # noqa: E402
from hitrust_policies.rules import get_rule  # noqa: E402

FIXTURES = Path(__file__).parents[1] / "terraform" / "aws"
# BC_SKIP_MAPPING: no guideline download; CKV_SKIP_PACKAGE_UPDATE_CHECK: no "newer checkov on PyPI?" lookup
# (its answer is cached for a day, so it only shows on a fresh machine).
OFFLINE = {"BC_SKIP_MAPPING": "TRUE", "CKV_SKIP_PACKAGE_UPDATE_CHECK": "TRUE", "CHECKOV_PARALLELIZATION_TYPE": "none"}
os.environ.update(OFFLINE)

ADMIN_PORTS = {
    ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "aws_security_group.web", "FAILED"),
    ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "aws_security_group_rule.web-rdp", "FAILED"),
    ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "aws_vpc_security_group_ingress_rule.db-everything", "FAILED"),
    ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "aws_vpc_security_group_ingress_rule.db-postgres", "FAILED"),
    ("CKV_HITRUST_NET_SECURITY_GROUP_DEFAULT_CLOSED", "aws_security_group.db", "PASSED"),
    ("CKV_HITRUST_NET_SECURITY_GROUP_DEFAULT_CLOSED", "aws_security_group.web", "PASSED"),
}

# Keys: a separate aws_kms_key_policy may replace a key's policy, so "not public" is UNKNOWN in checkov.
STORAGE_COMMON = {
    *[("CKV_HITRUST_LOG_DATABASE_AUDITING", f"aws_db_instance.{n}", "FAILED") for n in ("bad", "good", "pending")],
    ("CKV_HITRUST_ENC_CRYPTO_KEY_ROTATION", "aws_kms_key.stale", "FAILED"),
    ("CKV_HITRUST_ENC_CRYPTO_KEY_ROTATION", "aws_kms_key.data", "PASSED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_ENCRYPTED", "aws_db_instance.bad", "FAILED"),
    ("CKV_HITRUST_ENC_DATABASE_TLS_REQUIRED", "aws_db_instance.bad", "FAILED"),  # MySQL on the default group
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_ENCRYPTED", "aws_db_instance.good", "PASSED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_KMS", "aws_db_instance.bad", "FAILED"),
    ("CKV_HITRUST_IAM_DATABASE_DIRECTORY_AUTH", "aws_db_instance.bad", "FAILED"),
    ("CKV_HITRUST_IAM_DATABASE_DIRECTORY_AUTH", "aws_db_instance.pending", "FAILED"),
    ("CKV_HITRUST_IAM_DATABASE_DIRECTORY_AUTH", "aws_db_instance.good", "PASSED"),
    ("CKV_HITRUST_NET_DATABASE_NOT_PUBLIC", "aws_db_instance.bad", "FAILED"),
    ("CKV_HITRUST_NET_DATABASE_NOT_PUBLIC", "aws_db_instance.good", "PASSED"),
    ("CKV_HITRUST_NET_DATABASE_NOT_PUBLIC", "aws_db_instance.pending", "PASSED"),
}
# The plan knows the counted volumes' `encrypted` (count.index == 0); in .tf checkov leaves the expression,
# so both read UNKNOWN there. disk[0]'s key is the region's default EBS key: UNKNOWN in both (not a PASS).
# A plan is judged whole (as `hitrust check terraform` judges it): the module's buckets with their split
# encryption, public access block, logging and policy resources, the keys without a separate key policy.
STORAGE_PLAN = STORAGE_COMMON | {
    ("CKV_HITRUST_ENC_BLOCK_VOLUME_ENCRYPTED", "aws_ebs_volume.disk[0]", "PASSED"),
    ("CKV_HITRUST_ENC_BLOCK_VOLUME_ENCRYPTED", "aws_ebs_volume.disk[1]", "FAILED"),
    ("CKV_HITRUST_ENC_BLOCK_VOLUME_KMS", "aws_ebs_volume.disk[1]", "FAILED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_KMS", "aws_db_instance.good", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "aws_s3_bucket.partial", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", 'module.records.aws_s3_bucket.this["phi"]', "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", 'module.records.aws_s3_bucket.this["scans"]', "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "aws_s3_bucket.partial", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", 'module.records.aws_s3_bucket.this["phi"]', "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", 'module.records.aws_s3_bucket.this["scans"]', "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "aws_s3_bucket.bare", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "aws_s3_bucket.partial", "FAILED"),
    ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", 'module.records.aws_s3_bucket.this["phi"]', "PASSED"),
    ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", 'module.records.aws_s3_bucket.this["scans"]', "PASSED"),
    ("CKV_HITRUST_NET_CRYPTO_KEY_NOT_PUBLIC", "aws_kms_key.data", "PASSED"),
    ("CKV_HITRUST_ENC_CRYPTO_KEY_NOT_PENDING_DELETION", "aws_kms_key.data", "PASSED"),
    ("CKV_HITRUST_NET_CRYPTO_KEY_NOT_PUBLIC", "aws_kms_key.stale", "PASSED"),
    ("CKV_HITRUST_ENC_CRYPTO_KEY_NOT_PENDING_DELETION", "aws_kms_key.stale", "PASSED"),
    ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "aws_s3_bucket.bare", "PASSED"),
    ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "aws_s3_bucket.partial", "FAILED"),
    ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", 'module.records.aws_s3_bucket.this["phi"]', "PASSED"),
    ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", 'module.records.aws_s3_bucket.this["scans"]', "PASSED"),
}
# Buckets in .tf: encryption, public access block, logging and policy are separate resources, which one
# checkov resource check cannot see: every bucket rule is UNKNOWN (not reported), only the key's rotation.
BUCKETS = {
    ("CKV_HITRUST_ENC_CRYPTO_KEY_ROTATION", "aws_kms_key.bucket-key", "PASSED"),
}
# The same buckets in the plan: the split resources are joined as `hitrust check terraform` joins them.
BUCKETS_PLAN = BUCKETS | {
    ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "aws_s3_bucket.partial", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "aws_s3_bucket.records", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "aws_s3_bucket.partial", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "aws_s3_bucket.records", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "aws_s3_bucket.partial", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "aws_s3_bucket.records", "PASSED"),
    ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", "aws_s3_bucket.partial", "PASSED"),
    ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", "aws_s3_bucket.records", "PASSED"),
    ("CKV_HITRUST_NET_CRYPTO_KEY_NOT_PUBLIC", "aws_kms_key.bucket-key", "PASSED"),
    ("CKV_HITRUST_ENC_CRYPTO_KEY_NOT_PENDING_DELETION", "aws_kms_key.bucket-key", "PASSED"),
    ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "aws_s3_bucket.partial", "FAILED"),
    ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "aws_s3_bucket.records", "PASSED"),
}
PLATFORM_COMMON = {
    ("CKV_HITRUST_LOG_REQUEST_LOGGING", "aws_lb.front", "FAILED"),
    ("CKV_HITRUST_ENC_FILE_SYSTEM_ENCRYPTED", "aws_efs_file_system.shared", "FAILED"),
    ("CKV_HITRUST_ENC_MESSAGE_QUEUE_ENCRYPTED", "aws_sqs_queue.plain", "FAILED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "aws_lb_listener.plain", "FAILED"),
    ("CKV_HITRUST_IAM_PASSWORD_POLICY_STRONG", "aws_iam_account_password_policy.weak", "FAILED"),
    ("CKV_HITRUST_IAM_POLICY_GRANT_NO_ADMIN", "aws_iam_policy.everything", "FAILED"),
    ("CKV_HITRUST_IAM_POLICY_GRANT_NO_ADMIN", "aws_iam_user_policy_attachment.ops-admin", "FAILED"),
    ("CKV_HITRUST_LOG_THREAT_DETECTION_ENABLED", "aws_guardduty_detector.main", "FAILED"),
    ("CKV_HITRUST_ENC_BLOCK_STORAGE_DEFAULT_ENCRYPTION", "aws_ebs_encryption_by_default.on", "PASSED"),
    ("CKV_HITRUST_ENC_INSTANCE_HOST_ENCRYPTION", "aws_instance.web", "PASSED"),
    ("CKV_HITRUST_ENC_INSTANCE_HOST_ENCRYPTION", "aws_instance.worker", "PASSED"),
    ("CKV_HITRUST_ENC_MESSAGE_QUEUE_ENCRYPTED", "aws_sns_topic.alerts", "PASSED"),
    ("CKV_HITRUST_IAM_POLICY_GRANT_NO_ADMIN", "aws_iam_role.reader", "PASSED"),
    # "*" on "*" decrypts with every key (and is admin, not a service wildcard); AdministratorAccess attached is
    # AWS's own policy: not judged by these two
    ("CKV_HITRUST_IAM_POLICY_GRANT_NO_KMS_DECRYPT_ALL_KEYS", "aws_iam_policy.everything", "FAILED"),
    *{(check, name, "PASSED") for check in ("CKV_HITRUST_IAM_POLICY_GRANT_NO_KMS_DECRYPT_ALL_KEYS",
                                            "CKV_HITRUST_IAM_POLICY_GRANT_NO_SERVICE_WILDCARD")
      for name in ("aws_iam_role.reader", "aws_iam_user_policy_attachment.ops-admin")},
    ("CKV_HITRUST_IAM_POLICY_GRANT_NO_SERVICE_WILDCARD", "aws_iam_policy.everything", "PASSED"),
    ("CKV_HITRUST_IAM_ROLE_TRUST_NOT_PUBLIC", "aws_iam_role.reader", "PASSED"),
}
# In the plan an instance's network_interface is known only after apply (as for `hitrust check terraform`);
# in .tf the written inputs decide, as in a Pulumi program.
PLATFORM_INSTANCES = PLATFORM_COMMON | {
    ("CKV_HITRUST_NET_INSTANCE_NO_PUBLIC_IP", "aws_instance.web", "FAILED"),
    ("CKV_HITRUST_NET_INSTANCE_NO_PUBLIC_IP", "aws_instance.worker", "PASSED"),
    ("CKV_HITRUST_NET_INSTANCE_IP_FORWARDING_OFF", "aws_instance.web", "PASSED"),
    ("CKV_HITRUST_NET_INSTANCE_IP_FORWARDING_OFF", "aws_instance.worker", "PASSED"),
}
# The plan, judged whole: the HTTP listener's redirect, the user's attachment and the ACL's rules are joined;
# the instances write associate_public_ip_address, so no network_interface block can be added to them.
# metadata_options left out: in .tf the instance allows IMDSv1 (as in a Pulumi program, and checkov's own
# CKV_AWS_79); in the plan the provider computes it at apply: UNKNOWN, not reported.
PLATFORM_TF = PLATFORM_INSTANCES | {
    ("CKV_HITRUST_NET_INSTANCE_METADATA_TOKENS", "aws_instance.web", "FAILED"),
    ("CKV_HITRUST_NET_INSTANCE_METADATA_TOKENS", "aws_instance.worker", "FAILED"),
}
PLATFORM_PLAN = PLATFORM_INSTANCES | {
    ("CKV_HITRUST_NET_WEB_FIREWALL_ATTACHED", "aws_lb.front", "FAILED"),  # joined with associations: plans only
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "aws_lb_listener.http", "PASSED"),
    ("CKV_HITRUST_IAM_IDENTITY_NO_DIRECT_POLICIES", "aws_iam_user.ops", "FAILED"),
    ("CKV_HITRUST_NET_NETWORK_ACL_ADMIN_PORTS", "aws_network_acl.edge", "FAILED"),
    # no queue or topic policy in the plan: the services' defaults (in .tf a separate policy may exist: UNKNOWN)
    ("CKV_HITRUST_NET_RESOURCE_POLICY_NOT_PUBLIC", "aws_sns_topic.alerts", "PASSED"),
    ("CKV_HITRUST_NET_RESOURCE_POLICY_NOT_PUBLIC", "aws_sqs_queue.plain", "PASSED"),
    # the whole plan shows no file system policy for the share; one .tf resource alone cannot tell (UNKNOWN)
    ("CKV_HITRUST_ENC_FILE_SYSTEM_TLS_ONLY", "aws_efs_file_system.shared", "FAILED"),
}

# Nested blocks from `dynamic` blocks whose for_each is unknown at plan time (tests/terraform/aws/dynamic_blocks):
# UNKNOWN in both (a default ACL's ingress, a group's ingress, the instance `attached`). In the plan an
# instance's unwritten network_interface is known empty only next to a written conflicting argument (bare,
# conflicted); `defaults` and `subnet_only` stay UNKNOWN there, while their .tf shows no dynamic block.
DYNAMIC_COMMON = {
    ("CKV_HITRUST_ENC_AUDIT_TRAIL_KMS", "aws_cloudtrail.plain", "FAILED"),
    ("CKV_HITRUST_ENC_AUDIT_TRAIL_KMS", "aws_cloudtrail.selected", "FAILED"),
    ("CKV_HITRUST_LOG_AUDIT_TRAIL_CLOUDWATCH", "aws_cloudtrail.plain", "FAILED"),
    ("CKV_HITRUST_LOG_AUDIT_TRAIL_CLOUDWATCH", "aws_cloudtrail.selected", "FAILED"),
    ("CKV_HITRUST_LOG_AUDIT_TRAIL_VALIDATION", "aws_cloudtrail.plain", "FAILED"),
    ("CKV_HITRUST_LOG_AUDIT_TRAIL_VALIDATION", "aws_cloudtrail.selected", "FAILED"),
    *{("CKV_HITRUST_ENC_INSTANCE_HOST_ENCRYPTION", f"aws_instance.{name}", "PASSED")
      for name in ("attached", "bare", "conflicted", "defaults", "subnet_only")},
    ("CKV_HITRUST_NET_INSTANCE_IP_FORWARDING_OFF", "aws_instance.bare", "PASSED"),
    ("CKV_HITRUST_NET_INSTANCE_NO_PUBLIC_IP", "aws_instance.bare", "PASSED"),
    ("CKV_HITRUST_NET_NETWORK_DEFAULT_ABSENT", "aws_vpc.main", "PASSED"),
    ("CKV_HITRUST_NET_SECURITY_GROUP_DEFAULT_CLOSED", "aws_security_group.dyn", "PASSED"),
    ("CKV_HITRUST_NET_SUBNET_NO_AUTO_PUBLIC_IP", "aws_subnet.app", "PASSED"),
}
DYNAMIC_TF = DYNAMIC_COMMON | {
    *{("CKV_HITRUST_NET_INSTANCE_METADATA_TOKENS", f"aws_instance.{name}", "FAILED")
      for name in ("attached", "bare", "conflicted", "defaults", "subnet_only")},
    ("CKV_HITRUST_NET_INSTANCE_IP_FORWARDING_OFF", "aws_instance.defaults", "PASSED"),
    ("CKV_HITRUST_NET_INSTANCE_IP_FORWARDING_OFF", "aws_instance.subnet_only", "PASSED"),
    ("CKV_HITRUST_NET_INSTANCE_NO_PUBLIC_IP", "aws_instance.defaults", "FAILED"),  # the default VPC's subnet
}
DYNAMIC_PLAN = DYNAMIC_COMMON | {
    ("CKV_HITRUST_LOG_NETWORK_FLOW_LOGS", "aws_vpc.main", "FAILED"),
    ("CKV_HITRUST_NET_INSTANCE_IP_FORWARDING_OFF", "aws_instance.conflicted", "PASSED"),
    ("CKV_HITRUST_NET_INSTANCE_NO_PUBLIC_IP", "aws_instance.conflicted", "FAILED"),
}


DOCS = "https://docs.example.org/hitrust-policies/README.md"


def _cli(*target: str, output: str = "json", **env: str) -> str:
    checkov = Path(sys.executable).with_name("checkov")
    done = subprocess.run(
        [str(checkov), *target, "--external-checks-dir", str(checks_dir()), "--skip-download",
         "--check", "CKV_HITRUST_*", "-o", output],
        capture_output=True, text=True, env={**os.environ, **OFFLINE, **env}, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def _verdicts(stdout: str) -> set[tuple[str, str, str]]:
    reports = json.loads(stdout)
    out = set()
    for report in reports if isinstance(reports, list) else [reports]:
        results = report.get("results", {})
        for key in ("passed_checks", "failed_checks"):
            out |= {(c["check_id"], c["resource"], c["check_result"]["result"]) for c in results.get(key, ())}
    return out


@pytest.mark.parametrize(("target", "expected"), [
    (("-d", "parity_admin_ports", "--framework", "terraform"), ADMIN_PORTS),
    (("-f", "parity_admin_ports/plan.json", "--framework", "terraform_plan"), ADMIN_PORTS),
    (("-d", "storage", "--framework", "terraform"), STORAGE_COMMON),
    (("-f", "storage/plan.json", "--framework", "terraform_plan"), STORAGE_PLAN),
    (("-d", "parity_buckets", "--framework", "terraform"), BUCKETS),
    (("-f", "parity_buckets/plan.json", "--framework", "terraform_plan"), BUCKETS_PLAN),
    (("-d", "platform", "--framework", "terraform"), PLATFORM_TF),
    (("-f", "platform/plan.json", "--framework", "terraform_plan"), PLATFORM_PLAN),
    (("-d", "dynamic_blocks", "--framework", "terraform"), DYNAMIC_TF),
    (("-f", "dynamic_blocks/plan.json", "--framework", "terraform_plan"), DYNAMIC_PLAN),
], ids=lambda v: "-".join(v[1:4:2]) if isinstance(v, tuple) else None)
def test_cli_external_checks_dir_exact(target: tuple[str, ...], expected: set[tuple[str, str, str]]) -> None:
    flag, path, *rest = target
    assert _verdicts(_cli(flag, str(FIXTURES / path), *rest)) == with_key_deletion(expected)


def test_cli_outputs_carry_csf_hipaa_and_guideline(tmp_path: Path) -> None:
    plan = str(FIXTURES / "parity_admin_ports" / "plan.json")
    _cli("-f", plan, "--framework", "terraform_plan", "-o", "sarif", "-o", "junitxml", "--output-file-path",
         str(tmp_path), HITRUST_POLICIES_DOCS_URL=DOCS)
    failed = json.loads((tmp_path / "results_json.json").read_text())["results"]["failed_checks"]
    web = next(c for c in failed if c["resource"] == "aws_security_group.web")
    assert web["check_name"] == ("No administrative or database port is open to the internet [HITRUST CSF 01.n, "
                                 "01.l, 01.m, 09.m; HIPAA 164.312(a)(1), 164.312(e)(1); net-ingress-rule-admin-ports]")
    assert web["guideline"] == f"{DOCS}#rule-catalog"
    sarif = json.loads((tmp_path / "results_sarif.sarif").read_text())
    rules = {r["id"]: r for run in sarif["runs"] for r in run["tool"]["driver"]["rules"]}
    assert "HITRUST CSF 01.n" in rules["CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS"]["name"]
    assert rules["CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS"]["helpUri"] == f"{DOCS}#rule-catalog"
    junit = (tmp_path / "results_junitxml.xml").read_text()
    assert "HIPAA 164.312(a)(1)" in junit and "CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS" in junit


def _in_process(tf_dir: str | None = None, plan: str | None = None) -> set[tuple[str, str, str]]:
    from checkov.runner_filter import RunnerFilter
    from checkov.terraform.plan_runner import Runner as PlanRunner
    from checkov.terraform.runner import Runner

    from hitrust_policies.checkov.checks import register

    register()
    if plan is not None:
        report = PlanRunner().run(root_folder=None, files=[plan], runner_filter=RunnerFilter(
            framework=["terraform_plan"], checks=["CKV_HITRUST_*"]))
    else:
        report = Runner().run(root_folder=tf_dir, runner_filter=RunnerFilter(
            framework=["terraform"], checks=["CKV_HITRUST_*"]))
    checks = report.passed_checks + report.failed_checks
    return {(c.check_id, c.resource, c.check_result["result"].value) for c in checks}


def test_in_process_runners_exact() -> None:
    assert _in_process(tf_dir=str(FIXTURES / "parity_admin_ports")) == ADMIN_PORTS
    assert _in_process(plan=str(FIXTURES / "storage" / "plan.json")) == STORAGE_PLAN
    assert _in_process(tf_dir=str(FIXTURES / "platform")) == PLATFORM_TF
    assert _in_process(plan=str(FIXTURES / "dynamic_blocks" / "plan.json")) == DYNAMIC_PLAN
    assert _in_process(tf_dir=str(FIXTURES / "dynamic_blocks")) == DYNAMIC_TF


def _check_terraform(plan: Path) -> dict[tuple[str, str], str]:
    """(check id, address) -> PASSED / FAILED / UNKNOWN from `hitrust check terraform plan.json --format json`
    (several findings of one rule on one resource: FAILED if any fails, else UNKNOWN if any is unknown)."""
    done = subprocess.run([sys.executable, "-m", "hitrust_policies.cli", "check", "terraform", str(plan),
                           "--format", "json"], capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    ours: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in json.loads(done.stdout)["findings"]:
        ours[(check_id(f["rule_id"]), f["resource"]["native_id"])].add(f["status"])
    return {k: "FAILED" if "FAIL" in v else "UNKNOWN" if "UNKNOWN" in v else "PASSED" for k, v in ours.items()}


AWS_PLANS = sorted(p.parent.name for p in FIXTURES.glob("*/plan.json"))


@pytest.mark.parametrize("fixture", AWS_PLANS)
def test_plan_verdicts_are_check_terraform(fixture: str) -> None:
    """checkov on an AWS plan reports exactly the (rule, address, status) set `hitrust check terraform` gives
    the same file, CLI and in-process: PASS and FAIL listed, UNKNOWN left out (checkov reports no UNKNOWN)."""
    plan = FIXTURES / fixture / "plan.json"
    ours = {(check, address, result) for (check, address), result in _check_terraform(plan).items()
            if result != "UNKNOWN"}
    assert ours and all(check.startswith("CKV_HITRUST_") for check, _, _ in ours)
    assert _verdicts(_cli("-f", str(plan), "--framework", "terraform_plan")) == ours
    assert _in_process(plan=str(plan)) == ours


@pytest.mark.parametrize(("fixture", "example"), [
    ("storage", ("CKV_HITRUST_ENC_BLOCK_VOLUME_KMS", "aws_ebs_volume.disk[0]")),
    ("dynamic_blocks", ("CKV_HITRUST_NET_NETWORK_ACL_ADMIN_PORTS", "aws_default_network_acl.main")),
])
def test_plan_unknowns_stay_unknown_in_checkov(fixture: str, example: tuple[str, str]) -> None:
    """What `hitrust check terraform` cannot tell from the plan is UNKNOWN in checkov too, not a verdict:
    judged straight from checkov's view of each resource (checkov's reports leave UNKNOWN out)."""
    from checkov.terraform.plan_parser import parse_tf_plan

    plan = FIXTURES / fixture / "plan.json"
    ours = _check_terraform(plan)
    unknown = {k for k, v in ours.items() if v == "UNKNOWN"}
    assert example in unknown
    by_id = {s.id: s for s in specs()}
    seen = set()
    for block in parse_tf_plan(str(plan), {})[0]["resource"]:
        for resource_type, named in block.items():
            for conf in named.values():
                address = conf["__address__"]
                for check in {c for c, a in unknown if a == address}:
                    status, reason = judge(by_id[check].rule, resource_type, {**conf, "__file__": str(plan)}, True)
                    assert status is Status.UNKNOWN and reason, (check, address)
                    seen.add((check, address))
    assert seen == unknown


def test_ids_one_to_one_with_rules() -> None:
    found = specs()
    assert len({s.id for s in found}) == len(found) > 30
    for spec in found:
        assert rule_id(spec.id) == spec.rule.id and get_rule(spec.rule.id) is spec.rule
        assert spec.rule.id in spec.name and spec.severity == spec.rule.severity.upper()
    assert {s.id: s.resource_types for s in found}["CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED"] == (
        "aws_s3_bucket", "azurerm_storage_account", "google_storage_bucket")


def _tf(**values: object) -> dict[str, object]:
    return {"__address__": "aws_ebs_volume.v", **{k: [v] for k, v in values.items()}}


def test_judge_unknown_where_other_resources_decide() -> None:
    kms = get_rule("enc-block-volume-kms")
    # no kms_key_id: the region's default key, which an aws_ebs_default_kms_key elsewhere may set
    status, reason = judge(kms, "aws_ebs_volume", _tf(encrypted=True, availability_zone="us-east-1a"), plan=False)
    assert status is Status.UNKNOWN and "other resources" in reason
    # a reference is a value known after apply
    encrypted = get_rule("enc-block-volume-encrypted")
    assert judge(encrypted, "aws_ebs_volume", _tf(encrypted="aws_kms_key.k.enabled"), plan=False)[0] is Status.UNKNOWN
    assert judge(encrypted, "aws_ebs_volume", _tf(encrypted=None), plan=False)[0] is Status.UNKNOWN
    assert judge(encrypted, "aws_ebs_volume", _tf(encrypted=False), plan=False) == (
        Status.FAIL, "volume is not encrypted")
    assert judge(encrypted, "aws_ebs_volume", _tf(encrypted=True), plan=False) == (Status.PASS, "")


def test_bucket_with_separate_public_access_block_is_unknown_not_fail() -> None:
    rule = get_rule("net-object-store-public-access-blocked")
    bucket = {"__address__": "aws_s3_bucket.b", "bucket": ["phi-records"]}
    assert judge(rule, "aws_s3_bucket", bucket, plan=False)[0] is Status.UNKNOWN


def test_cli_prints_checks_dir_and_core_needs_no_cloud_sdk() -> None:
    done = subprocess.run([sys.executable, "-m", "hitrust_policies.cli", "checkov-checks-dir"],
                          capture_output=True, text=True, check=True)
    path = Path(done.stdout.strip())
    assert path == checks_dir() and (path / "__init__.py").is_file()
    probe = subprocess.run([sys.executable, "-c", "import sys, hitrust_policies.checkov.conf, hitrust_policies.cli; "
                            "print(sorted(m for m in ('pulumi', 'azure', 'google', 'boto3') if m in sys.modules))"],
                           capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == "[]"


def test_unexpanded_dynamic_block_is_unknown() -> None:
    rule = get_rule("net-ingress-rule-admin-ports")
    group = {"__address__": "aws_security_group.g", "name": ["g"],
             "dynamic": [{"ingress": {"for_each": ["var.rules"], "content": [{"from_port": ["${ingress.value}"]}]}}]}
    assert judge(rule, "aws_security_group", group, plan=False)[0] is Status.UNKNOWN
    written = {"__address__": "aws_security_group.g", "name": ["g"], "ingress": [
        {"protocol": ["tcp"], "from_port": [22], "to_port": [22], "cidr_blocks": [["0.0.0.0/0"]]}]}
    assert judge(rule, "aws_security_group", written, plan=False) == (Status.FAIL, "22/tcp (SSH) open to 0.0.0.0/0")


def test_key_policy_held_elsewhere_is_unknown_not_pass() -> None:
    """An adapter's join over a type the Terraform translation does not map (aws_kms_key_policy) meets a
    stand-in too: the key's own policy alone does not prove it is not public."""
    rule = get_rule("net-crypto-key-not-public")
    key = {"__address__": "aws_kms_key.k", "description": ["k"], "enable_key_rotation": [True]}
    assert judge(rule, "aws_kms_key", key, plan=False)[0] is Status.UNKNOWN
    assert judge(get_rule("enc-crypto-key-rotation"), "aws_kms_key", key, plan=False) == (Status.PASS, "")


KEY_CHECKS = ("CKV_HITRUST_ENC_CRYPTO_KEY_ROTATION", "CKV_HITRUST_NET_CRYPTO_KEY_NOT_PUBLIC")


def with_key_deletion(expected: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """A key a plan or .tf declares is never pending deletion: every key judged for rotation or exposure also
    passes CKV_HITRUST_ENC_CRYPTO_KEY_NOT_PENDING_DELETION (Cloud KMS and Key Vault keys: not judged, PASSED)."""
    return expected | {("CKV_HITRUST_ENC_CRYPTO_KEY_NOT_PENDING_DELETION", resource, "PASSED")
                       for check, resource, _ in expected if check in KEY_CHECKS}
