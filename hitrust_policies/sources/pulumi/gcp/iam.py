"""Service-account keys (``serviceaccount/key:Key``) as `ServiceAccountKey`s.

Every key pulumi-gcp makes is user-managed: it either has Google generate a key pair and hands the
program the private key (``privateKey`` output), or uploads the program's own public key
(``publicKeyData``); Google-managed keys are never resources. The provider cannot create a key
disabled. The owner is the ``serviceaccount/account:Account`` that ``serviceAccountId`` names when it is
in the stack (its e-mail, else its account id), or the last segment of the id given.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from hitrust_policies.model import ServiceAccountKey
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.pulumi.gcp import names
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

KEY = "gcp:serviceaccount/key:Key"
ACCOUNT = "gcp:serviceaccount/account:Account"
PENDING_ACCOUNT = "(service account computed at preview)"


def _owner(key: PulumiResource, stack: Stack) -> str:
    account = names.parent(stack, key, "serviceAccountId", (ACCOUNT,))
    if account is not None:
        return (account.props.name_candidate("email") or account.props.name_candidate("accountId")
                or account.logical_name)
    given = key.props.name_candidate("serviceAccountId")
    return names.last_segment(given) if given else PENDING_ACCOUNT


@pulumi_adapter(KEY, produces=ServiceAccountKey, joins=True)
def service_account_key(res: PulumiResource, stack: Stack) -> Iterator[ServiceAccountKey]:
    """A key being created is valid from now; once created, ``validBefore`` tells whether it expired."""
    owner = _owner(res, stack)
    valid_before = res.props.name_candidate("validBefore")
    yield ServiceAccountKey(
        ref=names.ref(res, name=f"{owner}/{res.logical_name}"),
        owner=owner,
        user_managed=True,
        disabled=False,
        expired=gcp.sa_key_expired(valid_before, datetime.now(UTC)),
    )
