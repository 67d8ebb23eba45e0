# EFS file systems and their policies: the console's deny of every action without TLS, a deny of writes only
# (plaintext mounts still read), and a file system with no policy at all.

locals {
  deny_plaintext = {
    Effect    = "Deny"
    Principal = { AWS = "*" }
    Condition = { Bool = { "aws:SecureTransport" = "false" } }
  }
}

resource "aws_efs_file_system" "phi" {
  encrypted = true
  tags      = { Name = "phi-shared-tf" }
}

resource "aws_efs_file_system_policy" "phi" {
  file_system_id = aws_efs_file_system.phi.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [merge(local.deny_plaintext, { Action = "*" })]
  })
}

resource "aws_efs_file_system" "writes" {
  encrypted = true
  tags      = { Name = "writes-only-tf" }
}

resource "aws_efs_file_system_policy" "writes" {
  file_system_id = aws_efs_file_system.writes.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [merge(local.deny_plaintext, { Action = "elasticfilesystem:ClientWrite" })]
  })
}

resource "aws_efs_file_system" "scratch" {
  encrypted = true
  tags      = { Name = "scratch-share-tf" }
}
