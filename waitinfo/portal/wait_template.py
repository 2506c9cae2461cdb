"""The monthly wait-time template: per provider an XLSX with a row per location x service x diagnosis group
(the groups it reported before; one row for the whole service otherwise), drop-down lists (Excel data validation)
for diagnosis group, service, method and yes/no, and a sheet with the definitions. Its headers are those of the
wait-time file vocabulary, so a filled-in copy uploads through the ordinary import; empty cells change nothing."""

from __future__ import annotations

import io

from sqlalchemy import text
from sqlmodel import Session

from waitinfo.catalogue.models import Organization
from waitinfo.core.export import safe_cell
from waitinfo.imports.vocabulary import FIELD_LABELS, WAIT_ALIASES

COLUMNS = (
    ("location_agb", "AGB-code vestiging"),
    ("location_name", "Vestiging"),
    ("postal_code", "Postcode"),
    ("service_name", "Aanbod"),
    ("diagnosis_group", "Hoofddiagnosegroep"),
    ("registration_weeks", "Aanmeldwachttijd (weken)"),
    ("treatment_weeks", "Behandelwachttijd (weken)"),
    ("waiting_count", "Aantal wachtenden"),
    ("intake_within_norm", "Instroom binnen Treeknorm"),
    ("intake_outside_norm", "Instroom buiten Treeknorm"),
    ("reference_date", "Peildatum"),
    ("method", "Meetmethode"),
    ("intake_stop", "Aanmeldstop"),
)
METHOD_CHOICES = ("gerealiseerd", "actueel")
YES_NO = ("ja", "nee")
DEFINITIONS = {
    "registration_weeks": "Weken van aanmelding tot het intakegesprek (Treeknorm: ten hoogste 4 weken). Een getal "
    "in weken; '<1', '2-4' en '> 26' (meer dan 26 weken) mogen ook. Leeg laten = niet gemeld: het eerder "
    "opgeslagen cijfer blijft staan.",
    "treatment_weeks": "Weken van het intakegesprek tot de start van de behandeling (Treeknorm: ten hoogste 10 "
    "weken). Meet u dit niet, vink dat dan aan bij het uploaden.",
    "waiting_count": "Aantal mensen dat op de peildatum wacht (op intake of behandeling).",
    "intake_within_norm": "Aantal intakes in de laatste twee maanden binnen de Treeknorm.",
    "intake_outside_norm": "Aantal intakes in de laatste twee maanden buiten de Treeknorm.",
    "reference_date": "De datum waarop de cijfers zijn bepaald (dd-mm-jjjj); bepaalt de maand.",
    "method": "gerealiseerd: gemiddelde gerealiseerde wachttijd over de laatste twee maanden; actueel: de derde "
    "vrije plek in de agenda. Leeg: de standaard meetmethode uit uw profiel.",
    "diagnosis_group": "Hoofddiagnosegroep (DSM-5, zoals Vektis sinds 2022); leeg = het cijfer voor het hele aanbod.",
    "location_agb": "AGB-code van de vestiging (8 cijfers); hiermee vinden we de vestiging, ook als de naam anders is.",
    "service_name": "Het aanbod zoals het in uw aanbod staat; een wachttijdbestand maakt nooit nieuw aanbod aan.",
    "intake_stop": "ja: er geldt een aanmeldstop; nee: geen (een lopende stop wordt beëindigd).",
}


def _rows(session: Session, org: Organization) -> list[list]:
    found = session.execute(
        text(
            "select l.agb_code, l.name, l.postal_code, s.name, t.name from service_at_location sal "
            "join location l on l.id = sal.location_id join service s on s.id = sal.service_id "
            "left join lateral (select distinct w.diagnosis_group_id from wait_time w "
            "where w.service_at_location_id = sal.id) g on true "
            "left join taxonomy_term t on t.id = g.diagnosis_group_id "
            "where s.organization_id = :o and s.status = 'active' and s.wait_kind <> 'none' "
            "order by l.name, s.name, t.name nulls first"
        ),
        {"o": org.id},
    ).all()
    return [[agb, loc, pc, svc, group] + [None] * (len(COLUMNS) - 5) for agb, loc, pc, svc, group in found]


def _groups(session: Session) -> list[str]:
    return [
        name
        for (name,) in session.execute(
            text(
                "select t.name from taxonomy_term t join taxonomy x on x.id = t.taxonomy_id "
                "where x.code = 'diagnosis_groups' order by t.name"
            )
        )
    ]


def _services(session: Session, org: Organization) -> list[str]:
    return [
        name
        for (name,) in session.execute(
            text("select name from service where organization_id = :o and status = 'active' order by name"),
            {"o": org.id},
        )
    ]


def add_list(ws, lists, title: str, values: list[str], column: int, first_row: int, last_row: int) -> None:
    """A drop-down on one column of `ws`, its choices in a column of the (hidden) sheet `lists`."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    list_col = get_column_letter(lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value else 1)
    lists[f"{list_col}1"] = title
    for i, value in enumerate(values, start=2):
        lists[f"{list_col}{i}"] = safe_cell(value)
    end = max(2, len(values) + 1)
    dv = DataValidation(
        type="list",
        formula1=f"'{lists.title}'!${list_col}$2:${list_col}${end}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error=f"Kies een waarde uit de lijst ({title}).",
    )
    ws.add_data_validation(dv)
    letter = get_column_letter(column)
    dv.add(f"{letter}{first_row}:{letter}{last_row}")


def workbook(session: Session, org: Organization, extra_rows: int = 200) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Wachttijden"
    ws.append([label for _, label in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    body = _rows(session, org)
    for row in body:
        ws.append([safe_cell(v) if v is not None else None for v in row])
    ws.freeze_panes = "A2"
    last = len(body) + 1 + extra_rows
    lists = wb.create_sheet("Lijsten")
    position = {f: i for i, (f, _) in enumerate(COLUMNS, start=1)}
    add_list(ws, lists, "Hoofddiagnosegroep", _groups(session), position["diagnosis_group"], 2, last)
    add_list(ws, lists, "Aanbod", _services(session, org), position["service_name"], 2, last)
    add_list(ws, lists, "Meetmethode", list(METHOD_CHOICES), position["method"], 2, last)
    add_list(ws, lists, "Ja of nee", list(YES_NO), position["intake_stop"], 2, last)
    lists.sheet_state = "hidden"
    definitions = wb.create_sheet("Definities")
    definitions.append(["Kolom", "Betekenis", "Ook herkend als"])
    for cell in definitions[1]:
        cell.font = Font(bold=True)
    for fieldname, label in COLUMNS:
        definitions.append(
            [label, DEFINITIONS.get(fieldname, FIELD_LABELS[fieldname]), ", ".join(WAIT_ALIASES[fieldname][:4])]
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def with_drop_downs(raw: bytes, columns: dict[str, list[str]]) -> bytes:
    """Add drop-down lists to the first sheet of a workbook: {header text: choices}."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(raw))
    ws = wb.worksheets[0]
    lists = wb.create_sheet("Lijsten")
    headers = [c.value for c in ws[1]]
    last = ws.max_row + 200
    for header, choices in columns.items():
        if header in headers:
            add_list(ws, lists, header, choices, headers.index(header) + 1, 2, last)
    lists.sheet_state = "hidden"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
