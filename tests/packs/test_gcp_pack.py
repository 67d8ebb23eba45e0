"""packs/hitrust-gcp on real pulumi-gcp programs, through the real pack process.

Each case asserts the exact multiset of (policy, resource, level) the pack reports for a whole
program, in a preview and after an update: compliant resources produce nothing, the others exactly
their violations. Levels are forced to mandatory so UNKNOWN (always advisory) stands out.
"""

from __future__ import annotations

import json
from importlib.util import find_spec

import pytest
import yaml
from pulumi.runtime.proto import analyzer_pb2

from hitrust_policies import all_rules
from hitrust_policies.sources.pulumi import stack_level_kinds, supported_kinds
from hitrust_policies.testing.pulumi import PackProcess, default_pack_dir
from tests.packs.helpers import MANDATORY, captured, keys
from tests.pulumi_programs import gcp as programs
from tests.verdicts import Verdicts

PACK = default_pack_dir("hitrust-gcp")
needs_pulumi_gcp = pytest.mark.skipif(find_spec("pulumi_gcp") is None, reason="the pulumi-gcp extra is not installed")
M, A = "mandatory", "advisory"
TLS = "enc-object-store-tls-only"
GCP_RULES = {
    "enc-block-volume-encrypted", "enc-block-volume-kms", "enc-crypto-key-rotation",
    "enc-crypto-key-not-pending-deletion",
    "enc-database-storage-encrypted",
    "enc-database-storage-kms", "iam-database-directory-auth", "enc-object-store-default-encryption",
    "enc-object-store-kms", TLS, "log-network-flow-logs",
    "log-object-store-access-logging", "net-database-not-public", "net-ingress-rule-admin-ports",
    "net-object-store-public-access-blocked", "enc-tls-listener-modern",
    "iam-instance-os-login", "iam-instance-project-ssh-keys-blocked", "net-instance-serial-port-disabled",
    "iam-instance-default-service-account", "iam-instance-default-service-account-full-access",
    "net-dataset-not-public", "enc-dataset-kms", "enc-dns-zone-dnssec", "enc-dns-zone-strong-signing",
    "log-log-archive-retention-locked",
    "log-database-connection-logging", "log-database-statements-not-logged", "log-database-audit-extension",
    "iam-database-contained-auth-off", "iam-database-cross-db-ownership-chaining-off", "net-database-remote-access-off",
    "iam-database-local-infile-off", "iam-database-show-databases-restricted", "log-database-error-logging",
    "net-network-default-absent", "enc-instance-host-encryption", "net-instance-no-public-ip",
    "net-instance-ip-forwarding-off",
    "iam-service-account-no-user-keys", "net-crypto-key-not-public", "iam-service-account-duties-separated",
    "iam-kms-duties-separated", "iam-service-account-impersonation-scoped",
    "log-log-group-retention", "enc-log-group-audit-kms", "iam-policy-grant-no-admin",
    "iam-policy-grant-no-service-wildcard", "iam-policy-grant-no-kms-decrypt-all-keys",  # not judged: always pass
}


def buckets(*names: str, kms: bool = True, logs: bool = True) -> set[tuple[str, str, str]]:
    """What every bucket of these names fails that is no fault of its public access."""
    out = {(TLS, n, M) for n in names}
    out |= {("enc-object-store-kms", n, M) for n in names} if kms else set()
    return out | ({("log-object-store-access-logging", n, M) for n in names} if logs else set())


PUBLIC = buckets("public-site", "partner-share", "legacy-acl", "locked", "team-only", "policy-doc") | {
    ("net-object-store-public-access-blocked", n, M) for n in ("public-site", "partner-share", "legacy-acl",
                                                                "policy-doc")}
FIREWALLS = Verdicts({("net-ingress-rule-admin-ports", "allow-ssh-web", M): 1,  # 22 from everywhere; 80 is fine
                      ("net-ingress-rule-admin-ports", "allow-rdp-any", M): 2})  # 3389 from 0.0.0.0/0 and ::/0
# every instance but phi-db has Google-managed keys and built-in logins only; open-db is open to 0.0.0.0/0
SQL = {(r, n, M) for r in ("enc-database-storage-kms", "iam-database-directory-auth")
       for n in ("app-db", "open-db", "office-db", "private-db")} | {("net-database-not-public", "open-db", M)} | {
    ("enc-tls-listener-modern", n, M) for n in ("app-db", "open-db", "private-db")} | {
    ("enc-tls-listener-modern", n, A) for n in ("office-db", "phi-db")} | {  # no sslMode: plaintext; else no TLS floor
    ("log-database-connection-logging", n, M) for n in ("app-db", "office-db", "phi-db")} | {  # PostgreSQL, no flags
    ("log-database-audit-extension", n, M) for n in ("app-db", "office-db", "phi-db")} | {
    ("net-database-remote-access-off", "private-db", M)} | {  # SQL Server's default: remote access on
    (r, "open-db", M) for r in ("iam-database-local-infile-off", "iam-database-show-databases-restricted")}  # MySQL
CASES = {
    "buckets-keys-logging": (programs.buckets_keys_logging, buckets("phi-access-logs", "phi-plain") | {
        (TLS, "phi-records", M)}),
    "buckets-public": (programs.buckets_public, PUBLIC),
    "firewalls": (programs.firewalls, FIREWALLS),
    "cloud-sql": (programs.sql_instances, SQL),
    "kms-keys": (programs.kms_keys, {("enc-crypto-key-rotation", "backups", M), ("enc-crypto-key-rotation", "hsm", M)}),
    # boot and shared: Google-managed keys (data-cmek names a Cloud KMS key)
    "disks": (programs.disks, {("enc-block-volume-kms", n, M) for n in ("boot", "shared")}),
    "networks": (programs.networks, {("log-network-flow-logs", n, M) for n in ("poc", "demo", "half-vpc")}),
    # the project turns OS Login on, legacy-vm turns it off; ehr-app alone refuses project-wide SSH keys
    "vm-access": (programs.vm_access, {("iam-instance-os-login", "legacy-vm", M)} | {
        ("iam-instance-project-ssh-keys-blocked", n, M) for n in ("nginx", "legacy-vm")} | {
        ("net-instance-serial-port-disabled", "legacy-vm", M),
        ("iam-instance-default-service-account-full-access", "nginx", M)} | {
        ("iam-instance-default-service-account", n, M) for n in ("nginx", "legacy-vm")}),
    # public through accesses, a DatasetAccess, a DatasetIamMember and a policy document; claims alone has a CMEK
    "bigquery": (programs.bigquery_datasets, {("net-dataset-not-public", n, M) for n in (
        "open_reference", "shared", "exports", "documented")} | {("enc-dataset-kms", n, M) for n in (
            "staging", "open_reference", "shared", "exports", "team", "documented")}),
    # portal: unsigned, moving: in transfer, legacy: an RSASHA1 zone-signing key; the private zone is exempt
    "dns-zones": (programs.dns_zones, {("enc-dns-zone-dnssec", "portal", M), ("enc-dns-zone-dnssec", "moving", M),
                                       ("enc-dns-zone-strong-signing", "legacy", M)}),
    # to-unlocked: a retention policy never locked; to-partner: a bucket the program does not create (advisory)
    "log-archives": (programs.log_archives, buckets("phi-log-archive", "phi-log-open") | {
        ("enc-dataset-kms", "logs", M), ("log-log-archive-retention-locked", "to-unlocked", M),
        ("log-log-archive-retention-locked", "to-partner", A),
        ("enc-log-group-audit-kms", "audit-locked", A)}),  # what reaches a user-defined log bucket is not judged
    # _Default of phi-sandbox: 30 days, no key; app-logs: 90 days; audit-logs: computed at preview
    "log-buckets": (programs.log_buckets, {
        ("log-log-group-retention", "default-sandbox", M), ("enc-log-group-audit-kms", "default-sandbox", M),
        ("log-log-group-retention", "app-logs", M), ("enc-log-group-audit-kms", "app-logs", A)}),
    "kms-key-iam": (programs.kms_key_iam, {("net-crypto-key-not-public", n, M) for n in (
        "anyone", "partners", "documented")}),
    # each member's roles, reported on the first grant naming it on that scope
    "project-iam": (programs.project_iam, {
        ("iam-service-account-duties-separated", "dana-sa-admin", M),
        ("iam-service-account-impersonation-scoped", "dana-sa-admin", M),
        ("iam-kms-duties-separated", "kms-admins", M), ("iam-service-account-impersonation-scoped", "ci-tokens", M)}),
    # every key a program makes is user-managed
    "service-account-keys": (programs.service_account_keys, {("iam-service-account-no-user-keys", n, M) for n in (
        "etl-key", "etl-uploaded", "legacy-key")}),
}


@needs_pulumi_gcp
@pytest.mark.parametrize("preview", [True, False], ids=["preview", "update"])
@pytest.mark.parametrize("name", CASES)
def test_exact_violations(gcp_pack: PackProcess, name: str, preview: bool) -> None:
    program, expected = CASES[name]
    if preview and name in PREVIEW_ONLY:
        expected = expected | PREVIEW_ONLY[name]
    assert keys(gcp_pack.run(captured(program, preview), MANDATORY)) == expected


# computed at preview: Unknown, reported as advisory until the update knows it
PREVIEW_ONLY = {"log-buckets": {(rule, "audit-logs", A) for rule in ("log-log-group-retention",
                                                                  "enc-log-group-audit-kms")}}


@needs_pulumi_gcp
@pytest.mark.parametrize("preview", [True, False], ids=["preview", "update"])
def test_vm_access_with_the_project_metadata_outside_the_stack(gcp_pack: PackProcess, preview: bool) -> None:
    """What a VM inherits from a project the stack does not manage is advisory UNKNOWN; what it sets is judged."""
    unseen = {("iam-instance-os-login", "inherits"), ("net-instance-serial-port-disabled", "inherits"),
              ("net-instance-serial-port-disabled", "batch")}  # the project's serial-port-enable: not in the stack
    computed = ("iam-instance-os-login", "iam-instance-default-service-account",
                "iam-instance-default-service-account-full-access")
    unseen |= {(rule, "batch") for rule in computed} if preview else set()  # its own values
    expected = {(rule, name, A) for rule, name in unseen} | {
        ("iam-instance-project-ssh-keys-blocked", n, M) for n in ("inherits", "batch")}
    assert keys(gcp_pack.run(captured(programs.vm_access_project_elsewhere, preview), MANDATORY)) == expected


@needs_pulumi_gcp
def test_unknowns_are_advisory_and_say_what_was_not_known(gcp_pack: PackProcess) -> None:
    known = buckets("late-share") | {("enc-database-storage-kms", "late-db", M),  # known: no key named
                                     ("iam-database-directory-auth", "late-db", M),  # nor a flag
                                     ("log-database-connection-logging", "late-db", M),  # Cloud SQL's defaults
                                     ("log-database-audit-extension", "late-db", M)}
    violations = gcp_pack.run(captured(programs.unresolved_outputs), MANDATORY)
    assert keys(violations) == known | {("net-ingress-rule-admin-ports", "bastion-ssh", A),
                                        ("net-object-store-public-access-blocked", "late-share", A),
                                        ("net-database-not-public", "late-db", A),
                                        ("enc-tls-listener-modern", "late-db", A)}
    texts = {v.policy: v.message.split("\n", 1)[1].split(" (UNKNOWN")[0] for v in violations if v.level == A}
    assert texts == {
        "net-ingress-rule-admin-ports": "bastion-ssh: could not be known: computed at preview: sourceRanges[0]",
        "net-object-store-public-access-blocked": "late-share: could not be known: computed at preview: member",
        "net-database-not-public": "late-db: could not be known: computed at preview: "
                                   "settings.ipConfiguration.authorizedNetworks[0].value",
        "enc-tls-listener-modern": "late-db: could not be known: computed at preview: settings.ipConfiguration.sslMode",
    }
    assert keys(gcp_pack.run(captured(programs.unresolved_outputs, False), MANDATORY)) == known | {
        ("enc-tls-listener-modern", "late-db", M)}  # the mode resolves to ALLOW_UNENCRYPTED_AND_ENCRYPTED


@needs_pulumi_gcp
def test_dataset_values_computed_at_preview_are_advisory(gcp_pack: PackProcess) -> None:
    violations = gcp_pack.run(captured(programs.bigquery_unresolved), MANDATORY)
    assert keys(violations) == {("net-dataset-not-public", "late", A), ("enc-dataset-kms", "late", A)}
    texts = {v.policy: v.message.split("\n", 1)[1].split(" (UNKNOWN")[0] for v in violations}
    assert texts == {"net-dataset-not-public": "late: could not be known: computed at preview: accesses[0].iamMember",
                     "enc-dataset-kms": "late: could not be known: computed at preview: "
                                        "defaultEncryptionConfiguration.kmsKeyName"}
    assert keys(gcp_pack.run(captured(programs.bigquery_unresolved, False), MANDATORY)) == set()


@needs_pulumi_gcp
def test_violations_name_the_resource_as_gcp_does(gcp_pack: PackProcess) -> None:
    """Firewall openings are resource violations; buckets, networks and keys are joined (stack level),
    keys named ``<ring>/<key>`` as the live scanner names them."""
    found = gcp_pack.run(captured(programs.firewalls), MANDATORY)
    assert {v.phase for v in found} == {"resource"}
    assert sorted(v.message.split("\n", 1)[1].split(" [")[0] for v in found) == [
        "allow-rdp-any: 3389/tcp (RDP) open to 0.0.0.0/0", "allow-rdp-any: 3389/tcp (RDP) open to ::/0",
        "allow-ssh-web: 22/tcp (SSH) open to 0.0.0.0/0"]
    rotation = gcp_pack.run(captured(programs.kms_keys), MANDATORY)
    assert sorted(v.message.split("\n", 1)[1].split(" [")[0] for v in rotation) == [
        "phi/backups: automatic rotation is disabled", "phi/hsm: automatic rotation is disabled"]
    assert {v.phase for v in rotation} == {"stack"}
    public = [v for v in gcp_pack.run(captured(programs.buckets_public), MANDATORY)
              if v.policy == "net-object-store-public-access-blocked" and v.resource == "policy-doc"]
    assert [v.urn for v in public] == ["urn:pulumi:test::hitrust::gcp:storage/bucket:Bucket::policy-doc"]


@needs_pulumi_gcp
def test_secrets_never_appear_in_messages(gcp_pack: PackProcess) -> None:
    for preview in (True, False):
        violations = gcp_pack.run(captured(programs.secrets, preview), MANDATORY)
        assert keys(violations) == {("net-ingress-rule-admin-ports", "partner-ssh", M),
                                    ("enc-database-storage-kms", "secret-db", M),
                                    ("iam-database-directory-auth", "secret-db", M),
                                    ("enc-tls-listener-modern", "secret-db", M),
                                    ("iam-database-local-infile-off", "secret-db", M),  # MySQL's flags unset
                                    ("iam-database-show-databases-restricted", "secret-db", M)}
        text = "\n".join(v.message for v in violations)
        for secret in (programs.SECRET_SOURCE, programs.SECRET_PASSWORD, programs.SECRET_DISK_KEY):
            assert secret not in text
        assert "partner-ssh: 22/tcp (SSH) open to [secret] [" in text


@needs_pulumi_gcp
def test_default_levels_block_critical_and_high_only(gcp_pack: PackProcess) -> None:
    assert keys(gcp_pack.run(captured(programs.buckets_public, False))) == {
        (rule, name, M if rule == "net-object-store-public-access-blocked" else A) for rule, name, _ in PUBLIC}
    assert keys(gcp_pack.run(captured(programs.firewalls, False))) == FIREWALLS  # critical


@needs_pulumi_gcp
def test_config_example_is_accepted_and_applied(gcp_pack: PackProcess) -> None:
    config = json.loads((PACK / "config.example.json").read_text())
    assert keys(gcp_pack.run(captured(programs.firewalls), config)) == FIREWALLS
    found = keys(gcp_pack.run(captured(programs.buckets_public, False), config))
    assert (TLS, "public-site", A) not in found  # excluded, with its justification
    assert {(TLS, "locked", A), ("enc-object-store-kms", "locked", A),
            ("net-object-store-public-access-blocked", "public-site", M)} <= set(found)


@needs_pulumi_gcp
def test_each_pack_judges_its_own_clouds_resources(gcp_pack: PackProcess) -> None:
    from tests.pulumi_programs import azure_native

    mixed = captured(azure_native.mixed_clouds) + captured(programs.sql_instances)
    assert keys(gcp_pack.run(mixed, MANDATORY)) == SQL


def test_folder_is_a_python_pack_that_only_serves() -> None:
    meta = yaml.safe_load((PACK / "PulumiPolicy.yaml").read_text())
    assert meta["runtime"] == {"name": "python", "options": {"virtualenv": "venv"}}
    assert "pulumi-gcp" in meta["description"]
    assert [line for line in (PACK / "requirements.txt").read_text().splitlines()
            if line.strip() and not line.startswith("#")] == ["../..[pulumi]"]  # this checkout (test_install.py)
    lines = [line for line in (PACK / "__main__.py").read_text().splitlines() if line.strip()]
    assert lines == ["from hitrust_policies.pulumi_pack import serve", 'serve("hitrust-gcp", package="gcp")']
    readme = (PACK / "README.md").read_text()
    for snippet in ("pulumi preview --policy-pack packs/hitrust-gcp", "--policy-pack-config", "config.example.json",
                    "pulumi policy publish", TLS):
        assert snippet in readme


def test_one_policy_per_rule_evaluable_from_pulumi_gcp_props(gcp_pack: PackProcess) -> None:
    info = gcp_pack.info()
    assert info.name == "hitrust-gcp" and info.supportsConfig
    assert {p.name for p in info.policies} == GCP_RULES
    assert GCP_RULES == {r.id for r in all_rules() if not r.live_only and r.kind in supported_kinds("gcp")}
    joined, kinds = stack_level_kinds("gcp"), {r.id: r.kind for r in all_rules()}
    for p in info.policies:
        expected = analyzer_pb2.POLICY_TYPE_STACK if kinds[p.name] in joined else analyzer_pb2.POLICY_TYPE_RESOURCE
        assert p.policy_type == expected, p.name
    from hitrust_policies.sources import kinds_by_source

    assert kinds_by_source()["pulumi-gcp"] == supported_kinds("gcp")  # the catalog lists the source
    resource = {p.name for p in info.policies if p.policy_type == analyzer_pb2.POLICY_TYPE_RESOURCE}
    assert resource == {"enc-block-volume-encrypted", "enc-block-volume-kms", "enc-database-storage-encrypted",
                        "enc-database-storage-kms",
                        "iam-database-directory-auth", "net-database-not-public", "net-ingress-rule-admin-ports",
                        "enc-dns-zone-dnssec", "enc-dns-zone-strong-signing",
                        "log-database-connection-logging",
                        "log-database-statements-not-logged", "log-database-audit-extension",
                        "iam-database-contained-auth-off", "iam-database-cross-db-ownership-chaining-off",
                        "net-database-remote-access-off", "iam-database-local-infile-off",
                        "iam-database-show-databases-restricted", "log-database-error-logging",
                        "enc-instance-host-encryption", "net-instance-no-public-ip", "net-instance-ip-forwarding-off",
                        "log-log-group-retention", "enc-log-group-audit-kms", "iam-policy-grant-no-admin",
                        "iam-policy-grant-no-service-wildcard", "iam-policy-grant-no-kms-decrypt-all-keys"}
    # load-balancer listeners join proxies with SSL policies and URL maps, so the TLS rule is a stack policy


@needs_pulumi_gcp
def test_no_cloud_sdk_is_imported_at_start_or_while_analyzing(monkeypatch: pytest.MonkeyPatch) -> None:
    """pulumi_gcp weighs 292 MB installed; the pack reads props only."""
    monkeypatch.setenv("PYTHONPROFILEIMPORTTIME", "1")
    resources = captured(programs.networks)
    with PackProcess(PACK) as pack:
        assert keys(pack.run(resources, MANDATORY))  # it analyzed something
        imported = {line.rsplit("|", 1)[-1].strip() for line in pack.stderr if line.startswith("import time:")}
    assert "hitrust_policies.sources.pulumi.gcp.compute" in imported
    heavy = sorted(m for m in imported if m.split(".")[0] in ("pulumi_gcp", "pulumi_azure_native", "pulumi_aws",
                                                              "boto3", "azure") or m.startswith("google.cloud"))
    assert heavy == []


@needs_pulumi_gcp
@pytest.mark.parametrize("preview", [True, False], ids=["preview", "update"])
def test_database_flags(gcp_pack: PackProcess, preview: bool) -> None:
    """PostgreSQL flags over Cloud SQL's defaults; MySQL and SQL Server instances get no PostgreSQL verdict;
    late-pg's log_connections is computed by another resource: advisory in a preview, compliant after."""
    names = ("audited-pg", "default-pg", "half-pg", "late-pg", "reports-mysql", "ehr-mssql", "legacy-mssql")
    expected = {(r, n, M) for r in ("enc-database-storage-kms", "iam-database-directory-auth") for n in names} | {
        ("enc-tls-listener-modern", n, A) for n in names} | {  # TLS only: no visible TLS floor
        ("log-database-connection-logging", n, M) for n in ("default-pg", "half-pg")} | {
        ("log-database-statements-not-logged", "half-pg", M)} | {  # slow statements' text
        ("log-database-audit-extension", n, M) for n in ("default-pg", "half-pg", "late-pg")} | {
        (r, "legacy-mssql", M) for r in ("iam-database-contained-auth-off",
                                         "iam-database-cross-db-ownership-chaining-off",
                                         "net-database-remote-access-off")} | {
        ("iam-database-local-infile-off", "reports-mysql", M), ("log-database-error-logging", "half-pg", M)}
    if preview:  # any flag value still computed keeps the IAM authentication flag unknown too
        expected = expected - {("iam-database-directory-auth", "late-pg", M)} | {
            ("iam-database-directory-auth", "late-pg", A), ("log-database-connection-logging", "late-pg", A)}
    violations = gcp_pack.run(captured(programs.sql_database_flags, preview), MANDATORY)
    assert keys(violations) == expected
    texts = {v.message.split("\n", 1)[1].split(" (UNKNOWN")[0].split(" [HITRUST")[0] for v in violations
             if v.policy == "log-database-connection-logging"}
    assert texts == {"default-pg: PostgreSQL does not log connections or disconnections: log_connections, "
                     "log_disconnections off",
                     "half-pg: PostgreSQL does not log disconnections: log_disconnections off",
                     *(["late-pg: could not be known: computed at preview: settings.databaseFlags[0].value"]
                       if preview else [])}
