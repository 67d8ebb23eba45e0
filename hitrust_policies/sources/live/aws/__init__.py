"""Live AWS collection: boto3 collectors declared as data, and the concurrent scan."""
