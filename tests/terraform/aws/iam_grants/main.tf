resource "aws_iam_policy" "s3_everything" {
  name = "s3-everything"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }]
  })
}

resource "aws_iam_policy" "s3_one_bucket" {
  name = "s3-one-bucket"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = ["arn:aws:s3:::phi", "arn:aws:s3:::phi/*"] }]
  })
}

resource "aws_kms_key" "records" {
  description = "records"
}

resource "aws_iam_role" "etl" {
  name = "etl"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  inline_policy {
    name = "keys"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "kms:*", Resource = "*" }]
    })
  }
}

resource "aws_iam_role_policy" "decrypt_anything" {
  name = "decrypt-anything"
  role = aws_iam_role.etl.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["kms:Decrypt", "kms:DescribeKey"], Resource = "*" }]
  })
}

resource "aws_iam_role_policy" "decrypt_one_key" {
  name = "decrypt-one-key"
  role = aws_iam_role.etl.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "kms:Decrypt", Resource = aws_kms_key.records.arn }]
  })
}
