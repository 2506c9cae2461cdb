"""SQL text of the referrer search (the statements are put together in repository.py)."""

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

# The newest figure of the nearest location: the need's diagnosis group first, else the general figure, else the
# longest group figure of that month (honest rather than flattering).
WAIT = """
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

SQL = """
with cand as materialized ({candidates}),
scored as (
  select c.*, w.*, stop.starts_on as stop_starts_on, stop.ends_on as stop_ends_on, stop.reason as stop_reason,
         g.places_free, g.places_total, g.ongoing, g.start_date as group_start, {contract} as ceiling_reached,
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
{tail}"""

# The page CTE (counts over every kept row, before LIMIT) and the closing select that joins the names of the
# figure's diagnosis group and import run only for the rows returned; shared by PAGE and PAGE_AND_ALTERNATIVES.
_PAGE_CTE = """page as (
  select {on_page}k.*, count(*) over () as total,
         count(*) filter (where k.wait_kind in ('ggz_basic', 'ggz_specialist') and k.rank_group = 0
                          and not coalesce(k.over_norm, false)) over () as ggz_within,
         count(*) filter (where k.wait_kind in ('ggz_basic', 'ggz_specialist') and k.rank_group = 0
                          and k.over_norm) over () as ggz_over
  from kept k
  order by k.shown_group, {{sort_k}}k.score, k.service_name, k.service_id
  limit :limit offset :offset
)"""
_WITH_NAMES = """select p.*, tt.name as diagnosis_name, ir.adapter as run_adapter, ir.source as run_source,
       ir.started_at as run_started_at
from {rows} p
left join taxonomy_term tt on tt.id = p.diagnosis_group_id
left join import_run ir on ir.id = p.import_run_id
order by {order}p.shown_group, {{sort_p}}p.score, p.service_name, p.service_id
"""

# One page of results.
PAGE = (
    """
kept as (select r.*, {availability} from ranked r {post_filters}),
"""
    + _PAGE_CTE.format(on_page="")
    + """
-- Names of the figure's diagnosis group and import run only for the rows of the page.
"""
    + _WITH_NAMES.format(rows="page", order="")
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
         cast(null as bigint) as ggz_within, cast(null as bigint) as ggz_over
  from ranked r where r.in_alternatives and r.rank_group = 0 and ({unavailable}) is null
  order by r.rank_group, r.score, r.service_name, r.service_id
  limit :alternatives_limit
),
both_parts as (select * from page union all select * from alternatives)
"""
    + _WITH_NAMES.format(rows="both_parts", order="p.on_page desc, ")
)

HAS_NEED = "exists (select 1 from service_need sn where sn.service_id = s.id and sn.taxonomy_term_id = :need_id)"
# For repository.page_sql: the need looked up once per service (offset 0 keeps the subquery from being pulled up and the
# lookup repeated in every condition that names it).
NEED_ONCE = f"\ncross join lateral (select {HAS_NEED} as has_need offset 0) nd"
