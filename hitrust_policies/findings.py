"""What a rule says about one resource, with the standards it evidences."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

from hitrust_policies.model.ref import ResourceRef


class Status(str, Enum):
    PASS = "PASS"
    FAIL = "FAIL"
    UNKNOWN = "UNKNOWN"  # a fact the rule needed could not be seen; never a pass

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class ControlRef:
    """One identifier of a published standard with its short name."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class VendorMapping:
    """Where vendor-assigned CSF ids come from: one policy definition in one initiative version.

    Microsoft's two HITRUST initiatives (CSF v9.2 and v11.3) map the same Azure Policy definition
    to different CSF ids, so an assessor needs the version, not just the policy name.
    """

    policy: str  # display name of the Azure Policy definition
    policy_id: str  # its GUID
    initiative: str  # "HITRUST/HIPAA"
    initiative_version: str  # "14.13.0"
    csf_version: str  # "9.2"
    csf: tuple[str, ...]  # the CSF ids this initiative maps the policy to

    def label(self) -> str:
        """The initiative and version, as an assessor looks it up."""
        return f"{self.initiative} initiative {self.initiative_version} (CSF v{self.csf_version})"

    def text(self) -> str:
        """The whole provenance of these ids in one sentence.

        >>> VendorMapping("Secure transfer", "404c3081", "HITRUST/HIPAA", "14.13.0", "9.2", ("01.n",)).text()
        "01.n per Azure Policy 'Secure transfer' (404c3081) in HITRUST/HIPAA initiative 14.13.0 (CSF v9.2)"
        """
        return f"{', '.join(self.csf)} per Azure Policy '{self.policy}' ({self.policy_id}) in {self.label()}"


@dataclass(frozen=True, slots=True)
class References:
    csf: tuple[ControlRef, ...] = ()
    hipaa: tuple[ControlRef, ...] = ()
    nist: tuple[ControlRef, ...] = ()
    csf_basis: str = "derived"  # derived | azure-policy | azure-policy+derived: who assigned the CSF ids
    csf_sources: tuple[VendorMapping, ...] = ()  # the vendor mappings behind non-derived CSF ids

    def vendor_csf_ids(self) -> set[str]:
        return {cid for source in self.csf_sources for cid in source.csf}

    def provenance(self) -> str:
        """Who assigned the CSF ids, in words an assessor can check against the published initiative.

        >>> References(csf=(ControlRef("06.d", "Data Protection"),)).provenance()
        'CSF ids derived by hitrust-policies (no vendor mapping)'
        """
        vendor = [s.text() for s in self.csf_sources]
        derived = [c.id for c in self.csf if c.id not in self.vendor_csf_ids()]
        parts = vendor + ([f"{', '.join(derived)} derived by hitrust-policies"] if derived and vendor else [])
        return "; ".join(parts) if parts else "CSF ids derived by hitrust-policies (no vendor mapping)"

    def summary(self) -> str:
        """One line for messages where only text travels (Pulumi violations, SARIF).

        Vendor-mapped CSF ids carry the initiative version they come from; derived ones say so.

        >>> References(csf=(ControlRef("01.n", "Network Connection Control"),),
        ...            hipaa=(ControlRef("164.312(e)(1)", "Transmission security"),)).summary()
        'HITRUST CSF 01.n (derived); HIPAA 164.312(e)(1)'
        >>> References(csf=(ControlRef("01.n", "Network Connection Control"),), csf_basis="azure-policy",
        ...            csf_sources=(VendorMapping("p", "g", "HITRUST/HIPAA", "14.13.0", "9.2", ("01.n",)),)).summary()
        'HITRUST CSF 01.n (Azure Policy: HITRUST/HIPAA initiative 14.13.0 (CSF v9.2))'
        """
        parts = []
        if self.csf:
            basis = "derived"
            if self.csf_sources:
                versions = ", ".join(sorted({source.label() for source in self.csf_sources}))
                basis = f"Azure Policy: {versions}"
                if self.csf_basis != "azure-policy":
                    basis = f"{', '.join(sorted(self.vendor_csf_ids()))} {basis}; rest derived"
            parts.append("HITRUST CSF " + ", ".join(c.id for c in self.csf) + f" ({basis})")
        if self.hipaa:
            parts.append("HIPAA " + ", ".join(c.id for c in self.hipaa))
        if self.nist:
            parts.append("NIST 800-53 " + ", ".join(c.id for c in self.nist))
        return "; ".join(parts)


def finding_id(rule_id: str, ref: ResourceRef) -> str:
    """Same rule on the same resource gives the same id in every scan (for diffs, SIEM dedup).

    >>> finding_id("net-database-not-public", ResourceRef.manual("db1"))
    '78c5c8b697cccddc'
    """
    key = f"{rule_id}|{ref.provider}|{ref.account or ''}|{ref.native_id}"
    if ref.part:
        key += f"#{ref.part}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Suppression:
    """An accepted risk covering one finding: who accepted it, why, under which ticket, until when.

    A suppressed finding keeps its status (an assessor still sees the FAIL) and stays in every output,
    marked with this; only the exit code and the "failing" counts leave it out. Past ``expires`` the
    acceptance has lapsed: ``expired`` is set, the finding counts again and reports call it out.
    """

    rule: str  # the rule id or pattern as written in the suppressions file
    resource: str  # the resource pattern as written, in one line
    reason: str
    owner: str
    ticket: str
    expires: str  # ISO date (YYYY-MM-DD), last day the acceptance holds
    expired: bool = False
    source: str = ""  # where it is written: "FILE: suppressions[3]"


@dataclass(frozen=True, slots=True)
class Finding:
    rule_id: str
    title: str
    domain: str
    severity: str
    status: Status
    resource: ResourceRef
    message: str
    remediation: str
    references: References = field(default_factory=References)
    id: str = ""
    suppression: Suppression | None = None

    @property
    def suppressed(self) -> bool:
        """Covered by an accepted risk that has not lapsed: not counted as failing or incomplete."""
        return self.suppression is not None and not self.suppression.expired

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = self.status.value
        if self.resource.observed_at is None:  # only facts from a recorded inventory say when they were captured
            del data["resource"]["observed_at"]
        return data
