"""Compute instances: what the internet can address and what the host keeps for them."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class ComputeInstance:
    """A virtual machine (EC2 instance, Azure VM, Compute Engine instance).

    ``public_addresses``: the internet-routable addresses its interfaces hold (public IPv4,
    global IPv6), or the name of the public address resource where the cloud has not allocated
    the address yet (a stopped VM's dynamic public IP); ``()`` when it holds none.
    ``host_encryption``: what the host keeps for it outside its disks (temporary / instance-store
    disks, disk caches) is encrypted at rest.
    ``ip_forwarding``: the network lets it send and receive packets not addressed from or to itself,
    i.e. route traffic for others (GCP ``canIpForward``, an Azure NIC's ``enableIPForwarding``, an EC2
    interface with ``SourceDestCheck`` off); False for managed-cluster nodes whose platform needs it
    (GKE nodes route their pods' traffic).
    """

    ref: ResourceRef
    public_addresses: tuple[str, ...] | Unknown
    host_encryption: bool | Unknown
    ip_forwarding: bool | Unknown


@dataclass(frozen=True, slots=True)
class WebApp:
    """A managed web or function app (Azure App Service): what its deployment and debugging endpoints
    admit. Its HTTP(S) endpoints are `TlsListener`s of their own.

    ``ftp_plaintext``: its FTP deployment endpoint accepts unencrypted FTP (credentials and code in
    the clear); ``remote_debugging``: the remote-debugging endpoint is open; ``managed_identity``: the
    app has a managed identity (system- or user-assigned) to reach other services with, so its code
    need hold no stored secret for them.
    """

    ref: ResourceRef
    ftp_plaintext: bool | Unknown
    remote_debugging: bool | Unknown
    managed_identity: bool | Unknown


@dataclass(frozen=True, slots=True)
class InstanceAccess:
    """What lets people and code into a virtual machine. Compute Engine yields it today: its sign-in and
    console settings are instance metadata keys a project can set for all its VMs, and its VMs carry
    the project's default service account unless told otherwise.

    ``os_login``: interactive sign-in goes through the cloud's own identities and IAM (OS Login), not
    SSH keys written into metadata; ``project_ssh_keys_blocked``: keys granted to every VM of the
    project are refused on this one; ``serial_port_enabled``: the interactive serial console accepts
    connections; ``default_service_account``: the code on the VM calls cloud APIs as the project's
    default compute identity (Editor on the project unless someone revoked it); ``full_api_scope``:
    that identity's tokens carry the scope of every cloud API (``cloud-platform``), so only IAM limits
    them; ``managed_node``: a node the cloud's managed Kubernetes service created and configures itself
    (GKE: name ``gke-*``, label ``goog-gke-node``).
    """

    ref: ResourceRef
    os_login: bool | Unknown
    project_ssh_keys_blocked: bool | Unknown
    serial_port_enabled: bool | Unknown
    default_service_account: bool | Unknown
    full_api_scope: bool | Unknown
    managed_node: bool
