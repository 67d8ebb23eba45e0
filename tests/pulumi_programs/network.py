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


def udp_and_numeric_ports() -> None:
    """Openings written with protocol numbers, over UDP, and to half the internet at a time."""
    import pulumi_aws as aws

    voip = aws.ec2.SecurityGroup(
        "voip", name="voip-sg",
        ingress=[
            {"protocol": "udp", "from_port": 3389, "to_port": 3389, "cidr_blocks": ["0.0.0.0/0"]},  # RDP over UDP
            {"protocol": "17", "from_port": 53, "to_port": 53, "cidr_blocks": ["0.0.0.0/0"]},  # DNS: fine
        ],
    )
    aws.ec2.SecurityGroupRule("voip-snmp", type="ingress", security_group_id=voip.id, protocol="17",
                              from_port=161, to_port=161, ipv6_cidr_blocks=["::/0"])
    aws.vpc.SecurityGroupIngressRule("voip-ssh-half", security_group_id=voip.id, ip_protocol="6",
                                     from_port=22, to_port=22, cidr_ipv4="128.0.0.0/1")
    aws.vpc.SecurityGroupIngressRule("voip-ssh-vpn", security_group_id=voip.id, ip_protocol="6",
                                     from_port=22, to_port=22, cidr_ipv4="100.64.0.0/10")


def network_acls() -> None:
    """Inline entries, separate rules (one shadowing another), a rule on an ACL outside the program."""
    import pulumi_aws as aws

    vpc = aws.ec2.Vpc("acl-vpc", cidr_block="10.2.0.0/16")
    aws.ec2.NetworkAcl("open-acl", vpc_id=vpc.id, tags={"Name": "open-acl"}, ingress=[
        {"rule_no": 100, "action": "allow", "protocol": "tcp", "from_port": 22, "to_port": 22,
         "cidr_block": "0.0.0.0/0"},
    ])
    app = aws.ec2.NetworkAcl("app-acl", vpc_id=vpc.id, tags={"Name": "app-acl"}, ingress=[
        {"rule_no": 110, "action": "allow", "protocol": "6", "from_port": 443, "to_port": 443,
         "cidr_block": "0.0.0.0/0"},
    ])
    aws.ec2.NetworkAclRule("app-deny-ssh", network_acl_id=app.id, rule_number=90, egress=False, protocol="6",
                           rule_action="deny", cidr_block="0.0.0.0/0", from_port=22, to_port=22)
    aws.ec2.NetworkAclRule("app-allow-ssh", network_acl_id=app.id, rule_number=100, egress=False, protocol="6",
                           rule_action="allow", cidr_block="0.0.0.0/0", from_port=22, to_port=22)
    web = aws.ec2.NetworkAcl("web-acl", vpc_id=vpc.id, tags={"Name": "web-acl"})
    aws.ec2.NetworkAclRule("web-all-v6", network_acl_id=web.id, rule_number=100, egress=False, protocol="-1",
                           rule_action="allow", ipv6_cidr_block="::/0", from_port=0, to_port=0)
    aws.ec2.NetworkAclRule("web-out", network_acl_id=web.id, rule_number=100, egress=True, protocol="-1",
                           rule_action="allow", cidr_block="0.0.0.0/0", from_port=0, to_port=0)
    aws.ec2.NetworkAcl("snmp-acl", vpc_id=vpc.id, tags={"Name": "snmp-acl"}, ingress=[
        {"rule_no": 100, "action": "allow", "protocol": "udp", "from_port": 161, "to_port": 162,
         "cidr_block": "0.0.0.0/0"},
    ])
    aws.ec2.DefaultNetworkAcl("adopted-default", default_network_acl_id=vpc.default_network_acl_id,
                              tags={"Name": "adopted-default"})
    aws.ec2.NetworkAclRule("legacy-ssh", network_acl_id="acl-0123456789abcdef0", rule_number=100, egress=False,
                           protocol="tcp", rule_action="allow", cidr_block="0.0.0.0/0", from_port=22, to_port=22)


def instances() -> None:
    """Instances with and without public addresses, on current and previous-generation types."""
    import pulumi_aws as aws

    vpc = aws.ec2.Vpc("app-vpc", cidr_block="10.4.0.0/16", tags={"Name": "app-vpc"})
    private = aws.ec2.Subnet("private", vpc_id=vpc.id, cidr_block="10.4.1.0/24")
    aws.ec2.Instance("bastion", ami="ami-12c6146b", instance_type="t3.micro")  # the default subnet maps one
    aws.ec2.Instance("app", ami="ami-12c6146b", instance_type="m5d.large", subnet_id=private.id)
    aws.ec2.Instance("legacy", ami="ami-12c6146b", instance_type="m3.medium", subnet_id=private.id,
                     associate_public_ip_address=True)
    aws.ec2.Instance("elsewhere", ami="ami-12c6146b", instance_type="c7g.large", subnet_id="subnet-0abc12345def67890")
    aws.ec2.Instance("nat", ami="ami-12c6146b", instance_type="t3.micro", subnet_id=private.id,
                     source_dest_check=False)  # a NAT instance: forwards the private subnet's traffic
