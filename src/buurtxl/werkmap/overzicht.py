"""The Begroting's print overview: the pages an officer hands to the alderman.

The Begroting is a working table of some twenty columns; printed page by page it gave pages of
fragments. This block is made to be printed instead: per buurt the basissubsidie, toeslag,
supplement, total and statuses, then the budget block (§8) and the counts of §3.1, with the chart on
a page of its own below it. Every cell refers to the table or the budget block on the same sheet: no
rule of its own. It stands below and to the right of everything else, in columns and rows of its
own, so its widths and heights are chosen for paper; the sheet's print area is this block.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from . import stijl

# (key of the Begroting table column, header, style, width). Widths hold the longest status
# ("nog niet volledig besteed") and amount (€ 175.500,00) on one line; a buurt name wraps.
KOLOMMEN = (
    ("buurt", "Buurt", "bx tekst", 30),
    ("basissubsidie", "Basissubsidie", "bx euro", 15),
    ("toeslag_communicatie", "Toeslag communicatie", "bx euro", 14),
    ("toeslag_status", "Status toeslag", "bx tekst", 28),
    ("supplement_kwetsbaar", "Supplement kwetsbaar", "bx euro", 14),
    ("supplement_status", "Status supplement", "bx tekst", 19),
    ("totaal", "Totaal", "bx euro totaal", 15),
)
BREEDTE = sum(k[3] for k in KOLOMMEN)
LABEL_KOLOMMEN = 4  # a budget line's label spans the first four columns, its value the next two
# Rows on one landscape page at 90% (A4 less the margins of `pagina`, 15 pt a row), with a margin.
RIJEN_PER_PAGINA = 36


def schrijf(
    ws: Worksheet,
    *,
    eerste_kolom: int,
    eerste_rij: int,
    titel: str,
    buurten: Sequence[str],
    tabel: dict[str, str],
    tabel_rijen: tuple[int, int],
    regels: Sequence[tuple[str, str, str]],
    noten: Sequence[str],
    afwijking: str | None,
    let_op: str | None = None,
) -> tuple[int, int, int]:
    """Write the overview with its top-left cell at (`eerste_rij`, `eerste_kolom`).

    `tabel` maps a key of `KOLOMMEN` to its column letter in the Begroting table, whose buurt rows
    are `tabel_rijen` (first, last); `buurten` are the names (for the row heights); `regels` the
    budget lines (label, cell, style); `noten` one-line notes under them. Returns (first row, last
    row, the row where the chart may start) of the block.
    """
    kol = {key: eerste_kolom + i for i, (key, *_) in enumerate(KOLOMMEN)}
    for i, (*_, breedte) in enumerate(KOLOMMEN):
        ws.column_dimensions[get_column_letter(eerste_kolom + i)].width = breedte
    laatste_kolom = eerste_kolom + len(KOLOMMEN) - 1

    def over_de_breedte(rij: int, tekst: str, stijlnaam: str, *, formule: bool = False) -> None:
        cel = ws.cell(rij, eerste_kolom)
        if formule:
            stijl.schrijf_formule(cel, tekst, stijlnaam)
        else:
            stijl.schrijf_tekst(cel, tekst, stijlnaam)
            stijl.rijhoogte(ws, rij, (tekst, BREEDTE))
        ws.merge_cells(start_row=rij, start_column=eerste_kolom, end_row=rij, end_column=laatste_kolom)
        cel.alignment = Alignment(wrap_text=True, vertical="top")

    rij = eerste_rij
    over_de_breedte(rij, titel, "bx titel")
    ws.row_dimensions[rij].height = max(ws.row_dimensions[rij].height or 0, 20)
    rij += 1
    if afwijking:  # empty unless the Regeling sheet deviates from its starting values
        over_de_breedte(rij, afwijking, "bx label", formule=True)
        rij += 1
    kop = rij
    for key, tekst, _, _ in KOLOMMEN:
        stijl.schrijf_tekst(ws.cell(kop, kol[key]), tekst, "bx kop")
    ws.row_dimensions[kop].height = 32
    eerste, laatste = tabel_rijen
    for i, tabelrij in enumerate(range(eerste, laatste + 1)):
        rij = kop + 1 + i
        for key, _, celstijl, _ in KOLOMMEN:
            bron = f"{tabel[key]}{tabelrij}"
            cel = stijl.schrijf_formule(ws.cell(rij, kol[key]), f'IF({bron}="","",{bron})', celstijl)
            if key.endswith("_status"):  # a space between the amount and its status
                cel.alignment = Alignment(wrap_text=True, vertical="top", indent=1)
        stijl.rijhoogte(ws, rij, (buurten[i], KOLOMMEN[0][3]))
    totaalrij = kop + len(buurten) + 1
    stijl.schrijf_tekst(ws.cell(totaalrij, kol["buurt"]), "Totaal", "bx label")
    for key in ("basissubsidie", "toeslag_communicatie", "supplement_kwetsbaar", "totaal"):
        letter = get_column_letter(kol[key])
        stijl.schrijf_formule(ws.cell(totaalrij, kol[key]), f"SUM({letter}{kop + 1}:{letter}{totaalrij - 1})",
                              "bx euro totaal")

    # The budget block: on the first page when it fits, else on a page of its own.
    budget_kop = totaalrij + 2
    if budget_kop - eerste_rij + len(regels) + len(noten) + 2 > RIJEN_PER_PAGINA:
        ws.row_breaks.append(Break(id=totaalrij))
        budget_kop = totaalrij + 1
    rij = budget_kop
    for label, cel, celstijl in regels:
        if celstijl == "bx kop":  # a heading across the block
            for k in range(eerste_kolom, laatste_kolom + 1):
                stijl.schrijf_tekst(ws.cell(rij, k), None, "bx kop")
            stijl.schrijf_tekst(ws.cell(rij, eerste_kolom), label, "bx kop")
            stijl.schrijf_tekst(ws.cell(rij, eerste_kolom + LABEL_KOLOMMEN), cel, "bx kop")
        else:
            labelstijl = "bx label" if celstijl == "bx status" else "bx tekst"
            stijl.schrijf_tekst(ws.cell(rij, eerste_kolom), label, labelstijl)
            stijl.schrijf_formule(ws.cell(rij, eerste_kolom + LABEL_KOLOMMEN), cel, celstijl)
            stijl.rijhoogte(ws, rij, (label, sum(k[3] for k in KOLOMMEN[:LABEL_KOLOMMEN])))
        ws.merge_cells(start_row=rij, start_column=eerste_kolom, end_row=rij,
                       end_column=eerste_kolom + LABEL_KOLOMMEN - 1)
        ws.merge_cells(start_row=rij, start_column=eerste_kolom + LABEL_KOLOMMEN, end_row=rij,
                       end_column=eerste_kolom + LABEL_KOLOMMEN + 1)
        rij += 1
    for noot in (*noten, *([let_op] if let_op else [])):
        over_de_breedte(rij, noot, "bx uitleg")
        rij += 1
    laatste_rij = rij - 1
    ws.row_breaks.append(Break(id=laatste_rij))  # the chart starts a page of its own
    return eerste_rij, laatste_rij, laatste_rij + 2


def pagina(ws: Worksheet) -> None:
    """The overview's page: landscape A4 at 90% (11 pt prints as 9.9 pt, the issue's floor is 9)
    with narrow top and bottom margins, so 30 buurten, their header and totals fit one page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.scale = 90
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.45, bottom=0.45, header=0.2, footer=0.2)
    ws.print_title_rows = None
