"""OpenSearch domains (``aws:opensearch/domain:Domain``) and ElastiCache replication groups
(``aws:elasticache/replicationGroup:ReplicationGroup``) as `DatabaseInstance`s (`aws_search_cache`).

Provider defaults (hashicorp/aws, which pulumi-aws v7 is built from): a domain without an ``encryptAtRest`` block
is not encrypted, ``nodeToNodeEncryption`` is off unless enabled, ``domainEndpointOptions.enforceHttps`` is true once
the block is written (without the block the service's own default applies, not visible here: unknown). A domain
with ``vpcOptions`` is inside a VPC; its access policy is ``accessPolicies`` or an
``aws:opensearch/domainPolicy:DomainPolicy`` naming it (joined). Audit logs: a ``logPublishingOptions`` entry of
type ``AUDIT_LOGS`` not disabled. A key the stack creates is the customer's.

A replication group is encrypted at rest when ``atRestEncryptionEnabled`` says so, by default only with the
``valkey`` engine; ``transitEncryptionEnabled`` is off unless set.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from hitrust_policies.model import KMS, DatabaseAuditing, DatabaseInstance, DatabaseTransport, NodeTransport, Unknown
from hitrust_policies.sources import aws_search_cache as sc
from hitrust_policies.sources.pulumi.aws.s3 import key_customer_managed
from hitrust_policies.sources.pulumi.props import to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

DOMAIN = "aws:opensearch/domain:Domain"
DOMAIN_POLICY = "aws:opensearch/domainPolicy:DomainPolicy"
REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup"


def _key(res: PulumiResource, stack: Stack, encrypted: Any, prop: str) -> Any:
    if encrypted is not True:
        return encrypted
    return key_customer_managed(KMS, res.props.get(prop), res.property_dependencies.get(prop.split(".")[0], ()),
                                stack)


def _access_policy(res: PulumiResource, stack: Stack) -> Any:
    own = res.props.get("accessPolicies")
    sure, maybe = stack.referrers(res, (DOMAIN_POLICY,), "domainName", ("domainName",))
    if sure:
        return sure[0].props.get("accessPolicies")
    if maybe:
        return Unknown(f"domainName of {maybe[0].logical_name} is computed at preview")
    return own


def _audit(res: PulumiResource) -> Any:
    entries = res.props.get("logPublishingOptions")
    if isinstance(entries, Unknown):
        return entries
    for entry in entries or ():
        if isinstance(entry, Mapping) and entry.get("logType") == "AUDIT_LOGS":
            return to_bool(entry.get("enabled"), True)
    return False


@pulumi_adapter(DOMAIN, produces=(DatabaseInstance, DatabaseAuditing, NodeTransport, DatabaseTransport),
                joins=True)
def domain(res: PulumiResource, stack: Stack) -> Iterator[Any]:
    ref = res.ref("domainName")
    engine = sc.search_engine(res.props.get("engineVersion"))
    encrypted = to_bool(res.props.get("encryptAtRest.enabled"), False)
    vpc = res.props.get("vpcOptions")
    endpoint = res.props.get("domainEndpointOptions")
    yield DatabaseInstance(
        ref=ref,
        engine=engine,
        storage_encrypted=encrypted,
        publicly_accessible=sc.search_public(vpc if isinstance(vpc, Unknown) else bool(vpc),
                                             _access_policy(res, stack)),
        kms_key_customer_managed=_key(res, stack, encrypted, "encryptAtRest.kmsKeyId"),
        directory_auth=True,
    )
    yield DatabaseTransport(ref=ref, engine=engine, tls_required=(
        endpoint if isinstance(endpoint, Unknown) else
        Unknown("domainEndpointOptions not set: the service's default for enforceHttps applies")
        if endpoint is None else to_bool(res.props.get("domainEndpointOptions.enforceHttps"), True)))
    yield NodeTransport(ref=ref, engine=engine, encrypted=to_bool(res.props.get("nodeToNodeEncryption.enabled"), False))
    yield DatabaseAuditing(ref=ref, enabled=_audit(res), storage_retention_days=None)


@pulumi_adapter(REPLICATION_GROUP, produces=(DatabaseInstance, NodeTransport, DatabaseTransport), joins=True)
def replication_group(res: PulumiResource, stack: Stack) -> Iterator[Any]:
    engine = sc.cache_engine(res.props.get("engine"))
    default = engine if isinstance(engine, Unknown) else engine == "valkey"
    encrypted = to_bool(res.props.get("atRestEncryptionEnabled"), default)
    transit = to_bool(res.props.get("transitEncryptionEnabled"), False)
    key = res.props.get("kmsKeyId")
    ref = res.ref("replicationGroupId")
    yield DatabaseInstance(
        ref=ref,
        engine=engine,
        storage_encrypted=encrypted,
        publicly_accessible=False,
        kms_key_customer_managed=_key(res, stack, encrypted, "kmsKeyId") if key is not None else (
            encrypted if isinstance(encrypted, Unknown) else False),
        directory_auth=None,
    )
    yield DatabaseTransport(ref=ref, engine=engine,
                            tls_required=sc.cache_tls_required(transit, res.props.get("transitEncryptionMode")))
    yield NodeTransport(ref=ref, engine=engine, encrypted=transit)
