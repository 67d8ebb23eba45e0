"""The scanner's least-privilege IAM policy, derived from what the collectors declare.

``scanners/aws/iam-policy.json`` is this function's output, committed; a test keeps the
two equal, and the read-only test checks every call the scan makes is in it.
"""

from __future__ import annotations

from typing import Any

from hitrust_policies.sources.live.aws.accounts import CONFIG_CALLS
from hitrust_policies.sources.live.aws.collector import all_collectors, iam_action

# Calls the scan itself makes outside collectors.
SCAN_CALLS = ("sts:GetCallerIdentity", "ec2:DescribeRegions")


def required_calls() -> list[str]:
    """Every botocore ``service:Operation`` a scan may make."""
    calls = set(SCAN_CALLS)
    for c in all_collectors():
        calls.update(c.calls)
    return sorted(calls)


def iam_policy() -> dict[str, Any]:
    actions = sorted({iam_action(call) for call in required_calls()} - {"sts:GetCallerIdentity"})
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "HitrustPoliciesReadOnlyScan",
                "Effect": "Allow",
                "Action": actions,
                "Resource": "*",
            }
        ],
    }


def caller_policy(role_name: str = "hitrust-scanner") -> dict[str, Any]:
    """What the scanning principal needs for ``--accounts`` / ``--organization``: to assume the member
    role, to list the organization's accounts, to read the organization's centralized root access
    features (member accounts cannot; without it their root MFA verdict may stay UNKNOWN), and, for
    ``--config-aggregator``, to query the AWS Config aggregator and its sources' status."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "AssumeScannerRole", "Effect": "Allow", "Action": ["sts:AssumeRole"],
             "Resource": f"arn:aws:iam::*:role/{role_name}"},
            {"Sid": "ListOrganizationAccounts", "Effect": "Allow", "Action": ["organizations:ListAccounts"],
             "Resource": "*"},
            {"Sid": "ReadOrganizationRootAccess", "Effect": "Allow", "Action": ["iam:ListOrganizationsFeatures"],
             "Resource": "*"},
            {"Sid": "ReadConfigAggregator", "Effect": "Allow", "Action": sorted(CONFIG_CALLS), "Resource": "*"},
        ],
    }
