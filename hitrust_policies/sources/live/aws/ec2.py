"""Where EC2 volumes, regional EBS defaults, security groups and VPCs become model values."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from hitrust_policies.model import (
    ALL_PROTOCOLS,
    BlockStorageDefaults,
    BlockVolume,
    IngressRule,
    Network,
    SecurityGroup,
    Unknown,
    opening_id,
)
from hitrust_policies.sources.live.aws.audit_logs import AuditLogDestination
from hitrust_policies.sources.live.aws.collector import Ctx, collector, tag


@collector(
    "ec2-volumes",
    service="ec2",
    kinds=(BlockVolume,),
    calls=("ec2:DescribeVolumes",),
)
def ec2_volumes(ctx: Ctx) -> Iterator[BlockVolume]:
    for v in ctx.paginate("ec2", "DescribeVolumes", "Volumes"):
        vid = v["VolumeId"]
        yield BlockVolume(
            ref=ctx.ref("AWS::EC2::Volume", ctx.arn("ec2", f"volume/{vid}"), tag(v.get("Tags")) or vid),
            encrypted=bool(v.get("Encrypted")),
            kms_key=v.get("KmsKeyId"),
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


def _protocol(p: Any) -> str:
    return ALL_PROTOCOLS if str(p) == "-1" else str(p).lower()


def ingress_rules(ctx: Ctx, group: dict[str, Any], group_name: str) -> Iterator[IngressRule]:
    """One IngressRule per (permission, source): the shape every source normalises to."""
    gid = group["GroupId"]
    for perm in group.get("IpPermissions", []):
        protocol = _protocol(perm.get("IpProtocol", "-1"))
        all_ports = protocol == ALL_PROTOCOLS or "FromPort" not in perm
        lo = 0 if all_ports else int(perm["FromPort"])
        hi = 65535 if all_ports else int(perm["ToPort"])
        if protocol in ("icmp", "icmpv6", "58", "1"):
            lo, hi = -1, -1
        sources = [r["CidrIp"] for r in perm.get("IpRanges", [])]
        sources += [r["CidrIpv6"] for r in perm.get("Ipv6Ranges", [])]
        sources += [r["GroupId"] for r in perm.get("UserIdGroupPairs", []) if "GroupId" in r]
        sources += [r["PrefixListId"] for r in perm.get("PrefixListIds", [])]
        for source in sources:
            yield IngressRule(
                ref=replace(ctx.ref("AWS::EC2::SecurityGroup", ctx.arn("ec2", f"security-group/{gid}"), group_name),
                            part=opening_id(protocol, lo, hi, source)),
                group=group_name,
                protocol=protocol,
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
    "ec2-vpcs",
    service="ec2",
    kinds=(Network,),
    calls=("ec2:DescribeVpcs", "ec2:DescribeFlowLogs"),
)
def ec2_vpcs(ctx: Ctx) -> Iterator[Network | AuditLogDestination]:
    """VPCs and whether they are flow-logged; also where every flow log delivers (for audit_logs)."""
    vpcs = list(ctx.paginate("ec2", "DescribeVpcs", "Vpcs"))
    try:
        flows: list[dict[str, Any]] | Unknown = list(ctx.paginate("ec2", "DescribeFlowLogs", "FlowLogs"))
    except Exception as exc:  # VPCs are still reported, their flow-log fact unknown
        flows = ctx.unknown("ec2:DescribeFlowLogs", exc)
    logged: set[str] | Unknown = flows if isinstance(flows, Unknown) else {
        f["ResourceId"] for f in flows if f.get("FlowLogStatus", "ACTIVE") == "ACTIVE"}
    for vpc in vpcs:
        vid = vpc["VpcId"]
        yield Network(
            ref=ctx.ref("AWS::EC2::VPC", ctx.arn("ec2", f"vpc/{vid}"), tag(vpc.get("Tags")) or vid),
            is_default=bool(vpc.get("IsDefault")),
            flow_logs_enabled=logged if isinstance(logged, Unknown) else vid in logged,
        )
    if isinstance(flows, Unknown):
        yield AuditLogDestination(ctx.region, flows, "flow logs")
        return
    for f in flows:
        if f.get("LogDestinationType", "cloud-watch-logs") == "cloud-watch-logs":
            group = f.get("LogGroupName") or f.get("LogDestination")
            if group:
                yield AuditLogDestination(ctx.region, group, f"flow log {f.get('FlowLogId')}")
