"""EC2 instance facts shared by the AWS sources: what an instance store keeps encrypted.

``DescribeInstanceTypes`` says per type whether it has an instance store
(``InstanceStorageSupported``) and whether its data is encrypted at rest
(``InstanceStorageInfo.EncryptionSupport``: ``required`` for every NVMe instance store and the
HDD stores of H1 / D3 / D3en, hardware XTS-AES-256; ``unsupported`` for previous-generation SSD
and HDD stores such as m3, c3, r3, i2, d2). An EBS-only type keeps nothing on the host beyond
what EBS encrypts in transit for an encrypted volume. This is the AWS side of Azure's
"encryption at host".
"""

from __future__ import annotations

from typing import Any

from hitrust_policies.model.facts import Unknown


def instance_store_encrypted(type_info: Any) -> bool | Unknown:
    """From one ``DescribeInstanceTypes`` entry (or an Unknown for a type that could not be read).

    >>> instance_store_encrypted({"InstanceType": "t3.micro", "InstanceStorageSupported": False})
    True
    >>> old = {"InstanceType": "m3.medium", "InstanceStorageSupported": True}
    >>> instance_store_encrypted({**old, "InstanceStorageInfo": {"EncryptionSupport": "unsupported"}})
    False
    >>> instance_store_encrypted({**old, "InstanceStorageInfo": {}})
    Unknown('instance store encryption of m3.medium not stated by DescribeInstanceTypes')
    """
    if isinstance(type_info, Unknown):
        return type_info
    if type_info.get("InstanceStorageSupported") is False:
        return True
    support = (type_info.get("InstanceStorageInfo") or {}).get("EncryptionSupport")
    if support in ("required", "unsupported"):
        return support == "required"
    return Unknown(f"instance store encryption of {type_info.get('InstanceType', '')} not stated by "
                   "DescribeInstanceTypes")


def public_addresses(instance: dict[str, Any]) -> tuple[str, ...]:
    """Every public IPv4 (auto-assigned or Elastic) and IPv6 address on an instance's interfaces,
    from a ``DescribeInstances`` entry, in interface order, each once.

    >>> public_addresses({"PublicIpAddress": "54.1.2.3", "NetworkInterfaces": [
    ...     {"Association": {"PublicIp": "54.1.2.3"}, "Ipv6Addresses": [{"Ipv6Address": "2600:1f18::1"}]}]})
    ('54.1.2.3', '2600:1f18::1')
    """
    found = [instance.get("PublicIpAddress")]
    for nic in instance.get("NetworkInterfaces") or []:
        found.append((nic.get("Association") or {}).get("PublicIp"))
        found.extend((a.get("Association") or {}).get("PublicIp") for a in nic.get("PrivateIpAddresses") or [])
        found.extend(a.get("Ipv6Address") for a in nic.get("Ipv6Addresses") or [])
    return tuple(dict.fromkeys(a for a in found if a))


def forwards_traffic(instance: dict[str, Any]) -> bool:
    """An instance routes traffic for others when source/destination checking is off on it or on any of
    its interfaces (``SourceDestCheck`` false in ``DescribeInstances``; on by default): the NAT-instance
    setting.

    >>> forwards_traffic({"SourceDestCheck": True, "NetworkInterfaces": [{"SourceDestCheck": False}]})
    True
    >>> forwards_traffic({"NetworkInterfaces": [{}]})
    False
    """
    checks = [instance.get("SourceDestCheck")] + [n.get("SourceDestCheck") for n in instance.get("NetworkInterfaces")
                                                  or []]
    return any(c is False for c in checks)


# Families whose instance store is not encrypted (DescribeInstanceTypes EncryptionSupport
# "unsupported"): previous-generation SATA SSD / HDD stores. Every other family is EBS-only or has an
# NVMe (or H1 / D3 HDD) store encrypted in hardware. For sources without DescribeInstanceTypes
# (a Pulumi preview); the live scanner asks the API.
UNENCRYPTED_STORE_FAMILIES = frozenset({"c1", "c3", "cc2", "cr1", "d2", "g2", "hi1", "hs1", "i2", "m1", "m2", "m3",
                                        "r3", "x1", "x1e"})


def instance_store_encrypted_by_type(instance_type: Any) -> bool | Unknown:
    """From the type name alone, by its family.

    >>> instance_store_encrypted_by_type("m3.medium"), instance_store_encrypted_by_type("m5d.large")
    (False, True)
    """
    if isinstance(instance_type, Unknown):
        return instance_type
    if not isinstance(instance_type, str) or "." not in instance_type:
        return Unknown(f"unrecognised instance type {instance_type!r}")
    return instance_type.split(".", 1)[0].lower() not in UNENCRYPTED_STORE_FAMILIES
