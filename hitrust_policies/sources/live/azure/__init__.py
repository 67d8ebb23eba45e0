"""Live Azure collection: Resource Graph queries declared as data, a few ARM reads, the scan."""
