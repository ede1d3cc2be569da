"""The Regeling sheet: every parameter with value, unit and source, each value a defined name.

The value cells are input cells: a policy officer may change one (what if the drempel were 1,400?)
and the whole workbook recomputes, because every formula reads the parameters by name.
"""

from __future__ import annotations

from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from ..regeling import Regeling, beschikbaar, laad
from . import stijl
from .namen import REGELING_NAAM, parameternaam, ref

KOP_RIJ = 6
NAAM_CEL = "C4"  # the regeling's name, as text: the last argument of every udf
AFWIJKINGEN_CEL = "F4"  # how many values differ from the decision
AFWIJKINGEN_NAAM = "Regeling_Afwijkingen"
WAARDE_KOLOM = "C"
BESLUIT_KOLOM = "D"
GEWIJZIGD_KOLOM = "E"
GEWIJZIGD = "gewijzigd"
_KOPPEN = ("Parameter", "Naam in formules", "Waarde", "Volgens besluit", "Gewijzigd", "Eenheid",
           "Omschrijving", "Geldig vanaf", "Geldig tot", "Bron")
_BREEDTES = (30, 32, 13, 13, 11, 12, 50, 12, 12, 70)
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
    """A formula: a Dutch warning when a value on the Regeling sheet differs from the decision, else ""."""
    return (f'IF({AFWIJKINGEN_NAAM}>0,"Let op: deze werkmap wijkt af van het besluit: "&{AFWIJKINGEN_NAAM}'
            f'&" parameter(s) gewijzigd op blad Regeling (kolom Gewijzigd).","")')


def schrijf(ws: Worksheet, regeling: Regeling, *, op_slot: bool = False) -> dict[str, str]:
    """Fill `ws`; return the defined names to add (name → reference). `op_slot`: the values are
    not input cells (a buurtnetwerk's own workbook)."""
    origineel = besluit(regeling)
    stijl.schrijf_tekst(ws["A1"], f"Parameters: {regeling.titel}", "bx titel")
    stijl.schrijf_tekst(ws["A2"], regeling.besluit, "bx noot")
    stijl.schrijf_tekst(ws["A3"], f"Bron: {regeling.bron}", "bx link")
    if regeling.bron.startswith("http"):
        ws["A3"].hyperlink = regeling.bron
    stijl.schrijf_tekst(ws["A4"], "Regeling", "bx label")
    stijl.schrijf_tekst(ws[NAAM_CEL], regeling.naam, "bx tekst")
    stijl.schrijf_tekst(ws["E4"], "Afwijkingen", "bx label")
    stijl.schrijf_tekst(
        ws["A5"],
        ("De waarden zijn die van het besluit; dit blad is beveiligd." if op_slot else
         "Gele cellen mag u wijzigen: alle bladen rekenen met deze waarden (via de namen in kolom B). "
         "Kolom 'Volgens besluit' houdt de waarde uit het besluit; wijkt de waarde af, dan staat er "
         "'gewijzigd'. De Excel-functies van de invoegtoepassing (formulemodus udf) lezen de regeling "
         "zelf en zien zulke wijzigingen niet."),
        "bx uitleg",
    )
    ws.merge_cells(f"A5:{get_column_letter(len(_KOPPEN))}5")
    ws.row_dimensions[5].height = 30
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
        stijl.schrijf_tekst(ws.cell(rij, 1), parameter.naam, "bx tekst")
        stijl.schrijf_tekst(ws.cell(rij, 2), naam, "bx tekst")
        stijl.schrijf_getal(ws.cell(rij, 3), parameter.waarde,
                    vast if op_slot else _STIJL_PER_EENHEID.get(parameter.eenheid, "bx invoer"))
        stijl.schrijf_getal(ws.cell(rij, 4), oorspronkelijk.waarde, vast)
        gewijzigd = f'IF({WAARDE_KOLOM}{rij}={BESLUIT_KOLOM}{rij},"","{GEWIJZIGD}")'
        stijl.schrijf_formule(ws.cell(rij, 5), gewijzigd, "bx status")
        stijl.schrijf_tekst(ws.cell(rij, 6), parameter.eenheid, "bx tekst")
        stijl.schrijf_tekst(ws.cell(rij, 7), parameter.omschrijving, "bx tekst")
        stijl.schrijf_getal(ws.cell(rij, 8), parameter.geldig_vanaf, "bx tekst")
        stijl.schrijf_getal(ws.cell(rij, 9), parameter.geldig_tot, "bx tekst")
        ws.cell(rij, 8).number_format = ws.cell(rij, 9).number_format = stijl.DATUM
        stijl.schrijf_tekst(ws.cell(rij, 10), parameter.bron, "bx uitleg" if parameter.is_aanname else "bx tekst")
        namen[naam] = ref(ws.title, f"{WAARDE_KOLOM}{rij}")
        stijl.rijhoogte(ws, rij, (parameter.omschrijving, _BREEDTES[6]), (parameter.bron, _BREEDTES[9]))
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
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = f"{KOP_RIJ}:{KOP_RIJ}"
    ws.print_title_cols = "A:A"
    ws.print_area = f"A1:{get_column_letter(len(_KOPPEN))}{laatste}"
    return namen


def rij_van(ws: Worksheet, parameter: str) -> int:
    """The row of a parameter (by its dotted name) on a written Regeling sheet."""
    for rij in range(KOP_RIJ + 1, ws.max_row + 1):
        if ws.cell(rij, 1).value == parameter:
            return rij
    raise KeyError(f"Parameter '{parameter}' staat niet op blad '{ws.title}'")


def definieer(wb, namen: dict[str, str]) -> None:
    for naam, doel in namen.items():
        wb.defined_names[naam] = DefinedName(naam, attr_text=doel)
