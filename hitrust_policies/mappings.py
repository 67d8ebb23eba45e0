"""Load and validate the standards catalogs and the rule crosswalk (data in ``mappings/``).

Compliance reviewers edit YAML, not Python; so loading checks everything and every
error names the file and the offending id or rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from hitrust_policies.findings import ControlRef, References

CATALOG_FILES = {
    "csf": ("hitrust_csf.yaml", "controls", "name"),
    "hipaa": ("hipaa_security_rule.yaml", "citations", "title"),
    "nist": ("nist_800_53.yaml", "controls", "name"),
}
CROSSWALK_FILE = "crosswalk.yaml"
CSF_BASES = ("derived", "azure-policy")
# libyaml's safe loader parses the catalogs ~8x faster (it is most of a policy pack's cold start).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class MappingError(ValueError):
    """The mappings data is inconsistent; the message names file and culprit."""


def default_dir() -> Path:
    """``mappings/`` inside the wheel, or beside the package in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "mappings_data", here.parent / "mappings"):
        if (candidate / CROSSWALK_FILE).is_file():
            return candidate
    raise MappingError(f"no mappings directory found near {here}")


@dataclass(frozen=True)
class Mappings:
    catalogs: dict[str, dict[str, dict[str, Any]]]  # "csf" -> id -> entry
    crosswalk: dict[str, References]

    def references(self, rule_id: str) -> References:
        try:
            return self.crosswalk[rule_id]
        except KeyError:
            raise MappingError(f"{CROSSWALK_FILE}: no row for rule {rule_id!r}") from None


def _read(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER)  # noqa: S506 - a safe loader, C-accelerated when available
    except FileNotFoundError:
        raise MappingError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise MappingError(f"{path}: invalid YAML: {exc}") from None


def _load_catalog(directory: Path, standard: str) -> dict[str, dict[str, Any]]:
    filename, key, label = CATALOG_FILES[standard]
    path = directory / filename
    data = _read(path)
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise MappingError(f"{path}: expected a top-level '{key}:' list")
    entries: dict[str, dict[str, Any]] = {}
    for i, entry in enumerate(data[key]):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get(label):
            raise MappingError(f"{path}: {key}[{i}] needs 'id' and '{label}'")
        cid = str(entry["id"])
        if cid in entries:
            raise MappingError(f"{path}: duplicate id {cid!r}")
        entries[cid] = {**entry, "id": cid, "name": str(entry[label])}
    return entries


def load_mappings(directory: Path | str | None = None, rule_ids: Iterable[str] | None = None) -> Mappings:
    """Load catalogs + crosswalk and check them against each other and the rule registry.

    ``rule_ids`` defaults to every registered rule: a rule without a row, or a row
    without a rule, is an error.
    """
    directory = Path(directory) if directory is not None else default_dir()
    catalogs = {std: _load_catalog(directory, std) for std in CATALOG_FILES}
    if rule_ids is None:
        from hitrust_policies.rules.registry import all_rules

        rule_ids = [r.id for r in all_rules()]
    expected = set(rule_ids)
    path = directory / CROSSWALK_FILE
    rows = _read(path)
    if not isinstance(rows, dict):
        raise MappingError(f"{path}: expected a mapping of rule id -> references")
    crosswalk: dict[str, References] = {}
    for rule_id, row in rows.items():
        where = f"{path}: rule {rule_id!r}"
        if rule_id not in expected:
            raise MappingError(f"{where}: no such rule in the registry")
        if not isinstance(row, dict):
            raise MappingError(f"{where}: expected csf / hipaa / nist lists")
        unknown_keys = set(row) - {"csf", "hipaa", "nist", "csf_basis", "csf_source"}
        if unknown_keys:
            raise MappingError(f"{where}: unknown field(s) {sorted(unknown_keys)}")
        refs: dict[str, tuple[ControlRef, ...]] = {}
        for std in CATALOG_FILES:
            ids = row.get(std)
            if not isinstance(ids, list) or not ids:
                raise MappingError(f"{where}: '{std}' must be a non-empty list")
            resolved = []
            for cid in ids:
                entry = catalogs[std].get(str(cid))
                if entry is None:
                    raise MappingError(
                        f"{where}: {std} id {cid!r} is not in {CATALOG_FILES[std][0]}"
                    )
                resolved.append(ControlRef(entry["id"], entry["name"]))
            refs[std] = tuple(resolved)
        basis = row.get("csf_basis")
        if basis not in CSF_BASES:
            raise MappingError(f"{where}: csf_basis {basis!r} must be one of {CSF_BASES}")
        if basis == "azure-policy" and not row.get("csf_source"):
            raise MappingError(f"{where}: csf_basis azure-policy needs csf_source (the vendor check)")
        crosswalk[rule_id] = References(
            csf=refs["csf"], hipaa=refs["hipaa"], nist=refs["nist"], csf_basis=basis
        )
    missing = sorted(expected - set(crosswalk))
    if missing:
        raise MappingError(f"{path}: no crosswalk row for rule(s) {', '.join(missing)}")
    return Mappings(catalogs=catalogs, crosswalk=crosswalk)


@lru_cache(maxsize=1)
def default_mappings() -> Mappings:
    """The shipped mappings, validated once per process."""
    return load_mappings()
