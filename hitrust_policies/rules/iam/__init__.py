"""Iam rules."""
