"""What a DynamoDB table's server-side encryption says, for the live and Pulumi sources alike.

Every table is encrypted at rest: with an AWS owned key when ``SSEDescription`` is absent (or the
program's ``serverSideEncryption`` is not enabled), with the AWS-managed ``aws/dynamodb`` KMS key when
KMS is chosen without a key, or with the KMS key named (``KMSMasterKeyArn`` / ``kmsKeyArn``).
Access always goes through IAM-signed API calls: directory authentication is always on, and there is no
endpoint of the table's own to make public.
"""

from __future__ import annotations

ENGINE = "dynamodb"
NATIVE_TYPE = "AWS::DynamoDB::Table"
