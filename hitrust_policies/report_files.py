"""The CLI's report plumbing: ``--output-format`` / ``--output-dir``, checked before the scan, and the one
`ReportRun` every format of a command is written from.

`output_options` decorates a command: it adds the two options and, before the command body runs (so
before any scanning), checks the formats and that the output directory and the ``--output`` file's
directory exist and are writable; a bad one is a usage error (exit 2) naming it. The checked request is
kept on the click context, where `write_requested` finds it once the findings exist.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

import click

_KEY = "hitrust_policies.report_files"


def _usage(exc: Exception, hint: str) -> click.BadParameter:
    return click.BadParameter(str(exc), param_hint=hint)


def output_options(fn: Any) -> Any:
    """Add ``--output-format`` and ``--output-dir`` to a command, validated before its body runs."""

    @functools.wraps(fn)
    def command(*args: Any, output_formats: tuple[str, ...], output_dir: str | None, **kwargs: Any) -> Any:
        from hitrust_policies.outputs.destinations import (
            OutputLocationError,
            check_directory,
            check_file,
            parse_formats,
        )

        try:
            formats = parse_formats(output_formats)
        except OutputLocationError as exc:
            raise _usage(exc, "--output-format") from None
        if output_dir and not formats:
            raise click.UsageError("--output-dir needs --output-format (e.g. --output-format json,sarif)")
        try:
            directory = check_directory(output_dir or ".") if formats else None
        except OutputLocationError as exc:
            raise _usage(exc, "--output-dir") from None
        if kwargs.get("output"):
            try:
                check_file(kwargs["output"])
            except OutputLocationError as exc:
                raise _usage(exc, "--output") from None
        click.get_current_context().meta[_KEY] = (formats, directory)
        return fn(*args, **kwargs)

    command = click.option(
        "--output-dir", type=click.Path(file_okay=False),
        help="Directory for the --output-format files (default: the current directory); must exist.")(command)
    command = click.option(
        "--output-format", "output_formats", multiple=True, metavar="FORMAT[,FORMAT...]",
        help="Also write these formats as DIR/hitrust-report.<ext> (comma-separated or repeated), e.g. "
             "json,sarif,junit. Formats: see --format.")(command)
    return command


def _context() -> click.Context | None:
    return click.get_current_context(silent=True)


def _command(ctx: click.Context | None) -> str:
    names = []
    while ctx is not None and ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(reversed(names)) or "library"


def _filters(ctx: click.Context | None) -> dict[str, Any]:
    """The rule filters the command was given (`cli_filters.run_filters`), rule options and --fail-on."""
    if ctx is None:
        return {}
    from hitrust_policies.cli_filters import run_filters

    given = run_filters()
    if ctx.params.get("rule_option"):
        given["rule_option"] = list(ctx.params["rule_option"])
    if ctx.params.get("fail_on"):  # the gate the run's exit code applies
        given["fail_on"] = ctx.params["fail_on"]
    return dict(sorted(given.items()))


def report_run(scan: Any, findings: list[Any], baseline: str | None = None, principal: str = "",
               suppressions: Any = None) -> Any:
    """The one `ReportRun` of a command: findings in order, the baseline comparison, the suppressions report
    (or None), and the run header (command, scope, filters) taken from the click context."""
    from hitrust_policies.outputs.baseline import compare, load_baseline
    from hitrust_policies.outputs.destinations import meta_for
    from hitrust_policies.outputs.run import ReportRun

    ctx = _context()
    changes = compare(load_baseline(baseline), findings) if baseline else None
    meta = meta_for(scan, _command(ctx), _filters(ctx), principal=principal or getattr(scan, "principal", "") or "")
    return ReportRun.of(scan, findings, meta, changes, suppressions)


def write_requested(run: Any, show_pass: bool = False) -> list[Any]:
    """Write the ``--output-format`` files the command was asked for (none without the option)."""
    from hitrust_policies.outputs import report
    from hitrust_policies.outputs.destinations import write_reports

    ctx = _context()
    formats, directory = ctx.meta.get(_KEY, ((), None)) if ctx is not None else ((), None)
    if not formats:
        return []
    table = functools.partial(report.write_table, show_pass=show_pass)
    written = write_reports(run, formats, directory, writers={"table": table})
    for path in written:
        click.echo(f"wrote {path}", err=True)
    sys.stderr.flush()
    return written
