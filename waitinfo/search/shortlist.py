"""The shortlist of one consult: service ids and the consult's need and place, in a browser-session cookie or the
URL (no server state, no personal data). "Nieuw consult" drops the cookie, so the next person starts empty."""

import base64
import binascii
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

from waitinfo.search import typed

COOKIE = "waitinfo_consult"
LEGACY_COOKIE = "waitinfo_lijst"  # the former 30-day list: dropped whenever the list changes or a consult starts
MAX_ITEMS = 20
HANDOUT_ITEMS = 5  # one A4 page holds this many


def parse_ids(raw: str | None) -> list[uuid.UUID]:
    """'id1,id2' -> [UUID, UUID]; junk is ignored, order kept, duplicates dropped, at most MAX_ITEMS."""
    out: list[uuid.UUID] = []
    for part in re.split(r"[,.\s]+", (raw or "").strip('"')):
        try:
            value = uuid.UUID(part.strip()) if len(part.strip()) != 22 else _from_short(part.strip())
        except (ValueError, binascii.Error):
            continue
        if value not in out:
            out.append(value)
    return out[:MAX_ITEMS]


def short_id(value: uuid.UUID) -> str:
    """A service id in 22 URL-safe characters (for the short link and its QR code)."""
    return base64.urlsafe_b64encode(value.bytes).rstrip(b"=").decode("ascii")


def _from_short(text: str) -> uuid.UUID:
    return uuid.UUID(bytes=base64.urlsafe_b64decode(text + "=="))


def format_short_ids(ids: Iterable[uuid.UUID]) -> str:
    return ".".join(short_id(i) for i in ids)


def format_ids(ids: Iterable[uuid.UUID], sep: str = ",") -> str:
    """Comma separated for URLs; the cookie uses "." (a comma would make the cookie value quoted)."""
    return sep.join(str(i) for i in ids)


def toggle(ids: list[uuid.UUID], service_id: uuid.UUID, add: bool) -> list[uuid.UUID]:
    kept = [i for i in ids if i != service_id]
    if add:
        kept.append(service_id)
    return kept[-MAX_ITEMS:]


@dataclass
class Consult:
    """The list of one consult: what was chosen and for which need and place (set with the first item)."""

    ids: list[uuid.UUID] = field(default_factory=list)
    hulpvraag: str = ""
    place: str = ""  # gemeente code or postcode as typed
    place_key: str = "gemeente"  # the search parameter the place came from
    age: int | None = None  # kept with the consult only: never in a shared link

    def context(self) -> list[tuple[str, str]]:
        return [(k, v) for k, v in (("hulpvraag", self.hulpvraag), (self.place_key, self.place)) if v]


def parse_consult(raw: str | None) -> Consult:
    """'hulpvraag:gemeente:GM0141:age:id.id' (URL-quoted parts) -> Consult; anything else is an empty list."""
    parts = (raw or "").strip('"').split(":")
    if len(parts) != 5:
        return Consult()
    need, key, place, age, ids = (unquote(p) for p in parts)
    return Consult(
        parse_ids(ids),
        need[:80],
        place[:120],
        key if key in ("gemeente", "postcode") else "gemeente",
        typed.age(age),
    )


def format_consult(consult: Consult) -> str:
    age = "" if consult.age is None else str(consult.age)
    parts = (consult.hulpvraag, consult.place_key, consult.place, age, format_ids(consult.ids, "."))
    return ":".join(quote(p, safe="") for p in parts)
