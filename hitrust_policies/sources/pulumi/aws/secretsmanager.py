"""Secrets Manager secrets (``aws:secretsmanager/secret:Secret``) joined with the rotation configured for them
(``aws:secretsmanager/secretRotation:SecretRotation``, whose ``secretId`` names the secret by ARN or name).

No ``kmsKeyId``: the AWS-managed ``aws/secretsmanager`` key; a key this stack creates is the customer's.
A rotation whose ``secretId`` is unknown and carries no dependency might be this secret's: UNKNOWN.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import KMS, ManagedSecret, Unknown
from hitrust_policies.sources.pulumi.aws.s3 import key_customer_managed
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource, urn_type
from hitrust_policies.sources.pulumi.stack import Stack

SECRET, ROTATION = "aws:secretsmanager/secret:Secret", "aws:secretsmanager/secretRotation:SecretRotation"


def _rotation(secret: PulumiResource, stack: Stack) -> Any:
    sure, maybe = stack.referrers(secret, (ROTATION,), "secretId", ("arn", "name"))
    if sure:
        return True
    # a secretId computed from resources other than secrets (a name built in an apply) may still name this one
    maybe += [r for r in stack.of_type(ROTATION) if isinstance(r.props.get("secretId"), Unknown)
              and not any(urn_type(u) == SECRET for u in r.property_dependencies.get("secretId", ()))]
    if maybe:
        return Unknown(f"secretId of {maybe[0].logical_name} is unknown: it may rotate this secret")
    return False


@pulumi_adapter(SECRET, produces=ManagedSecret, joins=True)
def secret(res: PulumiResource, stack: Stack) -> Iterator[ManagedSecret]:
    key = res.props.get("kmsKeyId")
    yield ManagedSecret(
        ref=res.ref("name"),
        rotation_enabled=_rotation(res, stack),
        kms_key_customer_managed=key_customer_managed(KMS, key, res.property_dependencies.get("kmsKeyId", ()), stack),
    )
