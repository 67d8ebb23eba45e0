"""The definition of "the internet": coverage of public address space, exact set arithmetic."""

from __future__ import annotations

import pytest

from hitrust_policies.model import Unknown, UnknownFact, is_internet
from hitrust_policies.model.addresses import INTERNET_SHARE, PUBLIC, AddressSet, address_set


def test_public_space_sizes() -> None:
    # 2^32 less 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.0.0/24, 192.0.2/24, 192.168/16,
    # 198.18/15, 198.51.100/24, 203.0.113/24, 224/4, 240/4
    reserved = 3 * 2**24 + 2**22 + 2**16 + 2**20 + 2 * 2**8 + 2**16 + 2**17 + 2 * 2**8 + 2 * 2**28
    assert PUBLIC[4].size == 2**32 - reserved
    assert PUBLIC[6] == AddressSet.of("2000::/3")


@pytest.mark.parametrize("cidr, share", [
    ("0.0.0.0/0", 1.0), ("::/0", 1.0), ("::/1", 1.0), ("2000::/3", 1.0), ("8000::/1", 0.0), ("fc00::/7", 0.0),
    ("10.0.0.0/8", 0.0), ("224.0.0.0/3", 0.0), ("2000::/9", 1 / 64), ("2000::/10", 1 / 128),
])
def test_public_share(cidr: str, share: float) -> None:
    assert address_set(cidr).public_share() == pytest.approx(share)


def test_threshold_sits_between_a_slash_7_and_a_slash_6_of_ipv4() -> None:
    assert INTERNET_SHARE == 1 / 64
    assert address_set("4.0.0.0/6").public_share() > INTERNET_SHARE > address_set("6.0.0.0/7").public_share()
    # a /6 that holds 10/8 has only three public /8s left: not enough
    assert not is_internet("8.0.0.0/6")


def test_set_arithmetic() -> None:
    world = AddressSet.everything(4)
    halves = AddressSet.of("0.0.0.0/1") | AddressSet.of("128.0.0.0/1")
    assert halves == world
    assert (world - AddressSet.of("10.0.0.0/8") - AddressSet.of("0.0.0.0/1")) == AddressSet.of("128.0.0.0/1")
    assert (AddressSet.of("10.0.0.0/8") & AddressSet.of("10.1.0.0/16")) == AddressSet.of("10.1.0.0/16")
    assert (AddressSet.of("10.0.0.0/8") & AddressSet.of("11.0.0.0/8")).size == 0
    hole = AddressSet.of("10.0.0.0/8") - AddressSet.of("10.1.0.0/16")
    assert hole.size == 2**24 - 2**16 and len(hole.spans) == 2
    with pytest.raises(ValueError, match="IPv4 and IPv6"):
        _ = world | AddressSet.everything(6)


def test_host_bits_and_bare_addresses() -> None:
    assert address_set("1.2.3.4/0") == AddressSet.everything(4)  # AWS stores it as 0.0.0.0/0
    assert address_set("8.8.8.8").size == 1 and not is_internet("8.8.8.8")
    assert address_set("sg-123") is None and address_set(None) is None


def test_an_unknown_source_cannot_be_decided() -> None:
    with pytest.raises(UnknownFact, match="computed at preview: cidrBlocks"):
        is_internet(Unknown("computed at preview: cidrBlocks"))
