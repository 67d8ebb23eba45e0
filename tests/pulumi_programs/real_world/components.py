"""A network and a database as ``ComponentResource`` classes with children, wired by config.

As in pulumi/examples aws-py-wordpress-fargate-rds: a ``Network`` component makes a VPC,
one public subnet per availability zone (a loop over ``get_availability_zones``), a
route table and security groups, all with ``parent=self``; a ``Database`` component
takes the network's outputs. Config: ``require`` (the database user), ``require_secret``
(its password), ``get_int`` with a default.
"""

from __future__ import annotations

import pulumi


class Network(pulumi.ComponentResource):
    def __init__(self, name: str, cidr_block: str, zones: int,
                 opts: pulumi.ResourceOptions | None = None) -> None:
        import pulumi_aws as aws

        super().__init__("phi:network:Network", name, {}, opts)
        child = pulumi.ResourceOptions(parent=self)
        self.vpc = aws.ec2.Vpc(f"{name}-vpc", cidr_block=cidr_block, enable_dns_hostnames=True,
                               tags={"Name": f"{name}-vpc"}, opts=child)
        self.gateway = aws.ec2.InternetGateway(f"{name}-igw", vpc_id=self.vpc,  # the VPC object
                                               opts=child)
        self.route_table = aws.ec2.RouteTable(
            f"{name}-rt", vpc_id=self.vpc.id, routes=[{"cidr_block": "0.0.0.0/0", "gateway_id": self.gateway.id}],
            opts=child)
        self.subnets = []
        for index, zone in enumerate(aws.get_availability_zones(state="available").names[:zones]):
            subnet = aws.ec2.Subnet(f"{name}-subnet-{zone}", vpc_id=self.vpc.id, availability_zone=zone,
                                    cidr_block=f"10.100.{index}.0/24", opts=child)
            aws.ec2.RouteTableAssociation(f"{name}-rta-{zone}", route_table_id=self.route_table.id,
                                          subnet_id=subnet.id, opts=pulumi.ResourceOptions(parent=subnet))
            self.subnets.append(subnet)
        self.db_group = aws.ec2.SecurityGroup(
            f"{name}-db-sg", vpc_id=self.vpc.id, description="MySQL from inside the VPC",
            ingress=[{"protocol": "tcp", "from_port": 3306, "to_port": 3306, "cidr_blocks": [cidr_block]}],
            opts=child)
        self.register_outputs({"vpc_id": self.vpc.id, "subnet_ids": [s.id for s in self.subnets]})


class Database(pulumi.ComponentResource):
    def __init__(self, name: str, network: Network, user: str, password: pulumi.Input[str],
                 opts: pulumi.ResourceOptions | None = None) -> None:
        import pulumi_aws as aws

        super().__init__("phi:database:Database", name, {}, opts)
        child = pulumi.ResourceOptions(parent=self)
        subnet_group = aws.rds.SubnetGroup(f"{name}-subnets", subnet_ids=[s.id for s in network.subnets],
                                           opts=child)
        self.instance = aws.rds.Instance(
            f"{name}-db", engine="mysql", engine_version="8.0", instance_class="db.t3.micro",
            allocated_storage=20, db_name="appdb", username=user, password=password,
            db_subnet_group_name=subnet_group.name, vpc_security_group_ids=[network.db_group.id],
            skip_final_snapshot=True, publicly_accessible=False,  # storage_encrypted left to its default
            opts=child)
        self.register_outputs({"endpoint": self.instance.endpoint})


def program() -> None:
    config = pulumi.Config()
    user = config.require("dbUser")
    password = config.require_secret("dbPassword")
    zones = config.get_int("zones", 2)

    network = Network("app-net", "10.100.0.0/16", zones)
    database = Database("app", network, user, password, opts=pulumi.ResourceOptions(depends_on=[network]))

    pulumi.export("vpc_id", network.vpc.id)
    pulumi.export("db_url", pulumi.Output.concat("mysql://", user, "@", database.instance.address, ":3306/appdb"))
    pulumi.export("db_host", database.instance.endpoint.apply(lambda endpoint: endpoint.split(":")[0]))
