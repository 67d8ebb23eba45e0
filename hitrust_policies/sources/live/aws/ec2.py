"""Where EC2 volumes, regional EBS defaults, security groups, network ACLs, VPCs and instances become model
values."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from hitrust_policies.model import (
    BlockStorageDefaults,
    BlockVolume,
    ComputeInstance,
    IngressRule,
    InstanceMetadata,
    Network,
    NetworkAcl,
    SecurityGroup,
    Unknown,
    opening_id,
)
from hitrust_policies.sources import aws_instances, aws_metadata
from hitrust_policies.sources.aws_network import acl_entry, port_range, protocol
from hitrust_policies.sources.live.aws.audit_logs import AuditLogDestination
from hitrust_policies.sources.live.aws.collector import Ctx, collector, tag
from hitrust_policies.sources.live.aws.kms_keys import KeyManagers


@collector(
    "ec2-volumes",
    service="ec2",
    kinds=(BlockVolume,),
    calls=("ec2:DescribeVolumes", "kms:DescribeKey"),
)
def ec2_volumes(ctx: Ctx) -> Iterator[BlockVolume]:
    """Volumes and whose key encrypts them: ``KmsKeyId`` is a key ARN, the AWS-managed ``aws/ebs``
    key's as well as a customer's, so ``DescribeKey`` (once per key) tells them apart."""
    keys = KeyManagers(ctx)
    for v in ctx.paginate("ec2", "DescribeVolumes", "Volumes"):
        vid = v["VolumeId"]
        encrypted, key = bool(v.get("Encrypted")), v.get("KmsKeyId")
        customer: Any = False
        if encrypted:
            customer = keys.key_is_customers(key, ctx.region) if key else Unknown(
                f"DescribeVolumes: encrypted volume {vid} names no KmsKeyId")
        yield BlockVolume(
            ref=ctx.ref("AWS::EC2::Volume", ctx.arn("ec2", f"volume/{vid}"), tag(v.get("Tags")) or vid),
            encrypted=encrypted,
            kms_key=key,
            kms_key_customer_managed=customer,
        )


@collector(
    "ec2-ebs-encryption-by-default",
    service="ec2",
    kinds=(BlockStorageDefaults,),
    calls=("ec2:GetEbsEncryptionByDefault",),
)
def ec2_ebs_encryption_by_default(ctx: Ctx) -> Iterator[BlockStorageDefaults]:
    result = ctx.fact(
        "ec2:GetEbsEncryptionByDefault", lambda: ctx.client("ec2").get_ebs_encryption_by_default()
    )
    yield BlockStorageDefaults(
        ref=ctx.ref(
            "AWS::EC2::EbsEncryptionByDefault",
            ctx.arn("ec2", "ebs-encryption-by-default"),
            f"ebs-encryption-by-default/{ctx.region}",
        ),
        encrypted_by_default=result
        if isinstance(result, Unknown)
        else bool(result.get("EbsEncryptionByDefault")),
    )


def ingress_rules(ctx: Ctx, group: dict[str, Any], group_name: str) -> Iterator[IngressRule]:
    """One IngressRule per (permission, source): the shape every source normalises to."""
    gid = group["GroupId"]
    for perm in group.get("IpPermissions", []):
        proto = protocol(perm.get("IpProtocol", "-1"))
        lo, hi = port_range(proto, perm.get("FromPort"), perm.get("ToPort"))
        sources = [r["CidrIp"] for r in perm.get("IpRanges", [])]
        sources += [r["CidrIpv6"] for r in perm.get("Ipv6Ranges", [])]
        sources += [r["GroupId"] for r in perm.get("UserIdGroupPairs", []) if "GroupId" in r]
        sources += [r["PrefixListId"] for r in perm.get("PrefixListIds", [])]
        for source in sources:
            yield IngressRule(
                ref=replace(ctx.ref("AWS::EC2::SecurityGroup", ctx.arn("ec2", f"security-group/{gid}"), group_name),
                            part=opening_id(proto, lo, hi, source)),
                group=group_name,
                protocol=proto,
                from_port=lo,
                to_port=hi,
                source=source,
            )


@collector(
    "ec2-security-groups",
    service="ec2",
    kinds=(SecurityGroup, IngressRule),
    calls=("ec2:DescribeSecurityGroups",),
)
def ec2_security_groups(ctx: Ctx) -> Iterator[SecurityGroup | IngressRule]:
    for g in ctx.paginate("ec2", "DescribeSecurityGroups", "SecurityGroups"):
        name = g.get("GroupName") or g["GroupId"]
        yield SecurityGroup(
            ref=ctx.ref("AWS::EC2::SecurityGroup", ctx.arn("ec2", f"security-group/{g['GroupId']}"), name),
            is_default=g.get("GroupName") == "default",
            ingress_rule_count=len(g.get("IpPermissions", [])),
            egress_rule_count=len(g.get("IpPermissionsEgress", [])),
        )
        yield from ingress_rules(ctx, g, name)


@collector(
    "ec2-network-acls",
    service="ec2",
    kinds=(NetworkAcl,),
    calls=("ec2:DescribeNetworkAcls",),
)
def ec2_network_acls(ctx: Ctx) -> Iterator[NetworkAcl]:
    """Every ACL with all its inbound entries, the default ``*`` deny (rule 32767) included."""
    for acl in ctx.paginate("ec2", "DescribeNetworkAcls", "NetworkAcls"):
        aid = acl["NetworkAclId"]
        ingress = tuple(
            acl_entry(e.get("RuleNumber"), e.get("RuleAction"), e.get("Protocol", "-1"),
                      (e.get("PortRange") or {}).get("From"), (e.get("PortRange") or {}).get("To"),
                      e.get("CidrBlock") or e.get("Ipv6CidrBlock"))
            for e in acl.get("Entries", [])
            if not e.get("Egress")
        )
        yield NetworkAcl(
            ref=ctx.ref("AWS::EC2::NetworkAcl", ctx.arn("ec2", f"network-acl/{aid}"), tag(acl.get("Tags")) or aid),
            is_default=bool(acl.get("IsDefault")),
            ingress=ingress,
        )


@collector(
    "ec2-vpcs",
    service="ec2",
    kinds=(Network,),
    calls=("ec2:DescribeVpcs", "ec2:DescribeFlowLogs"),
)
def ec2_vpcs(ctx: Ctx) -> Iterator[Network | AuditLogDestination]:
    """VPCs and whether an active flow log of the VPC captures all its traffic (TrafficType ALL, not ACCEPT
    or REJECT alone); also where every flow log delivers (for audit_logs)."""
    vpcs = list(ctx.paginate("ec2", "DescribeVpcs", "Vpcs"))
    try:
        flows: list[dict[str, Any]] | Unknown = list(ctx.paginate("ec2", "DescribeFlowLogs", "FlowLogs"))
    except Exception as exc:  # VPCs are still reported, their flow-log fact unknown
        flows = ctx.unknown("ec2:DescribeFlowLogs", exc)
    logged: set[str] | Unknown = flows if isinstance(flows, Unknown) else {
        f["ResourceId"] for f in flows
        if f.get("FlowLogStatus", "ACTIVE") == "ACTIVE" and f.get("TrafficType") == "ALL"}
    for vpc in vpcs:
        vid = vpc["VpcId"]
        yield Network(
            ref=ctx.ref("AWS::EC2::VPC", ctx.arn("ec2", f"vpc/{vid}"), tag(vpc.get("Tags")) or vid),
            is_default=bool(vpc.get("IsDefault")),
            flow_logs_enabled=logged if isinstance(logged, Unknown) else vid in logged,
            preset_open=False,  # a default VPC's default security group admits only its members
        )
    if isinstance(flows, Unknown):
        yield AuditLogDestination(ctx.region, flows, "flow logs")
        return
    for f in flows:
        if f.get("LogDestinationType", "cloud-watch-logs") == "cloud-watch-logs":
            group = f.get("LogGroupName") or f.get("LogDestination")
            if group:
                yield AuditLogDestination(ctx.region, group, f"flow log {f.get('FlowLogId')}")


def _instance_types(ctx: Ctx, types: set[str]) -> dict[str, Any]:
    """``DescribeInstanceTypes`` for the types in use (100 a call); a failure makes each an Unknown."""
    found: dict[str, Any] = {}
    ordered = sorted(types)
    for start in range(0, len(ordered), 100):
        chunk = ordered[start:start + 100]
        try:
            for info in ctx.paginate("ec2", "DescribeInstanceTypes", "InstanceTypes", InstanceTypes=chunk):
                found[info["InstanceType"]] = info
        except Exception as exc:
            found.update(dict.fromkeys(chunk, ctx.unknown("ec2:DescribeInstanceTypes", exc)))
    return {t: found.get(t, Unknown(f"DescribeInstanceTypes did not describe {t}")) for t in ordered}


@collector(
    "ec2-instances",
    service="ec2",
    kinds=(ComputeInstance, InstanceMetadata),
    calls=("ec2:DescribeInstances", "ec2:DescribeInstanceTypes"),
)
def ec2_instances(ctx: Ctx) -> Iterator[ComputeInstance | InstanceMetadata]:
    """Instances (not terminated) with the public addresses their interfaces hold; host encryption is
    their type's instance-store encryption (see `aws_instances`); their metadata options (IMDSv2)."""
    instances = [i for r in ctx.paginate("ec2", "DescribeInstances", "Reservations") for i in r.get("Instances", [])
                 if (i.get("State") or {}).get("Name") != "terminated"]
    types = _instance_types(ctx, {i["InstanceType"] for i in instances if i.get("InstanceType")})
    for i in instances:
        iid = i["InstanceId"]
        yield ComputeInstance(
            ref=ctx.ref("AWS::EC2::Instance", ctx.arn("ec2", f"instance/{iid}"), tag(i.get("Tags")) or iid),
            public_addresses=aws_instances.public_addresses(i),
            host_encryption=aws_instances.instance_store_encrypted(
                types.get(i.get("InstanceType", ""), Unknown(f"instance {iid} names no instance type"))),
            ip_forwarding=aws_instances.forwards_traffic(i),
        )
        options = i.get("MetadataOptions") or {}
        yield InstanceMetadata(
            ref=ctx.ref("AWS::EC2::Instance", ctx.arn("ec2", f"instance/{iid}"), tag(i.get("Tags")) or iid),
            endpoint_enabled=aws_metadata.endpoint_enabled(options.get("HttpEndpoint")),
            tokens_required=aws_metadata.tokens_required(options.get("HttpTokens")),
        )
