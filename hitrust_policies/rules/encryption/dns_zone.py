"""Signed answers from public DNS zones (DNSSEC)."""

from hitrust_policies.model import DnsZone
from hitrust_policies.rules.registry import rule

WEAK_SIGNING = ("RSASHA1", "RSAMD5", "DSA", "RSASHA1-NSEC3-SHA1", "DSA-NSEC3-SHA1")


@rule(
    "enc-dns-zone-dnssec",
    title="Public DNS zones sign their answers (DNSSEC)",
    domain="encryption",
    severity="medium",
    remediation={
        "gcp": "Turn DNSSEC on for the zone (gcloud dns managed-zones update ZONE --dnssec-state on; pulumi-gcp: "
               "dnssecConfig.state \"on\") and publish its DS record at the registrar.",
    },
)
def enc_dns_zone_dnssec(zone: DnsZone):
    """Unsigned answers can be forged or poisoned on the way to a resolver, sending patients and partners
    to a look-alike of the service; private zones answer inside the network only and are exempt.

    Follows CIS Google Cloud Platform Foundation 3.3 ("DNSSEC is enabled for Cloud DNS"), Prowler
    ``dns_dnssec_disabled`` and the policy-library template ``GCPDNSSECConstraintV1``: only state ``on``
    signs (``transfer`` does not count).
    """
    if zone.public and not zone.dnssec:
        return "the public zone's answers are not signed (DNSSEC off)"


@rule(
    "enc-dns-zone-strong-signing",
    title="Public DNS zones do not sign with RSASHA1",
    domain="encryption",
    severity="medium",
    remediation={
        "gcp": "Sign with RSASHA256 or ECDSAP256SHA256 keys: turn DNSSEC off, set the zone's defaultKeySpecs "
               "(gcloud dns managed-zones update ZONE --ksk-algorithm rsasha256 --zsk-algorithm rsasha256; "
               "pulumi-gcp: dnssecConfig.defaultKeySpecs[].algorithm), turn it on again and update the DS record.",
    },
)
def enc_dns_zone_strong_signing(zone: DnsZone):
    """SHA-1 signatures can be forged with chosen-prefix collisions; a signature anyone can forge is worth
    no more than none.

    Follows CIS Google Cloud Platform Foundation 3.4 (key-signing key) and 3.5 (zone-signing key), Prowler
    ``dns_rsasha1_in_use_to_key_sign_in_dnssec`` / ``dns_rsasha1_in_use_to_zone_sign_in_dnssec`` and the
    policy-library template ``GCPDNSSECPreventRSASHA1ConstraintV1``, both roles in one rule; stricter, the
    algorithms RFC 8624 forbids for signing (RSAMD5, DSA) fail too. Key specs set on an unsigned zone count:
    they sign once DNSSEC is turned on.
    """
    if not zone.public:
        return None
    weak = [a for a in zone.signing_algorithms if a.split(":", 1)[-1] in WEAK_SIGNING]
    if weak:
        return f"signs with a weak algorithm: {', '.join(weak)}"
