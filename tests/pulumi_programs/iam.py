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


ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess"
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
ADMIN_DOC = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
ALL_BUT_IAM = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}
NOTHING = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "NotResource": "*"}]}
EVERY_ARN = {"Version": "2012-10-17",
             "Statement": [{"Effect": "Allow", "Action": "*:*", "Resource": "arn:aws:*:*:*:*"}]}
DEPLOY = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::releases/*"}]}


def admin_grants() -> None:
    """Admin granted every way pulumi-aws allows, beside grants that must pass."""
    import pulumi_aws as aws

    deployer = aws.iam.Role("ci-deployer", name="ci-deployer", assume_role_policy=TRUST, inline_policies=[
        {"name": "deploy", "policy": json.dumps(DEPLOY)},
        {"name": "escape-hatch", "policy": json.dumps(NOTHING)},  # Allow * with NotResource *: grants nothing
    ])
    aws.iam.RolePolicyAttachment("ci-deployer-admin", role=deployer.name, policy_arn=ADMIN_ARN)
    app = aws.iam.Role("app", name="app", assume_role_policy=TRUST)
    aws.iam.RolePolicy("app-all-but-iam", name="all-but-iam", role=app.id, policy=json.dumps(ALL_BUT_IAM))
    every_arn = aws.iam.Policy("every-arn", name="every-arn", policy=json.dumps(EVERY_ARN))
    aws.iam.RolePolicyAttachment("app-every-arn", role=app.name, policy_arn=every_arn.arn)
    aws.iam.Role("break-glass", name="break-glass", assume_role_policy=TRUST, managed_policy_arns=[ADMIN_ARN])
    ops = aws.iam.User("ops", name="ops")
    aws.iam.UserPolicy("ops-everything", name="ops-everything", user=ops.name, policy=json.dumps(ADMIN_DOC))
    aws.iam.UserPolicyAttachment("ops-admin", user=ops.name, policy_arn=ADMIN_ARN)
    auditor = aws.iam.User("auditor", name="auditor")
    aws.iam.UserPolicyAttachment("auditor-read", user=auditor.name,
                                 policy_arn="arn:aws:iam::aws:policy/SecurityAudit")
    admins = aws.iam.Group("admins", name="admins")
    aws.iam.GroupPolicy("admins-all-but-iam", name="all-but-iam", group=admins.name, policy=json.dumps(ALL_BUT_IAM))
    aws.iam.GroupPolicyAttachment("admins-admin", group=admins.name, policy_arn=ADMIN_ARN)
    aws.iam.PolicyAttachment("oncall-admin", name="oncall-admin", users=[auditor.name], policy_arn=ADMIN_ARN)


def grant_computed_at_preview() -> None:
    """An inline policy whose document waits for the role's own ARN: UNKNOWN at preview, judged after."""
    import pulumi_aws as aws

    role = aws.iam.Role("publisher", name="publisher", assume_role_policy=TRUST)
    aws.iam.RolePolicy("publish", name="publish", role=role.name, policy=role.arn.apply(lambda arn: json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": arn}]})))


def narrower_grants() -> None:
    """A whole service and decryption with every key, granted by a customer policy, a role's own inline list
    and a RolePolicy; beside them the same services scoped to named resources, and a key ARN computed at
    preview (judged once known)."""
    import pulumi_aws as aws

    aws.iam.Policy("s3-everything", name="s3-everything", policy=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
    aws.iam.Policy("s3-one-bucket", name="s3-one-bucket", policy=json.dumps(
        {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::phi", "arn:aws:s3:::phi/*"]}]}))
    etl = aws.iam.Role("etl", name="etl", assume_role_policy=TRUST, inline_policies=[
        {"name": "keys", "policy": json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]})}])
    aws.iam.RolePolicy("etl-decrypt", name="decrypt-anything", role=etl.id, policy=json.dumps(
        {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}]}))
    key = aws.kms.Key("records", description="records")
    aws.iam.RolePolicy("etl-one-key", name="decrypt-one-key", role=etl.id, policy=key.arn.apply(
        lambda arn: json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": arn}]})))


def role_trusts() -> None:
    """Roles anyone may assume (AWS "*", "*"), beside a partner role behind an external id, a service role and a
    role trusting a user whose ARN is computed at preview."""
    import pulumi_aws as aws

    def trust(principal, condition=None) -> str:
        statement = {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}
        return json.dumps({"Version": "2012-10-17", "Statement": [
            {**statement, "Condition": condition} if condition else statement]})

    aws.iam.Role("open-door", name="open-door", assume_role_policy=trust({"AWS": "*"}))
    aws.iam.Role("star-principal", name="star-principal", assume_role_policy=trust("*"))
    aws.iam.Role("partner", name="partner", assume_role_policy=trust(
        {"AWS": "*"}, {"StringEquals": {"sts:ExternalId": "7f3c9a"}}))
    aws.iam.Role("lambda-exec", name="lambda-exec", assume_role_policy=trust({"Service": "lambda.amazonaws.com"}))
    ops = aws.iam.User("ops", name="ops")
    aws.iam.Role("ops-elevate", name="ops-elevate", assume_role_policy=ops.arn.apply(lambda arn: trust({"AWS": arn})))
