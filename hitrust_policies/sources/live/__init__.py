"""sources/live."""
