"""Compute Engine instances joined with their project's Compute Engine asset -> InstanceAccess: sign-in
(OS Login), project-wide SSH keys, the serial console, the service account a VM runs as."""

from __future__ import annotations

from pathlib import Path

from hitrust_policies.sources.live.gcp.scan import scan_export
from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.gcp.conftest import DEV, PROD, scan

RULES = ["iam-instance-os-login", "iam-instance-project-ssh-keys-blocked", "net-instance-serial-port-disabled",
         "iam-instance-default-service-account", "iam-instance-default-service-account-full-access"]
COMPUTE_PROJECT = "compute.googleapis.com/Project"
OWN_SA = f"ehr-app@{PROD.id}.iam.gserviceaccount.com"
GKE = "gke-ehr-default-pool-1a2b3c4d-x7k2"


def lines() -> list[dict]:
    """prod turns OS Login on for every VM; one VM turns it off for itself and opens its serial console. dev's
    Compute Engine project asset is not listed (its project metadata unseen): only a VM setting a key itself
    is judged on it."""
    return [
        ga.compute_project(PROD, {"enable-oslogin": "TRUE", "ssh-keys": "ana:ssh-ed25519 AAAAC3 ana"}),
        ga.vm(PROD, "ehr-app-1", metadata={"block-project-ssh-keys": "TRUE"}, service_account=OWN_SA,
              scopes=[ga.FULL_API_SCOPE]),
        ga.vm(PROD, "ehr-legacy", metadata={"enable-oslogin": "FALSE", "serial-port-enable": "1"}),
        ga.vm(PROD, GKE, labels={"goog-gke-node": "", "goog-k8s-cluster-name": "ehr"}, scopes=[ga.FULL_API_SCOPE]),
        ga.vm(DEV, "dev-vm", service_account=None),
        ga.vm(DEV, "dev-own", metadata={"enable-oslogin": "true", "serial-port-enable": "FALSE",
                                        "block-project-ssh-keys": "True"}, scopes=[ga.FULL_API_SCOPE]),
    ]


EXPECTED = """
    iam-instance-os-login  ehr-app-1   PASS
    iam-instance-os-login  ehr-legacy  FAIL
    iam-instance-os-login  {gke}       PASS
    iam-instance-os-login  dev-vm      UNKNOWN
    iam-instance-os-login  dev-own     PASS
    iam-instance-project-ssh-keys-blocked  ehr-app-1   PASS
    iam-instance-project-ssh-keys-blocked  ehr-legacy  FAIL
    iam-instance-project-ssh-keys-blocked  {gke}       PASS
    iam-instance-project-ssh-keys-blocked  dev-vm      FAIL
    iam-instance-project-ssh-keys-blocked  dev-own     PASS
    net-instance-serial-port-disabled      ehr-app-1   PASS
    net-instance-serial-port-disabled      ehr-legacy  FAIL
    net-instance-serial-port-disabled      {gke}       PASS
    net-instance-serial-port-disabled      dev-vm      UNKNOWN
    net-instance-serial-port-disabled      dev-own     PASS
    iam-instance-default-service-account  ehr-app-1   PASS
    iam-instance-default-service-account  ehr-legacy  FAIL
    iam-instance-default-service-account  {gke}       PASS
    iam-instance-default-service-account  dev-vm      PASS
    iam-instance-default-service-account  dev-own     FAIL
    iam-instance-default-service-account-full-access  ehr-app-1   PASS
    iam-instance-default-service-account-full-access  ehr-legacy  PASS
    iam-instance-default-service-account-full-access  {gke}       PASS
    iam-instance-default-service-account-full-access  dev-vm      PASS
    iam-instance-default-service-account-full-access  dev-own     FAIL
"""


def test_instance_access_verdicts(fake: FakeGcp) -> None:
    fake.add(*lines())
    result = scan(fake, "instances", projects=[PROD.id, DEV.id])
    assert result.complete
    assert verdicts(result.findings(), RULES) == table(EXPECTED.format(gke=GKE))
    assert reasons(result.findings(), RULES) == {
        (rule, "dev-vm", f"{COMPUTE_PROJECT} of projects/{DEV.id} not listed: project-wide metadata unseen")
        for rule in ("iam-instance-os-login", "net-instance-serial-port-disabled")}


def test_export_gives_the_live_verdicts(fake: FakeGcp, tmp_path: Path) -> None:
    """An export of the same assets (the project assets last) gives the same findings and messages."""
    fake.add(*lines())
    live = scan(fake, "instances", projects=[PROD.id, DEV.id]).findings()
    path = ga.write_export(tmp_path / "resource.json", [*lines()[1:], ga.project(PROD), ga.project(DEV), lines()[0]])
    offline = scan_export([path]).findings()
    assert {(f.id, f.rule_id, f.resource.name, f.status, f.message) for f in offline if f.rule_id in RULES} == {
        (f.id, f.rule_id, f.resource.name, f.status, f.message) for f in live if f.rule_id in RULES}


def test_denied_listing_is_unknown_for_every_vm_rule(fake: FakeGcp) -> None:
    """Instances and their project's metadata are one listing: denied (or throttled past its retries), every
    rule over VM access is UNKNOWN for the project, naming the permission."""
    fake.add(*lines(), ga.disk(PROD, "ehr-app-1"))  # another family reads fine: the scan is not empty
    fake.fail(403, asset_type=COMPUTE_PROJECT, scope=f"projects/{PROD.id}")
    fake.fail(429, asset_type=COMPUTE_PROJECT, scope=f"projects/{DEV.id}")
    result = scan(fake, "instances", "disks", projects=[PROD.id, DEV.id], max_attempts=2)
    assert reasons(result.findings(), RULES) == {
        (rule, f"instances in projects/{project}", f"{why}: cloudasset.assets.listResource (instances in "
         f"projects/{project})")
        for rule in RULES for project, why in ((PROD.id, "AccessDenied"), (DEV.id, "Throttled (retries exhausted)"))}
    assert not result.complete
