"""Whose KMS key encrypts a resource: one ``DescribeKey`` per key, shared by every resource using it.

A key reference alone often tells (no key, an ``aws/`` alias, another alias: see `aws_kms`); a key
id or ARN is resolved with ``DescribeKey``'s ``KeyManager``, once per (Region, key) however many
buckets or volumes name it. A denied lookup is an Unknown naming the call.
"""

from __future__ import annotations

import threading
from typing import Any

from hitrust_policies.model import KMS, Unknown
from hitrust_policies.sources import aws_kms
from hitrust_policies.sources.live.aws.collector import Ctx


class KeyManagers:
    """Is a key customer-managed? Answers cached per collector run."""

    def __init__(self, ctx: Ctx) -> None:
        self._ctx = ctx
        self._seen: dict[tuple[str, str], Any] = {}
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._lock = threading.Lock()

    def customer_managed(self, encryption: Any, key: Any, resource_region: str | None) -> Any:
        """For an object store's default encryption: False unless it is a KMS key the customer manages."""
        if isinstance(encryption, Unknown) or encryption != KMS:
            return encryption if isinstance(encryption, Unknown) else False
        return self.key_is_customers(key, resource_region)

    def key_is_customers(self, key: Any, resource_region: str | None) -> Any:
        """Is ``key`` (None: the service's AWS-managed default) customer-managed?"""
        by_reference = aws_kms.customer_managed_by_reference(key)
        if by_reference is not None:
            return by_reference
        region = aws_kms.key_region(key) or resource_region
        if region is None:
            return Unknown(f"resource Region unknown: cannot look up KMS key {key}")
        with self._lock:
            key_lock = self._locks.setdefault((region, key), threading.Lock())
        with key_lock:  # resources sharing a key wait for the first one's answer
            if (region, key) not in self._seen:
                kms = self._ctx.client("kms", region)
                meta = self._ctx.fact("kms:DescribeKey", lambda: kms.describe_key(KeyId=key)["KeyMetadata"])
                self._seen[region, key] = (meta if isinstance(meta, Unknown)
                                           else aws_kms.key_manager_is_customer(meta.get("KeyManager")))
            return self._seen[region, key]
