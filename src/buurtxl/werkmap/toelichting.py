"""The Toelichting sheet: what the workbook is, how to use it, and where its numbers came from."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from .. import __version__, bronnen
from ..model import Herkomst
from ..regeling import Regeling
from . import stijl


def schrijf(
    ws: Worksheet,
    regeling: Regeling,
    herkomst: Herkomst,
    *,
    aantal: int,
    modus: str,
    met_bladen: bool,
    max_bladen: int,
    bladen: dict[str, str],
) -> None:
    """`bladen` maps the role of our sheets (begroting, regeling) to their titles."""
    regels: list[tuple[str, str]] = [
        ("Wat is dit?",
         f"Begrotingswerkmap voor de buurtnetwerken i.o. volgens de {regeling.titel} van de gemeente "
         f"Maastricht, gemaakt met buurtxl. De werkmap rekent zelf met gewone Excel-formules, ook "
         f"zonder Python of invoegtoepassing."),
        ("Gebruik",
         f"Blad '{bladen['begroting']}' geeft per buurt de basissubsidie, toeslag en supplement, "
         f"de totalen en het budget volgens {bronnen.BUDGET}. "
         + ("Elke buurt heeft een eigen blad met de invoer (gele cellen) en de berekening met "
            "toelichting; klik op de buurtnaam in de begroting. "
            if met_bladen else
            f"Bij meer dan {max_bladen} buurten staat de invoer in de gele kolommen van de "
            f"begroting zelf, zonder apart blad per buurt. ")
         + f"Op blad '{bladen['regeling']}' staan alle parameters met bron; een gewijzigde waarde "
           f"werkt door in de hele werkmap. Beveiligde bladen hebben geen wachtwoord."),
        ("Regeling", f"{regeling.titel} (regeling '{regeling.naam}')"),
        ("Geldig", f"{regeling.geldig_vanaf:%d-%m-%Y} t/m {regeling.geldig_tot:%d-%m-%Y}"),
        ("Besluit", regeling.besluit),
        ("Bron", regeling.bron),
        ("Aantal buurtnetwerken", str(aantal)),
        ("Formules",
         "native: gewone Excel-functies" if modus == "native" else
         "udf: de bedragen komen uit de Excel-functies van de buurtxl-invoegtoepassing "
         "(BASISSUBSIDIE, TOESLAG_COMMUNICATIE, …); zonder invoegtoepassing tonen die cellen #NAAM?."),
        ("Gemaakt op", herkomst.gegenereerd),
        ("Gemaakt met", f"buurtxl {__version__}"),
        ("Invoerbestand", herkomst.invoer),
        ("SHA-256 van de invoer", herkomst.sha256 or "niet van toepassing"),
    ]
    regels += [("Kanttekening", k) for k in herkomst.kanttekeningen]

    stijl.schrijf_tekst(ws["A1"], f"Toelichting: {regeling.titel}", "bx titel")
    for rij, (label, tekst) in enumerate(regels, start=3):
        stijl.schrijf_tekst(ws.cell(rij, 1), label, "bx label")
        stijl.schrijf_tekst(ws.cell(rij, 2), tekst, "bx tekst")
        stijl.rijhoogte(ws, rij, (tekst, 100))
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 100
    ws.print_area = f"A1:B{ws.max_row}"
