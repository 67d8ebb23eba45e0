"""A pulumi-gcp program written like the public gcp-py-* examples, through capture() and the real pack.

Run as a preview and as an update with only the stack config it declares; the pack is configured
``{"all": "mandatory"}`` (an UNKNOWN shows as advisory). The expected verdicts are the exact multiset
of (policy, resource, level), one line each with why it is right.
"""

from __future__ import annotations

import pytest

from hitrust_policies.testing.pulumi import PackProcess, capture
from tests.packs.helpers import MANDATORY, keys
from tests.pulumi_programs.real_world import gcp_webapp
from tests.verdicts import Verdicts

pytest.importorskip("pulumi_gcp", reason="the pulumi-gcp extra is not installed")

M = "mandatory"
CONFIG = {"db-password": "s3cret-Passw0rd!", "gcp:region": "us-central1", "gcp:project": "phi-prod"}
EXPECTED = Verdicts({
    # allows 22 and 80 with no sourceRanges: GCP stores 0.0.0.0/0; SSH from the internet (80 is web)
    ("net-ingress-rule-admin-ports", "firewall", M): 1,
    # auto mode (autoCreateSubnetworks=True): GCP's subnetworks in every region log no flows
    ("log-network-flow-logs", "network", M): 1,
    # the function bucket: Google-managed keys, no access logs, and plain HTTP answered by Cloud Storage
    ("enc-object-store-kms", "bucket", M): 1,
    ("log-object-store-access-logging", "bucket", M): 1,
    ("enc-object-store-tls-only", "bucket", M): 1,
    # uniform bucket-level access left off: object ACLs can make any object public (allUsers invokes the
    # function, which grants nothing on the bucket)
    ("net-object-store-public-access-blocked", "bucket", M): 1,
    # the SQL instance: Google-managed keys and a password user only (no IAM database authentication flag)
    ("enc-database-storage-kms", "my-cloud-sql-instance", M): 1,
    ("iam-database-directory-auth", "my-cloud-sql-instance", M): 1,
    # no sslMode: Cloud SQL's default also takes unencrypted connections (the app's connector encrypts its
    # own, but the instance does not require it: CIS Google Cloud Platform Foundation 6.4)
    ("enc-tls-listener-modern", "my-cloud-sql-instance", M): 1,
    # the VM (as gcp-py-webserver writes it): the default service account with the cloud-platform scope, no
    # block-project-ssh-keys; OS Login and the serial console are the project's, whose metadata the stack
    # does not manage (UNKNOWN, advisory)
    ("iam-instance-default-service-account", "instance", M): 1,
    ("iam-instance-default-service-account-full-access", "instance", M): 1,
    ("iam-instance-project-ssh-keys-blocked", "instance", M): 1,
    ("iam-instance-os-login", "instance", "advisory"): 1,
    ("net-instance-serial-port-disabled", "instance", "advisory"): 1,
    # a PostgreSQL instance with no database flags: Cloud SQL's default logs no connection or session end
    ("log-database-connection-logging", "my-cloud-sql-instance", M): 1,
    ("log-database-audit-extension", "my-cloud-sql-instance", M): 1,  # nor is pgAudit on
    # the VM's empty access_configs entry gives it an ephemeral external IP (IP forwarding stays off)
    ("net-instance-no-public-ip", "instance", M): 1,
    # not here: the SQL instance has a public IP (the default) but no authorized network, so only the
    # Cloud SQL connectors (IAM-authenticated) reach it
})


@pytest.mark.parametrize("preview", [True, False], ids=["preview", "update"])
def test_gcp_webapp(gcp_pack: PackProcess, preview: bool) -> None:
    resources = capture(gcp_webapp.program, preview=preview, config=CONFIG)
    violations = gcp_pack.run(resources, MANDATORY)
    assert keys(violations) == EXPECTED
    text = "\n".join(v.message for v in violations)
    assert CONFIG["db-password"] not in text
