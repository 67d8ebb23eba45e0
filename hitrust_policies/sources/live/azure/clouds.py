"""Azure clouds: where ARM answers, who issues its tokens, and for which audience."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cloud:
    name: str
    arm_endpoint: str  # Azure Resource Manager, also the Resource Graph host
    authority_host: str  # Microsoft Entra ID login host
    scope: str  # the token audience ARM expects
    graph_endpoint: str = "https://graph.microsoft.com"  # Microsoft Graph (directory objects) of this cloud

    @property
    def graph_scope(self) -> str:
        """The token audience Microsoft Graph expects: the cloud's Graph, even where its endpoint is a local
        fake or proxy (`with_endpoint`)."""
        return f"{CLOUD_GRAPH.get(self.name, self.graph_endpoint)}/.default"

    def with_endpoint(self, arm_endpoint: str, scope: str | None = None) -> Cloud:
        """A private / Azure Stack cloud: another ARM endpoint (and by default its own audience). A loopback
        ARM endpoint (a local fake or proxy) also answers Graph: a scan pointed at this machine sends
        nothing elsewhere."""
        from hitrust_policies.sources.live.azure.auth import is_loopback_http

        endpoint = arm_endpoint.rstrip("/")
        graph = endpoint if is_loopback_http(endpoint) else self.graph_endpoint
        return Cloud(self.name, endpoint, self.authority_host, scope or f"{endpoint}/.default", graph)


CLOUD_GRAPH = {"AzureCloud": "https://graph.microsoft.com", "AzureUSGovernment": "https://graph.microsoft.us",
               "AzureChinaCloud": "https://microsoftgraph.chinacloudapi.cn"}


CLOUDS = {
    "AzureCloud": Cloud("AzureCloud", "https://management.azure.com", "login.microsoftonline.com",
                        "https://management.azure.com/.default"),
    "AzureUSGovernment": Cloud("AzureUSGovernment", "https://management.usgovcloudapi.net",
                               "login.microsoftonline.us", "https://management.core.usgovcloudapi.net/.default",
                               CLOUD_GRAPH["AzureUSGovernment"]),
    "AzureChinaCloud": Cloud("AzureChinaCloud", "https://management.chinacloudapi.cn", "login.chinacloudapi.cn",
                             "https://management.chinacloudapi.cn/.default", CLOUD_GRAPH["AzureChinaCloud"]),
}


def cloud(name: str = "AzureCloud", arm_endpoint: str | None = None) -> Cloud:
    """The named cloud, optionally pointed at another ARM endpoint.

    >>> cloud("AzureUSGovernment").arm_endpoint
    'https://management.usgovcloudapi.net'
    >>> cloud("AzureCloud", "https://management.contoso.local/").scope
    'https://management.contoso.local/.default'
    >>> g = cloud("AzureUSGovernment", "http://127.0.0.1:8080")
    >>> g.graph_endpoint, g.graph_scope
    ('http://127.0.0.1:8080', 'https://graph.microsoft.us/.default')
    """
    try:
        base = CLOUDS[name]
    except KeyError:
        raise ValueError(f"unknown Azure cloud {name!r}; one of {', '.join(CLOUDS)}") from None
    return base.with_endpoint(arm_endpoint) if arm_endpoint else base
