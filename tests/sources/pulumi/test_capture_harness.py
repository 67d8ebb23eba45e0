"""The harness runs what real programs do: data sources, resource objects as inputs, outputs in updates, config.

Each of the three ways public programs used to crash ``capture()`` has a test here, as
do user-supplied data-source answers, config, remote components and the exact
registrations the engine would show.
"""

from __future__ import annotations

import json

import pulumi
import pytest

from hitrust_policies.sources.pulumi.props import UNKNOWN_STRING
from hitrust_policies.testing.pulumi import (
    CaptureError,
    OpaqueComponentWarning,
    capture,
    default_pack_dir,
    shared_pack,
)
from hitrust_policies.testing.pulumi_invokes import render_policy_document
from tests.pulumi_programs.real_world import awsx_container, awsx_standin

STACK = "urn:pulumi:test::hitrust::"

# ------------------------------------------------------------------ data sources


def looks_things_up() -> None:
    import pulumi_aws as aws

    ami = aws.ec2.get_ami(most_recent=True, owners=["amazon"],
                          filters=[{"name": "name", "values": ["amzn2-ami-hvm-*"]}])
    zones = aws.get_availability_zones()
    vpc = aws.ec2.get_vpc(default=True)
    subnets = aws.ec2.get_subnets(filters=[{"name": "vpc-id", "values": [vpc.id]}])
    me = aws.get_caller_identity()
    region = aws.get_region()
    param = aws.ssm.get_parameter(name="/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64")
    aws.ec2.Instance("web", ami=ami.id, instance_type="t3.micro", subnet_id=subnets.ids[0],
                     availability_zone=zones.names[0], tags={"owner": me.account_id, "region": region.region,
                                                             "image": param.value})


@pytest.mark.parametrize("preview", [True, False])
def test_data_sources_get_sensible_answers(preview: bool) -> None:
    result = capture(looks_things_up, preview=preview)
    web = result.by_name()["web"]
    assert web.inputs["ami"].startswith("ami-") and len(web.inputs["ami"]) == 21
    assert web.inputs["availabilityZone"] == "us-east-1a"
    assert web.inputs["subnetId"].startswith("subnet-")
    assert web.inputs["tags"] == {"owner": "123456789012", "region": "us-east-1",
                                  "image": web.inputs["tags"]["image"]}
    assert web.inputs["tags"]["image"].startswith("ami-")  # SSM AMI parameters hold AMI ids
    assert [c.token.rsplit(":", 1)[0] for c in result.invokes] == [
        "aws:ec2/getAmi", "aws:index/getAvailabilityZones", "aws:ec2/getVpc", "aws:ec2/getSubnets",
        "aws:index/getCallerIdentity", "aws:index/getRegion", "aws:ssm/getParameter"]
    assert result.invokes[0].args["owners"] == ["amazon"]  # what the program asked, in wire names
    assert result.unanswered_invokes == () and result.warnings == ()


def test_region_comes_from_config() -> None:
    web = capture(looks_things_up, config={"aws:region": "eu-west-1"}).by_name()["web"]
    assert web.inputs["availabilityZone"] == "eu-west-1a" and web.inputs["tags"]["region"] == "eu-west-1"


def test_user_answers_per_token_dict_or_function() -> None:
    def subnets(args: dict) -> dict:
        return {"ids": [f"subnet-in-{args['filters'][0]['values'][0]}"]}

    result = capture(looks_things_up, invokes={
        "aws:ec2/getAmi": {"id": "ami-0123456789abcdef0"},  # short token, laid over the harness's answer
        "aws:ec2/getSubnets:getSubnets": subnets,  # full token, a function of the call's arguments
        "aws:ec2/getVpc": {"id": "vpc-42"},
    })
    web = result.by_name()["web"]
    assert web.inputs["ami"] == "ami-0123456789abcdef0"
    assert web.inputs["subnetId"] == "subnet-in-vpc-42"
    assert result.invokes[0].answer["architecture"] == "x86_64"  # the rest of the default answer stays


def reads_an_unanswered_source() -> None:
    import pulumi_aws as aws

    instance = aws.ec2.get_instance(instance_id="i-0abc")
    aws.ec2.SecurityGroup("peer", ingress=[{"protocol": "tcp", "from_port": 443, "to_port": 443,
                                            "cidr_blocks": [f"{instance.private_ip}/32"]}])


def crashes_on_an_unanswered_source() -> None:
    import pulumi_aws as aws

    instance = aws.ec2.get_instance(instance_id="i-0abc")
    aws.ec2.SecurityGroup("peer", description=instance.tags["Name"])


def test_unanswered_sources_get_a_generic_answer_and_are_reported() -> None:
    result = capture(reads_an_unanswered_source, preview=False)
    assert result.by_name()["peer"].inputs["ingress"][0]["cidrBlocks"] == ["10.0.0.10/32"]
    assert result.unanswered_invokes == ("aws:ec2/getInstance:getInstance",)
    assert "aws:ec2/getInstance" in result.warnings[0] and "invokes=" in result.warnings[0]


def test_a_crash_after_an_unanswered_source_names_it() -> None:
    with pytest.raises(CaptureError, match=r"KeyError: 'Name'(.|\n)*aws:ec2/getInstance:getInstance"):
        capture(crashes_on_an_unanswered_source)
    result = capture(crashes_on_an_unanswered_source, invokes={"aws:ec2/getInstance": {"tags": {"Name": "db"}}})
    assert result.by_name()["peer"].inputs["description"] == "db"


def test_policy_documents_are_rendered_from_their_statements() -> None:
    rendered = render_policy_document({
        "sourcePolicyDocuments": [json.dumps({"Version": "2012-10-17", "Statement": [
            {"Sid": "Old", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
            {"Sid": "Kept", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]})],
        "statements": [
            {"sid": "Old", "effect": "Deny", "actions": ["s3:*"], "resources": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
             "principals": [{"type": "*", "identifiers": ["*"]}],
             "conditions": [{"test": "Bool", "variable": "aws:SecureTransport", "values": ["false"]}]},
            {"notActions": ["iam:*"], "resources": ["*"],
             "principals": [{"type": "AWS", "identifiers": ["arn:aws:iam::123456789012:root", "111122223333"]}]}],
    })
    assert json.loads(rendered["json"]) == {"Version": "2012-10-17", "Statement": [
        {"Sid": "Old", "Effect": "Deny", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
         "Principal": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
        {"Sid": "Kept", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
        {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*",
         "Principal": {"AWS": ["arn:aws:iam::123456789012:root", "111122223333"]}}]}
    assert json.loads(rendered["minifiedJson"]) == json.loads(rendered["json"])


def role_from_a_policy_document() -> None:
    import pulumi_aws as aws

    trust = aws.iam.get_policy_document(statements=[aws.iam.GetPolicyDocumentStatementArgs(
        actions=["sts:AssumeRole"],
        principals=[aws.iam.GetPolicyDocumentStatementPrincipalArgs(type="Service",
                                                                    identifiers=["ec2.amazonaws.com"])])])
    aws.iam.Role("node", assume_role_policy=trust.json)


def test_get_policy_document_feeds_real_json_to_resources() -> None:
    role = capture(role_from_a_policy_document).by_name()["node"]
    assert json.loads(role.inputs["assumeRolePolicy"]) == {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ec2.amazonaws.com"}}]}


# ------------------------------------------------------------------ resource objects as inputs


class Tier(pulumi.ComponentResource):
    def __init__(self, name: str, opts: pulumi.ResourceOptions | None = None) -> None:
        import pulumi_aws as aws

        super().__init__("phi:app:Tier", name, {}, opts)
        self.vpc = aws.ec2.Vpc(f"{name}-vpc", cidr_block="10.1.0.0/16", opts=pulumi.ResourceOptions(parent=self))
        self.register_outputs({})


def passes_resource_objects() -> None:
    import pulumi_aws as aws

    role = aws.iam.Role("lambda-role", assume_role_policy="{}")
    aws.iam.RolePolicyAttachment("logs", role=role, policy_arn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    tier = Tier("tier")
    aws.ec2.Subnet("subnet", vpc_id=tier.vpc, cidr_block="10.1.0.0/24",
                   opts=pulumi.ResourceOptions(parent=tier, depends_on=[role]))
    aws.ec2.Vpc("after", cidr_block="10.3.0.0/16", opts=pulumi.ResourceOptions(depends_on=[tier]))
    aws.ec2.Vpc("peer", cidr_block="10.2.0.0/16", tags={"tier": tier.urn.apply(str)})
    aws.s3.Bucket("audit", tags={"component": tier})  # a component as an input: its URN


@pytest.mark.parametrize("preview", [True, False])
def test_resource_objects_as_inputs_are_downgraded_like_the_engine(preview: bool) -> None:
    captured = capture(passes_resource_objects, preview=preview).by_name()
    role, attach, subnet = captured["lambda-role"], captured["logs"], captured["subnet"]
    tier_urn = f"{STACK}phi:app:Tier::tier"
    vpc_urn = f"{STACK}phi:app:Tier$aws:ec2/vpc:Vpc::tier-vpc"
    assert attach.inputs["role"] == (UNKNOWN_STRING if preview else role.outputs["id"])
    assert attach.property_dependencies["role"] == (role.urn,)
    assert subnet.inputs["vpcId"] == (UNKNOWN_STRING if preview else captured["tier-vpc"].outputs["id"])
    assert subnet.property_dependencies["vpcId"] == (vpc_urn,)
    assert subnet.urn == f"{STACK}phi:app:Tier$aws:ec2/subnet:Subnet::subnet" and subnet.parent == tier_urn
    assert set(subnet.dependencies) == {role.urn, vpc_urn}
    # depending on a component is depending on its children (the SDK expands it)
    assert set(captured["after"].dependencies) == {vpc_urn, subnet.urn}
    assert captured["audit"].inputs["tags"] == {"component": tier_urn}
    assert captured["peer"].inputs["tags"] == {"tier": tier_urn}
    if not preview:
        assert role.outputs["id"] == role.outputs["name"]  # IAM roles are identified by name


def test_exact_registrations() -> None:
    result = capture(passes_resource_objects)
    assert sorted((r.type, r.name, r.parent, r.custom, r.remote) for r in result) == [
        ("aws:ec2/subnet:Subnet", "subnet", f"{STACK}phi:app:Tier::tier", True, False),
        ("aws:ec2/vpc:Vpc", "after", "urn:pulumi:test::hitrust::pulumi:pulumi:Stack::hitrust-test", True, False),
        ("aws:ec2/vpc:Vpc", "peer", "urn:pulumi:test::hitrust::pulumi:pulumi:Stack::hitrust-test", True, False),
        ("aws:ec2/vpc:Vpc", "tier-vpc", f"{STACK}phi:app:Tier::tier", True, False),
        ("aws:iam/role:Role", "lambda-role", "urn:pulumi:test::hitrust::pulumi:pulumi:Stack::hitrust-test", True,
         False),
        ("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "logs",
         "urn:pulumi:test::hitrust::pulumi:pulumi:Stack::hitrust-test", True, False),
        ("aws:s3/bucket:Bucket", "audit", "urn:pulumi:test::hitrust::pulumi:pulumi:Stack::hitrust-test", True, False),
        ("phi:app:Tier", "tier", "urn:pulumi:test::hitrust::pulumi:pulumi:Stack::hitrust-test", False, False),
    ]
    assert result.by_name()["logs"].inputs == {"role": UNKNOWN_STRING,
                                               "policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}
    assert result.opaque_components == ()  # a local component with children is not opaque


# ------------------------------------------------------------------ outputs outside a preview


def reads_computed_outputs() -> None:
    import pulumi_aws as aws

    bucket = aws.s3.Bucket("site")
    lb = aws.lb.LoadBalancer("front", internal=False)
    cluster = aws.eks.Cluster("k8s", role_arn="arn:aws:iam::123456789012:role/eks", vpc_config={"subnet_ids": ["s"]})
    cert = aws.acm.Certificate("cert", domain_name="app.example.com", validation_method="DNS")
    disk = aws.ebs.Volume("disk", availability_zone="us-east-1a", size=8)
    pulumi.export("bucket", bucket.bucket.apply(lambda name: name.upper()))
    pulumi.export("arn", bucket.arn)
    pulumi.export("url", pulumi.Output.concat("https://", lb.dns_name, "/"))
    pulumi.export("ca", cluster.certificate_authority.apply(lambda ca: ca.data))
    pulumi.export("endpoint", cluster.endpoint.apply(lambda e: e.split(".")[0]))
    pulumi.export("record", cert.domain_validation_options.apply(lambda o: o[0].resource_record_name))
    pulumi.export("disk_key", disk.kms_key_id)
    pulumi.export("formatted", pulumi.Output.format("{0} in {1}", bucket.id, lb.arn))


def test_updates_give_every_read_output_a_plausible_value() -> None:
    result = capture(reads_computed_outputs, preview=False)
    e = result.exports
    site = result.by_name()["site"]
    name = site.outputs["bucket"]
    assert name.startswith("site-") and len(name) == len("site-") + 7
    assert e["bucket"] == name.upper() and e["arn"] == f"arn:aws:s3:::{name}" and site.outputs["id"] == name
    assert e["url"].startswith("https://front-") and e["url"].endswith(".elb.us-east-1.amazonaws.com/")
    assert e["ca"] and e["endpoint"].startswith("k8s-") and e["record"]
    assert e["formatted"].startswith(f"{name} in arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/")


def test_made_up_values_never_reach_the_analyzer() -> None:
    """The program reads a made-up KMS key id; the analyzer is shown only inputs, id, ARN and name."""
    result = capture(reads_computed_outputs, preview=False)
    disk = result.by_name()["disk"]
    assert result.exports["disk_key"]  # program code could read something
    assert disk.outputs == {"availabilityZone": "us-east-1a", "size": 8.0, "id": disk.outputs["id"],
                            "arn": disk.outputs["arn"]}
    assert disk.outputs["id"].startswith("vol-")


def test_previews_keep_computed_outputs_unknown_and_echo_inputs() -> None:
    result = capture(reads_computed_outputs, preview=True)
    assert result.exports["url"] == UNKNOWN_STRING and result.exports["arn"] == UNKNOWN_STRING
    assert result.exports["bucket"] == result.by_name()["site"].outputs["bucket"].upper()  # autonamed in Check
    assert "id" not in result.by_name()["site"].outputs


def test_user_outputs_and_unknowns_still_win() -> None:
    result = capture(reads_computed_outputs, preview=False, outputs={"front": {"dnsName": "lb.internal"}},
                     unknown={"site": ["arn"]})
    assert result.exports["url"] == "https://lb.internal/"
    assert result.exports["arn"] == UNKNOWN_STRING and result.by_name()["site"].outputs["arn"] == UNKNOWN_STRING


def reads_an_existing_vpc() -> None:
    import pulumi_aws as aws

    vpc = aws.ec2.Vpc.get("shared", "vpc-0shared")
    aws.ec2.Subnet("mine", vpc_id=vpc.id, cidr_block=vpc.cidr_block.apply(lambda c: c.replace("/16", "/24")))


def test_reading_an_existing_resource() -> None:
    mine = capture(reads_an_existing_vpc, preview=False).by_name()["mine"]
    assert mine.inputs == {"vpcId": "vpc-0shared", "cidrBlock": "10.0.0.0/24"}


# ------------------------------------------------------------------ config


def reads_config() -> None:
    import pulumi_aws as aws

    config = pulumi.Config()
    aws.ec2.Instance("vm", ami="ami-1", instance_type=config.get("instanceType") or "t3.micro",
                     monitoring=config.get_bool("monitoring", False),
                     tags={"team": config.require("team"), "count": str(config.get_int("count", 1)),
                           "owners": ",".join(config.get_object("owners") or []),
                           "region": aws.config.region, "vendor": pulumi.Config("vendor").get("name") or "-"})
    pulumi.export("secret", config.require_secret("apiKey"))


def test_config_values_defaults_and_namespaces() -> None:
    vm = capture(reads_config, config={"team": "phi", "count": 3, "monitoring": True, "owners": ["ana", "bo"],
                                       "apiKey": "k", "vendor:name": "acme"}).by_name()["vm"]
    assert vm.inputs["instanceType"] == "t3.micro" and vm.inputs["monitoring"] is True
    assert vm.inputs["tags"] == {"team": "phi", "count": "3", "owners": "ana,bo", "region": "us-east-1",
                                 "vendor": "acme"}


def test_missing_required_config_fails_like_pulumi_and_config_does_not_leak() -> None:
    with pytest.raises(pulumi.ConfigMissingError):
        capture(reads_config)
    capture(reads_config, config={"team": "phi", "apiKey": "k"})
    assert pulumi.runtime.get_config("hitrust:team") is None


def test_exports_do_not_leak_between_captures() -> None:
    capture(reads_config, config={"team": "phi", "apiKey": "k"})
    assert set(capture(reads_computed_outputs).exports) == {
        "bucket", "arn", "url", "ca", "endpoint", "record", "disk_key", "formatted"}


# ------------------------------------------------------------------ remote components


def test_remote_components_are_reported_as_opaque() -> None:
    with pytest.warns(OpaqueComponentWarning) as record:
        result = capture(awsx_container.program)
    assert [str(w.message).split(" is ")[0] for w in record] == [
        "awsx:ec2:Vpc 'vpc'", "awsx:lb:ApplicationLoadBalancer 'loadbalancer'"]
    assert [(r.type, r.name, r.remote, r.custom) for r in result.opaque_components] == [
        ("awsx:ec2:Vpc", "vpc", True, False), ("awsx:lb:ApplicationLoadBalancer", "loadbalancer", True, False)]
    assert result.by_name()["vpc"].inputs == {"enableDnsHostnames": True, "cidrBlock": "10.0.0.0/16"}
    run = shared_pack(default_pack_dir()).run(result, config={"all": "mandatory"})
    assert list(run) == [] and run.warnings == result.warnings and len(run.warnings) == 2


def test_reading_a_remote_components_outputs_fails_with_the_reason() -> None:
    with pytest.raises(CaptureError, match=r"TypeError(.|\n)*awsx:ec2:Vpc 'vpc' is a remote component"):
        capture(awsx_container.program_reading_remote_outputs, preview=False)
    with pytest.warns(OpaqueComponentWarning):  # still opaque: only the outputs were given
        result = capture(awsx_container.program_reading_remote_outputs, preview=False,
                         outputs={"vpc": {"vpcId": "vpc-1"}})
    assert result.exports["vpc_url"] == "https://vpc-1.example.com"


def known_remote_package_locally() -> None:
    pulumi.ComponentResource("eks:index:Cluster", "cluster")  # an eks type with no children, even if not remote
    awsx_standin.Vpc("net")


def test_known_multi_language_packages_are_reported_even_without_the_remote_flag() -> None:
    with pytest.warns(OpaqueComponentWarning):
        result = capture(known_remote_package_locally)
    assert sorted(r.name for r in result.opaque_components) == ["cluster", "net"]


class Outer(pulumi.ComponentResource):
    def __init__(self, name: str) -> None:
        super().__init__("phi:app:Outer", name)
        Tier(f"{name}-tier", opts=pulumi.ResourceOptions(parent=self))
        self.register_outputs({})


def test_nested_components_get_the_engines_urns() -> None:
    captured = capture(lambda: Outer("outer")).by_name()
    assert captured["outer-tier-vpc"].urn == f"{STACK}phi:app:Outer$phi:app:Tier$aws:ec2/vpc:Vpc::outer-tier-vpc"
    assert captured["outer-tier-vpc"].parent == f"{STACK}phi:app:Outer$phi:app:Tier::outer-tier"
