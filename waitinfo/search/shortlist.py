"""The shortlist: service ids in a cookie or the URL (no server state, no personal data)."""

import re
import uuid
from collections.abc import Iterable

COOKIE = "waitinfo_lijst"
MAX_ITEMS = 20


def parse_ids(raw: str | None) -> list[uuid.UUID]:
    """'id1,id2' -> [UUID, UUID]; junk is ignored, order kept, duplicates dropped, at most MAX_ITEMS."""
    out: list[uuid.UUID] = []
    for part in re.split(r"[,.\s]+", (raw or "").strip('"')):
        try:
            value = uuid.UUID(part.strip())
        except ValueError:
            continue
        if value not in out:
            out.append(value)
    return out[:MAX_ITEMS]


def format_ids(ids: Iterable[uuid.UUID], sep: str = ",") -> str:
    """Comma separated for URLs; the cookie uses "." (a comma would make the cookie value quoted)."""
    return sep.join(str(i) for i in ids)


def toggle(ids: list[uuid.UUID], service_id: uuid.UUID, add: bool) -> list[uuid.UUID]:
    kept = [i for i in ids if i != service_id]
    if add:
        kept.append(service_id)
    return kept[-MAX_ITEMS:]
