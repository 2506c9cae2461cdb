"""Cross-cutting core: settings, database, time helpers."""
