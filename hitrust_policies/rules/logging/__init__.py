"""Logging rules."""
