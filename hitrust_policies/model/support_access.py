"""Who in an account may work with the cloud provider's support on its incidents."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class SupportAccess:
    """The roles of an account allowed to open and manage cases with the provider's support.

    ``roles`` names, sorted, each role holding the provider's own support-access policy (AWS's
    ``AWSSupportAccess`` managed policy); empty when none does. One value per account; the live AWS
    scanner yields it (Azure's Support Request Contributor role could, later).
    """

    ref: ResourceRef
    roles: tuple[str, ...] | Unknown
