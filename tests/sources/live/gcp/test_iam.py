"""Service-account keys -> Credential; project / folder / organization IAM policies -> PolicyGrant and each
project's AuditCoverage: exact verdicts, unseen IAM policies and ancestors as UNKNOWN, export parity."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from hitrust_policies.model import (
    FULL_ADMIN,
    NEAR_ADMIN,
    SCOPED,
    AuditCoverage,
    Credential,
    MemberRoles,
    PolicyGrant,
    ServiceAccountKey,
)
from hitrust_policies.sources.live.gcp.scan import scan_export
from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.gcp.conftest import DEV, FOLDER, ORG, PROD, scan

KEY_RULE = "iam-credential-rotated"
ADMIN_RULE = "iam-policy-grant-no-admin"
AUDIT_RULE = "log-audit-coverage-multi-region"
SA_KEY = "iam.googleapis.com/ServiceAccountKey"
NOW = datetime.now(UTC)
DELETED = f"deleted:serviceAccount:old@{PROD.id}.iam.gserviceaccount.com?uid=1"  # undeletable for 30 days
CI = f"serviceAccount:ci@{PROD.id}.iam.gserviceaccount.com"


def days_ago(n: int) -> datetime:
    return NOW - timedelta(days=n)


def seed_keys(fake: FakeGcp) -> None:
    no_type = ga.service_account_key(PROD, "legacy", "k7", created=days_ago(300), key_type=None)
    no_age = ga.service_account_key(PROD, "legacy", "k8", created=days_ago(1))
    del no_age["resource"]["data"]["validAfterTime"]
    fake.add(
        ga.service_account_key(PROD, "etl", "k1", created=days_ago(30)),
        ga.service_account_key(PROD, "etl", "k2", created=days_ago(200)),
        ga.service_account_key(PROD, "etl", "k3", created=days_ago(200), disabled=True),
        ga.service_account_key(PROD, "etl", "k4", created=days_ago(200), expires=days_ago(10)),
        ga.service_account_key(PROD, "etl", "k5", created=days_ago(400), key_type="SYSTEM_MANAGED"),
        ga.service_account_key(PROD, "etl", "k6", created=days_ago(91), origin="USER_PROVIDED"),
        no_type, no_age,
    )


def etl(key: str, account: str = "etl") -> str:
    return f"{account}@{PROD.id}.iam.gserviceaccount.com/{key}"


def test_service_account_key_verdicts(fake: FakeGcp) -> None:
    """User-managed keys older than 90 days fail (downloaded or uploaded alike); disabled, expired and
    Google-managed keys are no active credential; a key whose type the asset omits is UNKNOWN."""
    seed_keys(fake)
    result = scan(fake, "service-account-keys")
    assert result.complete
    assert verdicts(result.findings(), [KEY_RULE]) == set(table(f"""
        {KEY_RULE}  {etl("k1")}  PASS
        {KEY_RULE}  {etl("k2")}  FAIL
        {KEY_RULE}  {etl("k3")}  PASS
        {KEY_RULE}  {etl("k4")}  PASS
        {KEY_RULE}  {etl("k5")}  PASS
        {KEY_RULE}  {etl("k6")}  FAIL
        {KEY_RULE}  {etl("k7", "legacy")}  UNKNOWN
        {KEY_RULE}  {etl("k8", "legacy")}  UNKNOWN
    """))
    assert reasons(result.findings(), [KEY_RULE]) == {
        (KEY_RULE, etl("k7", "legacy"),
         "keyType not in the ServiceAccountKey asset: user- or Google-managed cannot be told"),
        (KEY_RULE, etl("k8", "legacy"), "validAfterTime not in the ServiceAccountKey asset")}
    [k2] = [r for r in result.resources if isinstance(r, Credential) and r.ref.name == etl("k2")]
    assert k2 == Credential(k2.ref, owner=f"etl@{PROD.id}.iam.gserviceaccount.com", active=True, age_days=200)
    assert (k2.ref.account, k2.ref.native_type) == (PROD.id, SA_KEY)
    assert {f.message for f in result.findings() if f.status.value == "FAIL" and f.rule_id == KEY_RULE} == {
        "active key is 200 days old (max 90)", "active key is 91 days old (max 90)"}


def test_denied_or_throttled_key_listing_is_unknown(fake: FakeGcp) -> None:
    seed_keys(fake)
    fake.fail(403, asset_type=SA_KEY, scope=f"projects/{PROD.id}")
    fake.fail(429, asset_type=SA_KEY, scope=f"projects/{DEV.id}")
    result = scan(fake, "service-account-keys", "disks", projects=[PROD.id, DEV.id])
    assert reasons(result.findings(), [KEY_RULE]) == {
        (KEY_RULE, f"service-account-keys in projects/{PROD.id}",
         f"AccessDenied: cloudasset.assets.listResource (service-account-keys in projects/{PROD.id})"),
        (KEY_RULE, f"service-account-keys in projects/{DEV.id}",
         f"Throttled (retries exhausted): cloudasset.assets.listResource (service-account-keys in projects/{DEV.id})")}
    assert not result.complete


def seed_policies(fake: FakeGcp) -> None:
    """An organization whose owners group and a project Editor are admins; the organization records
    configuration reads (ADMIN_READ) for every service; dev exempts its CI account from them."""
    fake.add(
        ga.organization(PROD), ga.folder(PROD, FOLDER), *ga.default_sinks(PROD), *ga.default_sinks(DEV),
        ga.iam_policy(PROD, ("roles/owner", ["group:admins@example.org"]), scope=f"organizations/{ORG}",
                      audit=[ga.audit_config("allServices", "ADMIN_READ")]),
        ga.iam_policy(PROD, ("roles/browser", ["group:eng@example.org"]), scope=f"folders/{FOLDER}",
                      audit=[ga.audit_config("allServices", "DATA_READ", "DATA_WRITE")]),
        ga.iam_policy(PROD,
                      ("roles/owner", ["user:ana@example.org"]),
                      ("roles/editor", [CI, DELETED]),
                      ("roles/viewer", ["group:care@example.org", "user:ana@example.org"]),
                      (f"projects/{PROD.id}/roles/almostOwner", ["user:bo@example.org"]),
                      ("roles/iam.serviceAccountUser", ["user:bo@example.org"])),
    )
    dev = ga.iam_policy(DEV, ("roles/editor", ["group:dev@example.org"]),
                        audit=[ga.audit_config("allServices", "ADMIN_READ",
                                               exempt={"ADMIN_READ": ["user:ci@example.org"]})])
    dev["iam_policy"]["version"] = 3  # conditional bindings need policy version 3
    dev["iam_policy"]["bindings"].append({"role": "roles/owner", "members": ["user:oncall@example.org"], "condition": {
        "title": "break-glass", "expression": "request.time < timestamp('2027-01-01T00:00:00Z')"}})
    fake.add(dev)


GRANTS = f"""
    {ADMIN_RULE}  organizations/{ORG}/roles/owner/group:admins@example.org  FAIL
    {ADMIN_RULE}  folders/{FOLDER}/roles/browser/group:eng@example.org  PASS
    {ADMIN_RULE}  projects/{PROD.id}/roles/owner/user:ana@example.org  FAIL
    {ADMIN_RULE}  projects/{PROD.id}/roles/editor/{CI}  FAIL
    {ADMIN_RULE}  projects/{PROD.id}/roles/editor/{DELETED}  FAIL
    {ADMIN_RULE}  projects/{PROD.id}/roles/viewer/group:care@example.org  PASS
    {ADMIN_RULE}  projects/{PROD.id}/roles/viewer/user:ana@example.org  PASS
    {ADMIN_RULE}  projects/{PROD.id}/projects/{PROD.id}/roles/almostOwner/user:bo@example.org  PASS
    {ADMIN_RULE}  projects/{PROD.id}/roles/iam.serviceAccountUser/user:bo@example.org  PASS
    {ADMIN_RULE}  projects/{DEV.id}/roles/editor/group:dev@example.org  FAIL
    {ADMIN_RULE}  projects/{DEV.id}/roles/owner/user:oncall@example.org  FAIL
"""


def test_organization_scan_grants_and_audit_coverage(fake: FakeGcp) -> None:
    """Scanned at the organization, every binding member is one grant (Owner full admin, Editor near
    admin, conditional and deleted members included), and each project's audit logging is the union of
    its own, its folder's and its organization's configs: prod inherits ADMIN_READ, dev exempts a member."""
    seed_policies(fake)
    result = scan(fake, "resource-hierarchy", projects=(), organizations=[ORG])
    assert result.complete
    assert verdicts(result.findings(), [ADMIN_RULE, AUDIT_RULE]) == set(table(GRANTS + f"""
        {AUDIT_RULE}  {PROD.id}  PASS
        {AUDIT_RULE}  {DEV.id}  FAIL
    """))
    messages = {(f.resource.name, f.message) for f in result.findings() if f.status.value == "FAIL"}
    assert (f"projects/{DEV.id}/roles/editor/group:dev@example.org",
            "allows every action on every resource except setting IAM policies, managing roles and billing") in messages
    assert (DEV.id, f"no trail records every region's management events: {DEV.id} audit config "
                    "(leaves out ADMIN_READ of allServices by user:ci@example.org)") in messages
    grants = {r.ref.name: r for r in result.resources if isinstance(r, PolicyGrant)}
    assert grants[f"organizations/{ORG}/roles/owner/group:admins@example.org"].access == FULL_ADMIN
    assert grants[f"projects/{PROD.id}/roles/editor/{CI}"].access == NEAR_ADMIN
    assert grants[f"projects/{PROD.id}/roles/viewer/group:care@example.org"].access == SCOPED
    owner = grants[f"projects/{PROD.id}/roles/owner/user:ana@example.org"].ref
    assert (owner.account, owner.native_id, owner.part) == (
        PROD.id, f"//cloudresourcemanager.googleapis.com/projects/{PROD.number}", "roles/owner/user:ana@example.org")
    [prod] = [r for r in result.resources if isinstance(r, AuditCoverage) and r.ref.name == PROD.id]
    [trail] = prod.trails
    assert (trail.multi_region, trail.management_reads, trail.management_writes, trail.management_exclusions) == (
        True, True, True, ())


def test_project_scan_cannot_see_inherited_audit_config(fake: FakeGcp) -> None:
    """Scanned project by project, the folder's and organization's audit configs are out of sight: what
    they could enable or exempt is UNKNOWN, unless the project's own config already fails."""
    seed_policies(fake)
    result = scan(fake, "resource-hierarchy", projects=[PROD.id, DEV.id])
    assert verdicts(result.findings(), [AUDIT_RULE]) == set(table(f"""
        {AUDIT_RULE}  {PROD.id}  UNKNOWN
        {AUDIT_RULE}  {DEV.id}  FAIL
    """))
    assert reasons(result.findings(), [AUDIT_RULE]) == {
        (AUDIT_RULE, PROD.id, f"audit config of folders/{FOLDER}, organizations/{ORG} not read "
                              "(scan the organization to see it)")}
    assert result.complete


def test_project_own_config_without_exemptions_is_still_unknown_below_an_organization(fake: FakeGcp) -> None:
    fake.add(ga.iam_policy(PROD, audit=[ga.audit_config()]), *ga.default_sinks(PROD))
    result = scan(fake, "resource-hierarchy")
    assert reasons(result.findings(), [AUDIT_RULE]) == {
        (AUDIT_RULE, PROD.id, f"audit config of folders/{FOLDER}, organizations/{ORG} not read "
                              "(scan the organization to see it)")}


def test_project_without_organization_is_judged_alone(fake: FakeGcp) -> None:
    lone = ga.Project("lone-lab", "555000111222", organization=None)
    fake.add_project(lone.id, lone.number)
    other = ga.Project("lone-lab-2", "555000111333", organization=None)
    fake.add_project(other.id, other.number)
    fake.add(ga.project(lone), ga.iam_policy(lone, audit=[ga.audit_config()]), *ga.default_sinks(lone),
             ga.project(other), ga.iam_policy(other, audit=[ga.audit_config("allServices", "DATA_READ")]),
             *ga.default_sinks(other))
    result = scan(fake, "resource-hierarchy", projects=[lone.id, other.id])
    assert verdicts(result.findings(), [AUDIT_RULE]) == set(table(f"""
        {AUDIT_RULE}  {lone.id}  PASS
        {AUDIT_RULE}  {other.id}  FAIL
    """))


def test_denied_or_throttled_iam_policies_are_unknown(fake: FakeGcp) -> None:
    """IAM_POLICY listing denied in prod and throttled in dev: one UNKNOWN grant per project (the roles it
    holds cannot be listed) and UNKNOWN audit coverage, each naming the call; the coverage is partial."""
    seed_policies(fake)
    fake.fail(403, content_type="IAM_POLICY", scope=f"projects/{PROD.id}")
    fake.fail(429, content_type="IAM_POLICY", scope=f"projects/{DEV.id}")
    result = scan(fake, "resource-hierarchy", projects=[PROD.id, DEV.id])
    denied = f"AccessDenied: cloudasset.assets.listIamPolicy (resource-hierarchy in projects/{PROD.id})"
    throttled = ("Throttled (retries exhausted): cloudasset.assets.listIamPolicy "
                 f"(resource-hierarchy in projects/{DEV.id})")
    assert reasons(result.findings(), [ADMIN_RULE, AUDIT_RULE]) == {
        (ADMIN_RULE, f"projects/{PROD.id}/(IAM policy)", denied), (AUDIT_RULE, PROD.id, denied),
        (ADMIN_RULE, f"projects/{DEV.id}/(IAM policy)", throttled), (AUDIT_RULE, DEV.id, throttled)}
    assert {(c.account, c.status) for c in result.coverage} == {
        (f"projects/{PROD.id}", "partial"), (f"projects/{DEV.id}", "partial")}


def test_denied_resource_listing_is_a_gap(fake: FakeGcp) -> None:
    seed_policies(fake)
    fake.fail(403, content_type="RESOURCE", asset_type="cloudresourcemanager.googleapis.com/Folder")
    result = scan(fake, "resource-hierarchy", "disks")
    reason = f"AccessDenied: cloudasset.assets.listResource (resource-hierarchy in projects/{PROD.id})"
    assert reasons(result.findings(), [ADMIN_RULE, AUDIT_RULE]) == {
        (ADMIN_RULE, f"resource-hierarchy in projects/{PROD.id}", reason),
        (AUDIT_RULE, f"resource-hierarchy in projects/{PROD.id}", reason)}


def test_policy_library_audit_config_shape(fake: FakeGcp) -> None:
    """policy-library's fixtures write log types as the enum's numbers (1 ADMIN_READ, 2 DATA_WRITE,
    3 DATA_READ) and name projects by id: read the same as names."""
    policy = ga.iam_policy(PROD, audit=[{"service": "allServices", "audit_log_configs": [
        {"log_type": 2}, {"log_type": 3, "exempted_members": ["user:user1@org.com"]}, {"log_type": 1}]}])
    fake.add(ga.organization(PROD), ga.folder(PROD, FOLDER), policy, *ga.default_sinks(PROD))
    result = scan(fake, "resource-hierarchy", projects=(), organizations=[ORG])
    assert verdicts(result.findings(), [AUDIT_RULE]) == set(table(f"""
        {AUDIT_RULE}  {PROD.id}  PASS
        {AUDIT_RULE}  {DEV.id}  FAIL
    """))  # dev: no audit config at all


def test_export_gives_the_organization_scan_findings(fake: FakeGcp, tmp_path: Path) -> None:
    """A resource export and an IAM policy export of the organization give the live organization scan's
    findings (folders and the organization named as the scanner names them)."""
    seed_policies(fake)
    seed_keys(fake)
    live = scan(fake, "resource-hierarchy", "service-account-keys", projects=(), organizations=[ORG]).findings()
    lines = fake.export_lines()
    resources = ga.write_export(tmp_path / "resource.json", [a for a in lines if "resource" in a])
    policies = ga.write_export(tmp_path / "iam-policy.json", [a for a in lines if "iam_policy" in a])
    offline = scan_export([resources, policies]).findings()
    rules = [KEY_RULE, ADMIN_RULE, AUDIT_RULE]
    assert {(f.id, f.rule_id, f.resource.name, f.status, f.message) for f in offline} == {
        (f.id, f.rule_id, f.resource.name, f.status, f.message) for f in live}
    assert verdicts(offline, [ADMIN_RULE]) == set(table(GRANTS))
    assert verdicts(offline, rules) == verdicts(live, rules)


def test_audit_logs_are_kept_only_while_the_default_sink_routes_them(fake: FakeGcp) -> None:
    """ADMIN_READ entries are Data Access logs, kept by the _Default sink: disabled with no sink exporting
    everything, nothing keeps them (FAIL); a changed filter or an exclusion may drop them (UNKNOWN); a sink
    exporting every entry keeps them whatever _Default does (PASS)."""
    labs = [ga.Project(f"lab-{n}", f"55500011{n}000", organization=None) for n in range(4)]
    for lab in labs:
        fake.add_project(lab.id, lab.number)
        required, default = ga.default_sinks(lab)
        fake.add(ga.project(lab), ga.iam_policy(lab, audit=[ga.audit_config()]), required, default)
    fake.resources[ga.default_sinks(labs[0])[1]["name"]]["resource"]["data"]["disabled"] = True
    fake.resources[ga.default_sinks(labs[1])[1]["name"]]["resource"]["data"]["exclusions"] = [
        {"name": "no-lb", "filter": 'resource.type="http_load_balancer"'}]
    fake.resources[ga.default_sinks(labs[2])[1]["name"]]["resource"]["data"]["disabled"] = True
    fake.add(ga.log_sink(labs[2], "everything", "storage.googleapis.com/lab-archive"))
    result = scan(fake, "resource-hierarchy", projects=[lab.id for lab in labs])
    assert verdicts(result.findings(), [AUDIT_RULE]) == set(table(f"""
        {AUDIT_RULE}  lab-0  FAIL
        {AUDIT_RULE}  lab-1  UNKNOWN
        {AUDIT_RULE}  lab-2  PASS
        {AUDIT_RULE}  lab-3  PASS
    """))
    assert {(f.resource.name, f.message) for f in result.findings() if f.status.value != "PASS"} >= {
        ("lab-0", "no trail records every region's management events: lab-0 audit config (not logging)"),
        ("lab-1", "the _Default sink is disabled, filtered differently or has exclusions: whether Data Access "
                  "audit logs are kept is not judged")}


SA_DUTIES = "iam-service-account-duties-separated"
KMS_DUTIES = "iam-kms-duties-separated"
IMPERSONATION = "iam-service-account-impersonation-scoped"
DUTY_RULES = [SA_DUTIES, KMS_DUTIES, IMPERSONATION]


def seed_duties(fake: FakeGcp) -> None:
    """bo administers and uses service accounts in prod; the security group administers keys and decrypts
    with them from the folder; the key admins only administer; the deployer mints tokens org-wide."""
    fake.add(
        ga.organization(PROD), ga.folder(PROD, FOLDER), *ga.default_sinks(PROD), *ga.default_sinks(DEV),
        ga.iam_policy(PROD, ("roles/iam.serviceAccountTokenCreator", [CI]), scope=f"organizations/{ORG}"),
        ga.iam_policy(PROD, ("roles/cloudkms.admin", ["group:sec@example.org"]),
                      ("roles/cloudkms.cryptoKeyDecrypter", ["group:sec@example.org"]), scope=f"folders/{FOLDER}"),
        ga.iam_policy(PROD,
                      ("roles/iam.serviceAccountAdmin", ["user:bo@example.org", "user:ana@example.org"]),
                      ("roles/iam.serviceAccountUser", ["user:bo@example.org"]),
                      ("roles/cloudkms.admin", ["group:keys@example.org"]),
                      ("roles/cloudkms.cryptoKeyEncrypterDecrypter", [CI])),
        ga.iam_policy(DEV, ("roles/viewer", ["group:dev@example.org"])),
    )


def duty_rows(scope: str, member: str, sa: str, kms: str, impersonation: str) -> str:
    return "\n".join(f"{rule}  {scope}/{member}  {status}" for rule, status in
                     ((SA_DUTIES, sa), (KMS_DUTIES, kms), (IMPERSONATION, impersonation)))


DUTIES = "\n".join([
    duty_rows(f"organizations/{ORG}", CI, "PASS", "PASS", "FAIL"),
    duty_rows(f"folders/{FOLDER}", "group:sec@example.org", "PASS", "FAIL", "PASS"),
    duty_rows(f"projects/{PROD.id}", "user:bo@example.org", "FAIL", "PASS", "FAIL"),
    duty_rows(f"projects/{PROD.id}", "user:ana@example.org", "PASS", "PASS", "PASS"),
    duty_rows(f"projects/{PROD.id}", "group:keys@example.org", "PASS", "PASS", "PASS"),
    duty_rows(f"projects/{PROD.id}", CI, "PASS", "PASS", "PASS"),
    duty_rows(f"projects/{DEV.id}", "group:dev@example.org", "PASS", "PASS", "PASS"),
])


def test_member_roles_separation_of_duties_and_impersonation(fake: FakeGcp) -> None:
    """Each member's roles per project, folder and organization: both service-account duties, or key
    administration with decryption, at one scope FAIL; service-account user / token creator on a whole
    scope FAIL; the same member's roles at different scopes are separate values."""
    seed_duties(fake)
    result = scan(fake, "resource-hierarchy", projects=(), organizations=[ORG])
    assert result.complete
    assert verdicts(result.findings(), DUTY_RULES) == set(table(DUTIES))
    assert {(f.rule_id, f.resource.name, f.message) for f in result.findings()
            if f.status.value == "FAIL" and f.rule_id in DUTY_RULES} == {
        (IMPERSONATION, f"organizations/{ORG}/{CI}",
         f"{CI} holds roles/iam.serviceAccountTokenCreator on the whole scope: it may act as every service "
         "account there"),
        (KMS_DUTIES, f"folders/{FOLDER}/group:sec@example.org",
         "group:sec@example.org holds both roles/cloudkms.admin and roles/cloudkms.cryptoKeyDecrypter"),
        (SA_DUTIES, f"projects/{PROD.id}/user:bo@example.org",
         "user:bo@example.org holds both roles/iam.serviceAccountAdmin and roles/iam.serviceAccountUser"),
        (IMPERSONATION, f"projects/{PROD.id}/user:bo@example.org",
         "user:bo@example.org holds roles/iam.serviceAccountUser on the whole scope: it may act as every service "
         "account there")}
    [bo] = [r for r in result.resources if isinstance(r, MemberRoles) and r.member == "user:bo@example.org"]
    assert bo == MemberRoles(bo.ref, "user:bo@example.org",
                             ("roles/iam.serviceAccountAdmin", "roles/iam.serviceAccountUser"))
    assert (bo.ref.account, bo.ref.native_type, bo.ref.part) == (
        PROD.id, "cloudresourcemanager.googleapis.com/Project", "members/user:bo@example.org")


def test_denied_or_throttled_policies_leave_member_roles_unknown(fake: FakeGcp) -> None:
    seed_duties(fake)
    fake.fail(403, content_type="IAM_POLICY", scope=f"projects/{PROD.id}")
    fake.fail(429, content_type="IAM_POLICY", scope=f"projects/{DEV.id}")
    result = scan(fake, "resource-hierarchy", projects=[PROD.id, DEV.id])
    denied = f"AccessDenied: cloudasset.assets.listIamPolicy (resource-hierarchy in projects/{PROD.id})"
    throttled = ("Throttled (retries exhausted): cloudasset.assets.listIamPolicy "
                 f"(resource-hierarchy in projects/{DEV.id})")
    assert reasons(result.findings(), DUTY_RULES) == {
        (rule, f"projects/{p}/(IAM policy)", why) for rule in DUTY_RULES
        for p, why in ((PROD.id, denied), (DEV.id, throttled))}
    assert not {f for f in result.findings() if f.rule_id in DUTY_RULES and f.status.value != "UNKNOWN"}


def test_export_gives_the_member_roles_findings(fake: FakeGcp, tmp_path: Path) -> None:
    seed_duties(fake)
    live = scan(fake, "resource-hierarchy", projects=(), organizations=[ORG]).findings()
    lines = fake.export_lines()
    resources = ga.write_export(tmp_path / "resource.json", [a for a in lines if "resource" in a])
    policies = ga.write_export(tmp_path / "iam-policy.json", [a for a in lines if "iam_policy" in a])
    offline = scan_export([resources, policies]).findings()
    assert {(f.id, f.rule_id, f.resource.name, f.status, f.message) for f in offline if f.rule_id in DUTY_RULES} == {
        (f.id, f.rule_id, f.resource.name, f.status, f.message) for f in live if f.rule_id in DUTY_RULES}
    assert verdicts(offline, DUTY_RULES) == set(table(DUTIES))


USER_KEYS = "iam-service-account-no-user-keys"


def test_user_managed_keys_fail_while_they_can_sign(fake: FakeGcp) -> None:
    """Every user-managed key fails, disabled ones too (one call enables them again); an expired key can
    never sign again and passes, as Google-managed keys do; a key whose type the asset omits is UNKNOWN."""
    seed_keys(fake)
    result = scan(fake, "service-account-keys")
    assert verdicts(result.findings(), [USER_KEYS]) == set(table(f"""
        {USER_KEYS}  {etl("k1")}  FAIL
        {USER_KEYS}  {etl("k2")}  FAIL
        {USER_KEYS}  {etl("k3")}  FAIL
        {USER_KEYS}  {etl("k4")}  PASS
        {USER_KEYS}  {etl("k5")}  PASS
        {USER_KEYS}  {etl("k6")}  FAIL
        {USER_KEYS}  {etl("k7", "legacy")}  UNKNOWN
        {USER_KEYS}  {etl("k8", "legacy")}  FAIL
    """))
    owner = f"etl@{PROD.id}.iam.gserviceaccount.com"
    assert {(f.resource.name, f.message) for f in result.findings() if f.rule_id == USER_KEYS
            and f.status.value != "PASS"} == {
        (etl("k1"), f"{owner} has a user-managed key"), (etl("k2"), f"{owner} has a user-managed key"),
        (etl("k3"), f"{owner} has a user-managed key (disabled, but it can be enabled again)"),
        (etl("k6"), f"{owner} has a user-managed key"),
        (etl("k7", "legacy"), "keyType not in the ServiceAccountKey asset: user- or Google-managed cannot be told"),
        (etl("k8", "legacy"), f"legacy@{PROD.id}.iam.gserviceaccount.com has a user-managed key")}
    [k4] = [r for r in result.resources if isinstance(r, ServiceAccountKey) and r.ref.name == etl("k4")]
    assert k4 == ServiceAccountKey(k4.ref, owner, user_managed=True, disabled=False, expired=True)
    assert (k4.ref.account, k4.ref.native_type) == (PROD.id, SA_KEY)


def test_denied_key_listing_leaves_user_keys_unknown(fake: FakeGcp) -> None:
    seed_keys(fake)
    fake.fail(403, asset_type=SA_KEY, scope=f"projects/{PROD.id}")
    result = scan(fake, "service-account-keys", "disks")
    assert reasons(result.findings(), [USER_KEYS]) == {
        (USER_KEYS, f"service-account-keys in projects/{PROD.id}",
         f"AccessDenied: cloudasset.assets.listResource (service-account-keys in projects/{PROD.id})")}


def test_export_gives_the_user_key_findings(fake: FakeGcp, tmp_path: Path) -> None:
    seed_keys(fake)
    live = scan(fake, "service-account-keys").findings()
    resources = ga.write_export(tmp_path / "resource.json", [a for a in fake.export_lines() if "resource" in a])
    offline = scan_export([resources]).findings()
    assert {(f.id, f.resource.name, f.status, f.message) for f in offline if f.rule_id == USER_KEYS} == {
        (f.id, f.resource.name, f.status, f.message) for f in live if f.rule_id == USER_KEYS}
    assert len([f for f in offline if f.rule_id == USER_KEYS]) == 8
