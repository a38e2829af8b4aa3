"""Maintenance commands (rebuild data packs); not imported by the linter."""
