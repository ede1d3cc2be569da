"""The Begroting tab written: an Excel Table with one row per buurt, a totals row, the §8 budget block
with a coloured status, and a bar chart of the extras per buurt.

With buurt sheets each row reads that sheet's results (and links to it); without them (more than
`MAX_BUURTBLADEN` buurten) each row holds its own input columns and computes inline with the same
formulas (`formules`). The layout and the budget block beside the table are `begroting`'s.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RichTextProperties
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.table import Table, TableColumn, TableFormula, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ..model import Aanvraag, SupplementStatus, ToeslagStatus
from ..regeling import COMPONENTEN, bronnen
from ..velden import AANVRAAGVELDEN, Soort
from . import buurtblad, formules as f, overzicht, stijl
from .begroting import (
    EERSTE_RIJ,
    GROEPEN,
    HERHAALD,
    KOLOMMEN_BLADEN,
    KOP_RIJ,
    TABELNAAM,
    TELWIJZE,
    UITKOMSTEN,
    _budget,
    _notities,
    budget,
    budget_kolom,
    budget_rijen,
    getoond,
    groepen_rijen,
    kolommen,
    schrijf_groepen,
)
from .namen import ref
from .validatie import validatie

# Result columns a row with a FOUT leaves empty: its amounts stay out of every total.
_GEBLOKT = {"basissubsidie", "toeslag_percentage", "toeslag_communicatie", "toeslag_status",
            "supplement_kwetsbaar", "supplement_status", "totaal", "onzeker"}
_GROEPSVELDEN = ("soort_groep", "plan_van_aanpak_ingediend", "buurtplan_ingediend")
_SOM = {"huishoudens", "besteed", "basissubsidie", "toeslag_communicatie", "supplement_kwetsbaar", "totaal",
        "onzeker"}


def schrijf(
    ws: Worksheet,
    aanvragen: Sequence[Aanvraag],
    bladen: Sequence[str] | None,
    modus: str,
    titel: str,
    tabelnaam: str = TABELNAAM,
    *,
    met_paragraaf_8: bool = True,
    afwijking: str | None = None,
) -> None:
    """Write the tab; `bladen` are the buurt sheets' titles in the order of `aanvragen`, or None.

    `met_paragraaf_8`: the §8 budget block and its status (not for 2017-2018, whose regeling has no
    budget). `afwijking`: a formula that is non-empty text when the Regeling sheet deviates from
    the decision; the header shows it.
    """
    met_bladen = bladen is not None
    specs = kolommen(met_bladen)
    letter = {spec[0]: get_column_letter(i) for i, spec in enumerate(specs, start=1)}
    laatste = EERSTE_RIJ + len(aanvragen) - 1
    totaalrij = laatste + 1

    stijl.schrijf_tekst(ws["A1"], titel, "bx titel")
    uitleg = ("Klik op een buurt voor de berekening met toelichting." if met_bladen else
              "Gele kolommen zijn invoer; de andere kolommen rekenen met de parameters op blad Regeling.")
    if afwijking:
        stijl.schrijf_formule(ws["A2"], f'IF({afwijking}<>"",{afwijking},"{uitleg}")', "bx noot")
        ws.conditional_formatting.add("A2", FormulaRule(formula=[f"{afwijking}<>\"\""],
                                                        font=Font(bold=True, italic=False, color="9C0006")))
    else:
        stijl.schrijf_tekst(ws["A2"], uitleg, "bx noot")
    for kolom, (_, kop, _, breedte) in enumerate(specs, start=1):
        stijl.schrijf_tekst(ws.cell(KOP_RIJ, kolom), kop, "bx kop")
        ws.column_dimensions[get_column_letter(kolom)].width = breedte
    ws.row_dimensions[KOP_RIJ].height = 32

    inline = None if met_bladen else _inline_formules(letter, modus)
    for rij, aanvraag in enumerate(aanvragen, start=EERSTE_RIJ):
        if bladen is not None:
            _rij_uit_blad(ws, rij, bladen[rij - EERSTE_RIJ], letter)
        elif inline is not None:
            _rij_inline(ws, rij, aanvraag, inline)
    _tabel(ws, specs, letter, laatste, tabelnaam)
    if not met_bladen:
        _invoerkolommen(ws, letter, laatste)
    controle = f"{letter['controle']}{EERSTE_RIJ}:{letter['controle']}{laatste}"
    ws.conditional_formatting.add(controle, FormulaRule(
        formula=[f'{letter["controle"]}{EERSTE_RIJ}<>"{f.IN_ORDE}"'], font=Font(bold=True, color="9C0006"),
        fill=PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE")))
    stijl.schrijf_tekst(ws.cell(totaalrij + 1, 1), TELWIJZE, "bx noot")

    bedrag = {k: f"{letter[k]}{EERSTE_RIJ}:{letter[k]}{laatste}" for k in
              ("basissubsidie", "toeslag_communicatie", "supplement_kwetsbaar", "onzeker", "controle")}
    onderste = _budget(ws, met_bladen, bedrag, met_paragraaf_8)
    schrijf_groepen(ws, met_bladen, laatste, met_raming=met_paragraaf_8)
    onderste = max(onderste, totaalrij + 1, *groepen_rijen().values())
    ws.freeze_panes = ws.cell(EERSTE_RIJ, 2)
    if not met_bladen:  # above MAX_BUURTBLADEN: the working table prints, page by page
        _afdrukken(ws, specs, met_bladen, onderste)
        return
    _titelregels(ws, specs)
    # The print surface: an overview made for paper, below and right of everything else, with the
    # chart on a page of its own below it (issue 22). The sheet's print area is this block.
    kolom = budget_kolom(met_bladen) + 2 + (len(_REEKSEN) + 1 if met_paragraaf_8 else 0)
    waarde = get_column_letter(budget_kolom(met_bladen))
    regels = [(f"Budget ({bronnen.BUDGET})" if met_paragraaf_8 else "Totalen", "Bedrag", "bx kop")]
    regels += [(tekst, f"{waarde}{budget_rijen(met_paragraaf_8)[key]}", celstijl)
               for key, tekst, celstijl in budget(met_paragraaf_8)]
    regels += [(f"{tekst} ({sectie})", f'IF({waarde}{groepen_rijen()[key]}="","",{waarde}{groepen_rijen()[key]})',
                "bx aantal")
               for key, tekst, _, _, sectie in GROEPEN if getoond(key, met_paragraaf_8)]
    eerste, laatste_rij, anker = overzicht.schrijf(
        ws, eerste_kolom=kolom, eerste_rij=onderste + 3, titel=str(ws["A1"].value),
        buurten=[a.buurt for a in aanvragen], tabel=letter, tabel_rijen=(EERSTE_RIJ, laatste),
        regels=regels, noten=_notities(met_paragraaf_8), afwijking=afwijking,
        let_op=str(ws["A3"].value) if ws["A3"].value else None,
    )
    if met_paragraaf_8:
        laatste_rij = _grafiek(ws, letter, laatste, len(aanvragen), anker, get_column_letter(kolom))
    rechts = get_column_letter(kolom + len(overzicht.KOLOMMEN) - 1)
    ws.print_area = f"{get_column_letter(kolom)}{eerste}:{rechts}{laatste_rij}"
    ws.page_setup.orientation = "landscape"


def _afdrukken(ws: Worksheet, specs: tuple, met_bladen: bool, onderste: int) -> None:
    """Landscape pages of columns: each page of the table begins with the buurt names (column A,
    then the repeated name columns), and the budget block (labels with their amounts) prints on
    pages of its own. No print-title columns: Excel repeats them on every page, also beside the
    budget block, where they put buurt names next to its amounts."""
    ws.print_title_rows = f"{KOP_RIJ}:{KOP_RIJ}"
    for kolom, (key, *_) in enumerate(specs, start=1):
        if key in HERHAALD:
            ws.col_breaks.append(Break(id=kolom - 1))
    ws.col_breaks.append(Break(id=budget_kolom(met_bladen) - 3))  # the gap column and the budget block
    ws.print_area = f"A1:{get_column_letter(budget_kolom(met_bladen))}{onderste}"
    ws.page_setup.orientation = "landscape"
    # The title rows above the table: wrapped within the first page's width, never running on
    # into the next page of columns (where they printed over each other).
    _titelregels(ws, specs)


def _titelregels(ws: Worksheet, specs: tuple) -> None:
    eerste_pagina = next(i for i, (key, *_) in enumerate(specs, start=1) if key in HERHAALD) - 1
    for rij in (1, 2, 3):
        cel = ws.cell(rij, 1)
        if cel.value is None:
            continue
        ws.merge_cells(start_row=rij, start_column=1, end_row=rij, end_column=eerste_pagina)
        cel.alignment = Alignment(wrap_text=True, vertical="top")
        breedte = sum(spec[3] for spec in specs[:eerste_pagina])
        tekst = str(cel.value) if rij == 3 or not str(cel.value).startswith("=") else ""
        stijl.rijhoogte(ws, rij, (tekst, breedte))


def _tabel(ws: Worksheet, specs: tuple, letter: dict[str, str], laatste: int, tabelnaam: str) -> None:
    """The Excel Table over header, rows and totals row."""
    totaalrij = laatste + 1
    # Totals row: SUM over the column, like the budget block (TELWIJZE), not SUBTOTAL(109): a filter
    # must not change a total that the budget status is judged on. A custom totals formula, with
    # the table's name in the reference, which LibreOffice needs too.
    kolommen_tabel = []
    for i, (key, kop, _, _) in enumerate(specs, start=1):
        kolom = TableColumn(id=i, name=kop)
        cel = ws.cell(totaalrij, i)
        if i == 1 or key in HERHAALD:  # every printed page of the table names its totals row
            kolom.totalsRowLabel = "Totaal"
            stijl.schrijf_tekst(cel, "Totaal", "bx label")
        elif key.removeprefix("invoer:") in _SOM and key != "invoer:basissubsidie":
            som = f"SUM({tabelnaam}[{_kolomnaam(kop)}])"
            kolom.totalsRowFunction = "custom"
            kolom.totalsRowFormula = TableFormula(attr_text=som)
            stijl.schrijf_formule(cel, som, "bx aantal" if key.endswith("huishoudens") else "bx euro totaal")
        kolommen_tabel.append(kolom)
    eind = f"{get_column_letter(len(specs))}"
    tabel = Table(
        displayName=tabelnaam, ref=f"A{KOP_RIJ}:{eind}{totaalrij}", totalsRowCount=1,
        autoFilter=AutoFilter(ref=f"A{KOP_RIJ}:{eind}{laatste}"),
        tableStyleInfo=TableStyleInfo(name="TableStyleMedium2", showRowStripes=True),
    )
    tabel.tableColumns = kolommen_tabel
    ws.add_table(tabel)


def _kolomnaam(kop: str) -> str:
    """A column name inside a structured reference: Excel escapes ' # [ ] with an apostrophe."""
    return "".join("'" + teken if teken in "'#[]" else teken for teken in kop)


def _rij_uit_blad(ws: Worksheet, rij: int, titel: str, letter: dict[str, str]) -> None:
    def uit(key: str) -> str:
        # Results first: "basissubsidie" is both an input (a given total) and a result.
        cel = buurtblad.uitkomstcel(key) if key in buurtblad.UITKOMST_RIJEN else buurtblad.invoercel(key)
        return ref(titel, cel)

    fout = f.is_fout(uit("controle"))
    for kolom, (key, _, celstijl, _) in enumerate(KOLOMMEN_BLADEN, start=1):
        if key in HERHAALD:
            stijl.schrijf_formule(ws.cell(rij, kolom), f"{letter['buurt']}{rij}", celstijl)
            continue
        bron = uit(key)
        # An empty optional input stays empty here instead of showing 0.
        leeg_blijft_leeg = ("buurtcode", "huishoudens", "buurtscore", "besteed", *_GROEPSVELDEN)
        waarde = f'IF({bron}="","",{bron})' if key in leeg_blijft_leeg else bron
        if key == "toeslag_percentage":  # empty where there is no toeslag, never 15% beside € 0
            waarde = f'IF({f.heeft_toeslag(uit("toeslag_status"))},{bron},"")'
        if key in _GEBLOKT:
            waarde = f'IF({fout},"",{waarde})'
        stijl.schrijf_formule(ws.cell(rij, kolom), waarde, celstijl)
    link = ws.cell(rij, 1)  # the buurt column
    link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{ref(titel, 'A1')}".replace("$", ""))


# Stands for the row number in the formula templates of an inline row (no formula contains NUL).
_RIJ = "\x00"


def _inline_formules(letter: dict[str, str], modus: str) -> list[tuple[int, str, str]]:
    """(column, formula template, style) of an inline row's results, built once per sheet: every
    row has the same formulas, reading its own input cells; only the row number differs.

    The verdict (Controle) computes from the inputs alone; every other result is empty when it
    says FOUT, so such a row stays out of the totals."""
    refs = {v.sleutel: f"{letter['invoer:' + v.sleutel]}{_RIJ}" for v in AANVRAAGVELDEN}
    cel = {key: f"{letter[key]}{_RIJ}" for key, *_ in UITKOMSTEN}
    onderdelen = {c: f.onderdeel(refs, c) for c in COMPONENTEN}
    basis, status = cel["basissubsidie"], cel["toeslag_status"]
    pct = f.toeslag_percentage(refs, modus)  # the expression: the column itself may be empty
    formule = {
        "basissubsidie": f.basissubsidie(refs, onderdelen, modus),
        "toeslag_percentage": f'IF({f.heeft_toeslag(status)},{pct},"")',
        "toeslag_status": f.toeslag_status(refs, basis, pct),
        "toeslag_communicatie": f.toeslag(refs, basis, pct, status, modus),
        "supplement_status": f.supplement_status(refs),
        "supplement_kwetsbaar": f.supplement(refs, cel["supplement_status"], modus),
        "totaal": f.totaal(refs, basis, cel["toeslag_communicatie"], cel["supplement_kwetsbaar"], modus),
        "onzeker": f.onzeker(refs, basis),
        "controle": f.controle(refs, f.basissubsidie(refs, onderdelen, modus), onderdelen),
        **dict.fromkeys(HERHAALD, refs["buurt"]),
    }
    fout = f.is_fout(cel["controle"])
    formule = {k: f'IF({fout},"",{v})' if k in _GEBLOKT else v for k, v in formule.items()}
    return [
        (kolom, formule[key], celstijl)
        for kolom, (key, _, celstijl, _) in enumerate(UITKOMSTEN, start=len(AANVRAAGVELDEN) + 1)
    ]


def _invoerkolommen(ws: Worksheet, letter: dict[str, str], laatste: int) -> None:
    """The inline input columns: validation, yellow and unlocked over the table body, also for the
    cells `_rij_inline` leaves out because they are empty."""
    for veld in AANVRAAGVELDEN:
        kolom = letter["invoer:" + veld.sleutel]
        dv = validatie(veld)
        ws.add_data_validation(dv)
        dv.add(f"{kolom}{EERSTE_RIJ}:{kolom}{laatste}")
        stijl.invoerkolom(ws, kolom, buurtblad.INVOERSTIJL[veld.soort])
    # KOLOMMEN_INLINE starts with the inputs: one block from column A.
    stijl.invoerbereik(ws, f"A{EERSTE_RIJ}:{get_column_letter(len(AANVRAAGVELDEN))}{laatste}")
    _op_slot_rond_tabel(ws, laatste)


def _op_slot_rond_tabel(ws: Worksheet, laatste: int) -> None:
    """The input columns' styles unlock whole columns; above the table and in its totals row nobody
    types, so the empty cells there get a (locked) cell style of their own. Below the table they stay
    open: a column style cannot stop at a row."""
    for rij in (*range(1, EERSTE_RIJ), laatste + 1):
        for kolom in range(1, len(AANVRAAGVELDEN) + 1):
            cel = ws.cell(rij, kolom)
            if cel.value is None and not cel.has_style:
                stijl.zet(cel, "bx noot")


def _rij_inline(ws: Worksheet, rij: int, aanvraag: Aanvraag, formules: list[tuple[int, str, str]]) -> None:
    for kolom, veld in enumerate(AANVRAAGVELDEN, start=1):
        waarde = getattr(aanvraag, veld.sleutel)
        if waarde is None:
            continue  # no cell: its column style and the conditional format make it an input cell
        cel = ws.cell(rij, kolom)  # KOLOMMEN_INLINE starts with the inputs, in this order
        invoerstijl = buurtblad.INVOERSTIJL[veld.soort]
        if veld.soort is Soort.TEKST:
            stijl.schrijf_tekst(cel, waarde, invoerstijl)
        else:
            stijl.schrijf_getal(cel, waarde, invoerstijl)
    nummer = str(rij)
    for kolom, sjabloon, celstijl in formules:
        stijl.schrijf_formule(ws.cell(rij, kolom), sjabloon.replace(_RIJ, nummer), celstijl)


# Stacked series of the chart: what is requested, what is potential (besteed unknown), what is
# reserved (no request yet). Nothing is "toegekend": granting is the college's act, not the tool's.
# (title, colour, [(status column, amount column, status), …])
_REEKSEN = (
    ("Aangevraagd", "2E7D32", (("toeslag_status", "toeslag_communicatie", ToeslagStatus.AANGEVRAAGD),
                               ("supplement_status", "supplement_kwetsbaar", SupplementStatus.AANGEVRAAGD))),
    ("Potentieel (toeslag, besteed onbekend)", "F9A825",
     (("toeslag_status", "toeslag_communicatie", ToeslagStatus.POTENTIEEL),)),
    ("Gereserveerd (zonder aanvraag)", "5B9BD5",
     (("toeslag_status", "toeslag_communicatie", ToeslagStatus.GERESERVEERD),
      ("supplement_status", "supplement_kwetsbaar", SupplementStatus.GERESERVEERD))),
)


def _tekstgrootte(honderdste_punt: int) -> RichText:
    """Chart text properties with a fixed size (in hundredths of a point)."""
    letter = CharacterProperties(sz=honderdste_punt)
    alinea = Paragraph(pPr=ParagraphProperties(defRPr=letter), endParaRPr=letter)
    return RichText(bodyPr=RichTextProperties(), p=[alinea])


def _grafiek(ws: Worksheet, letter: dict[str, str], laatste: int, aantal: int, anker: int, plek: str = "A") -> int:
    """Horizontal stacked bars per buurt below the table, every buurt labelled; the three series
    come from helper columns to the right of the print area. Returns the last row it covers."""
    eerste_hulp = budget_kolom(True) + 2
    for i, (titel, _, delen) in enumerate(_REEKSEN):
        kolom = eerste_hulp + i
        stijl.schrijf_tekst(ws.cell(KOP_RIJ, kolom), titel, "bx kop")
        ws.column_dimensions[get_column_letter(kolom)].width = 16
        for rij in range(EERSTE_RIJ, laatste + 1):
            som = "+".join(f'IF({letter[s]}{rij}="{w.value}",{letter[b]}{rij},0)' for s, b, w in delen)
            stijl.schrijf_formule(ws.cell(rij, kolom), som, "bx euro")
    stijl.schrijf_tekst(ws.cell(KOP_RIJ - 1, eerste_hulp), "Gegevens voor de grafiek (niet afgedrukt)", "bx noot")

    grafiek = BarChart()
    grafiek.type = "bar"
    grafiek.grouping = "stacked"
    grafiek.overlap = 100
    grafiek.title = "Toeslag en supplement per buurt"
    grafiek.gapWidth = 40
    grafiek.y_axis.title = "Euro"
    grafiek.y_axis.numFmt = "#,##0"
    grafiek.y_axis.majorGridlines = None
    grafiek.x_axis.delete = False
    grafiek.y_axis.delete = False
    grafiek.x_axis.tickLblSkip = 1  # every buurt gets its label
    grafiek.x_axis.scaling.orientation = "maxMin"  # first buurt on top, as in the table
    for i, (_, kleur, _) in enumerate(_REEKSEN):
        data = Reference(ws, min_col=eerste_hulp + i, min_row=KOP_RIJ, max_row=laatste)
        grafiek.add_data(data, titles_from_data=True)
        grafiek.series[-1].graphicalProperties.solidFill = kleur
        grafiek.series[-1].graphicalProperties.line.solidFill = kleur
    grafiek.set_categories(Reference(ws, min_col=1, min_row=EERSTE_RIJ, max_row=laatste))
    grafiek.legend.position = "b"
    # Text at a fixed 10 pt: left to itself LibreOffice shrinks crowded axis labels below 8 pt.
    for as_ in (grafiek.x_axis, grafiek.y_axis):
        as_.txPr = _tekstgrootte(1000)
    grafiek.legend.txPr = _tekstgrootte(1000)
    # Sized to the number of buurten (0.42 cm a bar: a label of 10 pt each), at least 9 cm so that
    # 3 buurten get bands of their own with their names; up to 30 buurten it fits one landscape A4.
    grafiek.width = 22
    grafiek.height = max(9, 3 + 0.42 * aantal)
    ws.row_breaks.append(Break(id=anker - 1))  # the chart starts a page of its own
    # One row below the break: LibreOffice places the chart a little higher than its anchor row.
    ws.add_chart(grafiek, f"{plek}{anker + 1}")
    return anker + 1 + math.ceil(grafiek.height / 0.53)  # the last row it covers (rows are 0.53 cm)
