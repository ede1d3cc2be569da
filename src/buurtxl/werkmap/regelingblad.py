"""The Regeling sheet: every parameter with value, unit and source, each value a defined name.

The value cells are input cells: a policy officer may change one (what if the drempel were 1,400?)
and the whole workbook recomputes, because every formula reads the parameters by name.
"""

from __future__ import annotations

from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from ..regeling import Regeling
from . import stijl
from .namen import REGELING_NAAM, parameternaam, ref

KOP_RIJ = 6
NAAM_CEL = "C4"  # the regeling's name, as text: the last argument of every udf
WAARDE_KOLOM = "C"
_KOPPEN = ("Parameter", "Naam in formules", "Waarde", "Eenheid", "Omschrijving", "Geldig vanaf",
           "Geldig tot", "Bron")
_BREEDTES = (30, 34, 14, 13, 60, 13, 13, 80)
_STIJL_PER_EENHEID = {
    "euro": "bx invoer euro",
    "fractie": "bx invoer procent",
    "huishoudens": "bx invoer aantal",
    "buurtscore": "bx invoer score",
}


def schrijf(ws: Worksheet, regeling: Regeling) -> dict[str, str]:
    """Fill `ws`; return the defined names to add (name → reference)."""
    stijl.schrijf_tekst(ws["A1"], f"Parameters: {regeling.titel}", "bx titel")
    stijl.schrijf_tekst(ws["A2"], regeling.besluit, "bx noot")
    stijl.schrijf_tekst(ws["A3"], f"Bron: {regeling.bron}", "bx link")
    if regeling.bron.startswith("http"):
        ws["A3"].hyperlink = regeling.bron
    stijl.schrijf_tekst(ws["A4"], "Regeling", "bx label")
    stijl.schrijf_tekst(ws[NAAM_CEL], regeling.naam, "bx tekst")
    stijl.schrijf_tekst(
        ws["A5"],
        "Gele cellen mag u wijzigen: alle bladen rekenen met deze waarden (via de namen in kolom B). "
        "De Excel-functies van de invoegtoepassing (formulemodus udf) lezen de regeling zelf en zien "
        "zulke wijzigingen niet.",
        "bx uitleg",
    )
    ws.merge_cells("A5:H5")
    ws.row_dimensions[5].height = 30
    for kolom, (kop, breedte) in enumerate(zip(_KOPPEN, _BREEDTES, strict=True), start=1):
        stijl.schrijf_tekst(ws.cell(KOP_RIJ, kolom), kop, "bx kop")
        ws.column_dimensions[ws.cell(KOP_RIJ, kolom).column_letter].width = breedte

    namen = {REGELING_NAAM: ref(ws.title, NAAM_CEL)}
    for rij, parameter in enumerate(regeling.parameters.values(), start=KOP_RIJ + 1):
        naam = parameternaam(parameter.naam)
        stijl.schrijf_tekst(ws.cell(rij, 1), parameter.naam, "bx tekst")
        stijl.schrijf_tekst(ws.cell(rij, 2), naam, "bx tekst")
        stijl.schrijf_getal(ws.cell(rij, 3), parameter.waarde, _STIJL_PER_EENHEID.get(parameter.eenheid, "bx invoer"))
        stijl.schrijf_tekst(ws.cell(rij, 4), parameter.eenheid, "bx tekst")
        stijl.schrijf_tekst(ws.cell(rij, 5), parameter.omschrijving, "bx tekst")
        stijl.schrijf_getal(ws.cell(rij, 6), parameter.geldig_vanaf, "bx tekst")
        stijl.schrijf_getal(ws.cell(rij, 7), parameter.geldig_tot, "bx tekst")
        ws.cell(rij, 6).number_format = ws.cell(rij, 7).number_format = stijl.DATUM
        stijl.schrijf_tekst(ws.cell(rij, 8), parameter.bron, "bx uitleg" if parameter.is_aanname else "bx tekst")
        namen[naam] = ref(ws.title, f"{WAARDE_KOLOM}{rij}")
        stijl.rijhoogte(ws, rij, (parameter.omschrijving, _BREEDTES[4]), (parameter.bron, _BREEDTES[7]))
    ws.freeze_panes = ws.cell(KOP_RIJ + 1, 3)
    ws.page_setup.orientation = "landscape"
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
