# Blocks whose contents the plan cannot show: nested blocks written by a `dynamic` block whose for_each is
# only known after apply, next to the same blocks left unwritten (Optional+Computed blocks of provider v5).
resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "app" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.20.1.0/24"
}

resource "aws_network_interface" "extra" {
  subnet_id = aws_subnet.app.id
}

# network_interface left unwritten: EC2 makes the primary interface from the instance's own arguments
resource "aws_instance" "bare" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.app.id
  associate_public_ip_address = false
  tags                        = { Name = "bare-tf" }
}

# the default subnet of the default VPC (maps a public IPv4), nothing written about interfaces
resource "aws_instance" "defaults" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  tags          = { Name = "defaults-tf" }
}

# network_interface written by a dynamic block whose for_each is known only after apply
resource "aws_instance" "attached" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  tags          = { Name = "attached-tf" }
  dynamic "network_interface" {
    for_each = aws_vpc.main.id == "" ? [] : [aws_network_interface.extra.id]
    content {
      network_interface_id = network_interface.value
      device_index         = 0
    }
  }
}

# only an argument known after apply that network_interface conflicts with: it may still be null at apply
# (conflicting with nothing), so the plan does not rule out a dynamic block here
resource "aws_instance" "subnet_only" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.app.id
  tags          = { Name = "subnet-only-tf" }
}

# a dynamic network_interface next to an argument it conflicts with: the plan shows what it shows for
# `bare` (Terraform defers the check while for_each is unknown), and the apply fails validation
resource "aws_instance" "conflicted" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
  tags                        = { Name = "conflicted-tf" }
  dynamic "network_interface" {
    for_each = aws_vpc.main.id == "" ? [] : [aws_network_interface.extra.id]
    content {
      network_interface_id = network_interface.value
      device_index         = 0
    }
  }
}

# a trail whose event selectors come from a dynamic block of unknown for_each (they may leave out
# management events), next to one that writes none (all management events by default)
resource "aws_cloudtrail" "selected" {
  name           = "selected-tf"
  s3_bucket_name = "trail-logs-tf"
  dynamic "event_selector" {
    for_each = aws_vpc.main.id == "" ? [] : ["WriteOnly"]
    content {
      read_write_type           = event_selector.value
      include_management_events = false
    }
  }
}

resource "aws_cloudtrail" "plain" {
  name           = "plain-tf"
  s3_bucket_name = "trail-logs-tf"
}

# network ACL rules from a dynamic block of unknown for_each
resource "aws_default_network_acl" "main" {
  default_network_acl_id = aws_vpc.main.default_network_acl_id
  dynamic "ingress" {
    for_each = aws_vpc.main.id == "" ? [] : [22]
    content {
      protocol   = "tcp"
      rule_no    = 100
      action     = "allow"
      cidr_block = "0.0.0.0/0"
      from_port  = ingress.value
      to_port    = ingress.value
    }
  }
}

# the same for a security group's ingress (an attribute in the provider's schema, not a block)
resource "aws_security_group" "dyn" {
  name   = "dyn-tf"
  vpc_id = aws_vpc.main.id
  dynamic "ingress" {
    for_each = aws_vpc.main.id == "" ? [] : [22]
    content {
      protocol    = "tcp"
      from_port   = ingress.value
      to_port     = ingress.value
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
