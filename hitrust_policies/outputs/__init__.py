"""Renderers: findings and rule catalogs as text for people and machines."""
