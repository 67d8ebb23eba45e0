"""HITRUST CSF / HIPAA policy-as-code: one rule set for Pulumi previews, live scans and pipelines.

The core (model, rules, mappings, engine, findings) imports no cloud SDK.

>>> from hitrust_policies import BlockVolume, ResourceRef, evaluate
>>> [f.status.value for f in evaluate([BlockVolume(ResourceRef.manual("v1"), encrypted=False, kms_key=None,
...                                       kms_key_customer_managed=False)])]
['FAIL', 'FAIL']
"""

from hitrust_policies.engine import CoverageGap, evaluate, verdict
from hitrust_policies.findings import ControlRef, Finding, References, Status, finding_id
from hitrust_policies.mappings import MappingError, Mappings, default_mappings, load_mappings
from hitrust_policies.model import *  # noqa: F403
from hitrust_policies.model import __all__ as _model_all
from hitrust_policies.rules import Rule, all_rules, get_rule, rule, select

__version__ = "0.1.0"

__all__ = [
    "ControlRef",
    "CoverageGap",
    "Finding",
    "MappingError",
    "Mappings",
    "References",
    "Rule",
    "Status",
    "all_rules",
    "default_mappings",
    "evaluate",
    "finding_id",
    "get_rule",
    "load_mappings",
    "rule",
    "select",
    "verdict",
    *_model_all,
]
