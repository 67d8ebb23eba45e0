"""OpenSearch Service domains and ElastiCache replication groups as `DatabaseInstance`s: facts shared by the live
and Pulumi AWS sources.

**OpenSearch.** Storage encryption is ``EncryptionAtRestOptions.Enabled`` with its ``KmsKeyId`` (the AWS-managed
``aws/es`` key unless the customer's); node-to-node encryption ``NodeToNodeEncryptionOptions.Enabled``; plaintext
clients are refused when ``DomainEndpointOptions.EnforceHTTPS`` is on. A domain is public when it has no
``VPCOptions`` (its endpoint is on the internet) and its access policy lets any principal in (`public_grants`:
``Principal "*"`` with no condition naming accounts, organizations or networks), as AWS Config
opensearch-in-vpc-only and Prowler opensearch_service_domains_not_publicly_accessible read it. Every domain
authenticates requests signed by IAM identities (SigV4, granted by its access policy): directory authentication
is always available. Its audit log is the ``AUDIT_LOGS`` entry of ``LogPublishingOptions`` (AWS Config
opensearch-audit-logging-enabled).

**ElastiCache.** A replication group's storage encryption is ``AtRestEncryptionEnabled`` (``KmsKeyId`` absent:
the service's default key, not the customer's); ``TransitEncryptionEnabled`` encrypts client and replication
traffic, and refuses plaintext clients unless ``TransitEncryptionMode`` is ``preferred`` (the migration mode
that accepts both). Nodes have no public endpoint (VPC only): never publicly accessible. Whether its users log in
with IAM is a property of each user of its user groups, not read here: directory authentication is not judged
(None).
"""

from __future__ import annotations

from typing import Any

from hitrust_policies.model.facts import Unknown
from hitrust_policies.sources.aws_iam_policy import public_grants

OPENSEARCH_TYPE = "AWS::OpenSearchService::Domain"
ELASTICACHE_TYPE = "AWS::ElastiCache::ReplicationGroup"


def search_engine(version: Any) -> Any:
    """``OpenSearch_2.11`` -> ``opensearch``, ``Elasticsearch_7.10`` -> ``elasticsearch``.

    >>> search_engine("Elasticsearch_7.10"), search_engine("OpenSearch_2.11"), search_engine(None)
    ('elasticsearch', 'opensearch', 'opensearch')
    """
    if isinstance(version, Unknown):
        return version
    return "elasticsearch" if str(version or "").lower().startswith("elasticsearch") else "opensearch"


def search_public(in_vpc: Any, access_policy: Any) -> bool | Unknown:
    """Is the domain reachable by anyone? Inside a VPC: no; outside, when its policy admits any principal.

    >>> anyone = '{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:*", "Resource": "*"}]}'
    >>> search_public(True, anyone), search_public(False, anyone), search_public(False, ""), search_public(False, None)
    (False, True, False, False)
    """
    if isinstance(in_vpc, Unknown):
        return in_vpc
    if in_vpc:
        return False
    grants = public_grants(access_policy or None)
    return grants if isinstance(grants, Unknown) else bool(grants)


def cache_engine(engine: Any) -> Any:
    """The replication group's engine, ``redis`` when not stated (the only engine of older groups)."""
    return engine if isinstance(engine, Unknown) else str(engine or "redis").lower()


def cache_tls_required(transit: Any, mode: Any) -> bool | Unknown:
    """Does the group refuse plaintext clients? Transit encryption on, and not in ``preferred`` mode.

    >>> cache_tls_required(True, "required"), cache_tls_required(True, None), cache_tls_required(True, "preferred")
    (True, True, False)
    >>> cache_tls_required(False, None)
    False
    """
    if isinstance(transit, Unknown):
        return transit
    if not transit:
        return False
    if isinstance(mode, Unknown):
        return mode
    return str(mode or "required").lower() != "preferred"
