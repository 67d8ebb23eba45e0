"""pulumi-aws logging sources from real programs (captured under mocks): exact verdicts, preview and update."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from hitrust_policies import evaluate
from hitrust_policies.sources.pulumi import PulumiResource, to_model
from hitrust_policies.testing.pulumi import capture
from tests.pulumi_programs import aws_logging
from tests.sources.live.aws.conftest import table
from tests.verdicts import Verdicts

BOTH = pytest.mark.parametrize("preview", [True, False], ids=["preview", "update"])


def verdicts(program: Callable[[], None], preview: bool, *rule_ids: str) -> Verdicts:
    values = to_model(PulumiResource.from_wire(r.type, r.urn, r.outputs, name=r.name,
                                               property_dependencies=r.property_dependencies)
                      for r in capture(program, preview=preview))
    return Verdicts((f.rule_id, f.resource.name, f.status.value) for f in evaluate(list(values))
                    if f.rule_id in rule_ids)


def expect(text: str) -> Verdicts:
    return Verdicts({(rule, name, status.value): n for (rule, name, status), n in table(text).items()})


@BOTH
def test_database_audit_logs(preview: bool) -> None:
    """Instances and clusters are judged on their own exports; Aurora members are not judged."""
    late = "UNKNOWN" if preview else "PASS"  # the export list holds an output computed at preview
    assert verdicts(aws_logging.database_audit_logs, preview, "log-database-auditing") == expect(f"""
        log-database-auditing  audited-db      PASS
        log-database-auditing  errors-only-db  FAIL
        log-database-auditing  aurora-pg       PASS
        log-database-auditing  late-cluster    {late}
    """)


@BOTH
def test_vpc_flow_logs_capture_all_traffic(preview: bool) -> None:
    """Only a flow log capturing ALL traffic counts; ACCEPT and REJECT logs side by side do not add up."""
    late = "UNKNOWN" if preview else "PASS"  # the traffic type is an output computed at preview
    assert verdicts(aws_logging.vpc_flow_logs, preview, "log-network-flow-logs") == expect(f"""
        log-network-flow-logs  all-vpc     PASS
        log-network-flow-logs  reject-vpc  FAIL
        log-network-flow-logs  split-vpc   FAIL
        log-network-flow-logs  late-vpc    {late}
    """)


@BOTH
def test_load_balancer_access_logs(preview: bool) -> None:
    """v2 access logs are off unless switched on (a bucket alone does not); classic ones are on once configured."""
    late = "UNKNOWN" if preview else "PASS"
    assert verdicts(aws_logging.load_balancer_access_logs, preview, "log-request-logging") == expect(f"""
        log-request-logging  logged-alb       PASS
        log-request-logging  bucket-only-alb  FAIL
        log-request-logging  bare-nlb         FAIL
        log-request-logging  logged-clb       PASS
        log-request-logging  quiet-clb        FAIL
        log-request-logging  late-alb         {late}
    """)


@BOTH
def test_config_recorders(preview: bool) -> None:
    """A recorder records once a status of its name is enabled, every type unless its recording group says less."""
    assert verdicts(aws_logging.config_recorders, preview, "log-config-recording-all-regions") == expect("""
        log-config-recording-all-regions  config/us-east-1  PASS
        log-config-recording-all-regions  config/eu-west-1  FAIL
        log-config-recording-all-regions  config/us-west-2  FAIL
    """)


@BOTH
def test_eks_control_plane_logs(preview: bool) -> None:
    late = "UNKNOWN" if preview else "PASS"
    assert verdicts(aws_logging.eks_clusters, preview, "log-cluster-control-plane-logs") == expect(f"""
        log-cluster-control-plane-logs  all-logs-eks  PASS
        log-cluster-control-plane-logs  audit-eks     FAIL
        log-cluster-control-plane-logs  quiet-eks     FAIL
        log-cluster-control-plane-logs  late-eks      {late}
    """)
