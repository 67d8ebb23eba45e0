"""Encryption of managed web apps' deployment endpoints."""

from hitrust_policies.model import WebApp
from hitrust_policies.rules.registry import rule


@rule(
    "enc-web-app-ftps-only",
    title="Web apps refuse unencrypted FTP deployments",
    domain="encryption",
    severity="medium",
    remediation={
        "azure": "Allow FTPS only, or turn FTP deployment off (az webapp config set --ftps-state FtpsOnly, or "
        "Disabled).",
    },
)
def enc_web_app_ftps_only(app: WebApp):
    """Plain FTP sends the deployment credentials and the app's code (and any PHI bundled) in the clear.

    Follows Azure Policy "App Service apps should require FTPS only"
    (4d24b6d4-5e53-4a4f-a7f4-618fa573ee4b: ``ftpsState`` FtpsOnly or Disabled) and its function-app
    twin, CIS Microsoft Azure Foundations 9.10. Prowler ``app_ftp_deployment_disabled`` also fails FtpsOnly;
    FTPS is encrypted, so it passes here.
    """
    if app.ftp_plaintext:
        return "FTP deployments without TLS are accepted (ftpsState AllAllowed)"
