"""How managed web apps prove who they are to the services they call."""

from hitrust_policies.model import WebApp
from hitrust_policies.rules.registry import rule


@rule(
    "iam-web-app-managed-identity",
    title="Web apps reach other services with a managed identity, not stored secrets",
    domain="iam",
    severity="medium",
    remediation={
        "azure": "Give the app a managed identity (az webapp identity assign, or az functionapp identity assign), "
        "grant that identity the roles it needs, and replace connection strings and keys in its settings with "
        "Microsoft Entra ID token authentication.",
    },
)
def iam_web_app_managed_identity(app: WebApp):
    """Without a managed identity an app can reach a database, storage or Key Vault only with a secret kept
    in its settings or code: one that is copied, rarely rotated and names no identity in the logs.

    Follows Azure Policy "App Service apps should use managed identity" (2b9ad585-36bc-4615-b300-fd4435808332)
    and its twin "Function apps should use managed identity" (0da106f2-4ca3-48e8-bc85-c638fe6aea8f): a
    system- or user-assigned identity passes; CIS Microsoft Azure Foundations 9.5 (v2.0.0); Prowler
    ``app_register_with_identity``. Whether the code then uses it is not visible in configuration.
    """
    if not app.managed_identity:
        return "has no managed identity: other services can only be reached with stored secrets"
