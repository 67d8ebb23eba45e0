# Databases refusing plaintext clients through their parameter groups: PostgreSQL 14 on a group forcing TLS,
# PostgreSQL 14 and 16 on engine defaults (off / on), MySQL on a group that leaves require_secure_transport off,
# MySQL on a group declared elsewhere; Redshift on a group requiring SSL and on default.redshift-1.0.

resource "aws_db_parameter_group" "pg_tls" {
  name   = "pg-tls-tf"
  family = "postgres14"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_parameter_group" "mysql_tuned" {
  name   = "mysql-tuned-tf"
  family = "mysql8.0"
  parameter {
    name  = "max_connections"
    value = "500"
  }
}

locals {
  login = { instance_class = "db.t3.micro", username = "admin_user", password = "Correct-Horse-9" }
}

resource "aws_db_instance" "pg14_forced" {
  identifier           = "pg14-forced-tf"
  engine               = "postgres"
  engine_version       = "14.9"
  instance_class       = local.login.instance_class
  allocated_storage    = 20
  username             = local.login.username
  password             = local.login.password
  skip_final_snapshot  = true
  storage_encrypted    = true
  parameter_group_name = aws_db_parameter_group.pg_tls.name
}

resource "aws_db_instance" "pg14_default" {
  identifier          = "pg14-default-tf"
  engine              = "postgres"
  engine_version      = "14.9"
  instance_class      = local.login.instance_class
  allocated_storage   = 20
  username            = local.login.username
  password            = local.login.password
  skip_final_snapshot = true
  storage_encrypted   = true
}

resource "aws_db_instance" "pg16_default" {
  identifier          = "pg16-default-tf"
  engine              = "postgres"
  engine_version      = "16.3"
  instance_class      = local.login.instance_class
  allocated_storage   = 20
  username            = local.login.username
  password            = local.login.password
  skip_final_snapshot = true
  storage_encrypted   = true
}

resource "aws_db_instance" "mysql_open" {
  identifier           = "mysql-open-tf"
  engine               = "mysql"
  engine_version       = "8.0.35"
  instance_class       = local.login.instance_class
  allocated_storage    = 20
  username             = local.login.username
  password             = local.login.password
  skip_final_snapshot  = true
  storage_encrypted    = true
  parameter_group_name = aws_db_parameter_group.mysql_tuned.name
}

resource "aws_db_instance" "mysql_shared" {
  identifier           = "mysql-shared-tf"
  engine               = "mysql"
  engine_version       = "8.0.35"
  instance_class       = local.login.instance_class
  allocated_storage    = 20
  username             = local.login.username
  password             = local.login.password
  skip_final_snapshot  = true
  storage_encrypted    = true
  parameter_group_name = "shared-mysql"
}

resource "aws_redshift_parameter_group" "tls" {
  name   = "warehouse-tls-tf"
  family = "redshift-1.0"
  parameter {
    name  = "require_ssl"
    value = "true"
  }
}

resource "aws_redshift_cluster" "tls" {
  cluster_identifier           = "tls-warehouse-tf"
  node_type                    = "ra3.xlplus"
  cluster_type                 = "single-node"
  master_username              = "admin"
  master_password              = "Correct-Horse-9"
  skip_final_snapshot          = true
  encrypted                    = "true"
  publicly_accessible          = false
  cluster_parameter_group_name = aws_redshift_parameter_group.tls.name
}

resource "aws_redshift_cluster" "v1" {
  cluster_identifier           = "v1-warehouse-tf"
  node_type                    = "ra3.xlplus"
  cluster_type                 = "single-node"
  master_username              = "admin"
  master_password              = "Correct-Horse-9"
  skip_final_snapshot          = true
  encrypted                    = "true"
  publicly_accessible          = false
  cluster_parameter_group_name = "default.redshift-1.0"
}

# OpenSearch: a domain in a VPC with everything on; one on the provider defaults outside a VPC whose separate
# domain policy admits anyone. ElastiCache: a group encrypted both ways, one on the defaults.

resource "aws_opensearch_domain" "phi" {
  domain_name    = "phi-search-tf"
  engine_version = "OpenSearch_2.11"
  encrypt_at_rest {
    enabled = true
  }
  node_to_node_encryption {
    enabled = true
  }
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
  vpc_options {
    subnet_ids = ["subnet-0a1b2c3d"]
  }
  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:us-east-1:123456789012:log-group:/search/audit"
  }
}

resource "aws_opensearch_domain" "open" {
  domain_name    = "open-search-tf"
  engine_version = "OpenSearch_2.11"
  domain_endpoint_options {
    enforce_https = false
  }
}

resource "aws_opensearch_domain_policy" "open" {
  domain_name = aws_opensearch_domain.open.domain_name
  access_policies = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "es:*", Resource = "*" }]
  })
}

resource "aws_elasticache_replication_group" "phi" {
  replication_group_id       = "phi-cache-tf"
  description                = "sessions"
  node_type                  = "cache.t3.micro"
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
}

resource "aws_elasticache_replication_group" "plain" {
  replication_group_id = "plain-cache-tf"
  description          = "sessions"
  node_type            = "cache.t3.micro"
}
