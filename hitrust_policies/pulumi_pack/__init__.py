"""Build and serve the HITRUST policy pack for ``pulumi preview --policy-pack``.

Importing this package does not import pulumi_policy; `serve` does, and never returns
(``PolicyPack(...)`` starts the gRPC server and blocks), so only a pack's ``__main__.py``
calls it::

    from hitrust_policies.pulumi_pack import serve

    serve("hitrust-aws")
"""

from __future__ import annotations

from collections.abc import Iterable

from hitrust_policies.pulumi_pack.config import Exclusion, PackConfigError, PackSettings
from hitrust_policies.pulumi_pack.policies import DEFAULT_LEVELS, build_policies, pack_rules, violation_message
from hitrust_policies.pulumi_pack.runtime import PackState, install
from hitrust_policies.rules import select


def make_state(
    *, domains: Iterable[str] | None = None, min_severity: str | None = None, ids: Iterable[str] | None = None
) -> PackState:
    """Rules a pack is built with (selection at build time; config can narrow it further)."""
    rules = pack_rules(select(ids=ids, domains=domains, min_severity=min_severity))
    return PackState(rules=rules, settings=PackSettings.default(rules))


def serve(
    name: str = "hitrust-aws",
    *,
    domains: Iterable[str] | None = None,
    min_severity: str | None = None,
    ids: Iterable[str] | None = None,
) -> None:
    """Start the pack's analyzer server (blocks forever)."""
    from pulumi_policy import EnforcementLevel, PolicyPack

    state = make_state(domains=domains, min_severity=min_severity, ids=ids)
    install(state)
    PolicyPack(
        name=name,
        policies=build_policies(state),
        enforcement_level=EnforcementLevel.ADVISORY,
        description="HITRUST CSF / HIPAA Security Rule checks for encryption, IAM, logging and network "
        "segmentation; every violation names its CSF and HIPAA references.",
        provider="aws",
        tags=["hitrust", "hipaa", "compliance"],
    )


__all__ = [
    "DEFAULT_LEVELS",
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
