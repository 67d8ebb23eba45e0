"""Plausible values for what a provider computes, so program code runs under mocks.

A real ``pulumi up`` hands every resource back with its provider-computed attributes
(``arn``, ``dnsName``, ``endpoint``, a physical name Pulumi chose ...) and every data
source with a full answer; programs read them in ``apply`` chains and f-strings. Under
mocks nothing computes them, so the harness makes them up by one generic rule: it reads
the attribute names and types the provider SDK declares for the resource (or the data
source's result type) and gives each missing one a value of the right shape, named
after the resource (``arn:aws:s3:::logs-4f1c2a9``, ``app-lb.elb.us-east-1.amazonaws.com``,
one element in lists so ``[0]`` works). Values are deterministic: the same program
captured twice gives the same values.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import re
import sys
import typing
from collections.abc import Mapping, Sequence
from typing import Any

ACCOUNT_ID = "123456789012"
DEFAULT_REGION = "us-east-1"
AZURE_SUBSCRIPTION = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"
AZURE_TENANT = "72f988bf-0000-4000-8000-00000000a2b1"

# pulumi-aws autonames these properties (a physical name from the logical one) when unset
_AUTONAME_PROPERTY = {
    "aws:s3/bucket:Bucket": "bucket",
    "aws:s3/bucketV2:BucketV2": "bucket",
    "aws:rds/instance:Instance": "identifier",
    "aws:rds/cluster:Cluster": "clusterIdentifier",
}
# service part of ARNs where it differs from the SDK module
_ARN_SERVICE = {"lb": "elasticloadbalancing", "alb": "elasticloadbalancing", "elb": "elasticloadbalancing",
                "cloudwatch": "logs", "lambda": "lambda", "cognito": "cognito-idp", "apigateway": "apigateway"}
# resource part of ARNs that does not follow "<kebab-type>/<name>"
_ARN_RESOURCE = {
    "aws:cloudwatch/logGroup:LogGroup": "log-group:{name}",
    "aws:lambda/function:Function": "function:{name}",
    "aws:sqs/queue:Queue": "{name}",
    "aws:sns/topic:Topic": "{name}",
    "aws:iam/instanceProfile:InstanceProfile": "instance-profile/{name}",
    "aws:lb/loadBalancer:LoadBalancer": "loadbalancer/app/{name}/{hash}",
    "aws:lb/targetGroup:TargetGroup": "targetgroup/{name}/{hash}",
    "aws:lb/listener:Listener": "listener/app/{name}/{hash}",
    "aws:kms/key:Key": "key/{uuid}",
    "aws:secretsmanager/secret:Secret": "secret:{name}-{hash6}",
}
# EC2 ids carry a type prefix and 17 hex digits
_EC2_ID_PREFIX = {
    "vpc": "vpc", "subnet": "subnet", "securityGroup": "sg", "internetGateway": "igw", "routeTable": "rtb",
    "routeTableAssociation": "rtbassoc", "instance": "i", "natGateway": "nat", "eip": "eipalloc",
    "networkAcl": "acl", "flowLog": "fl", "launchTemplate": "lt", "keyPair": "key", "networkInterface": "eni",
    "vpcEndpoint": "vpce", "securityGroupRule": "sgrule", "securityGroupIngressRule": "sgr",
    "securityGroupEgressRule": "sgr", "volume": "vol", "transitGateway": "tgw", "egressOnlyInternetGateway": "eigw",
}
# types whose id is their physical name (or ARN / URL)
_ID_IS = {
    "aws:s3/bucket:Bucket": "name", "aws:s3/bucketV2:BucketV2": "name", "aws:iam/role:Role": "name",
    "aws:iam/user:User": "name", "aws:iam/group:Group": "name", "aws:iam/instanceProfile:InstanceProfile": "name",
    "aws:lambda/function:Function": "name", "aws:cloudwatch/logGroup:LogGroup": "name",
    "aws:ecs/cluster:Cluster": "arn", "aws:sns/topic:Topic": "arn", "aws:iam/policy:Policy": "arn",
    "aws:lb/loadBalancer:LoadBalancer": "arn", "aws:lb/targetGroup:TargetGroup": "arn",
    "aws:lb/listener:Listener": "arn", "aws:ecs/taskDefinition:TaskDefinition": "family",
    "aws:sqs/queue:Queue": "url", "aws:dynamodb/table:Table": "name", "aws:ecr/repository:Repository": "name",
    "aws:rds/instance:Instance": "identifier", "aws:eks/cluster:Cluster": "name",
}
# azure-native: the ARM path parameter that names a resource (the provider autonames it from the
# logical name when left out; the ``name`` output then equals it), and the resource's ARM id below
# ``/subscriptions/{sub}/resourceGroups/{rg}/providers/`` ({prop} stands for that input).
_AZURE_RESOURCES: dict[str, tuple[str, str | None]] = {
    "azure-native:resources:ResourceGroup": ("resourceGroupName", None),
    "azure-native:storage:StorageAccount": ("accountName", "Microsoft.Storage/storageAccounts/{accountName}"),
    "azure-native:storage:BlobServiceProperties": (
        "blobServicesName", "Microsoft.Storage/storageAccounts/{accountName}/blobServices/{blobServicesName}"),
    "azure-native:storage:BlobContainer": (
        "containerName", "Microsoft.Storage/storageAccounts/{accountName}/blobServices/default/containers/"
                         "{containerName}"),
    "azure-native:network:NetworkSecurityGroup": (
        "networkSecurityGroupName", "Microsoft.Network/networkSecurityGroups/{networkSecurityGroupName}"),
    "azure-native:network:SecurityRule": (
        "securityRuleName", "Microsoft.Network/networkSecurityGroups/{networkSecurityGroupName}/securityRules/"
                            "{securityRuleName}"),
    "azure-native:network:VirtualNetwork": (
        "virtualNetworkName", "Microsoft.Network/virtualNetworks/{virtualNetworkName}"),
    "azure-native:network:Subnet": (
        "subnetName", "Microsoft.Network/virtualNetworks/{virtualNetworkName}/subnets/{subnetName}"),
    "azure-native:network:PublicIPAddress": (
        "publicIpAddressName", "Microsoft.Network/publicIPAddresses/{publicIpAddressName}"),
    "azure-native:network:NetworkInterface": (
        "networkInterfaceName", "Microsoft.Network/networkInterfaces/{networkInterfaceName}"),
    "azure-native:sql:Server": ("serverName", "Microsoft.Sql/servers/{serverName}"),
    "azure-native:sql:Database": ("databaseName", "Microsoft.Sql/servers/{serverName}/databases/{databaseName}"),
    "azure-native:sql:TransparentDataEncryption": (
        "tdeName", "Microsoft.Sql/servers/{serverName}/databases/{databaseName}/transparentDataEncryption/{tdeName}"),
    "azure-native:compute:Disk": ("diskName", "Microsoft.Compute/disks/{diskName}"),
    "azure-native:compute:VirtualMachine": ("vmName", "Microsoft.Compute/virtualMachines/{vmName}"),
    "azure-native:keyvault:Vault": ("vaultName", "Microsoft.KeyVault/vaults/{vaultName}"),
    "azure-native:operationalinsights:Workspace": (
        "workspaceName", "Microsoft.OperationalInsights/workspaces/{workspaceName}"),
}
_MAX_DEPTH = 4


def digest(*parts: str, length: int = 17) -> str:
    """Deterministic hex for made-up ids and name suffixes."""
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:length]


def kebab(name: str) -> str:
    """``securityGroup`` -> ``security-group``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def split_token(token: str) -> tuple[str, str, str] | None:
    """``aws:ec2/vpc:Vpc`` -> ("aws", "ec2", "Vpc"); ``awsx:ec2:Vpc`` -> ("awsx", "ec2", "Vpc")."""
    parts = token.split(":")
    if len(parts) != 3:
        return None
    return parts[0], parts[1].split("/")[0], parts[2]


def sdk_class(token: str, suffix: str = "") -> type | None:
    """The generated SDK class for a resource type or data-source result, if its module is loaded.

    Only modules the program already imported are consulted (no import side effects):
    ``aws:ec2/vpc:Vpc`` -> ``pulumi_aws.ec2.Vpc``, ``aws:ec2/getAmi:getAmi`` with suffix
    ``Result`` -> ``pulumi_aws.ec2.GetAmiResult``.
    """
    split = split_token(token)
    if split is None:
        return None
    package, module, name = split
    base = "pulumi_" + package.replace("-", "_")
    candidates = [base] if module == "index" else [f"{base}.{module}", f"{base}.{module}_"]
    for candidate in candidates:
        loaded = sys.modules.get(candidate)
        cls = getattr(loaded, name[:1].upper() + name[1:] + suffix, None) if loaded else None
        if isinstance(cls, type):
            return cls
    return None


@functools.cache
def declared_types(cls: type | None) -> dict[str, Any]:
    """Wire name -> Python type of every attribute a resource or output type declares (do not mutate)."""
    if cls is None:
        return {}
    from pulumi import _types

    try:
        return _types.output_type_types(cls) if _types.is_output_type(cls) else _types.resource_types(cls)
    except Exception:  # noqa: BLE001 - an SDK shape we do not know: no made-up values
        return {}


class Namer:
    """Physical names, ids and ARNs of one resource, as AWS and Pulumi autonaming shape them."""

    def __init__(self, token: str, name: str, urn: str, inputs: Mapping[str, Any], region: str) -> None:
        self.token, self.name, self.urn, self.region = token, name, urn, region
        self.inputs = inputs
        split = split_token(token) or ("", "", token)
        self.module, self.type_name = split[1], split[2]
        self.azure = token.startswith("azure-native:")
        self.autoname_property = (_AZURE_RESOURCES.get(token, ("name", None))[0] if self.azure
                                  else _AUTONAME_PROPERTY.get(token, "name"))
        given = inputs.get(self.autoname_property)
        self.autonamed = self.autoname_property not in inputs
        self.physical = given if isinstance(given, str) and given else self.autoname()

    def autoname(self) -> str:
        """Pulumi's default physical name: the logical name and a random-looking suffix."""
        if self.token == "azure-native:storage:StorageAccount":  # 3-24 lower-case letters and digits
            return re.sub("[^a-z0-9]", "", self.name.lower())[:16] + digest(self.urn, length=8)
        if self.azure:
            return f"{self.name}{digest(self.urn, length=8)}"
        base = self.name.lower() if self.token.startswith("aws:s3/") else self.name
        return f"{base}-{digest(self.urn, length=7)}"

    def arm_id(self) -> str:
        """An azure-native resource's ARM id, from its path parameters (the physical name for its own)."""

        def given(prop: str) -> str:
            value = self.physical if prop == self.autoname_property else self.inputs.get(prop)
            return value if isinstance(value, str) and value else f"{prop}-{digest(self.urn, prop, length=6)}"

        group = f"/subscriptions/{AZURE_SUBSCRIPTION}/resourceGroups/"
        if self.token == "azure-native:resources:ResourceGroup":
            return group + self.physical
        if self.token in ("azure-native:monitor:DiagnosticSetting", "azure-native:insights:DiagnosticSetting"):
            return f"{given('resourceUri')}/providers/Microsoft.Insights/diagnosticSettings/{self.physical}"
        template = _AZURE_RESOURCES.get(self.token, ("", None))[1] or (
            f"Microsoft.{self.module[:1].upper()}{self.module[1:]}/"
            f"{self.type_name[:1].lower()}{self.type_name[1:]}s/{{{self.autoname_property}}}")
        path = re.sub(r"\{(\w+)\}", lambda m: given(m.group(1)), template)
        return f"{group}{given('resourceGroupName')}/providers/{path}"

    def arn(self) -> str:
        if self.module == "s3":
            return f"arn:aws:s3:::{self.physical}"
        service = _ARN_SERVICE.get(self.module, self.module)
        template = _ARN_RESOURCE.get(self.token, f"{kebab(self.type_name)}/{{name}}")
        resource = template.format(name=self.physical, hash=digest(self.urn, length=16),
                                   hash6=digest(self.urn, length=6), uuid=self.uuid())
        if self.module == "iam":
            return f"arn:aws:iam::{ACCOUNT_ID}:{resource}"
        return f"arn:aws:{service}:{self.region}:{ACCOUNT_ID}:{resource}"

    def uuid(self) -> str:
        h = digest(self.urn, length=32)
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def host(self) -> str:
        service = {"lb": "elb", "rds": "rds", "s3": "s3"}.get(self.module, self.module)
        return f"{self.physical.lower()}.{service}.{self.region}.amazonaws.com"

    def resource_id(self, state: Mapping[str, Any]) -> str:
        """The id AWS would give: ``vpc-<hex>``, the bucket's name, the topic's ARN, ``<name>-id`` otherwise
        (an ARM id for azure-native)."""
        if self.azure:
            return self.arm_id()
        if self.module in ("ec2", "vpc", "ebs"):
            prefix = _EC2_ID_PREFIX.get(self.type_name[:1].lower() + self.type_name[1:])
            if prefix:
                return f"{prefix}-{digest(self.urn)}"
        if self.module == "kms" and self.type_name == "Key":
            return self.uuid()
        source = _ID_IS.get(self.token)
        if source == "name":
            return self.physical
        if source == "url":
            return f"https://sqs.{self.region}.amazonaws.com/{ACCOUNT_ID}/{self.physical}"
        value = state.get(source) if source else None
        if source == "arn":
            return self.arn()
        if isinstance(value, str) and value:
            return value
        return f"{self.name}-id"


def plausible(prop: str, typ: Any, namer: Namer, depth: int = 0) -> Any:
    """A value of the declared type, shaped by the attribute's name; ``None`` when none fits."""
    from pulumi import _types

    if depth > _MAX_DEPTH or typ is None or typ is Any:
        return None
    origin = typing.get_origin(typ)
    if origin is typing.Union:
        members = [a for a in typing.get_args(typ) if a is not type(None)]
        return plausible(prop, members[0], namer, depth) if members else None
    if origin in (list, tuple, Sequence):
        args = typing.get_args(typ)
        element = plausible(prop, args[0] if args else str, namer, depth + 1)
        return [] if element is None else [element]
    if origin in (dict, Mapping):
        return {}
    if not isinstance(typ, type):
        return None
    if issubclass(typ, enum.Enum):
        return next(iter(typ)).value
    if typ is bool:
        return False
    if typ in (int, float):
        return 0
    if typ is str:
        return plausible_string(prop, namer)
    if _types.is_output_type(typ):
        fields = {k: plausible(k, t, namer, depth + 1) for k, t in declared_types(typ).items()}
        return {k: v for k, v in fields.items() if v is not None}
    return None  # resource objects, Any-typed JSON: nothing sensible to invent


def plausible_string(prop: str, namer: Namer) -> str:
    """A string named after the attribute: ARNs, hosts, URLs, addresses, ids, names."""
    low = prop.lower()
    stem = prop[:-3] if prop.endswith("Arn") else prop[:-2] if prop.endswith("Id") else prop
    if prop == "arn":
        return namer.arn()
    if prop.endswith("Arn"):
        return f"arn:aws:{_ARN_SERVICE.get(namer.module, namer.module)}:{namer.region}:{ACCOUNT_ID}:" \
               f"{kebab(stem)}/{namer.physical}"
    if low in ("accountid", "ownerid", "registryid"):
        return ACCOUNT_ID
    if low == "region":
        return namer.region
    if low in ("name", namer.autoname_property.lower()):
        return namer.physical
    if "url" in low or low.endswith("uri"):
        return f"https://{namer.host()}/"
    if low.endswith(("ip", "ipaddress")):
        return "10.0.0.10" if "private" in low else "203.0.113.10"
    if "dns" in low or low.endswith(("domainname", "endpoint", "address", "fqdn", "hostname")):
        return namer.host()
    if "cidr" in low:
        return "10.0.0.0/16"
    if prop == "id" or prop.endswith("Id"):
        return f"{kebab(stem) or namer.name}-{digest(namer.urn, prop, length=8)}"
    return f"{namer.physical}-{kebab(prop)}"
