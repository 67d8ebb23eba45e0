"""Adapters for pulumi-gcp (v10), one module per Google Cloud service; importing registers them all.

pulumi-gcp props are the Terraform google provider's arguments in camelCase (``allows[].protocol``,
``uniformBucketLevelAccess``, ``settings.ipConfiguration.ipv4Enabled``, ``diskEncryptionKey.kmsKeySelfLink``),
not the services' API JSON that Cloud Asset Inventory carries; both sources turn what they read into
model values through `hitrust_policies.sources.gcp_semantics`. Nothing here imports ``pulumi_gcp``:
the adapters read the props the engine sends.
"""

from hitrust_policies.sources.pulumi.gcp import (  # noqa: F401
    bigquery,
    cloud_logging,
    compute,
    dns,
    iam,
    instance_access,
    instances,
    kms,
    load_balancing,
    log_buckets,
    sql,
    storage,
)
