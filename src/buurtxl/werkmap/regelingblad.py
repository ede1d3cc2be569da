"""The Regeling sheet: every parameter with value, unit and source, each value a defined name.

The value cells are input cells: a policy officer may change one (what if the drempel were 1,400?)
and the whole workbook recomputes, because every formula reads the parameters by name.
"""

from __future__ import annotations

from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from ..regeling import Regeling, beschikbaar, laad
from . import stijl
from .namen import REGELING_NAAM, parameternaam, ref

KOP_RIJ = 6
NAAM_CEL = "C4"  # the regeling's name, as text: the last argument of every udf
AFWIJKINGEN_CEL = "F4"  # how many values differ from their starting value
AFWIJKINGEN_NAAM = "Regeling_Afwijkingen"
WAARDE_KOLOM = "C"
UITGANGS_KOLOM = "D"  # the value as the parameter file has it: the decision's, or our assumption
BESLUIT_KOLOM = UITGANGS_KOLOM  # the name before issue 22
GEWIJZIGD_KOLOM = "E"
GEWIJZIGD = "gewijzigd"
# (key, header, width). "Uitgangswaarde", not "Volgens besluit": several values are the
# municipality's choice where the decision names none, and the Herkomst column says which.
KOLOMMEN = (
    ("parameter", "Parameter", 30),
    ("naam", "Naam in formules", 32),
    ("waarde", "Waarde", 13),
    ("uitgangswaarde", "Uitgangswaarde", 14),
    ("gewijzigd", "Gewijzigd", 11),
    ("herkomst", "Herkomst", 36),
    ("eenheid", "Eenheid", 12),
    ("omschrijving", "Omschrijving", 50),
    ("geldig_vanaf", "Geldig vanaf", 12),
    ("geldig_tot", "Geldig tot", 12),
    ("bron", "Bron", 70),
)
KOLOM = {key: i for i, (key, *_) in enumerate(KOLOMMEN, start=1)}
_KOPPEN = tuple(k[1] for k in KOLOMMEN)
_BREEDTES = tuple(k[2] for k in KOLOMMEN)
HERKOMST_KOLOM = get_column_letter(KOLOM["herkomst"])
_STIJL_PER_EENHEID = {
    "euro": "bx invoer euro",
    "fractie": "bx invoer procent",
    "huishoudens": "bx invoer aantal",
    "buurtscore": "bx invoer score",
}
_VAST_PER_EENHEID = {"euro": "bx euro", "fractie": "bx procent", "huishoudens": "bx aantal", "buurtscore": "bx score"}


def besluit(regeling: Regeling) -> Regeling:
    """The regeling as the decision has it: the shipped file of the same name (a what-if copy made
    with `met_waarden` keeps its name), else the regeling itself."""
    return laad(regeling.naam) if regeling.naam in beschikbaar() else regeling


def afwijking() -> str:
    """A formula: a Dutch warning when a value on the Regeling sheet differs from its starting
    value (the parameter file's: the decision's or our marked assumption), else ""."""
    return (f'IF({AFWIJKINGEN_NAAM}>0,"Let op: deze werkmap wijkt af van de uitgangswaarden van de regeling: "'
            f'&{AFWIJKINGEN_NAAM}&" parameter(s) gewijzigd op blad Regeling (kolom Gewijzigd).","")')


def schrijf(ws: Worksheet, regeling: Regeling, *, op_slot: bool = False) -> dict[str, str]:
    """Fill `ws`; return the defined names to add (name → reference). `op_slot`: the values are
    not input cells (a buurtnetwerk's own workbook)."""
    origineel = besluit(regeling)
    stijl.schrijf_tekst(ws["A1"], f"Parameters: {regeling.titel}", "bx titel")
    geldig = f"{regeling.geldig_vanaf:%d-%m-%Y} t/m {regeling.geldig_tot:%d-%m-%Y}"
    herkomst = f" ({regeling.geldig_herkomst})" if regeling.geldig_herkomst else ""
    stijl.schrijf_tekst(ws["A2"], f"{regeling.besluit}. Geldig {geldig}{herkomst}.", "bx noot")
    stijl.schrijf_tekst(ws["A3"], f"Bron: {regeling.bron}", "bx link")
    if regeling.bron.startswith("http"):
        ws["A3"].hyperlink = regeling.bron
    stijl.schrijf_tekst(ws["A4"], "Regeling", "bx label")
    stijl.schrijf_tekst(ws[NAAM_CEL], regeling.naam, "bx tekst")
    stijl.schrijf_tekst(ws["E4"], "Afwijkingen", "bx label")
    stijl.schrijf_tekst(
        ws["A5"],
        ("Dit blad is beveiligd. Kolom Herkomst zegt per waarde welke paragraaf van het besluit haar "
         "geeft, of dat het een aanname is: een keuze van de gemeente waar het besluit niets zegt." if op_slot else
         "Gele cellen mag u wijzigen: alle bladen rekenen met deze waarden (via de namen in kolom B). "
         "Kolom Uitgangswaarde houdt de waarde uit het parameterbestand; wijkt de waarde af, dan staat er "
         "'gewijzigd'. Kolom Herkomst zegt welke paragraaf van het besluit de waarde geeft, of dat het een "
         "aanname is: een keuze van de gemeente waar het besluit niets zegt. De Excel-functies van de "
         "invoegtoepassing (formulemodus udf) lezen de regeling zelf en zien wijzigingen niet."),
        "bx uitleg",
    )
    for kolom, (kop, breedte) in enumerate(zip(_KOPPEN, _BREEDTES, strict=True), start=1):
        stijl.schrijf_tekst(ws.cell(KOP_RIJ, kolom), kop, "bx kop")
        ws.column_dimensions[ws.cell(KOP_RIJ, kolom).column_letter].width = breedte
    ws.row_dimensions[KOP_RIJ].height = 30

    namen = {REGELING_NAAM: ref(ws.title, NAAM_CEL), AFWIJKINGEN_NAAM: ref(ws.title, AFWIJKINGEN_CEL)}
    eerste = KOP_RIJ + 1
    for rij, parameter in enumerate(regeling.parameters.values(), start=eerste):
        naam = parameternaam(parameter.naam)
        oorspronkelijk = origineel.parameters.get(parameter.naam, parameter)
        vast = _VAST_PER_EENHEID.get(parameter.eenheid, "bx tekst")
        k = KOLOM
        stijl.schrijf_tekst(ws.cell(rij, k["parameter"]), parameter.naam, "bx tekst")
        stijl.schrijf_tekst(ws.cell(rij, k["naam"]), naam, "bx tekst")
        stijl.schrijf_getal(ws.cell(rij, k["waarde"]), parameter.waarde,
                    vast if op_slot else _STIJL_PER_EENHEID.get(parameter.eenheid, "bx invoer"))
        stijl.schrijf_getal(ws.cell(rij, k["uitgangswaarde"]), oorspronkelijk.waarde, vast)
        gewijzigd = f'IF({WAARDE_KOLOM}{rij}={UITGANGS_KOLOM}{rij},"","{GEWIJZIGD}")'
        stijl.schrijf_formule(ws.cell(rij, k["gewijzigd"]), gewijzigd, "bx status")
        stijl.schrijf_tekst(ws.cell(rij, k["herkomst"]), oorspronkelijk.herkomst,
                            "bx uitleg" if oorspronkelijk.is_aanname else "bx tekst")
        stijl.schrijf_tekst(ws.cell(rij, k["eenheid"]), parameter.eenheid, "bx tekst")
        stijl.schrijf_tekst(ws.cell(rij, k["omschrijving"]), parameter.omschrijving, "bx tekst")
        stijl.schrijf_getal(ws.cell(rij, k["geldig_vanaf"]), parameter.geldig_vanaf, "bx tekst")
        stijl.schrijf_getal(ws.cell(rij, k["geldig_tot"]), parameter.geldig_tot, "bx tekst")
        datums = ("geldig_vanaf", "geldig_tot", *(("waarde", "uitgangswaarde") if parameter.eenheid == "datum" else ()))
        for datum in datums:
            ws.cell(rij, k[datum]).number_format = stijl.DATUM
        stijl.schrijf_tekst(ws.cell(rij, k["bron"]), parameter.bron,
                            "bx uitleg" if parameter.is_aanname else "bx tekst")
        namen[naam] = ref(ws.title, f"{WAARDE_KOLOM}{rij}")
        stijl.rijhoogte(ws, rij, *((tekst, _BREEDTES[k[key] - 1]) for key, tekst in (
            ("omschrijving", parameter.omschrijving), ("bron", parameter.bron), ("herkomst", oorspronkelijk.herkomst))))
    laatste = eerste + len(regeling.parameters) - 1
    gewijzigd = f"{GEWIJZIGD_KOLOM}{eerste}:{GEWIJZIGD_KOLOM}{laatste}"
    stijl.schrijf_formule(ws[AFWIJKINGEN_CEL], f'COUNTIF({gewijzigd},"{GEWIJZIGD}")', "bx aantal")
    # Text and colour: a changed value and its mark turn orange, whoever edits the sheet.
    ws.conditional_formatting.add(
        f"{WAARDE_KOLOM}{eerste}:{GEWIJZIGD_KOLOM}{laatste}",
        FormulaRule(formula=[f'${GEWIJZIGD_KOLOM}{eerste}="{GEWIJZIGD}"'], font=Font(bold=True, color="9C5700"),
                    fill=PatternFill("solid", fgColor="FFC000", bgColor="FFC000")),
    )
    ws.conditional_formatting.add(AFWIJKINGEN_CEL, CellIsRule(
        operator="greaterThan", formula=["0"], font=Font(bold=True, color="9C0006"),
        fill=PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE")))
    ws.freeze_panes = ws.cell(KOP_RIJ + 1, 3)
    _afdrukken(ws, laatste)
    return namen


# Printed pages of columns (landscape, each begins with the parameter's name): the values with
# their origin, then what they mean and when they hold, then the full source text.
_PAGINA_EINDE = ("herkomst", "geldig_tot")


def _afdrukken(ws: Worksheet, laatste: int) -> None:
    """The title rows wrap within the first page's columns: run on, they were cut at its edge
    ("Parameters: Uitvoeringsrege") and printed over the next page's text."""
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = f"{KOP_RIJ}:{KOP_RIJ}"
    ws.print_title_cols = "A:A"
    for key in _PAGINA_EINDE:
        ws.col_breaks.append(Break(id=KOLOM[key]))
    eerste_pagina = KOLOM[_PAGINA_EINDE[0]]
    breedte = sum(_BREEDTES[:eerste_pagina])
    for rij in (1, 2, 3, 5):
        cel = ws.cell(rij, 1)
        ws.merge_cells(start_row=rij, start_column=1, end_row=rij, end_column=eerste_pagina)
        cel.alignment = Alignment(wrap_text=True, vertical="top")
        # A title prints larger: count its characters as wider.
        stijl.rijhoogte(ws, rij, (cel.value, breedte * (0.7 if rij == 1 else 1)))
    ws.print_area = f"A1:{get_column_letter(len(_KOPPEN))}{laatste}"


def rij_van(ws: Worksheet, parameter: str) -> int:
    """The row of a parameter (by its dotted name) on a written Regeling sheet."""
    for rij in range(KOP_RIJ + 1, ws.max_row + 1):
        if ws.cell(rij, 1).value == parameter:
            return rij
    raise KeyError(f"Parameter '{parameter}' staat niet op blad '{ws.title}'")


def definieer(wb, namen: dict[str, str]) -> None:
    for naam, doel in namen.items():
        wb.defined_names[naam] = DefinedName(naam, attr_text=doel)
