"""The harness captures what the engine would send: wire encoding, engine URNs, dependencies."""

import pulumi

from hitrust_policies.sources.pulumi.props import SECRET_SIG, SIG_KEY, UNKNOWN_STRING
from hitrust_policies.testing.pulumi import capture


def program() -> None:
    import pulumi_aws as aws

    sg = aws.ec2.SecurityGroup("web", ingress=[{"protocol": "tcp", "from_port": 22, "to_port": 22,
                                                "cidr_blocks": ["0.0.0.0/0"]}])
    aws.vpc.SecurityGroupIngressRule("rule", security_group_id=sg.id, ip_protocol="tcp", from_port=443,
                                     to_port=443, cidr_ipv4=pulumi.Output.secret("10.0.0.0/8"))


def by_name(resources):
    return {r.name: r for r in resources}


def test_preview_capture_is_in_wire_encoding():
    captured = by_name(capture(program, preview=True))
    web, rule = captured["web"], captured["rule"]
    assert web.urn == "urn:pulumi:test::hitrust::aws:ec2/securityGroup:SecurityGroup::web"
    assert web.inputs["ingress"][0]["fromPort"] == 22.0 and isinstance(web.inputs["ingress"][0]["fromPort"], float)
    assert rule.inputs["securityGroupId"] == UNKNOWN_STRING
    assert rule.inputs["cidrIpv4"] == {SIG_KEY: SECRET_SIG, "value": "10.0.0.0/8"}
    assert rule.property_dependencies["securityGroupId"] == (web.urn,)
    assert "id" not in web.outputs


def test_update_capture_has_ids_and_marked_unknowns():
    captured = by_name(capture(program, preview=False, unknown={"web": ["arn"]}))
    group_id = captured["web"].outputs["id"]
    assert group_id.startswith("sg-") and len(group_id) == 20  # an EC2 id, as AWS shapes it
    assert captured["web"].outputs["arn"] == UNKNOWN_STRING
    assert captured["rule"].inputs["securityGroupId"] == group_id
