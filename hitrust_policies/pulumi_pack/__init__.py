"""Build and serve the HITRUST policy pack for ``pulumi preview --policy-pack``.

Importing this package does not import pulumi_policy; `serve` does, and never returns
(``PolicyPack(...)`` starts the gRPC server and blocks), so only a pack's ``__main__.py``
calls it::

    from hitrust_policies.pulumi_pack import serve

    serve("hitrust-aws")                              # pulumi-aws stacks
    serve("hitrust-azure", package="azure-native")    # pulumi-azure-native stacks
    serve("hitrust-gcp", package="gcp")               # pulumi-gcp stacks

A pack checks the resources of one Pulumi package: its rules are those over kinds that
package's adapters produce, and resources of other packages in the same stack are left to
their own pack (never reported twice).
"""

from __future__ import annotations

from collections.abc import Iterable

from hitrust_policies.pulumi_pack.config import Exclusion, PackConfigError, PackSettings
from hitrust_policies.pulumi_pack.policies import DEFAULT_LEVELS, build_policies, pack_rules, violation_message
from hitrust_policies.pulumi_pack.runtime import PackState, install
from hitrust_policies.rules import select

# Pulumi package -> the cloud PolicyPack(provider=...) names
PACK_PROVIDERS = {"aws": "aws", "azure-native": "azure", "gcp": "gcp"}


def make_state(
    *, domains: Iterable[str] | None = None, min_severity: str | None = None, ids: Iterable[str] | None = None,
    package: str = "aws",
) -> PackState:
    """Rules a pack for ``package`` is built with (selection at build time; config can narrow it further)."""
    rules = pack_rules(select(ids=ids, domains=domains, min_severity=min_severity), package)
    return PackState(rules=rules, settings=PackSettings.default(rules), package=package)


def serve(
    name: str = "hitrust-aws",
    *,
    package: str = "aws",
    domains: Iterable[str] | None = None,
    min_severity: str | None = None,
    ids: Iterable[str] | None = None,
) -> None:
    """Start the analyzer server of a pack for ``package``'s resources (blocks forever)."""
    from pulumi_policy import EnforcementLevel, PolicyPack

    state = make_state(domains=domains, min_severity=min_severity, ids=ids, package=package)
    install(state)
    PolicyPack(
        name=name,
        policies=build_policies(state),
        enforcement_level=EnforcementLevel.ADVISORY,
        description="HITRUST CSF / HIPAA Security Rule checks for encryption, IAM, logging and network "
        "segmentation; every violation names its CSF and HIPAA references.",
        provider=PACK_PROVIDERS.get(package, package),
        tags=["hitrust", "hipaa", "compliance"],
    )


__all__ = [
    "DEFAULT_LEVELS",
    "PACK_PROVIDERS",
    "Exclusion",
    "PackConfigError",
    "PackSettings",
    "PackState",
    "build_policies",
    "install",
    "make_state",
    "pack_rules",
    "serve",
    "violation_message",
]
