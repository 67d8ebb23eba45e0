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


def crash_line(exc: BaseException, hint: bool = True) -> str:
    """The one line a crash prints (its message's first line).

    >>> crash_line(KeyError("region"))
    "error: KeyError: 'region' (run with --debug for the traceback)"
    >>> crash_line(OSError(), hint=False)
    'error: OSError: (no message)'
    """
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else "(no message)"
    return f"error: {type(exc).__name__}: {message}" + (" (run with --debug for the traceback)" if hint else "")


def configure(*, debug: bool, quiet: bool, verbose: int, log_level: str | None) -> None:
    """Apply the main group's options: remember them and send logging to stderr at the chosen level."""
    global _settings
    if quiet and (verbose or log_level):
        raise click.UsageError("--quiet cannot be combined with --verbose / --log-level")
    _settings = Settings(debug=debug, quiet=quiet)
    if log_level:
        level = getattr(logging, log_level.upper())
    elif verbose > 1:
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


def _exit_now(code: int) -> None:
    """Exit with ``code`` without waiting for worker threads still inside an API call.

    The scan has already cancelled its queued work and made every later call fail, but a worker blocked in a
    socket read would hold the interpreter's exit (it joins every worker) for up to the read timeout times the
    retries. Nothing is left to save once a scan is interrupted (reports are written only after it), so with
    such threads alive the process flushes its streams and ends at once; otherwise it exits normally.
    """
    import os
    import threading

    busy = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon and t.is_alive()]
    if not busy:
        sys.exit(code)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


class Group(click.Group):
    """The main group: crashes and Ctrl-C become an exit code and one line instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, BrokenPipeError):
            raise  # click's own handling: usage errors exit 2, a closed pipe ends quietly
        except KeyboardInterrupt:
            click.echo("error: interrupted", err=True)
            _exit_now(EXIT_INTERRUPTED)
        except Exception as exc:
            if _settings.debug:
                traceback.print_exc(file=sys.stderr)
            click.echo(crash_line(exc, hint=not _settings.debug), err=True)
            sys.exit(EXIT_CRASH)
