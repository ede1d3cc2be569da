"""The Toelichting sheet: what the workbook is, how to use it, and where its numbers came from."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from .. import __version__
from ..model import Herkomst
from ..opmaak import datum_tijd
from ..regeling import Regeling, bronnen
from . import regelingblad, stijl

_BREEDTE = 68  # column B: with A, fits the width of a portrait A4 page at 100%


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
    per_buurt: bool = False,
) -> None:
    """`bladen` maps the role of our sheets (begroting, regeling, buurt) to their titles;
    `per_buurt`: the workbook of one buurtnetwerk (no Begroting, a locked Regeling)."""
    if per_buurt:
        gebruik = (
            f"Blad '{bladen['buurt']}' geeft de invoer van dit buurtnetwerk i.o., de berekening van "
            f"basissubsidie, toeslag en supplement met toelichting en paragraaf van het besluit, en de "
            f"redenen bij elk bedrag. Blad '{bladen['regeling']}' toont de parameters van het besluit "
            f"(beveiligd). Blad '{bladen['begroting']}' toont alleen deze buurt; het budget van de "
            f"gemeente ({bronnen.BUDGET}) staat in de begroting van de gemeente, niet hier."
        )
    else:
        budget = f"het budget volgens {bronnen.BUDGET}" if regeling.heeft_budget else (
            f"geen budgetstatus: regeling {regeling.naam} kent geen budget voor de bijstelling "
            f"({bronnen.BUDGET} hoort bij 2018)")
        gebruik = (
            f"Blad '{bladen['begroting']}' geeft per buurt de basissubsidie, toeslag en supplement, "
            f"de totalen en {budget}. Kolom Controle zegt per buurt of de invoer klopt: een buurt met "
            f"FOUT telt niet mee in de totalen, 'ontbreekt' betekent dat een verplichte waarde leeg is. "
            f"Ontbrekende buurtscores of huishoudens staan als 'Onzeker' in de begroting: wat hoogstens "
            f"nog te betalen is. "
            + ("Elke buurt heeft een eigen blad met de invoer (gele cellen) en de berekening met "
               "toelichting; klik op de buurtnaam in de begroting. "
               if met_bladen else
               f"Bij meer dan {max_bladen} buurten staat de invoer in de gele kolommen van de "
               f"begroting zelf, zonder apart blad per buurt. ")
            + f"Op blad '{bladen['regeling']}' staan alle parameters met bron en de waarde volgens het "
              f"besluit; een gewijzigde waarde werkt door in de hele werkmap en krijgt 'gewijzigd'. "
              f"Beveiligde bladen hebben geen wachtwoord."
        )
    geldig = f"{regeling.geldig_vanaf:%d-%m-%Y} t/m {regeling.geldig_tot:%d-%m-%Y}" + (
        f" ({regeling.geldig_herkomst})" if regeling.geldig_herkomst else "")
    regels: list[tuple[str, str]] = [
        ("Wat is dit?",
         ("Werkmap van één buurtnetwerk i.o." if per_buurt else "Begrotingswerkmap voor de buurtnetwerken i.o.")
         + f" volgens de {regeling.titel} van de gemeente "
         f"Maastricht, gemaakt met buurtxl. De werkmap rekent zelf met gewone Excel-formules, ook "
         f"zonder Python of invoegtoepassing."),
        ("Gebruik", gebruik),
        ("Regeling", f"{regeling.titel} (regeling '{regeling.naam}')"),
        ("Geldig", geldig),
        ("Besluit", regeling.besluit),
        ("Bron", regeling.bron),
        ("Aantal buurtnetwerken", str(aantal)),
        ("Formules",
         "native: gewone Excel-functies" if modus == "native" else
         "udf: de bedragen komen uit de Excel-functies van de buurtxl-invoegtoepassing "
         "(BASISSUBSIDIE, TOESLAG_COMMUNICATIE, …); zonder invoegtoepassing tonen die cellen #NAAM?."),
        ("Gemaakt op", datum_tijd(herkomst.gegenereerd)),
        ("Gemaakt met", f"buurtxl {__version__}"),
        ("Invoerbestand", herkomst.invoer),
        ("SHA-256 van de invoer", herkomst.sha256 or (
            "per formulier hieronder" if herkomst.bestanden else "niet van toepassing")),
    ]
    regels += [("Formulier", f"{naam}  SHA-256 {sha}") for naam, sha in herkomst.bestanden]
    regels += [("Kanttekening", k) for k in herkomst.kanttekeningen]

    stijl.schrijf_tekst(ws["A1"], f"Toelichting: {regeling.titel}", "bx titel")
    # Row 2: empty, or the warning that the Regeling sheet no longer follows the decision.
    stijl.schrijf_formule(ws["A2"], regelingblad.afwijking(), "bx label")
    ws.conditional_formatting.add("A2", FormulaRule(formula=['A2<>""'], font=Font(bold=True, color="9C0006")))
    for rij, (label, tekst) in enumerate(regels, start=3):
        stijl.schrijf_tekst(ws.cell(rij, 1), label, "bx label")
        stijl.schrijf_tekst(ws.cell(rij, 2), tekst, "bx tekst")
        stijl.rijhoogte(ws, rij, (tekst, _BREEDTE))
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = _BREEDTE
    ws.print_area = f"A1:B{ws.max_row}"
    ws.page_setup.orientation = "portrait"
