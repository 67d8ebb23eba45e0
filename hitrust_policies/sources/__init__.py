"""Adapters from each source (live cloud APIs, Pulumi, plan files) to the model."""

from __future__ import annotations


def kinds_by_source() -> dict[str, set[type]]:
    """Model kinds each source can produce, read from the adapters' own declarations.

    Importing the declarations pulls in no cloud SDK.
    """
    from hitrust_policies.sources.live.aws.cloudtrail import JOINED_KINDS
    from hitrust_policies.sources.live.aws.collector import all_collectors

    live = {k for c in all_collectors() for k in c.kinds} | set(JOINED_KINDS)
    sources: dict[str, set[type]] = {"live-aws": live}
    from hitrust_policies.sources.live.azure.families import all_families

    sources["live-azure"] = {k for f in all_families() for k in f.kinds}
    from hitrust_policies.sources.live.gcp.families import all_families as gcp_families

    sources["live-gcp"] = {k for f in gcp_families() for k in f.kinds}
    from hitrust_policies.sources.pulumi.registry import supported_kinds

    sources["pulumi-aws"] = supported_kinds("aws")
    sources["pulumi-azure"] = supported_kinds("azure-native")
    sources["pulumi-gcp"] = supported_kinds("gcp")
    from hitrust_policies.sources.terraform import supported_kinds as terraform_kinds
    from hitrust_policies.sources.terraform.azurerm import supported_kinds as azurerm_kinds

    sources["terraform-aws"] = terraform_kinds()
    sources["terraform-azure"] = azurerm_kinds()
    sources["terraform-gcp"] = terraform_kinds("gcp")
    return sources
