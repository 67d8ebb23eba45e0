"""An EKS cluster on raw resources (pulumi/examples aws-py-eks): subnets per zone, IAM roles, kubeconfig.

The kubeconfig is built with ``Output.json_dumps`` over nested provider-computed outputs
(``certificate_authority.apply(lambda ca: ca.data)``, ``endpoint``), which are ``None``
outside a preview unless the harness gives them values.
"""

import json

import pulumi


def _assume(service: str) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Action": "sts:AssumeRole", "Principal": {"Service": service}, "Effect": "Allow", "Sid": ""}]})


def program() -> None:
    import pulumi_aws as aws

    vpc = aws.ec2.Vpc("eks-vpc", cidr_block="10.100.0.0/16", enable_dns_hostnames=True, enable_dns_support=True)
    gateway = aws.ec2.InternetGateway("eks-igw", vpc_id=vpc.id)
    routes = aws.ec2.RouteTable("eks-rt", vpc_id=vpc.id, routes=[{"cidr_block": "0.0.0.0/0", "gateway_id": gateway.id}])
    subnet_ids = []
    for zone in aws.get_availability_zones().names:
        subnet = aws.ec2.Subnet(f"eks-subnet-{zone}", vpc_id=vpc.id, availability_zone=zone,
                                cidr_block=f"10.100.{len(subnet_ids)}.0/24", map_public_ip_on_launch=True)
        aws.ec2.RouteTableAssociation(f"eks-rta-{zone}", route_table_id=routes.id, subnet_id=subnet.id)
        subnet_ids.append(subnet.id)
    api_group = aws.ec2.SecurityGroup(
        "eks-cluster-sg", vpc_id=vpc.id, description="HTTPS to the API server",
        ingress=[{"cidr_blocks": ["0.0.0.0/0"], "from_port": 443, "to_port": 443, "protocol": "tcp"}])

    cluster_role = aws.iam.Role("eks-role", assume_role_policy=_assume("eks.amazonaws.com"))
    aws.iam.RolePolicyAttachment("eks-cluster-policy", role=cluster_role.id,
                                 policy_arn="arn:aws:iam::aws:policy/AmazonEKSClusterPolicy")
    node_role = aws.iam.Role("eks-node-role", assume_role_policy=_assume("ec2.amazonaws.com"))
    for policy in ("AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"):
        aws.iam.RolePolicyAttachment(f"eks-node-{policy}", role=node_role.id,
                                     policy_arn=f"arn:aws:iam::aws:policy/{policy}")

    cluster = aws.eks.Cluster("eks-cluster", role_arn=cluster_role.arn, vpc_config={
        "public_access_cidrs": ["0.0.0.0/0"], "security_group_ids": [api_group.id], "subnet_ids": subnet_ids})
    aws.eks.NodeGroup("eks-nodes", cluster_name=cluster.name, node_role_arn=node_role.arn, subnet_ids=subnet_ids,
                      scaling_config={"desired_size": 2, "max_size": 2, "min_size": 1})

    authority = cluster.certificate_authority.apply(lambda ca: ca.data)
    kubeconfig = pulumi.Output.json_dumps({
        "apiVersion": "v1", "kind": "Config", "current-context": "aws",
        "clusters": [{"name": "kubernetes", "cluster": {"server": cluster.endpoint,
                                                        "certificate-authority-data": authority}}],
        "contexts": [{"name": "aws", "context": {"cluster": "kubernetes", "user": "aws"}}],
        "users": [{"name": "aws", "user": {"exec": {"apiVersion": "client.authentication.k8s.io/v1beta1",
                                                     "command": "aws", "args": ["eks", "get-token", "--cluster-name",
                                                                                cluster.name]}}}]})
    pulumi.export("kubeconfig", pulumi.Output.secret(kubeconfig))
    pulumi.export("cluster_name", cluster.name)
