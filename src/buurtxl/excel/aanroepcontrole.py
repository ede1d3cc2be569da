"""Is a request to /xlwings/custom-functions-call a call Excel could have made, and small enough?

xlwings Server trusts the body: a missing `func_name`, an unknown function, the wrong number of
arguments or a cell that is a JSON object each end in a Python exception, a 500 with a traceback
in the log, and Excel retries a 500 up to three times. `controleer` checks the body's shape before
xlwings sees it and refuses a mistake with 400 and a Dutch message, and a call with more cells than
the server's limit with 413. It quotes a client's text only capped and escaped (`logboek.weergave`).
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from ..model import BuurtxlFout
from .logboek import weergave

INSTELLING_CELLEN = "BUURTXL_MAX_CELLEN"
# Fields xlwings' JavaScript always sends and xlwings Server reads without a default.
VERPLICHTE_TEKST = ("client", "version", "runtime")
# Fields it reads when present; each must then be text.
MOGELIJKE_TEKST = ("caller_address", "culture_info_name", "date_format", "task_key", "session_id")
SCALAIR = (str, int, float, bool, type(None))


def is_cel(waarde: object) -> bool:
    """A cell as Excel sends it: a scalar, or a value of a data type (an error cell, a formatted
    number) as an object with its `type` and its `basicValue`, which is what xlwings reads."""
    if isinstance(waarde, SCALAIR):
        return True
    return (isinstance(waarde, dict) and isinstance(waarde.get("type"), str)
            and isinstance(waarde.get("basicValue", ...), SCALAIR))


class Weigering(BuurtxlFout):
    """The request is refused with `status` and a Dutch `melding` that does not echo the input."""

    def __init__(self, status: int, melding: str) -> None:
        super().__init__(melding)
        self.status, self.melding = status, melding


@dataclass(frozen=True)
class Functie:
    """An Excel function as a call must address it: its arguments and how many are required."""

    naam: str
    argumenten: tuple[str, ...]
    verplicht: int


def functies(module: ModuleType) -> dict[str, Functie]:
    """The custom functions xlwings Server serves from `module`, by the name a call uses."""
    uit = {}
    for naam, f in inspect.getmembers(module, lambda x: hasattr(x, "__xlfunc__")):
        if f.__xlfunc__.get("name") != naam:
            continue  # xlwings looks a call's function up by its attribute name
        parameters = inspect.signature(f).parameters.values()
        argumenten = tuple(p.name for p in parameters)
        verplicht = sum(p.default is inspect.Parameter.empty for p in parameters)
        uit[naam] = Functie(naam, argumenten, verplicht)
    return uit


def getal(n: int) -> str:
    """A count as Dutch readers write it: 50.000."""
    return f"{n:,}".replace(",", ".")


def _lees(body: bytes) -> dict[str, Any]:
    if not body.strip():
        raise Weigering(400, "Het verzoek is leeg: verwacht een aanroep van een Excel-functie (JSON).")
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise Weigering(400, "Het verzoek is geen geldige JSON.") from None
    if not isinstance(data, dict):
        raise Weigering(400, "Het verzoek moet een JSON-object zijn met func_name en args.")
    return data


def _functie(data: Mapping[str, Any], bekend: Mapping[str, Functie]) -> Functie:
    naam = data.get("func_name")
    if naam is None:
        raise Weigering(400, "Het verzoek noemt geen functie (func_name ontbreekt).")
    if not isinstance(naam, str) or naam not in bekend:
        raise Weigering(400, f"Onbekende functie {weergave(naam)}; deze server kent: {', '.join(sorted(bekend))}.")
    return bekend[naam]


def _cellen(functie: Functie, i: int, waarde: object) -> int:
    """How many cells one argument holds: a cell, a row of cells, or rows of equally many cells."""
    naam = f"{functie.naam}, argument {i + 1} ({functie.argumenten[i]})"
    if is_cel(waarde):
        return 1
    if not isinstance(waarde, list) or not waarde:
        raise Weigering(400, f"{naam}: verwacht een cel of een bereik (rijen van cellen).")
    rijen = waarde if all(isinstance(r, list) for r in waarde) else [waarde]
    breedte = len(rijen[0])
    for rij in rijen:
        if len(rij) != breedte or not rij:
            raise Weigering(400, f"{naam}: een bereik heeft rijen van even veel cellen.")
        if not all(is_cel(c) for c in rij):
            raise Weigering(400, f"{naam}: een cel is een getal, tekst, WAAR/ONWAAR, leeg of een Excel-waarde "
                                 "met type en basicValue.")
    return len(rijen) * breedte


def controleer(body: bytes, bekend: Mapping[str, Functie], max_cellen: int) -> int:
    """`Weigering` unless `body` is a well-formed call of a known function within `max_cellen`;
    returns the number of cells."""
    data = _lees(body)
    functie = _functie(data, bekend)
    for veld in VERPLICHTE_TEKST:
        if not isinstance(data.get(veld), str):
            raise Weigering(400, f"Het verzoek mist het tekstveld {veld!r} dat Excel altijd meestuurt.")
    for veld in MOGELIJKE_TEKST:
        if not isinstance(data.get(veld), (str, type(None))):
            raise Weigering(400, f"Het veld {veld!r} van het verzoek is geen tekst.")
    args = data.get("args")
    if not isinstance(args, list):
        raise Weigering(400, f"{functie.naam}: het verzoek heeft geen lijst met argumenten (args).")
    if not functie.verplicht <= len(args) <= len(functie.argumenten):
        aantal = (str(functie.verplicht) if functie.verplicht == len(functie.argumenten)
                  else f"{functie.verplicht} tot {len(functie.argumenten)}")
        raise Weigering(400, f"{functie.naam} verwacht {aantal} argumenten, niet {len(args)}.")
    cellen = sum(_cellen(functie, i, a) for i, a in enumerate(args))
    if cellen > max_cellen:
        raise Weigering(
            413,
            f"{functie.naam}: {getal(cellen)} cellen in één aanroep; deze server rekent er hoogstens "
            f"{getal(max_cellen)} (instelling {INSTELLING_CELLEN}). Verdeel het bereik over meer formules of "
            "vraag de beheerder de grens te verhogen.",
        )
    return cellen
