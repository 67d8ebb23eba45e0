"""Built-in rules, one module per (domain, kind): ``rules/<domain>/<kind>.py``.

Importing this package imports every rule module, which registers its rules; a new
rule needs no edit anywhere else (its crosswalk row aside).
"""

import importlib
import pkgutil

from hitrust_policies.rules.registry import (
    DOMAINS,
    Rule,
    RuleOption,
    RuleOptionError,
    all_rules,
    configure_rules,
    get_rule,
    rule,
    select,
)

for _domain in DOMAINS:
    _pkg = importlib.import_module(f"{__name__}.{_domain}")
    for _mod in pkgutil.iter_modules(_pkg.__path__):
        importlib.import_module(f"{_pkg.__name__}.{_mod.name}")

__all__ = ["Rule", "RuleOption", "RuleOptionError", "all_rules", "configure_rules", "get_rule", "rule", "select"]
