"""Findings in the AWS Security Finding Format, for ``securityhub batch-import-findings``.

Security Hub is where many AWS shops triage; ASFF carries the compliance status and the
related requirements natively. UNKNOWN maps to ``NOT_AVAILABLE``, never to ``PASSED``.
Security Hub takes at most 100 findings per BatchImportFindings call: `batches` splits, and
`write_asff` writes a JSON array of such batches (arrays of at most 100 findings), one per line, so
each line is one call: ``jq -c '.[]' hitrust-report.asff.json | while read -r b; do aws securityhub
batch-import-findings --findings "$b"; done``.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from json.encoder import encode_basestring_ascii as _str  # type: ignore[attr-defined]
from typing import IO, Any, TypeVar

from hitrust_policies.findings import Finding, Status, Suppression
from hitrust_policies.outputs.run import ReportRun

T = TypeVar("T")
COMPLIANCE = {Status.PASS: "PASSED", Status.FAIL: "FAILED", Status.UNKNOWN: "NOT_AVAILABLE"}
RESOURCE_TYPE = {
    "AWS::S3::Bucket": "AwsS3Bucket",
    "AWS::EC2::Volume": "AwsEc2Volume",
    "AWS::EC2::SecurityGroup": "AwsEc2SecurityGroup",
    "AWS::EC2::VPC": "AwsEc2Vpc",
    "AWS::RDS::DBInstance": "AwsRdsDbInstance",
    "AWS::KMS::Key": "AwsKmsKey",
    "AWS::CloudTrail::Trail": "AwsCloudTrailTrail",
    "AWS::IAM::User": "AwsIamUser",
    "AWS::IAM::ManagedPolicy": "AwsIamPolicy",
    "AWS::IAM::AccessKey": "AwsIamAccessKey",
    "AWS::IAM::Root": "AwsAccount",
    "AWS::IAM::AccountPasswordPolicy": "AwsAccount",
    "AWS::S3::AccountPublicAccessBlock": "AwsAccount",
}
FINDING_TYPE = "Software and Configuration Checks/Industry and Regulatory Standards/HIPAA Controls"


def _requirements(f: Finding) -> list[str]:
    refs = f.references
    return ([f"HITRUST CSF {c.id}" for c in refs.csf] + [f"HIPAA {c.id}" for c in refs.hipaa]
            + [f"NIST.800-53.r5 {c.id}" for c in refs.nist])[:32]


def finding(f: Finding, *, now: str, default_region: str = "us-east-1") -> dict[str, Any]:
    account = f.resource.account or ""
    region = f.resource.region or default_region
    description = f.message or f.title
    if f.status is Status.UNKNOWN:
        description = f"Could not be evaluated: {description}"
    return {
        "SchemaVersion": "2018-10-08",
        "Id": f"hitrust-policies/{f.id}",
        "ProductArn": f"arn:aws:securityhub:{region}:{account}:product/{account}/default",
        "GeneratorId": f"hitrust-policies/{f.rule_id}",
        "AwsAccountId": account,
        "Types": [FINDING_TYPE],
        "CreatedAt": now,
        "UpdatedAt": now,
        "Severity": {"Label": "INFORMATIONAL" if f.status is Status.PASS else f.severity.upper()},
        "Title": f.title[:256],
        "Description": description[:1024],
        "Remediation": {"Recommendation": {"Text": f.remediation[:512]}},
        "ProductFields": {"hitrust/RuleId": f.rule_id, "hitrust/Domain": f.domain,
                          "hitrust/CsfBasis": f.references.csf_basis,
                          "hitrust/CsfProvenance": f.references.provenance()[:4096],
                          "hitrust/ResourceName": f.resource.name[:256]},
        "Resources": [{"Type": RESOURCE_TYPE.get(f.resource.native_type, "Other"), "Id": f.resource.native_id,
                       "Partition": "aws", "Region": region}],
        "Compliance": {"Status": COMPLIANCE[f.status], "RelatedRequirements": _requirements(f)},
        "Workflow": {"Status": "RESOLVED" if f.status is Status.PASS else "NEW"},
        "RecordState": "ACTIVE",
    }


def to_asff(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return [finding(f, now=now) for f in findings]


def batches(items: Iterable[T], size: int = 100) -> Iterator[list[T]]:
    """Consecutive lists of at most ``size`` (one BatchImportFindings call each), from any iterable: a run's
    findings may be a sequence on disk that is read once, in order, never sliced.

    >>> [len(b) for b in batches([{}] * 250)]
    [100, 100, 50]
    """
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def to_json(findings: Iterable[Finding]) -> str:
    return json.dumps(to_asff(findings), indent=2)


def suppressed_finding(f: Finding, *, now: str) -> dict[str, Any]:
    """`finding`, with a current suppression as Security Hub's own ``SUPPRESSED`` workflow status and the
    acceptance (reason, owner, ticket, expiry) in a note; a lapsed one keeps the NEW workflow of an open
    finding (RESOLVED if it passes) and its note says the acceptance lapsed and the finding counts again."""
    a = finding(f, now=now)
    s = f.suppression
    if s is not None:
        if f.suppressed:
            a["Workflow"] = {"Status": "SUPPRESSED"}
        a["Note"] = {"Text": note(s)[:512], "UpdatedBy": (s.owner or "hitrust-policies")[:512], "UpdatedAt": now}
    return a


def note(s: Suppression) -> str:
    """The Security Hub note of an accepted risk: reason, owner, ticket and expiry, or that it lapsed.

    >>> note(Suppression("r", "x", "no PHI", "sec@example.com", "SEC-1", "2020-01-31", expired=True))
    'Suppression LAPSED on 2020-01-31 (counts again): no PHI; owner sec@example.com; ticket SEC-1'
    """
    state = f"LAPSED on {s.expires} (counts again)" if s.expired else f"until {s.expires}"
    return f"Suppression {state}: {s.reason}; owner {s.owner}; ticket {s.ticket}"


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


class _Items:
    """`suppressed_finding` as JSON text, keys sorted, with what a rule or a resource shares encoded once.

    Equivalent to ``json.dumps(suppressed_finding(f, now=now), sort_keys=True)`` (tests hold it to that);
    a finding with a suppression takes that slow path, the rest a template ~4x faster.
    """

    def __init__(self, now: str) -> None:
        self.now = _str(now)
        self.raw_now = now
        self.rules: dict[tuple[str, str, str, str, str, int, Status], tuple[str, ...]] = {}
        self.resources: dict[tuple[str, str | None, str | None, str, str], tuple[str, ...]] = {}

    def __call__(self, f: Finding) -> str:
        if f.suppression is not None:
            return _dumps(suppressed_finding(f, now=self.raw_now))
        key = (f.rule_id, f.title, f.domain, f.severity, f.remediation, id(f.references), f.status)
        rule = self.rules.get(key)
        r = f.resource
        rkey = (r.native_id, r.account, r.region, r.native_type, r.name)
        res = self.resources.get(rkey)
        if rule is None or res is None:
            a = finding(f, now=self.raw_now)
            pf = a["ProductFields"]
            rule = self.rules[key] = (
                _dumps(a["Compliance"]), _str(a["GeneratorId"]),
                f'{{"hitrust/CsfBasis": {_str(pf["hitrust/CsfBasis"])}, '
                f'"hitrust/CsfProvenance": {_str(pf["hitrust/CsfProvenance"])}, '
                f'"hitrust/Domain": {_str(pf["hitrust/Domain"])}, "hitrust/ResourceName": ',
                f', "hitrust/RuleId": {_str(pf["hitrust/RuleId"])}}}',
                _dumps(a["Remediation"]), _dumps(a["Severity"]), _str(a["Title"]), _dumps(a["Workflow"]),
                "Could not be evaluated: " if f.status is Status.UNKNOWN else "")
            res = self.resources[rkey] = (_str(a["AwsAccountId"]), _str(a["ProductArn"]), _dumps(a["Resources"]),
                                          _str(pf["hitrust/ResourceName"]))
        description = (rule[8] + (f.message or f.title))[:1024]
        return (f'{{"AwsAccountId": {res[0]}, "Compliance": {rule[0]}, "CreatedAt": {self.now}, '
                f'"Description": {_str(description)}, "GeneratorId": {rule[1]}, '
                f'"Id": {_str("hitrust-policies/" + f.id)}, '
                f'"ProductArn": {res[1]}, "ProductFields": {rule[2]}{res[3]}{rule[3]}, "RecordState": "ACTIVE", '
                f'"Remediation": {rule[4]}, "Resources": {res[2]}, "SchemaVersion": "2018-10-08", '
                f'"Severity": {rule[5]}, "Title": {rule[6]}, "Types": [{_str(FINDING_TYPE)}], "UpdatedAt": {self.now}, '
                f'"Workflow": {rule[7]}}}')


def write_asff(fh: IO[str], run: ReportRun, size: int = 100) -> None:
    """A JSON array of batches of at most ``size`` findings, one batch per line (one BatchImportFindings call
    each); ``CreatedAt`` / ``UpdatedAt`` are the run's ``generated_at``."""
    stamp = datetime.fromisoformat(run.meta.generated_at.replace("Z", "+00:00")).astimezone(timezone.utc)
    item = _Items(stamp.strftime("%Y-%m-%dT%H:%M:%S.000Z"))
    fh.write("[")
    for n, batch in enumerate(batches(run.findings, size)):
        fh.write("\n[" if n == 0 else ",\n[")
        fh.write(", ".join(item(f) for f in batch))
        fh.write("]")
    fh.write("\n]\n")
