# Databases' audit logs exported to CloudWatch Logs: an instance exporting its engine's audit log, one exporting
# only its error log, an Aurora cluster exporting its audit log, and one whose exports are known only after apply.

resource "aws_db_instance" "audited" {
  identifier                      = "audited-db-tf"
  engine                          = "mysql"
  instance_class                  = "db.t3.micro"
  allocated_storage               = 20
  storage_encrypted               = true
  enabled_cloudwatch_logs_exports = ["audit", "error"]
  username                        = "app"
  password                        = "hunter2-db-password"
  skip_final_snapshot             = true
}

resource "aws_db_instance" "errors_only" {
  identifier                      = "errors-only-db-tf"
  engine                          = "mysql"
  instance_class                  = "db.t3.micro"
  allocated_storage               = 20
  enabled_cloudwatch_logs_exports = ["error"]
  username                        = "app"
  password                        = "hunter2-db-password"
  skip_final_snapshot             = true
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier              = "aurora-tf"
  engine                          = "aurora-postgresql"
  enabled_cloudwatch_logs_exports = ["postgresql"]
  master_username                 = "app"
  master_password                 = "hunter2-db-password"
  skip_final_snapshot             = true
}

resource "aws_kms_key" "logs" {
  description = "decides late"
}

resource "aws_rds_cluster" "late" {
  cluster_identifier              = "late-tf"
  engine                          = "aurora-mysql"
  enabled_cloudwatch_logs_exports = aws_kms_key.logs.key_id != "" ? ["audit"] : []
  master_username                 = "app"
  master_password                 = "hunter2-db-password"
  skip_final_snapshot             = true
}
