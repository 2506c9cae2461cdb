"""Match capacity offers to transfer requests: same need, same subregion, overlapping ages, capacity in time."""

from dataclasses import dataclass
from datetime import date, timedelta

# An offer that starts within this many weeks can still bridge a wait that is on the table today.
HORIZON_WEEKS = 8


@dataclass
class Match:
    offer: object
    request: object
    reasons: list[str]

    @property
    def free(self) -> int:
        return self.offer.places - self.offer.places_taken

    @property
    def covers(self) -> int:
        """How many of the waiting people the free places could take."""
        return min(self.free, self.request.waiting_count)


def ages_overlap(a_min: int | None, a_max: int | None, b_min: int | None, b_max: int | None) -> bool:
    lo = max(a_min if a_min is not None else 0, b_min if b_min is not None else 0)
    hi = min(a_max if a_max is not None else 200, b_max if b_max is not None else 200)
    return lo <= hi


def offer_open(offer, today: date) -> bool:
    """Not expired, not full, and starting soon enough to matter."""
    return (
        offer.ends_on >= today
        and offer.places_taken < offer.places
        and offer.starts_on <= today + timedelta(weeks=HORIZON_WEEKS)
    )


def is_match(offer, request, today: date) -> list[str] | None:
    """Why the offer fits the request (Dutch reasons), or None when it does not."""
    if request.closed_on is not None or not offer_open(offer, today):
        return None
    if offer.need_code != request.need_code:
        return None
    if offer.subregion_id is not None and request.subregion_id is not None:
        if offer.subregion_id != request.subregion_id:
            return None
    if not ages_overlap(offer.age_min, offer.age_max, request.age_min, request.age_max):
        return None
    if offer.organization_id == request.organization_id:
        return None  # a provider's own capacity is its own business, not the table's
    reasons = ["zelfde hulpvraag"]
    reasons.append("zelfde subregio" if offer.subregion_id and request.subregion_id else "heel Twente")
    if offer.age_min is not None or offer.age_max is not None or request.age_min is not None:
        reasons.append("leeftijden overlappen")
    reasons.append("nu beschikbaar" if offer.starts_on <= today else f"beschikbaar vanaf {offer.starts_on:%d-%m-%Y}")
    return reasons


def matches(offers: list, requests: list, today: date) -> list[Match]:
    """Every fitting (offer, request) pair, longest waits first, then the offer with most free places."""
    out = []
    for r in requests:
        for o in offers:
            reasons = is_match(o, r, today)
            if reasons is not None:
                out.append(Match(o, r, reasons))
    out.sort(key=lambda m: (-m.request.waiting_weeks, -m.free, m.offer.starts_on, str(m.offer.id), str(m.request.id)))
    return out
