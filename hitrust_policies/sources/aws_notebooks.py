"""SageMaker notebook instance settings shared by the live and Pulumi AWS sources."""

from __future__ import annotations

from typing import Any

from hitrust_policies.model.facts import Unknown


def switched_on(value: Any) -> bool | Unknown:
    """``DirectInternetAccess`` / ``RootAccess``: ``Enabled`` unless set to ``Disabled`` (both default on).

    >>> switched_on("Disabled"), switched_on("Enabled"), switched_on(None), switched_on(Unknown("later"))
    (False, True, True, Unknown('later'))
    """
    if isinstance(value, Unknown):
        return value
    return value != "Disabled"


def customer_key(kms_key_id: Any) -> bool | Unknown:
    """``KmsKeyId`` names a customer's key; left out, SageMaker uses its own. An ``alias/aws/...`` is an
    AWS-managed key.

    >>> customer_key("arn:aws:kms:us-east-1:123456789012:key/k1"), customer_key(None), customer_key("alias/aws/ebs")
    (True, False, False)
    """
    if isinstance(kms_key_id, Unknown):
        return kms_key_id
    return bool(kms_key_id) and not str(kms_key_id).startswith("alias/aws/")
