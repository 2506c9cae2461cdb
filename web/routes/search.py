"""The referrer search page /zoeken (full page without JS; the results block for HTMX)."""

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from pydantic import ValidationError

from waitinfo.reference import contacts
from waitinfo.search import repository, typed
from waitinfo.search.availability import LEVELS, OFFER_KINDS
from waitinfo.search.schemas import SearchParams
from waitinfo.search.service import municipality_code, needs_and_places
from waitinfo.search.shortlist import COOKIE, parse_consult
from waitinfo.web.deps import SessionDep
from waitinfo.web.templating import is_htmx, render

router = APIRouter(include_in_schema=False)

TRUE = {"1", "on", "true", "ja", "yes"}
FIELDS = (
    "gemeente",
    "postcode",
    "hulpvraag",
    "domein",
    "zonder_verwijzing",
    "gratis",
    "online",
    "max_wacht",
    "nu_open",
    "verzekeraar",
    "ook_verouderd",
    "leeftijd",
    "naam",
    "sorteer",
    "niveau",
    "soort",
    "ook_onvolledig",
    "pagina",
)
MULTI = {"niveau": LEVELS, "soort": OFFER_KINDS}  # checkbox groups: several values, unknown ones dropped
NO_STORE = {"Cache-Control": "no-store", "Vary": "HX-Request, Cookie"}
FLAGS = ("zonder_verwijzing", "gratis", "online", "nu_open", "ook_verouderd", "ook_onvolledig")


def parse_query(query) -> tuple[SearchParams, dict, dict]:
    """Read the query string leniently: keep what was typed, explain in Dutch what could not be used."""
    raw: dict = {k: (query.get(k) or "").strip() for k in FIELDS if k not in MULTI}
    for k, allowed in MULTI.items():
        raw[k] = [v for v in dict.fromkeys(query.getlist(k)) if v in allowed]
    errors: dict[str, str] = {}
    data: dict = {k: raw[k] or None for k in ("gemeente", "postcode", "hulpvraag", "verzekeraar", "naam")}
    data.update(niveau=raw["niveau"], soort=raw["soort"])
    data["sorteer"] = raw["sorteer"] if raw["sorteer"] in ("wachttijd", "afstand") else "passend"
    if raw["leeftijd"]:
        age = typed.age(raw["leeftijd"])
        if age is not None:
            data["leeftijd"] = age
        else:
            errors["leeftijd"] = f"“{raw['leeftijd']}” is geen leeftijd. Vul de leeftijd in jaren in, bijvoorbeeld 15."
    data["domein"] = raw["domein"] if raw["domein"] in ("ggz", "sociaal", "beide") else "beide"
    for k in FLAGS:
        data[k] = raw[k].lower() in TRUE
    if raw["max_wacht"]:
        weeks = typed.weeks(raw["max_wacht"])
        if weeks is not None:
            data["max_wacht"] = weeks
        else:
            errors["max_wacht"] = (
                f"“{raw['max_wacht']}” is geen aantal weken. Vul een getal tussen 0 en 104 in, bijvoorbeeld 6."
            )
    try:
        data["pagina"] = max(1, min(1000, int(raw["pagina"] or 1)))
    except ValueError:
        data["pagina"] = 1
    for k in ("gemeente", "postcode", "hulpvraag", "verzekeraar", "naam"):
        if data[k] and len(data[k]) > 80 + (40 if k == "postcode" else 0):
            errors[k] = "Deze invoer is te lang."
            data[k] = None
    try:
        params = SearchParams(**data)
    except ValidationError:  # pragma: no cover - guarded above
        params = SearchParams()
    return params, errors, raw


def url_query(raw: dict, **changes) -> str:
    """The query string of a search, with changes (None or "" drops a parameter); page 1 is left out."""
    data = {**raw, **changes}
    if data.get("pagina") in ("1", 1):
        data["pagina"] = ""
    if data.get("sorteer") == "passend":
        data["sorteer"] = ""
    pairs = []
    for k in FIELDS:
        value = data.get(k)
        pairs.extend((k, v) for v in value) if isinstance(value, list) else pairs.append((k, value))
    return urlencode([(k, v) for k, v in pairs if v])


RELAX = (
    ("zonder_verwijzing", "Ook aanbod waarvoor een verwijzing nodig is"),
    ("gratis", "Ook aanbod dat niet gratis is"),
    ("online", "Ook aanbod dat niet online kan"),
    ("nu_open", "Ook aanbod dat nu niet open is"),
    ("max_wacht", "Zonder grens aan de wachttijd"),
    ("verzekeraar", "Zonder filter op zorgverzekeraar"),
    ("domein", "In de ggz én het sociaal domein"),
    ("hulpvraag", "Alle hulpvragen"),
    ("niveau", "Alle niveaus van zorg"),
    ("soort", "Alle soorten aanbod"),
    ("naam", "Zonder zoeken op naam"),
)


def relax_links(raw: dict) -> list[tuple[str, str]]:
    """For an empty result: one link per active filter that drops it (what to change, as a link)."""
    links = []
    for key, label in RELAX:
        if raw.get(key) and not (key == "domein" and raw[key] == "beide"):
            links.append((label, "/zoeken?" + url_query(raw, **{key: [] if key in MULTI else "", "pagina": ""})))
    return links


@router.get("/zoeken")
def search_page(request: Request, session: SessionDep):
    params, errors, raw = parse_query(request.query_params)
    choices = needs_and_places(session)
    page = None
    if not errors and (params.has_place or params.hulpvraag or params.naam):
        page = repository.search(session, params)
        errors.update(page.query.errors)
    shortlist = parse_consult(request.cookies.get(COOKIE)).ids
    query_string = url_query(raw)
    ctx = {
        "nav": "zoeken",
        "params": params,
        "raw": raw,
        "errors": errors,
        "page": page,
        "choices": choices,
        "selected_gemeente": municipality_code(session, raw["gemeente"]),
        "shortlist": shortlist,
        "local_contacts": contacts.for_search(session, page.query) if page else {},
        "query_string": query_string,
        "htmx": is_htmx(request),
        "sort_url": lambda value: "/zoeken?" + url_query(raw, sorteer=value, pagina=""),
        "detail_query": urlencode({"terug": "/zoeken?" + query_string}) if query_string else "",
        "page_url": lambda n: "/zoeken?" + url_query(raw, pagina=str(n)),
        "relax": relax_links(raw),
        "incomplete_url": "/zoeken?" + url_query(raw, ook_onvolledig="1", pagina=""),
    }
    # Results show the shortlist (cookie) and the URL serves both the page and its HTMX block: never cache.
    return render(request, "search/search.html", ctx, block="results", headers=NO_STORE)
