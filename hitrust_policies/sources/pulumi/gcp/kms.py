"""Cloud KMS keys (``kms/cryptoKey:CryptoKey``) as `CryptoKey`s, named ``<key ring>/<key>`` as live.

Key names are unique only within their ring, so the ring's name is joined from the ``kms/keyRing:KeyRing``
that ``keyRing`` points at (its id ``projects/P/locations/L/keyRings/R`` when the ring is not in the
stack). A new key's primary version is enabled (`gcp_semantics.kms_primary_state_on_create`);
``rotationPeriod`` set means automatic rotation is on. Who the key is open to comes from the IAM resources
naming it in ``cryptoKeyId`` (``kms/cryptoKeyIAMMember``, ``kms/cryptoKeyIAMBinding``, ``kms/cryptoKeyIAMPolicy``
with its ``policyData``), read as the live scanner reads the key's IAM policy.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import CryptoKey, Unknown
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.pulumi.gcp import names
from hitrust_policies.sources.pulumi.props import preview_unknown
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

CRYPTO_KEY = "gcp:kms/cryptoKey:CryptoKey"
KEY_RING = "gcp:kms/keyRing:KeyRing"
PENDING_RING = "(key ring computed at preview)"
IAM_MEMBER = "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember"
IAM_BINDING = "gcp:kms/cryptoKeyIAMBinding:CryptoKeyIAMBinding"
IAM_POLICY = "gcp:kms/cryptoKeyIAMPolicy:CryptoKeyIAMPolicy"




def _public(key: PulumiResource, stack: Stack) -> tuple[str, ...] | Unknown:
    """The public members the stack's IAM resources grant on the key; unknown while a grant that could
    name it is not known yet, unless a known one already opens it."""
    sure, maybe = names.referrers(stack, key, (IAM_MEMBER, IAM_BINDING, IAM_POLICY), "cryptoKeyId")
    known: list[dict[str, Any]] = []
    pending: Unknown | None = None
    for grant in sure:
        bindings = names.iam_bindings(grant)
        if isinstance(bindings, Unknown):
            pending = pending or bindings
        else:
            known += bindings
    if maybe and pending is None:
        pending = preview_unknown(f"cryptoKeyId of {maybe[0].logical_name}")
    public = tuple(gcp.public_grants(known))
    return public if public or pending is None else pending


def _ring_name(key: PulumiResource, stack: Stack) -> str:
    ring = names.parent(stack, key, "keyRing", (KEY_RING,))
    if ring is not None:
        return names.physical_name(ring)
    given = key.props.name_candidate("keyRing")
    return names.last_segment(given) if given else PENDING_RING


def _enabled(purpose: Any, skip: Any) -> Any:
    pending = names.first_unknown(purpose, skip)
    if pending is not None:
        return pending
    if skip and str(purpose or gcp.ROTATABLE_PURPOSE).upper() == gcp.ROTATABLE_PURPOSE:
        return Unknown("created without a first version (skipInitialVersionCreation): its versions are not "
                       "in the program")
    return gcp.kms_enabled(purpose, gcp.kms_primary_state_on_create(purpose, skip))


@pulumi_adapter(CRYPTO_KEY, produces=CryptoKey, joins=True)
def crypto_key(res: PulumiResource, stack: Stack) -> Iterator[CryptoKey]:
    p = res.props
    purpose, level = p.get("purpose"), p.get("versionTemplate.protectionLevel")
    import_only, skip = p.get("importOnly"), p.get("skipInitialVersionCreation")
    rotation = p.get("rotationPeriod")
    supported = names.first_unknown(purpose, level, import_only)
    yield CryptoKey(
        ref=names.ref(res, name=f"{_ring_name(res, stack)}/{names.physical_name(res)}"),
        customer_managed=True,
        rotation_supported=supported if supported is not None else gcp.kms_rotation_supported(
            purpose, level, import_only),
        enabled=_enabled(purpose, skip),
        rotation_enabled=rotation if isinstance(rotation, Unknown) else bool(rotation),
        public_principals=_public(res, stack),
        pending_deletion=None,  # Cloud KMS keys are never deleted, only their versions destroyed
    )
