# DMS replication instances: private, public, and one leaving publicly_accessible out (computed: the plan
# cannot show it).

resource "aws_dms_replication_instance" "private" {
  replication_instance_id    = "claims-migration-tf"
  replication_instance_class = "dms.t3.micro"
  publicly_accessible        = false
}

resource "aws_dms_replication_instance" "public" {
  replication_instance_id    = "legacy-migration-tf"
  replication_instance_class = "dms.t3.micro"
  publicly_accessible        = true
}

resource "aws_dms_replication_instance" "unset" {
  replication_instance_id    = "default-migration-tf"
  replication_instance_class = "dms.t3.micro"
}

# The migration's staging share, whose policy refuses plaintext mounts (a join in the plan).
resource "aws_efs_file_system" "staging" {
  encrypted = true
  tags      = { Name = "migration-staging-tf" }
}

resource "aws_efs_file_system_policy" "staging" {
  file_system_id = aws_efs_file_system.staging.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = { AWS = "*" }
      Action    = "*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
