"""The scheme as Excel worksheet functions: =BASISSUBSIDIE(), =TOESLAG_COMMUNICATIE(), …

Each function converts its cells (`udf_argumenten`), calls `rules` once per cell and hands the result
back; no rule is written here. Names and argument order are a contract with the workbook writer's
`udf` mode (issue 4): `regeling` is always the last argument, blank means "2018".

One module serves both xlwings routes. The decorators are plain `xw.func/xw.arg`, which xlwings binds
when it is first imported: the classic COM decorators on Windows with pywin32 (the BSD-licensed
add-in, *Import Functions*), the Office.js custom-function decorators of `xlwings.server` when
XLWINGS_ON_SERVER=true (xlwings PRO: PolyForm Noncommercial unless licensed), and no-ops anywhere
else, so on Linux these are plain Python functions. Every option used here means the same on both
routes; `category` is classic-only and the server decorators ignore it.

Why the Python names are upper case: classic xlwings has no `name=` option, so the Python name is the
worksheet name there; upper case makes it the contract's name on both routes. Why there are no type
hints on the functions: xlwings reads a hint as a converter (`object` would mean an object handle).
Docstrings and `doc=` texts are what Excel's function wizard shows, hence Dutch and under Excel's
255-character limit.
"""

import xlwings as xw

from . import rules, waarden
from .model import Aanvraag
from .opmaak import euro
from .regeling import STANDAARD
from .udf_argumenten import geld, optioneel, per_cel, regeling_uit, tekst, verplicht

__all__ = [
    "BASISSUBSIDIE",
    "TOESLAG_PERCENTAGE",
    "TOESLAG_COMMUNICATIE",
    "SUPPLEMENT_KWETSBAAR",
    "SUBSIDIE_TOTAAL",
    "REGELING",
    "UITLEG",
]

CATEGORIE = "Buurtnetwerken"
_CEL = "een cel of een bereik"
DOC = {
    "organisatiekosten": f"Onderdeel organisatiekosten in euro, {_CEL}; leeg = standaardbedrag",
    "communicatiekosten": f"Onderdeel communicatiekosten in euro, {_CEL}; leeg = standaardbedrag",
    "activiteiten": f"Onderdeel activiteiten (handgeld) in euro, {_CEL}; leeg = standaardbedrag",
    "plan_van_aanpak": f"Onderdeel eigen plan van aanpak in euro, {_CEL}; leeg = standaardbedrag",
    "huishoudens": f"Aantal huishoudens in de buurt (geheel getal), {_CEL}",
    "basissubsidie": f"De basissubsidie (totaal) in euro, {_CEL}",
    "besteed": f"Besteed van de basissubsidie in euro, {_CEL}; leeg = nog onbekend (potentiële toeslag)",
    "buurtscore": f"Buurtscore uit de buurtmonitor (0 tot 100), {_CEL}; een lege cel = onbekend",
    "aangevraagd": f"Aangevraagd supplement in euro, {_CEL}; leeg = het maximum wordt gereserveerd",
    "naam": 'Naam van een parameter, bijvoorbeeld "toeslag.drempel_huishoudens"',
    "regeling": 'Regeling: "2018" (leeg = standaard) of "2017-2018" (de regeling van vóór 2018)',
}


def _one_line_doc(f):
    # Excel shows the docstring as the function's help: one line, without source indentation. This
    # must be the innermost decorator, since xlwings reads the docstring at the first @xw.arg.
    f.__doc__ = " ".join(f.__doc__.split())
    return f


def _arg(naam: str):
    # ndim=2: a cell and a range arrive alike, as rows of cells. err_to_str: an input cell holding an
    # Excel error arrives as "#VALUE!" (named in the message) instead of as an empty cell.
    return xw.arg(naam, ndim=2, err_to_str=True, doc=DOC[naam])


@xw.func(category=CATEGORIE)
@_arg("organisatiekosten")
@_arg("communicatiekosten")
@_arg("activiteiten")
@_arg("plan_van_aanpak")
@_arg("regeling")
@_one_line_doc
def BASISSUBSIDIE(
    organisatiekosten=None,
    communicatiekosten=None,
    activiteiten=None,
    plan_van_aanpak=None,
    regeling=STANDAARD,
):
    """Basissubsidie in euro: de vier onderdelen samen; een leeg onderdeel telt met het
    standaardbedrag. Een fout als het totaal buiten het minimum en maximum van de regeling valt
    (§3.4 punt 1)."""

    def cel(organisatie, communicatie, activiteit, plan, naam):
        componenten = {
            "organisatiekosten": optioneel(waarden.bedrag, organisatie, "organisatiekosten"),
            "communicatiekosten": optioneel(waarden.bedrag, communicatie, "communicatiekosten"),
            "activiteiten": optioneel(waarden.bedrag, activiteit, "activiteiten"),
            "plan_van_aanpak": optioneel(waarden.bedrag, plan, "plan_van_aanpak"),
        }
        return geld(rules.basissubsidie(regeling_uit(naam), componenten).bedrag)

    return per_cel(
        cel, organisatiekosten, communicatiekosten, activiteiten, plan_van_aanpak, regeling
    )


@xw.func(category=CATEGORIE)
@_arg("huishoudens")
@_arg("regeling")
@_one_line_doc
def TOESLAG_PERCENTAGE(huishoudens, regeling=STANDAARD):
    """Toeslag communicatiekosten als fractie van de basissubsidie (0 tot 0,15): alleen bij meer
    dan 1.300 huishoudens, oplopend met het aantal huishoudens (§3.4 punt 2)."""

    def cel(aantal, naam):
        aantal = verplicht(waarden.huishoudens, aantal, "huishoudens")
        return float(rules.toeslag_percentage(regeling_uit(naam), aantal).percentage)

    return per_cel(cel, huishoudens, regeling)


@xw.func(category=CATEGORIE)
@_arg("huishoudens")
@_arg("basissubsidie")
@_arg("besteed")
@_arg("regeling")
@_one_line_doc
def TOESLAG_COMMUNICATIE(huishoudens, basissubsidie, besteed=None, regeling=STANDAARD):
    """Toeslag communicatiekosten in euro, alleen als de basissubsidie volledig is besteed. Zonder
    'besteed' de potentiële toeslag: het bedrag dat de begroting moet reserveren (§3.4 punt 2)."""

    def cel(aantal, basis, uitgegeven, naam):
        r = regeling_uit(naam)
        aantal = verplicht(waarden.huishoudens, aantal, "huishoudens")
        basis = rules.basissubsidie(r, totaal=verplicht(waarden.bedrag, basis, "basissubsidie"))
        uitgegeven = optioneel(waarden.bedrag, uitgegeven, "besteed")
        return geld(rules.toeslag_communicatie(r, aantal, basis.bedrag, uitgegeven).bedrag)

    return per_cel(cel, huishoudens, basissubsidie, besteed, regeling)


@xw.func(category=CATEGORIE)
@_arg("buurtscore")
@_arg("aangevraagd")
@_arg("regeling")
@_one_line_doc
def SUPPLEMENT_KWETSBAAR(buurtscore, aangevraagd=None, regeling=STANDAARD):
    """Supplement kwetsbare buurten in euro: bij een buurtscore onder 57 het aangevraagde bedrag,
    hoogstens € 3.000; zonder aanvraag wordt het maximum gereserveerd (§3.4 punt 3)."""

    def cel(score, gevraagd, naam):
        score = optioneel(waarden.buurtscore, score, "buurtscore")
        gevraagd = optioneel(waarden.bedrag, gevraagd, "aangevraagd")
        return geld(rules.supplement_kwetsbaar(regeling_uit(naam), score, gevraagd).bedrag)

    return per_cel(cel, buurtscore, aangevraagd, regeling)


def _aanvraag(basis, aantal, score, uitgegeven, gevraagd) -> Aanvraag:
    """One application from the cells of SUBSIDIE_TOTAAL / UITLEG (parsing only).

    An empty buurtscore is allowed, as in the input contract: the rule then gives no supplement and
    says why (UITLEG shows it).
    """
    return Aanvraag(
        buurt="(Excel-functie)",
        basissubsidie=verplicht(waarden.bedrag, basis, "basissubsidie"),
        huishoudens=verplicht(waarden.huishoudens, aantal, "huishoudens"),
        buurtscore=optioneel(waarden.buurtscore, score, "buurtscore"),
        besteed=optioneel(waarden.bedrag, uitgegeven, "besteed"),
        supplement_aangevraagd=optioneel(waarden.bedrag, gevraagd, "aangevraagd"),
    )


@xw.func(category=CATEGORIE)
@_arg("basissubsidie")
@_arg("huishoudens")
@_arg("buurtscore")
@_arg("besteed")
@_arg("aangevraagd")
@_arg("regeling")
@_one_line_doc
def SUBSIDIE_TOTAAL(
    basissubsidie, huishoudens, buurtscore, besteed=None, aangevraagd=None, regeling=STANDAARD
):
    """Totale subsidie in euro voor één buurtnetwerk i.o.: basissubsidie + toeslag
    communicatiekosten + supplement kwetsbare buurten (§3.4)."""

    def cel(basis, aantal, score, uitgegeven, gevraagd, naam):
        aanvraag = _aanvraag(basis, aantal, score, uitgegeven, gevraagd)
        return geld(rules.bereken(regeling_uit(naam), aanvraag).totaal)

    return per_cel(cel, basissubsidie, huishoudens, buurtscore, besteed, aangevraagd, regeling)


@xw.func(category=CATEGORIE)
@_arg("naam")
@_arg("regeling")
@_one_line_doc
def REGELING(naam, regeling=STANDAARD):
    """De waarde van een parameter van de regeling (bedrag, aantal, fractie of WAAR/ONWAAR), zodat
    een blad de getallen van de regeling kan tonen."""

    def cel(parameter, regeling_naam):
        waarde = regeling_uit(regeling_naam).waarde(tekst(parameter, "naam"))
        return waarde if isinstance(waarde, bool) else float(waarde)

    return per_cel(cel, naam, regeling)


@xw.func(category=CATEGORIE)
@_arg("basissubsidie")
@_arg("huishoudens")
@_arg("buurtscore")
@_arg("besteed")
@_arg("aangevraagd")
@_arg("regeling")
@_one_line_doc
def UITLEG(
    basissubsidie, huishoudens, buurtscore, besteed=None, aangevraagd=None, regeling=STANDAARD
):
    """De redenen achter SUBSIDIE_TOTAAL als tekst, met de paragraaf van het besluit. Bij foute
    invoer de reden van de fout ("Fout: …")."""

    def cel(basis, aantal, score, uitgegeven, gevraagd, naam):
        aanvraag = _aanvraag(basis, aantal, score, uitgegeven, gevraagd)
        resultaat = rules.bereken(regeling_uit(naam), aanvraag)
        delen = [
            resultaat.reden_basissubsidie,
            resultaat.reden_toeslag,
            resultaat.reden_supplement,
            *resultaat.waarschuwingen,
            f"Totaal {euro(resultaat.totaal)}",
        ]
        return " | ".join(delen)

    return per_cel(
        cel,
        basissubsidie,
        huishoudens,
        buurtscore,
        besteed,
        aangevraagd,
        regeling,
        bij_fout=lambda fout: f"Fout: {fout.melding}",
    )
