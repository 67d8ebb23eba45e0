"""DMS replication instances (``aws:dms/replicationInstance:ReplicationInstance``), named by
``replicationInstanceId`` like the live scanner.

``publiclyAccessible`` left out is private: the provider sends ``false`` for it (the DMS API's own default,
when a request omits it, is public; the live scanner reads what AWS reports).
"""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import ReplicationInstance
from hitrust_policies.sources.pulumi.props import to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


@pulumi_adapter("aws:dms/replicationInstance:ReplicationInstance", produces=ReplicationInstance)
def replication_instance(res: PulumiResource, stack: Stack) -> Iterator[ReplicationInstance]:
    yield ReplicationInstance(ref=res.ref("replicationInstanceId"),
                              publicly_accessible=to_bool(res.props.get("publiclyAccessible"), False))
