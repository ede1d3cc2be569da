"""The Begroting tab: an Excel Table with one row per buurt, a totals row, the §8 budget block
with a coloured status, and a bar chart of the extras per buurt.

With buurt sheets each row reads that sheet's results (and links to it); without them (more than
`MAX_BUURTBLADEN` buurten) each row holds its own input columns and computes inline with the same
formulas (`formules`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from .. import bronnen
from ..model import Aanvraag, BudgetStatus
from ..regeling import COMPONENTEN
from ..velden import AANVRAAGVELDEN, Soort
from . import buurtblad, formules as f, stijl
from .namen import ref
from .validatie import validatie

KOP_RIJ = 4
EERSTE_RIJ = KOP_RIJ + 1
TABELNAAM = "Begrotingstabel"

# (key, header, style, width). Keys name a field of `model.Resultaat` where there is one.
UITKOMSTEN = (
    ("basissubsidie", "Basissubsidie", "bx euro", 15),
    ("toeslag_percentage", "Toeslag %", "bx procent", 10),
    ("toeslag_communicatie", "Toeslag communicatie", "bx euro", 15),
    ("toeslag_status", "Status toeslag", "bx status", 13),
    ("supplement_kwetsbaar", "Supplement kwetsbaar", "bx euro", 15),
    ("supplement_status", "Status supplement", "bx status", 14),
    ("totaal", "Totaal", "bx euro totaal", 15),
)
KOLOMMEN_BLADEN = (
    ("buurt", "Buurt", "bx link", 28),
    ("buurtcode", "Buurtcode", "bx tekst", 13),
    ("huishoudens", "Huishoudens", "bx aantal", 13),
    ("buurtscore", "Buurtscore", "bx score", 12),
    # What the group is (§3.1), read from the buurt sheet; counted in the budget block.
    ("soort_groep", "Soort groep", "bx tekst", 22),
    ("plan_van_aanpak_ingediend", "Plan van aanpak ingediend", "bx status", 12),
    ("buurtplan_ingediend", "Buurtplan ingediend", "bx status", 12),
    ("besteed", "Besteed", "bx euro", 15),
    *UITKOMSTEN,
)
_GROEPSVELDEN = ("soort_groep", "plan_van_aanpak_ingediend", "buurtplan_ingediend")
KOLOMMEN_INLINE = tuple(
    ("invoer:" + v.sleutel, v.begrotingskop, buurtblad.INVOERSTIJL[v.soort], 28 if v.sleutel == "buurt" else 14)
    for v in AANVRAAGVELDEN
) + UITKOMSTEN
_SOM = {"huishoudens", "besteed", "basissubsidie", "toeslag_communicatie", "supplement_kwetsbaar", "totaal"}

# (key = field of model.Begroting, label, style)
BUDGET = (
    ("aantal", "Aantal buurtnetwerken i.o.", "bx aantal"),
    ("totaal_basissubsidie", "Basissubsidie", "bx euro"),
    ("totaal_toeslag", "Toeslag communicatiekosten", "bx euro"),
    ("totaal_supplement", "Supplement kwetsbare buurten", "bx euro"),
    ("totaal_extra", "Extra's (toeslag + supplement)", "bx euro totaal"),
    ("totaal", "Totaal subsidie", "bx euro totaal"),
    ("reservering", f"Gereserveerd voor bijstelling en ondersteuning ({bronnen.BUDGET})", "bx euro"),
    ("raming", f"Raming kosten bijstelling ({bronnen.BUDGET})", "bx euro"),
    ("verschil_raming", "Extra's min raming", "bx euro"),
    ("ruimte_ondersteuning", "Over voor ondersteuning", "bx euro totaal"),
    ("ondersteuning_gepland", f"Gepland voor ondersteuning ({bronnen.BUDGET})", "bx euro"),
    ("status", "Status", "bx status"),
)
_STATUSUITLEG = (
    "Binnen plan: minstens het geplande bedrag blijft over voor ondersteuning.",
    "Krap: minder over voor ondersteuning dan gepland.",
    "Overschreden: de extra's zijn meer dan de reservering.",
)
_STATUSKLEUR = {
    BudgetStatus.BINNEN_PLAN: ("C6EFCE", "006100"),
    BudgetStatus.KRAP: ("FFEB9C", "9C5700"),
    BudgetStatus.OVERSCHREDEN: ("FFC7CE", "9C0006"),
}


def kolommen(met_bladen: bool) -> tuple:
    return KOLOMMEN_BLADEN if met_bladen else KOLOMMEN_INLINE


def kolom_letter(key: str, met_bladen: bool) -> str:
    """The column of `key` in the table: a result where there is one, else the input column."""
    keys = [spec[0] for spec in kolommen(met_bladen)]
    gevonden = key if key in keys else "invoer:" + key
    return get_column_letter(keys.index(gevonden) + 1)


def budget_kolom(met_bladen: bool) -> int:
    """Column (1-based) of the budget block's amounts: right of the table, one column apart."""
    return len(kolommen(met_bladen)) + 3


def budget_rijen() -> dict[str, int]:
    return {key: rij for rij, (key, *_) in enumerate(BUDGET, start=KOP_RIJ + 1)}


def schrijf(
    ws: Worksheet,
    aanvragen: Sequence[Aanvraag],
    bladen: Sequence[str] | None,
    modus: str,
    titel: str,
    tabelnaam: str = TABELNAAM,
) -> None:
    """Write the tab; `bladen` are the buurt sheets' titles in the order of `aanvragen`, or None."""
    met_bladen = bladen is not None
    specs = kolommen(met_bladen)
    letter = {spec[0]: get_column_letter(i) for i, spec in enumerate(specs, start=1)}
    laatste = EERSTE_RIJ + len(aanvragen) - 1
    totaalrij = laatste + 1

    stijl.schrijf_tekst(ws["A1"], titel, "bx titel")
    stijl.schrijf_tekst(
        ws["A2"],
        "Klik op een buurt voor de berekening met toelichting." if met_bladen else
        "Gele kolommen zijn invoer; de andere kolommen rekenen met de parameters op blad Regeling.",
        "bx noot",
    )
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

    bedrag = {k: f"{letter[k]}{EERSTE_RIJ}:{letter[k]}{laatste}" for k in
              ("basissubsidie", "toeslag_communicatie", "supplement_kwetsbaar")}
    _budget(ws, met_bladen, bedrag)
    schrijf_groepen(ws, met_bladen, laatste)
    onderste = totaalrij
    if met_bladen:
        onderste = max(onderste, _grafiek(ws, letter, laatste, len(aanvragen)))

    ws.freeze_panes = ws.cell(EERSTE_RIJ, 2)
    ws.print_title_rows = f"{KOP_RIJ}:{KOP_RIJ}"
    ws.print_area = f"A1:{get_column_letter(budget_kolom(met_bladen))}{onderste}"
    ws.page_setup.orientation = "landscape"


def _tabel(ws: Worksheet, specs: tuple, letter: dict[str, str], laatste: int, tabelnaam: str) -> None:
    """The Excel Table over header, rows and totals row."""
    totaalrij = laatste + 1
    # Totals row as Excel writes it: SUBTOTAL(109) over the column (it follows the table's filter),
    # with the table's name in the reference, which LibreOffice needs too.
    kolommen_tabel = []
    for i, (key, kop, _, _) in enumerate(specs, start=1):
        kolom = TableColumn(id=i, name=kop)
        cel = ws.cell(totaalrij, i)
        if i == 1:
            kolom.totalsRowLabel = "Totaal"
            stijl.schrijf_tekst(cel, "Totaal", "bx label")
        elif key.removeprefix("invoer:") in _SOM and key != "invoer:basissubsidie":
            kolom.totalsRowFunction = "sum"
            stijl.schrijf_formule(cel, f"SUBTOTAL(109,{tabelnaam}[{_kolomnaam(kop)}])",
                          "bx aantal" if key.endswith("huishoudens") else "bx euro totaal")
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

    for kolom, (key, _, celstijl, _) in enumerate(KOLOMMEN_BLADEN, start=1):
        bron = uit(key)
        # An empty optional input stays empty here instead of showing 0.
        leeg_blijft_leeg = ("buurtcode", "buurtscore", "besteed", *_GROEPSVELDEN)
        waarde = f'IF({bron}="","",{bron})' if key in leeg_blijft_leeg else bron
        stijl.schrijf_formule(ws.cell(rij, kolom), waarde, celstijl)
    link = ws.cell(rij, 1)  # the buurt column
    link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{ref(titel, 'A1')}".replace("$", ""))


# Stands for the row number in the formula templates of an inline row (no formula contains NUL).
_RIJ = "\x00"


def _inline_formules(letter: dict[str, str], modus: str) -> list[tuple[int, str, str]]:
    """(column, formula template, style) of an inline row's results, built once per sheet: every
    row has the same formulas, reading its own input cells; only the row number differs."""
    refs = {v.sleutel: f"{letter['invoer:' + v.sleutel]}{_RIJ}" for v in AANVRAAGVELDEN}
    cel = {key: f"{letter[key]}{_RIJ}" for key, *_ in UITKOMSTEN}
    onderdelen = {c: f.onderdeel(refs, c) for c in COMPONENTEN}
    basis, pct = cel["basissubsidie"], cel["toeslag_percentage"]
    formule = {
        "basissubsidie": f.basissubsidie(refs, onderdelen, modus),
        "toeslag_percentage": f.toeslag_percentage(refs, modus),
        "toeslag_status": f.toeslag_status(refs, basis, pct),
        "toeslag_communicatie": f.toeslag(refs, basis, pct, cel["toeslag_status"], modus),
        "supplement_status": f.supplement_status(refs),
        "supplement_kwetsbaar": f.supplement(refs, cel["supplement_status"], modus),
        "totaal": f.totaal(refs, basis, cel["toeslag_communicatie"], cel["supplement_kwetsbaar"], modus),
    }
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


def _budget(ws: Worksheet, met_bladen: bool, bedrag: dict[str, str]) -> None:
    kolom = budget_kolom(met_bladen)
    label, waarde = get_column_letter(kolom - 1), get_column_letter(kolom)
    ws.column_dimensions[label].width = 44
    ws.column_dimensions[waarde].width = 16
    stijl.schrijf_tekst(ws[f"{label}{KOP_RIJ}"], f"Budget ({bronnen.BUDGET})", "bx kop")
    stijl.schrijf_tekst(ws[f"{waarde}{KOP_RIJ}"], "Bedrag", "bx kop")
    rijen = budget_rijen()
    c = {key: f"{waarde}{rij}" for key, rij in rijen.items()}
    formule = {
        "aantal": f"ROWS({bedrag['basissubsidie']})",
        "totaal_basissubsidie": f"SUM({bedrag['basissubsidie']})",
        "totaal_toeslag": f"SUM({bedrag['toeslag_communicatie']})",
        "totaal_supplement": f"SUM({bedrag['supplement_kwetsbaar']})",
        "totaal_extra": f"{c['totaal_toeslag']}+{c['totaal_supplement']}",
        "totaal": f"{c['totaal_basissubsidie']}+{c['totaal_extra']}",
        "reservering": f.p("budget.reservering"),
        "raming": f.p("budget.raming_bijstelling"),
        "verschil_raming": f"{c['totaal_extra']}-{c['raming']}",
        "ruimte_ondersteuning": f"{c['reservering']}-{c['totaal_extra']}",
        "ondersteuning_gepland": f.p("budget.ondersteuning"),
        "status": f.budget_status(c["totaal_extra"], c["ruimte_ondersteuning"]),
    }
    for key, tekst, celstijl in BUDGET:
        stijl.schrijf_tekst(ws[f"{label}{rijen[key]}"], tekst, "bx label" if key == "status" else "bx tekst")
        stijl.schrijf_formule(ws[c[key]], formule[key], celstijl)
    for status, (achter, voor) in _STATUSKLEUR.items():
        ws.conditional_formatting.add(
            c["status"],
            CellIsRule(operator="equal", formula=[f'"{status.value}"'],
                       fill=PatternFill("solid", fgColor=achter, bgColor=achter),
                       font=Font(bold=True, color=voor)),
        )
    # One short line each: a wrapped or merged cell would stretch a row of the table beside it.
    for i, regel in enumerate(_STATUSUITLEG, start=1):
        stijl.schrijf_tekst(ws[f"{label}{rijen['status'] + i}"], regel, "bx noot")


def _grafiek(ws: Worksheet, letter: dict[str, str], laatste: int, aantal: int) -> int:
    grafiek = BarChart()
    grafiek.type = "bar"
    grafiek.grouping = "stacked"
    grafiek.overlap = 100  # stacked bars: the length is the buurt's extra
    grafiek.title = "Toeslag en supplement"
    grafiek.gapWidth = 40
    grafiek.y_axis.title = "Euro"
    grafiek.y_axis.numFmt = "#,##0"
    grafiek.x_axis.delete = False
    grafiek.y_axis.delete = False
    grafiek.x_axis.scaling.orientation = "maxMin"  # first buurt on top, as in the table
    for key in ("toeslag_communicatie", "supplement_kwetsbaar"):
        kolom = ws[f"{letter[key]}{KOP_RIJ}"].column
        data = Reference(ws, min_col=kolom, min_row=KOP_RIJ, max_row=laatste)
        grafiek.add_data(data, titles_from_data=True)
    buurten = Reference(ws, min_col=1, min_row=EERSTE_RIJ, max_row=laatste)
    grafiek.set_categories(buurten)
    grafiek.legend.position = "b"
    grafiek.width = 16  # cm: about the budget block's two columns
    grafiek.height = max(7.5, 0.4 * aantal + 4)
    anker = grafiek_rij()
    ws.add_chart(grafiek, f"{get_column_letter(budget_kolom(True) - 1)}{anker}")
    return anker + math.ceil(grafiek.height / 0.53)  # the last row it covers (rows are 0.53 cm)


# The support budget (issue 14): planned vs. spent, below the status lines when a list is given.
ONDERSTEUNING = (
    ("gepland", f"Ondersteuning gepland ({bronnen.BUDGET})"),
    ("besteed", "Ondersteuning besteed (blad Ondersteuning)"),
    ("over", "Ondersteuning over (gepland − besteed)"),
)


def ondersteuning_rijen() -> dict[str, int]:
    eerste = budget_rijen()["status"] + len(_STATUSUITLEG) + 2
    return {key: rij for rij, (key, _) in enumerate(ONDERSTEUNING, start=eerste)}


def schrijf_ondersteuning(ws: Worksheet, met_bladen: bool, cellen: dict[str, str]) -> None:
    """The support lines of the budget block, read from the Ondersteuning sheet's summary."""
    kolom = budget_kolom(met_bladen)
    label, waarde = get_column_letter(kolom - 1), get_column_letter(kolom)
    for key, tekst in ONDERSTEUNING:
        rij = ondersteuning_rijen()[key]
        stijl.schrijf_tekst(ws[f"{label}{rij}"], tekst, "bx tekst")
        stijl.schrijf_formule(ws[f"{waarde}{rij}"], cellen[key], "bx euro")


# What the 30 buurten are (§3.1): counted from the table's columns.
GROEPEN = (
    ("voormalig", "Voormalige buurtplatforms", "soort_groep", "voormalig buurtplatform"),
    ("nieuw", "Nieuwe bewonersgroepen", "soort_groep", "nieuwe bewonersgroep"),
    ("plan_van_aanpak", "Plan van aanpak ingediend", "plan_van_aanpak_ingediend", "ja"),
    ("buurtplan", "Buurtplan ingediend (vóór 1 november 2018)", "buurtplan_ingediend", "ja"),
)


def groepen_rijen() -> dict[str, int]:
    eerste = max(ondersteuning_rijen().values()) + 2
    return {key: rij for rij, (key, *_) in enumerate(GROEPEN, start=eerste)}


def schrijf_groepen(ws: Worksheet, met_bladen: bool, laatste: int) -> None:
    """The counts of the kinds of group and of what was handed in (§3.1), under the budget block."""
    kolom = budget_kolom(met_bladen)
    label, waarde = get_column_letter(kolom - 1), get_column_letter(kolom)
    for key, tekst, veld, gezocht in GROEPEN:
        rij = groepen_rijen()[key]
        bereik = f"{kolom_letter(veld, met_bladen)}{EERSTE_RIJ}:{kolom_letter(veld, met_bladen)}{laatste}"
        stijl.schrijf_tekst(ws[f"{label}{rij}"], f"{tekst} ({bronnen.STAND_VAN_ZAKEN})", "bx tekst")
        stijl.schrijf_formule(ws[f"{waarde}{rij}"], f'COUNTIF({bereik},"{gezocht}")', "bx aantal")


def grafiek_rij() -> int:
    return max(groepen_rijen().values()) + 2
