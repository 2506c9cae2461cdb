"""Builders of the acceptance-test wait files (fictional provider GGZ Reggestroom): CSV in several encodings and
separators, and XLSX workbooks with title blocks, merged cells, hidden columns, totals and footnotes."""

import io
from datetime import datetime

BOM = b"\xef\xbb\xbf"


def vektis_comma_bom() -> bytes:
    """NZa/Vektis-style monthly delivery, comma-separated, UTF-8 with BOM, upper-case headers, decimal commas in
    quotes, a totals row and a footnote at the bottom, trailing empty rows."""
    text = (
        "AGB-CODE ONDERNEMING,AGB-CODE VESTIGING,NAAM VESTIGING,PC,HOOFDDIAGNOSEGROEP,AANMELDWACHTTIJD (WEKEN),"
        "WACHTTIJD NA INTAKE (WEKEN),TOTALE WACHTTIJD (WEKEN),# WACHTEND,INSTROOM BINNEN TREEKNORM,"
        "INSTROOM BUITEN TREEKNORM,PEILDATUM\r\n"
        '44440001,44441001,Reggestroom Hengelo,7551 DR,Angststoornissen,"4,5","7,5",12,"1.234",10,2,01-11-2026\r\n'
        "44440001,44441001,Reggestroom Hengelo,7551 DR,Depressieve-stemmingsstoornissen,6,> 26,33,63,8,9,"
        "01-11-2026\r\n"
        "44440001,,Reggestroom Oldenzaal,7571 EA,Angststoornissen,<1,2-4,5,3,1,0,01-11-2026\r\n"
        'Totaal,,,,,"3,7","12,2",,"1.300",19,11,\r\n'
        "* Bron: EPD Reggestroom; wachttijden volgens Treeknorm-definitie,,,,,,,,,,,\r\n"
        ",,,,,,,,,,,\r\n"
        ",,,,,,,,,,,\r\n"
    )
    return BOM + text.encode("utf-8")


def cp1252_days_toelichting() -> bytes:
    """An EPD export in cp1252 with é/ë in names, waits in days, a Toelichting column with ; and quotes, and a
    'Gemiddeld' row at the bottom."""
    text = (
        "Vestiging;Postcode;Huisnummer;Stoornis;Aanmeldwachttijd (dagen);Wachttijd tot behandeling (dagen);"
        "Aantal wachtenden;Peildatum;Toelichting\r\n"
        'Reggestroom Oldenzaal Poortëlaan;7571 EA;3;Angst;21;42;7;1 dec 2026;"Inclusief ""spoed""; excl. '
        'crisis"\r\n'
        'Reggestroom Hengelo;7551 DR;5;Stemmingsstoornissen;14;n.v.t.;12;1 dec 2026;"Cliënten met; café-'
        'overleg"\r\n'
        "Gemiddeld;;;;17,5;42;9,5;;\r\n"
    )
    return text.encode("cp1252")


def tab_weeks_words() -> bytes:
    """Tab-separated practice export with 'wk' and 'weken' in cells, month names, echelon and zorgvraagtypering."""
    rows = [
        ["Praktijk", "pc", "Echelon", "Zorgvraagtypering", "Aanmeldwachttijd", "Behandelwachttijd", "Maand"],
        ["Praktijk Zuidkamp", "7522 ZK", "basis-ggz", "ZVT 3", "3 wk", "5 weken", "oktober 2026"],
        ["Praktijk Zuidkamp", "7522 ZK", "POH-ggz", "", "1 week", "n.v.t.", "oktober 2026"],
        ["Praktijk Zuidkamp", "7522 ZK", "specialistische ggz", "Zorgvraagtype 11", "8 wkn", "> 26", "okt-26"],
        [],
        [],
    ]
    return "\r\n".join("\t".join(r) for r in rows).encode("utf-8") + b"\r\n"


def xlsx_title_merged_hidden() -> bytes:
    """EPD workbook: merged title block, a hidden column, an empty column, headers with line breaks and non-breaking
    spaces, Excel date cells and serials, a totals row and a footnote."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Wachttijden"
    ws.append(["Wachttijdenrapportage GGZ Reggestroom (fictief)"])
    ws.merge_cells("A1:H1")
    ws.append(["Periode: november 2026", None, None, "Gegenereerd:", datetime(2026, 12, 2, 9, 15)])
    ws.merge_cells("A2:C2")
    ws.append([])
    ws.append(
        [
            "AGB-code\u00a0vestiging",
            "Intern ID",
            "Locatie",
            None,
            "Hoofd-\ndiagnosegroep",
            "Aanmeld-\nwachttijd\n(weken)",
            "Behandel\u00a0wachttijd (weken)",
            "Peildatum",
            "Meetmethode",
        ]
    )
    ws.column_dimensions["B"].hidden = True
    ws.append([44441001, "X-991", "Reggestroom Hengelo", None, "PTSS", 3, 9, datetime(2026, 11, 15), "actueel"])
    ws.append([44441001, "X-992", "Reggestroom Hengelo", None, "Angststoornissen", 4, 8, 46341, "actueel"])
    ws.append([None, "X-993", "Reggestroom Oldenzaal", None, "Angst", "2,5", "6", "15-11-2026", "gerealiseerd"])
    ws.append(["Totaal", None, None, None, None, 3.2, 7.7, None, None])
    ws.append(["¹ Wachttijd in weken, afgerond op halve weken."])
    ws.append([])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_catch_up_dates() -> bytes:
    """Three-month catch-up workbook: month as date cells (first of month), an Excel serial and text; duplicate
    header names; a formula-injection name."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        [
            "Maand",
            "Vestiging",
            "Diagnosegroep",
            "Aanmeldwachttijd",
            "Behandelwachttijd",
            "Aantal wachtenden",
            "Opmerking",
            "Opmerking",
        ]
    )
    ws.append([datetime(2026, 8, 1), "Reggestroom Hengelo", "Angststoornissen", 2, 4, 10, "", ""])
    ws.append([46266, "Reggestroom Hengelo", "Angststoornissen", 3, 5, 11, "serial", ""])
    ws.append(["okt-26", "Reggestroom Hengelo", "Angststoornissen", 3, 6, 12, "", "x"])
    ws.append(["okt-26", '=HYPERLINK("http://voorbeeld.invalid","klik")', "Angststoornissen", 3, 6, 12, "", ""])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def agb_only_numbers() -> bytes:
    """AGB-only file from a spreadsheet: codes as numbers without leading zero, no names."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["AGB-code onderneming", "AGB-code vestiging", "Aanmeldwachttijd", "Wachttijd tot behandeling", "maand"])
    ws.append([4440002, 4441002, 5, 9, "dec-26"])
    ws.append([4440002, 4441003, 5, 9, "dec-26"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def latin1_dsm_groups() -> bytes:
    """Latin-1 semicolon file with DSM-5 and DSM-IV group names as Vektis writes them, 'wijze van meten', periode."""
    text = (
        "Vestiging;Hoofddiagnosegroep;Aanmeldwachttijd;Behandelwachttijd;Wijze van meten;Periode\r\n"
        "Reggestroom Hengelo;Aan middelen gebonden stoornissen;2;3;gerealiseerd;okt-26\r\n"
        "Reggestroom Hengelo;Delirium, dementie en andere cognitieve stoornissen;2;3;gerealiseerd;okt-26\r\n"
        "Reggestroom Hengelo;Diagnose nog niet gesteld;1;2;gerealiseerd;okt-26\r\n"
        "Reggestroom Hengelo;Bipolaire-stemmingsstoornissen en verwante stoornissen;4;5;gerealiseerd;okt-26\r\n"
        "Reggestroom Hengelo;Schizofrénie;2;3;gerealiseerd;okt-26\r\n"
        "Reggestroom Hengelo;5. Angststoornissen;3;4;gerealiseerd;okt-26\r\n"
        "Reggestroom Hengelo;Depressieve-stemmingsstoornissen;6;7;gerealiseerd;okt-26\r\n"
        "Reggestroom Hengelo;Totaal;3;4;gerealiseerd;okt-26\r\n"
        "Reggestroom Hengelo;Angst- en dwangstoornissen;3;4;gerealiseerd;okt-26\r\n"
    )
    return text.encode("latin-1")


def upper_dates_bad_rows() -> bytes:
    """Semicolon file with upper-case headers, '01-12-26' dates, bad rows (negative, text, unknown group)."""
    text = (
        "VESTIGING;HOOFDDIAGNOSEGROEP;AANMELDWACHTTIJD (WK);BEHANDELWACHTTIJD (WK);PEILDATUM\r\n"
        "Reggestroom Hengelo;Angststoornissen;3;5;01-12-26\r\n"
        "Reggestroom Hengelo;Angststoornissen;-2;5;02-12-26\r\n"
        "Reggestroom Oldenzaal;Angststoornissen;drie;5;01-12-26\r\n"
        "Reggestroom Oldenzaal;Hoofdpijn;3;5;01-12-26\r\n"
        "Reggestroom Oldenzaal;Angststoornissen;3;5;31-02-2026\r\n"
    )
    return text.encode("utf-8")


def csv_formula_and_duplicates() -> bytes:
    """Semicolon CSV: a formula-injection name, two 'Aanmeldwachttijd' columns (this month and last), 'Totale
    wachttijd' in days, instroom columns, 'n.v.t.' and a line break inside a quoted header."""
    text = (
        'Vestiging;Diagnosegroep;Aanmeldwachttijd;Aanmeldwachttijd;"Behandelwachttijd\n(weken)";Maand\r\n'
        "Reggestroom Hengelo;Angst;4;9;6;nov-26\r\n"
        '"=HYPERLINK(""http://voorbeeld.invalid"",""klik"")";Angst;4;9;6;nov-26\r\n'
        "@SUM(A1:A2);Angst;4;9;6;nov-26\r\n"
    )
    return text.encode("utf-8")
