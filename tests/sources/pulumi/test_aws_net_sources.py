"""pulumi-aws network and exposure sources from real programs (captured under mocks): exact verdicts, preview
and update."""

from __future__ import annotations

from tests.pulumi_programs import aws_network
from tests.sources.pulumi.test_aws_log_sources import BOTH, expect, verdicts


@BOTH
def test_instance_metadata_tokens(preview: bool) -> None:
    late = "UNKNOWN" if preview else "PASS"  # the token setting is computed at preview
    assert verdicts(aws_network.instance_metadata, preview, "net-instance-metadata-tokens") == expect(f"""
        net-instance-metadata-tokens  v2-only         PASS
        net-instance-metadata-tokens  default-launch  FAIL
        net-instance-metadata-tokens  no-imds         PASS
        net-instance-metadata-tokens  late-imds       {late}
    """)


@BOTH
def test_subnet_public_ip_mapping(preview: bool) -> None:
    late = "UNKNOWN" if preview else "FAIL"  # the setting is computed at preview
    assert verdicts(aws_network.subnets, preview, "net-subnet-no-auto-public-ip") == expect(f"""
        net-subnet-no-auto-public-ip  private-a    PASS
        net-subnet-no-auto-public-ip  public-a     FAIL
        net-subnet-no-auto-public-ip  private-b    PASS
        net-subnet-no-auto-public-ip  late-subnet  {late}
    """)


@BOTH
def test_eks_endpoints(preview: bool) -> None:
    late = "UNKNOWN" if preview else "PASS"  # its ranges are computed at preview
    assert verdicts(aws_network.eks_endpoints, preview, "net-cluster-endpoint-not-public") == expect(f"""
        net-cluster-endpoint-not-public  private-eks        PASS
        net-cluster-endpoint-not-public  office-eks         PASS
        net-cluster-endpoint-not-public  open-eks           FAIL
        net-cluster-endpoint-not-public  default-eks        FAIL
        net-cluster-endpoint-not-public  late-endpoint-eks  {late}
    """)


@BOTH
def test_function_urls(preview: bool) -> None:
    late = "UNKNOWN" if preview else "FAIL"  # its auth type is computed at preview
    assert verdicts(aws_network.function_urls, preview, "net-function-url-auth-required") == expect(f"""
        net-function-url-auth-required  signed-fn  PASS
        net-function-url-auth-required  open-fn    FAIL
        net-function-url-auth-required  late-fn    {late}
    """)


@BOTH
def test_resource_policies(preview: bool) -> None:
    """Each service's resource policy, own or separate, judged as the live scan judges the policy it reads."""
    late = "UNKNOWN" if preview else "FAIL"  # the queue policy is built from the queue's ARN
    rule = "net-resource-policy-not-public"
    assert verdicts(aws_network.resource_policies, preview, rule) == expect(f"""
        {rule}  open-fn        FAIL
        {rule}  partner-fn     PASS
        {rule}  plain-fn       PASS
        {rule}  open-queue     FAIL
        {rule}  org-queue      PASS
        {rule}  late-queue     {late}
        {rule}  open-topic     FAIL
        {rule}  default-topic  PASS
        {rule}  open-repo      FAIL
        {rule}  plain-repo     PASS
        {rule}  open-secret    FAIL
        {rule}  org-secret     PASS
    """)


@BOTH
def test_lambda_functions_in_private_network(preview: bool) -> None:
    late = "UNKNOWN" if preview else "FAIL"  # its subnet list is computed at preview
    assert verdicts(aws_network.lambda_functions, preview, "net-function-in-private-network") == expect(f"""
        net-function-in-private-network  vpc-fn        PASS
        net-function-in-private-network  public-fn     FAIL
        net-function-in-private-network  empty-vpc-fn  FAIL
        net-function-in-private-network  late-vpc-fn   {late}
    """)


@BOTH
def test_replication_instances(preview: bool) -> None:
    late = "UNKNOWN" if preview else "FAIL"  # its flag is computed at preview
    rule = "net-replication-instance-not-public"
    assert verdicts(aws_network.replication_instances, preview, rule) == expect(f"""
        {rule}  claims-migration   PASS
        {rule}  legacy-migration   FAIL
        {rule}  default-migration  PASS
        {rule}  late-migration     {late}
    """)


@BOTH
def test_notebook_instances(preview: bool) -> None:
    late = "UNKNOWN" if preview else "PASS"  # its access settings are computed at preview
    rules = ("enc-notebook-kms", "net-notebook-no-direct-internet", "iam-notebook-root-access-disabled")
    assert verdicts(aws_network.notebooks, preview, *rules) == expect(f"""
        enc-notebook-kms                   locked-nb   PASS
        net-notebook-no-direct-internet    locked-nb   PASS
        iam-notebook-root-access-disabled  locked-nb   PASS
        enc-notebook-kms                   default-nb  FAIL
        net-notebook-no-direct-internet    default-nb  FAIL
        iam-notebook-root-access-disabled  default-nb  FAIL
        enc-notebook-kms                   late-nb     PASS
        net-notebook-no-direct-internet    late-nb     {late}
        iam-notebook-root-access-disabled  late-nb     {late}
    """)


@BOTH
def test_container_services_and_task_definitions(preview: bool) -> None:
    late_svc = "UNKNOWN" if preview else "PASS"  # assign_public_ip computed at preview
    late_td = "UNKNOWN" if preview else "PASS"  # container definitions built from an output
    rules = ("net-container-service-no-public-ip", "iam-container-not-privileged")
    assert verdicts(aws_network.containers, preview, *rules) == expect(f"""
        net-container-service-no-public-ip  public-svc   FAIL
        net-container-service-no-public-ip  private-svc  PASS
        net-container-service-no-public-ip  late-svc     {late_svc}
        net-container-service-no-public-ip  bridge-svc   PASS
        iam-container-not-privileged        web          PASS
        iam-container-not-privileged        agent        FAIL
        iam-container-not-privileged        late-td      {late_td}
    """)


@BOTH
def test_launch_template_metadata_tokens(preview: bool) -> None:
    late = "UNKNOWN" if preview else "PASS"  # the token setting is computed at preview
    assert verdicts(aws_network.launch_templates, preview, "net-instance-metadata-tokens") == expect(f"""
        net-instance-metadata-tokens  v2-template      PASS
        net-instance-metadata-tokens  legacy-template  FAIL
        net-instance-metadata-tokens  late-template    {late}
    """)
