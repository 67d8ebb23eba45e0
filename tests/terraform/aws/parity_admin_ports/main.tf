# The Terraform twin of tests/pulumi_programs/network.py open_admin_ports (resource names = Pulumi logical
# names; physical names the same).
resource "aws_security_group" "web" {
  name = "web-sg"
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

resource "aws_security_group_rule" "web-rdp" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  protocol          = "tcp"
  from_port         = 3389
  to_port           = 3389
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group_rule" "web-egress" {
  type              = "egress"
  security_group_id = aws_security_group.web.id
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group" "db" {
  name = "db-sg"
}

resource "aws_vpc_security_group_ingress_rule" "db-postgres" {
  security_group_id = aws_security_group.db.id
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_ingress_rule" "db-everything" {
  security_group_id = aws_security_group.db.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}
