"""The CLI's rule filters and user mappings, shared by every command that takes rule options.

``--exclude-rule``, ``--csf``, ``--hipaa`` and ``--mappings-dir`` join ``--rule`` / ``--domain`` /
``--min-severity``. Their values travel in the click context (``ctx.meta``) rather than as
parameters, so the commands' signatures stay as they are; `selected_rules` reads them. The live
scanners then read only what the selected rules need (`hitrust_policies.sources.live.selection`).
Imports stay light: this module loads with ``hitrust --help``.
"""

from __future__ import annotations

from typing import Any

import click

_META = "hitrust_policies.filters"


def _store(name: str) -> Any:
    def callback(ctx: click.Context, _param: click.Parameter, value: Any) -> Any:
        ctx.meta.setdefault(_META, {})[name] = value
        return value

    return callback


def _mappings_dir(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value:
        from hitrust_policies.mappings import MappingError, use_mappings_dir

        try:
            use_mappings_dir(value)
        except MappingError as exc:
            raise click.BadParameter(str(exc), param_hint="--mappings-dir") from None
    return value


FILTER_OPTIONS = [
    click.option("--exclude-rule", "exclude_rules", multiple=True, expose_value=False,
                 callback=_store("exclude"), metavar="ID|GLOB",
                 help="Leave out these rule ids (repeatable; shell globs such as 'log-*')."),
    click.option("--csf", "csf", multiple=True, expose_value=False, callback=_store("csf"), metavar="ID",
                 help="Only rules mapped to this HITRUST CSF control (01.x), category (01) or control-letter "
                      "prefix (09.a); repeatable."),
    click.option("--hipaa", "hipaa", multiple=True, expose_value=False, callback=_store("hipaa"),
                 metavar="CITATION",
                 help="Only rules mapped to this HIPAA citation (164.312(a)(1)) or prefix (164.312); repeatable."),
    click.option("--mappings-dir", type=click.Path(file_okay=False), expose_value=False, callback=_mappings_dir,
                 envvar="HITRUST_MAPPINGS_DIR",
                 help="A directory whose crosswalk.yaml maps your own rules (merged with the shipped one; "
                      "also HITRUST_MAPPINGS_DIR)."),
]


def filters() -> dict[str, tuple[str, ...]]:
    """The current command's --exclude-rule / --csf / --hipaa values."""
    ctx = click.get_current_context(silent=True)
    stored = ctx.meta.get(_META, {}) if ctx is not None else {}
    return {k: tuple(stored.get(k) or ()) for k in ("exclude", "csf", "hipaa")}


def selected_rules(rule_ids: tuple[str, ...], domains: tuple[str, ...], min_severity: str | None) -> list[Any]:
    """The rules every filter of the command selects; an unknown id or value is a usage error naming it."""
    from hitrust_policies.mappings import MappingError
    from hitrust_policies.rule_filters import select_rules

    given = filters()
    try:
        return select_rules(ids=rule_ids or None, domains=domains or None, min_severity=min_severity,
                            exclude=given["exclude"], csf=given["csf"], hipaa=given["hipaa"])
    except MappingError as exc:
        raise click.UsageError(str(exc)) from None
    except (KeyError, ValueError) as exc:
        raise click.UsageError(str(exc.args[0] if exc.args else exc)) from None


def live_selection(cloud: str, rules: list[Any]) -> list[Any] | None:
    """The collectors (aws) or families (azure, gcp) a scan for ``rules`` reads; None: every one."""
    from hitrust_policies.sources.live import selection

    pick = {"aws": selection.aws_collectors, "azure": selection.azure_families, "gcp": selection.gcp_families}
    try:
        return pick[cloud](rules)
    except selection.NothingToRead as exc:
        raise click.UsageError(str(exc)) from None


def run_filters() -> dict[str, Any]:
    """Every rule filter the current command was given, for a report's scan metadata (`RunMeta.filters`):
    option name -> value(s); options left out are left out."""
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return {}
    params = ctx.params
    given: dict[str, Any] = {
        "rule": list(params.get("rule_ids") or ()),
        "domain": list(params.get("domains") or ()),
        "min_severity": params.get("min_severity"),
        **{("exclude_rule" if k == "exclude" else k): list(v) for k, v in filters().items()},
    }
    from hitrust_policies.mappings import extra_dirs

    given["mappings_dir"] = list(extra_dirs())
    return {k: v for k, v in given.items() if v}
