locals {
  org = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
}

resource "aws_iam_role" "open_door" {
  name = "open-door"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role" "partner" {
  name = "partner"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:ExternalId" = "7f3c9a" } }
    }]
  })
}

resource "aws_iam_role" "fn" {
  name = "fn-role"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_lambda_function" "open" {
  function_name = "open-fn"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "fn.zip"
}

resource "aws_lambda_function" "partner" {
  function_name = "partner-fn"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "fn.zip"
}

resource "aws_lambda_permission" "anyone" {
  function_name = aws_lambda_function.open.function_name
  action        = "lambda:InvokeFunction"
  principal     = "*"
}

resource "aws_lambda_permission" "partner_account" {
  function_name = aws_lambda_function.partner.function_name
  action        = "lambda:InvokeFunction"
  principal     = "111122223333"
}

resource "aws_sqs_queue" "open" {
  name = "open-queue"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = "*" }]
  })
}

resource "aws_sqs_queue" "org" {
  name = "org-queue"
}

resource "aws_sqs_queue_policy" "org" {
  queue_url = aws_sqs_queue.org.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = aws_sqs_queue.org.arn, Condition = local.org }]
  })
}

resource "aws_sns_topic" "open" {
  name = "open-topic"
}

resource "aws_sns_topic_policy" "open" {
  arn = aws_sns_topic.open.arn
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sns:Subscribe", Resource = "*" }]
  })
}

resource "aws_ecr_repository" "open" {
  name = "open-repo"
}

resource "aws_ecr_repository_policy" "open" {
  repository = aws_ecr_repository.open.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "ecr:BatchGetImage" }]
  })
}

resource "aws_secretsmanager_secret" "org" {
  name = "org-secret"
}

resource "aws_secretsmanager_secret_policy" "org" {
  secret_arn = aws_secretsmanager_secret.org.arn
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "secretsmanager:GetSecretValue", Resource = "*", Condition = local.org }]
  })
}
