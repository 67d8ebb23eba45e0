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


def _set_source(rule_id: str, **changes):
    def change(d):
        d[rule_id]["csf_source"][0].update(changes)
    return change


@pytest.mark.parametrize(
    "change, error",
    [
        (_set_source("enc-tls-listener-modern", initiative="hitrust-v12"),
         r"rule 'enc-tls-listener-modern': csf_source\[0\]: initiative 'hitrust-v12' is not in "
         r"azure_policy_initiatives.yaml"),
        (_set_source("enc-tls-listener-modern", policy_id="App Service TLS"),
         r"csf_source\[0\]: policy_id 'App Service TLS' is not an Azure Policy definition GUID"),
        (_set_source("enc-crypto-key-rotation", csf=["06.c", "01.a"]),
         r"rule 'enc-crypto-key-rotation': csf_source\[0\]: csf \['01.a'\] must be non-empty and among"),
        (_set_source("enc-crypto-key-rotation", csf=["06.c"]),
         r"rule 'enc-crypto-key-rotation': csf_basis azure-policy but \['10.g'\] come from no csf_source"),
        (lambda d: d["enc-crypto-key-rotation"]["csf_source"][0].pop("policy_id"),
         r"csf_source\[0\]: needs exactly policy, policy_id, initiative, csf"),
        (lambda d: d["enc-block-volume-encrypted"].__setitem__("csf", ["06.c"]),
         r"rule 'enc-block-volume-encrypted': csf_basis azure-policy\+derived but every csf id is vendor-mapped"),
        (lambda d: d["enc-object-store-kms"].__setitem__("csf_source", d["enc-crypto-key-rotation"]["csf_source"]),
         r"rule 'enc-object-store-kms': csf_basis derived must not cite a csf_source"),
        (lambda d: d["enc-object-store-kms"].__setitem__("csf", ["06.c", "06.c"]),
         r"rule 'enc-object-store-kms': csf id '06.c' listed twice"),
        (lambda d: d["log-log-group-retention"].__setitem__("hipaa", ["164.312(b)", "164.312(b)"]),
         r"rule 'log-log-group-retention': hipaa id '164.312\(b\)' listed twice"),
    ],
    ids=["unknown-initiative", "bad-policy-guid", "stray-vendor-id", "vendor-ids-short", "source-missing-field",
         "mixed-but-all-vendor", "derived-with-source", "duplicate-csf", "duplicate-hipaa"],
)
def test_broken_vendor_provenance_is_rejected(mappings_copy: Path, change, error) -> None:
    _edit(mappings_copy / "crosswalk.yaml", change)
    with pytest.raises(MappingError, match=error):
        load_mappings(mappings_copy)


# Independent expectation: read off Microsoft's two initiatives (azure-policy@f4a50bacae07) by hand.
VENDOR_ROWS = {
    "enc-object-store-tls-only": {("404c3081-a854-4457-ae30-26a93ef643f9", "9.2"): ("01.n", "05.i", "09.y"),
                                  ("404c3081-a854-4457-ae30-26a93ef643f9", "11.3"): ("01.m", "01.n")},
    "enc-block-volume-encrypted": {("ca88aadc-6e2b-416c-9de2-5a0f01d1693f", "11.3"): ("06.c",),
                                   ("3dc5edcd-002d-444c-b216-e123bbfa37c0", "11.3"): ("06.c",)},
    "enc-crypto-key-rotation": {("d8cf8476-a2ec-4916-896e-992351803c44", "11.3"): ("06.c", "10.g")},
    "enc-tls-listener-modern": {("f0e6e85b-9b9f-4a4b-b67b-f730d42f1b0b", "9.2"): ("01.n", "09.y"),
                                ("a4af4a39-4135-47fb-b175-47fbdf85311d", "9.2"): ("01.n", "09.y", "05.i")},
    "log-audit-coverage-multi-region": {("41388f1c-2db0-4c25-95b2-35d7f5ccbfa9", "11.3"): ("09.aa", "09.ab")},
    "log-network-flow-logs": {("4c3c6c5f-0d47-4402-99b8-aa543dd8bcee", "11.3"): ("09.aa", "09.ab")},
    "enc-secret-store-recoverable": {("0b60c0b2-2dc2-4e1c-b5c9-abbed971de53", "11.3"): ("06.c",)},
    "iam-secret-store-role-based-access": {("12d4fa5e-1f9f-4c21-97a9-b99b3c6611b5", "11.3"): ("01.c",)},
    "net-service-firewall-default-deny": {
        ("34c877ad-507e-4c82-993e-3452a6e0ad3c", "9.2"): ("09.m",),
        ("34c877ad-507e-4c82-993e-3452a6e0ad3c", "11.3"): ("01.m", "01.o", "09.w", "09.ab"),
        ("55615ac9-af46-4a59-874e-391cc3dfb490", "11.3"): ("01.m", "01.n", "09.w", "09.ab")},
    "enc-database-storage-kms": {("0a370ff3-6cab-4e85-8995-295fd854c5b8", "11.3"): ("06.c",)},
    "log-database-auditing": {("a6fb4358-5bf4-4ad7-ba82-2cd2f41ce5e9", "11.3"): ("09.aa", "09.ab"),
                              ("a6fb4358-5bf4-4ad7-ba82-2cd2f41ce5e9", "9.2"): ("09.aa",)},
    "log-log-group-retention": {("b02aacc0-b073-424e-8298-42b22829ee0a", "11.3"): ("09.aa", "09.h")},
    "log-threat-detection-enabled": {("c3d20c29-b36d-48fe-808b-99a87530ad99", "11.3"): ("09.j",),
                                     ("7fe3b40f-802b-4cdd-8bd4-fd799c948cc2", "11.3"): ("09.j",)},
    "log-network-watcher-enabled": {("b6e2945c-0b7b-40f5-9233-7a5323b5cdc6", "9.2"): ("09.n",)},
    "iam-account-owners-at-most-three": {("4f11b553-d42e-4e3a-89be-32ca364cad4c", "9.2"): ("01.c", "01.q")},
    "iam-account-owners-more-than-one": {("09024ccc-0c5f-475e-9457-b7c0d9ed487b", "9.2"): ("01.c", "01.q")},
    "log-secret-store-audit-logging": {("cf820ca0-f99e-4f3e-84fb-66e913812d21", "9.2"): ("09.aa",),
                                       ("cf820ca0-f99e-4f3e-84fb-66e913812d21", "11.3"): ("09.aa", "09.ab")},
    "iam-vault-object-expires": {("152b15f7-8e1f-4c1f-ab71-8c010ba5dbc0", "11.3"): ("01.c", "01.q", "09.ab"),
                                 ("98728c90-32c7-4049-8429-847dc0f4fe37", "11.3"): ("01.q",)},
    "iam-local-auth-disabled": {("8c6a50c6-9ffd-4ae7-986f-5fa6111f9a54", "11.3"): ("01.c", "01.q", "09.ab")},
    "iam-account-owners-no-guests": {("339353f6-2387-4a45-abe4-7f529d121046", "9.2"): ("01.c",)},
    "net-subnet-security-group": {("e71308d3-144b-4262-b144-efdc3cc90517", "9.2"): ("01.m", "01.n"),
                                  ("e71308d3-144b-4262-b144-efdc3cc90517", "11.3"): ("01.c", "01.l", "09.m")},
    "net-web-app-remote-debugging-off": {("cb510bfd-1cba-4d9f-a230-cb0976f4bb71", "9.2"): ("01.l", "09.s")},
    "iam-web-app-managed-identity": {("2b9ad585-36bc-4615-b300-fd4435808332", "11.3"): ("01.c",),
                                     ("0da106f2-4ca3-48e8-bc85-c638fe6aea8f", "11.3"): ("01.q", "09.w", "09.ab")},
}


def test_every_vendor_mapping_names_policy_initiative_and_version() -> None:
    m = load_mappings()
    got = {rule_id: {(s.policy_id, s.csf_version): s.csf for s in refs.csf_sources}
           for rule_id, refs in m.crosswalk.items() if refs.csf_sources}
    assert got == VENDOR_ROWS
    versions = {(s.initiative, s.initiative_version) for refs in m.crosswalk.values() for s in refs.csf_sources}
    assert versions == {("HITRUST/HIPAA", "14.13.0"), ("HITRUST CSF v11.3", "1.7.0")}


def test_at_rest_rules_share_one_csf_set() -> None:
    m = load_mappings()
    at_rest = ["enc-object-store-default-encryption", "enc-object-store-kms", "enc-block-volume-encrypted",
               "enc-block-storage-default-encryption", "enc-database-storage-encrypted", "enc-file-system-encrypted",
               "enc-message-queue-encrypted", "enc-audit-trail-kms", "enc-log-group-audit-kms",
               "enc-infrastructure-encryption-enabled"]
    for rule_id in at_rest:
        assert {"06.c", "06.d", "10.f"} <= {c.id for c in m.references(rule_id).csf}, rule_id


def test_provenance_reaches_the_one_line_summary() -> None:
    m = load_mappings()
    assert m.references("enc-object-store-tls-only").summary().startswith(
        "HITRUST CSF 01.m, 01.n, 05.i, 09.y (Azure Policy: HITRUST CSF v11.3 initiative 1.7.0 (CSF v11.3), "
        "HITRUST/HIPAA initiative 14.13.0 (CSF v9.2)); HIPAA ")
    assert m.references("enc-block-volume-encrypted").summary().startswith(
        "HITRUST CSF 06.c, 06.d, 10.f (06.c Azure Policy: HITRUST CSF v11.3 initiative 1.7.0 (CSF v11.3); "
        "rest derived); HIPAA ")
    assert m.references("enc-block-volume-encrypted").provenance() == (
        "06.c per Azure Policy 'Linux virtual machines should enable Azure Disk Encryption or EncryptionAtHost.' "
        "(ca88aadc-6e2b-416c-9de2-5a0f01d1693f) in HITRUST CSF v11.3 initiative 1.7.0 (CSF v11.3); "
        "06.c per Azure Policy 'Windows virtual machines should enable Azure Disk Encryption or EncryptionAtHost.' "
        "(3dc5edcd-002d-444c-b216-e123bbfa37c0) in HITRUST CSF v11.3 initiative 1.7.0 (CSF v11.3); "
        "06.d, 10.f derived by hitrust-policies")


def test_alternate_hipaa_citations_resolve_to_their_provision(mappings_copy: Path) -> None:
    alt_forms = ["164.308(a)(1)(i)", "164.308(a)(5)(ii)(C)"]
    _edit(mappings_copy / "crosswalk.yaml", lambda d: d["log-threat-detection-enabled"].__setitem__("hipaa", alt_forms))
    m = load_mappings(mappings_copy)
    assert [c.id for c in m.references("log-threat-detection-enabled").hipaa] == ["164.308(a)(1)",
                                                                                  "164.308(a)(5)(ii)(C)"]
    assert m.canonical("hipaa", "164.308(a)(7)(i)") == "164.308(a)(7)"


@pytest.mark.parametrize(
    "alt, error",
    [
        ("listed under 164.308(b)(1) in Appendix A matrix",
         r"hipaa_security_rule.yaml: '164.308\(a\)\(1\)': alt 'listed under .*' is not a citation"),
        ("164.312(b)", r"'164.308\(a\)\(1\)': alt '164.312\(b\)' already names '164.312\(b\)'"),
        ("164.308(a)(3)(i)", r"'164.308\(a\)\(3\)': alt '164.308\(a\)\(3\)\(i\)' already names '164.308\(a\)\(1\)'"),
    ],
    ids=["sentence", "collides-with-id", "collides-with-alt"],
)
def test_bad_alternate_citations_are_rejected(mappings_copy: Path, alt: str, error: str) -> None:
    _edit(mappings_copy / "hipaa_security_rule.yaml", lambda d: d["citations"][0]["alt"].append(alt))
    with pytest.raises(MappingError, match=error):
        load_mappings(mappings_copy)


def test_shipped_alternate_citations_are_citations() -> None:
    hipaa = load_mappings().catalogs["hipaa"]
    alts = {alt: cid for cid, entry in hipaa.items() for alt in entry.get("alt", [])}
    assert alts == {f"{cid}(i)": cid for cid in ("164.308(a)(1)", "164.308(a)(3)", "164.308(a)(4)",
                                                   "164.308(a)(5)", "164.308(a)(6)", "164.308(a)(7)")}


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
        (ControlRef("06.c", "Protection of Organizational Records"),
         ControlRef("06.d", "Data Protection and Privacy of Covered Information"),
         ControlRef("10.f", "Policy on the Use of Cryptographic Controls")),
        (ControlRef("164.312(a)(2)(iv)", "Encryption and decryption"),),
        "azure-policy+derived",
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
