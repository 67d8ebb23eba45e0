"""Adapters for pulumi-aws v7, one module per AWS service; importing registers them all."""

from hitrust_policies.sources.pulumi.aws import (  # noqa: F401
    cloudtrail,
    cloudwatch,
    config,
    ebs,
    ec2,
    efs,
    eks,
    guardduty,
    iam,
    instance,
    kinesis,
    kms,
    lambda_url,
    lb,
    rds,
    redshift,
    s3,
    sns,
    sqs,
    subnet,
)
