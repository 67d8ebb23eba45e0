# AWS Config: a recorder of every resource type, started; one never started (its recording group left to the
# provider, computed at apply); one limited to S3 buckets (through a provider alias for
# another region), started too.

provider "aws" {
  alias                       = "eu"
  region                      = "eu-west-1"
  access_key                  = "AKIAFAKEFAKEFAKEFAKE"
  secret_key                  = "fake-secret-key"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  endpoints {
    sts = "http://127.0.0.1:1"
  }
}

resource "aws_config_configuration_recorder" "all" {
  name     = "default"
  role_arn = "arn:aws:iam::123456789012:role/config"
  recording_group {
    all_supported = true
  }
}

# never started: no status resource
resource "aws_config_configuration_recorder" "stopped" {
  name     = "stopped"
  role_arn = "arn:aws:iam::123456789012:role/config"
}

resource "aws_config_configuration_recorder_status" "all" {
  name       = aws_config_configuration_recorder.all.name
  is_enabled = true
}

resource "aws_config_configuration_recorder" "buckets" {
  provider = aws.eu
  name     = "buckets"
  role_arn = "arn:aws:iam::123456789012:role/config"
  recording_group {
    all_supported  = false
    resource_types = ["AWS::S3::Bucket"]
  }
}

resource "aws_config_configuration_recorder_status" "buckets" {
  provider   = aws.eu
  name       = aws_config_configuration_recorder.buckets.name
  is_enabled = true
}
