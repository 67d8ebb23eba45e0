"""The GCP scanner only reads: GET listings of assets, each needing a permission the custom role holds.

The custom role is derived from the families' declarations; these tests prove the declarations are
complete (every request needs a declared permission), harmless (nothing else is sent, and the session
refuses to send anything else), and that the committed role is in step with them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from hitrust_policies.model import KINDS
from hitrust_policies.sources.live.gcp.auth import ReadOnlyViolation, asset_client
from hitrust_policies.sources.live.gcp.families import all_asset_types, all_families, family
from hitrust_policies.sources.live.gcp.permissions import custom_role, custom_role_yaml, required_permissions
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.gcp.conftest import DEV, PROD, scan, token
from tests.sources.live.gcp.org import seed

ROLE = Path(__file__).resolve().parents[4] / "scanners" / "gcp" / "custom-role.yaml"
PERMISSION_OF = {"RESOURCE": "cloudasset.assets.listResource", "IAM_POLICY": "cloudasset.assets.listIamPolicy"}


def test_full_scan_sends_only_asset_listings(fake: FakeGcp) -> None:
    seed(fake)
    result = scan(fake, projects=[PROD.id, DEV.id])
    assert result.complete, [c for c in result.coverage if c.status != "ok"]
    assert {(r.method, r.path) for r in fake.requests} == {
        ("GET", f"/v1/projects/{PROD.id}/assets"), ("GET", f"/v1/projects/{DEV.id}/assets")}
    listed = {t for r in fake.requests for t in r.asset_types}
    assert listed == all_asset_types() | {"cloudresourcemanager.googleapis.com/Project"}
    # every request needs a permission of the custom role; every permission but service usage was used
    used = {PERMISSION_OF[r.content_type] for r in fake.requests}
    assert used == set(result.calls) == set(required_permissions()) - {"serviceusage.services.use"}
    assert sum(result.calls.values()) == len(fake.requests)
    assert {type(r) for r in result.resources} == {k for f in all_families() for k in f.kinds}
    assert all(k in KINDS for f in all_families() for k in f.kinds)


@pytest.mark.parametrize("method, path", [
    ("POST", "/v1/projects/phi-prod:exportAssets"),
    ("POST", "/v1/projects/phi-prod/feeds"),
    ("DELETE", "/v1/projects/phi-prod/feeds/f"),
    ("GET", "/v1/projects/phi-prod:searchAllIamPolicies"),
])
def test_session_refuses_anything_but_listings(fake: FakeGcp, method: str, path: str) -> None:
    """A request other than an asset listing is refused before it leaves the process."""
    client = asset_client(token(), fake.endpoint)
    with pytest.raises(ReadOnlyViolation, match=f"refused {method}"):
        client._transport._session.request(method, f"{fake.endpoint}{path}")
    assert fake.requests == []


def test_custom_role_is_in_step_with_the_declarations() -> None:
    """scanners/gcp/custom-role.yaml is `hitrust permissions gcp`; regenerate with
    ``hitrust permissions gcp > scanners/gcp/custom-role.yaml``."""
    assert ROLE.read_text() == custom_role_yaml()
    assert yaml.safe_load(ROLE.read_text()) == custom_role()
    permissions = custom_role()["includedPermissions"]
    assert permissions == ["cloudasset.assets.listIamPolicy", "cloudasset.assets.listResource",
                           "serviceusage.services.use"]
    assert not any("*" in p or p.split(".")[-1].startswith(("create", "update", "delete", "set", "export"))
                   for p in permissions)


def test_a_bad_asset_type_is_refused_at_declaration() -> None:
    with pytest.raises(ValueError, match="not a Cloud Asset type: Bucket"):
        family("buckets-bad", asset_types=("Bucket",), kinds=(KINDS[0],))(lambda ctx, assets: [])
    assert "buckets-bad" not in {f.name for f in all_families()}
