"""Findings as JUnit XML, the test-report format every CI system (Jenkins, GitLab, Azure Pipelines) renders.

A rule is a test suite and each resource it judged a test case: FAIL is a ``failure``, UNKNOWN an
``error`` carrying the reason the fact could not be seen (never a pass), and a finding covered by a
current suppression is ``skipped`` with the reason, owner, ticket and expiry. A lapsed suppression hides
nothing: the finding fails again and its message says the acceptance expired.
The document follows the Apache Ant JUnit schema (windyroad/JUnit-Schema ``JUnit.xsd``): ``testsuites``
holding one ``testsuite`` per rule, each with ``properties`` (the rule's CSF / HIPAA / NIST ids) and
empty ``system-out`` / ``system-err``. Suites are sorted by rule id; cases keep the run's total order.
"""

from __future__ import annotations

import re
from typing import IO, Any

from hitrust_policies.findings import Finding, Status
from hitrust_policies.outputs.run import ReportRun

# characters XML 1.0 cannot carry at all, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
                       "\t": "&#9;"})
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def attr(value: str) -> str:
    """An attribute value, quoted, with newlines kept as character references.

    >>> attr('a "b" <c>\\n')
    '"a &quot;b&quot; &lt;c&gt;&#10;"'
    """
    return '"' + _NOT_XML.sub("", value).translate(_ATTR) + '"'


def text(value: str) -> str:
    return _NOT_XML.sub("", value).translate(_TEXT)


def case_name(f: Finding) -> str:
    """The resource as a test name: its name, and its native id when that says more."""
    r = f.resource
    name = r.name if r.name == r.native_id else f"{r.name} ({r.native_id})"
    return f"{name} #{r.part}" if r.part else name


_RULE_DETAILS: dict[tuple[str, str, int], tuple[Any, str]] = {}


def _rule_details(f: Finding) -> str:
    """The lines every case of a rule shares (severity, remediation, standards), escaped, built once."""
    key = (f.severity, f.remediation, id(f.references))
    hit = _RULE_DETAILS.get(key)
    if hit is None or hit[0] is not f.references:
        lines = [f"severity: {f.severity}"]
        if f.remediation:
            lines.append(f"remediation: {f.remediation}")
        summary = f.references.summary()
        if summary:
            lines.append(f"standards: {summary}")
        hit = _RULE_DETAILS[key] = (f.references, text("\n".join(lines)))
    return hit[1]


def _details(f: Finding) -> str:
    """What a CI reader needs to find and fix the resource, as escaped element text."""
    r = f.resource
    return (text(f"resource: {r.native_id}\ntype: {r.native_type}\naccount: {r.account or '-'}\n"
                 f"region: {r.region or '-'}\n") + _rule_details(f))


def testcase(f: Finding) -> str:
    head = f"    <testcase name={attr(case_name(f))} classname={attr(f.rule_id)} time=\"0\""
    s = f.suppression
    if f.suppressed and s is not None:
        why = f"suppressed: {s.reason} (owner {s.owner}, ticket {s.ticket}, until {s.expires})"
        return f"{head}>\n      <skipped message={attr(why)}>{_details(f)}</skipped>\n    </testcase>\n"
    if f.status is Status.PASS:
        return head + "/>\n"
    message = f.message or f.title
    if s is not None:  # lapsed acceptance: counts again, and says so
        message = f"{message} [suppression expired {s.expires}: {s.reason}]"
    tag = "failure" if f.status is Status.FAIL else "error"
    return (f"{head}>\n      <{tag} message={attr(message)} type={attr(f.status.value)}>{_details(f)}"
            f"</{tag}>\n    </testcase>\n")


def write_junit(fh: IO[str], run: ReportRun) -> None:
    """``testsuites`` with a suite per rule (sorted by id), a case per resource."""
    by_rule: dict[str, list[Finding]] = {}
    for f in run.findings:
        by_rule.setdefault(f.rule_id, []).append(f)
    stamp = run.meta.generated_at[:19]  # the schema's timestamp has no zone; generated_at is UTC
    host = attr(run.scan.account or "localhost")
    fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n')
    for i, rule_id in enumerate(sorted(by_rule)):
        items = by_rule[rule_id]
        skipped = sum(f.suppressed for f in items)
        failures = sum(f.status is Status.FAIL and not f.suppressed for f in items)
        errors = sum(f.status is Status.UNKNOWN and not f.suppressed for f in items)
        first = items[0]
        refs = first.references
        fh.write(f"  <testsuite name={attr(rule_id)} package=\"hitrust-policies\" id=\"{i}\" timestamp=\"{stamp}\" "
                 f"hostname={host} tests=\"{len(items)}\" failures=\"{failures}\" errors=\"{errors}\" "
                 f"skipped=\"{skipped}\" time=\"0\">\n    <properties>\n")
        props = [("title", first.title), ("domain", first.domain), ("severity", first.severity),
                 ("hitrust_csf", ", ".join(c.id for c in refs.csf)), ("hipaa", ", ".join(c.id for c in refs.hipaa)),
                 ("nist_800_53", ", ".join(c.id for c in refs.nist)), ("csf_basis", refs.csf_basis)]
        for name, value in props:
            fh.write(f"      <property name={attr(name)} value={attr(value)}/>\n")
        fh.write("    </properties>\n")
        for f in items:
            fh.write(testcase(f))
        fh.write("    <system-out/>\n    <system-err/>\n  </testsuite>\n")
    fh.write("</testsuites>\n")
