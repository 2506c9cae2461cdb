"""The import pipeline: parse, validate, apply atomically, record the run."""
