"""Reference data of the region: municipalities, places, subregions, needs, diagnosis groups."""
