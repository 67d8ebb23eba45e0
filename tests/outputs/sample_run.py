"""One hand-built `ReportRun` that exercises every corner a report format has to get right.

Live AWS, Azure and GCP resources, a Pulumi URN, a Terraform address; FAIL, UNKNOWN and PASS; a finding
covered by a current suppression and one whose suppression has lapsed; markup and control characters in
a message; a baseline comparison and a suppressions report. References are the real crosswalk's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from hitrust_policies.findings import Finding, Status, Suppression, finding_id
from hitrust_policies.mappings import default_mappings
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.outputs.baseline import compare
from hitrust_policies.outputs.run import ReportRun, RunMeta
from hitrust_policies.rules import get_rule
from hitrust_policies.sources.live.aws.scan import Coverage, ScanResult

GENERATED_AT = "2026-03-04T05:06:07+00:00"
BUCKET = ResourceRef("aws", "AWS::S3::Bucket", "arn:aws:s3:::phi-records", "phi-records", "111122223333",
                     "us-east-1", "live")
VOLUME = ResourceRef("aws", "AWS::EC2::Volume", "arn:aws:ec2:eu-west-1:111122223333:volume/vol-0abc", "scratch",
                     "111122223333", "eu-west-1", "live")
STORAGE = ResourceRef("azure", "Microsoft.Storage/storageAccounts",
                      "/subscriptions/00000000-1111-2222-3333-444455556666/resourceGroups/rg/providers/"
                      "Microsoft.Storage/storageAccounts/stclinical", "stclinical",
                      "00000000-1111-2222-3333-444455556666", "westeurope", "live")
GCS = ResourceRef("gcp", "storage.googleapis.com/Bucket", "//storage.googleapis.com/projects/_/buckets/phi-imaging",
                  "phi-imaging", "clinical-prod", "us-central1", "live")
PULUMI = ResourceRef("aws", "aws:s3/bucket:Bucket", "urn:pulumi:prod::phi::aws:s3/bucket:Bucket::uploads",
                     "uploads", None, "us-east-1", "pulumi")
TERRAFORM = ResourceRef("aws", "aws_ebs_volume", "aws_ebs_volume.data", "data", None, "us-east-1", "terraform")
ACCEPTED = Suppression("enc-block-volume-encrypted", "name:scratch", "scratch disk, no PHI <ever>", "sec@example.com",
                       "SEC-1", "2099-12-31", False, "suppressions.yaml: suppressions[0]")
LAPSED = Suppression("enc-object-store-default-encryption", "account:clinical-prod", "migration window",
                     "ops@example.com", "OPS-9", "2020-01-31", True, "suppressions.yaml: suppressions[1]")


def finding(rule_id: str, ref: ResourceRef, status: Status, message: str = "",
            suppression: Suppression | None = None) -> Finding:
    r = get_rule(rule_id)
    return Finding(r.id, r.title, r.domain, r.severity, status, ref, message, r.remediation_for(ref.provider),
                   default_mappings().references(r.id), finding_id(r.id, ref), suppression)


@dataclass
class SuppressionReport:
    """What the suppressions helper hands a report: ``rows()`` of every entry with its match count."""

    entries: list[dict[str, Any]]

    def rows(self) -> list[dict[str, Any]]:
        return self.entries


def findings() -> list[Finding]:
    return [
        finding("enc-object-store-default-encryption", BUCKET, Status.FAIL, "bucket has no default encryption"),
        finding("enc-object-store-default-encryption", STORAGE, Status.PASS),
        finding("enc-object-store-default-encryption", GCS, Status.FAIL, "bucket \"phi\" & <co> \x07 encrypted: no",
                LAPSED),
        finding("enc-object-store-default-encryption", PULUMI, Status.UNKNOWN, "preview: encryption is not known yet"),
        finding("enc-block-volume-encrypted", VOLUME, Status.FAIL, "volume is not encrypted", ACCEPTED),
        finding("enc-block-volume-encrypted", TERRAFORM, Status.UNKNOWN, "encrypted is unknown until apply"),
        finding("net-database-not-public", ResourceRef.manual("db ünïcode"), Status.PASS),
    ]


def scan(coverage: list[Coverage] | None = None) -> ScanResult:
    rows = coverage if coverage is not None else [
        Coverage("s3-buckets", "us-east-1", "ok", 2, (), "111122223333"),
        Coverage("ec2-volumes", "eu-west-1", "partial", 1, ("AccessDenied: kms:DescribeKey",), "111122223333")]
    return ScanResult("aws", "111122223333", ["us-east-1", "eu-west-1"], [], [], rows, Counter({"ListBuckets": 2}),
                      3.5)


def sample_run(items: list[Finding] | None = None, scan_result: ScanResult | None = None, *,
               changes: bool = True, suppressions: bool = True) -> ReportRun:
    items = findings() if items is None else items
    baseline = [{"id": finding_id("enc-object-store-default-encryption", BUCKET), "status": "FAIL"},
                {"id": "gone", "status": "FAIL", "rule_id": "x", "resource": {"name": "old"}}]
    meta = RunMeta("0.1.0", GENERATED_AT, "scan aws", "arn:aws:iam::111122223333:role/scanner", ("111122223333",),
                   {"domains": ["encryption"]})
    report = SuppressionReport([
        {"rule": "enc-block-volume-encrypted", "resource": "name:scratch", "reason": ACCEPTED.reason,
         "owner": ACCEPTED.owner, "ticket": "SEC-1", "expires": "2099-12-31", "expired": False, "matched": 1,
         "source": ACCEPTED.source},
        {"rule": "enc-object-store-default-encryption", "resource": "account:clinical-prod", "reason": LAPSED.reason,
         "owner": LAPSED.owner, "ticket": "OPS-9", "expires": "2020-01-31", "expired": True, "matched": 1,
         "source": LAPSED.source},
        {"rule": "net-*", "resource": "tag:env=lab", "reason": "lab", "owner": "lab@example.com", "ticket": "LAB-2",
         "expires": "2099-01-01", "expired": False, "matched": 0, "source": "suppressions.yaml: suppressions[2]"},
    ])
    return ReportRun.of(scan_result or scan(), items, meta, compare(baseline, items) if changes else None,
                        report if suppressions else None)
