"""SQL text of the referrer search (the statements are put together in repository.py)."""

from waitinfo.search.availability import PRACTICE_BOUND_SQL, WAIT_MISSING_SQL
from waitinfo.waits import rules

# Candidates: one row per service, at its nearest location (DISTINCT ON), with every filter applied.
CANDIDATES = """
select distinct on (s.id)
  s.id as service_id, s.name as service_name, s.description, s.domain, s.kind, s.wait_kind,
  s.referral_required, s.cost, s.cost_description, s.how_to_register, s.online_possible,
  s.suitable_while_waiting, s.assured_date, s.updated_at, s.url, s.phone, s.email,
  s.minimum_age, s.maximum_age, s.eligibility_description,
  o.id as organization_id, o.name as organization_name, o.kind as organization_kind, {level} as level,
  sal.id as sal_id, l.name as location_name, l.address_1, l.postal_code, l.city, l.location_type,
  {distance} as distance_km,
  count(*) over (partition by s.id) as n_locations{flags}
from ({source}) src
join service s on s.id = src.service_id
join organization o on o.id = s.organization_id and o.status = 'active'{joins}
left join (service_at_location sal join location l on l.id = sal.location_id and l.status = 'active')
  on sal.service_id = s.id
where s.status = 'active' {filters}
order by s.id, distance_km asc nulls last
"""

# Where the candidates come from (small, index-driven sets; the filters narrow them further).
# Services for a municipality: its service area, a location in it, or -- for support points, open to every
# resident of the region -- a location within NEARBY_KM of the origin (bounding box on ix_location_lat_lon).
SOURCE_PLACE = """
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
SOURCE_NEED = "select sn0.service_id from service_need sn0 where sn0.taxonomy_term_id = :need_id"
SOURCE_IDS = "select unnest(cast(:service_ids as uuid[])) as service_id"
SOURCE_ALL = "select s0.id as service_id from service s0"

# Great-circle distance in km, the very arithmetic of earthdistance's
# earth_distance(ll_to_earth(:lat, :lon), ll_to_earth(l.latitude, l.longitude)) (same float8 operations in the same
# order, so bit for bit the same figure; least(.., 1) is its sec_to_gc branch for a chord over the diameter, as
# 2R * asin(1) = pi * R exactly) without its SQL functions and `earth` domain checks: those cost ~14 us a row and
# planning time for inlining them.
_EARTH_M = "6378168.0::float8"  # earthdistance's earth()
_XYZ = (
    f"{_EARTH_M} * cos(radians({{lat}})) * cos(radians({{lon}}))",
    f"{_EARTH_M} * cos(radians({{lat}})) * sin(radians({{lon}}))",
    f"{_EARTH_M} * sin(radians({{lat}}))",
)
_CHORD = "sqrt({})".format(
    " + ".join(
        "(({a}) - ({b}))*(({a}) - ({b}))".format(
            a=c.format(lat="cast(:lat as float8)", lon="cast(:lon as float8)"),
            b=c.format(lat="l.latitude", lon="l.longitude"),
        )
        for c in _XYZ
    )
)
DISTANCE = (
    "case when l.latitude is null then (case when s.online_possible then {online} else {unknown} end) "
    f"else 2 * {_EARTH_M} * asin(least({_CHORD} / (2 * {_EARTH_M}), 1)) / 1000.0 end"
)

# The current figure of the nearest location (waitinfo.waits.rules.current_figure_key, the same order the detail
# page leads with): the newest figure of the need's own diagnosis group (in the need's order), else the newest
# general figure, else the newest and longest group figure (honest rather than flattering). One index range of the
# location (wait_time_one_per_month starts with service_at_location_id) and a top-1 sort: no union, little planning.
_WAIT_COLUMNS = """w.registration_weeks, w.treatment_weeks, w.registration_text, w.treatment_text, w.waiting_count,
         w.method, w.month, w.reference_date, w.intake_within_norm, w.intake_outside_norm, w.import_run_id,
         w.diagnosis_group_id, w.registration_lower_bound, w.treatment_lower_bound"""
# The shared rules are computed inside the lateral (once per candidate: a LIMIT subquery is never pulled up, so
# the CASE expressions are not repeated wherever a later CTE names them); `scored` fills in the verdict of an
# absent figure from the same rules. Placeholders: repository.wait_sql.
WAIT = (
    """
left join lateral (
  select """
    + _WAIT_COLUMNS
    + """,
         {verdict} as w_verdict, {weeks} as w_weeks, {at_least} as w_at_least, {freshness} as w_freshness
  from wait_time w
  where w.service_at_location_id = c.sal_id and c.wait_kind <> 'none'
  order by case when w.diagnosis_group_id is null then 1000
                else coalesce(array_position(cast(:diag_ids as uuid[]), w.diagnosis_group_id), 2000) end,
           w.month desc, {at_least} desc nulls last
  limit 1
) w on true
"""
)
WAIT_TAIL = """left join lateral (
  select st.starts_on, st.ends_on, st.reason from intake_stop st
  where st.service_id = c.service_id and (st.service_at_location_id is null or st.service_at_location_id = c.sal_id)
    and st.starts_on <= :today and (st.ends_on is null or st.ends_on >= :today)
  order by st.starts_on limit 1
) stop on true
left join group_offer g on g.service_id = c.service_id
"""

SQL = (
    """
with cand as materialized ({candidates}),
scored as (
  select c.*, w.*, stop.starts_on as stop_starts_on, stop.ends_on as stop_ends_on, stop.reason as stop_reason,
         g.places_free, g.places_total, g.ongoing, g.start_date as group_start, {contract} as ceiling_reached,
         -- the shared rules (waitinfo.waits.rules), generated into the lateral above; no figure: its verdict
         coalesce(w.w_verdict, {verdict_absent}) as verdict,
         w.w_weeks as known_weeks,
         w.w_at_least as at_least_weeks,
         coalesce(w.w_freshness, 'none') as freshness,
         (select count(*) from service_need sn where sn.service_id = c.service_id) as n_needs
  from cand c {wait}
),
ranked as (
  select s.*, s.verdict = 'over' as over_norm,
    case when s.stop_starts_on is not null then 2
         when s.wait_kind <> 'none' and (s.verdict = 'unknown' or (s.freshness = 'hidden' and not :include_hidden))
         then 1
         when """
    + WAIT_MISSING_SQL
    + """ then 1
         else 0 end as rank_group,
    -- an incomplete figure ranks after the complete ones of its group (its known part orders it among them)
    case when s.verdict = 'incomplete' then 1 else 0 end as rank_sub,
    ( coalesce(s.distance_km, {unknown}) / {km_per_point}
      + coalesce(s.at_least_weeks, 0) / {weeks_per_point}
      + case when s.verdict = 'over' then {over_penalty} else 0 end
      + case when s.freshness in ('stale', 'hidden') then {stale_penalty} else 0 end
      + least(greatest(s.n_needs - 1, 0) * {broad_penalty}, 2)
      + case when :need_domain in ('ggz', 'social') and s.domain <> :need_domain then {domain_penalty} else 0 end
      + case when :need_domain = 'ggz' and s.kind not in ({care_kinds}) then {kind_penalty} else 0 end
      + case when s.kind = 'group_offer' and s.places_free = 0 and not coalesce(s.ongoing, false)
             then {full_penalty} else 0 end
      + case when """
    + PRACTICE_BOUND_SQL
    + """ then {practice_penalty} else 0 end
    ) as score
  from scored s
),
{tail}"""
)

# The page CTE (counts over every kept row, before LIMIT) and the closing select that joins the names of the
# figure's diagnosis group and import run only for the rows returned; shared by PAGE and PAGE_AND_ALTERNATIVES.
_PAGE_CTE = """page as (
  select {on_page}k.*, count(*) over () as total,
         count(*) filter (where k.wait_kind in ('ggz_basic', 'ggz_specialist') and k.rank_group = 0
                          and k.verdict = 'within') over () as ggz_within,
         count(*) filter (where k.wait_kind in ('ggz_basic', 'ggz_specialist') and k.rank_group = 0
                          and k.verdict = 'over') over () as ggz_over,
         {{left_out}} as left_out_incomplete
  from kept k
  order by k.shown_group, {{sort_k}}k.rank_sub, k.score, k.service_name, k.service_id
  limit :limit offset :offset
)"""
# Names of the figure's diagnosis group and import run, and the range of the location's other diagnosis groups'
# current figures ("andere diagnosegroepen: x-y weken"), only for the rows returned.
_WITH_NAMES = """select p.*, tt.name as diagnosis_name, ir.adapter as run_adapter, ir.source as run_source,
       ir.started_at as run_started_at, og.other_min, og.other_max, og.other_groups
from {rows} p
left join taxonomy_term tt on tt.id = p.diagnosis_group_id
left join import_run ir on ir.id = p.import_run_id
left join lateral (
  select min(o.weeks) as other_min, max(o.weeks) as other_max, count(*) as other_groups from (
    select distinct on (w2.diagnosis_group_id) {weeks_w2} as weeks
    from wait_time w2
    where p.diagnosis_group_id is not null and w2.service_at_location_id = p.sal_id
      and w2.diagnosis_group_id is not null and w2.diagnosis_group_id <> p.diagnosis_group_id
    order by w2.diagnosis_group_id, w2.month desc
  ) o
) og on true
order by {order}p.shown_group, {{sort_p}}p.rank_sub, p.score, p.service_name, p.service_id
"""

_WEEKS_W2 = rules.sql(
    rules.weeks_expr(),
    registration_weeks="w2.registration_weeks",
    treatment_weeks="w2.treatment_weeks",
    wait_kind="p.wait_kind",
)

# One page of results.
PAGE = (
    """
kept as (select r.*, {availability} from ranked r {post_filters}),
"""
    + _PAGE_CTE.format(on_page="")
    + """
-- Names of the figure's diagnosis group and import run only for the rows of the page.
"""
    + _WITH_NAMES.format(rows="page", order="", weeks_w2=_WEEKS_W2)
)

# One page of results and, in the same statement, the best alternatives (as search_sql(alternatives=True)) from
# the same candidates: `in_page` / `in_alternatives` say which of the two filters a candidate passed.
PAGE_AND_ALTERNATIVES = (
    """
kept as (select r.*, {availability} from ranked r where r.in_page {post_filters}),
"""
    + _PAGE_CTE.format(on_page="true as on_page, ")
    + """,
alternatives as (
  select false as on_page, r.*, {availability}, cast(null as bigint) as total,
         cast(null as bigint) as ggz_within, cast(null as bigint) as ggz_over,
         cast(null as bigint) as left_out_incomplete
  from ranked r where r.in_alternatives and r.rank_group = 0 and ({unavailable}) is null
  order by r.rank_group, r.rank_sub, r.score, r.service_name, r.service_id
  limit :alternatives_limit
),
both_parts as (select * from page union all select * from alternatives)
"""
    + _WITH_NAMES.format(rows="both_parts", order="p.on_page desc, ", weeks_w2=_WEEKS_W2)
)

HAS_NEED = "exists (select 1 from service_need sn where sn.service_id = s.id and sn.taxonomy_term_id = :need_id)"
# For repository.page_sql: the need looked up once per service (offset 0 keeps the subquery from being pulled up and the
# lookup repeated in every condition that names it).
NEED_ONCE = f"\ncross join lateral (select {HAS_NEED} as has_need offset 0) nd"
