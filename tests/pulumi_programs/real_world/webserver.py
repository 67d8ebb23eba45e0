"""A web server in its own VPC: config with defaults, the newest AMI, an f-string URL export."""

import pulumi

USER_DATA = """#!/bin/bash
echo "Hello from the test harness" > index.html
nohup python3 -m http.server 80 &
"""


def program() -> None:
    import pulumi_aws as aws

    config = pulumi.Config()
    instance_type = config.get("instanceType") or "t3.micro"
    vpc_cidr = config.get("vpcNetworkCidr") or "10.0.0.0/16"
    admin_cidr = config.get("adminCidr")  # only set by operators who want SSH

    ami = aws.ec2.get_ami(owners=["amazon"], most_recent=True,
                          filters=[{"name": "name", "values": ["al2023-ami-2023.*-x86_64"]}])

    vpc = aws.ec2.Vpc("vpc", cidr_block=vpc_cidr, enable_dns_hostnames=True, enable_dns_support=True)
    gateway = aws.ec2.InternetGateway("gateway", vpc_id=vpc.id)
    subnet = aws.ec2.Subnet("subnet", vpc_id=vpc.id, cidr_block="10.0.1.0/24", map_public_ip_on_launch=True)
    routes = aws.ec2.RouteTable("routes", vpc_id=vpc.id,
                                routes=[{"cidr_block": "0.0.0.0/0", "gateway_id": gateway.id}])
    aws.ec2.RouteTableAssociation("routes-assoc", subnet_id=subnet.id, route_table_id=routes.id)

    ingress = [{"from_port": 80, "to_port": 80, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]
    if admin_cidr:
        ingress.append({"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": [admin_cidr]})
    group = aws.ec2.SecurityGroup(
        "web-sg", description="HTTP in, anything out", vpc_id=vpc.id, ingress=ingress,
        egress=[{"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}])

    server = aws.ec2.Instance(
        "server", instance_type=instance_type, ami=ami.id, subnet_id=subnet.id,
        vpc_security_group_ids=[group.id], user_data=USER_DATA, tags={"Name": "webserver"},
        root_block_device={"encrypted": True, "volume_size": 16})

    pulumi.export("ip", server.public_ip)
    pulumi.export("url", server.public_dns.apply(lambda dns: f"http://{dns}"))
    pulumi.export("ami_name", ami.name)
