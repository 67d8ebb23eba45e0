"""Whether a region's resources are watched for access granted outside the account."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class ExternalAccessAnalysis:
    """A regional switch: an analyzer continuously reports resources whose policies grant access to
    principals outside the account or organization (AWS IAM Access Analyzer's external access analyzers).

    ``enabled``: some such analyzer is active in the region. One value per account and region; the live
    AWS scanner yields it.
    """

    ref: ResourceRef
    enabled: bool | Unknown
