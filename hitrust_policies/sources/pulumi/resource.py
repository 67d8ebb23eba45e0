"""One resource as the Pulumi engine shows it to an analyzer, decoded once.

Also the naming convention shared with the live scanner, so that a finding from
``pulumi preview`` and one from a scan of the deployed account name the same thing:
the physical name where the resource has one and it is known, else the ``Name`` tag,
else the Pulumi logical name (the last URN segment).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.sources.pulumi.props import Props, decode_props

# Pulumi package -> the model's provider name
PROVIDERS = {"aws": "aws", "azure-native": "azure", "gcp": "gcp"}


def logical_name(urn: str) -> str:
    """Last URN segment: ``urn:pulumi:dev::proj::aws:s3/bucket:Bucket::phi`` -> ``phi``."""
    return urn.rsplit("::", 1)[-1]


def urn_type(urn: str) -> str:
    """Type token of a URN (after any parent types): ``urn:pulumi:dev::proj::my:C$aws:kms/key:Key::k`` ->
    ``aws:kms/key:Key``."""
    parts = urn.split("::", 3)
    return parts[2].rsplit("$", 1)[-1] if len(parts) == 4 else ""


@dataclass(frozen=True)
class PulumiResource:
    """Type token, URN, decoded props and the dependency edges the engine sent."""

    type: str
    urn: str
    props: Props
    name: str = ""  # logical name; derived from the URN when empty
    parent: str = ""
    dependencies: tuple[str, ...] = ()
    property_dependencies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_wire(
        cls,
        type_: str,
        urn: str,
        props: Mapping[str, Any] | None,
        *,
        name: str = "",
        parent: str = "",
        dependencies: tuple[str, ...] | list[str] = (),
        property_dependencies: Mapping[str, Any] | None = None,
    ) -> PulumiResource:
        """Build from wire-encoded props (floats, sentinels, secret signatures)."""
        return cls(
            type=type_,
            urn=urn,
            props=decode_props(props),
            name=name or logical_name(urn),
            parent=parent,
            dependencies=tuple(dependencies),
            property_dependencies={k: tuple(v) for k, v in (property_dependencies or {}).items()},
        )

    @property
    def logical_name(self) -> str:
        return self.name or logical_name(self.urn)

    @property
    def id(self) -> Any:
        """The provider id, present in outputs after ``pulumi up``; None or Unknown otherwise."""
        return self.props.get("id")

    def tags(self) -> dict[str, str]:
        """Known, non-secret tags (``tags`` merged over ``tagsAll``)."""
        out: dict[str, str] = {}
        for key in ("tagsAll", "tags"):
            value = self.props.get(key)
            if isinstance(value, Mapping):
                for k, v in value.items():
                    if isinstance(v, str) and not self.props.is_secret(f"{key}.{k}"):
                        out[k] = v
        return out

    def display_name(self, *name_props: str) -> str:
        """Physical name if known and not secret, else the Name tag, else the logical name."""
        for prop in name_props:
            candidate = self.props.name_candidate(prop)
            if candidate:
                return candidate
        return self.tags().get("Name") or self.logical_name

    def ref(self, *name_props: str, name: str | None = None) -> ResourceRef:
        """The `ResourceRef` every model value from this resource carries.

        The provider follows the type token's package; the region is ``region`` (AWS) or
        ``location`` (Azure) when known.
        """
        package = self.type.split(":", 1)[0]
        region = self.props.name_candidate("location" if package == "azure-native" else "region")
        return ResourceRef(
            provider=PROVIDERS.get(package, package),
            native_type=self.type,
            native_id=self.urn,
            name=name if name is not None else self.display_name(*name_props),
            region=region,
            source="pulumi",
        )
