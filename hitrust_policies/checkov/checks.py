"""The checkov checks themselves (this module imports checkov: load it only inside checkov's venv)."""

from __future__ import annotations

from typing import Any

from checkov.common.bridgecrew.severities import Severities
from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck
from checkov.terraform.checks.resource.registry import resource_registry

from hitrust_policies.checkov import CheckSpec, specs
from hitrust_policies.checkov.conf import judge
from hitrust_policies.findings import Status

_RESULTS = {Status.PASS: CheckResult.PASSED, Status.FAIL: CheckResult.FAILED, Status.UNKNOWN: CheckResult.UNKNOWN,
            None: CheckResult.UNKNOWN}


class HitrustCheck(BaseResourceCheck):
    """One rule over the resource types that yield its kind."""

    def __init__(self, spec: CheckSpec) -> None:
        self.spec = spec
        super().__init__(name=spec.name, id=spec.id, categories=[CheckCategories[spec.category]],
                         supported_resources=list(spec.resource_types), guideline=spec.guideline)
        self.severity = Severities[spec.severity]

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        plan = any(k in conf for k in ("__change_actions__", "__change_keys__", "__startline__", "start_line"))
        status, message = judge(self.spec.rule, self.entity_type, conf, plan)
        self.details = [message] if message else []
        self.evaluated_keys = []
        return _RESULTS[status]


def register() -> list[HitrustCheck]:
    """Register every check with checkov's resource registry (again only those not yet there)."""
    present = {c.id for checks in resource_registry.checks.values() for c in checks}
    present |= {c.id for checks in resource_registry.wildcard_checks.values() for c in checks}
    return [HitrustCheck(spec) for spec in specs() if spec.id not in present]
