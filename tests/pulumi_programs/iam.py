"""Users, customer-managed policies, the password policy, KMS keys."""

import json


def users_and_policies() -> None:
    import pulumi_aws as aws

    admin = aws.iam.Policy("admin", name="full-admin", policy=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
    aws.iam.Policy("reader", name="phi-reader", policy=json.dumps(
        {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::phi-records/*"]},
            {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
        ]}))
    alice = aws.iam.User("alice", name="alice")
    aws.iam.UserPolicyAttachment("alice-admin", user=alice.name, policy_arn=admin.arn)
    aws.iam.UserPolicy("alice-inline", name="alice-extra", user=alice.name, policy=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}))
    aws.iam.User("bob", name="bob")
    group = aws.iam.Group("readers", name="readers")
    aws.iam.GroupPolicyAttachment("readers-read", group=group.name,
                                  policy_arn="arn:aws:iam::aws:policy/ReadOnlyAccess")


def password_policies() -> None:
    import pulumi_aws as aws

    aws.iam.AccountPasswordPolicy("weak", minimum_password_length=8, require_numbers=True)


def strong_password_policy() -> None:
    import pulumi_aws as aws

    aws.iam.AccountPasswordPolicy(
        "strong", minimum_password_length=16, require_uppercase_characters=True,
        require_lowercase_characters=True, require_numbers=True, require_symbols=True,
        max_password_age=90, password_reuse_prevention=24,
    )


def keys() -> None:
    import pulumi_aws as aws

    aws.kms.Key("rotating", enable_key_rotation=True)
    aws.kms.Key("static")
    aws.kms.Key("signing", customer_master_key_spec="RSA_2048", key_usage="SIGN_VERIFY")
