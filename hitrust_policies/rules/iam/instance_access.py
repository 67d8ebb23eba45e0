"""Who signs in to a virtual machine, and as whom the code on it calls cloud APIs."""

from hitrust_policies.model import InstanceAccess
from hitrust_policies.rules.registry import rule


@rule(
    "iam-instance-os-login",
    title="VM sign-in goes through the cloud's identities (OS Login), not SSH keys in metadata",
    domain="iam",
    severity="medium",
    remediation={
        "gcp": "Set enable-oslogin=TRUE in the project's metadata (gcloud compute project-info add-metadata "
        "--metadata enable-oslogin=TRUE; pulumi-gcp: gcp.compute.ProjectMetadataItem key enable-oslogin, value "
        "TRUE) and remove enable-oslogin=FALSE from VMs that override it (gcloud compute instances "
        "remove-metadata VM --keys enable-oslogin); add enable-oslogin-2fa=TRUE to require a second factor, "
        "and grant roles/compute.osLogin per user.",
    },
)
def iam_instance_os_login(vm: InstanceAccess):
    """With OS Login, a VM admits the cloud's own accounts, checked against IAM at each sign-in: removing
    a person from IAM removes their access, and every sign-in names them. Without it, access is whatever
    SSH keys sit in metadata, unnamed and never expiring.

    Follows CIS Google Cloud Platform Foundation 4.4 ("OS Login is enabled for a project", v2/v3) and
    Prowler ``compute_project_os_login_enabled``, judged per VM as the VM runs: its own ``enable-oslogin``
    overrides the project's, so a VM turning it off fails even in a project that turns it on (the CIS
    audit's second step). ``enable-oslogin-2fa`` (a second factor) is not required here. An organization
    policy ``compute.requireOsLogin`` enforcing it is not in the metadata and is not seen.
    """
    if not vm.os_login:
        return "OS Login is off for the VM (enable-oslogin is not TRUE on it or its project)"


@rule(
    "iam-instance-project-ssh-keys-blocked",
    title="VMs refuse the SSH keys granted to every VM of the project",
    domain="iam",
    severity="medium",
    remediation={
        "gcp": "Set block-project-ssh-keys=TRUE on each VM (gcloud compute instances add-metadata VM --metadata "
        "block-project-ssh-keys=TRUE; pulumi-gcp: metadata={\"block-project-ssh-keys\": \"TRUE\"} on "
        "gcp.compute.Instance) and grant access per VM, or through OS Login.",
    },
)
def iam_instance_project_ssh_keys_blocked(vm: InstanceAccess):
    """A key in the project's metadata opens every VM of the project that does not refuse it: one leaked or
    forgotten key, or one person who should have reached a single VM, reaches them all.

    Follows CIS Google Cloud Platform Foundation 4.3 ("Block Project-wide SSH keys" is enabled for VM
    instances, v2/v3) and Prowler ``compute_instance_block_project_wide_ssh_keys_disabled``: only the VM's
    own ``block-project-ssh-keys`` counts (the guest agent never reads it from the project), and the
    deprecated instance key ``sshKeys``, which makes the agent skip the project's keys, counts as a block.
    VMs that Google Kubernetes Engine creates for node pools are exempt, as CIS exempts them: GKE manages
    their metadata.
    """
    if vm.managed_node:
        return None
    if not vm.project_ssh_keys_blocked:
        return "the VM accepts the SSH keys in its project's metadata (block-project-ssh-keys is not TRUE on it)"


_OWN_ACCOUNT = ("Create a service account for the workload with only the roles it needs and attach it (gcloud compute "
                "instances set-service-account VM --service-account SA_EMAIL --scopes cloud-platform, with the VM "
                "stopped; pulumi-gcp: serviceAccount.email on gcp.compute.Instance), or run the VM without one "
                "(--no-service-account --no-scopes; pulumi-gcp: no serviceAccount).")


@rule(
    "iam-instance-default-service-account",
    title="VMs do not run as the project's default compute service account",
    domain="iam",
    severity="medium",
    remediation={"gcp": _OWN_ACCOUNT},
)
def iam_instance_default_service_account(vm: InstanceAccess):
    """Code on the VM calls cloud APIs as the identity it runs as. The Compute Engine default service account
    is shared by every VM that does not name another and is granted Editor on the project when the project
    is created: one compromised VM acts with the rights every VM's workloads together needed.

    Follows CIS Google Cloud Platform Foundation 4.1 ("Instances are not configured to use the default
    service account", v2/v3), Prowler ``compute_instance_default_service_account_in_use`` and Security Health
    Analytics ``DEFAULT_SERVICE_ACCOUNT_USED``, whatever its scopes (see
    ``iam-instance-default-service-account-full-access`` for the graver case). VMs that Google Kubernetes
    Engine creates for node pools are exempt, as CIS exempts them: the node pool sets their account.
    """
    if vm.managed_node:
        return None
    if vm.default_service_account:
        return "the VM runs as the project's Compute Engine default service account (Editor on the project by default)"


@rule(
    "iam-instance-default-service-account-full-access",
    title="VMs on the default compute service account do not hold full access to every cloud API",
    domain="iam",
    severity="high",
    remediation={"gcp": _OWN_ACCOUNT + " At least narrow the default account's scopes to what the VM calls "
                 "(gcloud compute instances set-service-account VM --scopes storage-ro,logging-write; pulumi-gcp: "
                 "serviceAccount.scopes)."},
)
def iam_instance_default_service_account_full_access(vm: InstanceAccess):
    """Access scopes are what still limits the default service account's tokens on a VM. With the
    ``cloud-platform`` scope ("Allow full access to all Cloud APIs") nothing does: anyone who runs code on
    the VM, or reads a token from its metadata server, acts as Editor on the whole project.

    Follows CIS Google Cloud Platform Foundation 4.2 (v2/v3), Prowler
    ``compute_instance_default_service_account_in_use_with_full_api_access`` and Security Health Analytics
    ``FULL_API_ACCESS``: a separate, stricter rule than ``iam-instance-default-service-account`` because
    the peers define the two apart and this one is a direct path to project-wide write access, hence
    high where they say medium. GKE node VMs are exempt, as CIS exempts them.
    """
    if vm.managed_node or vm.default_service_account is False or vm.full_api_scope is False:
        return None
    if vm.default_service_account and vm.full_api_scope:
        return "the VM runs as the default service account with the cloud-platform scope: Editor on every API"
