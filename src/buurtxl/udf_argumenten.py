"""Arguments in and results out for the Excel functions in `udfs`; no rule of the scheme lives here.

Excel hands a function one value or a block of cells per argument. `per_cel` broadcasts the
arguments to one shape (a single cell against a column, a row against a column, as Excel does),
applies a per-cell function and turns a cell whose input breaks the contract into a `Fout` with the
core's Dutch message, so only the bad cells of a range fail. `naar_excel` then gives every route the
error value it can show:

- plain Python (Linux, tests): the `Fout` objects themselves;
- Office.js custom functions (xlwings Server, env XLWINGS_ON_SERVER=true): a single-cell result
  raises `UdfFout`, which xlwings' add-in shows as #WAARDE! with the Dutch message on the error
  flag; inside a range a bad cell is the string "#VALUE!", which xlwings' officejs engine sends as a
  real #WAARDE! cell (an Excel error cell value has no field for a message);
- the classic Windows add-in (COM): a VT_ERROR variant, a real #WAARDE! cell (a VBA function cannot
  attach a message to an error). On every route `UITLEG` shows the Dutch message as text.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

import numpy as np
from xlwings import XlwingsError

from . import regeling as regelingen
from . import waarden
from .regeling import Regeling, RegelingFout
from .rules import RegelFout

# Excel's error values as xlwings passes them in with err_to_str=True.
EXCEL_FOUTEN = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"})
# Excel's #VALUE! as a COM error code (the same number xlwings reads back from such a cell).
_COM_WAARDE_FOUT = -2146826273

# The errors that mean "this input breaks the contract"; anything else is a bug and must surface.
INVOERFOUTEN = (waarden.WaardeFout, RegelFout, RegelingFout, KeyError)


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
class Fout:
    """A cell that cannot be computed, with the Dutch reason."""

    melding: str

    def __str__(self) -> str:
        return f"#WAARDE! {self.melding}"


class UdfFout(XlwingsError):
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
    _controleer(waarde, "regeling")
    if waarden.is_leeg(waarde):
        return regelingen.load(regelingen.STANDAARD)
    if isinstance(waarde, float) and waarde.is_integer():
        waarde = int(waarde)
    return regelingen.load(str(waarde))


def tekst(waarde: object, naam: str) -> str:
    _controleer(waarde, naam)
    if waarden.is_leeg(waarde) or not isinstance(waarde, str):
        raise waarden.WaardeFout(f"{naam}: '{'' if waarde is None else waarde}' is geen tekst")
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
    bij_fout: Callable[[Fout], Any] | None = None,
) -> Any:
    """`functie` applied cell by cell to the arguments broadcast to one shape, ready for Excel."""
    blokken = [blok(a) for a in argumenten]
    try:
        np.broadcast_shapes(*(b.shape for b in blokken))
    except ValueError:
        vormen = ", ".join(f"{b.shape[0]}×{b.shape[1]}" for b in blokken)
        return naar_excel(
            [[Fout(f"De bereiken hebben verschillende afmetingen ({vormen}); geef bereiken van "
                   f"gelijke grootte of één enkele cel")]]
        )

    def veilig(*cel: object) -> Any:
        try:
            return functie(*cel)
        except INVOERFOUTEN as exc:
            fout = Fout(melding(exc))
            return bij_fout(fout) if bij_fout else fout

    uitkomst = np.frompyfunc(veilig, len(blokken), 1)(*blokken)
    return naar_excel(np.asarray(uitkomst, dtype=object).tolist())


def route() -> str:
    """Which Excel integration is calling; decided like xlwings decides which decorators to use."""
    if os.environ.get("XLWINGS_ON_SERVER") == "true":
        return "officejs"
    if sys.platform == "win32":
        return "klassiek"
    return "python"


def naar_excel(cellen: list[list[Any]]) -> Any:
    """The 2-D result as the calling route needs it (see the module docstring)."""
    soort = route()
    if soort == "officejs":
        if len(cellen) == 1 and len(cellen[0]) == 1 and isinstance(cellen[0][0], Fout):
            raise UdfFout(cellen[0][0].melding)
        return [["#VALUE!" if isinstance(c, Fout) else c for c in rij] for rij in cellen]
    if soort == "klassiek":
        fout = _com_fout()
        cellen = [[fout if isinstance(c, Fout) else c for c in rij] for rij in cellen]
    if len(cellen) == 1 and len(cellen[0]) == 1:
        return cellen[0][0]
    return cellen


def _com_fout() -> Any:
    # Only reached on Windows, where the classic add-in runs on pywin32.
    import pythoncom
    from win32com.client import VARIANT

    return VARIANT(pythoncom.VT_ERROR, _COM_WAARDE_FOUT)
