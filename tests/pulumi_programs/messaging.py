"""Message queues, topics and shared file systems: encryption at rest."""


def compliant() -> None:
    import pulumi_aws as aws

    key = aws.kms.Key("messages-key", enable_key_rotation=True)
    aws.sqs.Queue("orders", name="phi-orders")  # SSE-SQS: AWS's default for a new queue
    aws.sqs.Queue("results", name="phi-results", sqs_managed_sse_enabled=False, kms_master_key_id="alias/aws/sqs")
    aws.sns.Topic("lab-results", name="lab-results", kms_master_key_id="alias/aws/sns")
    aws.efs.FileSystem("shared", encrypted=True, kms_key_id=key.arn, tags={"Name": "phi-shared"})


def noncompliant() -> None:
    import pulumi_aws as aws

    aws.sqs.Queue("legacy-intake", name="legacy-intake", sqs_managed_sse_enabled=False)
    aws.sns.Topic("phi-alerts")  # SNS encrypts nothing by default
    aws.efs.FileSystem("scratch", tags={"Name": "scratch-share"})  # encrypted defaults to false


def unresolved() -> None:
    import pulumi_aws as aws

    key = aws.kms.Key("queue-key", enable_key_rotation=True)
    # SSE-SQS off and the key an output of a key not created yet: unknown at preview
    aws.sqs.Queue("late-queue", name="late-queue", sqs_managed_sse_enabled=False, kms_master_key_id=key.arn)
    # SSE-SQS left to AWS's default: encrypted whichever key the output turns out to be
    aws.sqs.Queue("default-queue", name="default-queue", kms_master_key_id=key.arn)
    aws.sns.Topic("late-topic", name="late-topic", kms_master_key_id=key.arn)
