"""Terraform source: ``terraform show -json`` plan files to model values (hashicorp/aws, through the
pulumi-aws adapters; see `hitrust_policies.sources.terraform.aws`; hashicorp/google through the pulumi-gcp
adapters, `hitrust_policies.sources.terraform.google`)."""

from hitrust_policies.sources.terraform.plan import PlanError, PlanResource, parse, resources

__all__ = ["PlanError", "PlanResource", "parse", "resources", "supported_kinds"]


def supported_kinds(cloud: str = "aws") -> set[type]:
    """Kinds a hashicorp/aws (``cloud="gcp"``: hashicorp/google) plan yields: those of the pulumi-aws
    (pulumi-gcp) adapters of the types it maps."""
    from hitrust_policies.sources.pulumi.registry import adapters_for
    from hitrust_policies.sources.terraform import aws_names, google_names

    TOKENS = google_names.TOKENS if cloud == "gcp" else aws_names.TOKENS  # noqa: N806

    return {kind for token in set(TOKENS.values()) for a in adapters_for(token) for kind in a.produces}
