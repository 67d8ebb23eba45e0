"""Accepted risks: one suppressions file format and one matcher for scans, Terraform checks and packs.

A suppression says *this rule may fail on these resources, because ..., accepted by ... under ticket
..., until ...*. Every field an assessor asks for is required, and every acceptance expires: past its
``expires`` day (inclusive, UTC) the suppression still annotates the findings it covers, marked
expired, but no longer hides them (they count as failing again and reports call the lapse out).

The file (``hitrust scan ... --suppressions FILE``; JSON Schema: `SCHEMA_PATH`)::

    suppressions:
      - rule: enc-object-store-kms          # a rule id or a glob over rule ids (net-*)
        resource: "arn:aws:s3:::legacy-*"   # selectors, all optional but at least one, all must match:
        # name: legacy-*                    #   resource: glob over the native id (ARN, ARM id, Terraform
        # tags: {env: dev}                  #     address, Pulumi URN); name: glob over the report name;
        # account: "123456789012"           #   tags: key -> value glob (Pulumi packs only); account:
        # region: us-east-1                 #   AWS account / Azure subscription / GCP project; region
        reason: SSE-S3 accepted for the legacy export bucket; no PHI since 2024
        owner: platform-team@example.com
        ticket: SEC-1234
        expires: 2026-12-31                 # last day the acceptance holds (UTC)

Only FAIL and UNKNOWN findings are covered: a suppression whose resources now pass matched nothing
and is reported, so stale acceptances get removed.

>>> entries = parse({"suppressions": [{"rule": "net-*", "name": "bastion", "reason": "SSH by design",
...     "owner": "ops", "ticket": "SEC-1", "expires": "2026-06-30"}]}, "s.yaml")
>>> entries[0].selector(), entries[0].source
('name=bastion', 's.yaml: suppressions[0]')
"""

from __future__ import annotations

import dataclasses
import fnmatch
import json
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from hitrust_policies.findings import Finding, Status, Suppression
from hitrust_policies.model.ref import ResourceRef

SCHEMA_PATH = Path(__file__).with_name("suppressions.schema.json")
REQUIRED = ("rule", "reason", "owner", "ticket", "expires")
SELECTORS = ("resource", "name", "tags", "account", "region")
FIELDS = (*REQUIRED, *SELECTORS)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
COVERED = (Status.FAIL, Status.UNKNOWN)


class SuppressionError(ValueError):
    """The suppressions file is invalid; the message names the file, the entry index and the field."""


def utc_today() -> date:
    return datetime.now(timezone.utc).date()


@dataclass(frozen=True)
class Entry:
    """One accepted risk as written, validated."""

    rule: str
    reason: str
    owner: str
    ticket: str
    expires: date
    source: str  # "FILE: suppressions[3]"
    resource: str | None = None
    name: str | None = None
    tags: tuple[tuple[str, str], ...] = ()
    account: str | None = None
    region: str | None = None

    def selector(self) -> str:
        """The resource selectors in one line, as written.

        >>> Entry("r", "x", "o", "t", date(2026, 1, 1), "f", resource="arn:*", tags=(("env", "dev"),)).selector()
        'resource=arn:*, tags={env: dev}'
        """
        parts = [f"{k}={getattr(self, k)}" for k in ("resource", "name") if getattr(self, k) is not None]
        if self.tags:
            parts.append("tags={" + ", ".join(f"{k}: {v}" for k, v in self.tags) + "}")
        parts += [f"{k}={getattr(self, k)}" for k in ("account", "region") if getattr(self, k) is not None]
        return ", ".join(parts)

    def expired(self, today: date) -> bool:
        """Lapsed once ``today`` is past ``expires`` (the expiry day itself still holds).

        >>> e = Entry("r", "x", "o", "t", date(2026, 6, 30), "f", name="n")
        >>> e.expired(date(2026, 6, 30)), e.expired(date(2026, 7, 1))
        (False, True)
        """
        return today > self.expires

    def covers(self, rule_id: str, ref: ResourceRef, *, names: Iterable[str] = (),
               tags: Mapping[str, str] | None = None, account: str | None = None) -> bool:
        """Whether this entry covers ``rule_id`` on ``ref``: the rule and every selector given match.

        ``names`` are further names the resource goes by (a Pulumi logical name); ``tags`` None means the
        source cannot see tags (then a ``tags`` selector never matches); ``account`` stands in when the
        ref has none (a Pulumi stack's configured account).
        """
        if not fnmatch.fnmatchcase(rule_id, self.rule):
            return False
        if self.resource is not None and not fnmatch.fnmatchcase(ref.native_id, self.resource):
            return False
        if self.name is not None and not any(fnmatch.fnmatchcase(n, self.name) for n in (ref.name, *names) if n):
            return False
        if self.tags:
            if tags is None or not all(k in tags and fnmatch.fnmatchcase(tags[k], v) for k, v in self.tags):
                return False
        acct = ref.account or account
        if self.account is not None and not (acct and fnmatch.fnmatchcase(acct, self.account)):
            return False
        return self.region is None or bool(ref.region and fnmatch.fnmatchcase(ref.region, self.region))

    def annotation(self, today: date) -> Suppression:
        """The `Suppression` a covered finding carries."""
        return Suppression(rule=self.rule, resource=self.selector(), reason=self.reason, owner=self.owner,
                           ticket=self.ticket, expires=self.expires.isoformat(), expired=self.expired(today),
                           source=self.source)


# ---------------------------------------------------------------- reading and validating


def _shown(value: Any) -> str:
    return json.dumps(value, default=str) if isinstance(value, (str, int, float, bool, type(None))) else repr(value)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SuppressionError(f"{where}: expected non-empty text, got {_shown(value)}")
    return value.strip()


def _expiry(value: Any, where: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value  # YAML reads an unquoted 2026-12-31 as a date
    if isinstance(value, str) and _DATE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise SuppressionError(f"{where}: expected YYYY-MM-DD, got {_shown(value)}")


def _rule_pattern(value: Any, where: str, rule_ids: Iterable[str] | None) -> str:
    pattern = _text(value, where)
    if rule_ids is not None and not any(fnmatch.fnmatchcase(r, pattern) for r in rule_ids):
        raise SuppressionError(f"{where}: {_shown(pattern)} matches no rule id (`hitrust rules` lists them)")
    return pattern


def _tags(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping) or not value:
        raise SuppressionError(f"{where}: expected a mapping of tag key to value pattern, got {_shown(value)}")
    out = []
    for key, pattern in value.items():
        if not isinstance(key, str) or not key or not isinstance(pattern, str):
            raise SuppressionError(f"{where}.{key}: expected text (quote numbers), got {_shown(pattern)}")
        out.append((key, pattern))
    return tuple(sorted(out))


def parse_entry(raw: Any, where: str, rule_ids: Iterable[str] | None = None) -> Entry:
    """One entry; ``where`` is how errors name it (``FILE: suppressions[2]``)."""
    if not isinstance(raw, Mapping):
        raise SuppressionError(f"{where}: expected a mapping with {', '.join(REQUIRED)} and a selector, "
                               f"got {_shown(raw)}")
    unknown = sorted(str(k) for k in raw if k not in FIELDS)
    if unknown:
        raise SuppressionError(f"{where}.{unknown[0]}: unknown field (fields: {', '.join(FIELDS)})")
    for key in REQUIRED:
        if key not in raw:
            raise SuppressionError(f"{where}.{key}: required")
    if not any(key in raw for key in SELECTORS):
        raise SuppressionError(f"{where}: needs a resource selector ({', '.join(SELECTORS)}); "
                               "to skip a rule everywhere use --exclude-rule / the rule selection instead")
    ticket = raw["ticket"]
    if isinstance(ticket, int) and not isinstance(ticket, bool):
        ticket = str(ticket)  # `ticket: 1234` is a ticket number, not a mistake
    return Entry(
        rule=_rule_pattern(raw["rule"], f"{where}.rule", rule_ids),
        reason=_text(raw["reason"], f"{where}.reason"),
        owner=_text(raw["owner"], f"{where}.owner"),
        ticket=_text(ticket, f"{where}.ticket"),
        expires=_expiry(raw["expires"], f"{where}.expires"),
        source=where,
        resource=_text(raw["resource"], f"{where}.resource") if "resource" in raw else None,
        name=_text(raw["name"], f"{where}.name") if "name" in raw else None,
        tags=_tags(raw["tags"], f"{where}.tags") if "tags" in raw else (),
        account=_text(str(raw["account"]) if isinstance(raw["account"], int) else raw["account"],
                      f"{where}.account") if "account" in raw else None,
        region=_text(raw["region"], f"{where}.region") if "region" in raw else None,
    )


def parse_entries(raw: Any, where: str, rule_ids: Iterable[str] | None = None) -> list[Entry]:
    """A list of entries (the ``suppressions:`` value); ``where`` names the list (``FILE: suppressions``)."""
    if not isinstance(raw, list):
        raise SuppressionError(f"{where}: expected a list of suppressions, got {_shown(raw)}")
    ids = list(rule_ids) if rule_ids is not None else None
    return [parse_entry(item, f"{where}[{i}]", ids) for i, item in enumerate(raw)]


def parse(data: Any, origin: str, rule_ids: Iterable[str] | None = None) -> list[Entry]:
    """A whole suppressions document (already loaded) from ``origin`` (the file name errors show).

    ``rule_ids``: the registered rules a ``rule`` must match (None: not checked).
    """
    if data is None:
        data = {"suppressions": []}
    if not isinstance(data, Mapping) or "suppressions" not in data:
        raise SuppressionError(f"{origin}: expected a top-level `suppressions:` list")
    extra = sorted(str(k) for k in data if k != "suppressions")
    if extra:
        raise SuppressionError(f"{origin}: {extra[0]}: unknown top-level key (only `suppressions`)")
    return parse_entries(data["suppressions"] or [], f"{origin}: suppressions", rule_ids)


def registered_rule_ids() -> list[str]:
    from hitrust_policies.rules import all_rules

    return [r.id for r in all_rules()]


def load(path: str | Path, rule_ids: Iterable[str] | None = None) -> list[Entry]:
    """Read and validate a suppressions file (YAML or JSON); rule patterns are checked against
    ``rule_ids`` (default: every registered rule)."""
    import yaml

    shown = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SuppressionError(f"{shown}: cannot read: {exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SuppressionError(f"{shown}: not YAML: {exc}".splitlines()[0]) from None
    return parse(data, shown, registered_rule_ids() if rule_ids is None else rule_ids)


# ---------------------------------------------------------------- matching


def match(entries: Iterable[Entry], rule_id: str, ref: ResourceRef, today: date, *, names: Iterable[str] = (),
          tags: Mapping[str, str] | None = None, account: str | None = None) -> Entry | None:
    """The entry covering ``rule_id`` on ``ref``: the first one in force, else the first lapsed one
    (a renewed entry wins over the lapsed one it replaces)."""
    names = tuple(names)
    found = [e for e in entries if e.covers(rule_id, ref, names=names, tags=tags, account=account)]
    return next((e for e in found if not e.expired(today)), found[0] if found else None)


@dataclass
class SuppressionReport:
    """What the suppressions did in one run: per entry, how many findings it covered."""

    entries: list[Entry]
    today: date
    matched: dict[str, int] = dataclasses.field(default_factory=dict)  # entry source -> findings covered

    def count(self, entry: Entry) -> None:
        self.matched[entry.source] = self.matched.get(entry.source, 0) + 1

    def rows(self) -> list[dict[str, Any]]:
        """One row per entry, in file order (keys as `outputs.run.ReportRun` documents)."""
        return [{"rule": e.rule, "resource": e.selector(), "reason": e.reason, "owner": e.owner,
                 "ticket": e.ticket, "expires": e.expires.isoformat(), "expired": e.expired(self.today),
                 "matched": self.matched.get(e.source, 0), "source": e.source} for e in self.entries]

    def unmatched(self) -> list[dict[str, Any]]:
        return [r for r in self.rows() if not r["matched"]]

    def expired(self) -> list[dict[str, Any]]:
        return [r for r in self.rows() if r["expired"]]

    def warnings(self) -> list[str]:
        """One line per entry that needs attention: matched nothing, or lapsed while still needed."""
        out = []
        for r in self.rows():
            if not r["matched"]:
                tags = " (tags are only known to Pulumi packs)" if "tags={" in r["resource"] else ""
                out.append(f"suppression {r['source']} ({r['rule']} on {r['resource']}) matched nothing{tags}: "
                           "remove it if the risk is gone")
            elif r["expired"]:
                out.append(f"suppression {r['source']} ({r['rule']} on {r['resource']}, ticket {r['ticket']}) "
                           f"expired {r['expires']}: its {r['matched']} finding(s) count as failing again")
        return out


TagsOf = Callable[[Finding], "Mapping[str, str] | None"]


def apply(findings: Iterable[Finding], entries: Iterable[Entry], today: date | None = None,
          tags_of: TagsOf | None = None, report: SuppressionReport | None = None,
          ) -> tuple[list[Finding], SuppressionReport]:
    """Annotate the FAIL / UNKNOWN findings the entries cover; report what each entry matched.

    ``today`` (UTC) decides expiry (default: today); ``tags_of`` gives a finding's resource tags where
    the source knows them (None: not known - live scans and Terraform plans carry no tags in the model).
    ``report``: one from an earlier call to count into (an organization applies the file scope by scope).
    """
    entries = list(entries)
    report = report or SuppressionReport(entries, today or utc_today())
    out = []
    for f in findings:
        entry = None
        if entries and f.status in COVERED:
            entry = match(entries, f.rule_id, f.resource, report.today, tags=tags_of(f) if tags_of else None)
        if entry is not None:
            report.count(entry)
            f = dataclasses.replace(f, suppression=entry.annotation(report.today))
        out.append(f)
    return out, report


def warn(report: SuppressionReport, stream: Any = None) -> None:
    """The report's warnings on stderr."""
    for line in report.warnings():
        print(f"warning: {line}", file=stream or sys.stderr)


def schema() -> dict[str, Any]:
    """The JSON Schema of a suppressions file (shipped next to this module)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
