"""Who a resource's own policy lets in: resource policies and role trust policies."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class ResourcePolicy:
    """A resource whose own access policy may let principals of other accounts, or anyone, use it (a Lambda
    function, an SQS queue, an SNS topic, an ECR repository, a Secrets Manager secret).

    ``resource_type`` names what it is (``"lambda function"``, ``"queue"``...). ``public_principals``
    names each grant of that policy any principal may use, signed in to the cloud or not (an AWS policy
    statement allowing ``"*"`` without a condition naming accounts, organizations, callers or networks);
    empty when there is none, or no policy (the service's default: the owning account only). Yielded by the
    AWS sources; keys are `CryptoKey`s (``public_principals`` there) and buckets `ObjectStore`s.
    """

    ref: ResourceRef
    resource_type: str
    public_principals: tuple[str, ...] | Unknown


@dataclass(frozen=True, slots=True)
class RoleTrust:
    """Who may take on a role's permissions: the role's trust policy (an AWS IAM role's assume-role policy).

    ``public_principals`` names each trust statement any principal, of any account, may use to assume the
    role (``"*"`` or ``{"AWS": "*"}`` with no condition naming accounts, organizations, callers or an
    external id). Yielded by the AWS sources.
    """

    ref: ResourceRef
    public_principals: tuple[str, ...] | Unknown
