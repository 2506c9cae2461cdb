"""Wait figures, capacity, intake stops and insurer contracts."""
