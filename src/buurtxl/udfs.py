"""The scheme as Excel worksheet functions: =BASISSUBSIDIE(), =TOESLAG_COMMUNICATIE(), …

Each function converts its cells (`udf_argumenten`), calls the core and hands the result back; no rule
is written here. A single cell goes through `regels` (the per-row functions); a range is computed at
once with the vectorised functions of `tabel`, each distinct cell read once, and only its bad cells go
through `regels`, which words their error. Names and argument order are a contract with the workbook writer's
`udf` mode (issue 4): `versie` (the version of the regeling) is always the last argument, blank means "2018".

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

from functools import partial

import numpy as np
import xlwings as xw

from . import regels, tabel, waarden
from .model import Aanvraag
from .opmaak import euro
from .regeling import COMPONENTEN, STANDAARD, Regeling
from .udf_argumenten import Kolom, geld, optioneel, per_bereik, per_cel, regeling_uit, tekst, verplicht

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
    "versie": 'Versie van de regeling: "2018" (leeg = standaard) of "2017-2018" (de regeling van vóór 2018)',
}


# Readers of one cell, shared by the single-cell and the range path: (value → domain value or None).
LEZER = {
    **{c: partial(optioneel, waarden.bedrag, naam=c) for c in COMPONENTEN},
    "huishoudens": partial(verplicht, waarden.huishoudens, naam="huishoudens"),
    "basissubsidie": partial(verplicht, waarden.bedrag, naam="basissubsidie"),
    "besteed": partial(optioneel, waarden.bedrag, naam="besteed"),
    "buurtscore": partial(optioneel, waarden.buurtscore, naam="buurtscore"),
    "aangevraagd": partial(optioneel, waarden.bedrag, naam="aangevraagd"),
}


def _euro(cents: np.ndarray) -> np.ndarray:
    # cents / 100 in binary floating point is the float nearest the amount, as float(Decimal) is.
    return cents / 100


def _opgegeven_totaal(regeling: Regeling, basis: Kolom) -> tuple[np.ndarray, np.ndarray]:
    """A basissubsidie typed as a total: its cents, and the rows outside the minimum–maximum."""
    return tabel.basissubsidie_cents(regeling, {}, *basis.cents())


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
@_arg("versie")
@_one_line_doc
def BASISSUBSIDIE(
    organisatiekosten=None,
    communicatiekosten=None,
    activiteiten=None,
    plan_van_aanpak=None,
    versie=STANDAARD,
):
    """Basissubsidie in euro: de vier onderdelen samen; een leeg onderdeel telt met het
    standaardbedrag. Een fout als het totaal buiten het minimum en maximum van de regeling valt
    (§3.4 punt 1)."""

    def cel(organisatie, communicatie, activiteit, plan, naam):
        cellen = (organisatie, communicatie, activiteit, plan)
        componenten = {c: LEZER[c](waarde) for c, waarde in zip(COMPONENTEN, cellen)}
        return geld(regels.basissubsidie(regeling_uit(naam), componenten).bedrag)

    def bereik(r, *onderdelen):
        n = len(onderdelen[0].codes)
        delen = {c: k.cents() for c, k in zip(COMPONENTEN, onderdelen)}
        geen_totaal = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool)
        basis, fout = tabel.basissubsidie_cents(r, delen, *geen_totaal)
        return _euro(basis), fout

    lezers = tuple(LEZER[c] for c in COMPONENTEN)
    return per_bereik(
        cel, bereik, lezers, organisatiekosten, communicatiekosten, activiteiten, plan_van_aanpak, versie
    )


@xw.func(category=CATEGORIE)
@_arg("huishoudens")
@_arg("versie")
@_one_line_doc
def TOESLAG_PERCENTAGE(huishoudens, versie=STANDAARD):
    """Toeslag communicatiekosten als fractie van de basissubsidie (0 tot 0,15): alleen bij meer
    dan 1.300 huishoudens, oplopend met het aantal huishoudens (§3.4 punt 2)."""

    def cel(aantal, naam):
        return float(regels.toeslag_percentage(regeling_uit(naam), LEZER["huishoudens"](aantal)).percentage)

    def bereik(r, aantal):
        teller, deler, _ = tabel.toeslag_percentage(r, aantal.getallen())
        # Both below 2^53, so the quotient is the float nearest the exact fraction, as float(Fraction) is.
        return teller / deler, np.zeros(len(teller), dtype=bool)

    return per_bereik(cel, bereik, (LEZER["huishoudens"],), huishoudens, versie)


@xw.func(category=CATEGORIE)
@_arg("huishoudens")
@_arg("basissubsidie")
@_arg("besteed")
@_arg("versie")
@_one_line_doc
def TOESLAG_COMMUNICATIE(huishoudens, basissubsidie, besteed=None, versie=STANDAARD):
    """Toeslag communicatiekosten in euro, alleen als de basissubsidie volledig is besteed. Zonder
    'besteed' de potentiële toeslag: het bedrag dat de begroting moet reserveren (§3.4 punt 2)."""

    def cel(aantal, basis, uitgegeven, naam):
        r = regeling_uit(naam)
        aantal = LEZER["huishoudens"](aantal)
        basis = regels.basissubsidie(r, totaal=LEZER["basissubsidie"](basis))
        uitgegeven = LEZER["besteed"](uitgegeven)
        return geld(regels.toeslag_communicatie(r, aantal, basis.bedrag, uitgegeven).bedrag)

    def bereik(r, aantal, basis, uitgegeven):
        basis_cents, fout = _opgegeven_totaal(r, basis)
        toeslag, _, _ = tabel.toeslag_cents(r, aantal.getallen(), basis_cents, *uitgegeven.cents())
        return _euro(toeslag), fout

    lezers = (LEZER["huishoudens"], LEZER["basissubsidie"], LEZER["besteed"])
    return per_bereik(cel, bereik, lezers, huishoudens, basissubsidie, besteed, versie)


@xw.func(category=CATEGORIE)
@_arg("buurtscore")
@_arg("aangevraagd")
@_arg("versie")
@_one_line_doc
def SUPPLEMENT_KWETSBAAR(buurtscore, aangevraagd=None, versie=STANDAARD):
    """Supplement kwetsbare buurten in euro: bij een buurtscore onder 57 het aangevraagde bedrag,
    hoogstens € 3.000; zonder aanvraag wordt het maximum gereserveerd (§3.4 punt 3)."""

    def cel(score, gevraagd, naam):
        score, gevraagd = LEZER["buurtscore"](score), LEZER["aangevraagd"](gevraagd)
        return geld(regels.supplement_kwetsbaar(regeling_uit(naam), score, gevraagd).bedrag)

    def bereik(r, score, gevraagd):
        supplement, _ = tabel.supplement_cents(r, score.waarden(), *gevraagd.cents())
        return _euro(supplement), np.zeros(len(supplement), dtype=bool)

    lezers = (LEZER["buurtscore"], LEZER["aangevraagd"])
    return per_bereik(cel, bereik, lezers, buurtscore, aangevraagd, versie)


def _aanvraag(basis, aantal, score, uitgegeven, gevraagd) -> Aanvraag:
    """One application from the cells of SUBSIDIE_TOTAAL / UITLEG (parsing only).

    An empty buurtscore is allowed, as in the input contract: the rule then gives no supplement and
    says why (UITLEG shows it).
    """
    return Aanvraag(
        buurt="(Excel-functie)",
        basissubsidie=LEZER["basissubsidie"](basis),
        huishoudens=LEZER["huishoudens"](aantal),
        buurtscore=LEZER["buurtscore"](score),
        besteed=LEZER["besteed"](uitgegeven),
        supplement_aangevraagd=LEZER["aangevraagd"](gevraagd),
    )


# The cells of SUBSIDIE_TOTAAL / UITLEG in argument order, for the range path.
_AANVRAAG_LEZERS = tuple(
    LEZER[n] for n in ("basissubsidie", "huishoudens", "buurtscore", "besteed", "aangevraagd")
)


@xw.func(category=CATEGORIE)
@_arg("basissubsidie")
@_arg("huishoudens")
@_arg("buurtscore")
@_arg("besteed")
@_arg("aangevraagd")
@_arg("versie")
@_one_line_doc
def SUBSIDIE_TOTAAL(
    basissubsidie, huishoudens, buurtscore, besteed=None, aangevraagd=None, versie=STANDAARD
):
    """Totale subsidie in euro voor één buurtnetwerk i.o.: basissubsidie + toeslag
    communicatiekosten + supplement kwetsbare buurten (§3.4)."""

    def cel(basis, aantal, score, uitgegeven, gevraagd, naam):
        aanvraag = _aanvraag(basis, aantal, score, uitgegeven, gevraagd)
        return geld(regels.bereken(regeling_uit(naam), aanvraag).totaal)

    def bereik(r, basis, aantal, score, uitgegeven, gevraagd):
        basis_cents, fout = _opgegeven_totaal(r, basis)
        toeslag, _, _ = tabel.toeslag_cents(r, aantal.getallen(), basis_cents, *uitgegeven.cents())
        supplement, _ = tabel.supplement_cents(r, score.waarden(), *gevraagd.cents())
        return _euro(basis_cents + toeslag + supplement), fout

    argumenten = (basissubsidie, huishoudens, buurtscore, besteed, aangevraagd, versie)
    return per_bereik(cel, bereik, _AANVRAAG_LEZERS, *argumenten)


@xw.func(category=CATEGORIE)
@_arg("naam")
@_arg("versie")
@_one_line_doc
def REGELING(naam, versie=STANDAARD):
    """De waarde van een parameter van de regeling (bedrag, aantal, fractie of WAAR/ONWAAR), zodat
    een blad de getallen van de regeling kan tonen."""

    def cel(parameter, regeling_naam):
        waarde = regeling_uit(regeling_naam).waarde(tekst(parameter, "naam"))
        return waarde if isinstance(waarde, bool) else float(waarde)

    return per_cel(cel, naam, versie)


@xw.func(category=CATEGORIE)
@_arg("basissubsidie")
@_arg("huishoudens")
@_arg("buurtscore")
@_arg("besteed")
@_arg("aangevraagd")
@_arg("versie")
@_one_line_doc
def UITLEG(
    basissubsidie, huishoudens, buurtscore, besteed=None, aangevraagd=None, versie=STANDAARD
):
    """De redenen achter SUBSIDIE_TOTAAL als tekst, met de paragraaf van het besluit. Bij foute
    invoer de reden van de fout ("Fout: …")."""

    def cel(basis, aantal, score, uitgegeven, gevraagd, naam):
        aanvraag = _aanvraag(basis, aantal, score, uitgegeven, gevraagd)
        resultaat = regels.bereken(regeling_uit(naam), aanvraag)
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
        versie,
        bij_fout=lambda fout: f"Fout: {fout.melding}",
    )
