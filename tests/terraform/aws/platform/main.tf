# IAM, instances, load balancers, queues, network ACLs, threat detection, file systems: the other kinds
# the pulumi-aws adapters read, so every one of them is evaluated on a real plan too.
resource "aws_iam_user" "ops" {
  name = "ops-user-tf"
}

resource "aws_iam_user_policy_attachment" "ops-admin" {
  user       = aws_iam_user.ops.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_policy" "everything" {
  name = "everything-tf"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

resource "aws_iam_role" "reader" {
  name = "reader-tf"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
  inline_policy {
    name = "read-records"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::phi-records/*" }]
    })
  }
}

resource "aws_iam_account_password_policy" "weak" {
  minimum_password_length = 8
}

resource "aws_instance" "web" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
  tags                        = { Name = "web-tf" }
}

resource "aws_instance" "worker" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = false
  tags                        = { Name = "worker-tf" }
}

resource "aws_lb" "front" {
  name               = "front-tf"
  load_balancer_type = "application"
  subnets            = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.front.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "plain" {
  load_balancer_arn = aws_lb.front.arn
  port              = 8080
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/0123456789abcdef"
  }
}

resource "aws_sqs_queue" "plain" {
  name                    = "plain-queue-tf"
  sqs_managed_sse_enabled = false
}

resource "aws_sns_topic" "alerts" {
  name              = "alerts-tf"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_network_acl" "edge" {
  vpc_id = "vpc-0123456789abcdef0"
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = "0.0.0.0/0"
  }
  tags = { Name = "edge-acl-tf" }
}

resource "aws_guardduty_detector" "main" {
  enable = false
}

resource "aws_efs_file_system" "shared" {
  encrypted = false
  tags      = { Name = "shared-fs-tf" }
}

resource "aws_ebs_encryption_by_default" "on" {
  enabled = true
}
