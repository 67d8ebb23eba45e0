"""Where reports go: several formats into one directory, checked before any scanning starts.

A scan can take an hour; finding out at the end that the output directory does not exist (and losing
the report) is the failure this module prevents. `check_directory` / `check_file` run before the scan
and name the bad location; `write_reports` writes each file whole through a temporary name, so a
crash mid-write never leaves half a report under the final name.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from hitrust_policies.outputs.formats import FORMATS
from hitrust_policies.outputs.run import ReportRun, RunMeta


class OutputLocationError(ValueError):
    """An output format or location that cannot be used; the message names it."""


def parse_formats(values: Iterable[str]) -> tuple[str, ...]:
    """Comma-separated (and repeated) format names, in the order given, without duplicates.

    >>> parse_formats(["json,sarif", "json"])
    ('json', 'sarif')
    """
    names: list[str] = []
    for value in values:
        for name in value.split(","):
            name = name.strip().lower()
            if not name:
                continue
            if name not in FORMATS:
                raise OutputLocationError(f"unknown format {name!r} (one of: {', '.join(FORMATS)})")
            if name not in names:
                names.append(name)
    if not names and any(values):
        raise OutputLocationError("no format named")
    return tuple(names)


def _writable_dir(path: Path, what: str) -> None:
    if not path.exists():
        raise OutputLocationError(f"{what} {path} does not exist")
    if not path.is_dir():
        raise OutputLocationError(f"{what} {path} is not a directory")
    if not os.access(path, os.W_OK | os.X_OK):
        raise OutputLocationError(f"{what} {path} is not writable")


def check_directory(directory: str | Path) -> Path:
    """The output directory, if it exists and can be written to (it is not created: a typo should not
    scatter reports into a new directory)."""
    path = Path(directory)
    _writable_dir(path, "output directory")
    return path


def check_file(file: str | Path) -> Path:
    """An output file whose directory exists and can be written to (the file may exist: it is replaced)."""
    path = Path(file)
    if path.is_dir():
        raise OutputLocationError(f"{path} is a directory")
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputLocationError(f"{path} is not writable")
    _writable_dir(path.parent if str(path.parent) else Path("."), f"directory of {path}:")
    return path


def write_reports(run: ReportRun, formats: Iterable[str], directory: str | Path,
                  writers: dict[str, Any] | None = None) -> list[Path]:
    """Each format into ``directory/hitrust-report.<ext>``; returns the paths written.

    ``writers`` overrides a format's writer (the CLI's table honours --show-pass)."""
    written = []
    for name in formats:
        fmt = FORMATS[name]
        path = Path(directory) / fmt.file_name
        partial = path.with_name(f".{path.name}.partial")
        write = (writers or {}).get(name, fmt.write)
        try:
            with open(partial, "w", encoding="utf-8", newline="") as fh:
                write(fh, run)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        written.append(path)
    return written


def scope_of(scan: Any) -> tuple[str, ...]:
    """What was scanned: the accounts / subscriptions / projects read, or the plan files checked."""
    plans = sorted({c.region for c in scan.coverage if c.collector == "terraform-plan"})
    if plans:
        return tuple(plans)
    accounts = sorted({c.account for c in scan.coverage if c.account})
    return tuple(accounts) if accounts else ((scan.account,) if scan.account else ())


def meta_for(scan: Any, command: str = "library", filters: dict[str, Any] | None = None,
             principal: str = "", generated_at: str | None = None) -> RunMeta:
    """The run header of a report: tool version, time, command, scope, filters.

    The time is now (UTC, seconds) unless pinned: by ``generated_at``, else by the ``SOURCE_DATE_EPOCH``
    environment variable (the reproducible-builds convention), so a rerun can give byte-identical reports.
    """
    from datetime import datetime, timezone

    from hitrust_policies import __version__

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
    now = generated_at or when.isoformat(timespec="seconds")
    return RunMeta(__version__, now, command, principal, scope_of(scan), dict(sorted((filters or {}).items())))
