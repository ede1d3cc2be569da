"""Build xl/buurtxl_officejs.xlsx: the example workbook for the Office.js route (`buurtxl serve`).

    python xl/maak_werkmap_officejs.py       # rewrites xl/buurtxl_officejs.xlsx next to this script

The sheet "Voorbeeld" is the one of xl/buurtxl.xlsm, written by the same code (`maak_werkmap`), with
the function names of the add-in: in Excel the formulas read =BUURTXL.BASISSUBSIDIE(…). In the file
they are stored as Excel itself stores a function of an Office.js add-in, `_xldudf_BUURTXL_…`
(namespace and name joined by an underscore); Excel shows the BUURTXL. name and calls the server
once the add-in is loaded. A plain .xlsx: this route needs no macros.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import openpyxl
from openpyxl.worksheet.formula import ArrayFormula

from buurtxl.excel import udfs
from buurtxl.opslaan import schrijf_atomair

DOEL = Path(__file__).with_name("buurtxl_officejs.xlsx")
NAMESPACE = "BUURTXL"  # XLWINGS_FUNCTIONS_NAMESPACE of `buurtxl serve` (src/buurtxl/excel/officejs/config.py)
OPGESLAGEN = f"_xldudf_{NAMESPACE}_"  # how a file stores =BUURTXL.NAAM(: _xldudf_BUURTXL_NAAM(

# A function call, not a longer name or a quoted parameter name: =REGELING("toeslag.drempel…").
_AANROEP = re.compile(r"(?<![\w.])(" + "|".join(sorted(udfs.__all__, key=len, reverse=True)) + r")\(")

UITLEG = (
    "Eerst eenmalig: laad de invoegtoepassing buurtxl (uw beheerder plaatst haar via het Microsoft "
    "365-beheercentrum, zie docs/SERVER.md). De functies heten hier BUURTXL.BASISSUBSIDIE enzovoort; "
    "tot de invoegtoepassing geladen is, toont Excel #NAAM?. Staat er na het laden nog #NAAM?: "
    "Ctrl+Alt+F9 (alles opnieuw berekenen)."
)


def _klassiek() -> ModuleType:
    """xl/maak_werkmap.py, the builder of the classic workbook, whose example sheet is reused."""
    spec = importlib.util.spec_from_file_location("maak_werkmap", Path(__file__).with_name("maak_werkmap.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("maak_werkmap", module)
    spec.loader.exec_module(module)
    return module


def opgeslagen(formule: str) -> str:
    """=TOESLAG_PERCENTAGE(B5) → =_xldudf_BUURTXL_TOESLAG_PERCENTAGE(B5), the form in the file."""
    return _AANROEP.sub(lambda m: f"{OPGESLAGEN}{m.group(1)}(", formule)


def zichtbaar(tekst: str) -> str:
    """=TOESLAG_PERCENTAGE(B5) → =BUURTXL.TOESLAG_PERCENTAGE(B5), as Excel shows it (labels)."""
    return _AANROEP.sub(lambda m: f"{NAMESPACE}.{m.group(1)}(", tekst)


def maak(doel: Path = DOEL) -> Path:
    """Write the workbook to `doel` (replacing it) and return the path."""
    return schrijf_atomair(doel, _schrijf, overschrijven=True)


def _schrijf(pad: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Voorbeeld"
    _klassiek()._vul_voorbeeld(ws)
    ws["A2"] = UITLEG
    for rij in ws.iter_rows():
        for cel in rij:
            if isinstance(cel.value, ArrayFormula):
                cel.value = ArrayFormula(cel.value.ref, opgeslagen(cel.value.text))
            elif isinstance(cel.value, str) and cel.value.startswith("="):
                cel.value = opgeslagen(cel.value)
            elif isinstance(cel.value, str):
                cel.value = zichtbaar(cel.value)
    wb.calculation.fullCalcOnLoad = True  # Excel computes every formula when the workbook opens
    wb.save(pad)
    _klassiek()._als_dynamische_matrices(pad)  # the range formulas spill, as in the classic workbook
    pad.chmod(0o644)  # the temporary file is private; the workbook is meant to be shared


if __name__ == "__main__":
    print(f"Geschreven: {maak()}")
