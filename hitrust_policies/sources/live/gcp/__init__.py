"""Live GCP collection: Cloud Asset Inventory listings declared as data, the scan, export files."""
