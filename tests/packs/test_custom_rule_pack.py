"""A pack of the user's own (their __main__ imports their rules, then serves) picks up their crosswalk the
way the CLI and the scanners do: HITRUST_MAPPINGS_DIR; without it the rule still loads, citing nothing,
and the built-in policies are unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from hitrust_policies.mappings import MAPPINGS_DIR_ENV
from hitrust_policies.testing.pulumi import PackProcess, default_pack_dir

CUSTOM = "enc-object-store-phi-customer-key"
RULES_MODULE = '''
from hitrust_policies import ObjectStore, rule


@rule("enc-object-store-phi-customer-key", title="PHI buckets use a customer-managed key", domain="encryption",
      severity="high", remediation={"aws": "Make a customer-managed KMS key the bucket's default encryption."})
def enc_object_store_phi_customer_key(b: ObjectStore):
    """Our policy: a bucket named for PHI is encrypted with a key we control."""
    if "phi" in b.ref.name and not b.kms_key_customer_managed:
        return "PHI bucket without a customer-managed key"
'''


def own_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "our-pack"
    pack.mkdir()
    shutil.copy(default_pack_dir() / "PulumiPolicy.yaml", pack)
    (pack / "our_rules.py").write_text(RULES_MODULE)
    (pack / "__main__.py").write_text("import our_rules  # noqa: F401\nfrom hitrust_policies.pulumi_pack import serve\n"
                                      "serve('our-pack')\n")
    return pack


def policies(pack: Path) -> dict[str, object]:
    with PackProcess(pack) as process:
        return {p.name: p for p in process.info().policies}


def test_pack_reads_the_user_crosswalk_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mappings = tmp_path / "mappings"
    mappings.mkdir()
    (mappings / "crosswalk.yaml").write_text(yaml.safe_dump({CUSTOM: {
        "csf": ["06.d", "10.g"], "hipaa": ["164.312(a)(2)(iv)"], "nist": ["SC-28"], "csf_basis": "derived"}}))
    monkeypatch.setenv(MAPPINGS_DIR_ENV, str(mappings))
    got = policies(own_pack(tmp_path))
    assert got[CUSTOM].framework.reference == "06.d, 10.g"
    assert {"hipaa:164.312(a)(2)(iv)", "nist-800-53:SC-28"} <= set(got[CUSTOM].tags)
    assert got["enc-object-store-kms"].framework.reference == "06.c, 06.d, 10.f, 10.g"


def test_pack_without_the_row_still_serves_every_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MAPPINGS_DIR_ENV, raising=False)
    got = policies(own_pack(tmp_path))
    assert got[CUSTOM].framework.reference == "" and "enc-object-store-kms" in got
