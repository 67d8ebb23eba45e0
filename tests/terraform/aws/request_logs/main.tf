# Load balancers' access logs: an ALB logging to S3, an ALB (through the aws_alb alias) naming a bucket but leaving
# logging off (the provider default), and a classic ELB whose access_logs block is on by default.

resource "aws_lb" "logged" {
  name    = "logged-alb-tf"
  subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  access_logs {
    bucket  = "lb-access-logs"
    enabled = true
  }
}

resource "aws_alb" "bucket_only" {
  name    = "bucket-only-alb-tf"
  subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  access_logs {
    bucket = "lb-access-logs"
  }
}

resource "aws_elb" "classic" {
  name               = "classic-tf"
  availability_zones = ["us-east-1a"]
  listener {
    instance_port     = 8443
    instance_protocol = "tcp"
    lb_port           = 8443
    lb_protocol       = "tcp"
  }
  access_logs {
    bucket   = "lb-access-logs"
    interval = 5
  }
}

# joined to its load balancer by ARN (known after apply)
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.logged.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}
