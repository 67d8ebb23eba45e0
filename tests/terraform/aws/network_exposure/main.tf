resource "aws_vpc" "app" {
  cidr_block = "10.40.0.0/16"
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.app.id
  cidr_block = "10.40.1.0/24"
}

resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.app.id
  cidr_block              = "10.40.2.0/24"
  map_public_ip_on_launch = true
}

resource "aws_instance" "v2_only" {
  ami           = "ami-12c6146b"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.private.id

  metadata_options {
    http_tokens   = "required"
    http_endpoint = "enabled"
  }
}

resource "aws_instance" "v1_allowed" {
  ami           = "ami-12c6146b"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.private.id

  metadata_options {
    http_tokens = "optional"
  }
}

resource "aws_eks_cluster" "private" {
  name     = "private-eks"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids              = [aws_subnet.private.id]
    endpoint_public_access  = false
    endpoint_private_access = true
  }
}

resource "aws_eks_cluster" "open" {
  name     = "open-eks"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids          = [aws_subnet.private.id]
    public_access_cidrs = ["0.0.0.0/0"]
  }
}

resource "aws_lambda_function_url" "open" {
  function_name      = "open-fn"
  authorization_type = "NONE"
}

resource "aws_lambda_function_url" "signed" {
  function_name      = "signed-fn"
  authorization_type = "AWS_IAM"
}
