"""The scheme as Excel worksheet functions: =BASISSUBSIDIE(), =TOESLAG_COMMUNICATIE(), …

Each function converts its cells (`udf_argumenten`), calls the core and hands the result back; no rule
is written here. A single cell goes through `regels` (the per-row functions); a range goes through
`udf_argumenten.per_bereik`: vectorised with numpy under CPython (`bereik`), in plain Python in xlwings
Lite, each bad cell with the error `regels` words. Names, argument order and argument help come from one
table, `excelfuncties` (the workbook writer's `udf` mode reads it too): `@_excelfunctie` gives each
function the signature of its row, which is what xlwings reads, and the xlwings options per argument.

One module serves all three xlwings routes, and imports nothing heavy (no numpy or pandas), so xlwings
Lite loads it in Pyodide (xl/lite/main.py takes the functions from here). The decorators are plain
`xw.func/xw.arg`, which xlwings binds when it is first imported: the classic COM decorators on Windows
with pywin32 (the BSD-licensed add-in, *Import Functions*), the Office.js custom-function decorators of
`xlwings.server` when XLWINGS_ON_SERVER=true (`buurtxl serve`, xlwings PRO: PolyForm Noncommercial
unless licensed; and xlwings Lite, which sets it itself), and no-ops anywhere else, so on Linux these
are plain Python functions. Every option used here means the same on both
routes; `category` is classic-only and the server decorators ignore it.

Why the Python names are upper case: classic xlwings has no `name=` option, so the Python name is the
worksheet name there; upper case makes it the contract's name on both routes. Why there are no type
hints on the functions: xlwings reads a hint as a converter (`object` would mean an object handle).
Docstrings and `doc=` texts are what Excel's function wizard shows, hence Dutch, under Excel's
255-character limit, and without the scheme's numbers (they differ between versions of the regeling).
`help_url` (the README's anchor) is shown by the Office.js route; the classic add-in has no such
option (its Import Functions registers no help file).
"""

import datetime as dt
import functools
import inspect
from collections.abc import Callable
from typing import Any

import xlwings as xw

from .. import regels
from ..model import Aanvraag
from ..opmaak import als_euro
from ..regeling import COMPONENTEN, STANDAARD
from .excelfuncties import FUNCTIES, OMSCHRIJVING, hulp_url
from .udf_argumenten import LEZER, geld, per_bereik, per_cel, regeling_uit, tekst

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
DOC = OMSCHRIJVING  # the function wizard's text per argument


def _excelfunctie(f: Callable[..., Any]) -> Callable[..., Any]:
    """Make `f(*cellen)` the worksheet function of its row in `excelfuncties.FUNCTIES`.

    The wrapper has that row's signature (required arguments, then optional ones defaulting to
    None, `versie` defaulting to the standard regeling), which xlwings reads on every route; a call
    with fewer or named arguments is completed to all cells in table order before `f` sees them.
    """
    functie = FUNCTIES[f.__name__]
    optioneel = {**dict.fromkeys(functie.optioneel), "versie": STANDAARD}
    handtekening = inspect.Signature(
        [
            inspect.Parameter(
                a, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=optioneel.get(a, inspect.Parameter.empty)
            )
            for a in functie.argumenten
        ]
    )

    @functools.wraps(f)
    def excelfunctie(*args: object, **kwargs: object) -> Any:
        cellen = handtekening.bind(*args, **kwargs)
        cellen.apply_defaults()
        return f(*cellen.args)

    excelfunctie.__signature__ = handtekening  # type: ignore[attr-defined]
    # Excel shows the docstring as the function's help: one line, without source indentation. Set
    # before the first xw.arg, which is where xlwings reads it.
    excelfunctie.__doc__ = " ".join((f.__doc__ or "").split())
    for naam in functie.argumenten:
        # ndim=2: a cell and a range arrive alike, as rows of cells. err_to_str: an input cell holding
        # an Excel error arrives as "#VALUE!" (named in the message) instead of as an empty cell.
        excelfunctie = xw.arg(naam, ndim=2, err_to_str=True, doc=OMSCHRIJVING[naam])(excelfunctie)
    return xw.func(category=CATEGORIE, help_url=hulp_url(functie.naam))(excelfunctie)


@_excelfunctie
def BASISSUBSIDIE(*cellen):
    """Basissubsidie in euro: de vier onderdelen samen; een leeg onderdeel telt met het
    standaardbedrag. Een fout als het totaal buiten het minimum en maximum van de regeling valt
    (§3.4 punt 1)."""

    def cel(organisatie, communicatie, activiteit, plan, versie):
        cellen = (organisatie, communicatie, activiteit, plan)
        componenten = {c: LEZER[c](waarde) for c, waarde in zip(COMPONENTEN, cellen, strict=True)}
        return geld(regels.basissubsidie(regeling_uit(versie), componenten).bedrag)

    return per_bereik(cel, "BASISSUBSIDIE", *cellen)


@_excelfunctie
def TOESLAG_PERCENTAGE(*cellen):
    """Toeslag communicatiekosten als fractie: geen tot en met de drempel voor het aantal
    huishoudens, daarboven oplopend tot het maximum (§3.4 punt 2). Basis (de basissubsidie) en
    schaal zijn een keuze van de gemeente: het besluit noemt ze niet."""

    def cel(aantal, versie):
        return float(regels.toeslag_percentage(regeling_uit(versie), LEZER["huishoudens"](aantal)).percentage)

    return per_bereik(cel, "TOESLAG_PERCENTAGE", *cellen)


@_excelfunctie
def TOESLAG_COMMUNICATIE(*cellen):
    """Toeslag communicatiekosten in euro, alleen als de basissubsidie volledig is besteed; met een
    aanvraag hoogstens het aangevraagde bedrag. Zonder 'besteed' de potentiële toeslag: het bedrag
    dat de begroting moet reserveren (§3.4 punt 2)."""

    def cel(aantal, basis, uitgegeven, gevraagd, versie):
        r = regeling_uit(versie)
        aantal = LEZER["huishoudens"](aantal)
        basis = regels.basissubsidie(r, totaal=LEZER["basissubsidie"](basis))
        uitgegeven, gevraagd = LEZER["besteed"](uitgegeven), LEZER["toeslag_aangevraagd"](gevraagd)
        return geld(regels.toeslag_communicatie(r, aantal, basis.bedrag, uitgegeven, gevraagd).bedrag)

    return per_bereik(cel, "TOESLAG_COMMUNICATIE", *cellen)


@_excelfunctie
def SUPPLEMENT_KWETSBAAR(*cellen):
    """Supplement kwetsbare buurten in euro: bij een buurtscore onder de grens van de regeling het
    aangevraagde bedrag, hoogstens het maximum; zonder aanvraag wordt het maximum gereserveerd
    (§3.4 punt 3)."""

    def cel(score, gevraagd, versie):
        score, gevraagd = LEZER["buurtscore"](score), LEZER["aangevraagd"](gevraagd)
        return geld(regels.supplement_kwetsbaar(regeling_uit(versie), score, gevraagd).bedrag)

    return per_bereik(cel, "SUPPLEMENT_KWETSBAAR", *cellen)


def _aanvraag(basis, aantal, score, uitgegeven, gevraagd, toeslag_gevraagd) -> Aanvraag:
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
        toeslag_aangevraagd=LEZER["toeslag_aangevraagd"](toeslag_gevraagd),
    )


@_excelfunctie
def SUBSIDIE_TOTAAL(*cellen):
    """Totale subsidie in euro voor één buurtnetwerk i.o.: basissubsidie + toeslag
    communicatiekosten + supplement kwetsbare buurten (§3.4); toeslag en supplement hoogstens het
    aangevraagde bedrag als dat is ingevuld."""

    def cel(basis, aantal, score, uitgegeven, gevraagd, toeslag_gevraagd, versie):
        aanvraag = _aanvraag(basis, aantal, score, uitgegeven, gevraagd, toeslag_gevraagd)
        return geld(regels.bereken(regeling_uit(versie), aanvraag).totaal)

    return per_bereik(cel, "SUBSIDIE_TOTAAL", *cellen)


@_excelfunctie
def REGELING(*cellen):
    """De waarde van een parameter van de regeling (bedrag, aantal, fractie, datum of WAAR/ONWAAR),
    zodat een blad de getallen van de regeling kan tonen."""

    def cel(parameter, versie):
        waarde = regeling_uit(versie).waarde(tekst(parameter, "naam"))
        return waarde if isinstance(waarde, (bool, dt.date)) else float(waarde)

    return per_cel(cel, *cellen)


@_excelfunctie
def UITLEG(*cellen):
    """De redenen achter SUBSIDIE_TOTAAL als tekst, met de paragraaf van het besluit. Bij foute
    invoer de reden van de fout ("Fout: …")."""

    def cel(basis, aantal, score, uitgegeven, gevraagd, toeslag_gevraagd, versie):
        aanvraag = _aanvraag(basis, aantal, score, uitgegeven, gevraagd, toeslag_gevraagd)
        resultaat = regels.bereken(regeling_uit(versie), aanvraag)
        delen = [
            resultaat.reden_basissubsidie,
            resultaat.reden_toeslag,
            resultaat.reden_supplement,
            *resultaat.waarschuwingen,
            f"Totaal {als_euro(resultaat.totaal)}",
        ]
        return " | ".join(delen)

    return per_cel(cel, *cellen, bij_fout=lambda fout: f"Fout: {fout.melding}")
