"""Coordinator pages (/beheer/contacten): per municipality its youth team / CJG and its huisartsenpost, which the
search page and the handout name for a person under 18 and for a crisis."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse

from waitinfo.accounts.service import actor_of
from waitinfo.reference import contacts
from waitinfo.reference.models import Municipality
from waitinfo.web.auth import Coordinator
from waitinfo.web.csrf import CsrfProtect
from waitinfo.web.deps import FormDep, SessionDep
from waitinfo.web.templating import render

router = APIRouter(dependencies=[CsrfProtect], include_in_schema=False)
NOTICES = {"opgeslagen": "Het contact is opgeslagen.", "verwijderd": "Het contact is verwijderd."}


def _target(session, code: str, slug: str) -> tuple[Municipality, str]:
    municipality = session.get(Municipality, code.upper())
    kind = contacts.KIND_SLUGS.get(slug)
    if municipality is None or kind is None:
        raise HTTPException(404)
    return municipality, kind


def _form(request, municipality, kind, values, errors, status_code=200):
    return render(
        request,
        "admin/contact_form.html",
        {
            "nav": "beheer",
            "municipality": municipality,
            "kind": kind,
            "slug": contacts.SLUG_OF[kind],
            "kind_label": contacts.KIND_LABELS[kind],
            "example": contacts.EXAMPLE_NAMES[kind],
            "values": values,
            "errors": errors,
            "existing": values.get("_existing", False),
        },
        status_code=status_code,
    )


@router.get("/beheer/contacten")
def contacts_page(request: Request, session: SessionDep, user: Coordinator):
    return render(
        request,
        "admin/contacts.html",
        {
            "nav": "beheer",
            "rows": contacts.overview(session),
            "kinds": contacts.SLUG_OF,
            "kind_labels": contacts.KIND_LABELS,
            "notice": NOTICES.get(request.query_params.get("melding", "")),
        },
    )


@router.get("/beheer/contacten/{code}/{slug}")
def contact_page(request: Request, session: SessionDep, user: Coordinator, code: str, slug: str):
    municipality, kind = _target(session, code, slug)
    row = contacts.get(session, municipality.code, kind)
    values = {k: getattr(row, k) or "" for k in contacts.FIELDS} if row else {}
    return _form(request, municipality, kind, {**values, "_existing": row is not None}, {})


@router.post("/beheer/contacten/{code}/{slug}")
def contact_save(request: Request, session: SessionDep, user: Coordinator, form: FormDep, code: str, slug: str):
    municipality, kind = _target(session, code, slug)
    values = {k: str(form.get(k, "")) for k in contacts.FIELDS}
    try:
        contacts.save(session, municipality.code, contacts.ContactIn(kind=kind, **values), actor=actor_of(user))
    except contacts.ContactError as exc:
        existing = contacts.get(session, municipality.code, kind) is not None
        return _form(request, municipality, kind, {**values, "_existing": existing}, exc.errors, status_code=422)
    return RedirectResponse(f"/beheer/contacten?melding=opgeslagen#{municipality.code}", status_code=303)


@router.post("/beheer/contacten/{code}/{slug}/verwijderen")
def contact_remove(session: SessionDep, user: Coordinator, code: str, slug: str):
    municipality, kind = _target(session, code, slug)
    contacts.remove(session, municipality.code, kind, actor=actor_of(user))
    return RedirectResponse(f"/beheer/contacten?melding=verwijderd#{municipality.code}", status_code=303)
