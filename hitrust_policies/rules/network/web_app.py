"""Exposure of managed web apps' management endpoints."""

from hitrust_policies.model import WebApp
from hitrust_policies.rules.registry import rule


@rule(
    "net-web-app-remote-debugging-off",
    title="Web apps have remote debugging turned off",
    domain="network",
    severity="medium",
    remediation={
        "azure": "Turn remote debugging off (az webapp config set --remote-debugging-enabled false).",
    },
)
def net_web_app_remote_debugging_off(app: WebApp):
    """Remote debugging opens extra inbound ports into the running app and its memory, PHI included.

    Follows Azure Policy "App Service apps should have remote debugging turned off"
    (cb510bfd-1cba-4d9f-a230-cb0976f4bb71: ``remoteDebuggingEnabled`` false) and its function-app twin.
    """
    if app.remote_debugging:
        return "remote debugging is turned on"
