"""Terraform source: ``terraform show -json`` plan files to model values (hashicorp/aws, through the
pulumi-aws adapters; see `hitrust_policies.sources.terraform.aws`)."""

from hitrust_policies.sources.terraform.plan import PlanError, PlanResource, parse, resources

__all__ = ["PlanError", "PlanResource", "parse", "resources", "supported_kinds"]


def supported_kinds() -> set[type]:
    """Kinds a hashicorp/aws plan yields: those of the pulumi-aws adapters of the types it maps."""
    from hitrust_policies.sources.pulumi.registry import adapters_for
    from hitrust_policies.sources.terraform.aws_names import TOKENS

    return {kind for token in set(TOKENS.values()) for a in adapters_for(token) for kind in a.produces}
