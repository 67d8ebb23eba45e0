"""The shipped mappings validate, and every kind of broken mapping is rejected by name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from hitrust_policies import ControlRef, MappingError, all_rules, default_mappings, load_mappings
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


@pytest.mark.parametrize(
    "change, error",
    [
        (lambda d: d["enc-object-store-kms"].__setitem__("csf", "06.d"),
         r"rule 'enc-object-store-kms': 'csf' must be a non-empty list"),
        (lambda d: d["enc-object-store-kms"].pop("nist"),
         r"rule 'enc-object-store-kms': 'nist' must be a non-empty list"),
        (lambda d: d["enc-object-store-kms"].pop("csf_basis"),
         r"rule 'enc-object-store-kms': csf_basis None must be one"),
        (lambda d: d.__setitem__("enc-object-store-kms", ["06.d"]),
         r"rule 'enc-object-store-kms': expected csf / hipaa / nist lists"),
    ],
    ids=["csf-not-a-list", "missing-nist", "missing-basis", "row-not-a-mapping"],
)
def test_more_broken_rows_are_rejected_by_name(mappings_copy: Path, change, error) -> None:
    _edit(mappings_copy / "crosswalk.yaml", change)
    with pytest.raises(MappingError, match=error):
        load_mappings(mappings_copy)


def test_crosswalk_that_is_not_a_mapping_is_rejected(mappings_copy: Path) -> None:
    (mappings_copy / "crosswalk.yaml").write_text("- enc-object-store-kms\n")
    with pytest.raises(MappingError, match=r"crosswalk.yaml: expected a mapping of rule id -> references"):
        load_mappings(mappings_copy)


@pytest.mark.parametrize(
    "filename, text, error",
    [
        ("hitrust_csf.yaml", "standard: HITRUST CSF\n", r"hitrust_csf.yaml: expected a top-level 'controls:' list"),
        ("hipaa_security_rule.yaml", "- id: x\n", r"hipaa_security_rule.yaml: expected a top-level 'citations:' list"),
        ("nist_800_53.yaml", "controls: {AC-2: Account Management}\n",
         r"nist_800_53.yaml: expected a top-level 'controls:' list"),
    ],
    ids=["no-list", "top-level-list", "mapping-not-list"],
)
def test_catalog_without_its_list_is_rejected(mappings_copy: Path, filename: str, text: str, error: str) -> None:
    (mappings_copy / filename).write_text(text)
    with pytest.raises(MappingError, match=error):
        load_mappings(mappings_copy)


@pytest.mark.parametrize(
    "filename, change, error",
    [
        ("hitrust_csf.yaml", lambda d: d["controls"][2].pop("name"),
         r"hitrust_csf.yaml: controls\[2\] needs 'id' and 'name'"),
        ("hitrust_csf.yaml", lambda d: d["controls"][0].pop("id"),
         r"hitrust_csf.yaml: controls\[0\] needs 'id' and 'name'"),
        ("hipaa_security_rule.yaml", lambda d: d["citations"][1].pop("title"),
         r"hipaa_security_rule.yaml: citations\[1\] needs 'id' and 'title'"),
        ("nist_800_53.yaml", lambda d: d["controls"].insert(3, "SC-28"),
         r"nist_800_53.yaml: controls\[3\] needs 'id' and 'name'"),
    ],
    ids=["csf-no-name", "csf-no-id", "hipaa-no-title", "nist-entry-not-a-mapping"],
)
def test_catalog_entry_without_id_or_name_is_rejected(mappings_copy: Path, filename: str, change, error: str) -> None:
    _edit(mappings_copy / filename, change)
    with pytest.raises(MappingError, match=error):
        load_mappings(mappings_copy)


def test_references_carry_catalog_names_and_basis() -> None:
    """Names come from each catalog's own label (HIPAA: title); the row's csf_basis travels with them."""
    m = load_mappings()
    refs = m.references("enc-block-volume-encrypted")
    assert (refs.csf, refs.hipaa, refs.csf_basis) == (
        (ControlRef("06.c", "Protection of Organizational Records"),),
        (ControlRef("164.312(a)(2)(iv)", "Encryption and decryption"),),
        "azure-policy",
    )
    assert [c.id for c in refs.nist] == ["SC-28", "SC-28(1)", "SC-13"]
    assert m.references("enc-object-store-kms").csf_basis == "derived"
    assert m.catalogs["hipaa"]["164.312(b)"]["name"] == "Audit controls"


def test_a_rule_without_a_row_is_named_when_asked_for() -> None:
    with pytest.raises(MappingError, match=r"^crosswalk.yaml: no row for rule 'enc-no-such-rule'$"):
        load_mappings().references("enc-no-such-rule")


def test_rule_ids_can_be_given(mappings_copy: Path) -> None:
    """Checked against the ids given (a pack with fewer rules), not the whole registry."""
    ids = [r.id for r in all_rules() if r.id != "iam-credential-rotated"]
    with pytest.raises(MappingError, match=r"rule 'iam-credential-rotated': no such rule in the registry"):
        load_mappings(mappings_copy, rule_ids=ids)


def test_shipped_mappings_are_loaded_once_per_process() -> None:
    assert default_mappings() is default_mappings()


def test_default_dir_prefers_the_wheel_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed from a wheel, the data sits in the package as mappings_data/; in a checkout beside it."""
    import hitrust_policies.mappings as module

    package = tmp_path / "site" / "hitrust_policies"
    for where in (package / "mappings_data", tmp_path / "site" / "mappings"):
        where.mkdir(parents=True)
        (where / "crosswalk.yaml").write_text("{}\n")
    monkeypatch.setattr(module, "__file__", str(package / "mappings.py"))
    assert default_dir() == package / "mappings_data"
    (package / "mappings_data" / "crosswalk.yaml").unlink()
    assert default_dir() == tmp_path / "site" / "mappings"
    (tmp_path / "site" / "mappings" / "crosswalk.yaml").unlink()
    with pytest.raises(MappingError, match=r"^no mappings directory found near .*site/hitrust_policies$"):
        default_dir()


def test_ids_are_strings_even_when_yaml_reads_numbers(mappings_copy: Path) -> None:
    """A reviewer writing ``id: 12.5`` unquoted gets the id "12.5", in the catalog and in references."""
    _edit(mappings_copy / "hitrust_csf.yaml", lambda d: d["controls"].append({"id": 12.5, "name": "Made Up"}))
    _edit(mappings_copy / "crosswalk.yaml", lambda d: d["enc-object-store-kms"].__setitem__("csf", [12.5]))
    m = load_mappings(mappings_copy)
    assert m.catalogs["csf"]["12.5"]["id"] == "12.5"
    assert m.references("enc-object-store-kms").csf == (ControlRef("12.5", "Made Up"),)
