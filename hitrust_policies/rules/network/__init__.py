"""Network rules."""
