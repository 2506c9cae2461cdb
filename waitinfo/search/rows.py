"""A search result from its SQL row: the result object and its wait (figure, group start, or why there is none)."""

from waitinfo.search import availability as fit
from waitinfo.search.display import WaitView, others_text, wait_view
from waitinfo.search.schemas import IntakeStopInfo, ResolvedQuery, SearchResult


def wait_of(m: dict, q: ResolvedQuery) -> WaitView:
    """The wait of a result: its figure, a group's next start, "niet gemeld" or no wait for walk-in offers."""
    run = (
        {
            "adapter": m["run_adapter"],
            "source": m["run_source"],
            "started_at": m["run_started_at"],
            "id": m["import_run_id"],
        }
        if m["import_run_id"]
        else None
    )
    figure = m if m["month"] is not None else None
    if m["kind"] == "group_offer" and figure is None:
        return WaitView(
            m["wait_kind"],
            "groepsaanbod",
            "group",
            next_start=m["group_start"] if fit.weeks_until(m["group_start"], q.today) is not None else None,
            start_weeks=fit.weeks_until(m["group_start"], q.today),
            ongoing=bool(m["ongoing"]),
        )
    if fit.wait_missing(m["kind"], m["wait_kind"], figure is not None):
        return WaitView("none", "wachttijd", "no_data")  # a wait applies but none is reported
    if m["wait_kind"] != "none" and figure is None and not fit.wait_applies(m["kind"]):
        return wait_view(None, "none", q.today)
    return wait_view(
        figure,
        m["wait_kind"],
        q.today,
        diagnosis=m["diagnosis_name"],
        run=run,
        others=others_text(m.get("other_min"), m.get("other_max"), m.get("known_weeks")),
    )


def result_of(m: dict, q: ResolvedQuery, wait: bool = True) -> SearchResult:
    """One result from its row; wait=False leaves `wait` None (alternatives get theirs only when shown)."""
    address = ", ".join(x for x in (m["address_1"], " ".join(filter(None, (m["postal_code"], m["city"])))) if x)
    stop = (
        IntakeStopInfo(m["stop_starts_on"], m["stop_ends_on"], m["stop_reason"] or "") if m["stop_starts_on"] else None
    )
    return SearchResult(
        service_id=m["service_id"],
        service_name=m["service_name"],
        description=m["description"],
        domain=m["domain"],
        kind=m["kind"],
        wait_kind=m["wait_kind"],
        organization_id=m["organization_id"],
        organization_name=m["organization_name"],
        location_name=m["location_name"],
        address=address or None,
        city=m["city"],
        location_type=m["location_type"],
        distance_km=None if m["distance_km"] is None or m["location_type"] == "virtual" else float(m["distance_km"]),
        referral_required=m["referral_required"],
        cost=m["cost"],
        cost_description=m["cost_description"],
        how_to_register=m["how_to_register"],
        online_possible=m["online_possible"],
        suitable_while_waiting=m["suitable_while_waiting"],
        assured_date=m["assured_date"],
        updated_at=m["updated_at"],
        url=m["url"],
        phone=m["phone"],
        email=m["email"],
        wait=wait_of(m, q) if wait else None,
        rank_group=m["rank_group"],
        score=m["score"],
        intake_stop=stop,
        contract_ceiling_reached=m["ceiling_reached"],
        places_free=m["places_free"],
        places_total=m["places_total"],
        other_locations=max(0, (m["n_locations"] or 1) - 1),
        minimum_age=m["minimum_age"],
        maximum_age=m["maximum_age"],
        eligibility=m["eligibility_description"] or "",
        organization_kind=m["organization_kind"],
        level=m["level"],
        group_start=m["group_start"],
        ongoing=bool(m["ongoing"]),
        shown_group=m["shown_group"],
        unavailable=m["unavailable"],
    )
