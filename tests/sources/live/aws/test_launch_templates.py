"""EC2 launch templates' metadata options through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

RULE = "net-instance-metadata-tokens"


def seed(session: boto3.Session) -> None:
    """v2-template requires tokens; legacy-template leaves metadata options out (IMDSv1 answered too);
    moved-template's first version was IMDSv1, its default (second) version requires tokens."""
    ec2 = session.client("ec2")
    ec2.create_launch_template(LaunchTemplateName="v2-template",
                               LaunchTemplateData={"MetadataOptions": {"HttpTokens": "required"}})
    ec2.create_launch_template(LaunchTemplateName="legacy-template", LaunchTemplateData={"ImageId": "ami-12c6146b"})
    moved = ec2.create_launch_template(LaunchTemplateName="moved-template",
                                       LaunchTemplateData={"MetadataOptions": {"HttpTokens": "optional"}})
    template_id = moved["LaunchTemplate"]["LaunchTemplateId"]
    ec2.create_launch_template_version(LaunchTemplateId=template_id,
                                       LaunchTemplateData={"MetadataOptions": {"HttpTokens": "required"}})
    ec2.modify_launch_template(LaunchTemplateId=template_id, DefaultVersion="2")


CASES = [
    Case("templates", table(f"""
        {RULE}  v2-template      PASS
        {RULE}  legacy-template  FAIL
        {RULE}  moved-template   PASS
    """)),
    Case("denied", table(f"""
        {RULE}  ec2-launch-templates in us-east-1  UNKNOWN
    """), denied=(("ec2", "DescribeLaunchTemplateVersions"),),
        unknown_reason="AccessDenied: ec2:DescribeLaunchTemplateVersions (ec2-launch-templates in us-east-1)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_launch_templates(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    check(scan(session, "ec2-launch-templates", CANARY), case)


def test_throttled_listing_is_unknown(session: boto3.Session) -> None:
    seed(session)
    case = Case("throttled", CASES[1].expected, denied=CASES[1].denied, unknown_reason=(
        "Throttled (retries exhausted): ec2:DescribeLaunchTemplateVersions (ec2-launch-templates in us-east-1)"))
    apply_denials(session, case, code="RequestLimitExceeded", status=503)
    check(scan(session, "ec2-launch-templates", CANARY), case)
