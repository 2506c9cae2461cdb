"""A meeting's summary: decisions, actions and matches, as CSV rows and as the mail to the participants."""

from sqlmodel import Session

from waitinfo.accounts import outbox
from waitinfo.core.clock import now
from waitinfo.meetings.service import Agenda

CSV_HEADER = [
    "Soort",
    "Tekst",
    "Uitvoerder (organisatie)",
    "Uiterlijk",
    "Status",
    "Knelpunt",
    "Aanbod",
    "Transfervraag (aantal wachtenden)",
    "Overdrachten afgesproken (aantal)",
    "Uit vergadering van",
]
KIND_LABELS = {"decision": "Besluit", "action": "Actie"}


def _bottleneck_label(a, agenda: Agenda) -> str:
    if not a.bottleneck_key:
        return ""
    found = next((b for b in agenda.bottlenecks if b.key == a.bottleneck_key), None)
    return f"{found.provider}, {found.diagnosis}" if found else a.bottleneck_key.split("|", 1)[-1]


def _offer_label(a, agenda: Agenda) -> str:
    o = next((o for o in agenda.offers if o.id == a.offer_id), None) if a.offer_id else None
    return f"{o.title} ({agenda.organizations.get(o.organization_id, '')})" if o else ""


def _request_label(a, agenda: Agenda) -> str:
    r = next((r for r in agenda.requests if r.id == a.request_id), None) if a.request_id else None
    return f"{r.waiting_count} wachtenden, {agenda.needs.get(r.need_code, r.need_code)}" if r else ""


def action_rows(agenda: Agenda, meeting_dates: dict) -> list[list]:
    """This meeting's decisions and actions, then the carried-over actions with their state today."""
    rows = []
    for a in agenda.actions + agenda.carried:
        status = "gereed" if a.done_on else ("open" if a.kind == "action" else "")
        rows.append(
            [
                KIND_LABELS[a.kind],
                a.text,
                agenda.organizations.get(a.owner_organization_id, "") if a.owner_organization_id else "",
                a.due_on,
                status,
                _bottleneck_label(a, agenda),
                _offer_label(a, agenda),
                _request_label(a, agenda),
                a.transfers_agreed,
                meeting_dates.get(a.meeting_id),
            ]
        )
    return rows


def match_rows(agenda: Agenda) -> list[list]:
    return [
        [
            "Match",
            f"{m.offer.title}: {m.free} vrij voor {m.request.waiting_count} wachtenden "
            f"({agenda.needs.get(m.request.need_code, m.request.need_code)}, {m.request.waiting_weeks} weken)",
            agenda.organizations.get(m.offer.organization_id, ""),
            None,
            "",
            "",
            m.offer.title,
            agenda.organizations.get(m.request.organization_id, ""),
            None,
            agenda.meeting.held_on,
        ]
        for m in agenda.matches
    ]


def mail_body(agenda: Agenda, link: str) -> str:
    """Plain text: the decisions, open actions and matches of the meeting (no client data is ever stored)."""
    m, names = agenda.meeting, agenda.organizations
    lines = [f"Verslag transfertafel {agenda.subregion.name}, {m.held_on:%d-%m-%Y}", ""]
    decisions = [a for a in agenda.actions if a.kind == "decision"]
    actions = [a for a in agenda.actions + agenda.carried if a.kind == "action" and not a.done_on]
    lines.append("Besluiten:")
    lines += [f"- {a.text}" for a in decisions] or ["- geen"]
    lines += ["", "Open acties:"]
    lines += [
        f"- {a.text} (uitvoerder: {names.get(a.owner_organization_id, 'onbekend')}"
        f"{', uiterlijk ' + a.due_on.strftime('%d-%m-%Y') if a.due_on else ''})"
        for a in actions
    ] or ["- geen"]
    lines += ["", "Passend aanbod voor transfervragen:"]
    lines += [
        f"- {x.offer.title} ({names.get(x.offer.organization_id, '')}): {x.free} vrij, voor "
        f"{x.request.waiting_count} wachtenden bij {names.get(x.request.organization_id, '')}"
        for x in agenda.matches
    ] or ["- geen"]
    lines += ["", f"Het volledige verslag: {link}", "", "Dit bericht bevat geen cliëntgegevens."]
    return "\n".join(lines)


def mail(session: Session, agenda: Agenda, participants: list[str], link: str) -> int:
    """Queue the summary for every participant in the outbox; returns how many messages were queued."""
    subject = f"Verslag transfertafel {agenda.subregion.name} {agenda.meeting.held_on:%d-%m-%Y}"
    body = mail_body(agenda, link)
    for address in participants:
        outbox.queue(session, kind="meeting_summary", to=address, subject=subject, body=body)
    agenda.meeting.mailed_at = now()
    session.flush()
    return len(participants)
