"""Load and validate the standards catalogs and the rule crosswalk (data in ``mappings/``).

Compliance reviewers edit YAML, not Python; so loading checks everything and every
error names the file and the offending id or rule.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from hitrust_policies.findings import ControlRef, References, VendorMapping

CATALOG_FILES = {
    "csf": ("hitrust_csf.yaml", "controls", "name"),
    "hipaa": ("hipaa_security_rule.yaml", "citations", "title"),
    "nist": ("nist_800_53.yaml", "controls", "name"),
}
CROSSWALK_FILE = "crosswalk.yaml"
INITIATIVES_FILE = "azure_policy_initiatives.yaml"
MAPPINGS_DIR_ENV = "HITRUST_MAPPINGS_DIR"
BUILTIN_RULES_PACKAGE = "hitrust_policies.rules."
CSF_BASES = ("derived", "azure-policy", "azure-policy+derived")
_CITATION = re.compile(r"^164\.3(0[68]|1[0246])(\([a-z0-9]+\))+$")
_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
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
    aliases: dict[str, dict[str, str]] | None = None  # "hipaa" -> alt citation -> id
    initiatives: dict[str, dict[str, str]] | None = None  # the vendor initiatives csf_source rows may cite

    def canonical(self, standard: str, cid: str) -> str:
        """The catalog id for an id or an alternate citation form (``164.308(a)(1)(i)``)."""
        return (self.aliases or {}).get(standard, {}).get(cid, cid)

    def references(self, rule_id: str) -> References:
        try:
            return self.crosswalk[rule_id]
        except KeyError:
            raise MappingError(f"{CROSSWALK_FILE}: no row for rule {rule_id!r}") from None

    def extend(self, rows: Mapping[str, Any], source: str = "Mappings.extend") -> Mappings:
        """These mappings plus crosswalk ``rows`` for more rules (your own), checked like
        the shipped ones: rule id -> ``{csf: [...], hipaa: [...], nist: [...], csf_basis: derived}``,
        every id in the catalogs. A rule that already has a row is an error (rows add, never override).

        >>> m = default_mappings().extend({"enc-widget-encrypted": {
        ...     "csf": ["06.d"], "hipaa": ["164.312(a)(2)(iv)"], "nist": ["SC-28"], "csf_basis": "derived"}})
        >>> [c.id for c in m.references("enc-widget-encrypted").csf]
        ['06.d']
        >>> m.extend({"enc-widget-encrypted": {"csf": ["06.zz"]}})
        Traceback (most recent call last):
        ...
        hitrust_policies.mappings.MappingError: Mappings.extend: rule 'enc-widget-encrypted': already has a row
        """
        if not isinstance(rows, Mapping):
            raise MappingError(f"{source}: expected a mapping of rule id -> references")
        added: dict[str, References] = {}
        for rule_id, row in rows.items():
            where = f"{source}: rule {rule_id!r}"
            if rule_id in self.crosswalk:
                raise MappingError(f"{where}: already has a row")
            added[str(rule_id)] = _references(where, row, self.catalogs, self.aliases or {}, self.initiatives or {})
        return replace(self, crosswalk={**self.crosswalk, **added})


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


def _aliases(path: Path, entries: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Alternate citation forms -> id; each must be a citation, and name one provision only."""
    aliases: dict[str, str] = {}
    for cid, entry in entries.items():
        alts = entry.get("alt", [])
        if not isinstance(alts, list):
            raise MappingError(f"{path}: {cid!r}: 'alt' must be a list of citations")
        for alt in map(str, alts):
            if not _CITATION.match(alt):
                raise MappingError(f"{path}: {cid!r}: alt {alt!r} is not a citation such as 164.308(a)(1)(i)")
            if alt in entries or alt in aliases:
                other = alt if alt in entries else aliases[alt]
                raise MappingError(f"{path}: {cid!r}: alt {alt!r} already names {other!r}")
            aliases[alt] = cid
    return aliases


def _load_initiatives(directory: Path) -> dict[str, dict[str, str]]:
    path = directory / INITIATIVES_FILE
    data = _read(path)
    if not isinstance(data, dict) or not isinstance(data.get("initiatives"), list):
        raise MappingError(f"{path}: expected a top-level 'initiatives:' list")
    out: dict[str, dict[str, str]] = {}
    for i, entry in enumerate(data["initiatives"]):
        fields = ("id", "name", "initiative_version", "csf_version", "reference")
        if not isinstance(entry, dict) or any(not entry.get(f) for f in fields):
            raise MappingError(f"{path}: initiatives[{i}] needs {', '.join(fields)}")
        if entry["id"] in out:
            raise MappingError(f"{path}: duplicate initiative id {entry['id']!r}")
        out[str(entry["id"])] = {f: str(entry[f]) for f in fields}
    return out


def _vendor_mappings(where: str, row: dict[str, Any], csf_ids: list[str],
                     initiatives: dict[str, dict[str, str]]) -> tuple[VendorMapping, ...]:
    """csf_source entries, checked against the initiatives catalog and the row's own CSF ids."""
    basis, sources = row.get("csf_basis"), row.get("csf_source")
    if basis == "derived":
        if sources:
            raise MappingError(f"{where}: csf_basis derived must not cite a csf_source")
        return ()
    if not isinstance(sources, list) or not sources:
        raise MappingError(f"{where}: csf_basis {basis} needs csf_source (the vendor check and initiative)")
    out = []
    for i, src in enumerate(sources):
        at = f"{where}: csf_source[{i}]"
        if not isinstance(src, dict) or set(src) != {"policy", "policy_id", "initiative", "csf"}:
            raise MappingError(f"{at}: needs exactly policy, policy_id, initiative, csf")
        if not _GUID.match(str(src["policy_id"])):
            raise MappingError(f"{at}: policy_id {src['policy_id']!r} is not an Azure Policy definition GUID")
        initiative = initiatives.get(str(src["initiative"]))
        if initiative is None:
            raise MappingError(f"{at}: initiative {src['initiative']!r} is not in {INITIATIVES_FILE}")
        ids = [str(c) for c in src["csf"] or []]
        stray = [c for c in ids if c not in csf_ids]
        if not ids or stray:
            raise MappingError(f"{at}: csf {stray or ids!r} must be non-empty and among the row's csf ids")
        out.append(VendorMapping(str(src["policy"]), str(src["policy_id"]), initiative["name"],
                                 initiative["initiative_version"], initiative["csf_version"], tuple(ids)))
    vendor = {c for m in out for c in m.csf}
    if basis == "azure-policy" and vendor != set(csf_ids):
        raise MappingError(f"{where}: csf_basis azure-policy but {sorted(set(csf_ids) - vendor)} "
                           "come from no csf_source (use azure-policy+derived)")
    if basis == "azure-policy+derived" and vendor == set(csf_ids):
        raise MappingError(f"{where}: csf_basis azure-policy+derived but every csf id is vendor-mapped")
    return tuple(out)


def _references(where: str, row: Any, catalogs: dict[str, dict[str, dict[str, Any]]],
                aliases: dict[str, dict[str, str]], initiatives: dict[str, dict[str, str]]) -> References:
    """One crosswalk row, checked against the catalogs: ids exist, listed once, basis and sources agree."""
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
            entry = catalogs[std].get(aliases[std].get(str(cid), str(cid)))
            if entry is None:
                raise MappingError(
                    f"{where}: {std} id {cid!r} is not in {CATALOG_FILES[std][0]}"
                )
            if any(c.id == entry["id"] for c in resolved):
                raise MappingError(f"{where}: {std} id {entry['id']!r} listed twice (or as an alt form too)")
            resolved.append(ControlRef(entry["id"], entry["name"]))
        refs[std] = tuple(resolved)
    basis = row.get("csf_basis")
    if basis not in CSF_BASES:
        raise MappingError(f"{where}: csf_basis {basis!r} must be one of {CSF_BASES}")
    sources = _vendor_mappings(where, row, [c.id for c in refs["csf"]], initiatives)
    return References(csf=refs["csf"], hipaa=refs["hipaa"], nist=refs["nist"], csf_basis=basis, csf_sources=sources)


def load_mappings(directory: Path | str | None = None, rule_ids: Iterable[str] | None = None) -> Mappings:
    """Load catalogs + crosswalk and check them against each other and the rule registry.

    ``rule_ids`` defaults to every built-in rule (registered by ``hitrust_policies.rules``): a
    built-in rule without a row, or a row without a rule, is an error. Your own rules' rows live
    in your own crosswalk (`Mappings.extend`, `default_mappings` with ``HITRUST_MAPPINGS_DIR``).
    """
    directory = Path(directory) if directory is not None else default_dir()
    catalogs = {std: _load_catalog(directory, std) for std in CATALOG_FILES}
    aliases = {std: _aliases(directory / CATALOG_FILES[std][0], catalogs[std]) for std in CATALOG_FILES}
    initiatives = _load_initiatives(directory)
    if rule_ids is None:
        from hitrust_policies.rules.registry import all_rules

        rule_ids = [r.id for r in all_rules() if (r.check.__module__ or "").startswith(BUILTIN_RULES_PACKAGE)]
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
        crosswalk[rule_id] = _references(where, row, catalogs, aliases, initiatives)
    missing = sorted(expected - set(crosswalk))
    if missing:
        raise MappingError(f"{path}: no crosswalk row for rule(s) {', '.join(missing)}")
    return Mappings(catalogs=catalogs, crosswalk=crosswalk, aliases=aliases, initiatives=initiatives)


def read_crosswalk(directory: Path | str) -> dict[str, Any]:
    """The rows of a user mappings directory's ``crosswalk.yaml`` (same schema as the shipped one;
    its ids must be in the shipped catalogs)."""
    path = Path(directory) / CROSSWALK_FILE
    if not Path(directory).is_dir():
        raise MappingError(f"{directory}: not a directory (a mappings directory holds {CROSSWALK_FILE})")
    rows = _read(path)
    if not isinstance(rows, dict):
        raise MappingError(f"{path}: expected a mapping of rule id -> references")
    return rows


_EXTRA_DIRS: list[str] = []


def use_mappings_dir(directory: Path | str | None) -> None:
    """Merge ``directory``'s crosswalk into `default_mappings` for the rest of the process (the CLI's
    ``--mappings-dir``); None forgets the ones set. ``HITRUST_MAPPINGS_DIR`` (directories separated
    by ``os.pathsep``) does the same for every process that inherits it: scans and policy packs."""
    if directory is None:
        _EXTRA_DIRS.clear()
    else:
        _shipped().extend(read_crosswalk(directory), source=str(Path(directory) / CROSSWALK_FILE))  # fail here
        _EXTRA_DIRS.append(str(directory))


def extra_dirs() -> tuple[str, ...]:
    """The user mappings directories `default_mappings` merges: ``HITRUST_MAPPINGS_DIR``, then
    `use_mappings_dir`'s."""
    env = [d for d in os.environ.get(MAPPINGS_DIR_ENV, "").split(os.pathsep) if d.strip()]
    return tuple(dict.fromkeys([*env, *_EXTRA_DIRS]))


def default_mappings() -> Mappings:
    """The shipped mappings, validated once per process, extended with the user crosswalks of
    `extra_dirs` (each set validated once)."""
    return _default_mappings(extra_dirs())


@lru_cache(maxsize=8)
def _default_mappings(extra: tuple[str, ...]) -> Mappings:
    mappings = _shipped()
    for directory in extra:
        mappings = mappings.extend(read_crosswalk(directory), source=str(Path(directory) / CROSSWALK_FILE))
    return mappings


@lru_cache(maxsize=1)
def _shipped() -> Mappings:
    return load_mappings()
