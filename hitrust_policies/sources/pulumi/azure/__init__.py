"""Adapters for pulumi-azure-native v3, one module per Azure service; importing registers them all.

azure-native 3.x props are the ARM request body flattened into SDK names (``enableHttpsTrafficOnly``,
``networkRuleSet``, ``minimalTlsVersion``), with the ARM path parameters as inputs
(``accountName``, ``resourceGroupName``). Nothing here imports ``pulumi_azure_native``: the
adapters read the props the engine sends.
"""

from hitrust_policies.sources.pulumi.azure import (  # noqa: F401
    authorization,
    compute,
    flexible_servers,
    flow_logs,
    keyvault,
    local_auth,
    messaging,
    monitor,
    network,
    redis,
    sql,
    storage,
    web,
)
