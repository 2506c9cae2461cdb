"""The search query: one ranked SQL statement (PostgreSQL), plus one for alternatives beyond ggz when needed.

`search_sql(query)` returns the core statement and its parameters, so it can be run bare (EXPLAIN ANALYZE,
benchmarks); `search(session, params)` resolves the parameters and returns a SearchPage.
"""

import time
from datetime import datetime
from math import ceil

from sqlalchemy import text
from sqlmodel import Session

from waitinfo.search import service as rules
from waitinfo.search.display import wait_view
from waitinfo.search.schemas import IntakeStopInfo, ResolvedQuery, SearchPage, SearchParams, SearchResult
from waitinfo.waits import treeknorm as tk

# Candidates: one row per service, at its nearest location (DISTINCT ON), with every filter applied.
_CANDIDATES = """
select distinct on (s.id)
  s.id as service_id, s.name as service_name, s.description, s.domain, s.kind, s.wait_kind,
  s.referral_required, s.cost, s.cost_description, s.how_to_register, s.online_possible,
  s.suitable_while_waiting, s.assured_date, s.updated_at, s.url, s.phone, s.email,
  o.id as organization_id, o.name as organization_name,
  sal.id as sal_id, l.name as location_name, l.address_1, l.postal_code, l.city, l.location_type,
  {distance} as distance_km,
  count(*) over (partition by s.id) as n_locations
from ({source}) src
join service s on s.id = src.service_id
join organization o on o.id = s.organization_id and o.status = 'active'
left join service_at_location sal on sal.service_id = s.id
left join location l on l.id = sal.location_id
where s.status = 'active' {filters}
order by s.id, distance_km asc nulls last
"""

# Where the candidates come from (small, index-driven sets; the filters narrow them further).
# Services for a municipality: its service area, a location in it, or -- for support points, open to every
# resident of the region -- a location within NEARBY_KM of the origin (bounding box on ix_location_lat_lon).
_SOURCE_PLACE = """
  select sa.service_id from service_area sa where sa.municipality_code = :muni
  union
  select sal2.service_id from location l2 join service_at_location sal2 on sal2.location_id = l2.id
  where l2.municipality_code = :muni
  union
  select sal3.service_id from location l3
  join service_at_location sal3 on sal3.location_id = l3.id
  join service s3 on s3.id = sal3.service_id and s3.kind = 'support_point'
  where l3.latitude between :lat_min and :lat_max and l3.longitude between :lon_min and :lon_max
"""
_SOURCE_NEED = "select sn0.service_id from service_need sn0 where sn0.taxonomy_term_id = :need_id"
_SOURCE_IDS = "select unnest(cast(:service_ids as uuid[])) as service_id"
_SOURCE_ALL = "select s0.id as service_id from service s0"

# Great-circle distance in km, the very arithmetic of earthdistance's
# earth_distance(ll_to_earth(:lat, :lon), ll_to_earth(l.latitude, l.longitude)) (same float8 operations in the same
# order, so bit for bit the same figure; least(.., 1) is its sec_to_gc branch for a chord over the diameter, as
# 2R * asin(1) = pi * R exactly) without its SQL functions and `earth` domain checks: those cost ~14 us a row and
# planning time for inlining them.
_EARTH_M = "6378168.0::float8"  # earthdistance's earth()
_XYZ = (f"{_EARTH_M} * cos(radians({{lat}})) * cos(radians({{lon}}))",
        f"{_EARTH_M} * cos(radians({{lat}})) * sin(radians({{lon}}))",
        f"{_EARTH_M} * sin(radians({{lat}}))")
_CHORD = "sqrt({})".format(" + ".join(
    "(({a}) - ({b}))*(({a}) - ({b}))".format(a=c.format(lat="cast(:lat as float8)", lon="cast(:lon as float8)"),
                                             b=c.format(lat="l.latitude", lon="l.longitude")) for c in _XYZ))
_DISTANCE = ("case when l.latitude is null then (case when s.online_possible then {online} else {unknown} end) "
             f"else 2 * {_EARTH_M} * asin(least({_CHORD} / (2 * {_EARTH_M}), 1)) / 1000.0 end")

# The newest figure of the nearest location: the need's diagnosis group first, else the general figure, else the
# longest group figure of that month (honest rather than flattering).
_WAIT = """
left join lateral (
  select w.registration_weeks, w.treatment_weeks, w.registration_text, w.treatment_text, w.waiting_count,
         w.method, w.month, w.reference_date, w.intake_within_norm, w.intake_outside_norm, w.import_run_id,
         w.diagnosis_group_id
  from wait_time w
  where w.service_at_location_id = c.sal_id and c.wait_kind <> 'none'
    and w.month = (select max(wm.month) from wait_time wm where wm.service_at_location_id = c.sal_id)
  order by w.month desc,
           case when w.diagnosis_group_id = any(cast(:diag_ids as uuid[])) then 0
                when w.diagnosis_group_id is null then 1 else 2 end,
           coalesce(w.registration_weeks, 0) + coalesce(w.treatment_weeks, 0) desc
  limit 1
) w on true
left join lateral (
  select st.starts_on, st.ends_on, st.reason from intake_stop st
  where st.service_id = c.service_id and (st.service_at_location_id is null or st.service_at_location_id = c.sal_id)
    and st.starts_on <= :today and (st.ends_on is null or st.ends_on >= :today)
  order by st.starts_on limit 1
) stop on true
left join group_offer g on g.service_id = c.service_id
"""

_SQL = """
with cand as materialized ({candidates}),
scored as (
  select c.*, w.*, stop.starts_on as stop_starts_on, stop.ends_on as stop_ends_on, stop.reason as stop_reason,
         g.places_free, g.places_total, g.ongoing, {contract} as ceiling_reached,
         coalesce(w.reference_date, w.month) as figure_date,
         case when c.wait_kind in ('social', 'poh_ggz') then w.registration_weeks
              when w.registration_weeks is null and w.treatment_weeks is null then null
              else coalesce(w.registration_weeks, 0) + coalesce(w.treatment_weeks, 0) end as known_weeks,
         case when c.wait_kind in ('social', 'poh_ggz') then w.registration_weeks > {social_norm}
              else (w.registration_weeks > {reg_norm} or w.treatment_weeks > {treat_norm}
                    or w.registration_weeks + w.treatment_weeks > {total_norm}) end as over_norm,
         (select count(*) from service_need sn where sn.service_id = c.service_id) as n_needs
  from cand c {wait}
),
ranked as (
  select s.*,
    case when s.stop_starts_on is not null then 2
         when s.wait_kind <> 'none' and (s.figure_date is null or s.known_weeks is null
              or (s.figure_date < :hidden_before and not :include_hidden)) then 1
         else 0 end as rank_group,
    ( coalesce(s.distance_km, {unknown}) / {km_per_point}
      + coalesce(s.known_weeks, 0) / {weeks_per_point}
      + case when coalesce(s.over_norm, false) then {over_penalty} else 0 end
      + case when s.figure_date < :stale_before then {stale_penalty} else 0 end
      + least(greatest(s.n_needs - 1, 0) * {broad_penalty}, 2)
      + case when :need_domain in ('ggz', 'social') and s.domain <> :need_domain then {domain_penalty} else 0 end
      + case when :need_domain = 'ggz' and s.kind not in ({care_kinds}) then {kind_penalty} else 0 end
      + case when s.kind = 'group_offer' and s.places_free = 0 and not coalesce(s.ongoing, false)
             then {full_penalty} else 0 end
    ) as score
  from scored s
),
kept as (select * from ranked r {post_filters}),
page as (
  select k.*, count(*) over () as total,
         count(*) filter (where k.wait_kind in ('ggz_basic', 'ggz_specialist') and k.rank_group = 0
                          and not coalesce(k.over_norm, false)) over () as ggz_within,
         count(*) filter (where k.wait_kind in ('ggz_basic', 'ggz_specialist') and k.rank_group = 0
                          and k.over_norm) over () as ggz_over
  from kept k
  order by k.rank_group, k.score, k.service_name, k.service_id
  limit :limit offset :offset
)
-- Names of the figure's diagnosis group and import run only for the rows of the page.
select p.*, tt.name as diagnosis_name, ir.adapter as run_adapter, ir.source as run_source,
       ir.started_at as run_started_at
from page p
left join taxonomy_term tt on tt.id = p.diagnosis_group_id
left join import_run ir on ir.id = p.import_run_id
order by p.rank_group, p.score, p.service_name, p.service_id
"""


def _filters(q: ResolvedQuery, alternatives: bool = False, while_waiting: bool = False) -> tuple[list[str], dict]:
    p = q.params
    where, bind = [], {}
    if q.need_id is not None:
        need = ("exists (select 1 from service_need sn where sn.service_id = s.id and sn.taxonomy_term_id = :need_id)")
        # Support points are open to anyone whatever the need; they count as alternatives for every need.
        where.append(f"({need} or s.kind = 'support_point')" if alternatives else need)
        bind["need_id"] = q.need_id
    if q.origin is not None and q.origin.municipality_code:
        # Beyond the candidate source (see _SOURCE_PLACE): the bounding box is a square, the circle is exact.
        bind["muni"] = q.origin.municipality_code
    if q.service_ids is not None:
        bind["service_ids"] = list(q.service_ids)
    if alternatives:
        kinds = ", ".join(f"'{k}'" for k in rules.ALTERNATIVE_KINDS)
        where.append("s.suitable_while_waiting" if while_waiting
                     else f"(s.domain = 'social' or s.kind in ({kinds}) or s.suitable_while_waiting)")
        where.append("not exists (select 1 from group_offer go where go.service_id = s.id "
                     "and coalesce(go.places_free, 0) = 0 and not go.ongoing)")
        return where, bind
    if q.domain:
        where.append("s.domain = :domain")
        bind["domain"] = q.domain
    if p.zonder_verwijzing:
        where.append("not s.referral_required")
    if p.gratis:
        where.append("s.cost = 'free'")
    if p.online:
        where.append("s.online_possible")
    if q.open_day:
        where.append(
            "exists (select 1 from schedule sc where (sc.service_id = s.id or sc.service_at_location_id = sal.id"
            " or sc.location_id = l.id) and sc.byday like '%' || :open_day || '%'"
            " and sc.opens_at <= :open_time and sc.closes_at > :open_time"
            " and (sc.valid_from is null or sc.valid_from <= :today) and (sc.valid_to is null or sc.valid_to >= :today))"
        )
        bind.update(open_day=q.open_day, open_time=q.open_time)
    if q.insurer_id is not None:
        # Insured care only from providers with a contract this year; free and social offer does not depend on it.
        where.append("(s.cost <> 'insured' or exists (select 1 from insurer_contract ic where "
                     "ic.organization_id = o.id and ic.insurer_id = :insurer_id and ic.year = :year))")
        bind.update(insurer_id=q.insurer_id, year=q.today.year)
    return where, bind


def search_sql(q: ResolvedQuery, *, alternatives: bool = False, while_waiting: bool = False,
               limit: int | None = None, offset: int | None = None) -> tuple[str, dict]:
    """The core statement and its bind parameters (run it bare for EXPLAIN ANALYZE).

    alternatives=True: offer beyond ggz (social domain, support points, group offers with free places and offer
    suitable while waiting) for the need and municipality; while_waiting=True narrows that to overbrugging.
    """
    alternatives = alternatives or while_waiting
    where, bind = _filters(q, alternatives, while_waiting)
    has_origin = q.origin is not None and q.origin.latitude is not None
    if q.service_ids is not None:
        source = _SOURCE_IDS
    elif has_origin and q.origin.municipality_code:
        source = _SOURCE_PLACE
        bind.update(rules.bounding_box(q.origin.latitude, q.origin.longitude, rules.NEARBY_KM))
    elif q.need_id is not None and not alternatives:
        source = _SOURCE_NEED
    else:
        source = _SOURCE_ALL
    distance = _DISTANCE.format(online=rules.ONLINE_DISTANCE_KM, unknown=rules.UNKNOWN_DISTANCE_KM) if has_origin \
        else "cast(null as float8)"
    post = []
    if alternatives:
        post.append("r.rank_group = 0")
    elif q.params.max_wacht is not None:
        post.append("(r.wait_kind = 'none' or (r.rank_group = 0 and r.known_weeks <= :max_wait))")
        bind["max_wait"] = q.params.max_wacht
    contract = ("(select ic.ceiling_reached from insurer_contract ic where ic.organization_id = c.organization_id "
                "and ic.insurer_id = :insurer_id and ic.year = :year)") if q.insurer_id is not None \
        else "cast(null as boolean)"
    if q.insurer_id is not None:  # the contract column, also for alternatives (which do not filter on it)
        bind.update(insurer_id=q.insurer_id, year=q.today.year)
    sql = _SQL.format(
        candidates=_CANDIDATES.format(distance=distance, source=source,
                                      filters="".join(f"\n  and {w}" for w in where)),
        wait=_WAIT, contract=contract, post_filters=("where " + " and ".join(post)) if post else "",
        social_norm=tk.REGIONAL_SOCIAL_NORM, reg_norm=tk.REGISTRATION_NORM, treat_norm=tk.TREATMENT_NORM,
        total_norm=tk.TOTAL_NORM, unknown=rules.UNKNOWN_DISTANCE_KM, km_per_point=rules.KM_PER_POINT,
        weeks_per_point=rules.WEEKS_PER_POINT, over_penalty=rules.OVER_NORM_PENALTY,
        stale_penalty=rules.STALE_PENALTY, broad_penalty=rules.BROAD_OFFER_PENALTY,
        domain_penalty=rules.DOMAIN_MISMATCH_PENALTY, kind_penalty=rules.KIND_MISMATCH_PENALTY,
        full_penalty=rules.FULL_GROUP_PENALTY, care_kinds=", ".join(f"'{k}'" for k in rules.GGZ_CARE_KINDS),
    )
    bind.update(
        diag_ids=list(q.diagnosis_ids), today=q.today, hidden_before=rules.hidden_before(q.today),
        stale_before=rules.stale_before(q.today), include_hidden=q.params.ook_verouderd,
        need_domain=q.need_usual_domain or "", limit=limit if limit is not None else q.page_size,
        offset=offset if offset is not None else (q.page - 1) * q.page_size,
    )
    if has_origin:
        bind.update(lat=q.origin.latitude, lon=q.origin.longitude)
    return sql, bind


def explain(session: Session, q: ResolvedQuery, analyze: bool = True) -> str:
    sql, bind = search_sql(q)
    rows = session.execute(text(f"explain ({'analyze, buffers' if analyze else 'costs'}) {sql}"), bind).all()
    return "\n".join(r[0] for r in rows)


def _result(row, q: ResolvedQuery) -> SearchResult:
    m = row._mapping
    run = {"adapter": m["run_adapter"], "source": m["run_source"], "started_at": m["run_started_at"],
           "id": m["import_run_id"]} if m["import_run_id"] else None
    address = ", ".join(x for x in (m["address_1"], " ".join(filter(None, (m["postal_code"], m["city"])))) if x)
    stop = IntakeStopInfo(m["stop_starts_on"], m["stop_ends_on"], m["stop_reason"] or "") \
        if m["stop_starts_on"] else None
    return SearchResult(
        service_id=m["service_id"], service_name=m["service_name"], description=m["description"],
        domain=m["domain"], kind=m["kind"], wait_kind=m["wait_kind"], organization_id=m["organization_id"],
        organization_name=m["organization_name"], location_name=m["location_name"], address=address or None,
        city=m["city"], location_type=m["location_type"],
        distance_km=None if m["distance_km"] is None or m["location_type"] == "virtual" else float(m["distance_km"]),
        referral_required=m["referral_required"], cost=m["cost"], cost_description=m["cost_description"],
        how_to_register=m["how_to_register"], online_possible=m["online_possible"],
        suitable_while_waiting=m["suitable_while_waiting"], assured_date=m["assured_date"],
        updated_at=m["updated_at"], url=m["url"], phone=m["phone"], email=m["email"],
        wait=wait_view(m if m["month"] is not None else None, m["wait_kind"], q.today,
                       diagnosis=m["diagnosis_name"], run=run),
        rank_group=m["rank_group"], score=m["score"], intake_stop=stop,
        contract_ceiling_reached=m["ceiling_reached"], places_free=m["places_free"],
        places_total=m["places_total"], other_locations=max(0, (m["n_locations"] or 1) - 1),
    )


def run(session: Session, q: ResolvedQuery, **kw) -> tuple[list[SearchResult], dict]:
    sql, bind = search_sql(q, **kw)
    rows = session.execute(text(sql), bind).all()
    counts = {"total": 0, "ggz_within": 0, "ggz_over": 0}
    if rows:
        first = rows[0]._mapping
        counts = {k: int(first[k]) for k in counts}
    return [_result(r, q) for r in rows], counts


def search(session: Session, params: SearchParams, moment: datetime | None = None) -> SearchPage:
    """Resolve the parameters, run the ranked search and, when ggz waits exceed the norm, the alternatives."""
    started = time.perf_counter()
    q = rules.resolve(session, params, moment)
    statements = 1
    if q.errors:
        return SearchPage(q, [], 0, q.page, 0, statements=statements,
                          elapsed_ms=(time.perf_counter() - started) * 1000)
    results, counts = run(session, q)
    statements += 1
    if not results and q.page > 1 and counts["total"] == 0:
        # Past the last page (shared old link): show the last page instead of nothing.
        q.page = 1
        results, counts = run(session, q)
        statements += 1
    page = SearchPage(q, results, counts["total"], q.page, max(1, ceil(counts["total"] / q.page_size)),
                      ggz_within=counts["ggz_within"], ggz_over=counts["ggz_over"])
    page.show_alternatives = q.domain != "social" and rules.show_alternatives(counts["ggz_within"], counts["ggz_over"])
    if page.show_alternatives:
        found, _ = run(session, q, alternatives=True, limit=4 * rules.ALTERNATIVES_SHOWN, offset=0)
        statements += 1
        on_page = {r.service_id for r in results}
        page.alternatives, page.while_waiting = rules.split_alternatives(
            [r for r in found if r.service_id not in on_page])
    page.statements = statements
    page.elapsed_ms = (time.perf_counter() - started) * 1000
    return page


def shortlist(session: Session, ids: list, params: SearchParams, moment: datetime | None = None) -> SearchPage:
    """The services on a shortlist (in list order) with their current waits, plus help while waiting."""
    q = rules.resolve(session, params, moment)
    q.errors.clear()  # a handout is shown even when a shared link names something we no longer know
    results: list[SearchResult] = []
    if ids:
        need = (q.need_id, q.need_name)
        q.need_id, q.service_ids = None, list(ids)
        results, _ = run(session, q, limit=len(ids), offset=0)
        q.need_id, q.need_name = need
        q.service_ids = None
        order = {sid: i for i, sid in enumerate(ids)}
        results.sort(key=lambda r: order.get(r.service_id, 0))
    waiting, _ = run(session, q, while_waiting=True, limit=4, offset=0)
    on_list = {r.service_id for r in results}
    page = SearchPage(q, results, len(results), 1, 1)
    page.while_waiting = [w for w in waiting if w.service_id not in on_list]
    return page
