"""Answers to data-source calls (``aws.ec2.get_ami``, ``aws.iam.get_policy_document`` ...) under mocks.

Public programs look things up before they create anything: the newest AMI, the zones
of the region, the default VPC and its subnets, the account id, a policy document built
from statements. Each answer here has the shape the provider returns (wire names), with
values a reader recognises (``ami-…``, ``us-east-1a``, ``123456789012``) and the
arguments echoed where the provider echoes them. ``aws:iam/getPolicyDocument`` renders
the real JSON from its statements, since programs feed it into role and bucket
policies that rules read. Any other data source gets a generic answer made from its
SDK result type (see `hitrust_policies.testing.pulumi_values`), and is reported.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from hitrust_policies.testing.pulumi_values import (
    ACCOUNT_ID,
    AZURE_SUBSCRIPTION,
    AZURE_TENANT,
    Namer,
    declared_types,
    digest,
    plausible,
    sdk_class,
)

Answer = Callable[[dict[str, Any], str], dict[str, Any]]


def short_token(token: str) -> str:
    """``aws:ec2/getAmi:getAmi`` -> ``aws:ec2/getAmi`` (the form users write); tokens without a
    ``module/function`` part (``azure-native:authorization:getClientConfig``) stay whole.

    >>> short_token("aws:ec2/getAmi:getAmi"), short_token("azure-native:authorization:getClientConfig")
    ('aws:ec2/getAmi', 'azure-native:authorization:getClientConfig')
    """
    parts = token.split(":")
    return ":".join(parts[:2]) if len(parts) == 3 and "/" in parts[1] else token


def _seed(token: str, args: Mapping[str, Any]) -> str:
    return token + json.dumps(args, sort_keys=True, default=str)


def _ec2_id(prefix: str, *parts: str) -> str:
    return f"{prefix}-{digest(prefix, *parts)}"


def _zone_id(region: str, index: int) -> str:
    """``us-east-1`` -> ``use1-az1``: AWS's zone-id form."""
    area, direction, number = (region.split("-") + ["", "", ""])[:3]
    initials = "".join(w[0] for w in re.findall("north|south|east|west|central", direction))
    return f"{area}{initials}{number}-az{index}"


def _first_filter_value(args: Mapping[str, Any], name: str) -> str | None:
    for f in args.get("filters") or ():
        if isinstance(f, Mapping) and f.get("name") == name and f.get("values"):
            return str(f["values"][0])
    return None


def _ami(args: dict[str, Any], region: str) -> dict[str, Any]:
    ami = _ec2_id("ami", _seed("ami", args))
    owners = [str(o) for o in args.get("owners") or ()]
    name = (_first_filter_value(args, "name") or "amzn2-ami-hvm-*-x86_64-gp2").replace("*", "2024.0.20240101")
    return {"id": ami, "imageId": ami, "arn": f"arn:aws:ec2:{region}::image/{ami}", "name": name,
            "architecture": "arm64" if "arm64" in name else "x86_64", "imageOwnerAlias": "amazon",
            "ownerId": next((o for o in owners if o.isdigit()), "137112412989"), "rootDeviceName": "/dev/xvda",
            "rootDeviceType": "ebs", "virtualizationType": "hvm", "state": "available", "public": True,
            "creationDate": "2024-01-01T00:00:00.000Z", "imageType": "machine"}


def _zones(args: dict[str, Any], region: str) -> dict[str, Any]:
    return {"id": region, "names": [f"{region}{z}" for z in "abc"], "groupNames": [region],
            "zoneIds": [_zone_id(region, i) for i in (1, 2, 3)]}


def _default_vpc_id(region: str) -> str:
    return _ec2_id("vpc", region, "default")


def _vpc(args: dict[str, Any], region: str) -> dict[str, Any]:
    vpc = args.get("id") or (_default_vpc_id(region) if args.get("default") else _ec2_id("vpc", _seed("vpc", args)))
    return {"id": vpc, "arn": f"arn:aws:ec2:{region}:{ACCOUNT_ID}:vpc/{vpc}", "cidrBlock": "172.31.0.0/16",
            "default": bool(args.get("default")), "enableDnsSupport": True, "enableDnsHostnames": True,
            "instanceTenancy": "default", "ownerId": ACCOUNT_ID, "state": "available",
            "mainRouteTableId": _ec2_id("rtb", vpc, "main"), "dhcpOptionsId": _ec2_id("dopt", vpc)}


def _vpcs(args: dict[str, Any], region: str) -> dict[str, Any]:
    return {"id": region, "ids": [_default_vpc_id(region)]}


def _subnets(args: dict[str, Any], region: str) -> dict[str, Any]:
    vpc = _first_filter_value(args, "vpc-id") or _default_vpc_id(region)
    return {"id": region, "ids": [_ec2_id("subnet", vpc, z) for z in "abc"]}


def _subnet(args: dict[str, Any], region: str) -> dict[str, Any]:
    subnet = args.get("id") or _ec2_id("subnet", _seed("subnet", args))
    return {"id": subnet, "arn": f"arn:aws:ec2:{region}:{ACCOUNT_ID}:subnet/{subnet}",
            "vpcId": args.get("vpcId") or _default_vpc_id(region), "cidrBlock": "172.31.0.0/20",
            "availabilityZone": args.get("availabilityZone") or f"{region}a", "availabilityZoneId": _zone_id(region, 1),
            "ownerId": ACCOUNT_ID, "state": "available"}


def _security_group(args: dict[str, Any], region: str) -> dict[str, Any]:
    group = args.get("id") or _ec2_id("sg", _seed("sg", args))
    return {"id": group, "arn": f"arn:aws:ec2:{region}:{ACCOUNT_ID}:security-group/{group}",
            "name": args.get("name") or "default", "vpcId": args.get("vpcId") or _default_vpc_id(region),
            "description": "looked up by the test harness"}


def _route_table(args: dict[str, Any], region: str) -> dict[str, Any]:
    table = args.get("routeTableId") or _ec2_id("rtb", _seed("rtb", args))
    return {"id": table, "routeTableId": table, "arn": f"arn:aws:ec2:{region}:{ACCOUNT_ID}:route-table/{table}",
            "vpcId": args.get("vpcId") or _default_vpc_id(region), "ownerId": ACCOUNT_ID, "routes": [],
            "associations": []}


def _zone(args: dict[str, Any], region: str) -> dict[str, Any]:
    zone = args.get("zoneId") or "Z" + digest(_seed("zone", args), length=20).upper()
    name = str(args.get("name") or "example.com").rstrip(".")
    return {"id": zone, "zoneId": zone, "name": name, "arn": f"arn:aws:route53:::hostedzone/{zone}",
            "privateZone": bool(args.get("privateZone")), "callerReference": zone,
            "nameServers": [f"ns-{i}.awsdns-0{i}.com" for i in (1, 2)], "resourceRecordSetCount": 2}


def _region(args: dict[str, Any], region: str) -> dict[str, Any]:
    name = args.get("region") or args.get("name") or region
    return {"id": name, "name": name, "region": name, "endpoint": f"ec2.{name}.amazonaws.com",
            "description": name}


def _caller(args: dict[str, Any], region: str) -> dict[str, Any]:
    return {"id": ACCOUNT_ID, "accountId": ACCOUNT_ID, "arn": f"arn:aws:iam::{ACCOUNT_ID}:user/pulumi-test",
            "userId": "AIDA" + digest("caller", length=17).upper()}


def _partition(args: dict[str, Any], region: str) -> dict[str, Any]:
    return {"id": "aws", "partition": "aws", "dnsSuffix": "amazonaws.com", "reverseDnsPrefix": "com.amazonaws"}


def _parameter(args: dict[str, Any], region: str) -> dict[str, Any]:
    name = str(args.get("name") or "parameter")
    value = _ec2_id("ami", name) if "/ami" in name else f"value-of-{name.strip('/').replace('/', '-')}"
    path = name if name.startswith("/") else "/" + name
    return {"id": name, "name": name, "arn": f"arn:aws:ssm:{region}:{ACCOUNT_ID}:parameter{path}",
            "type": "String", "value": value, "insecureValue": value, "version": 1}


def _ecr_token(args: dict[str, Any], region: str) -> dict[str, Any]:
    registry = args.get("registryId") or ACCOUNT_ID
    password = "harness-ecr-password"
    return {"id": region, "registryId": registry, "userName": "AWS", "password": password,
            "authorizationToken": base64.b64encode(f"AWS:{password}".encode()).decode(),
            "proxyEndpoint": f"https://{registry}.dkr.ecr.{region}.amazonaws.com",
            "expiresAt": "2099-01-01T00:00:00Z"}


def _role(args: dict[str, Any], region: str) -> dict[str, Any]:
    name = str(args.get("name") or "role")
    return {"id": name, "name": name, "arn": f"arn:aws:iam::{ACCOUNT_ID}:role/{name}", "path": "/",
            "uniqueId": "AROA" + digest(name, length=17).upper()}


def _managed_policy(args: dict[str, Any], region: str) -> dict[str, Any]:
    arn = args.get("arn") or f"arn:aws:iam::{ACCOUNT_ID}:policy/{args.get('name') or 'policy'}"
    return {"id": arn, "arn": arn, "name": arn.rsplit("/", 1)[-1], "path": "/",
            "policyId": "ANPA" + digest(arn).upper()}


def _kms_alias(args: dict[str, Any], region: str) -> dict[str, Any]:
    name = str(args.get("name") or "alias/key")
    key = _uuid(name)
    return {"id": f"arn:aws:kms:{region}:{ACCOUNT_ID}:{name}", "arn": f"arn:aws:kms:{region}:{ACCOUNT_ID}:{name}",
            "name": name, "targetKeyId": key, "targetKeyArn": f"arn:aws:kms:{region}:{ACCOUNT_ID}:key/{key}"}


def _kms_key(args: dict[str, Any], region: str) -> dict[str, Any]:
    given = str(args.get("keyId") or "key")
    key = given.rsplit("/", 1)[-1] if given.startswith("arn:") and ":key/" in given else _uuid(given)
    arn = f"arn:aws:kms:{region}:{ACCOUNT_ID}:key/{key}"
    return {"id": key, "keyId": given, "arn": arn, "enabled": True, "keyState": "Enabled", "keyManager": "CUSTOMER",
            "keyUsage": "ENCRYPT_DECRYPT", "customerMasterKeySpec": "SYMMETRIC_DEFAULT"}


def _uuid(seed: str) -> str:
    h = digest(seed, length=32)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _azure_client_config(args: dict[str, Any], region: str) -> dict[str, Any]:
    return {"clientId": _uuid("azure-client"), "objectId": _uuid("azure-object"),
            "subscriptionId": AZURE_SUBSCRIPTION, "tenantId": AZURE_TENANT}


def _azure_storage_keys(args: dict[str, Any], region: str) -> dict[str, Any]:
    account = str(args.get("accountName") or "account")
    return {"keys": [{"keyName": name, "permissions": "FULL", "creationTime": "2026-01-01T00:00:00Z",
                      "value": base64.b64encode(digest(account, name, length=64).encode()).decode()}
                     for name in ("key1", "key2")]}


def _certificate(args: dict[str, Any], region: str) -> dict[str, Any]:
    domain = str(args.get("domain") or "example.com")
    arn = f"arn:aws:acm:{region}:{ACCOUNT_ID}:certificate/{_uuid(domain)}"
    return {"id": arn, "arn": arn, "domain": domain, "status": "ISSUED", "type": "AMAZON_ISSUED"}


def _session_context(args: dict[str, Any], region: str) -> dict[str, Any]:
    arn = str(args.get("arn") or f"arn:aws:iam::{ACCOUNT_ID}:user/pulumi-test")
    return {"id": arn, "arn": arn, "issuerArn": arn, "issuerName": arn.rsplit("/", 1)[-1]}


# ------------------------------------------------------- aws:iam/getPolicyDocument


def _one_or_many(values: Any) -> Any:
    values = list(values or ())
    return values[0] if len(values) == 1 else values


def _principals(items: Any) -> Any:
    out: dict[str, Any] = {}
    for p in items or ():
        if p.get("type") == "*" and list(p.get("identifiers") or ()) == ["*"]:
            return "*"
        ids = out.setdefault(p.get("type", "AWS"), [])
        ids.extend(p.get("identifiers") or ())
    return {k: _one_or_many(v) for k, v in out.items()}


def _statement(s: Mapping[str, Any]) -> dict[str, Any]:
    """One statement block as IAM JSON (Terraform's ``aws_iam_policy_document`` rendering)."""
    out: dict[str, Any] = {}
    if s.get("sid"):
        out["Sid"] = s["sid"]
    out["Effect"] = s.get("effect") or "Allow"
    for key, wire in (("Action", "actions"), ("NotAction", "notActions"), ("Resource", "resources"),
                      ("NotResource", "notResources")):
        if s.get(wire):
            out[key] = _one_or_many(s[wire])
    for key, wire in (("Principal", "principals"), ("NotPrincipal", "notPrincipals")):
        if s.get(wire):
            out[key] = _principals(s[wire])
    conditions: dict[str, dict[str, Any]] = {}
    for c in s.get("conditions") or ():
        conditions.setdefault(c["test"], {})[c["variable"]] = _one_or_many(c.get("values"))
    if conditions:
        out["Condition"] = conditions
    return out


def _merge_by_sid(base: list[dict[str, Any]], overrides: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = list(base)
    for statement in overrides:
        sid = statement.get("Sid")
        at = next((i for i, s in enumerate(out) if sid and s.get("Sid") == sid), None)
        if at is None:
            out.append(statement)
        else:
            out[at] = statement
    return out


def render_policy_document(args: Mapping[str, Any]) -> dict[str, Any]:
    """The policy JSON ``aws.iam.get_policy_document`` returns for these (wire-named) arguments.

    Source documents' statements come first, this document's statements replace those
    with the same Sid, then override documents replace or append by Sid.
    """
    statements: list[dict[str, Any]] = []
    for doc in args.get("sourcePolicyDocuments") or ():
        statements += _statements_of(doc)
    statements = _merge_by_sid(statements, [_statement(s) for s in args.get("statements") or ()])
    for doc in args.get("overridePolicyDocuments") or ():
        statements = _merge_by_sid(statements, _statements_of(doc))
    document: dict[str, Any] = {"Version": args.get("version") or "2012-10-17"}
    if args.get("policyId"):
        document["Id"] = args["policyId"]
    document["Statement"] = statements
    text = json.dumps(document, indent=2)
    return {"id": str(int(digest(text, length=8), 16)), "json": text,
            "minifiedJson": json.dumps(document, separators=(",", ":"))}


def _statements_of(doc: Any) -> list[dict[str, Any]]:
    parsed = json.loads(doc) if isinstance(doc, str) else doc
    statements = parsed.get("Statement", []) if isinstance(parsed, Mapping) else []
    return [statements] if isinstance(statements, Mapping) else list(statements)


DEFAULT_ANSWERS: dict[str, Answer] = {
    "aws:ec2/getAmi": _ami,
    "aws:index/getAvailabilityZones": _zones,
    "aws:ec2/getVpc": _vpc,
    "aws:ec2/getVpcs": _vpcs,
    "aws:ec2/getSubnets": _subnets,
    "aws:ec2/getSubnet": _subnet,
    "aws:ec2/getSecurityGroup": _security_group,
    "aws:ec2/getRouteTable": _route_table,
    "aws:route53/getZone": _zone,
    "aws:index/getRegion": _region,
    "aws:index/getCallerIdentity": _caller,
    "aws:index/getPartition": _partition,
    "aws:iam/getPolicyDocument": lambda args, region: render_policy_document(args),
    "aws:iam/getRole": _role,
    "aws:iam/getPolicy": _managed_policy,
    "aws:iam/getSessionContext": _session_context,
    "aws:ssm/getParameter": _parameter,
    "aws:ecr/getAuthorizationToken": _ecr_token,
    "aws:ecr/getCredentials": _ecr_token,
    "aws:kms/getAlias": _kms_alias,
    "aws:kms/getKey": _kms_key,
    "aws:acm/getCertificate": _certificate,
    "azure-native:authorization:getClientConfig": _azure_client_config,
    "azure-native:storage:listStorageAccountKeys": _azure_storage_keys,
}


def generic_answer(token: str, args: Mapping[str, Any], region: str) -> dict[str, Any]:
    """A value for every field the SDK's result type declares, arguments echoed; ``{}`` if unknown."""
    fields = declared_types(sdk_class(token, suffix="Result"))
    function = token.rsplit(":", 1)[-1]
    namer = Namer(token, str(args.get("name") or function), _seed(token, args), args, region)
    made = {k: plausible(k, t, namer) for k, t in fields.items() if k not in args}
    return {**{k: v for k, v in made.items() if v is not None}, **{k: v for k, v in args.items() if k in fields}}


def default_answer(token: str, args: dict[str, Any], region: str) -> dict[str, Any] | None:
    """The harness's own answer for a known data source, over the generic one; None if not known."""
    answer = DEFAULT_ANSWERS.get(short_token(token))
    if answer is None:
        return None
    return {**generic_answer(token, args, region), **answer(args, region)}
