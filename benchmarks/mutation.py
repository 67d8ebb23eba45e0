"""Mutation testing: do the tests notice when the code is wrong?

Run: python benchmarks/mutation.py [--modules rules sources engine ...] [--sample 150] [--seed 1]
                                   [--jobs 2] [--ids ID ...] [--list | --plan] [--report out.json]

A small AST mutator (no dependency beyond the standard library and pytest). Each mutant is one
deliberate bug in one module of the package: a negated condition, a swapped comparison
(``<``/``<=``, ``==``/``!=``, ``in``/``not in``, ``is``/``is not``), a threshold off by one, an element
dropped from a list/tuple/set/dict literal, a dropped ``or default`` / ``.get`` default / keyword
argument, a skipped ``raise`` / ``yield`` / call / ``continue``, a ``return x`` turned into
``return None``, an ``except`` that re-raises instead of handling, ``and``/``or`` and ``+``/``-``
swapped, ``True``/``False`` swapped, and a finding ``Status`` swapped. Mutant ids are stable
across runs while the file is unchanged: ``module:line:operator:index``.

How it runs:
1. The whole tree is copied to a temporary directory per worker; the working tree is never
   written (an interrupted run leaves nothing behind but the temp copies, which it removes).
2. The full suite runs once in those copies under a line tracer (``mutation_trace.py``): for
   every line of ``hitrust_policies/``, which tests execute it, and how long each test takes.
   The map is cached (keyed by a hash of the tree) in ``--cache-dir``.
3. Each mutant runs ``pytest -x -q -p no:cacheprovider`` on the tests that execute its lines, fastest
   files first, in a subprocess with a timeout; any failure, error or timeout kills it. A mutant in
   code that runs at import (a decorator argument, a default, a constant, a registration function)
   gets the tests that execute the lines using what its statement defines, the test files that
   name it, and the registry meta-tests. A line in a function body that no test executes (not even
   at import, nor in a process a test starts) is reported as a survivor without running anything.
   A selected parametrized test brings its siblings: a module-scoped fixture runs (and is traced)
   in the first of them only.
4. Mutants listed in ``mutation_equivalents.yaml`` (id, the original source line, and why the
   mutant cannot change behaviour) are reported as equivalent, not as survivors; an entry whose
   line no longer matches the source is reported stale and ignored.

The report gives the kill rate over non-equivalent mutants, per-module counts, and every
survivor with its diff. Exit status: 0 if the kill rate reaches ``--target`` (default 95 %).
"""

from __future__ import annotations

import argparse
import ast
import copy
import difflib
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "hitrust_policies"
DEFAULT_MODULES = ("rules", "sources", "engine.py", "findings.py", "mappings.py", "model/facts.py")
EQUIVALENTS = Path(__file__).with_name("mutation_equivalents.yaml")
COPY_IGNORE = shutil.ignore_patterns(".git", "__pycache__", ".venv", "venv", "*.egg-info", ".pytest_cache",
                                     ".ruff_cache", "dist", "build", ".mutation-cache")
# Test files that read the registries rather than one module's functions: a module-level mutant
# (a decorator argument, a declared API call, a constant) is judged by these too.
META_TESTS = (
    "tests/rules/test_registry.py",
    "tests/test_collectors_registry.py",
    "tests/sources/live/aws/test_read_only.py",
    "tests/sources/live/aws/test_rule_coverage.py",
    "tests/test_mappings.py",
    "tests/packs/test_pack_metadata.py",
)
NO_MUTATE = "pragma: no mutate"
SITECUSTOMIZE = """\
import os
import mutation_trace
if os.environ.get("MUTATION_TRACE_PARENT") in (None, str(os.getpid())):
    mutation_trace.start_main()  # pytest itself: from the first import on
else:
    mutation_trace.start_subprocess()
"""
LOG_NAMES = {"log", "logger", "logging"}
STARTUP_SECONDS = 6.0  # interpreter + pytest + moto / pulumi imports, added to each timeout


# ---------------------------------------------------------------- mutants


@dataclass(frozen=True)
class Mutant:
    module: str  # path relative to the tree, e.g. "hitrust_policies/engine.py"
    line: int
    operator: str
    index: int  # n-th mutant of this operator on this line
    span: tuple[int, int, int, int]  # start line, start col, end line, end col (columns in characters)
    replacement: str
    description: str

    @property
    def id(self) -> str:
        return f"{self.module}:{self.line}:{self.operator}:{self.index}"

    @property
    def lines(self) -> range:
        return range(self.span[0], self.span[2] + 1)

    def apply(self, source: str) -> str:
        lines = source.splitlines(keepends=True)
        start_line, start_col, end_line, end_col = self.span
        head = "".join(lines[: start_line - 1]) + lines[start_line - 1][:start_col]
        tail = lines[end_line - 1][end_col:] + "".join(lines[end_line:])
        return head + self.replacement + tail

    def diff(self, source: str) -> str:
        mutated = self.apply(source)
        return "".join(difflib.unified_diff(source.splitlines(keepends=True), mutated.splitlines(keepends=True),
                                            f"a/{self.module}", f"b/{self.module}", n=1))


_SWAP_CMP: dict[type, type] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq,
    ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}
_CMP_TEXT = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.In: "in",
             ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not"}
_STATUS_SWAP = {"UNKNOWN": "PASS", "FAIL": "PASS", "PASS": "FAIL"}
_DEFAULT_ARG_CALLS = {"get": 2, "getattr": 3, "next": 2, "pop": 2, "setdefault": 2}  # name -> arity with default
# Parents whose operands need parentheses around a replaced expression.
_TIGHT_PARENTS = (ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.Attribute, ast.Subscript, ast.Call,
                  ast.Await, ast.Starred, ast.IfExp)


class _Collector(ast.NodeVisitor):
    """Walks one module and lists every mutant it can make, in a deterministic order."""

    def __init__(self, module: str, source: str, namespace: dict[str, Any] | None = None) -> None:
        self.module = module
        self.namespace = namespace or {}
        self.source_lines = source.splitlines()
        self.mutants: list[Mutant] = []
        self._counts: Counter[tuple[int, str]] = Counter()
        self._parents: list[ast.AST] = []

    # -- helpers

    def _column(self, line: int, byte_col: int) -> int:
        return len(self.source_lines[line - 1].encode()[:byte_col].decode(errors="replace"))

    def _span(self, node: ast.AST, last: ast.AST | None = None) -> tuple[int, int, int, int]:
        end = last or node
        return (node.lineno, self._column(node.lineno, node.col_offset),  # type: ignore[attr-defined]
                end.end_lineno, self._column(end.end_lineno, end.end_col_offset))  # type: ignore[attr-defined]

    def _skipped_line(self, node: ast.AST) -> bool:
        lines = self.source_lines[node.lineno - 1: node.end_lineno]  # type: ignore[attr-defined]
        return any(NO_MUTATE in line for line in lines)

    def _add(self, node: ast.AST, operator: str, replacement: str, description: str,
             last: ast.AST | None = None) -> None:
        if self._skipped_line(node):
            return
        line = node.lineno  # type: ignore[attr-defined]
        index = self._counts[(line, operator)]
        self._counts[(line, operator)] += 1
        self.mutants.append(Mutant(self.module, line, operator, index, self._span(node, last), replacement,
                                   description))

    def _expr(self, node: ast.expr, new: ast.expr, operator: str, description: str) -> None:
        text = ast.unparse(new)
        parent = self._parents[-1] if self._parents else None
        if isinstance(parent, _TIGHT_PARENTS) or isinstance(new, (ast.NamedExpr, ast.Lambda)):
            text = f"({text})"
        self._add(node, operator, text, description)

    def _stmt(self, node: ast.stmt, operator: str, replacement: str, description: str) -> None:
        self._add(node, operator, replacement, description)

    # -- traversal

    def visit(self, node: ast.AST) -> None:
        super().visit(node)

    def generic_visit(self, node: ast.AST) -> None:
        self._parents.append(node)
        for child in ast.iter_child_nodes(node):
            if self._excluded(node, child):
                continue
            self.visit(child)
        self._parents.pop()

    def _excluded(self, parent: ast.AST, child: ast.AST) -> bool:
        """Parts of the tree whose mutants are equivalent by construction, or not code at all."""
        if isinstance(child, ast.JoinedStr):  # positions inside f-strings are unreliable before 3.12
            return True
        if isinstance(parent, (ast.arg, ast.AnnAssign)) and child is parent.annotation:
            return True  # annotations are strings at run time (from __future__ import annotations)
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)) and child is parent.returns:
            return True
        if isinstance(child, ast.Expr) and isinstance(child.value, ast.Constant) and isinstance(child.value.value, str):
            return True  # docstrings
        if isinstance(child, ast.If) and _is_type_checking_or_main(child.test):
            return True
        if isinstance(child, (ast.Assign, ast.AnnAssign)):
            targets = child.targets if isinstance(child, ast.Assign) else [child.target]
            if any(isinstance(t, ast.Name) and t.id in ("__all__", "__slots__") for t in targets):
                return True
        return False

    # -- expressions

    def visit_Compare(self, node: ast.Compare) -> None:
        for i, op in enumerate(node.ops):
            swapped = _SWAP_CMP.get(type(op))
            if swapped:
                new = copy.deepcopy(node)
                new.ops[i] = swapped()
                self._expr(node, new, "cmp", f"`{_CMP_TEXT[type(op)]}` -> `{_CMP_TEXT[swapped]}`")
        self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        names = ("and", "or") if isinstance(node.op, ast.And) else ("or", "and")
        self._expr(node, ast.BoolOp(op=other, values=node.values), "boolop", f"`{names[0]}` -> `{names[1]}`")
        for i in range(len(node.values)):
            rest = node.values[:i] + node.values[i + 1:]
            new = rest[0] if len(rest) == 1 else ast.BoolOp(op=node.op, values=rest)
            kind = "drop-default" if isinstance(node.op, ast.Or) and i == len(node.values) - 1 else "drop-term"
            self._expr(node, new, kind, f"drop `{ast.unparse(node.values[i])}` from `{names[0]}`")
        self.generic_visit(node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        if isinstance(node.op, ast.Not):
            self._expr(node, node.operand, "negate", "drop `not`")
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        swap = {ast.Add: ast.Sub, ast.Sub: ast.Add}.get(type(node.op))
        if swap and not _is_text(node):
            self._expr(node, ast.BinOp(left=node.left, op=swap(), right=node.right), "arith",
                       f"`{'+' if swap is ast.Sub else '-'}` -> `{'-' if swap is ast.Sub else '+'}`")
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bool):
            parent = self._parents[-1] if self._parents else None
            if not (isinstance(parent, ast.keyword) and parent.arg == "slots"):  # slots= only changes the layout
                self._expr(node, ast.Constant(not value), "bool", f"`{value}` -> `{not value}`")
        elif isinstance(value, (int, float)):
            for delta in (1, -1):
                self._expr(node, ast.Constant(value + delta), "num", f"`{value!r}` -> `{value + delta!r}`")

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.value, ast.Name) and node.value.id == "Status" and node.attr in _STATUS_SWAP:
            new = ast.Attribute(value=node.value, attr=_STATUS_SWAP[node.attr], ctx=ast.Load())
            self._expr(node, new, "status", f"`Status.{node.attr}` -> `Status.{_STATUS_SWAP[node.attr]}`")
        self.generic_visit(node)

    def _collection(self, node: ast.List | ast.Tuple | ast.Set) -> None:
        parent = self._parents[-1] if self._parents else None
        if isinstance(getattr(node, "ctx", ast.Load()), ast.Load) and not isinstance(parent, (ast.Return, ast.Yield)) \
                and not (isinstance(parent, ast.Subscript) and node is parent.slice):
            for i, elt in enumerate(node.elts):
                if isinstance(elt, ast.Starred):
                    continue
                new = copy.copy(node)
                new.elts = node.elts[:i] + node.elts[i + 1:]
                if isinstance(node, ast.Set) and not new.elts:
                    new = ast.Call(func=ast.Name("set", ast.Load()), args=[], keywords=[])  # type: ignore[assignment]
                self._expr(node, new, "drop-elt", f"drop element `{ast.unparse(elt)}`")
        self.generic_visit(node)

    visit_List = visit_Tuple = visit_Set = _collection

    def visit_Dict(self, node: ast.Dict) -> None:
        for i, key in enumerate(node.keys):
            if key is None:
                continue
            new = ast.Dict(keys=node.keys[:i] + node.keys[i + 1:], values=node.values[:i] + node.values[i + 1:])
            self._expr(node, new, "drop-elt", f"drop entry `{ast.unparse(key)}`")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if _DEFAULT_ARG_CALLS.get(name) == len(node.args) and not node.keywords:
            new = ast.Call(func=node.func, args=node.args[:-1], keywords=[])
            self._expr(node, new, "drop-default", f"drop the default `{ast.unparse(node.args[-1])}` of `{name}()`")
        if not _is_log_call(node):
            optional = _optional_keywords(node.func, self.namespace)
            for i, kw in enumerate(node.keywords):
                if kw.arg is None or kw.arg == "slots" or (optional is not None and kw.arg not in optional):
                    continue  # a required argument only makes a TypeError; slots= only changes the layout
                new = ast.Call(func=node.func, args=node.args, keywords=node.keywords[:i] + node.keywords[i + 1:])
                self._expr(node, new, "drop-kwarg", f"drop argument `{kw.arg}=`")
        self.generic_visit(node)

    # -- conditions and statements

    def _negate_test(self, test: ast.expr) -> None:
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            return  # visit_UnaryOp drops the `not`
        self._add(test, "negate", f"not ({ast.unparse(test)})", "negate the condition")

    def visit_If(self, node: ast.If) -> None:
        self._negate_test(node.test)
        self.generic_visit(node)

    def visit_While(self, node: ast.While) -> None:
        self._negate_test(node.test)
        self.generic_visit(node)

    def visit_IfExp(self, node: ast.IfExp) -> None:
        if not (isinstance(node.test, ast.UnaryOp) and isinstance(node.test.op, ast.Not)):
            self._add(node.test, "negate", f"(not ({ast.unparse(node.test)}))", "negate the condition")
        self.generic_visit(node)

    def visit_comprehension(self, node: ast.comprehension) -> None:
        for test in node.ifs:
            if not (isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)):
                self._add(test, "negate", f"(not ({ast.unparse(test)}))", "negate the filter")
        self.generic_visit(node)

    def visit_Raise(self, node: ast.Raise) -> None:
        self._stmt(node, "skip-raise", "pass", "skip the `raise`")
        self.generic_visit(node)

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None and not (isinstance(node.value, ast.Constant) and node.value.value is None):
            self._stmt(node, "return-none", "return None", "`return ...` -> `return None`")
        self.generic_visit(node)

    def visit_Expr(self, node: ast.Expr) -> None:
        value = node.value
        if isinstance(value, (ast.Yield, ast.YieldFrom)):
            self._stmt(node, "skip-yield", "pass", "skip the `yield`")
        elif isinstance(value, ast.Call) and not _is_log_call(value):
            self._stmt(node, "skip-call", "pass", f"skip the call `{ast.unparse(value.func)}(...)`")
        self.generic_visit(node)

    def visit_Continue(self, node: ast.Continue) -> None:
        self._stmt(node, "skip-continue", "pass", "skip the `continue`")

    def visit_Break(self, node: ast.Break) -> None:
        self._stmt(node, "skip-continue", "pass", "skip the `break`")

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.body and not (len(node.body) == 1 and isinstance(node.body[0], ast.Raise)
                              and node.body[0].exc is None):
            self._add(node.body[0], "except-reraise", "raise", "the `except` re-raises instead of handling",
                      last=node.body[-1])
        self.generic_visit(node)


def _optional_keywords(func: ast.expr, namespace: dict[str, Any]) -> set[str] | None:
    """Keywords the callee has defaults for, when the callee can be found in the module's namespace."""
    import inspect

    target: Any = None
    if isinstance(func, ast.Name):
        target = namespace.get(func.id)
    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        owner = namespace.get(func.value.id)
        if inspect.ismodule(owner) or inspect.isclass(owner):
            target = getattr(owner, func.attr, None)
    if target is None or not callable(target):
        return None
    try:
        params = inspect.signature(target).parameters.values()
    except (TypeError, ValueError):
        return None
    if any(p.kind is p.VAR_KEYWORD for p in params):
        return None
    return {p.name for p in params if p.default is not p.empty}


def _is_text(node: ast.BinOp) -> bool:
    return any(isinstance(side, (ast.JoinedStr, ast.Constant)) and isinstance(getattr(side, "value", ""), str)
               for side in (node.left, node.right))


def _is_log_call(call: ast.Call) -> bool:
    func = call.func
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in LOG_NAMES


def _is_type_checking_or_main(test: ast.expr) -> bool:
    text = ast.unparse(test)
    return text in ("TYPE_CHECKING", "typing.TYPE_CHECKING") or text.startswith("__name__ ==")


def _namespace(module: str) -> dict[str, Any]:
    """The module's globals (to tell optional keyword arguments from required ones), or {} if it won't import."""
    import importlib

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    try:
        return vars(importlib.import_module(module.removesuffix(".py").replace("/", ".").removesuffix(".__init__")))
    except Exception:
        return {}


def mutants_of(module: str, source: str) -> list[Mutant]:
    """Every valid mutant of one module (a replacement that does not compile, or changes nothing, is dropped)."""
    collector = _Collector(module, source, _namespace(module))
    collector.visit(ast.parse(source))
    original = ast.dump(ast.parse(source))
    valid = []
    for m in collector.mutants:
        try:
            if ast.dump(ast.parse(m.apply(source))) != original:
                valid.append(m)
        except SyntaxError:
            pass
    return valid


# ---------------------------------------------------------------- modules and equivalents


def resolve_modules(specs: list[str], root: Path = ROOT) -> list[str]:
    """``rules``, ``engine.py``, ``sources/live/aws/scan.py``, or a glob, below ``hitrust_policies/``."""
    package = root / PACKAGE
    found: dict[str, None] = {}
    for spec in specs:
        spec = spec.removeprefix(f"{PACKAGE}/").removesuffix("/")
        target = package / spec
        if target.is_dir():
            paths = sorted(target.rglob("*.py"))
        elif target.with_suffix(".py").is_file():
            paths = [target.with_suffix(".py")]
        else:
            paths = sorted(package.glob(spec))
        if not paths:
            raise SystemExit(f"no module matches {spec!r} under {PACKAGE}/")
        for p in paths:
            if "__pycache__" not in p.parts:
                found[str(p.relative_to(root))] = None
    return list(found)


@dataclass(frozen=True)
class Equivalent:
    id: str
    line: str  # the original source line, stripped: detects entries gone stale after an edit
    reason: str


def load_equivalents(path: Path = EQUIVALENTS) -> dict[str, Equivalent]:
    if not path.is_file():
        return {}
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    out = {}
    for e in entries:
        if not e.get("reason"):
            raise SystemExit(f"{path}: equivalent {e.get('id')!r} needs a reason")
        out[e["id"]] = Equivalent(e["id"], str(e.get("line", "")).strip(), e["reason"])
    return out


# ---------------------------------------------------------------- the test map


class Structure:
    """Where each line sits (function body or import-time code) and which lines use which names."""

    def __init__(self, root: Path = ROOT) -> None:
        self._bodies: dict[str, list[tuple[int, int]]] = {}
        self._statements: dict[str, list[tuple[int, int, set[str], tuple[int, int] | None]]] = {}
        self._users: dict[str, dict[str, set[int]]] = {}  # name -> module -> lines (inside functions) using it
        self._test_files: dict[str, set[str]] = {}  # name -> test files that mention it
        self._importers: dict[str, set[str]] = {}  # dotted module -> test files importing from it
        for path in sorted((root / PACKAGE).rglob("*.py")):
            module = str(path.relative_to(root))
            self._index(module, ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted((root / "tests").rglob("*.py")):
            rel = str(path.relative_to(root))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) \
                    else None
                names = [name] if name else [a.name for a in node.names] if isinstance(node, ast.ImportFrom) else []
                for n in names:
                    self._test_files.setdefault(n, set()).add(rel)
                if isinstance(node, ast.ImportFrom) and node.module:
                    self._importers.setdefault(node.module, set()).add(rel)
                elif isinstance(node, ast.Import):
                    for alias in node.names:
                        self._importers.setdefault(alias.name, set()).add(rel)

    def _index(self, module: str, tree: ast.Module) -> None:
        bodies = self._bodies.setdefault(module, [])
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                body = node.body if isinstance(node.body, list) else [node.body]
                bodies.append((body[0].lineno, body[-1].end_lineno or body[-1].lineno))
                for inner in ast.walk(node):
                    name = inner.id if isinstance(inner, ast.Name) else inner.attr \
                        if isinstance(inner, ast.Attribute) else None
                    if name:
                        self._users.setdefault(name, {}).setdefault(module, set()).add(inner.lineno)
        statements = self._statements.setdefault(module, [])

        def walk(body: list[ast.stmt], owner: str | None) -> None:
            for stmt in body:
                names = set(filter(None, [owner]))
                own_body = None
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    names.add(stmt.name)
                    own_body = (stmt.body[0].lineno, stmt.end_lineno or stmt.lineno)
                    if isinstance(stmt, ast.ClassDef):
                        walk(stmt.body, stmt.name)
                elif isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                    names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
                start = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])
                statements.append((start, stmt.end_lineno or stmt.lineno, names, own_body))

        walk(tree.body, None)

    def in_function_body(self, module: str, line: int) -> bool:
        return any(first <= line <= last for first, last in self._bodies.get(module, ()))

    def _defined(self, module: str, line: int) -> Iterator[tuple[set[str], tuple[int, int] | None]]:
        for first, last, names, own_body in self._statements.get(module, ()):
            if first <= line <= last:
                yield names, own_body

    def uses(self, module: str, line: int) -> dict[str, set[int]]:
        """Lines (in any module) that use the names defined by the import-time statement holding ``line``."""
        out: dict[str, set[int]] = {}
        for names, own_body in self._defined(module, line):
            if own_body:
                out.setdefault(module, set()).update(range(own_body[0], own_body[1] + 1))
            for name in names:
                for user_module, lines in self._users.get(name, {}).items():
                    out.setdefault(user_module, set()).update(lines)
        return out

    def test_files_using(self, module: str, line: int) -> set[str]:
        """Test files that import the module, or mention a name the statement holding ``line`` defines."""
        dotted = module.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
        named = {f for names, _ in self._defined(module, line) for n in names for f in self._test_files.get(n, ())}
        return named | self._importers.get(dotted, set())


def tree_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for top in (PACKAGE, "tests", "mappings", "packs", "scanners", "benchmarks/mutation_trace.py",
                "benchmarks/mutation.py", "pyproject.toml"):
        base = root / top
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file()
                                                    and "__pycache__" not in p.parts)
        for p in files:
            digest.update(str(p.relative_to(root)).encode())
            digest.update(p.read_bytes())
    return digest.hexdigest()[:20]


@dataclass
class TestMap:
    tests: dict[str, dict[str, Any]]  # nodeid -> {"duration": s, "failed": bool}
    lines: dict[str, dict[int, list[str]]]  # module -> line -> nodeids
    outside: dict[str, set[int]]  # module -> lines run outside any test (at import, collection)

    @classmethod
    def load(cls, path: Path) -> TestMap:
        data = json.loads(path.read_text())
        return cls(data["tests"], {m: {int(n): ids for n, ids in lines.items()} for m, lines in data["lines"].items()},
                   {m: set(lines) for m, lines in data.get("outside", {}).items()})

    def file_of(self, nodeid: str) -> str:
        return nodeid.split("::", 1)[0]

    def covering(self, module: str, lines: Any) -> set[str]:
        by_line = self.lines.get(module, {})
        return {t for n in lines for t in by_line.get(n, ())}

    def select(self, mutant: Mutant, structure: Structure) -> tuple[list[str], str]:
        """Tests for one mutant, and where they came from.

        ``line``: the tests that execute the mutated lines. ``uses``: the mutant sits in code run at
        import (a decorator argument, a default, a constant), so the tests that execute the lines
        using what that statement defines, plus the registry meta-tests. ``uncovered``: a line in a
        function body that no test executes - nothing to run, the mutant survives.
        """
        chosen = self.covering(mutant.module, mutant.lines)
        how = "line"
        # Run at import in this process: a test that starts a process (CLI, pack) "executes" the line
        # too, when that process imports the module, so its own tests say little; add the users'.
        at_import = any(n in self.outside.get(mutant.module, ()) for n in mutant.lines)
        if not chosen and not at_import and structure.in_function_body(mutant.module, mutant.line):
            return [], "uncovered"
        if at_import or not chosen:
            how = "uses"
            for module, lines in structure.uses(mutant.module, mutant.line).items():
                chosen |= self.covering(module, lines)
            files = set(META_TESTS) | structure.test_files_using(mutant.module, mutant.line)
            chosen |= {t for t in self.tests if self.file_of(t) in files}
        # A module- or session-scoped fixture runs in the first test that needs it: its lines are seen
        # there only. Parametrized siblings usually share it, and their assertions are what count.
        functions = {t.split("[", 1)[0] for t in chosen if "[" in t}
        if functions:
            chosen |= {t for t in self.tests if t.split("[", 1)[0] in functions}
        return sorted(t for t in chosen if not self.tests.get(t, {}).get("failed")), how

    def targets(self, nodeids: list[str]) -> tuple[list[str], float]:
        """Command-line targets (whole files where every test is chosen), fastest files first; expected seconds."""
        by_file: dict[str, list[str]] = {}
        for t in nodeids:
            by_file.setdefault(self.file_of(t), []).append(t)
        all_in_file: Counter[str] = Counter(self.file_of(t) for t in self.tests if not self.tests[t]["failed"])
        failing_files = {self.file_of(t) for t, v in self.tests.items() if v["failed"]}
        cost = {f: sum(self.tests[t].get("duration", 1.0) for t in ids) for f, ids in by_file.items()}
        out: list[str] = []
        for f in sorted(by_file, key=lambda f: (cost[f], f)):
            ids = by_file[f]
            out.extend([f] if len(ids) == all_in_file[f] and f not in failing_files else ids)
        return out, sum(cost.values())


# ---------------------------------------------------------------- running


@dataclass
class Outcome:
    mutant: Mutant
    status: str  # killed | survived | timeout | error | equivalent | not-run
    seconds: float = 0.0
    tests: int = 0
    how: str = "line"  # how its tests were chosen: line | uses | uncovered (see TestMap.select)
    detail: str = ""


@dataclass
class Workspace:
    """A private copy of the tree; one mutant at a time is written into it and then undone."""

    path: Path
    python: str
    running: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def env(self, extra: dict[str, str]) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
        env.update({"PYTHONPATH": str(self.path), "PYTHONDONTWRITEBYTECODE": "1"})
        env.update(extra)
        return env

    def pytest(self, args: list[str], timeout: float, exitfirst: bool = True,
               env: dict[str, str] | None = None) -> tuple[int | None, str]:
        """(exit code, or None on timeout; the output); the whole process group dies on timeout."""
        cmd = [self.python, "-m", "pytest", *(["-x"] if exitfirst else []), "-q", "-p", "no:cacheprovider",
               "--no-header", *args]
        with tempfile.TemporaryFile() as out:
            proc = subprocess.Popen(cmd, cwd=self.path, env=self.env(env or {}), stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True)
            self.running = proc
            try:
                code: int | None = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                code = None
            finally:
                _kill_group(proc)
                self.running = None
            out.seek(0)
            text = out.read().decode(errors="replace")
        return code, text

    def run(self, mutant: Mutant, source: str, targets: list[str], timeout: float) -> tuple[str, str]:
        target = self.path / mutant.module
        target.write_text(mutant.apply(source), encoding="utf-8")
        try:
            code, text = self.pytest(targets, timeout)
        finally:
            target.write_text(source, encoding="utf-8")
        if code is None:
            return "timeout", f"no result in {timeout:.0f} s"
        if code == 0:
            return "survived", ""
        if code in (1, 2, 3):  # failed / collection error (e.g. the module no longer imports) / internal error
            return "killed", _first_failure(text)
        if code == 4:  # usage error: a conftest that raises, or tests the mutant made uncollectable...
            clean, _ = self.pytest(["--collect-only", *targets], timeout)
            if clean == 0:  # ...as the same targets collect on the unmutated tree
                return "killed", "tests no longer collect: " + _last_error(text)
        return "error", f"pytest exit {code}: {_last_error(text)}"


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


def _last_error(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith(("E ", "ERROR"))]
    return (errors or lines or [""])[-1][:200]


def _first_failure(text: str) -> str:
    for line in text.splitlines():
        if re.match(r"(FAILED|ERROR) \S+(\.py\b|::)", line):
            return line.split(" - ")[0]
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def build_map(workspaces: list[Workspace], cache_dir: Path, log: Any) -> TestMap:
    key = tree_hash(ROOT)
    path = cache_dir / f"testmap-{key}.json"
    if path.is_file():
        log(f"test map: cached ({path})")
        return TestMap.load(path)
    cache_dir.mkdir(parents=True, exist_ok=True)
    test_files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").rglob("test_*.py"))
    shards: list[list[str]] = [[] for _ in workspaces]
    sizes = [0] * len(workspaces)
    for f in sorted(test_files, key=lambda f: -(ROOT / f).stat().st_size):  # balance shards by file size
        i = sizes.index(min(sizes))
        shards[i].append(f)
        sizes[i] += (ROOT / f).stat().st_size
    shards[0].append(PACKAGE)  # the doctests
    log(f"test map: tracing the suite in {len(workspaces)} shard(s)...")
    started = time.perf_counter()
    results: list[tuple[int | None, str, Path]] = []

    def trace(ws: Workspace, shard: list[str]) -> tuple[int | None, str, Path]:
        out = ws.path / ".mutation-trace.json"
        site = ws.path / ".mutation-site"
        site.mkdir(exist_ok=True)
        (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
        env = {"MUTATION_TRACE_ROOT": str(ws.path), "MUTATION_TRACE_OUT": str(out),
               "PYTHONPATH": os.pathsep.join([str(site), str(ws.path), str(ws.path / "benchmarks")])}
        code, text = ws.pytest(["-p", "mutation_trace", "--continue-on-collection-errors", *shard], timeout=3600,
                               exitfirst=False, env=env)
        return code, text, out

    with ThreadPoolExecutor(len(workspaces)) as pool:
        results = list(pool.map(trace, workspaces, shards))
    merged: dict[str, Any] = {"tests": {}, "lines": {}, "outside": {}}
    for code, text, out in results:
        if not out.is_file():
            raise SystemExit(f"tracing the suite failed (exit {code}):\n{text[-3000:]}")
        data = json.loads(out.read_text())
        out.unlink()
        for child in sorted(out.parent.glob(out.name + ".*")):  # processes the tests started
            traced = json.loads(child.read_text())
            child.unlink()
            for module, line in traced["lines"]:
                data["lines"].setdefault(module, {}).setdefault(str(line), []).append(traced["context"])
        merged["tests"].update(data["tests"])
        for module, lines in data["lines"].items():
            target = merged["lines"].setdefault(module, {})
            for n, ids in lines.items():
                target[n] = sorted(set(target.get(n, [])) | set(ids))
        for module, lines in data.get("outside", {}).items():
            merged["outside"][module] = sorted(set(merged["outside"].get(module, [])) | set(lines))
    failing = sorted(t for t, v in merged["tests"].items() if v["failed"])
    log(f"test map: {len(merged['tests'])} tests in {time.perf_counter() - started:.0f} s"
        + (f"; {len(failing)} fail unmutated and are left out: {failing[:5]}" if failing else ""))
    path.write_text(json.dumps(merged))
    for old in sorted(cache_dir.glob("testmap-*.json"), key=lambda p: p.stat().st_mtime)[:-3]:
        old.unlink()  # keep the three newest maps
    return TestMap.load(path)


# ---------------------------------------------------------------- report


def summarize(outcomes: list[Outcome], sources: dict[str, str], wall: float, args: argparse.Namespace,
              stale: list[str], generated: int) -> tuple[str, dict[str, Any]]:
    counts = Counter(o.status for o in outcomes)
    killed = counts["killed"] + counts["timeout"]
    judged = killed + counts["survived"]
    rate = killed / judged if judged else 1.0
    per_module: dict[str, Counter[str]] = {}
    for o in outcomes:
        per_module.setdefault(o.mutant.module, Counter())[o.status] += 1
    lines = [
        f"mutation run: {len(outcomes)} mutants of {generated} generated over {len(per_module)} module(s) "
        f"(seed {args.seed}, sample {args.sample or 'all'}), {args.jobs} job(s), wall {wall / 60:.1f} min",
        f"killed {killed} (timeouts {counts['timeout']}), survived {counts['survived']}, "
        f"equivalent {counts['equivalent']}, errors {counts['error']}",
        f"kill rate over non-equivalent mutants: {100 * rate:.1f} % (target {args.target:.0f} %)",
    ]
    if stale:
        lines.append(f"stale equivalents (line changed, ignored): {', '.join(stale)}")
    lines.append("")
    lines.append(f"{'module':60} {'killed':>6} {'surv':>5} {'equiv':>5}")
    for module, c in sorted(per_module.items()):
        lines.append(f"{module:60} {c['killed'] + c['timeout']:>6} {c['survived']:>5} {c['equivalent']:>5}")
    survivors = [o for o in outcomes if o.status in ("survived", "error")]
    for o in survivors:
        lines += ["", f"{o.status.upper()} {o.mutant.id}: {o.mutant.description} "
                      f"({o.tests} tests by {o.how}, {o.seconds:.1f} s) {o.detail}".rstrip(),
                  o.mutant.diff(sources[o.mutant.module]).rstrip()]
    data = {
        "seed": args.seed, "sample": args.sample, "generated": generated, "wall_seconds": round(wall, 1),
        "counts": dict(counts), "kill_rate": round(rate, 4), "stale_equivalents": stale,
        "mutants": [{"id": o.mutant.id, "status": o.status, "description": o.mutant.description,
                     "seconds": round(o.seconds, 2), "tests": o.tests, "how": o.how, "detail": o.detail}
                    for o in outcomes],
    }
    return "\n".join(lines), data


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--modules", nargs="+", default=list(DEFAULT_MODULES),
                        help="below hitrust_policies/: packages, files or globs (default: %(default)s)")
    parser.add_argument("--operators", nargs="+", help="only these operators")
    parser.add_argument("--sample", type=int, default=0, help="run a random sample of N mutants (0: all)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ids", nargs="+", help="run exactly these mutant ids")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--plan", action="store_true",
                        help="list each mutant's tests (how chosen, count, expected seconds) and exit")
    parser.add_argument("--report", type=Path, help="also write the results as JSON here")
    parser.add_argument("--target", type=float, default=95.0, help="kill rate (%%) for exit status 0")
    parser.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "hitrust-mutation-cache")
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs the tests")
    args = parser.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    modules = resolve_modules(args.modules)
    sources = {m: (ROOT / m).read_text(encoding="utf-8") for m in modules}
    every = [m for module in modules for m in mutants_of(module, sources[module])
             if not args.operators or m.operator in args.operators]
    if args.ids:
        wanted = set(args.ids)
        extra = [i for i in wanted if i.split(":")[0] not in sources]
        for module in {i.split(":")[0] for i in extra}:
            sources[module] = (ROOT / module).read_text(encoding="utf-8")
            every += mutants_of(module, sources[module])
        chosen = [m for m in every if m.id in wanted]
        missing = wanted - {m.id for m in chosen}
        if missing:
            log(f"no such mutant (the file changed, or the operator no longer applies): {sorted(missing)}")
    elif args.sample and args.sample < len(every):
        chosen = random.Random(args.seed).sample(every, args.sample)
    else:
        chosen = list(every)
    chosen.sort(key=lambda m: (m.module, m.line, m.operator, m.index))
    if args.list:
        for m in chosen:
            print(f"{m.id}\t{m.description}")
        log(f"{len(chosen)} of {len(every)} mutants")
        return 0

    equivalents = load_equivalents()
    stale = [e.id for e in equivalents.values() if e.id.split(":")[0] in sources and
             _line_text(sources[e.id.split(":")[0]], int(e.id.split(":")[1])) != e.line]
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="hitrust-mutation-"))
    workspaces: list[Workspace] = []
    outcomes: list[Outcome] = []
    stop = threading.Event()
    try:
        for i in range(max(1, args.jobs)):
            shutil.copytree(ROOT, tmp / f"w{i}", ignore=COPY_IGNORE)
            workspaces.append(Workspace(tmp / f"w{i}", args.python))
        testmap = build_map(workspaces, args.cache_dir, log)
        structure = Structure()
        if args.plan:
            total = 0.0
            for m in chosen:
                nodeids, how = testmap.select(m, structure)
                targets, expected = testmap.targets(nodeids)
                total += expected
                print(f"{m.id}\t{how}\t{len(nodeids)} tests\t{expected:.1f} s\t{' '.join(targets)[:150]}")
            log(f"{len(chosen)} mutants; running every selected test of each would take {total / 60:.1f} min "
                "(traced durations, one job; -x stops a killed mutant early)")
            return 0
        todo: list[Mutant] = []
        for m in chosen:
            eq = equivalents.get(m.id)
            if eq and m.id not in stale:
                outcomes.append(Outcome(m, "equivalent", detail=eq.reason))
            else:
                todo.append(m)
        free: list[Workspace] = list(workspaces)
        lock = threading.Lock()

        def one(m: Mutant) -> Outcome:
            if stop.is_set():
                return Outcome(m, "not-run")
            nodeids, how = testmap.select(m, structure)
            if not nodeids:
                return Outcome(m, "survived", how=how, detail="no test executes this line")
            targets, expected = testmap.targets(nodeids)
            with lock:
                ws = free.pop()
            t0 = time.perf_counter()
            try:
                status, detail = ws.run(m, sources[m.module], targets, timeout=2 * expected + 5 * STARTUP_SECONDS)
            finally:
                with lock:
                    free.append(ws)
            return Outcome(m, status, time.perf_counter() - t0, len(nodeids), how, detail)

        with ThreadPoolExecutor(len(workspaces)) as pool:
            futures = [pool.submit(one, m) for m in todo]
            for done, future in enumerate(as_completed(futures), 1):
                o = future.result()
                outcomes.append(o)
                log(f"[{done}/{len(todo)}] {o.status:9} {o.mutant.id} ({o.seconds:.1f} s) {o.detail}".rstrip())
    except KeyboardInterrupt:
        stop.set()
        for ws in workspaces:
            if ws.running is not None:
                _kill_group(ws.running)
        log("interrupted: reporting what ran")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    wall = time.perf_counter() - started
    outcomes = [o for o in outcomes if o.status != "not-run"]
    outcomes.sort(key=lambda o: (o.mutant.module, o.mutant.line, o.mutant.operator, o.mutant.index))
    text, data = summarize(outcomes, sources, wall, args, stale, len(every))
    print(text)
    if args.report:
        args.report.write_text(json.dumps(data, indent=1) + "\n")
    return 0 if 100 * data["kill_rate"] >= args.target else 1


def _line_text(source: str, line: int) -> str:
    lines = source.splitlines()
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


if __name__ == "__main__":
    sys.exit(main())
