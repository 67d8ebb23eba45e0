"""A Lambda behind an HTTP API over a DynamoDB table.

Resource objects passed as inputs (``role=lambda_role``, ``function=handler``), a trust
policy from ``get_policy_document``, a role policy built with ``Output.json_dumps`` from
the table's ARN, ARNs assembled from the caller identity, region and partition with
``Output.format``, and ``depends_on``.
"""

import pulumi


def program() -> None:
    import pulumi_aws as aws

    identity = aws.get_caller_identity()
    region = aws.get_region()
    partition = aws.get_partition()

    table = aws.dynamodb.Table("counter", attributes=[{"name": "Id", "type": "S"}], hash_key="Id",
                               billing_mode="PAY_PER_REQUEST", server_side_encryption={"enabled": True})

    trust = aws.iam.get_policy_document(statements=[aws.iam.GetPolicyDocumentStatementArgs(
        actions=["sts:AssumeRole"],
        principals=[aws.iam.GetPolicyDocumentStatementPrincipalArgs(type="Service",
                                                                    identifiers=["lambda.amazonaws.com"])])])
    lambda_role = aws.iam.Role("lambda-role", assume_role_policy=trust.json)
    aws.iam.RolePolicyAttachment("lambda-logs", role=lambda_role,  # the role object itself, not its name
                                 policy_arn=aws.iam.ManagedPolicy.AWS_LAMBDA_BASIC_EXECUTION_ROLE)
    table_access = aws.iam.RolePolicy("table-access", role=lambda_role.id, policy=pulumi.Output.json_dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Resource": table.arn,
                       "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]}]}))

    log_group = aws.cloudwatch.LogGroup(
        "handler-logs", retention_in_days=30,
        name=pulumi.Output.format("/aws/lambda/counter-{0}", pulumi.get_stack()))
    handler = aws.lambda_.Function(
        "handler", runtime="python3.12", handler="app.handler", role=lambda_role.arn,
        code=pulumi.AssetArchive({"app.py": pulumi.StringAsset("def handler(e, c):\n    return 200\n")}),
        environment={"variables": {"TABLE": table.name}},
        opts=pulumi.ResourceOptions(depends_on=[table_access, log_group]))

    api = aws.apigatewayv2.Api("http-api", protocol_type="HTTP", route_key="GET /", target=handler.invoke_arn)
    aws.lambda_.Permission(
        "api-invoke", action="lambda:InvokeFunction", principal="apigateway.amazonaws.com",
        function=handler,  # the function object
        source_arn=pulumi.Output.format("arn:{0}:execute-api:{1}:{2}:{3}/*/*", partition.partition,
                                        region.region, identity.account_id, api.id))

    pulumi.export("endpoint", api.api_endpoint)
    pulumi.export("table_arn", table.arn.apply(lambda arn: arn.split(":")[5]))
