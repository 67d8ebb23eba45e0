# Redshift clusters as databases: a private cluster on a key this plan creates, one left to the provider
# defaults (encrypted with the AWS-managed key, private), and an unencrypted public one.

resource "aws_kms_key" "warehouse" {
  description         = "phi-warehouse-tf"
  enable_key_rotation = true
}

resource "aws_redshift_cluster" "phi" {
  cluster_identifier  = "phi-warehouse-tf"
  node_type           = "ra3.xlplus"
  cluster_type        = "single-node"
  master_username     = "admin"
  master_password     = "Correct-Horse-9"
  skip_final_snapshot = true
  encrypted           = "true"
  kms_key_id          = aws_kms_key.warehouse.arn
  publicly_accessible = false
}

resource "aws_redshift_cluster" "defaults" {
  cluster_identifier  = "default-warehouse-tf"
  node_type           = "ra3.xlplus"
  cluster_type        = "single-node"
  master_username     = "admin"
  master_password     = "Correct-Horse-9"
  skip_final_snapshot = true
}

resource "aws_redshift_cluster" "legacy" {
  cluster_identifier  = "legacy-warehouse-tf"
  node_type           = "ra3.xlplus"
  cluster_type        = "single-node"
  master_username     = "admin"
  master_password     = "Correct-Horse-9"
  skip_final_snapshot = true
  encrypted           = "false"
  publicly_accessible = true
}
