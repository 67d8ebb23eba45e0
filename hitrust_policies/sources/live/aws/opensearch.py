"""Where an OpenSearch Service domain becomes a `DatabaseInstance`, its node-to-node traffic a `NodeTransport`
and its audit log a `DatabaseAuditing`
(`aws_search_cache`): ``ListDomainNames``, then ``DescribeDomains`` five domains a call, and ``DescribeKey`` once per
key to tell a customer's key from the AWS-managed ``aws/es`` one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import DatabaseAuditing, DatabaseInstance, DatabaseTransport, NodeTransport
from hitrust_policies.sources import aws_search_cache as search
from hitrust_policies.sources.live.aws.collector import Ctx, collector
from hitrust_policies.sources.live.aws.kms_keys import KeyManagers

BATCH = 5  # DescribeDomains' limit


@collector("opensearch-domains", service="opensearch",
           kinds=(DatabaseInstance, DatabaseAuditing, NodeTransport, DatabaseTransport),
           calls=("opensearch:ListDomainNames", "opensearch:DescribeDomains", "kms:DescribeKey"))
def opensearch_domains(ctx: Ctx) -> Iterator[Any]:
    client = ctx.client("opensearch")
    keys = KeyManagers(ctx)
    names = [d["DomainName"] for d in client.list_domain_names().get("DomainNames", [])]
    for start in range(0, len(names), BATCH):
        for domain in client.describe_domains(DomainNames=names[start:start + BATCH]).get("DomainStatusList", []):
            yield from _domain(ctx, keys, domain)


def _domain(ctx: Ctx, keys: KeyManagers, domain: dict[str, Any],
            ) -> Iterator[Any]:
    name = domain["DomainName"]
    ref = ctx.ref(search.OPENSEARCH_TYPE, domain.get("ARN") or ctx.arn("es", f"domain/{name}"), name)
    at_rest = domain.get("EncryptionAtRestOptions") or {}
    encrypted = bool(at_rest.get("Enabled"))
    vpc = domain.get("VPCOptions") or {}
    engine = search.search_engine(domain.get("EngineVersion"))
    yield DatabaseInstance(
        ref=ref,
        engine=engine,
        storage_encrypted=encrypted,
        publicly_accessible=search.search_public(bool(vpc.get("VPCId") or vpc.get("SubnetIds")),
                                                 domain.get("AccessPolicies")),
        kms_key_customer_managed=keys.key_is_customers(at_rest.get("KmsKeyId"), ctx.region) if encrypted else False,
        directory_auth=True,
    )
    yield DatabaseTransport(ref=ref, engine=engine,
                            tls_required=bool((domain.get("DomainEndpointOptions") or {}).get("EnforceHTTPS")))
    yield NodeTransport(ref=ref, engine=engine,
                        encrypted=bool((domain.get("NodeToNodeEncryptionOptions") or {}).get("Enabled")))
    audit = (domain.get("LogPublishingOptions") or {}).get("AUDIT_LOGS") or {}
    yield DatabaseAuditing(ref=ref, enabled=bool(audit.get("Enabled")), storage_retention_days=None)
