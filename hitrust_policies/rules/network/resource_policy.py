"""Resources whose own policy lets anyone in."""

from hitrust_policies.model import ResourcePolicy
from hitrust_policies.rules.registry import rule


@rule(
    "net-resource-policy-not-public",
    title="Functions, queues, topics, repositories and secrets are not open to any principal",
    domain="network",
    severity="critical",
    remediation={
        "aws": "Remove the resource policy statement that allows Principal \"*\" (or {\"AWS\": \"*\"}), or narrow it "
        "with a condition on aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount / aws:SourceArn or "
        "aws:SourceVpce (aws lambda remove-permission; aws sqs set-queue-attributes Policy; aws sns "
        "set-topic-attributes Policy; aws ecr set-repository-policy; aws secretsmanager put-resource-policy); in "
        "pulumi-aws, the lambda.Permission, sqs.QueuePolicy, sns.TopicPolicy, ecr.RepositoryPolicy or "
        "secretsmanager.SecretPolicy (or the queue's / topic's policy).",
    },
)
def net_resource_policy_not_public(resource: ResourcePolicy):
    """A function anyone may invoke, a queue or topic anyone may read or publish to, a repository anyone may
    pull and a secret anyone may read expose PHI, or the means to reach it, to every AWS account in the world.

    Follows AWS Config ``lambda-function-public-access-prohibited`` and ``sns-topic-policy-no-public-access``
    (Security Hub Lambda.1, SNS.x), Prowler ``awslambda_function_not_publicly_accessible``,
    ``sqs_queues_not_publicly_accessible``, ``sns_topics_not_publicly_accessible``,
    ``ecr_repositories_not_publicly_accessible`` and ``secretsmanager_not_publicly_accessible``: a statement
    allowing ``"*"`` narrowed by a condition naming accounts, organizations, callers or networks with fixed
    values (no wildcard, no policy variable) is not public, as ``net-crypto-key-not-public`` judges key policies.
    """
    if resource.public_principals:
        return f"the {resource.resource_type}'s policy grants the public: {'; '.join(resource.public_principals)}"
