"""Where Secrets Manager secrets become `ManagedSecret` values: one paginated ``ListSecrets`` carries each
secret's rotation switch and key, so no per-secret call is made; a key named by id or ARN is resolved to
customer- or AWS-managed with ``DescribeKey``, once per key (`kms_keys`). A secret without ``KmsKeyId`` is
encrypted with the AWS-managed ``aws/secretsmanager`` key."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import ManagedSecret
from hitrust_policies.sources.live.aws.collector import Ctx, collector
from hitrust_policies.sources.live.aws.kms_keys import KeyManagers


@collector("secretsmanager-secrets", service="secretsmanager", kinds=(ManagedSecret,),
           calls=("secretsmanager:ListSecrets", "kms:DescribeKey"))
def secrets(ctx: Ctx) -> Iterator[ManagedSecret]:
    keys = KeyManagers(ctx)
    for s in ctx.paginate("secretsmanager", "ListSecrets", "SecretList"):
        name = s["Name"]
        yield ManagedSecret(
            ref=ctx.ref("AWS::SecretsManager::Secret", s.get("ARN") or ctx.arn("secretsmanager", f"secret:{name}"),
                        name),
            rotation_enabled=bool(s.get("RotationEnabled")),
            kms_key_customer_managed=keys.key_is_customers(s.get("KmsKeyId"), ctx.region),
        )
