"""Collection rules for the whole tree: the checkov checks import checkov, which lives in its own venv."""

import importlib.util

collect_ignore = [] if importlib.util.find_spec("checkov") else [
    "hitrust_policies/checkov/checks.py", "hitrust_policies/checkov/external"]
