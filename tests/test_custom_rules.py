"""A user's own @rule next to the built-ins: its crosswalk rows (Mappings.extend, --mappings-dir,
HITRUST_MAPPINGS_DIR), and one clear UNKNOWN when it has none instead of a MappingError for every rule."""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from hitrust_policies import MappingError, ObjectStore, ResourceRef, Status, default_mappings, evaluate, rule
from hitrust_policies.cli import main
from hitrust_policies.mappings import MAPPINGS_DIR_ENV, use_mappings_dir
from hitrust_policies.rules import registry

ROOT = Path(__file__).resolve().parents[1]
CUSTOM = "enc-object-store-phi-customer-key"
ROW = {"csf": ["06.d", "10.g"], "hipaa": ["164.312(a)(2)(iv)"], "nist": ["SC-28", "SC-12"], "csf_basis": "derived"}
BUILTIN = {  # the built-in object-store rules on the README's bucket
    ("PASS", "enc-object-store-default-encryption"), ("FAIL", "enc-object-store-kms"),
    ("PASS", "enc-object-store-tls-only"), ("PASS", "log-object-store-access-logging"),
    ("PASS", "net-object-store-public-access-blocked"),
}


def bucket(name: str = "phi-scans") -> ObjectStore:
    return ObjectStore(ResourceRef.manual(name), encryption="KMS", kms_key=None, kms_key_customer_managed=False,
                       public_access_open=(), access_logging=True, tls_only=True)


@pytest.fixture
def isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Rules registered here are forgotten after the test, and so are mappings directories set."""
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    monkeypatch.delenv(MAPPINGS_DIR_ENV, raising=False)
    use_mappings_dir(None)
    yield
    use_mappings_dir(None)


@pytest.fixture
def custom(isolated: None) -> registry.Rule:
    @rule(CUSTOM, title="PHI buckets use a customer-managed key", domain="encryption", severity="high",
          remediation={"aws": "Make a customer-managed KMS key the bucket's default encryption."})
    def enc_object_store_phi_customer_key(b: ObjectStore):  # noqa: ANN202
        """Our policy: a bucket named for PHI is encrypted with a key we control."""
        if "phi" in b.ref.name and not b.kms_key_customer_managed:
            return "PHI bucket without a customer-managed key"
        return None

    return enc_object_store_phi_customer_key


def mappings_dir(tmp_path: Path, rows: dict) -> Path:
    d = tmp_path / "my-mappings"
    d.mkdir(parents=True)
    (d / "crosswalk.yaml").write_text(yaml.safe_dump(rows), encoding="utf-8")
    return d


def test_readme_example_runs_and_prints_the_custom_verdict(isolated: None) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"<!-- custom-rule:start -->\n```python\n(.*?)```", readme, re.S)
    assert code, "README lost its custom-rule example"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code.group(1), "README.md", "exec"), {})  # noqa: S102 - our own README
    lines = out.getvalue().splitlines()
    assert f"FAIL {CUSTOM} 06.d, 10.g" in lines
    assert {tuple(line.split()[:2]) for line in lines} == BUILTIN | {("FAIL", CUSTOM)}


def test_a_rule_without_a_row_is_one_unknown_and_the_others_still_run(custom: registry.Rule) -> None:
    findings = evaluate([bucket(), bucket("phi-archive")])
    got = {(f.status.value, f.rule_id, f.resource.name) for f in findings}
    builtin = {(s, r, n) for s, r in BUILTIN for n in ("phi-scans", "phi-archive")}
    assert got == builtin | {("UNKNOWN", CUSTOM, CUSTOM)}
    (unmapped,) = [f for f in findings if f.rule_id == CUSTOM]  # one finding for the rule, not one per bucket
    assert unmapped.message == (f"rule {CUSTOM} has no crosswalk row: add one with Mappings.extend(...) or a "
                                "crosswalk.yaml in --mappings-dir / HITRUST_MAPPINGS_DIR")
    assert unmapped.references.csf == () and unmapped.resource.native_id == f"rule:{CUSTOM}"


def test_extend_evaluates_the_custom_rule_with_its_references(custom: registry.Rule) -> None:
    mappings = default_mappings().extend({CUSTOM: ROW})
    findings = evaluate([bucket(), bucket("logs")], mappings=mappings)
    mine = {(f.status, f.resource.name) for f in findings if f.rule_id == CUSTOM}
    assert mine == {(Status.FAIL, "phi-scans"), (Status.PASS, "logs")}
    refs = mappings.references(CUSTOM)
    assert ([c.id for c in refs.csf], [c.id for c in refs.hipaa], [c.id for c in refs.nist]) == (
        ["06.d", "10.g"], ["164.312(a)(2)(iv)"], ["SC-28", "SC-12"])
    assert refs.hipaa[0].name == "Encryption and decryption"
    assert CUSTOM not in default_mappings().crosswalk  # extend returns new mappings; the shipped ones stay


@pytest.mark.parametrize(("row", "message"), [
    ({**ROW, "csf": ["06.zz"]}, r"Mappings.extend: rule 'enc-object-store-phi-customer-key': csf id '06.zz' is not "
                                r"in hitrust_csf.yaml"),
    ({**ROW, "hipaa": []}, r"'hipaa' must be a non-empty list"),
    ({**ROW, "owner": "me"}, r"unknown field\(s\) \['owner'\]"),
    ({**ROW, "csf_basis": "azure-policy"}, r"csf_basis azure-policy needs csf_source"),
])
def test_extend_validates_rows_like_the_shipped_crosswalk(row: dict, message: str) -> None:
    with pytest.raises(MappingError, match=message):
        default_mappings().extend({CUSTOM: row})


def test_extend_never_overrides_a_shipped_row() -> None:
    with pytest.raises(MappingError, match=r"rule 'enc-object-store-kms': already has a row"):
        default_mappings().extend({"enc-object-store-kms": ROW})


def test_mappings_dir_env_is_merged_into_default_mappings(custom: registry.Rule, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    directory = mappings_dir(tmp_path, {CUSTOM: ROW})
    monkeypatch.setenv(MAPPINGS_DIR_ENV, str(directory))
    assert [c.id for c in default_mappings().references(CUSTOM).csf] == ["06.d", "10.g"]
    findings = evaluate([bucket()])  # no mappings= given: the engine's default picks the directory up
    assert {(f.status, f.resource.name) for f in findings if f.rule_id == CUSTOM} == {(Status.FAIL, "phi-scans")}
    monkeypatch.setenv(MAPPINGS_DIR_ENV, str(mappings_dir(tmp_path / "bad", {CUSTOM: {**ROW, "nist": ["XX-1"]}})))
    with pytest.raises(MappingError, match=r"my-mappings/crosswalk.yaml: rule 'enc-object-store-phi-customer-key': "
                                           r"nist id 'XX-1' is not in nist_800_53.yaml"):
        default_mappings()


def test_cli_mappings_dir_feeds_catalog_and_filters(custom: registry.Rule, tmp_path: Path) -> None:
    directory = mappings_dir(tmp_path, {CUSTOM: ROW})
    runner = CliRunner()
    before = runner.invoke(main, ["rules", "--format", "json", "--rule", CUSTOM])
    assert before.exit_code == 0 and json.loads(before.output)[0]["csf"] == []  # listed, citing nothing
    result = runner.invoke(main, ["rules", "--format", "json", "--mappings-dir", str(directory), "--csf", "10.g",
                                  "--domain", "encryption", "--min-severity", "high"])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.output)}
    assert CUSTOM in rows and rows[CUSTOM]["csf"] == ["06.d", "10.g"] and rows[CUSTOM]["nist"] == ["SC-28", "SC-12"]


@pytest.mark.parametrize("make", ["missing", "not-yaml", "bad-id"])
def test_cli_bad_mappings_dir_is_a_usage_error_naming_it(isolated: None, tmp_path: Path, make: str) -> None:
    if make == "missing":
        directory, message = tmp_path / "nope", "nope: not a directory"
    elif make == "not-yaml":
        directory = tmp_path / "d"
        directory.mkdir()
        (directory / "crosswalk.yaml").write_text("a: [", encoding="utf-8")
        message = "crosswalk.yaml: invalid YAML"
    else:
        directory, message = mappings_dir(tmp_path, {CUSTOM: {**ROW, "csf": ["06.zz"]}}), "csf id '06.zz' is not in"
    result = CliRunner().invoke(main, ["rules", "--mappings-dir", str(directory)])
    assert result.exit_code == 2 and message in result.output, result.output
