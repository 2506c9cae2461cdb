"""Stable UUIDs for reference data and demo data (HSDS ids must not change between installs)."""

import uuid

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://waitinfo.twente.example/")


def stable_uuid(*parts: object) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts))


NEEDS_TAXONOMY = "needs"
DIAGNOSIS_TAXONOMY = "diagnosis_groups"
WAIT_TAXONOMY = "waitinfo_wait"
