"""Loaded by ``checkov --external-checks-dir``: a package, as checkov requires."""
