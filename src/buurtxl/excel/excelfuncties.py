"""The Excel functions' names and arguments, in one table.

The worksheet functions (`udfs`: their signatures, the xlwings argument help, which reader takes
each cell), the workbook's udf-mode formulas (`werkmap.formules`) and the tests all read this table,
so an argument is added, renamed or moved here once. This module imports neither xlwings nor
numpy, so the workbook writer can use it cheaply.

The contract (issue 4): `versie` (the version of the regeling) is always the last argument and may
be left out; blank means the standard regeling. Its name is not `regeling`, because VBA refuses a
parameter named like its function (`REGELING`), which stops the whole module xlwings generates.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .. import regeling
from ..regeling import COMPONENTEN
from ..velden import Soort, Veld, veld

VERSIE = "versie"


@dataclass(frozen=True)
class Functie:
    """One worksheet function: its required cells, then its optional ones, then `versie`."""

    naam: str
    verplicht: tuple[str, ...]
    optioneel: tuple[str, ...] = ()

    @property
    def argumenten(self) -> tuple[str, ...]:
        return (*self.verplicht, *self.optioneel, VERSIE)

    def aanroep(self, **cellen: str) -> str:
        """The formula text ``NAAM(a,b,…)`` with each argument given by name (every one)."""
        if set(cellen) != set(self.argumenten):
            raise ValueError(f"{self.naam} neemt {', '.join(self.argumenten)}; gekregen: {', '.join(cellen)}")
        return f"{self.naam}({','.join(cellen[a] for a in self.argumenten)})"


_AANVRAAG = ("basissubsidie", "huishoudens", "buurtscore")
# `aangevraagd` is the supplement's request (its name predates the toeslag's); the toeslag's request
# came later (issue 14) and goes after it, so existing calls keep their positions up to `versie`.
_AANVRAAG_OPTIONEEL = ("besteed", "aangevraagd", "toeslag_aangevraagd")
FUNCTIES: dict[str, Functie] = {
    f.naam: f
    for f in (
        Functie("BASISSUBSIDIE", (), COMPONENTEN),
        Functie("TOESLAG_PERCENTAGE", ("huishoudens",)),
        Functie("TOESLAG_COMMUNICATIE", ("huishoudens", "basissubsidie"), ("besteed", "toeslag_aangevraagd")),
        Functie("SUPPLEMENT_KWETSBAAR", ("buurtscore",), ("aangevraagd",)),
        Functie("SUBSIDIE_TOTAAL", _AANVRAAG, _AANVRAAG_OPTIONEEL),
        Functie("REGELING", ("naam",)),
        Functie("UITLEG", _AANVRAAG, _AANVRAAG_OPTIONEEL),
    )
}


def _versies() -> str:
    # The standard version first, then the others, as the parameter files in the package give them.
    andere = [n for n in regeling.beschikbaar() if n != regeling.STANDAARD]
    return " of ".join(f'"{n}"' for n in [regeling.STANDAARD, *andere])


# The input field each cell argument is: its label, kind and bounds come from `velden`.
VELD: dict[str, str] = {
    **{c: c for c in COMPONENTEN},
    "huishoudens": "huishoudens",
    "basissubsidie": "basissubsidie",
    "besteed": "besteed",
    "buurtscore": "buurtscore",
    "aangevraagd": "supplement_aangevraagd",
    "toeslag_aangevraagd": "toeslag_aangevraagd",
}
# What an empty cell means to the functions (None: the cell is required). Not the input contract's
# rule: a function that needs the basissubsidie cannot fall back on the components.
LEEG: dict[str, str | None] = {
    **dict.fromkeys(COMPONENTEN, "leeg = het standaardbedrag van de regeling"),
    "huishoudens": None,
    "basissubsidie": None,
    "besteed": "leeg = nog onbekend (potentiële toeslag)",
    "buurtscore": "leeg = onbekend (geen supplement)",
    "aangevraagd": "leeg = het maximum wordt gereserveerd",
    "toeslag_aangevraagd": "leeg = het maximum wordt gereserveerd",
}


def _wat(v: Veld) -> str:
    if v.soort is Soort.AANTAL:
        return f"{v.label}: een geheel getal van {v.minimum} of meer"
    if v.soort is Soort.SCORE:
        return f"{v.label}: {v.minimum} tot {v.maximum} (aanname: schaal van de buurtmonitor)"
    return f"{v.label} in euro"


def _omschrijving(argument: str) -> str:
    leeg = LEEG[argument]
    return f"{_wat(veld(VELD[argument]))}, een cel of een bereik; {leeg or 'verplicht'}"


# What Excel's function wizard shows under each argument: Dutch, under 255 characters, and no
# number of the scheme (they differ between versions; =REGELING() shows them).
OMSCHRIJVING: dict[str, str] = {
    **{a: _omschrijving(a) for a in VELD},
    "naam": 'Naam van een parameter, bijvoorbeeld "toeslag.drempel_huishoudens"',
    VERSIE: f"Versie van de regeling: {_versies()}; leeg = standaard",
}

# The README's section on the functions; each function has an anchor there (its name in lower case).
HANDLEIDING_VARIABELE = "BUURTXL_HANDLEIDING"


def hulp_url(naam: str) -> str | None:
    """The help link Excel shows for a function: the README's anchor under the address where the
    municipality publishes it (environment variable BUURTXL_HANDLEIDING); None when not set."""
    basis = os.environ.get(HANDLEIDING_VARIABELE, "").strip()
    return f"{basis.split('#')[0]}#{naam.lower()}" if basis else None
