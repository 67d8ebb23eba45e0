"""Live cloud collection (read-only API calls)."""
