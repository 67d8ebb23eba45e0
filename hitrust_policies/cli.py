"""The ``hitrust`` command: the scheduled-scan front end.

Exit codes (stable, for CI and schedulers):
  0  clean: no failing finding at or above --fail-on, and everything was read
  1  failing findings at or above --fail-on
  2  usage error (bad option, unknown rule id, missing extra)
  3  scan incomplete: some region/service could not be read (UNKNOWN findings), or no report
  4  unexpected error (a bug or an environment fault): one line on stderr, the traceback with --debug
130  interrupted (Ctrl-C): pending work cancelled, one line on stderr
Failing findings (1) take precedence over an incomplete scan (3).

Heavy imports (boto3, rich tables, moto) happen inside commands so ``hitrust --help`` stays fast.
"""

from __future__ import annotations

import re
import sys
from typing import Any, NoReturn

import click

from hitrust_policies import cli_errors
from hitrust_policies.cli_filters import FILTER_OPTIONS, live_selection
from hitrust_policies.rules.registry import DOMAINS, SEVERITIES

EXIT_CLEAN, EXIT_FAILING, EXIT_USAGE, EXIT_INCOMPLETE = 0, 1, 2, 3
REGION_NAME = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d{1,2}$")


def _check_baseline(path: str | None) -> None:
    """Reject a bad baseline before spending minutes on a scan."""
    if path:
        from hitrust_policies.outputs.baseline import BaselineError, load_baseline

        try:
            load_baseline(path)
        except BaselineError as exc:
            raise click.BadParameter(str(exc), param_hint="--baseline") from None
def _format_names() -> tuple[str, ...]:
    from hitrust_policies.outputs.formats import FORMATS as registry

    return tuple(registry)


FORMATS = _format_names()


def _evidence_target(ctx: click.Context, _param: Any, value: str | None) -> None:
    """--evidence: checked before the scan starts, written after the report (`_write_evidence`)."""
    if value:
        from hitrust_policies.outputs.evidence import EvidenceError, check_target

        try:
            check_target(value)
        except EvidenceError as exc:
            raise click.BadParameter(str(exc), param_hint="--evidence") from None
        ctx.meta["hitrust.evidence"] = value


def _write_evidence(run: Any) -> None:
    """The evidence bundle of this run, when --evidence asked for one; not written is exit 3."""
    target = click.get_current_context().meta.get("hitrust.evidence")
    if target:
        from pathlib import Path

        from hitrust_policies.outputs.evidence import VERIFY, write_evidence

        try:
            path = write_evidence(Path(target), run, getattr(run.scan, "resources", ()))
        except OSError as exc:
            click.echo(f"error: evidence bundle not written: {exc}", err=True)
            sys.exit(EXIT_INCOMPLETE)
        click.echo(f"evidence bundle: {path} (verify: {VERIFY})", err=True)


def _load_suppressions(path: str | None) -> Any:
    """Read and validate a suppressions file before any scan (a bad entry is a usage error naming it)."""
    if not path:
        return None
    from hitrust_policies.suppressions import SuppressionError, load

    try:
        return load(path)
    except SuppressionError as exc:
        raise click.BadParameter(str(exc), param_hint="--suppressions") from None


def _suppress(findings: list[Any], entries: Any) -> tuple[list[Any], Any]:
    """Findings annotated with the accepted risks covering them, and the report (warnings on stderr)."""
    if entries is None:
        return findings, None
    from hitrust_policies.suppressions import apply, warn

    findings, report = apply(findings, entries)
    warn(report)
    return findings, report


def _selected_rules(rule_ids: tuple[str, ...], domains: tuple[str, ...], min_severity: str | None) -> list[Any]:
    from hitrust_policies.cli_filters import selected_rules

    return selected_rules(rule_ids, domains, min_severity)


def _rule_options(entries: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """``RULE.OPTION=VALUE`` flags as rule id -> option -> raw value (VALUE is JSON, else text)."""
    import json

    options: dict[str, dict[str, Any]] = {}
    for entry in entries:
        key, eq, raw = entry.partition("=")
        rule_id, dot, name = key.strip().rpartition(".")
        if not (eq and dot and rule_id and name):
            raise click.BadParameter(f"{entry!r}: expected RULE.OPTION=VALUE, e.g. "
                                     "net-ingress-rule-admin-ports.ports=default,tcp/8443", param_hint="--rule-option")
        if name in options.setdefault(rule_id, {}):
            raise click.BadParameter(f"{key.strip()} given twice", param_hint="--rule-option")
        try:
            value: Any = json.loads(raw)
        except ValueError:
            value = raw
        options[rule_id][name] = value
    return options


def _configured(rules: list[Any], entries: tuple[str, ...]) -> list[Any]:
    from hitrust_policies.rules.registry import RuleOptionError, configure_rules

    try:
        return configure_rules(rules, _rule_options(entries))
    except RuleOptionError as exc:
        raise click.BadParameter(str(exc), param_hint="--rule-option") from None


def _incomplete(exc: Exception) -> NoReturn:
    """A scan that could not read enough to report: exit 3 with the reason, never a clean report."""
    click.echo(f"error: scan incomplete: {exc}", err=True)
    sys.exit(EXIT_INCOMPLETE)


def _report_and_exit(scan: Any, rules: Any, fmt: str, output: Any, show_pass: bool, baseline: Any,
                     fail_on: str, suppressions: Any = None) -> NoReturn:
    """What every ``scan <cloud>`` does with its result: evaluate, write the report, exit by the findings.
    An organization scan on Dask (`fleet.stream.StreamedScan`) was evaluated scope by scope as it ran."""
    if getattr(scan, "evaluated", None) is not None:
        findings, accepted = scan.evaluated, scan.suppressions
        if accepted is not None:
            from hitrust_policies.suppressions import warn

            warn(accepted)
    else:
        findings, accepted = _suppress(scan.findings(rules), suppressions)
    _write_evidence(_emit(scan, findings, fmt, output, show_pass, baseline, accepted))
    sys.exit(_exit_code(findings, scan.complete, fail_on))


def _exit_code(findings: list[Any], complete: bool, fail_on: str) -> int:
    from hitrust_policies.findings import Status

    if fail_on != "none":
        floor = SEVERITIES.index(fail_on)
        if any(f.status is Status.FAIL and not f.suppressed and SEVERITIES.index(f.severity) >= floor
               for f in findings):
            return EXIT_FAILING
    if not complete or any(f.status is Status.UNKNOWN and not f.suppressed for f in findings):
        return EXIT_INCOMPLETE
    return EXIT_CLEAN


def _emit(scan: Any, findings: list[Any], fmt: str, output: str | None, show_pass: bool,
          baseline: str | None = None, suppressions: Any = None) -> Any:
    """Write the report (and the --output-format files) from one `ReportRun`, and return that run."""
    from rich.console import Console

    from hitrust_policies.outputs import report
    from hitrust_policies.outputs.formats import FORMATS as REGISTRY
    from hitrust_policies.report_files import report_run, write_requested

    run = report_run(scan, findings, baseline, suppressions=suppressions)
    write_requested(run, show_pass)
    if fmt != "table":
        if output:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                REGISTRY[fmt].write(fh, run)
        else:
            REGISTRY[fmt].write(sys.stdout, run)
        return run
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            report.write_table(fh, run, show_pass)
    else:
        # Piped output has no terminal width; don't squeeze an assessor's report into 80 columns.
        width = None if sys.stdout.isatty() else 180
        report.render_table(scan, run.findings, Console(width=width), show_pass, run.changes,
                            *report.suppressions_arg(run), quiet=cli_errors.settings().quiet)
    return run


class _Progress:
    """A rich progress bar on an interactive terminal; nothing when piped or in CI."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._task: Any = None
        if sys.stderr.isatty() and not cli_errors.settings().quiet:
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), transient=True)

    def __enter__(self) -> _Progress:
        if self._bar:
            self._bar.start()
            self._task = self._bar.add_task("scanning", total=None)
        return self

    def __call__(self, done: int, total: int, label: str) -> None:
        if self._bar:
            self._bar.update(self._task, completed=done, total=total, description=label)

    def __exit__(self, *_: Any) -> None:
        if self._bar:
            self._bar.stop()


_common_rule_options = [
    click.option("--rule", "rule_ids", multiple=True, help="Only these rule ids (repeatable)."),
    click.option("--domain", "domains", multiple=True, type=click.Choice(DOMAINS), help="Only these domains."),
    click.option("--min-severity", type=click.Choice(SEVERITIES), help="Only rules at or above this severity."),
    *FILTER_OPTIONS,
]


_rule_option_flag = click.option(
    "--rule-option", "rule_option", multiple=True, metavar="RULE.OPTION=VALUE",
    help="Tune a rule (repeatable), e.g. net-ingress-rule-admin-ports.ports=default,tcp/8443 "
         "(VALUE is JSON or text; `hitrust rules --format json` lists each rule's options).")


def _with_rule_options(fn: Any) -> Any:
    for option in reversed(_common_rule_options):
        fn = option(fn)
    return fn


def _suppressions_option(fn: Any) -> Any:
    return click.option("--suppressions", type=click.Path(exists=True, dir_okay=False),
                        help="Accepted risks (YAML: rule, resource selectors, reason, owner, ticket, expires): "
                             "covered findings stay in the report marked suppressed and do not fail the run.")(fn)


def _report_options(fn: Any) -> Any:
    from hitrust_policies.report_files import output_options

    fn = output_options(fn)
    fn = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)(fn)
    fn = click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
                      help="Write the report to FILE instead of stdout.")(fn)
    fn = click.option("--show-pass", is_flag=True, help="Table format: list passing findings too.")(fn)
    fn = click.option("--baseline", type=click.Path(dir_okay=False),
                      help="A previous JSON report: mark findings new / persisting and list resolved ones.")(fn)
    fn = click.option("--evidence", metavar="DIR|ZIP", callback=_evidence_target, expose_value=False,
                      help="Also write an evidence bundle (findings, resources, metadata, HTML report, SHA-256 "
                           "manifest) to DIR, or to a zip when it ends in .zip.")(fn)
    return fn


@click.group(cls=cli_errors.Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hitrust-policies")
@click.option("--debug", is_flag=True, help="On an unexpected error, print the traceback too.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line and errors (reports to --output "
              "files stay whole).")
@click.option("--verbose", "-v", count=True, help="Log progress to stderr (-v info, -vv debug).")
@click.option("--log-level", type=click.Choice(cli_errors.LOG_LEVELS, case_sensitive=False),
              help="Log to stderr at this level (default: warning).")
def main(debug: bool, quiet: bool, verbose: int, log_level: str | None) -> None:
    """HITRUST CSF / HIPAA policy-as-code: scan cloud accounts, list rules, run the demo."""
    cli_errors.configure(debug=debug, quiet=quiet, verbose=verbose, log_level=log_level)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(("table", "json", "markdown")), default="table",
              show_default=True)
@_with_rule_options
def rules_cmd(fmt: str, rule_ids: tuple[str, ...], domains: tuple[str, ...], min_severity: str | None) -> None:
    """List the rules with their HITRUST CSF / HIPAA / NIST references and sources."""
    from hitrust_policies.outputs import rules_catalog

    rows = rules_catalog.catalog(_selected_rules(rule_ids, domains, min_severity))
    if fmt == "json":
        click.echo(rules_catalog.to_json(rows))
    elif fmt == "markdown":
        click.echo(rules_catalog.to_markdown(rows), nl=False)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"{len(rows)} rules")
        for col in ("id", "domain", "severity", "HITRUST CSF", "HIPAA", "sources"):
            table.add_column(col, overflow="fold")
        for r in rows:
            table.add_row(r["id"], r["domain"], r["severity"], ", ".join(r["csf"]), ", ".join(r["hipaa"]),
                          ", ".join(r["sources"]) + (" (live only)" if r["live_only"] else ""))
        Console(width=None if sys.stdout.isatty() else 160).print(table)


def _fleet_options(targets: str, credentials: str, unit: str, scope: str) -> Any:
    """``--workers``, ``--scheduler``, ``--max-per-scope``: one meaning for every cloud's organization scan,
    worded with the cloud's own targets (``--accounts / --organization``), credentials and scope noun."""

    def decorate(fn: Any) -> Any:
        fn = click.option("--max-per-scope", type=click.IntRange(min=1), default=4, show_default=True,
                          help=f"With --workers / --scheduler: at most this many units ({unit}) of one {scope} "
                               f"run at once, to stay under the {scope}'s API rate limits.")(fn)
        fn = click.option("--scheduler", metavar="URL",
                          help=f"Run {targets} on an existing Dask cluster (tcp://HOST:PORT); its workers need "
                               f"{credentials}.")(fn)
        return click.option("--workers", type=click.IntRange(min=1),
                            help=f"Run {targets} on a local Dask cluster of this many worker processes.")(fn)

    return decorate


@main.group("scan")
def scan_group() -> None:
    """Scan a live cloud account (read-only)."""


@scan_group.command("aws")
@click.option("--profile", help="AWS named profile (default: the standard credential chain).")
@click.option("--regions", help="Comma-separated regions (default: every enabled region).")
@click.option("--accounts", help="Comma-separated account ids to scan through --role-name (default: the caller's).")
@click.option("--organization", is_flag=True,
              help="Scan every active account of the AWS Organization through --role-name.")
@click.option("--role-name", default="hitrust-scanner", show_default=True,
              help="Role assumed in each account for --accounts / --organization.")
@click.option("--external-id", help="ExternalId the member roles' trust policy requires.")
@click.option("--endpoint-url", hidden=True, help="Send every call to this endpoint (testing).")
@_fleet_options("--accounts / --organization", "their own AWS credentials allowed to assume --role-name",
                "one service in one region", "account")
@click.option("--max-per-service", "max_per_service", multiple=True, metavar="SERVICE=K",
              help="With --workers / --scheduler: at most K units of this service (e.g. iam=1, ec2=2) of one "
                   "account at once, for APIs whose quota is low or shared across regions. Repeatable.")
@click.option("--config-aggregator", metavar="NAME",
              help="With --accounts / --organization: read what this AWS Config aggregator records (one query per "
                   "resource type for the organization) and call the services directly only for the rest.")
@click.option("--config-region", metavar="REGION", help="The region of --config-aggregator (default: the home "
              "region).")
@click.option("--config-endpoint-url", hidden=True, help="Send AWS Config calls to this endpoint (testing).")
@click.option("--fail-on", type=click.Choice((*SEVERITIES, "none")), default="low", show_default=True,
              help="Exit 1 if a FAIL finding has at least this severity.")
@_rule_option_flag
@_report_options
@_suppressions_option
@_with_rule_options
def scan_aws_cmd(profile: str | None, regions: str | None, accounts: str | None, organization: bool, role_name: str,
                 external_id: str | None, endpoint_url: str | None, workers: int | None, scheduler: str | None,
                 max_per_scope: int, max_per_service: tuple[str, ...], config_aggregator: str | None,
                 config_region: str | None, config_endpoint_url: str | None, fail_on: str,
                 rule_option: tuple[str, ...],
                 fmt: str, output: str | None, show_pass: bool, baseline: str | None, suppressions: str | None,
                 rule_ids: tuple[str, ...], domains: tuple[str, ...], min_severity: str | None) -> None:
    """Scan AWS accounts: all enabled regions, concurrently, with read-only calls."""
    rules = _configured(_selected_rules(rule_ids, domains, min_severity), rule_option)
    _check_baseline(baseline)
    accepted = _load_suppressions(suppressions)
    try:
        import boto3  # noqa: F401

        from hitrust_policies.sources.live.aws.scan import ScanConfigError, ScanError, scan_aws
    except ImportError as exc:
        raise click.UsageError(f"the AWS scanner needs the aws extra: pip install 'hitrust-policies[aws]' ({exc})"
                               ) from None
    collectors = live_selection("aws", rules)
    region_list = [r.strip() for r in regions.split(",") if r.strip()] if regions is not None else None
    if region_list == []:
        raise click.BadParameter("no region given (omit --regions to scan every enabled region)",
                                 param_hint="--regions")
    bad = [r for r in region_list or [] if not REGION_NAME.match(r)]
    if bad:
        raise click.BadParameter(f"not an AWS region name: {', '.join(bad)}", param_hint="--regions")
    account_list = [a.strip() for a in accounts.split(",") if a.strip()] if accounts else []
    bad = [a for a in account_list if not (a.isdigit() and len(a) == 12)]
    if bad:
        raise click.BadParameter(f"not a 12-digit AWS account id: {', '.join(bad)}", param_hint="--accounts")
    service_limits = _service_limits(max_per_service)
    if (workers or scheduler) and not (account_list or organization):
        raise click.UsageError("--workers / --scheduler distribute an organization scan: add --accounts or "
                               "--organization")
    if (config_aggregator or config_region) and not (account_list or organization):
        raise click.UsageError("--config-aggregator reads an organization's AWS Config aggregator: add --accounts "
                               "or --organization")
    if config_region and not config_aggregator:
        raise click.UsageError("--config-region is the region of --config-aggregator: add --config-aggregator")
    config = ({"config_aggregator": config_aggregator, "config_region": config_region,
               "config_endpoint_url": config_endpoint_url} if config_aggregator else {})
    try:
        with _Progress() as progress:
            if workers or scheduler:
                scan = _scan_on_dask(workers, scheduler, max_per_scope, progress, rules, accepted,
                                     max_per_service=service_limits, accounts=account_list,
                                     organization=organization, role_name=role_name, external_id=external_id,
                                     profile=profile, regions=region_list, collectors=collectors,
                                     endpoint_url=endpoint_url, **config)
            elif config:
                scan = _scan_on_threads(progress, rules, accepted, accounts=account_list, organization=organization,
                                        role_name=role_name, external_id=external_id, profile=profile,
                                        regions=region_list, collectors=collectors, endpoint_url=endpoint_url,
                                        **config)
            elif account_list or organization:
                from hitrust_policies.sources.live.aws.accounts import scan_accounts

                scan = scan_accounts(accounts=account_list, organization=organization, role_name=role_name,
                                     external_id=external_id, profile=profile, regions=region_list,
                                     endpoint_url=endpoint_url, progress=progress, collectors=collectors,
                                     check_regions=True)
            else:
                scan = scan_aws(profile=profile, regions=region_list, endpoint_url=endpoint_url, progress=progress,
                                collectors=collectors, check_regions=True)
    except ScanConfigError as exc:
        raise click.BadParameter(str(exc), param_hint=exc.param) from None
    except ScanError as exc:
        _incomplete(exc)
    _report_and_exit(scan, rules, fmt, output, show_pass, baseline, fail_on, accepted)


def _fleet_status(state: Any, noun: str) -> str:
    """The progress line of an organization scan: scopes done, failed and remaining.

    >>> from hitrust_policies.fleet.runner import Progress
    >>> _fleet_status(Progress(total=200, done=41, failed=2), "accounts")
    'accounts: 41 done (2 with failures), 159 remaining'
    """
    return f"{noun}: {state.done} done ({state.failed} with failures), {state.remaining} remaining"


def _service_limits(entries: tuple[str, ...]) -> dict[str, int]:
    """``SERVICE=K`` flags as service -> K (a bad one is a usage error naming it).

    >>> _service_limits(("iam=1", " ec2 = 2 "))
    {'iam': 1, 'ec2': 2}
    """
    limits: dict[str, int] = {}
    for entry in entries:
        name, eq, number = (part.strip() for part in entry.partition("="))
        if not (eq and name and number.isdigit() and int(number) >= 1):
            raise click.BadParameter(f"expected SERVICE=K with K >= 1, got {entry!r}", param_hint="--max-per-service")
        limits[name] = int(number)
    return limits


def _scan_on_dask(workers: int | None, scheduler: str | None, max_per_scope: int, progress: Any, rules: Any,
                  accepted: Any, fleet: str = "aws", **scan: Any) -> Any:
    """The organization scan as units on Dask workers (a new local cluster, or ``scheduler``): AWS accounts,
    Azure subscriptions or GCP projects, each cloud's fleet module planning and finishing its own scopes, and
    each scope evaluated and written to disk as it finishes (`fleet.stream`), so memory does not grow with
    the organization."""
    import importlib

    entry, noun = {"aws": ("scan_organization", "accounts"), "azure": ("scan_subscriptions", "subscriptions"),
                   "gcp": ("scan_projects", "projects")}[fleet]
    try:
        from hitrust_policies.fleet.cluster import executor_for

        run = getattr(importlib.import_module(f"hitrust_policies.fleet.{fleet}"), entry)
        executor, close = executor_for(scheduler, workers)
    except ImportError as exc:
        raise click.UsageError(f"--workers / --scheduler need the fleet extra: pip install "
                               f"'hitrust-policies[fleet]' ({exc})") from None
    except OSError as exc:
        raise click.BadParameter(f"cannot reach the Dask scheduler: {exc}", param_hint="--scheduler") from None
    sink = _scope_reports(rules, accepted)
    try:
        merged = run(executor=executor, max_per_scope=max_per_scope, sink=sink,
                     progress=lambda s: progress(s.done, s.total, _fleet_status(s, noun)), **scan)
    finally:
        close()
    return sink.scan(merged)


def _scope_reports(rules: Any, accepted: Any) -> Any:
    """The sink of an organization scan: each scope evaluated and spilled as it finishes (resources kept
    only when --evidence asked for a bundle)."""
    from hitrust_policies.fleet.stream import ScopeReports

    return ScopeReports(rules, accepted, resources=bool(click.get_current_context().meta.get("hitrust.evidence")))


def _scan_on_threads(progress: Any, rules: Any, accepted: Any, **scan: Any) -> Any:
    """The organization scan as units on threads in this process (the AWS Config path plans units per account
    and region the same way on threads as on Dask), each account written to disk as it finishes."""
    from concurrent.futures import ThreadPoolExecutor

    from hitrust_policies.fleet.aws import scan_organization

    sink = _scope_reports(rules, accepted)
    with ThreadPoolExecutor(max_workers=8) as executor:
        merged = scan_organization(executor=executor, sink=sink,
                                   progress=lambda s: progress(s.done, s.total, _fleet_status(s, "accounts")),
                                   **scan)
    return sink.scan(merged)


AZURE_SUBSCRIPTION = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


@scan_group.command("azure")
@click.option("--subscription", "subscriptions", multiple=True, help="Subscription id to scan (repeatable).")
@click.option("--all-subscriptions", is_flag=True, help="Scan every subscription the credential can read.")
@click.option("--management-group", "management_groups", multiple=True,
              help="Scan every subscription below this management group (repeatable).")
@click.option("--auth", type=click.Choice(("default", "cli", "env", "managed-identity", "token")), default="default",
              show_default=True, help="Credential: azure-identity's default chain, the Azure CLI's sign-in, "
              "AZURE_* service-principal variables, the managed identity, or a bearer token in AZURE_ACCESS_TOKEN.")
@click.option("--cloud", type=click.Choice(("AzureCloud", "AzureUSGovernment", "AzureChinaCloud")),
              default="AzureCloud", show_default=True, help="Sovereign cloud.")
@click.option("--arm-endpoint", help="Another Azure Resource Manager endpoint (Azure Stack, private clouds).")
@click.option("--from-export", "exports", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Evaluate saved Resource Graph results (az graph query ... -o json; see --print-export-query) "
                   "instead of scanning. Repeatable.")
@click.option("--print-export-query", is_flag=True,
              help="Print the az graph query commands whose saved results --from-export evaluates, and exit.")
@_fleet_options("--subscription / --management-group / --all-subscriptions",
                "their own Azure credential for --auth (managed identity, workload identity, AZURE_* variables)",
                "one family of resources", "subscription")
@click.option("--fail-on", type=click.Choice((*SEVERITIES, "none")), default="low", show_default=True,
              help="Exit 1 if a FAIL finding has at least this severity.")
@_rule_option_flag
@_report_options
@_suppressions_option
@_with_rule_options
def scan_azure_cmd(subscriptions: tuple[str, ...], all_subscriptions: bool, management_groups: tuple[str, ...],
                   auth: str, cloud: str,
                   arm_endpoint: str | None, exports: tuple[str, ...], print_export_query: bool,
                   workers: int | None, scheduler: str | None, max_per_scope: int, fail_on: str,
                   rule_option: tuple[str, ...], fmt: str, output: str | None,
                   show_pass: bool, baseline: str | None, suppressions: str | None, rule_ids: tuple[str, ...],
                   domains: tuple[str, ...], min_severity: str | None) -> None:
    """Scan Azure subscriptions through Resource Graph (read-only), or evaluate a Resource Graph export."""
    if print_export_query:
        click.echo("\n".join(_export_commands()))
        return
    rules = _configured(_selected_rules(rule_ids, domains, min_severity), rule_option)
    _check_baseline(baseline)
    accepted = _load_suppressions(suppressions)
    bad = [s for s in subscriptions if not AZURE_SUBSCRIPTION.match(s)]
    if bad:
        raise click.BadParameter(f"not a subscription id (a GUID): {', '.join(bad)}", param_hint="--subscription")
    if (workers or scheduler) and exports:
        raise click.UsageError("--workers / --scheduler distribute a scan of many subscriptions: give "
                               "--subscription, --management-group or --all-subscriptions, not --from-export")
    if exports and (subscriptions or all_subscriptions or management_groups):
        raise click.UsageError("--from-export evaluates a file: it takes no --subscription / --all-subscriptions "
                               "/ --management-group")
    if not exports and not (subscriptions or all_subscriptions or management_groups):
        raise click.UsageError("say what to scan: --subscription ID (repeatable), --management-group ID, "
                               "--all-subscriptions, or --from-export FILE")
    from hitrust_policies.sources.live.aws.scan import ScanError
    from hitrust_policies.sources.live.azure.scan import ExportError, load_export, scan_export

    families = live_selection("azure", rules)
    try:
        if exports:
            scan = scan_export([row for path in exports for row in load_export(path)])
        else:
            try:
                import azure.mgmt.resourcegraph  # noqa: F401

                from hitrust_policies.sources.live.azure.auth import AuthConfigError, make_credential
                from hitrust_policies.sources.live.azure.clouds import cloud as resolve_cloud
                from hitrust_policies.sources.live.azure.scan import scan_azure
            except ImportError as exc:
                raise click.UsageError("the Azure scanner needs the azure extra: "
                                       f"pip install 'hitrust-policies[azure]' ({exc})") from None
            try:
                credential = make_credential(auth, resolve_cloud(cloud, arm_endpoint))
            except AuthConfigError as exc:
                raise click.BadParameter(str(exc), param_hint="--auth") from None
            with _Progress() as progress:
                if workers or scheduler:
                    scan = _scan_on_dask(workers, scheduler, max_per_scope, progress, rules, accepted, fleet="azure",
                                         credential=credential, auth=auth, cloud=cloud, arm_endpoint=arm_endpoint,
                                         subscriptions=list(subscriptions), all_subscriptions=all_subscriptions,
                                         management_groups=list(management_groups), families=families)
                else:
                    scan = scan_azure(credential=credential, cloud=cloud, arm_endpoint=arm_endpoint,
                                      subscriptions=subscriptions, all_subscriptions=all_subscriptions,
                                      management_groups=management_groups, progress=progress, families=families)
    except ExportError as exc:
        raise click.BadParameter(str(exc), param_hint="--from-export") from None
    except ScanError as exc:
        _incomplete(exc)
    _report_and_exit(scan, rules, fmt, output, show_pass, baseline, fail_on, accepted)


def _export_commands() -> list[str]:
    """One ``az graph query`` per Resource Graph table the families read, derived from the family
    registry so an export always holds every type the scanner evaluates."""
    from hitrust_policies.sources.live.azure.families import all_families

    by_table: dict[str, list[str]] = {}
    for f in all_families():
        by_table.setdefault(f.table, []).extend(t for t in f.types if t not in by_table.get(f.table, []))
    return [f"az graph query -q \"{table} | where type in~ ({', '.join(repr(t) for t in types)}) | order by id asc\" "
            f"--first 1000 -o json > {table}.json" for table, types in by_table.items() if types]


GCP_PROJECT = re.compile(r"^(projects/)?([a-z][a-z0-9-]{4,28}[a-z0-9]|\d{1,20})$")
GCP_NUMBER = re.compile(r"^(folders/|organizations/)?\d{1,20}$")


def _gcp_scopes(values: tuple[str, ...], pattern: re.Pattern[str], hint: str, what: str) -> None:
    bad = [v for v in values if not pattern.match(v.strip())]
    if bad:
        raise click.BadParameter(f"not a {what}: {', '.join(bad)}", param_hint=hint)


@scan_group.command("gcp")
@click.option("--project", "projects", multiple=True, help="Project id (or number) to scan (repeatable).")
@click.option("--folder", "folders", multiple=True, help="Scan every project below this folder (number; repeatable).")
@click.option("--organization", "organizations", multiple=True,
              help="Scan every project of this organization (number; repeatable).")
@click.option("--from-export", "exports", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Evaluate Cloud Asset Inventory export files (JSON lines; give the resource and the iam-policy "
                   "exports) instead of scanning. Repeatable.")
@click.option("--access-token-file", type=click.Path(exists=True, dir_okay=False),
              help="Use the OAuth access token in this file (gcloud auth print-access-token) instead of "
                   "Application Default Credentials.")
@click.option("--api-endpoint", help="Another Cloud Asset API endpoint (a Private Service Connect endpoint).")
@_fleet_options("--project / --folder / --organization (each project below them a scope of its own)",
                "their own Google credential (Application Default Credentials: workload identity, the metadata "
                "server, GOOGLE_APPLICATION_CREDENTIALS; or --access-token-file on the worker)",
                "one family of assets", "project")
@click.option("--fail-on", type=click.Choice((*SEVERITIES, "none")), default="low", show_default=True,
              help="Exit 1 if a FAIL finding has at least this severity.")
@_rule_option_flag
@_report_options
@_suppressions_option
@_with_rule_options
def scan_gcp_cmd(projects: tuple[str, ...], folders: tuple[str, ...], organizations: tuple[str, ...],
                 exports: tuple[str, ...], access_token_file: str | None, api_endpoint: str | None,
                 workers: int | None, scheduler: str | None, max_per_scope: int, fail_on: str,
                 rule_option: tuple[str, ...], fmt: str, output: str | None, show_pass: bool, baseline: str | None,
                 suppressions: str | None, rule_ids: tuple[str, ...], domains: tuple[str, ...],
                 min_severity: str | None) -> None:
    """Scan Google Cloud projects, folders or organizations through Cloud Asset Inventory (read-only), or
    evaluate Cloud Asset Inventory export files."""
    rules = _configured(_selected_rules(rule_ids, domains, min_severity), rule_option)
    _check_baseline(baseline)
    accepted = _load_suppressions(suppressions)
    _gcp_scopes(projects, GCP_PROJECT, "--project", "project id or number")
    _gcp_scopes(folders, GCP_NUMBER, "--folder", "folder number")
    _gcp_scopes(organizations, GCP_NUMBER, "--organization", "organization number")
    if (workers or scheduler) and exports:
        raise click.UsageError("--workers / --scheduler distribute a scan of many projects: give --project, "
                               "--folder or --organization, not --from-export")
    if exports and (projects or folders or organizations):
        raise click.UsageError("--from-export evaluates files: it takes no --project / --folder / --organization")
    if not exports and not (projects or folders or organizations):
        raise click.UsageError("say what to scan: --project ID, --folder N, --organization N (each repeatable), "
                               "or --from-export FILE")
    from hitrust_policies.sources.live.aws.scan import ScanError
    from hitrust_policies.sources.live.gcp.scan import ExportError, scan_export

    families = live_selection("gcp", rules)
    try:
        if exports:
            scan = scan_export(exports)
        else:
            try:
                from hitrust_policies.sources.live.gcp.auth import AuthConfigError, asset_sdk, credentials, endpoint
                from hitrust_policies.sources.live.gcp.scan import scan_gcp

                asset_sdk()
            except ImportError as exc:
                raise click.UsageError(f"the GCP scanner needs the gcp extra: pip install 'hitrust-policies[gcp]' "
                                       f"({exc})") from None
            try:
                endpoint(api_endpoint)
                creds = credentials(access_token_file)
            except AuthConfigError as exc:
                hint = "--api-endpoint" if "endpoint" in str(exc) else "--access-token-file"
                raise click.BadParameter(str(exc), param_hint=hint) from None
            with _Progress() as progress:
                if workers or scheduler:
                    scan = _scan_on_dask(workers, scheduler, max_per_scope, progress, rules, accepted, fleet="gcp",
                                         credentials=creds, access_token_file=access_token_file,
                                         projects=list(projects), folders=list(folders),
                                         organizations=list(organizations),
                                         api_endpoint=api_endpoint, families=families)
                else:
                    scan = scan_gcp(credentials=creds, projects=projects, folders=folders,
                                    organizations=organizations, api_endpoint=api_endpoint, progress=progress,
                                    families=families)
    except ExportError as exc:
        raise click.BadParameter(str(exc), param_hint="--from-export") from None
    except ScanError as exc:
        _incomplete(exc)
    _report_and_exit(scan, rules, fmt, output, show_pass, baseline, fail_on, accepted)


DEMO_CLOUDS = ("aws", "azure", "gcp")


def _demo_runner(cloud: str) -> tuple[Any, str, str]:
    """(run_demo, what was simulated, how to scan the real thing) of a cloud's demo; a missing extra
    is a usage error naming it."""
    if cloud == "azure":
        try:
            import azure.core  # noqa: F401
            import azure.mgmt.resource.subscriptions  # noqa: F401
            import azure.mgmt.resourcegraph  # noqa: F401

            from hitrust_policies.demo_azure import run_demo as run_azure
        except ImportError as exc:
            raise click.UsageError("the Azure demo needs the azure extra: pip install 'hitrust-policies[azure]' "
                                   f"({exc})") from None
        return run_azure, "tenant", "hitrust scan azure --all-subscriptions"
    if cloud == "gcp":
        try:
            import google.auth  # noqa: F401
            import google.cloud.asset_v1  # noqa: F401

            from hitrust_policies.demo_gcp import run_demo as run_gcp
        except ImportError as exc:
            raise click.UsageError("the Google Cloud demo needs the gcp extra: pip install 'hitrust-policies[gcp]' "
                                   f"({exc})") from None
        return run_gcp, "organization", "hitrust scan gcp --organization <id>"
    try:
        import moto  # noqa: F401

        from hitrust_policies.demo import run_demo as run_aws
    except ImportError as exc:
        raise click.UsageError(f"the demo needs the demo extra: pip install 'hitrust-policies[demo]' ({exc})"
                               ) from None
    return run_aws, "account", "hitrust scan aws --profile <name>"


@main.command("demo")
@click.option("--cloud", type=click.Choice(DEMO_CLOUDS), default="aws", show_default=True,
              help="aws: an in-process moto account (two regions); azure: a local ARM / Resource Graph fake "
                   "(two subscriptions); gcp: a local Cloud Asset Inventory fake (an organization, two projects).")
@_report_options
@_suppressions_option
def demo_cmd(cloud: str, fmt: str, output: str | None, show_pass: bool, baseline: str | None,
             suppressions: str | None) -> None:
    """Scan a built-in demo cloud with the real scanner, on this machine: no cloud account needed.

    Exits 0 once the report is written (the demo's failing findings are its point), 3 if the demo's own
    scan could not read everything, 2 on a usage error or a missing extra."""
    _check_baseline(baseline)
    accepted = _load_suppressions(suppressions)
    run_demo, simulated, scan_yours = _demo_runner(cloud)
    with _Progress() as progress:
        scan = run_demo(progress=progress)
    findings, report = _suppress(scan.findings(), accepted)
    _write_evidence(_emit(scan, findings, fmt, output, show_pass, baseline, report))
    if fmt == "table" and not output and not cli_errors.settings().quiet:
        click.echo(f"\nThis was a simulated {simulated}. Scan yours with: {scan_yours}")
    sys.exit(EXIT_CLEAN if scan.complete else EXIT_INCOMPLETE)


@main.command("permissions")
@click.argument("provider", type=click.Choice(("aws", "azure", "gcp")))
@click.option("--caller", is_flag=True,
              help="The scanning principal's policy for --accounts / --organization (assume role, list accounts).")
def permissions_cmd(provider: str, caller: bool) -> None:
    """Print the least-privilege read-only IAM policy (aws) or custom role (azure, gcp) the scanner needs."""
    import json

    if provider == "gcp":
        from hitrust_policies.sources.live.gcp.permissions import custom_role_yaml

        click.echo(custom_role_yaml(), nl=False)
        return

    if provider == "azure":
        from hitrust_policies.sources.live.azure.permissions import custom_role

        click.echo(json.dumps(custom_role(), indent=2))
        return
    from hitrust_policies.sources.live.aws.permissions import caller_policy, iam_policy

    click.echo(json.dumps(caller_policy() if caller else iam_policy(), indent=2))


@main.group("check")
def check_group() -> None:
    """Check infrastructure code before it is deployed (no cloud access)."""


@check_group.command("terraform")
@click.argument("plans", nargs=-1, required=True, metavar="PLAN...")
@click.option("--fail-on", type=click.Choice((*SEVERITIES, "none")), default="low", show_default=True,
              help="Exit 1 if a FAIL finding has at least this severity.")
@_rule_option_flag
@_report_options
@_suppressions_option
@_with_rule_options
def check_terraform_cmd(plans: tuple[str, ...], fail_on: str, rule_option: tuple[str, ...], fmt: str,
                        output: str | None, show_pass: bool, baseline: str | None, suppressions: str | None,
                        rule_ids: tuple[str, ...], domains: tuple[str, ...], min_severity: str | None) -> None:
    """Evaluate Terraform plans of hashicorp/aws, hashicorp/azurerm and hashicorp/google resources (each read by
    its provider_name): `terraform show -json PLANFILE` output, given as
    files, directories of *.json files, or - for stdin (UTF-8 or UTF-16, with or without a BOM).

    A file that is not a readable plan is reported on one line and the others are still checked; the exit
    code is then 3 (incomplete) unless failing findings make it 1."""
    rules = _configured(_selected_rules(rule_ids, domains, min_severity), rule_option)
    _check_baseline(baseline)
    accepted = _load_suppressions(suppressions)
    if plans.count("-") > 1:
        raise click.BadParameter("stdin (-) given more than once", param_hint="PLAN")
    from hitrust_policies.sources.terraform.scan import check_plans

    scan = check_plans(plans)
    for error in scan.errors:
        click.echo(f"error: {error}", err=True)
    if not scan.coverage:
        _incomplete(RuntimeError(f"no plan file (*.json) found in {', '.join(plans)}"))
    _report_and_exit(scan, rules, fmt, output, show_pass, baseline, fail_on, accepted)


@main.command("checkov-checks-dir")
def checkov_checks_dir_cmd() -> None:
    """Print the directory to give checkov as --external-checks-dir (our rules as checkov checks).

    Example: checkov -d infra --external-checks-dir "$(hitrust checkov-checks-dir)" --skip-download"""
    from hitrust_policies.checkov import checks_dir

    click.echo(str(checks_dir()))

if __name__ == "__main__":
    main()
