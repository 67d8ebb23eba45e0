"""The evidence bundle an assessor keeps: what was found, the facts behind each verdict, how the scan ran,
and a SHA-256 manifest that proves none of it changed since.

A bundle is a directory, or a ``.zip`` of the same files at its root::

    findings.jsonl    one finding per line: the keys of `Finding.to_dict` (id, rule_id, title, domain,
                      severity, status, resource, message, remediation, references, suppression) plus
                      ``suppressed`` (covered by an accepted risk that has not lapsed) and ``change``
                      (new / persisting since the baseline, or null), in the report's order
    resources.jsonl   one evaluated model value per line: {"kind", "ref", "facts", "finding_ids"}; a fact
                      nobody could see is {"unknown": reason}; a field marked secret is "[secret]"
    metadata.json     tool and version, time, command, principal, scope, filters, provider, regions,
                      coverage, API calls, counts, and this list
    report.html       the assessor report (`outputs.html`)
    MANIFEST.sha256   ``sha256sum`` lines for every file above

Verify: ``cd BUNDLE && sha256sum -c MANIFEST.sha256`` (a zip: ``unzip -d BUNDLE BUNDLE.zip`` first).

Same input, same bytes: keys sorted, resources in a total order, zip entries sorted with a fixed date, no
clock read here (the run's ``generated_at`` is the one moving part, and the caller sets it).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import IO, Any, TextIO, cast

from hitrust_policies.findings import Status
from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.outputs.run import ReportRun, elapsed
from hitrust_policies.outputs.tally import add_paths
from hitrust_policies.redaction import SECRET, mask, mask_findings

FINDINGS, RESOURCES, METADATA, REPORT, MANIFEST = (
    "findings.jsonl", "resources.jsonl", "metadata.json", "report.html", "MANIFEST.sha256")
FILES = (FINDINGS, RESOURCES, METADATA, REPORT)
FORMAT = "hitrust-policies evidence bundle"
FORMAT_VERSION = 1
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry holds: no clock in the bytes
# Names a value must never be written under, whatever the model says about it (defence in depth: the model
# holds no secret values; a field or mapping key named like one is masked if it carries text).
SECRET_NAME = re.compile(r"password|passphrase|secret|private_?key|connection_?string|access_?token|"
                         r"sas_?token|credential_?value|api_?key", re.I)
VERIFY = "cd BUNDLE && sha256sum -c MANIFEST.sha256"


class EvidenceError(ValueError):
    """The bundle cannot be written where asked (not a directory, a foreign non-empty directory, ...)."""


def check_target(target: str | Path) -> Path:
    """Fail before a scan when the bundle could not be written there.

    >>> check_target("/nonexistent-dir/x.zip")
    Traceback (most recent call last):
    ...
    hitrust_policies.outputs.evidence.EvidenceError: /nonexistent-dir: directory does not exist
    """
    path = Path(target)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise EvidenceError(f"{parent}: directory does not exist")
    if not os.access(parent, os.W_OK):
        raise EvidenceError(f"{parent}: not writable")
    if path.suffix.lower() == ".zip":
        if path.is_dir():
            raise EvidenceError(f"{path}: is a directory (a .zip target must be a file)")
        return path
    if path.exists() and not path.is_dir():
        raise EvidenceError(f"{path}: exists and is not a directory")
    if path.is_dir():
        foreign = sorted(p.name for p in path.iterdir() if p.name not in (*FILES, MANIFEST))
        if foreign:
            raise EvidenceError(f"{path}: not empty and not an evidence bundle ({', '.join(foreign[:3])})")
    return path


class _HashingText:
    """A text sink that writes UTF-8 to a binary file and hashes what it wrote."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.sha = hashlib.sha256()

    def write(self, text: str) -> int:
        data = text.encode("utf-8")
        self.sha.update(data)
        self.raw.write(data)
        return len(text)


def jsonable(value: Any, secrets: frozenset[str] = frozenset(), name: str = "") -> Any:
    """A model value as JSON data: dataclasses as objects, `Unknown` as {"unknown": reason}, secrets masked.

    >>> jsonable({"encrypted": Unknown("AccessDenied: kms:DescribeKey"), "db_password": "hunter2", "n": (1, 2)})
    {'db_password': '[secret]', 'encrypted': {'unknown': 'AccessDenied: kms:DescribeKey'}, 'n': [1, 2]}
    """
    if isinstance(value, Unknown):
        return {"unknown": _text(value.reason, secrets)}
    if isinstance(value, str):
        return SECRET if name and SECRET_NAME.search(name) else _text(value, secrets)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, Enum):
        return jsonable(value.value, secrets, name)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: (SECRET if f.metadata.get("secret") else jsonable(getattr(value, f.name), secrets, f.name))
                for f in dataclasses.fields(value)
                if not (f.metadata.get("omit_if_none") and getattr(value, f.name) is None)}
    if isinstance(value, dict):
        return {str(k): jsonable(v, secrets, str(k)) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (set, frozenset)):
        items = [jsonable(v, secrets, name) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, (list, tuple)):
        return [jsonable(v, secrets, name) for v in value]
    return _text(str(value), secrets)


def _text(text: str, secrets: frozenset[str]) -> str:
    """``text`` with every secret masked (`redaction.mask`: the one masking rule reports and findings share).

    >>> _text("rule tcp/1433/198.51.100.0/24 and 198.51.100.0/24", frozenset({"198.51.100.0/24"}))
    'rule tcp/1433/[secret] and [secret]'
    """
    return mask(text, secrets)


def _scrubbed(run: ReportRun, secrets: frozenset[str]) -> ReportRun:
    """The run with secrets masked in each finding's resource identity and message (the report reads these);
    `PlanScan.findings` already masks them, this holds for runs built from other findings too."""
    return ReportRun(run.scan, mask_findings(run.findings, secrets), run.meta, run.changes, run.suppressions)


_dumps = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode


def ref_key(ref: ResourceRef) -> tuple[str, str, str, str, str]:
    """A resource's identity in the bundle: what its findings point at."""
    return (ref.provider, ref.account or "", ref.native_id, ref.part or "", ref.native_type)


_ref_key = ref_key


def resource_order(value: object) -> tuple[str, tuple[str, ...]]:
    """The total order of ``resources.jsonl``: kind, then identity."""
    ref = getattr(value, "ref", None)
    return (type(value).__name__, ref_key(ref) if isinstance(ref, ResourceRef) else ("", "", "", "", ""))


def _ref_json(r: ResourceRef, secrets: frozenset[str]) -> dict[str, Any]:
    return {"provider": r.provider, "native_type": r.native_type, "native_id": _text(r.native_id, secrets),
            "name": _text(r.name, secrets), "account": r.account, "region": r.region, "source": r.source,
            "part": _text(r.part, secrets) if r.part else r.part}


def _write_findings(fh: _HashingText, run: ReportRun, secrets: frozenset[str]) -> None:
    """One JSON object per line, keys sorted except ``references`` (last: serialized once per rule)."""
    refs: dict[int, tuple[Any, str]] = {}  # id(References) -> (References, its JSON); one per rule
    changes = run.changes
    buf: list[str] = []
    for f in run.findings:
        cached = refs.get(id(f.references))
        if cached is None:
            cached = refs[id(f.references)] = (f.references, _dumps(jsonable(f.references)))
        row = {"id": f.id, "rule_id": f.rule_id, "title": f.title, "domain": f.domain, "severity": f.severity,
               "status": f.status.value, "resource": _ref_json(f.resource, secrets),
               "message": _text(f.message, secrets), "remediation": f.remediation,
               "suppression": None if f.suppression is None else jsonable(f.suppression),
               "suppressed": f.suppressed, "change": changes.change_of(f) if changes is not None else None}
        buf.append(f'{_dumps(row)[:-1]},"references":{cached[1]}}}\n')
        if len(buf) >= 2000:
            fh.write("".join(buf))
            buf = []
    fh.write("".join(buf))


def _finding_ids(run: ReportRun) -> dict[tuple[str, str, str, str, str], list[str]]:
    by_ref: dict[tuple[str, str, str, str, str], list[str]] = {}
    for f in run.findings:
        by_ref.setdefault(_ref_key(f.resource), []).append(f.id)
    return by_ref


def _write_resources(fh: _HashingText, by_ref: dict[tuple[str, str, str, str, str], list[str]] | None,
                     resources: Iterable[object], secrets: frozenset[str]) -> int:
    """``resources``: model values (sorted here; their finding ids from ``by_ref``), or an already ordered
    `Spill` of `fleet.stream.Evaluated` values carrying their own finding ids (an organization's, read
    back from disk one at a time)."""
    from hitrust_policies.outputs.spill import Spill

    if isinstance(resources, Spill):
        rows: Iterable[tuple[object, Iterable[str]]] = ((r.value, r.finding_ids) for r in resources)
    else:
        ordered = sorted(resources, key=resource_order)
        rows = ((v, (by_ref or {}).get(resource_order(v)[1], ())) for v in ordered)
    count = 0
    for value, ids in rows:
        facts = jsonable(value, secrets)
        ref = facts.pop("ref", None) if isinstance(facts, dict) else None
        fh.write(_dumps({"kind": type(value).__name__, "ref": ref, "facts": facts, "finding_ids": sorted(ids)})
                 + "\n")
        count += 1
    return count


def metadata(run: ReportRun, resources: int, secrets: frozenset[str] = frozenset()) -> dict[str, Any]:
    """How the scan ran, as an assessor asks for it."""
    scan, meta = run.scan, run.meta
    counts = {s.value: 0 for s in Status}
    suppressed = 0
    for f in run.findings:
        counts[f.status.value] += 1
        suppressed += f.suppressed
    coverage = [{"account": c.account, "collector": c.collector, "region": c.region, "status": c.status,
                 "resources": c.resources, "problems": list(c.problems)} for c in scan.coverage]
    add_paths(coverage, scan.coverage)
    calls = getattr(scan, "calls", None) or {}
    data = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "tool": {"name": "hitrust-policies", "version": meta.tool_version},
        "generated_at": meta.generated_at, "command": meta.command, "principal": meta.principal,
        "scope": list(meta.scope), "filters": meta.filters,
        "provider": scan.provider, "account": scan.account, "regions": list(scan.regions),
        "regions_read": list(scan.regions_read), "complete": scan.complete, "coverage": coverage,
        "api_calls": dict(sorted(calls.items())),
        "seconds": None if (took := elapsed(scan)) is None else round(took, 3),
        "findings": {"total": len(run.findings), "by_status": counts, "suppressed": suppressed},
        "resources": resources,
        "baseline": None if run.changes is None else {
            "new": len(run.changes.new), "persisting": len(run.changes.persisting),
            "resolved": len(run.changes.resolved)},
        "suppressions": None if run.suppressions is None else run.suppressions.rows(),
        "files": {FINDINGS: "findings, one JSON object per line (Finding.to_dict keys + suppressed, change)",
                  RESOURCES: "the evaluated model values: kind, ref, facts ({unknown: reason} when not seen), "
                             "finding_ids",
                  METADATA: "this file", REPORT: "the assessor report (self-contained HTML)",
                  MANIFEST: "sha256sum lines of the files above"},
        "verify": VERIFY,
    }
    return cast(dict[str, Any], jsonable(data, secrets))


def _write_files(directory: Path, run: ReportRun, resources: Iterable[object]) -> None:
    from hitrust_policies.outputs.html import write_html
    from hitrust_policies.outputs.spill import Spill

    secrets = frozenset(getattr(run.scan, "secrets", frozenset()) or ())
    by_ref = None if isinstance(resources, Spill) else _finding_ids(run)
    if secrets:
        run = _scrubbed(run, secrets)
    digests: dict[str, str] = {}
    with (directory / FINDINGS).open("wb") as raw:
        sink = _HashingText(raw)
        _write_findings(sink, run, secrets)
        digests[FINDINGS] = sink.sha.hexdigest()
    with (directory / RESOURCES).open("wb") as raw:
        sink = _HashingText(raw)
        count = _write_resources(sink, by_ref, resources, secrets)
        digests[RESOURCES] = sink.sha.hexdigest()
    with (directory / METADATA).open("wb") as raw:
        sink = _HashingText(raw)
        sink.write(json.dumps(metadata(run, count, secrets), sort_keys=True, indent=2, ensure_ascii=False) + "\n")
        digests[METADATA] = sink.sha.hexdigest()
    with (directory / REPORT).open("wb") as raw:
        sink = _HashingText(raw)
        write_html(cast(TextIO, sink), run)
        digests[REPORT] = sink.sha.hexdigest()
    (directory / MANIFEST).write_bytes("".join(f"{digests[name]}  {name}\n" for name in sorted(digests)).encode())


def write_evidence(target: Path, run: ReportRun, resources: Iterable[object]) -> Path:
    """Write the bundle to ``target`` (a directory, or a zip when it ends in .zip) and return its path."""
    target = check_target(target)
    if target.suffix.lower() != ".zip":
        target.mkdir(exist_ok=True)
        _write_files(target, run, resources)
        return target
    with tempfile.TemporaryDirectory(prefix=".evidence-", dir=target.parent) as tmp:
        _write_files(Path(tmp), run, resources)
        partial = Path(tmp) / "bundle.zip"
        with zipfile.ZipFile(partial, "w") as zf:
            for name in sorted((*FILES, MANIFEST)):
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # unix: the same bytes whichever OS wrote them
                info.external_attr = 0o100644 << 16
                # Deflate level 1: fast, and still shrinks JSON and HTML several times (3.13 renamed the slot).
                setattr(info, "compress_level" if hasattr(info, "compress_level") else "_compresslevel", 1)
                with (Path(tmp) / name).open("rb") as src, zf.open(info, "w", force_zip64=True) as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
        os.replace(partial, target)
    return target
