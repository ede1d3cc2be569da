"""One sheet per buurtnetwerk i.o.: the input in marked cells, then the calculation as formulas.

Column B holds the values; column C says in Dutch what each line means and D names the section
of the decision. The Begroting tab reads the results from here (`UITKOMST_RIJEN`).
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from ..model import Aanvraag
from ..regeling import COMPONENTEN, bronnen
from ..velden import AANVRAAGVELDEN, Soort
from . import formules as f, stijl
from .namen import blad
from .validatie import validatie

KOLOM = "B"
UITLEG_BREEDTE = 68
WAARDE_BREEDTE = 24  # "voormalig buurtplatform", "Wittevrouwenveld" whole in the value column
P1, P2, P3 = bronnen.BASISSUBSIDIE, bronnen.TOESLAG, bronnen.SUPPLEMENT
# The named input style of each kind of field.
INVOERSTIJL = {
    Soort.TEKST: "bx invoer tekst",
    Soort.AANTAL: "bx invoer aantal",
    Soort.SCORE: "bx invoer score",
    Soort.GELD: "bx invoer euro",
    Soort.DATUM: "bx invoer datum",
}
EERSTE_INVOER_RIJ = 5
INVOER_RIJEN = {veld.sleutel: rij for rij, veld in enumerate(AANVRAAGVELDEN, start=EERSTE_INVOER_RIJ)}
BEREKENING_KOP = EERSTE_INVOER_RIJ + len(AANVRAAGVELDEN) + 1
_GEBRUIKT = {c: f"{c}_gebruikt" for c in COMPONENTEN}

# (key, label, style, explanation, section); the formulas are built in `schrijf`.
BEREKENING = (
    *(
        (_GEBRUIKT[c], c.replace("_", " ").capitalize(), "bx euro",
         "De invoer, of het standaardbedrag (blad Regeling) als de invoer leeg is; leeg bij een "
         "opgegeven totaal", P1)
        for c in COMPONENTEN
    ),
    ("basissubsidie", "Basissubsidie", "bx euro totaal",
     "De vier onderdelen samen, of het opgegeven totaal als geen onderdeel is ingevuld; tussen het "
     "minimum en maximum", P1),
    ("controle", "Controle invoer", "bx tekst",
     "In orde, ontbreekt (huishoudens leeg) of FOUT: tekst in een getal, buiten minimum–maximum, "
     "onderdelen ≠ totaal, of (2017-2018) niet het vaste bedrag. FOUT telt niet mee", P1),
    ("toeslag_percentage", "Toeslag percentage", "bx procent",
     "(huishoudens − drempel) / basis huishoudens, hoogstens het maximum; 0 bij niet meer dan de "
     "drempel", P2),
    ("toeslag_status", "Toeslag status", "bx tekst",
     "aangevraagd (volledig besteed en aangevraagd), potentieel (besteed leeg, of volledig besteed en "
     "nog niet aangevraagd), nog niet volledig besteed, niet (niet boven de drempel) of ontbreekt "
     "(huishoudens leeg)", P2),
    ("toeslag_communicatie", "Toeslag communicatiekosten", "bx euro",
     "Basissubsidie × percentage op centen, hoogstens de aanvraag; alleen bij potentieel, gereserveerd "
     "of aangevraagd", P2),
    ("supplement_status", "Supplement status", "bx tekst",
     "Onder de grens: aangevraagd, niet aangevraagd (€ 0) of gereserveerd (geen aanvraag); onbekend "
     "zonder buurtscore; anders niet", P3),
    ("supplement_kwetsbaar", "Supplement kwetsbare buurten", "bx euro",
     "Het aangevraagde bedrag, hoogstens het maximum; zonder aanvraag het maximum", P3),
    ("totaal", "Totaal subsidie", "bx euro totaal", "Basissubsidie + toeslag + supplement", bronnen.VOORSTEL),
    ("onzeker", "Onzeker (gegevens ontbreken)", "bx euro",
     "Hoogstens nog te betalen: het supplement bij een onbekende buurtscore, de hoogste toeslag bij "
     "onbekende huishoudens", bronnen.BUDGET),
)
UITKOMST_RIJEN = {key: rij for rij, (key, *_) in enumerate(BEREKENING, start=BEREKENING_KOP + 1)}
UITLEG_RIJ = BEREKENING_KOP + len(BEREKENING) + 1  # udf mode only


def invoercel(key: str) -> str:
    return f"{KOLOM}{INVOER_RIJEN[key]}"


def uitkomstcel(key: str) -> str:
    return f"{KOLOM}{UITKOMST_RIJEN[key]}"


def schrijf(
    ws: Worksheet, aanvraag: Aanvraag, modus: str, begroting_titel: str | None,
    redenen: Sequence[tuple[str, str]] | None = None,
) -> None:
    """Fill `ws`. `redenen`: (label, reason) from the core, written below the calculation as they
    stood when the workbook was made (a buurtnetwerk's own workbook)."""
    stijl.schrijf_tekst(ws["A1"], f"Buurtnetwerk i.o. {aanvraag.buurt}", "bx titel")
    if begroting_titel:
        terug = stijl.schrijf_tekst(ws["A2"], "← Naar de Begroting", "bx tekst")
        terug.hyperlink = Hyperlink(ref="A2", location=f"{blad(begroting_titel)}!A1")
    stijl.schrijf_tekst(
        ws["C2"],
        "Gele cellen zijn invoer. De berekening hieronder rekent met de parameters op blad Regeling.",
        "bx noot",
    )
    for kolom, kop in enumerate(("Invoer", "Waarde", "Toelichting", "Bron"), start=1):
        stijl.schrijf_tekst(ws.cell(EERSTE_INVOER_RIJ - 1, kolom), kop, "bx kop")
        stijl.schrijf_tekst(ws.cell(BEREKENING_KOP, kolom), "Berekening" if kolom == 1 else kop, "bx kop")

    for veld in AANVRAAGVELDEN:
        rij = INVOER_RIJEN[veld.sleutel]
        _regel(ws, rij, veld.kop, veld.uitleg_werkmap, veld.sectie)
        waarde = getattr(aanvraag, veld.sleutel)
        cel = ws[f"{KOLOM}{rij}"]
        if veld.soort is Soort.TEKST:
            stijl.schrijf_tekst(cel, waarde, INVOERSTIJL[veld.soort])
        else:
            stijl.schrijf_getal(cel, waarde, INVOERSTIJL[veld.soort])
        dv = validatie(veld)
        ws.add_data_validation(dv)
        dv.add(cel)

    refs = {key: invoercel(key) for key in INVOER_RIJEN}
    onderdelen = {c: uitkomstcel(_GEBRUIKT[c]) for c in COMPONENTEN}
    basis, pct = uitkomstcel("basissubsidie"), uitkomstcel("toeslag_percentage")
    formule = {
        **{_GEBRUIKT[c]: f.onderdeel(refs, c, leeg_bij_totaal=True) for c in COMPONENTEN},
        "basissubsidie": f.basissubsidie(refs, onderdelen, modus),
        "controle": f.controle(refs, basis, onderdelen),
        "toeslag_percentage": f.toeslag_percentage(refs, modus),
        "toeslag_status": f.toeslag_status(refs, basis, pct),
        "toeslag_communicatie": f.toeslag(refs, basis, pct, uitkomstcel("toeslag_status"), modus),
        "supplement_status": f.supplement_status(refs),
        "supplement_kwetsbaar": f.supplement(refs, uitkomstcel("supplement_status"), modus),
        "totaal": f.totaal(
            refs, basis, uitkomstcel("toeslag_communicatie"), uitkomstcel("supplement_kwetsbaar"), modus
        ),
        "onzeker": f.onzeker(refs, basis),
    }
    for key, label, celstijl, uitleg, bron in BEREKENING:
        rij = UITKOMST_RIJEN[key]
        _regel(ws, rij, label, uitleg, bron)
        stijl.schrijf_formule(ws[f"{KOLOM}{rij}"], formule[key], celstijl)
    controle = uitkomstcel("controle")
    ws.conditional_formatting.add(
        controle, FormulaRule(formula=[f'{controle}<>"{f.IN_ORDE}"'], font=Font(bold=True, color="9C0006"),
                              fill=PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE")),
    )
    if modus == "udf":
        _regel(ws, UITLEG_RIJ, "Uitleg", "Redenen volgens de Excel-functie UITLEG", bronnen.VOORSTEL)
        stijl.schrijf_formule(ws[f"{KOLOM}{UITLEG_RIJ}"], f.uitleg(refs, basis), "bx tekst")
    if redenen:
        kop = ws.max_row + 2
        stijl.schrijf_tekst(ws.cell(kop, 1), "Redenen", "bx kop")
        stijl.schrijf_tekst(ws.cell(kop, 2), None, "bx kop")
        stijl.schrijf_tekst(ws.cell(kop, 3), "Bij de ingediende invoer (rekent niet mee)", "bx kop")
        stijl.schrijf_tekst(ws.cell(kop, 4), None, "bx kop")
        for rij, (label, reden) in enumerate(redenen, start=kop + 1):
            stijl.schrijf_tekst(ws.cell(rij, 1), label, "bx label")
            stijl.schrijf_tekst(ws.cell(rij, 3), reden, "bx tekst")
            stijl.rijhoogte(ws, rij, (reden, UITLEG_BREEDTE))

    if aanvraag.toelichting:  # the applicant's own words, below the calculation
        rij = ws.max_row + 2
        _regel(ws, rij, "Toelichting aanvrager", aanvraag.toelichting, "")

    for letter, breedte in zip("ABCD", (30, WAARDE_BREEDTE, UITLEG_BREEDTE, 13), strict=True):
        ws.column_dimensions[letter].width = breedte
    ws.freeze_panes = "A4"
    ws.print_area = f"A1:D{ws.max_row}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "portrait"


def _regel(ws: Worksheet, rij: int, label: str, uitleg: str, bron: str) -> None:
    stijl.schrijf_tekst(ws.cell(rij, 1), label, "bx label")
    stijl.schrijf_tekst(ws.cell(rij, 3), uitleg, "bx uitleg")
    stijl.schrijf_tekst(ws.cell(rij, 4), bron or None, "bx tekst")
    stijl.rijhoogte(ws, rij, (uitleg, UITLEG_BREEDTE))
