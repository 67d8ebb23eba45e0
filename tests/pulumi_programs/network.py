"""Security groups (inline and separate rules), default groups, VPCs and flow logs."""


def open_admin_ports() -> None:
    import pulumi_aws as aws

    web = aws.ec2.SecurityGroup(
        "web", name="web-sg",
        ingress=[
            {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"]},
            {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["10.0.0.0/8", "0.0.0.0/0"]},
        ],
    )
    aws.ec2.SecurityGroupRule("web-rdp", type="ingress", security_group_id=web.id, protocol="tcp",
                              from_port=3389, to_port=3389, cidr_blocks=["0.0.0.0/0"])
    aws.ec2.SecurityGroupRule("web-egress", type="egress", security_group_id=web.id, protocol="-1",
                              from_port=0, to_port=0, cidr_blocks=["0.0.0.0/0"])
    db = aws.ec2.SecurityGroup("db", name="db-sg")
    aws.vpc.SecurityGroupIngressRule("db-postgres", security_group_id=db.id, ip_protocol="tcp",
                                     from_port=5432, to_port=5432, cidr_ipv6="::/0")
    aws.vpc.SecurityGroupIngressRule("db-everything", security_group_id=db.id, ip_protocol="-1",
                                     cidr_ipv4="0.0.0.0/0")


def closed_admin_ports() -> None:
    import pulumi_aws as aws

    app = aws.ec2.SecurityGroup(
        "app", name="app-sg",
        ingress=[
            {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"]},
            {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["10.0.0.0/8"]},
        ],
    )
    lb = aws.ec2.SecurityGroup("lb", name="lb-sg")
    aws.vpc.SecurityGroupIngressRule("app-from-lb", security_group_id=app.id, ip_protocol="tcp",
                                     from_port=5432, to_port=5432, referenced_security_group_id=lb.id)
    aws.ec2.SecurityGroupRule("app-ssh-vpn", type="ingress", security_group_id=app.id, protocol="tcp",
                              from_port=22, to_port=22, cidr_blocks=["192.168.0.0/16"])


def vpcs() -> None:
    import pulumi_aws as aws

    logged = aws.ec2.Vpc("logged", cidr_block="10.0.0.0/16", tags={"Name": "phi-vpc"})
    aws.ec2.FlowLog("logged-flows", vpc_id=logged.id, traffic_type="ALL",
                    log_destination="arn:aws:s3:::central-flow-logs", log_destination_type="s3")
    unlogged = aws.ec2.Vpc("unlogged", cidr_block="10.1.0.0/16")
    aws.ec2.DefaultSecurityGroup("unlogged-default", vpc_id=unlogged.id,
                                 ingress=[{"protocol": "-1", "from_port": 0, "to_port": 0, "self": True}],
                                 egress=[{"protocol": "-1", "from_port": 0, "to_port": 0,
                                          "cidr_blocks": ["0.0.0.0/0"]}])
    aws.ec2.DefaultSecurityGroup("logged-default", vpc_id=logged.id)
