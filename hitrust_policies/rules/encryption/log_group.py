"""Encryption of log stores that hold audit data."""

from hitrust_policies.model import LogGroup, every
from hitrust_policies.rules.registry import rule


@rule(
    "enc-log-group-audit-kms",
    title="Log groups holding audit data are encrypted with a KMS key",
    domain="encryption",
    severity="medium",
    remediation={
        "aws": "Associate a customer-managed KMS key with the log group (kmsKeyId / AssociateKmsKey) and "
        "let the audit readers, not the application teams, use it.",
        "azure": "Link the workspace to a dedicated Log Analytics cluster encrypted with a customer-managed Key "
        "Vault key (az monitor log-analytics cluster update --key-name ... ; az monitor log-analytics workspace "
        "linked-service create --name cluster), or send the audit logs to a workspace that is.",
        "gcp": "A log bucket's CMEK is set when it is created: set a default Cloud KMS key for new log buckets "
               "(gcloud logging settings update --organization=ORG --kms-key-name=KEY; new projects' _Required "
               "and _Default buckets use it) and route audit logs with a sink to a bucket created with "
               "--cmek-kms-key-name.",
    },
)
def enc_log_group_audit_kms(group: LogGroup):
    """Audit logs say who touched PHI; a key of their own adds an access check and its own audit.

    AWS Config cloudwatch-log-group-encrypted and Prowler
    cloudwatch_log_group_kms_encryption_enabled ask this of every log group. CloudWatch Logs
    already encrypts every group at rest with service keys, so for an application's own logs
    the key is defence in depth, not the control the issue asks for; this rule holds the groups
    an audit source delivers to (a trail's, a flow log's) to it, like enc-audit-trail-kms holds
    the trail's files. Whether a group holds audit data is a fact the sources join; when it
    cannot be told, a group without a key is UNKNOWN. On Azure a Log Analytics workspace has a key
    of its own only through the dedicated cluster it is linked to (Azure Policy "Azure Monitor Logs
    clusters should be encrypted with customer-managed key", 1f68a601-6e6d-4e42-babf-3f643a047ea2);
    it holds audit data when the activity log or a flow log's traffic analytics delivers there.
    cannot be told, a group without a key is UNKNOWN. On Google Cloud the ``_Required`` and
    ``_Default`` log buckets hold a project's audit logs.
    """
    # Kleene AND: a key, or no audit data, settles it whichever fact is unknown
    if every((lambda: group.holds_audit_data, lambda: not group.kms_key), lambda fact: fact()):
        return "log group holds audit data and is not encrypted with a KMS key"
