from hitrust_policies.pulumi_pack import serve

serve("hitrust-azure", package="azure-native")
