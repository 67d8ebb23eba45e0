"""Kinesis data streams as message queues, for the live and Pulumi AWS sources: a stream's records are
encrypted at rest when its ``EncryptionType`` is ``KMS`` (with the AWS-managed ``aws/kinesis`` key or a
customer's); ``NONE`` (the API's and the provider's default) leaves them in plain text."""

from __future__ import annotations

from typing import Any

from hitrust_policies.model.facts import Unknown

NATIVE_TYPE = "AWS::Kinesis::Stream"


def encryption(encryption_type: Any, key: Any) -> tuple[Any, Any]:
    """(encrypted, kms_key) from a stream's encryption type and key id (None / "NONE": unencrypted).

    >>> encryption("KMS", "alias/aws/kinesis"), encryption(None, None), encryption("NONE", "")
    ((True, 'alias/aws/kinesis'), (False, None), (False, None))
    """
    if isinstance(encryption_type, Unknown):
        return encryption_type, encryption_type
    if str(encryption_type or "NONE").upper() != "KMS":
        return False, None
    return True, key if isinstance(key, Unknown) else key or None
