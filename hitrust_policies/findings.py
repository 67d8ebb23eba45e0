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
class References:
    csf: tuple[ControlRef, ...] = ()
    hipaa: tuple[ControlRef, ...] = ()
    nist: tuple[ControlRef, ...] = ()
    csf_basis: str = "derived"  # derived | azure-policy: who assigned the CSF ids

    def summary(self) -> str:
        """One line for messages where only text travels (Pulumi violations, SARIF).

        >>> References(csf=(ControlRef("01.n", "Network Connection Control"),),
        ...            hipaa=(ControlRef("164.312(e)(1)", "Transmission security"),)).summary()
        'HITRUST CSF 01.n; HIPAA 164.312(e)(1)'
        """
        parts = []
        if self.csf:
            parts.append("HITRUST CSF " + ", ".join(c.id for c in self.csf))
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

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = self.status.value
        return data
