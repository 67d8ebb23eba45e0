"""AWS KMS facts shared by every AWS source: which keys can rotate, whose key a reference names.

**Automatic rotation** (``EnableKeyRotation``) exists only for symmetric encryption keys
(key spec ``SYMMETRIC_DEFAULT``) whose material KMS generated and holds (origin ``AWS_KMS``).
It is not supported for asymmetric (``RSA_*``, ``ECC_*``, ``SM2``, ``ML_DSA_*``) or HMAC
(``HMAC_*``) keys, keys with imported material (origin ``EXTERNAL``; rotated on demand only),
or keys in custom key stores (``AWS_CLOUDHSM``, ``EXTERNAL_KEY_STORE``); KMS answers
``UnsupportedOperationException`` for them. Multi-Region keys do rotate: replicas share the
primary's rotation setting. This is the scope AWS Config's ``cmk-backing-key-rotation-enabled``
states and CIS AWS Foundations 3.6 (v3.0; 3.8 in v1.x) "customer created symmetric CMKs" means.

**Key references** (a bucket's ``KMSMasterKeyID``): none at all means the AWS-managed
``aws/s3`` key; the ``alias/aws/`` prefix is reserved for AWS-managed keys, and any other
alias can only point at a customer-managed key (``CreateAlias`` accepts nothing else). A key
id or key ARN says nothing by itself: ``DescribeKey``'s ``KeyManager`` (or the stack that
creates the key) decides.
"""

from __future__ import annotations

from typing import Any

from hitrust_policies.model.facts import Unknown

ROTATABLE_ORIGIN = "AWS_KMS"
ROTATABLE_SPEC = "SYMMETRIC_DEFAULT"
AWS_MANAGED_ALIAS = "alias/aws/"
S3_DEFAULT_KEY = "alias/aws/s3"


def rotation_supported(origin: Any, key_spec: Any) -> bool | Unknown:
    """Can KMS rotate this key automatically? A known disqualifier wins over an unknown.

    >>> rotation_supported("AWS_KMS", "SYMMETRIC_DEFAULT"), rotation_supported("EXTERNAL", "SYMMETRIC_DEFAULT")
    (True, False)
    >>> rotation_supported("AWS_CLOUDHSM", "SYMMETRIC_DEFAULT"), rotation_supported("AWS_KMS", "HMAC_256")
    (False, False)
    >>> rotation_supported(Unknown("computed at preview: customerMasterKeySpec"), "RSA_2048")
    False
    """
    pending: Unknown | None = None
    for value, wanted in ((origin, ROTATABLE_ORIGIN), (key_spec, ROTATABLE_SPEC)):
        if isinstance(value, Unknown):
            pending = value if pending is None else pending
        elif value != wanted:
            return False
    return pending if pending is not None else True


def key_manager_is_customer(key_manager: Any) -> bool | Unknown:
    """``DescribeKey``'s ``KeyManager``: ``CUSTOMER`` or ``AWS``."""
    if isinstance(key_manager, Unknown):
        return key_manager
    if key_manager in ("CUSTOMER", "AWS"):
        return key_manager == "CUSTOMER"
    return Unknown(f"unrecognised KMS KeyManager {key_manager!r}")


def _resource(reference: str) -> str:
    """``alias/x`` / ``key/id`` part of an ARN, or the reference itself."""
    return reference.split(":", 5)[5] if reference.startswith("arn:") and reference.count(":") >= 5 else reference


def customer_managed_by_reference(reference: str | None) -> bool | None:
    """What a key reference alone tells: False for the AWS-managed default (no key, an ``aws/`` alias),
    True for any other alias, None for a key id or ARN (resolve it with ``DescribeKey`` or the stack).

    >>> customer_managed_by_reference(None), customer_managed_by_reference("arn:aws:kms:us-east-1:1:alias/aws/s3")
    (False, False)
    >>> customer_managed_by_reference("alias/phi-data"), customer_managed_by_reference("arn:aws:kms:eu-west-1:1:key/k")
    (True, None)
    """
    if not reference:
        return False
    resource = _resource(reference)
    if resource.startswith(AWS_MANAGED_ALIAS):
        return False
    if resource.startswith("alias/"):
        return True
    return None


def key_region(reference: str) -> str | None:
    """The Region of a key or alias ARN (None for a bare key id or alias name).

    >>> key_region("arn:aws:kms:eu-west-1:111122223333:key/k"), key_region("1234abcd")
    ('eu-west-1', None)
    """
    parts = reference.split(":")
    return (parts[3] or None) if reference.startswith("arn:") and len(parts) >= 6 else None
