"""Paths of the committed plan fixtures (real `terraform show -json` output, see tests/terraform/aws/generate.sh)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
AWS = ROOT / "tests" / "terraform" / "aws"
FILES = ROOT / "tests" / "terraform" / "files"


def plan_path(scenario: str) -> Path:
    return AWS / scenario / "plan.json"


def plan(scenario: str) -> dict[str, Any]:
    return json.loads(plan_path(scenario).read_text(encoding="utf-8"))


GOOGLE = ROOT / "tests" / "terraform" / "google"


def google_plan_path(scenario: str) -> Path:
    """A hashicorp/google plan (built in the real shape by tests/terraform/google/write_plans.py)."""
    return GOOGLE / scenario / "plan.json"


AZURERM = ROOT / "tests" / "terraform" / "azurerm"


def azurerm_plan_path(scenario: str) -> Path:
    return AZURERM / scenario / "plan.json"


def azurerm_plan(scenario: str) -> dict[str, Any]:
    return json.loads(azurerm_plan_path(scenario).read_text(encoding="utf-8"))
