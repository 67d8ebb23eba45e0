"""The shipped mappings validate, and every kind of broken mapping is rejected by name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from hitrust_policies import MappingError, all_rules, load_mappings
from hitrust_policies.mappings import default_dir


def test_shipped_mappings_cover_every_rule() -> None:
    m = load_mappings()
    assert set(m.crosswalk) == {r.id for r in all_rules()}
    refs = m.references("net-ingress-rule-admin-ports")
    assert [c.id for c in refs.csf] == ["01.n", "01.l", "01.m", "09.m"]
    assert refs.csf[0].name == "Network Connection Control"
    assert [c.id for c in refs.hipaa] == ["164.312(a)(1)", "164.312(e)(1)"]


def test_catalogs_hold_every_hipaa_security_rule_citation() -> None:
    hipaa = load_mappings().catalogs["hipaa"]
    assert len(hipaa) == 65
    assert hipaa["164.312(a)(2)(iv)"]["requirement"] == "addressable"
    assert hipaa["164.312(b)"]["requirement"] == "required"
    assert {c.split("(")[0] for c in hipaa} == {"164.308", "164.310", "164.312", "164.314", "164.316"}


def test_catalogs_ship_no_requirement_text() -> None:
    """Only ids and short names of published standards may ship (licensing)."""
    for path in default_dir().glob("*.yaml"):
        for entry in (yaml.safe_load(path.read_text()) or {}).get("controls", []) or []:
            assert len(str(entry.get("name", ""))) < 120, (path, entry["id"])


@pytest.fixture
def mappings_copy(tmp_path: Path) -> Path:
    target = tmp_path / "mappings"
    shutil.copytree(default_dir(), target)
    return target


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data))


@pytest.mark.parametrize(
    "change, error",
    [
        (lambda d: d["enc-object-store-kms"].__setitem__("csf", ["99.z"]),
         r"crosswalk.yaml: rule 'enc-object-store-kms': csf id '99.z' is not in hitrust_csf.yaml"),
        (lambda d: d["log-log-group-retention"].__setitem__("hipaa", ["164.999(a)"]),
         r"rule 'log-log-group-retention': hipaa id '164.999\(a\)' is not in hipaa_security_rule.yaml"),
        (lambda d: d["net-database-not-public"].__setitem__("nist", ["XX-1"]),
         r"rule 'net-database-not-public': nist id 'XX-1' is not in nist_800_53.yaml"),
        (lambda d: d.pop("iam-credential-rotated"), r"no crosswalk row for rule\(s\) iam-credential-rotated"),
        (lambda d: d.__setitem__("enc-made-up-rule", d["enc-object-store-kms"]),
         r"rule 'enc-made-up-rule': no such rule in the registry"),
        (lambda d: d["enc-object-store-kms"].__setitem__("csf_basis", "vibes"), r"csf_basis 'vibes'"),
        (lambda d: d["enc-object-store-kms"].__setitem__("csf_basis", "azure-policy"), r"needs csf_source"),
        (lambda d: d["enc-object-store-kms"].__setitem__("hipaa", []), r"'hipaa' must be a non-empty list"),
        (lambda d: d["enc-object-store-kms"].__setitem__("cfs", ["01.a"]), r"unknown field\(s\) \['cfs'\]"),
    ],
    ids=["bad-csf", "bad-hipaa", "bad-nist", "missing-row", "row-without-rule", "bad-basis", "basis-no-source",
         "empty-list", "typo-field"],
)
def test_broken_crosswalk_is_rejected(mappings_copy: Path, change, error) -> None:
    _edit(mappings_copy / "crosswalk.yaml", change)
    with pytest.raises(MappingError, match=error):
        load_mappings(mappings_copy)


def test_duplicate_catalog_id_is_rejected(mappings_copy: Path) -> None:
    _edit(mappings_copy / "hitrust_csf.yaml", lambda d: d["controls"].append(dict(d["controls"][0])))
    with pytest.raises(MappingError, match=r"hitrust_csf.yaml: duplicate id '01.a'"):
        load_mappings(mappings_copy)


def test_invalid_yaml_names_the_file(mappings_copy: Path) -> None:
    (mappings_copy / "nist_800_53.yaml").write_text("controls: [unclosed")
    with pytest.raises(MappingError, match=r"nist_800_53.yaml: invalid YAML"):
        load_mappings(mappings_copy)


def test_missing_file_names_the_file(mappings_copy: Path) -> None:
    (mappings_copy / "hipaa_security_rule.yaml").unlink()
    with pytest.raises(MappingError, match=r"hipaa_security_rule.yaml: file not found"):
        load_mappings(mappings_copy)
