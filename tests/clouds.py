"""Which rules the AWS sources (live scanner, pulumi-aws pack) can evaluate.

Kinds with no AWS counterpart are listed here once, so the AWS-wide meta-tests judge every other
rule and a new rule over an AWS-less kind is a deliberate, visible choice.
"""

from __future__ import annotations

from hitrust_policies import all_rules
from hitrust_policies.model import (
    AccountOwners,
    AnalyticsDataset,
    DnsZone,
    InfrastructureEncryption,
    InstanceAccess,
    LocalAuth,
    LogArchive,
    LogExport,
    MemberRoles,
    MySqlSettings,
    NetworkWatcher,
    PostgresSettings,
    SecretStore,
    ServiceAccountKey,
    ServiceFirewall,
    SqlServerSettings,
    Subnet,
    VaultObject,
    WebApp,
)
from hitrust_policies.rules.registry import Rule

# Azure Key Vault recoverability / permission model / audit logging, key and secret expiry; storage and key
# vault network ACLs; Network Watcher; subscription Owners; services' own keys; subnet
# NSGs; App Service deployment / debugging endpoints; storage infrastructure (double) encryption.
AZURE_ONLY_KINDS: frozenset[type] = frozenset({SecretStore, ServiceFirewall, NetworkWatcher,
                                               AccountOwners, VaultObject, LocalAuth, Subnet, WebApp,
                                               InfrastructureEncryption})
# Cloud Logging sinks (copies of every log entry routed out: CIS GCP 2.2); Compute Engine sign-in, serial
# console and default service account (CIS GCP 4.1 - 4.5).
GCP_ONLY_KINDS: frozenset[type] = frozenset({LogExport, InstanceAccess})
# BigQuery datasets (Redshift / Glue Data Catalog databases and Synapse SQL pools could yield them later);
# Cloud DNS zones (Route 53 hosted zones and Azure DNS zones could yield them later).
GCP_ONLY_KINDS |= {AnalyticsDataset, DnsZone}
# Log sinks into buckets (CloudTrail's S3 bucket with Object Lock could yield them later).
GCP_ONLY_KINDS |= {LogArchive}
# Database engines' own settings (Cloud SQL database flags: CIS GCP 6.x); Azure flexible servers' server
# parameters and RDS parameter groups can yield them later.
GCP_ONLY_KINDS |= {PostgresSettings, SqlServerSettings, MySqlSettings}
# Roles per member of a project, folder or organization (separation of duties, project-wide impersonation:
# CIS GCP 1.6, 1.8, 1.11); service-account keys, user- or Google-managed (CIS GCP 1.4).
GCP_ONLY_KINDS |= {MemberRoles, ServiceAccountKey}


def aws_rules() -> list[Rule]:
    """Every rule over a kind AWS has."""
    return [r for r in all_rules() if r.kind not in AZURE_ONLY_KINDS | GCP_ONLY_KINDS]


def azure_only_rule_ids() -> set[str]:
    return {r.id for r in all_rules() if r.kind in AZURE_ONLY_KINDS}


def gcp_only_rule_ids() -> set[str]:
    return {r.id for r in all_rules() if r.kind in GCP_ONLY_KINDS}
