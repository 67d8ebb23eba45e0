# Compute: Lambda functions in and out of a VPC.

resource "aws_vpc" "fn" {
  cidr_block = "10.50.0.0/16"
}

resource "aws_subnet" "fn_private" {
  vpc_id     = aws_vpc.fn.id
  cidr_block = "10.50.1.0/24"
}

resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.fn.id
}

resource "aws_lambda_function" "in_vpc" {
  function_name = "vpc-fn"
  role          = "arn:aws:iam::123456789012:role/fn-role"
  runtime       = "python3.12"
  handler       = "index.handler"
  filename      = "fn.zip"
  vpc_config {
    subnet_ids         = [aws_subnet.fn_private.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}

resource "aws_lambda_function" "public" {
  function_name = "public-fn"
  role          = "arn:aws:iam::123456789012:role/fn-role"
  runtime       = "python3.12"
  handler       = "index.handler"
  filename      = "fn.zip"
}

resource "aws_lambda_function" "shared_subnets" {
  function_name = "shared-subnet-fn"
  role          = "arn:aws:iam::123456789012:role/fn-role"
  runtime       = "python3.12"
  handler       = "index.handler"
  filename      = "fn.zip"
  vpc_config {
    subnet_ids         = ["subnet-0a1b2c3d4e5f60718"]
    security_group_ids = ["sg-0a1b2c3d4e5f60718"]
  }
}

# SageMaker notebook instances: locked down, and left to the defaults.

resource "aws_kms_key" "notebooks" {
  enable_key_rotation = true
}

resource "aws_sagemaker_notebook_instance" "locked" {
  name                   = "locked-nb"
  role_arn               = "arn:aws:iam::123456789012:role/notebooks"
  instance_type          = "ml.t3.medium"
  kms_key_id             = aws_kms_key.notebooks.arn
  subnet_id              = aws_subnet.fn_private.id
  security_groups        = [aws_security_group.fn.id]
  direct_internet_access = "Disabled"
  root_access            = "Disabled"
}

resource "aws_sagemaker_notebook_instance" "defaults" {
  name          = "default-nb"
  role_arn      = "arn:aws:iam::123456789012:role/notebooks"
  instance_type = "ml.t3.medium"
}

# ECS: services with and without public IPs, task definitions with and without a privileged container.

resource "aws_ecs_cluster" "apps" {
  name = "apps"
}

resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = "256"
  memory                   = "512"
  container_definitions = jsonencode([
    { name = "app", image = "nginx", essential = true }
  ])
}

resource "aws_ecs_task_definition" "agent" {
  family = "agent"
  container_definitions = jsonencode([
    { name = "app", image = "nginx", memory = 128, essential = true },
    { name = "collector", image = "agent", memory = 128, privileged = true }
  ])
}

resource "aws_ecs_service" "public" {
  name            = "public-svc"
  cluster         = aws_ecs_cluster.apps.id
  task_definition = aws_ecs_task_definition.web.arn
  desired_count   = 1
  launch_type     = "FARGATE"
  network_configuration {
    subnets          = [aws_subnet.fn_private.id]
    assign_public_ip = true
  }
}

resource "aws_ecs_service" "private" {
  name            = "private-svc"
  cluster         = aws_ecs_cluster.apps.id
  task_definition = aws_ecs_task_definition.web.arn
  desired_count   = 1
  launch_type     = "FARGATE"
  network_configuration {
    subnets = [aws_subnet.fn_private.id]
  }
}

# Launch templates: IMDSv2 required, and metadata options left out.

resource "aws_launch_template" "v2" {
  name     = "v2-template"
  image_id = "ami-12c6146b"
  metadata_options {
    http_tokens   = "required"
    http_endpoint = "enabled"
  }
}

resource "aws_launch_template" "legacy" {
  name     = "legacy-template"
  image_id = "ami-12c6146b"
}
