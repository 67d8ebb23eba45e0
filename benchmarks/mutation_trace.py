"""pytest plugin for benchmarks/mutation.py: which test executes which project line.

Loaded with ``-p mutation_trace`` in a throw-away copy of the tree. While a test runs
(setup, call and teardown), every line executed in ``hitrust_policies/`` - in any thread -
is recorded against the test's node id, and lines run outside any test (imports, collection,
decorators) apart; at the end the map, each test's duration and outcome are written as JSON
to ``$MUTATION_TRACE_OUT``. The mutation runner then gives
each mutant only the tests that execute its line, fastest first.

Python 3.11 has no ``sys.monitoring``: a global trace function is called on every frame,
and returns a line tracer only for frames of project files (cached per code object).
Processes a test starts (the ``hitrust`` CLI, a policy pack) are traced too, through a
``sitecustomize`` the runner puts first on PYTHONPATH; their lines count for the test that
started them (a pack process shared by later tests counts for the first one only).
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from typing import Any

import pytest

_ROOT = os.path.join(os.path.realpath(os.environ.get("MUTATION_TRACE_ROOT", os.getcwd())), "")
_PACKAGE = os.path.join(_ROOT, "hitrust_policies", "")
_files: dict[Any, str | None] = {}  # code object -> project-relative path, or None
_lines: dict[str, set[tuple[str, int]]] = {}
_outside: set[tuple[str, int]] = set()  # lines run outside any test: imports, collection, decorators
_current: set[tuple[str, int]] = _outside
_tests: dict[str, dict[str, Any]] = {}


def _relative(code: Any) -> str | None:
    path = os.path.realpath(code.co_filename)
    return path[len(_ROOT):] if path.startswith(_PACKAGE) else None


def _local(frame: Any, event: str, _arg: Any) -> Any:
    if event == "line":
        _current.add((_files[frame.f_code], frame.f_lineno))
    return _local


def _global(frame: Any, _event: str, _arg: Any) -> Any:
    code = frame.f_code
    try:
        rel = _files[code]
    except KeyError:
        rel = _files[code] = _relative(code)
    return _local if rel is not None else None


def _start() -> None:
    sys.settrace(_global)
    threading.settrace(_global)


def start_main() -> None:
    """In pytest's own process, before anything is imported: module-level lines count as import time."""
    _start()


def start_subprocess() -> None:
    """In a process a test started (the ``hitrust`` CLI, a policy pack): trace it all, under the test's id.

    Called from the ``sitecustomize`` the runner puts on PYTHONPATH; the lines are written to
    ``$MUTATION_TRACE_OUT.<pid>`` at exit, or when the process is terminated.
    """
    import atexit
    import signal

    context = os.environ.get("MUTATION_TRACE_CONTEXT", "")
    global _current
    _current = set()
    lines = _current
    done = []

    def dump(*_: Any) -> None:
        if not done and context:
            done.append(True)
            with open(f"{os.environ['MUTATION_TRACE_OUT']}.{os.getpid()}", "w", encoding="utf-8") as fh:
                json.dump({"context": context, "lines": sorted(lines)}, fh)

    def on_term(signum: int, frame: Any) -> None:
        dump()
        os._exit(128 + signum)

    atexit.register(dump)
    signal.signal(signal.SIGTERM, on_term)
    _start()


def pytest_configure(config: pytest.Config) -> None:
    os.environ["MUTATION_TRACE_PARENT"] = str(os.getpid())
    _start()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    global _current
    _current = _lines.setdefault(item.nodeid, set())
    _tests.setdefault(item.nodeid, {"failed": False})
    os.environ["MUTATION_TRACE_CONTEXT"] = item.nodeid  # inherited by the processes this test starts
    started = time.perf_counter()
    try:
        yield
    finally:
        _tests[item.nodeid]["duration"] = round(time.perf_counter() - started, 4)
        _current = _outside
        os.environ.pop("MUTATION_TRACE_CONTEXT", None)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.failed and report.nodeid in _tests:
        _tests[report.nodeid]["failed"] = True


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    sys.settrace(None)
    threading.settrace(None)  # type: ignore[arg-type]
    by_line: dict[str, dict[int, list[str]]] = {}
    for nodeid, lines in _lines.items():
        for rel, line in lines:
            by_line.setdefault(rel, {}).setdefault(line, []).append(nodeid)
    outside: dict[str, list[int]] = {}
    for rel, line in _outside:
        outside.setdefault(rel, []).append(line)
    out = {"tests": _tests, "lines": {rel: {str(n): sorted(ids) for n, ids in sorted(lines.items())}
                                      for rel, lines in sorted(by_line.items())},
           "outside": {rel: sorted(lines) for rel, lines in sorted(outside.items())}}
    with open(os.environ["MUTATION_TRACE_OUT"], "w", encoding="utf-8") as fh:
        json.dump(out, fh)
