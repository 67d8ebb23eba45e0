"""Our rules as checkov custom checks, for teams that gate Terraform with checkov.

One checkov check per rule that a Terraform source evaluates, over the resource types of every
provider whose adapters yield the rule's kind: hashicorp/aws (pulumi-aws adapters), hashicorp/google
(pulumi-gcp adapters) and hashicorp/azurerm (azurerm adapters). A rule judged on several clouds is one
check whose resource types span the providers (``enc-crypto-key-rotation``: ``aws_kms_key``,
``google_kms_crypto_key``). Each check judges a resource through the same translation, adapters and
rule as ``hitrust check terraform`` (`hitrust_policies.checkov.conf`); nothing of a rule is copied.

**Ids.** ``CKV_HITRUST_`` + the rule id upper-cased, ``-`` -> ``_``: ``enc-object-store-tls-only`` is
``CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY``. Readable, stable as long as the rule id is, reversible
(`rule_id`), and made only of the characters checkov's ``checkov:skip=`` comments and ``--check`` /
``--skip-check`` accept (checkov itself validates no id format).

**What survives checkov's outputs.** The check name carries the title, the HITRUST CSF and HIPAA ids
and the rule id (JSON ``check_name``, SARIF rule name, JUnit test name); ``guideline`` is the rule's
entry in the README rule catalog (``HITRUST_POLICIES_DOCS_URL`` + ``#rule-catalog``; JSON
``guideline``, SARIF ``helpUri``); severity maps one to one (checkov's JSON leaves it null for
custom checks); categories follow the rule's domain.

Two ways in, neither imports checkov before it is needed:

- ``checkov --external-checks-dir "$(hitrust checkov-checks-dir)" --skip-download ...``: the
  directory `checks_dir` (a package, as checkov requires) registers the checks when checkov loads it;
- in-process: `hitrust_policies.checkov.checks.register` before running checkov's runners.

Always run checkov offline: ``--skip-download`` (or ``BC_SKIP_MAPPING=TRUE``), otherwise it fetches
guidelines over the network, and ``CKV_SKIP_PACKAGE_UPDATE_CHECK=TRUE``, otherwise it asks PyPI for a newer
checkov once a day.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from hitrust_policies.rules.registry import Rule, all_rules

PREFIX = "CKV_HITRUST_"


# where the README is published (SARIF carries ``helpUri`` only for an absolute URL); the README by default
DOCS = os.environ.get("HITRUST_POLICIES_DOCS_URL", "README.md")
CATEGORIES = {"encryption": "ENCRYPTION", "iam": "IAM", "logging": "LOGGING", "network": "NETWORKING"}


def check_id(rule_id: str) -> str:
    """The checkov id of a rule.

    >>> check_id("enc-object-store-tls-only")
    'CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY'
    """
    return PREFIX + rule_id.upper().replace("-", "_")


def rule_id(checkov_id: str) -> str:
    """The rule id of one of our checkov ids.

    >>> rule_id("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY")
    'enc-object-store-tls-only'
    """
    if not checkov_id.startswith(PREFIX):
        raise ValueError(f"{checkov_id}: not a hitrust-policies check id")
    return checkov_id[len(PREFIX):].lower().replace("_", "-")


def checks_dir() -> Path:
    """The directory to give checkov's ``--external-checks-dir``."""
    return Path(__file__).parent / "external"


@dataclass(frozen=True)
class CheckSpec:
    """What one checkov check is, without checkov: id, name, guideline, resource types, rule."""

    id: str
    name: str
    guideline: str
    severity: str  # LOW / MEDIUM / HIGH / CRITICAL
    category: str  # a checkov CheckCategories name
    resource_types: tuple[str, ...]
    rule: Rule


def resource_types(rule: Rule) -> tuple[str, ...]:
    """hashicorp/aws and hashicorp/google types whose Pulumi adapter, and hashicorp/azurerm types whose
    azurerm adapter, yields the rule's kind."""
    from hitrust_policies.sources.pulumi.registry import adapters_for
    from hitrust_policies.sources.terraform import aws_names, azurerm, google_names

    tokens = {**aws_names.TOKENS, **google_names.TOKENS}
    azurerm.supported_kinds()  # loads the azurerm adapters
    found = {t for t, token in tokens.items() if any(rule.kind in a.produces for a in adapters_for(token))}
    found |= {t for t, adapters in azurerm.ADAPTERS.items() if any(rule.kind in kinds for _, kinds in adapters)}
    return tuple(sorted(found))


def name(rule: Rule) -> str:
    """Title, then the CSF and HIPAA ids and the rule id, so they reach every checkov output."""
    from hitrust_policies.mappings import default_mappings

    refs = default_mappings().references(rule.id)
    csf = ", ".join(c.id for c in refs.csf) or "-"
    hipaa = ", ".join(c.id for c in refs.hipaa) or "-"
    return f"{rule.title} [HITRUST CSF {csf}; HIPAA {hipaa}; {rule.id}]"


def specs() -> list[CheckSpec]:
    """One spec per rule a Terraform plan of hashicorp/aws, google or azurerm resources can judge."""
    out = []
    for rule in all_rules():
        types = () if rule.live_only else resource_types(rule)
        if types:
            out.append(CheckSpec(check_id(rule.id), name(rule), f"{DOCS}#rule-catalog",
                                 rule.severity.upper(), CATEGORIES[rule.domain], types, rule))
    return out
