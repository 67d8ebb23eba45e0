"""How the ``hitrust`` command ends when something goes wrong, and how chatty it is.

A scheduler reads the exit code: 1 means "failing findings", so a crash must never look like
one. An unexpected exception exits 4 with one line naming it (the traceback only with
``--debug``); Ctrl-C exits 130 (128 + SIGINT, the shell convention) with one line. Usage
errors (2) stay click's. Logging goes to stderr, at WARNING unless ``--verbose`` / ``--log-level``.
"""

from __future__ import annotations

import logging
import sys
import traceback
from dataclasses import dataclass
from typing import Any

import click

EXIT_CRASH = 4
EXIT_INTERRUPTED = 130
LOG_LEVELS = ("debug", "info", "warning", "error")
LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"


@dataclass
class Settings:
    """What the main group's options say about this invocation."""

    debug: bool = False
    quiet: bool = False


_settings = Settings()


def settings() -> Settings:
    return _settings


def crash_line(exc: BaseException) -> str:
    """The one line a crash prints.

    >>> crash_line(KeyError("region"))
    "error: KeyError: 'region' (run with --debug for the traceback)"
    """
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else "(no message)"
    return f"error: {type(exc).__name__}: {message} (run with --debug for the traceback)"


def configure(*, debug: bool, quiet: bool, verbose: int, log_level: str | None) -> None:
    """Apply the main group's options: remember them and send logging to stderr at the chosen level."""
    global _settings
    if quiet and (verbose or log_level):
        raise click.UsageError("--quiet cannot be combined with --verbose / --log-level")
    _settings = Settings(debug=debug, quiet=quiet)
    if log_level:
        level = getattr(logging, log_level.upper())
    elif debug or verbose > 1:
        level = logging.DEBUG
    elif verbose:
        level = logging.INFO
    else:
        level = logging.ERROR if quiet else logging.WARNING
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_hitrust", False)]:
        root.removeHandler(handler)
    handler = logging.StreamHandler(click.get_text_stream("stderr"))
    handler._hitrust = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)


class Group(click.Group):
    """The main group: crashes and Ctrl-C become an exit code and one line instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, BrokenPipeError):
            raise  # click's own handling: usage errors exit 2, a closed pipe ends quietly
        except KeyboardInterrupt:
            click.echo("error: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except Exception as exc:
            if _settings.debug:
                traceback.print_exc(file=sys.stderr)
            click.echo(crash_line(exc), err=True)
            sys.exit(EXIT_CRASH)
