"""Arguments in and results out for the Excel functions in `udfs`; no rule of the scheme lives here.

Excel hands a function one value or a block of cells per argument. `per_cel` broadcasts the
arguments to one shape (a single cell against a column, a row against a column, as Excel does),
applies a per-cell function and turns a cell whose input breaks the contract into a `Foutcel` with the
core's Dutch message, so only the bad cells of a range fail. `per_bereik` gives the same result for
a range at a fraction of the cost: it reads each distinct cell value once and computes all good rows
at once with the vectorised rules of `tabel`; only rows with bad input go through the per-cell
function, which words their error. `naar_excel` then gives every route the error value it can show:

- plain Python (Linux, tests): the `Foutcel` objects themselves;
- Office.js custom functions (xlwings Server, env XLWINGS_ON_SERVER=true): a single-cell result
  raises `UdfFout`, which xlwings' add-in shows as #WAARDE! with the Dutch message on the error
  flag; inside a range a bad cell is the string "#VALUE!", which xlwings' officejs engine sends as a
  real #WAARDE! cell (an Excel error cell value has no field for a message);
- the classic Windows add-in (COM): a VT_ERROR variant, a real #WAARDE! cell (a VBA function cannot
  attach a message to an error). On every route `UITLEG` shows the Dutch message as text.
"""

from __future__ import annotations

import importlib.util
import math
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
from xlwings import XlwingsError

from .. import regeling as regelingen, waarden
from ..model import BuurtxlFout
from ..regeling import Regeling

# Excel's error values as xlwings passes them in with err_to_str=True.
EXCEL_FOUTEN = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"})
# Excel's #VALUE! as a COM error code (the same number xlwings reads back from such a cell).
_COM_WAARDE_FOUT = -2146826273

# The errors that mean "this input breaks the contract"; anything else is a bug and must surface.
# KeyError: `Regeling.waarde` names an unknown parameter with one (in Dutch).
INVOERFOUTEN = (BuurtxlFout, KeyError)


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


def blok(waarde: object) -> np.ndarray:
    """Any argument as a 2-D block: a scalar is 1×1 and a flat list one row, as xlwings' ndim=2."""
    return np.array(waarde, dtype=object, ndmin=2)


def per_cel(
    functie: Callable[..., Any],
    *argumenten: object,
    bij_fout: Callable[[Foutcel], Any] | None = None,
) -> Any:
    """`functie` applied cell by cell to the arguments broadcast to one shape, ready for Excel."""
    blokken = [blok(a) for a in argumenten]
    try:
        np.broadcast_shapes(*(b.shape for b in blokken))
    except ValueError:
        vormen = ", ".join(f"{b.shape[0]}×{b.shape[1]}" for b in blokken)
        return naar_excel(
            [[Foutcel(f"De bereiken hebben verschillende afmetingen ({vormen}); geef bereiken van "
                   f"gelijke grootte of één enkele cel")]]
        )

    def cel_of_fout(*cel: object) -> Any:
        return _cel_of_fout(functie, cel, bij_fout)

    return naar_excel(np.frompyfunc(cel_of_fout, len(blokken), 1)(*blokken))


def _cel_of_fout(functie: Callable[..., Any], cel: tuple, bij_fout: Callable[[Foutcel], Any] | None = None) -> Any:
    """`functie` on one cell; input that breaks the contract becomes a `Fout`."""
    try:
        return functie(*cel)
    except INVOERFOUTEN as exc:
        foutcel = Foutcel(melding(exc))
        return bij_fout(foutcel) if bij_fout else foutcel


@dataclass(frozen=True)
class Kolom:
    """One argument of a range call with each distinct cell read once: row i holds
    ``uniek[codes[i]]``, the value its reader gave (None for an empty cell or a bad one)."""

    uniek: list[Any]
    codes: np.ndarray

    def deel(self, rijen: np.ndarray) -> Kolom:
        return Kolom(self.uniek, self.codes[rijen])

    def getallen(self) -> np.ndarray:
        """Whole numbers (huishoudens) as int64."""
        return np.array([0 if v is None else v for v in self.uniek], dtype=np.int64)[self.codes]

    def cents(self) -> tuple[np.ndarray, np.ndarray]:
        """Amounts (Decimals in whole cents) as (int64 cents, known mask)."""
        cents = np.array([0 if v is None else int(v.scaleb(2)) for v in self.uniek], dtype=np.int64)
        bekend = np.array([v is not None for v in self.uniek], dtype=bool)
        return cents[self.codes], bekend[self.codes]

    def waarden(self) -> np.ndarray:
        """The values themselves, as an object array."""
        uniek = np.empty(len(self.uniek), dtype=object)
        uniek[:] = self.uniek
        return uniek[self.codes]


def _codes(cellen: np.ndarray) -> tuple[list[object], np.ndarray]:
    """(distinct cells, index of each cell's distinct value). The type is part of the key: True, 1
    and 1.0 are equal in Python but do not read alike. Floats, ints and empty cells, what Excel sends
    most, are grouped by numpy; anything else by a dict."""
    soorten = np.fromiter(map(type, cellen), dtype=object, count=len(cellen))
    codes = np.empty(len(cellen), dtype=np.intp)
    verschillend: list[object] = []
    leeg = soorten == type(None)  # noqa: E721 (numpy compares element by element; `is` would not)
    if leeg.any():
        codes[leeg] = 0
        verschillend.append(None)
    rest = ~leeg
    for soort, dtype in ((float, np.float64), (int, np.int64)):
        rijen = soorten == soort
        if not rijen.any():
            continue
        try:
            getallen = cellen[rijen].astype(dtype)
        except OverflowError:  # an int beyond int64: the dict below groups it
            continue
        uniek, index = np.unique(getallen, return_inverse=True)
        codes[rijen] = index + len(verschillend)
        verschillend += [soort(u) for u in uniek.tolist()]
        rest &= ~rijen
    sleutels: dict[tuple[type, object], int] = {}
    start = len(verschillend)
    codes[rest] = [sleutels.setdefault((type(c), c), start + len(sleutels)) for c in cellen[rest]]
    return verschillend + [c for _, c in sleutels], codes


def _lees(
    lezer: Callable[[object], Any], blok_: np.ndarray, vorm: tuple[int, int]
) -> tuple[Kolom, np.ndarray]:
    """(the column read, mask of rows whose cell the reader refuses), for `blok_` broadcast to
    `vorm`. Each distinct cell is read once, and a single cell against a range only once."""
    verschillend, codes = _codes(blok_.ravel())
    codes = np.broadcast_to(codes.reshape(blok_.shape), vorm).ravel()
    uniek, goed = [], []
    for cel in verschillend:
        try:
            uniek.append(lezer(cel))
            goed.append(True)
        except INVOERFOUTEN:
            uniek.append(None)
            goed.append(False)
    return Kolom(uniek, codes), ~np.array(goed, dtype=bool)[codes]


def per_bereik(
    functie: Callable[..., Any],
    bereik: Callable[..., tuple[np.ndarray, np.ndarray]],
    lezers: tuple[Callable[[object], Any], ...],
    *argumenten: object,
) -> Any:
    """The same result as ``per_cel(functie, *argumenten)``, with a range computed at once.

    The last argument is the regeling (read with `regeling_uit`); `lezers` read the others, one cell
    each, raising the Dutch error for a bad cell. For each regeling the rows whose cells all read
    well go to ``bereik(regeling, *kolommen)``, which returns (numbers, mask of rows the rule
    refuses). Every other row, and a single cell, goes through `functie`, once per distinct
    combination of cells, so its error is worded exactly as in a single-cell call.
    """
    blokken = [blok(a) for a in argumenten]
    try:
        vorm = np.broadcast_shapes(*(b.shape for b in blokken))
    except ValueError:
        vorm = ()
    if len(vorm) != 2 or math.prod(vorm) <= 1:
        return per_cel(functie, *argumenten)  # a single cell, or a shape error worded there
    try:
        gelezen = [_lees(lezer, b, vorm) for lezer, b in zip((*lezers, regeling_uit), blokken, strict=False)]
    except TypeError:  # an unhashable cell (not from Excel): leave it to the per-cell path
        return per_cel(functie, *argumenten)
    kolommen = [k for k, _ in gelezen]
    foutmasker = np.logical_or.reduce([f for _, f in gelezen])
    uitkomst = np.empty(len(foutmasker), dtype=object)
    regelingen = kolommen[-1]
    for code, regeling in enumerate(regelingen.uniek):
        rijen = np.flatnonzero((regelingen.codes == code) & ~foutmasker)
        if regeling is None or not len(rijen):
            continue
        getallen, geweigerd = bereik(regeling, *(k.deel(rijen) for k in kolommen[:-1]))
        uitkomst[rijen] = getallen  # numpy stores Python floats in an object array
        foutmasker[rijen[geweigerd]] = True
    cellen = [np.broadcast_to(b, vorm).ravel() for b in blokken]
    _per_cel_waar(foutmasker, functie, cellen, kolommen, uitkomst)
    return naar_excel(uitkomst.reshape(vorm), mogelijk_foutmasker=foutmasker.reshape(vorm))


def _per_cel_waar(
    foutmasker: np.ndarray,
    functie: Callable[..., Any],
    cellen: list[np.ndarray],
    kolommen: list[Kolom],
    uitkomst: np.ndarray,
) -> None:
    """Fill the rows marked in `foutmasker` with `functie`, once per distinct combination of cells."""
    rijen = np.flatnonzero(foutmasker)
    if not len(rijen):
        return
    sleutels = np.stack([k.codes[rijen] for k in kolommen], axis=1).tolist()
    gedaan: dict[tuple[int, ...], Any] = {}
    for i, sleutel in zip(rijen.tolist(), map(tuple, sleutels), strict=True):
        if sleutel not in gedaan:
            gedaan[sleutel] = _cel_of_fout(functie, tuple(c[i] for c in cellen))
        uitkomst[i] = gedaan[sleutel]


def route() -> str:
    """Which Excel integration is calling; decided like xlwings decides which decorators to use."""
    if os.environ.get("XLWINGS_ON_SERVER") == "true":
        return "officejs"
    if sys.platform == "win32":
        return "klassiek"
    return "python"


_IS_FOUT = np.frompyfunc(lambda c: isinstance(c, Foutcel), 1, 1)


def naar_excel(cellen: np.ndarray | list[list[Any]], mogelijk_foutmasker: np.ndarray | None = None) -> Any:
    """The 2-D result as the calling route needs it (see the module docstring). `mogelijk_foutmasker`, when
    given, marks the only cells that may hold a `Foutcel` (saves looking at every cell)."""
    cellen = blok(cellen)
    foutmasker = np.zeros(cellen.shape, dtype=bool)
    waar = np.ones(cellen.shape, dtype=bool) if mogelijk_foutmasker is None else mogelijk_foutmasker
    foutmasker[waar] = _IS_FOUT(cellen[waar]).astype(bool)
    soort = route()
    if soort == "officejs" and cellen.size == 1 and foutmasker.all():
        raise UdfFout(cellen.flat[0].melding)
    if foutmasker.any() and soort in ("officejs", "klassiek"):
        cellen = cellen.copy()
        cellen[foutmasker] = "#VALUE!" if soort == "officejs" else _com_fout()
    if cellen.size == 1 and soort != "officejs":  # Office.js always takes a block
        return cellen.flat[0]
    return cellen.tolist()


def _com_fout() -> Any:
    # Only reached on Windows, where the classic add-in runs on pywin32.
    import pythoncom
    from win32com.client import VARIANT

    return VARIANT(pythoncom.VT_ERROR, _COM_WAARDE_FOUT)
