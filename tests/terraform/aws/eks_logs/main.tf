# EKS control-plane logs: every log type delivered, and the default (none), the cluster role joined by ARN.

resource "aws_iam_role" "eks" {
  name = "eks-cluster-tf"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "eks.amazonaws.com" } }]
  })
}

resource "aws_eks_cluster" "logged" {
  name                      = "logged-eks-tf"
  role_arn                  = aws_iam_role.eks.arn
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}

resource "aws_eks_cluster" "quiet" {
  name     = "quiet-eks-tf"
  role_arn = aws_iam_role.eks.arn
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}
