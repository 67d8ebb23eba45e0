# Security groups with inline rules, separate aws_security_group_rule / aws_vpc_security_group_ingress_rule
# resources (joined by reference: the group ids are unknown at plan time), a source address only known
# after apply, and a VPC with and without flow logs.
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  tags       = { Name = "phi-vpc-tf" }
}

resource "aws_flow_log" "main" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination      = "arn:aws:s3:::central-flow-logs"
  log_destination_type = "s3"
}

resource "aws_vpc" "quiet" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_security_group" "web" {
  name   = "web-sg-tf"
  vpc_id = aws_vpc.main.id
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "web_rdp" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  protocol          = "tcp"
  from_port         = 3389
  to_port           = 3389
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group" "db" {
  name   = "db-sg-tf"
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "db_postgres" {
  security_group_id = aws_security_group.db.id
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_ingress_rule" "db_ssh_from_bastion" {
  security_group_id = aws_security_group.db.id
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "${aws_eip.bastion.public_ip}/32"
}

resource "aws_eip" "bastion" {
  domain = "vpc"
}

resource "aws_security_group" "app" {
  for_each = toset(["blue", "green"])
  name     = "app-${each.key}-sg-tf"
  vpc_id   = aws_vpc.main.id
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["10.0.0.0/8"]
  }
}
