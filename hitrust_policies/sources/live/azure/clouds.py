"""Azure clouds: where ARM answers, who issues its tokens, and for which audience."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cloud:
    name: str
    arm_endpoint: str  # Azure Resource Manager, also the Resource Graph host
    authority_host: str  # Microsoft Entra ID login host
    scope: str  # the token audience ARM expects

    def with_endpoint(self, arm_endpoint: str, scope: str | None = None) -> Cloud:
        """A private / Azure Stack cloud: another ARM endpoint (and by default its own audience)."""
        endpoint = arm_endpoint.rstrip("/")
        return Cloud(self.name, endpoint, self.authority_host, scope or f"{endpoint}/.default")


CLOUDS = {
    "AzureCloud": Cloud("AzureCloud", "https://management.azure.com", "login.microsoftonline.com",
                        "https://management.azure.com/.default"),
    "AzureUSGovernment": Cloud("AzureUSGovernment", "https://management.usgovcloudapi.net",
                               "login.microsoftonline.us", "https://management.core.usgovcloudapi.net/.default"),
    "AzureChinaCloud": Cloud("AzureChinaCloud", "https://management.chinacloudapi.cn", "login.chinacloudapi.cn",
                             "https://management.chinacloudapi.cn/.default"),
}


def cloud(name: str = "AzureCloud", arm_endpoint: str | None = None) -> Cloud:
    """The named cloud, optionally pointed at another ARM endpoint.

    >>> cloud("AzureUSGovernment").arm_endpoint
    'https://management.usgovcloudapi.net'
    >>> cloud("AzureCloud", "https://management.contoso.local/").scope
    'https://management.contoso.local/.default'
    """
    try:
        base = CLOUDS[name]
    except KeyError:
        raise ValueError(f"unknown Azure cloud {name!r}; one of {', '.join(CLOUDS)}") from None
    return base.with_endpoint(arm_endpoint) if arm_endpoint else base
