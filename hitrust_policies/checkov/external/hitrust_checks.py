"""checkov imports every module of its external checks directory: this one registers our checks."""

from hitrust_policies.checkov.checks import register

CHECKS = register()
