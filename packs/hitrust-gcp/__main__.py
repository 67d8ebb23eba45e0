from hitrust_policies.pulumi_pack import serve

serve("hitrust-gcp", package="gcp")
