"""The readers of one sheet compared by bench/bijwerken.py, each in this process after one untimed run.

python-calamine (the fastest), openpyxl read-only as buurtxl read before (stored results and
formulas: both views load the workbook's whole table of shared strings), buurtxl's reader
(`werkblad`: openpyxl's cell model with the strings from python-calamine), and `lezen.lees`
(which adds the checks on the raw file and the validation).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

BLAD = "Aanvragen"


def _calamine(pad: Path) -> object:
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(str(pad)) as wb:
        return wb.get_sheet_by_name(BLAD).to_python()


def _openpyxl(pad: Path) -> object:
    """What buurtxl's reader did before: openpyxl read-only, stored results and formulas."""
    from openpyxl import load_workbook

    waarden = load_workbook(pad, read_only=True, data_only=True)
    formules = load_workbook(pad, read_only=True, data_only=False)
    try:
        ws, wf = waarden[BLAD], formules[BLAD]
        ws.reset_dimensions()
        wf.reset_dimensions()
        return [[(c.value, getattr(c, "number_format", None)) for c in rij] + [f.value for f in rijf]
                for rij, rijf in zip(ws.iter_rows(), wf.iter_rows(), strict=False)]
    finally:
        waarden.close()
        formules.close()


def _werkblad(pad: Path) -> object:
    from buurtxl.invoer import werkblad

    wm = werkblad.open_werkmap(pad)
    try:
        return werkblad.lees_blad(wm, BLAD)
    finally:
        wm.close()


def lees_met_lezen(pad: Path) -> object:
    from buurtxl import regeling
    from buurtxl.invoer import lezen

    gelezen = lezen.lees(pad, regeling.laad("2018"), blad=BLAD)
    assert gelezen.ok, [str(p) for p in gelezen.problemen]
    return gelezen


LEZERS: dict[str, tuple[str, Callable[[Path], object]]] = {
    "calamine": ("python-calamine (`CalamineWorkbook…to_python()`)", _calamine),
    "openpyxl": ("openpyxl read-only, beide weergaven (de lezer van buurtxl tot nu toe)", _openpyxl),
    "werkblad": ("buurtxl: `werkblad.lees_blad` (openpyxl's celmodel, gedeelde teksten via python-calamine)",
                 _werkblad),
    "lezen": ("buurtxl: `lezen.lees` (met de controle van het ruwe bestand en de validatie)", lees_met_lezen),
}


def lees_tijden(pad: Path, keer: int) -> dict[str, float]:
    uit = {}
    for sleutel, (_, lezer) in LEZERS.items():
        lezer(pad)  # warm: imports and the file cache
        tijden = []
        for _ in range(keer):
            start = time.perf_counter()
            lezer(pad)
            tijden.append(time.perf_counter() - start)
        uit[sleutel] = statistics.median(tijden)
    return uit
