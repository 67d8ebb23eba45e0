"""How the console report shows accepted risks: a mark on each covered finding, and the entries that
need attention (lapsed, or matching nothing)."""

from __future__ import annotations

from typing import Any

from hitrust_policies.findings import Finding


def suppression_mark(f: Finding) -> str:
    """Appended to the status cell: a suppressed finding keeps its status, visibly accepted.

    >>> from hitrust_policies.findings import Status, Suppression
    >>> from hitrust_policies.model.ref import ResourceRef
    >>> s = Suppression("r", "name=a", "why", "ops", "T-1", "2026-01-31", expired=True)
    >>> f = Finding("r", "t", "iam", "low", Status.FAIL, ResourceRef.manual("a"), "m", "", suppression=s)
    >>> suppression_mark(f), suppression_note(f)
    (' [magenta]expired suppression[/]', ' [magenta](suppression T-1 expired 2026-01-31: why; owner ops)[/]')
    """
    if f.suppression is None:
        return ""
    return " [cyan]suppressed[/]" if f.suppressed else " [magenta]expired suppression[/]"


def suppression_note(f: Finding) -> str:
    """Appended to the reason cell: who accepted it, why, under which ticket, until when."""
    from rich.markup import escape

    s = f.suppression
    if s is None:
        return ""
    if s.expired:
        return escape_all(" [magenta](suppression {} expired {}: {}; owner {})[/]", escape,
                          s.ticket, s.expires, s.reason, s.owner)
    return escape_all(" [cyan](suppressed until {}: {}; owner {}, {})[/]", escape, s.expires, s.reason, s.owner,
                      s.ticket)


def escape_all(template: str, escape: Any, *values: str) -> str:
    """``template`` filled with ``values`` escaped for rich markup (a reason may contain ``[brackets]``)."""
    return template.format(*(escape(v) for v in values))


def render_suppressions(report: Any, console: Any) -> None:
    """The suppressions that need attention: expired ones (their findings fail again) and ones that
    matched nothing (stale, or a typo in a selector)."""
    from rich.markup import escape
    from rich.table import Table

    rows = [r for r in report.rows() if r["expired"] or not r["matched"]]
    if not rows:
        return
    table = Table(title="Suppressions needing attention")
    for col in ("source", "rule", "resource", "owner", "ticket", "expires", "problem"):
        table.add_column(col, overflow="fold")
    for r in rows:
        problem = "matched nothing" if not r["matched"] else f"expired: {r['matched']} finding(s) fail again"
        if r["expired"] and not r["matched"]:
            problem = "expired, matched nothing"
        table.add_row(*(escape(str(v)) for v in (r["source"], r["rule"], r["resource"], r["owner"], r["ticket"],
                                                 r["expires"], problem)))
    console.print(table)
