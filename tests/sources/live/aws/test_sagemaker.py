"""SageMaker notebook instances through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

KMS, NET, ROOT = "enc-notebook-kms", "net-notebook-no-direct-internet", "iam-notebook-root-access-disabled"
ROLE = "arn:aws:iam::123456789012:role/notebooks"


def seed(session: boto3.Session) -> None:
    """locked-nb: customer key, in a subnet without direct internet, no root; default-nb: every setting left to
    SageMaker's defaults (its own key, direct internet, root)."""
    ec2 = session.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.9.1.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="nb-sg", Description="notebooks", VpcId=vpc)["GroupId"]
    key = session.client("kms").create_key(Description="notebooks")["KeyMetadata"]["Arn"]
    sm = session.client("sagemaker")
    sm.create_notebook_instance(NotebookInstanceName="locked-nb", InstanceType="ml.t3.medium", RoleArn=ROLE,
                                KmsKeyId=key, SubnetId=subnet, SecurityGroupIds=[group],
                                DirectInternetAccess="Disabled", RootAccess="Disabled")
    sm.create_notebook_instance(NotebookInstanceName="default-nb", InstanceType="ml.t3.medium", RoleArn=ROLE)


CASES = [
    Case("notebooks", table(f"""
        {KMS}   locked-nb   PASS
        {NET}   locked-nb   PASS
        {ROOT}  locked-nb   PASS
        {KMS}   default-nb  FAIL
        {NET}   default-nb  FAIL
        {ROOT}  default-nb  FAIL
    """)),
    Case("describe-denied", table(f"""
        {KMS}   locked-nb   UNKNOWN
        {NET}   locked-nb   UNKNOWN
        {ROOT}  locked-nb   UNKNOWN
        {KMS}   default-nb  UNKNOWN
        {NET}   default-nb  UNKNOWN
        {ROOT}  default-nb  UNKNOWN
    """), denied=(("sagemaker", "DescribeNotebookInstance"),),
        unknown_reason="AccessDenied: sagemaker:DescribeNotebookInstance"),
    Case("listing-denied", table(f"""
        {KMS}   sagemaker-notebook-instances in us-east-1  UNKNOWN
        {NET}   sagemaker-notebook-instances in us-east-1  UNKNOWN
        {ROOT}  sagemaker-notebook-instances in us-east-1  UNKNOWN
    """), denied=(("sagemaker", "ListNotebookInstances"),),
        unknown_reason="AccessDenied: sagemaker:ListNotebookInstances (sagemaker-notebook-instances in us-east-1)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_notebook_instances(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    check(scan(session, "sagemaker-notebook-instances", CANARY), case)


def test_throttled_describe_is_unknown(session: boto3.Session) -> None:
    seed(session)
    case = Case("throttled", CASES[1].expected, denied=CASES[1].denied,
                unknown_reason="Throttled (retries exhausted): sagemaker:DescribeNotebookInstance")
    apply_denials(session, case, code="ThrottlingException", status=400)
    check(scan(session, "sagemaker-notebook-instances", CANARY), case)
