"""Proposals for held wait rows: the service a held row most likely belongs to (a link confirmed before, the one
service that fits now, or the best of several by the row's diagnosis group or zorgvraagtype; a tie proposes
nothing), shown preselected on the held-rows page, and "Alle voorstellen koppelen" (each through `held.link`, so
every link is stored, audited and remembered)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlmodel import Session

from waitinfo.imports import held
from waitinfo.imports.models import HeldWaitRow
from waitinfo.imports.wait_links import Links


@dataclass(frozen=True)
class Proposal:
    service_id: uuid.UUID
    reason: str  # "Voorgesteld op grond van diagnosegroep Angststoornissen."


def _reason(ground: str) -> str:
    return f"Voorgesteld {ground}." if ground.startswith("op grond") else f"Voorgesteld: {ground}."


def proposals(session: Session, rows: list[HeldWaitRow]) -> dict[uuid.UUID, Proposal]:
    """Held row id -> its proposal, for rows held at a known location (a "nieuwe vestiging?" gets none)."""
    links: dict[uuid.UUID, tuple[Links, dict, set]] = {}
    result: dict[uuid.UUID, Proposal] = {}
    for h in rows:
        if h.location_id is None:
            continue
        if h.organization_id not in links:
            found = Links(session, h.organization_id)
            active = {c.id for candidates in found.at.values() for c in candidates}
            links[h.organization_id] = (found, held.remembered_links(session, h.organization_id), active)
        found, remembered, active = links[h.organization_id]
        demand = h.record.get("demand")
        svc = {"name": h.record.get("service_name"), "wait_kind": h.record.get("wait_kind"), "demand": demand}
        before = held.remembered_link(remembered, h.location_id, h.diagnosis_group_id, demand)
        if before in active:
            result[h.id] = Proposal(before, _reason("eerder zo bevestigd"))
            continue
        match = found.service(h.location_id, svc, h.diagnosis_group_id) or found.propose(
            h.location_id, svc, h.diagnosis_group_id
        )
        if match is not None:
            result[h.id] = Proposal(match[0], _reason(match[1]))
    return result


def link_proposals(session: Session, rows: list[HeldWaitRow], *, actor: str) -> tuple[int, int]:
    """Link every row that has a proposal to it (through `held.link`). Two rows that would land on one service,
    diagnosis group and month stay held (the first is linked). Returns (linked, left held)."""
    proposed = proposals(session, rows)
    taken: set[tuple] = set()
    linked = skipped = 0
    for h in rows:
        proposal = proposed.get(h.id)
        if proposal is None:
            continue
        slot = (proposal.service_id, h.location_id, h.diagnosis_group_id, h.month)
        if slot in taken:
            skipped += 1
            continue
        try:
            held.link(session, h, h.location_id, proposal.service_id, actor=actor)
        except held.LinkError:
            skipped += 1
            continue
        taken.add(slot)
        linked += 1
    return linked, skipped
