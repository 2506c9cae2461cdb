"""The search query: one ranked SQL statement (PostgreSQL) for a page and, in the same statement where they share
their candidates, the alternatives beyond ggz (else a second statement when they are shown).

`search_sql(query)` / `page_sql(query)` return a statement and its parameters, so it can be run bare (EXPLAIN
ANALYZE, benchmarks); `search(session, params)` resolves the parameters and returns a SearchPage (with the
statements it ran in `page.sql`). The SQL text itself is in sql.py.
"""

import time
from datetime import datetime
from functools import lru_cache
from math import ceil

from sqlalchemy import text
from sqlmodel import Session

from waitinfo.search import availability as fit
from waitinfo.search import service as rules
from waitinfo.search import sql as sql_text
from waitinfo.search.driver import execute as _execute
from waitinfo.search.rows import result_of as _result
from waitinfo.search.rows import wait_of as _wait
from waitinfo.search.schemas import ResolvedQuery, SearchPage, SearchParams, SearchResult
from waitinfo.waits import rules as figure_rules


def _filters(q: ResolvedQuery, alternatives: bool = False, while_waiting: bool = False) -> tuple[list[str], dict]:
    p = q.params
    where, bind = [], {}
    if q.need_id is not None:
        need = sql_text.HAS_NEED
        # Support points are open to anyone whatever the need; they count as alternatives for every need.
        where.append(f"({need} or s.kind = 'support_point')" if alternatives else need)
        bind["need_id"] = q.need_id
    if p.leeftijd is not None:  # also for alternatives: a teenager gets no adult-only offer anywhere
        where.append(fit.AGE_SQL)
        bind["age"] = p.leeftijd
    if q.origin is not None and q.origin.municipality_code:
        # Beyond the candidate source (see sql.SOURCE_PLACE): the bounding box is a square, the circle is exact.
        bind["muni"] = q.origin.municipality_code
    if q.service_ids is not None:
        bind["service_ids"] = list(q.service_ids)
    if alternatives:
        kinds = ", ".join(f"'{k}'" for k in rules.ALTERNATIVE_KINDS)
        where.append(
            "s.suitable_while_waiting"
            if while_waiting
            else f"(s.domain = 'social' or s.kind in ({kinds}) or s.suitable_while_waiting)"
        )
        where.append(
            "not exists (select 1 from group_offer go where go.service_id = s.id "
            "and coalesce(go.places_free, 0) = 0 and not go.ongoing)"
        )
        return where, bind
    if q.domain:
        where.append("s.domain = :domain")
        bind["domain"] = q.domain
    if p.niveau:
        where.append(f"({fit.LEVEL_SQL}) = any(cast(:levels as text[]))")
        bind["levels"] = list(p.niveau)
    if p.soort:
        where.append(fit.offer_kind_sql(list(p.soort)))
    if p.naam:
        where.append("(s.name ilike :name escape '\\' or o.name ilike :name escape '\\')")
        bind["name"] = "%" + p.naam.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
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
        where.append(
            "(s.cost <> 'insured' or exists (select 1 from insurer_contract ic where "
            "ic.organization_id = o.id and ic.insurer_id = :insurer_id and ic.year = :year))"
        )
        bind.update(insurer_id=q.insurer_id, year=q.today.year)
    return where, bind


def _source(q: ResolvedQuery, alternatives: bool, bind: dict) -> tuple[str, bool]:
    """Where the candidates come from, and whether distances can be measured (an origin with coordinates)."""
    has_origin = q.origin is not None and q.origin.latitude is not None
    if q.service_ids is not None:
        return sql_text.SOURCE_IDS, has_origin
    if has_origin and q.origin.municipality_code:
        bind.update(rules.bounding_box(q.origin.latitude, q.origin.longitude, rules.NEARBY_KM))
        return sql_text.SOURCE_PLACE, has_origin
    if q.need_id is not None and not alternatives:
        return sql_text.SOURCE_NEED, has_origin
    return sql_text.SOURCE_ALL, has_origin


# The total-wait filter ("Hoogstens wachten"): a figure passes on its total; an incomplete figure (a part
# unknown) has no total and never passes, unless asked for (then on its known part); how many were left out for
# that reason is counted (left_out_incomplete).
_INCOMPLETE_FITS = "r.rank_group = 0 and r.verdict = 'incomplete' and r.at_least_weeks <= :max_wait"


def _post_filters(q: ResolvedQuery, bind: dict) -> list[str]:
    if q.params.max_wacht is None:
        return []
    bind["max_wait"] = q.params.max_wacht
    incomplete = f" or ({_INCOMPLETE_FITS})" if q.params.ook_onvolledig else ""
    return [
        f"((r.wait_kind = 'none' and r.kind <> 'group_offer') or (r.rank_group = 0 and ({fit.WAIT_WEEKS_SQL}) <= :max_wait)"
        f"{incomplete})"
    ]


def _left_out(q: ResolvedQuery, combined: bool) -> str:
    if q.params.max_wacht is None or q.params.ook_onvolledig:
        return "cast(0 as bigint)"
    return f"(select count(*) from ranked r where {_INCOMPLETE_FITS}{' and r.in_page' if combined else ''})"


SORTS = {
    "passend": "",
    "wachttijd": "{a}.wait_weeks asc nulls last, ",
    "afstand": "{a}.distance_km asc nulls last, ",
}
AVAILABILITY_COLUMNS = (
    f"{fit.SHOWN_GROUP_SQL} as shown_group, {fit.UNAVAILABLE_SQL} as unavailable, {fit.WAIT_WEEKS_SQL} as wait_weeks"
)


def _tail(template: str, q: ResolvedQuery, post_filters: str, left_out: str = "cast(0 as bigint)") -> str:
    sort = SORTS.get(q.params.sorteer, "")
    return template.format(
        post_filters=post_filters,
        availability=AVAILABILITY_COLUMNS,
        unavailable=fit.UNAVAILABLE_SQL,
        sort_k=sort.format(a="k"),
        sort_p=sort.format(a="p"),
        left_out=left_out,
    )


@lru_cache(maxsize=8)
def _rule_sql(poh: float, social: float) -> dict:
    """The wait lateral with the shared rules generated into it, and the verdict of an absent figure (keyed by
    the reference values, the only settings the rules read)."""
    cols = dict(registration_weeks="w.registration_weeks", treatment_weeks="w.treatment_weeks", wait_kind="c.wait_kind")
    absent = dict(registration_weeks="null::numeric", treatment_weeks="null::numeric", wait_kind="c.wait_kind")
    wait = sql_text.WAIT.format(
        verdict=figure_rules.sql(figure_rules.verdict_expr(), **cols),
        weeks=figure_rules.sql(figure_rules.weeks_expr(), **cols),
        at_least=figure_rules.sql(figure_rules.at_least_weeks_expr(), **cols),
        freshness=figure_rules.sql(figure_rules.FRESHNESS, month="w.month"),
    )
    return {
        "wait": wait + sql_text.WAIT_TAIL,
        "verdict_absent": figure_rules.sql(figure_rules.verdict_expr(), **absent),
    }


def _statement(
    q: ResolvedQuery,
    source: str,
    has_origin: bool,
    where: str,
    flags: str,
    tail: str,
    bind: dict,
    limit: int | None,
    offset: int | None,
    joins: str = "",
) -> tuple[str, dict]:
    distance = (
        "cast(null as float8)"
        if not has_origin
        else sql_text.DISTANCE.format(online=rules.ONLINE_DISTANCE_KM, unknown=rules.UNKNOWN_DISTANCE_KM)
    )
    contract = (
        (
            "(select ic.ceiling_reached from insurer_contract ic where ic.organization_id = c.organization_id "
            "and ic.insurer_id = :insurer_id and ic.year = :year)"
        )
        if q.insurer_id is not None
        else "cast(null as boolean)"
    )
    if q.insurer_id is not None:  # the contract column, also for alternatives (which do not filter on it)
        bind.update(insurer_id=q.insurer_id, year=q.today.year)
    sql = sql_text.SQL.format(
        candidates=sql_text.CANDIDATES.format(
            distance=distance, source=source, filters=where, flags=flags, joins=joins, level=fit.LEVEL_SQL
        ),
        contract=contract,
        tail=tail,
        **_rule_sql(*figure_rules.reference_values()),
        unknown=rules.UNKNOWN_DISTANCE_KM,
        km_per_point=rules.KM_PER_POINT,
        weeks_per_point=rules.WEEKS_PER_POINT,
        over_penalty=rules.OVER_NORM_PENALTY,
        stale_penalty=rules.STALE_PENALTY,
        broad_penalty=rules.BROAD_OFFER_PENALTY,
        domain_penalty=rules.DOMAIN_MISMATCH_PENALTY,
        kind_penalty=rules.KIND_MISMATCH_PENALTY,
        full_penalty=rules.FULL_GROUP_PENALTY,
        practice_penalty=rules.PRACTICE_BOUND_PENALTY,
        care_kinds=", ".join(f"'{k}'" for k in rules.GGZ_CARE_KINDS),
    )
    bind.update(
        diag_ids=list(q.diagnosis_ids),
        today=q.today,
        **figure_rules.cycle(q.today).params,
        include_hidden=q.params.ook_verouderd,
        need_domain=q.need_usual_domain or "",
        limit=limit if limit is not None else q.page_size,
        offset=offset if offset is not None else (q.page - 1) * q.page_size,
    )
    if has_origin:
        bind.update(lat=q.origin.latitude, lon=q.origin.longitude)
    return sql, bind


def search_sql(
    q: ResolvedQuery,
    *,
    alternatives: bool = False,
    while_waiting: bool = False,
    limit: int | None = None,
    offset: int | None = None,
) -> tuple[str, dict]:
    """The core statement and its bind parameters (run it bare for EXPLAIN ANALYZE).

    alternatives=True: offer beyond ggz (social domain, support points, group offers with free places and offer
    suitable while waiting) for the need and municipality; while_waiting=True narrows that to overbrugging.
    """
    alternatives = alternatives or while_waiting
    where, bind = _filters(q, alternatives, while_waiting)
    source, has_origin = _source(q, alternatives, bind)
    post = ["r.rank_group = 0", f"({fit.UNAVAILABLE_SQL}) is null"] if alternatives else _post_filters(q, bind)
    tail = _tail(
        sql_text.PAGE,
        q,
        ("where " + " and ".join(post)) if post else "",
        "cast(0 as bigint)" if alternatives else _left_out(q, False),
    )
    return _statement(q, source, has_origin, "".join(f"\n  and {w}" for w in where), "", tail, bind, limit, offset)


def page_sql(q: ResolvedQuery) -> tuple[str, dict] | None:
    """One statement for a page of results plus the alternatives (rows with on_page false, at most
    4 * ALTERNATIVES_SHOWN), or None when the two cannot share their candidates: only when both start from the
    municipality (same source) and every filter is per service (the nearest location is then the same)."""
    if q.service_ids is not None or q.open_day or q.domain == "social":
        return None
    where, bind = _filters(q)
    alt_where, alt_bind = _filters(q, alternatives=True)
    source, has_origin = _source(q, False, bind)
    if source != sql_text.SOURCE_PLACE or _source(q, True, {})[0] != sql_text.SOURCE_PLACE:
        return None
    bind.update(alt_bind, alternatives_limit=4 * rules.ALTERNATIVES_SHOWN)
    in_page, in_alt = " and ".join(where) or "true", " and ".join(alt_where)
    joins = ""
    if q.need_id is not None:
        in_page = in_page.replace(sql_text.HAS_NEED, "nd.has_need")
        in_alt = in_alt.replace(sql_text.HAS_NEED, "nd.has_need")
        joins = sql_text.NEED_ONCE
    post = _post_filters(q, bind)
    tail = _tail(sql_text.PAGE_AND_ALTERNATIVES, q, "".join(f" and {p}" for p in post), _left_out(q, True))
    return _statement(
        q,
        source,
        has_origin,
        f"\n  and (({in_page}) or ({in_alt}))",
        f",\n  ({in_page}) as in_page, ({in_alt}) as in_alternatives",
        tail,
        bind,
        None,
        None,
        joins,
    )


def explain(session: Session, q: ResolvedQuery, analyze: bool = True) -> str:
    """The plan of the statement a search page runs first (page_sql where it applies)."""
    sql, bind = page_sql(q) or search_sql(q)
    rows = session.execute(text(f"explain ({'analyze, buffers' if analyze else 'costs'}) {sql}"), bind).all()
    return "\n".join(r[0] for r in rows)


def run(session: Session, q: ResolvedQuery, **kw) -> tuple[list[SearchResult], dict]:
    sql, bind = search_sql(q, **kw)
    return _results(_execute(session, sql, bind), q)


def _results(rows: list[dict], q: ResolvedQuery) -> tuple[list[SearchResult], dict]:
    counts = {"total": 0, "ggz_within": 0, "ggz_over": 0, "left_out_incomplete": 0}
    if rows:
        counts = {k: int(rows[0][k]) for k in counts}
    return [_result(r, q) for r in rows], counts


def _page_and_alternatives(session: Session, q: ResolvedQuery, page_sql_bind: tuple[str, dict]) -> tuple:
    """The page's results and counts, and the alternatives' rows (made into results only when shown)."""
    rows = _execute(session, *page_sql_bind)
    results, counts = _results([r for r in rows if r["on_page"]], q)
    return results, counts, [r for r in rows if not r["on_page"]]


def _first_statement(session: Session, q: ResolvedQuery) -> tuple:
    """(statement, results, counts, alternatives' rows or None when they need a statement of their own)."""
    if (combined := page_sql(q)) is not None:
        return combined, *_page_and_alternatives(session, q, combined)
    statement = search_sql(q)
    return statement, *_results(_execute(session, *statement), q), None


def search(session: Session, params: SearchParams, moment: datetime | None = None) -> SearchPage:
    """Resolve the parameters, run the ranked search and, when ggz waits exceed the norm, the alternatives
    (in the same statement when they share their candidates, see page_sql)."""
    started = time.perf_counter()
    q = rules.resolve(session, params, moment)
    statements = 1
    if q.errors:
        return SearchPage(q, [], 0, q.page, 0, statements=statements, elapsed_ms=(time.perf_counter() - started) * 1000)
    statement, results, counts, found = _first_statement(session, q)
    sql = [statement]
    statements += 1
    if not results and q.page > 1 and counts["total"] == 0:
        # Past the last page (shared old link): show the last page instead of nothing.
        q.page = 1
        statement, results, counts, found = _first_statement(session, q)
        sql.append(statement)
        statements += 1
    page = SearchPage(
        q,
        results,
        counts["total"],
        q.page,
        max(1, ceil(counts["total"] / q.page_size)),
        ggz_within=counts["ggz_within"],
        ggz_over=counts["ggz_over"],
        left_out_incomplete=counts["left_out_incomplete"],
    )
    page.show_alternatives = q.domain != "social" and rules.show_alternatives(counts["ggz_within"], counts["ggz_over"])
    if page.show_alternatives:
        rows = {}  # id(result) -> row, for the alternatives whose wait is built once they are shown
        if found is None:
            kw = dict(alternatives=True, limit=4 * rules.ALTERNATIVES_SHOWN, offset=0)
            sql.append(search_sql(q, **kw))
            found, _ = run(session, q, **kw)
            statements += 1
        else:
            # Up to 4 * ALTERNATIVES_SHOWN rows, at most 2 * ALTERNATIVES_SHOWN shown: their waits only.
            results_of = [(_result(row, q, wait=False), row) for row in found]
            rows = {id(r): row for r, row in results_of}
            found = [r for r, _ in results_of]
        on_page = {r.service_id for r in results}
        page.alternatives, page.while_waiting = rules.split_alternatives(
            [r for r in found if r.service_id not in on_page]
        )
        for r in (*page.alternatives, *page.while_waiting):
            if r.wait is None:
                r.wait = _wait(rows[id(r)], q)
    page.statements = statements
    page.sql = sql
    page.elapsed_ms = (time.perf_counter() - started) * 1000
    return page


def shortlist(session: Session, ids: list, params: SearchParams, moment: datetime | None = None) -> SearchPage:
    """The services on a shortlist (in list order) with their current waits, plus help while waiting."""
    q = rules.resolve(session, params, moment)
    q.errors.clear()  # a handout is shown even when a shared link names something we no longer know
    results: list[SearchResult] = []
    if ids:
        need = (q.need_id, q.need_name)
        # What was chosen is shown whatever the filters (the age only narrows the help while waiting below).
        q.need_id, q.service_ids, q.params = None, list(ids), params.model_copy(update={"leeftijd": None})
        results, _ = run(session, q, limit=len(ids), offset=0)
        q.need_id, q.need_name = need
        q.service_ids, q.params = None, params
        order = {sid: i for i, sid in enumerate(ids)}
        results.sort(key=lambda r: order.get(r.service_id, 0))
    waiting, _ = run(session, q, while_waiting=True, limit=4, offset=0)
    on_list = {r.service_id for r in results}
    page = SearchPage(q, results, len(results), 1, 1)
    page.while_waiting = [w for w in waiting if w.service_id not in on_list]
    return page
