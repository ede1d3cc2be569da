"""Arguments in and results out for the Excel functions in `udfs`; no rule of the scheme lives here.

Excel hands a function one value or a block of cells per argument. `per_cel` broadcasts the
arguments to one shape (a single cell against a column, a row against a column, as Excel does),
applies a per-cell function and turns a cell whose input breaks the contract into a `Foutcel` with the
core's Dutch message, so only the bad cells of a range fail. `per_bereik` gives the same result for
a range at less cost. Under CPython with numpy (the classic add-in, `buurtxl serve`) it hands the
range to `bereik`, which reads each distinct cell value once and computes all good rows at once
with the vectorised rules of `tabel`. In xlwings Lite (Pyodide) numpy would cost seconds at every
workbook open, so there a range goes through the per-cell function once per distinct row, in plain
Python; tests/test_udfs_bereik.py holds both paths equal. `naar_excel` then gives every route the
error value it can show:

- plain Python (Linux, tests): the `Foutcel` objects themselves;
- Office.js custom functions (xlwings Server and xlwings Lite, env XLWINGS_ON_SERVER=true): a
  single-cell result raises `UdfFout`, which xlwings' add-in shows as #WAARDE! with the Dutch message
  on the error flag; inside a range a bad cell is the string "#VALUE!", which xlwings' officejs
  engine sends as a real #WAARDE! cell (an Excel error cell value has no field for a message);
- the classic Windows add-in (COM): a VT_ERROR variant, a real #WAARDE! cell (a VBA function cannot
  attach a message to an error). On every route `UITLEG` shows the Dutch message as text.

This module imports nothing heavy (no numpy): it is what xlwings Lite loads.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from xlwings import XlwingsError

from .. import invoer, regeling as regelingen, waarden
from ..model import BuurtxlFout
from ..regeling import Regeling
from ..velden import veld
from .excelfuncties import FUNCTIES, LEEG, VELD

# Excel's error values as xlwings passes them in with err_to_str=True.
EXCEL_FOUTEN = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"})
# Excel's #VALUE! as a COM error code (the same number xlwings reads back from such a cell).
_COM_WAARDE_FOUT = -2146826273

# The errors that mean "this input breaks the contract"; anything else is a bug and must surface.
# KeyError: `Regeling.waarde` names an unknown parameter with one (in Dutch).
INVOERFOUTEN = (BuurtxlFout, KeyError)

# Whether a range goes through the vectorised path of `bereik` (numpy): everywhere but Pyodide,
# where importing numpy would cost more than the range it saves. Tests switch it to compare both.
VECTORIEEL = sys.platform != "emscripten" and importlib.util.find_spec("numpy") is not None

Blok = list[list[Any]]


def _jsnull_zonder_import_per_cel() -> None:
    """Work around a cost in xlwings' Office.js route (seen in 0.37.8, see bench/ and BENCHMARKS.md).

    Its `utils.is_jsnull`, called for every cell of every range argument, runs
    `from pyodide.ffi import JsNull` inside a try. Outside Pyodide that import fails anew for each
    cell (a failed import is not cached, so Python searches sys.path every time): one
    TOESLAG_COMMUNICATIE call over 10,000 rows spent about 3 s there. Outside Pyodide no value can
    be a JsNull, so there the check gets its answer directly; inside Pyodide nothing changes.
    """
    if importlib.util.find_spec("pyodide") is not None:
        return
    from xlwings import utils

    if hasattr(utils, "is_jsnull"):
        utils.is_jsnull = lambda value: False


_jsnull_zonder_import_per_cel()


@dataclass(frozen=True)
class Foutcel:
    """A cell that cannot be computed, with the Dutch reason."""

    melding: str

    def __str__(self) -> str:
        return f"#WAARDE! {self.melding}"


class UdfFout(BuurtxlFout, XlwingsError):
    """A single-cell result failed; xlwings Server shows the message on the #WAARDE! error flag."""


def melding(exc: Exception) -> str:
    # KeyError's str() adds quotes around its message; take the message itself.
    return str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)


def _controleer(waarde: object, naam: str) -> None:
    if isinstance(waarde, str) and waarde.strip() in EXCEL_FOUTEN:
        raise waarden.WaardeFout(f"{naam}: de cel bevat zelf een fout ({waarde.strip()})")


def verplicht(parse: Callable[[object, str], Any], waarde: object, naam: str) -> Any:
    """A required cell: empty is an error, never a silent 0."""
    _controleer(waarde, naam)
    if waarden.is_leeg(waarde):
        raise waarden.WaardeFout(f"{naam}: de cel is leeg, maar deze waarde is verplicht")
    return parse(waarde, naam)


def optioneel(parse: Callable[[object, str], Any], waarde: object, naam: str) -> Any:
    """An optional cell: empty means "not given" (None), so the rule's default applies."""
    _controleer(waarde, naam)
    return None if waarden.is_leeg(waarde) else parse(waarde, naam)


# Readers of one cell, shared by the single-cell and the range paths: (value → domain value or None).
# The field's kind picks the parser (as in the input contract); the function table says whether an
# empty cell is allowed.
LEZER: dict[str, Callable[[object], Any]] = {
    argument: partial(
        optioneel if LEEG[argument] else verplicht, invoer.LEZER[veld(VELD[argument]).soort], naam=argument
    )
    for argument in VELD
}


def lezers(naam: str) -> tuple[Callable[[object], Any], ...]:
    """The readers of a function's cells in argument order, without `versie` (read by regeling_uit)."""
    return tuple(LEZER[a] for a in FUNCTIES[naam].argumenten[:-1])


def regeling_uit(waarde: object) -> Regeling:
    """The regeling named in a cell; empty is the standard one. A typed number 2018 is "2018"."""
    _controleer(waarde, "versie")
    if waarden.is_leeg(waarde):
        return regelingen.laad(regelingen.STANDAARD)
    # A typed number reads as Excel shows it: 2018 (not 2018.0), 2018,5 in the message.
    return regelingen.laad(waarden.weergave(waarde))


def tekst(waarde: object, naam: str) -> str:
    _controleer(waarde, naam)
    if waarden.is_leeg(waarde) or not isinstance(waarde, str):
        raise waarden.WaardeFout(f"{naam}: '{'' if waarde is None else waarden.weergave(waarde)}' is geen tekst")
    return waarde.strip()


def geld(bedrag: Decimal) -> float:
    """An amount the core already rounded to the cent, as the number Excel holds."""
    return float(bedrag)


def blok(waarde: object) -> Blok:
    """Any argument as a 2-D block, rows of cells: a scalar is 1×1 and a flat list one row, as
    xlwings' ndim=2 gives them (an array from a Python caller is taken as its list)."""
    if hasattr(waarde, "tolist"):
        waarde = waarde.tolist()
    if not isinstance(waarde, (list, tuple)):
        return [[waarde]]
    if waarde and all(isinstance(rij, (list, tuple)) for rij in waarde):
        return [list(rij) for rij in waarde]
    return [list(waarde)]


def vorm(blokken: list[Blok]) -> tuple[int, int] | None:
    """The shape the blocks broadcast to (per dimension: all equal, or 1), None when they do not."""
    maten: list[int] = []
    for as_ in (0, 1):
        gezien = {len(b) if as_ == 0 else len(b[0]) for b in blokken}
        if len(gezien - {1}) > 1:
            return None
        maten.append(max(gezien - {1}, default=1))
    if any(len(rij) != len(b[0]) for b in blokken for rij in b):
        return None  # ragged rows (not from Excel)
    return maten[0], maten[1]


def cellen_per_positie(blokken: list[Blok], rijen: int, kolommen: int) -> list[list[tuple[Any, ...]]]:
    """For each position of the broadcast shape, the tuple of cells the arguments give there."""
    return [
        [
            tuple(b[i if len(b) > 1 else 0][j if len(b[0]) > 1 else 0] for b in blokken)
            for j in range(kolommen)
        ]
        for i in range(rijen)
    ]


def _vormfout(blokken: list[Blok]) -> Any:
    vormen = ", ".join(f"{len(b)}×{len(b[0]) if b else 0}" for b in blokken)
    return naar_excel(
        [[Foutcel(f"De bereiken hebben verschillende afmetingen ({vormen}); geef bereiken van "
               f"gelijke grootte of één enkele cel")]]
    )


def per_cel(
    functie: Callable[..., Any],
    *argumenten: object,
    bij_fout: Callable[[Foutcel], Any] | None = None,
) -> Any:
    """`functie` applied cell by cell to the arguments broadcast to one shape, ready for Excel."""
    blokken = [blok(a) for a in argumenten]
    maten = vorm(blokken)
    if maten is None:
        return _vormfout(blokken)
    return naar_excel(
        [[_cel_of_fout(functie, cel, bij_fout) for cel in rij] for rij in cellen_per_positie(blokken, *maten)]
    )


def _cel_of_fout(functie: Callable[..., Any], cel: tuple, bij_fout: Callable[[Foutcel], Any] | None = None) -> Any:
    """`functie` on one cell; input that breaks the contract becomes a `Foutcel`."""
    try:
        return functie(*cel)
    except INVOERFOUTEN as exc:
        foutcel = Foutcel(melding(exc))
        return bij_fout(foutcel) if bij_fout else foutcel


def per_bereik(functie: Callable[..., Any], naam: str, *argumenten: object) -> Any:
    """The same result as ``per_cel(functie, *argumenten)`` for worksheet function `naam`, a range
    computed at less cost: vectorised by `bereik` where numpy is (VECTORIEEL), else in plain Python
    with `functie` called once per distinct row of cells."""
    if VECTORIEEL:
        from . import bereik

        return bereik.per_bereik(functie, naam, *argumenten)
    blokken = [blok(a) for a in argumenten]
    maten = vorm(blokken)
    if maten is None:
        return _vormfout(blokken)
    gedaan: dict[tuple[tuple[type, object], ...], Any] = {}

    def eens(cel: tuple) -> Any:
        try:
            sleutel = tuple((type(c), c) for c in cel)  # True, 1 and 1.0 are equal but read differently
            if sleutel not in gedaan:
                gedaan[sleutel] = _cel_of_fout(functie, cel)
            return gedaan[sleutel]
        except TypeError:  # an unhashable cell (not from Excel)
            return _cel_of_fout(functie, cel)

    return naar_excel([[eens(cel) for cel in rij] for rij in cellen_per_positie(blokken, *maten)])


def route() -> str:
    """Which Excel integration is calling; decided like xlwings decides which decorators to use."""
    if os.environ.get("XLWINGS_ON_SERVER") == "true":
        return "officejs"
    if sys.platform == "win32":
        return "klassiek"
    return "python"


def naar_excel(cellen: Blok) -> Any:
    """The 2-D result as the calling route needs it (see the module docstring)."""
    soort = route()
    enkel = len(cellen) == 1 and len(cellen[0]) == 1
    if soort == "officejs" and enkel and isinstance(cellen[0][0], Foutcel):
        raise UdfFout(cellen[0][0].melding)
    if soort in ("officejs", "klassiek") and any(isinstance(c, Foutcel) for rij in cellen for c in rij):
        fout = "#VALUE!" if soort == "officejs" else _com_fout()
        cellen = [[fout if isinstance(c, Foutcel) else c for c in rij] for rij in cellen]
    if enkel and soort != "officejs":  # Office.js always takes a block
        return cellen[0][0]
    return cellen


def _com_fout() -> Any:
    # Only reached on Windows, where the classic add-in runs on pywin32.
    import pythoncom
    from win32com.client import VARIANT

    return VARIANT(pythoncom.VT_ERROR, _COM_WAARDE_FOUT)
