"""One measured task in a fresh Python process; `run.py` starts it and reads the JSON line it prints.

Tasks:
  bouw ARG…                      `buurtxl` with these arguments, timed inside the process
  bouw-serieel ARG…              the same, with per-buurt files written in this one process
  kaal-openpyxl CELLEN UIT       bare writer: openpyxl write-only, the cells of CELLEN (a pickle)
  kaal-xlsxwriter CELLEN UIT     bare writer: XlsxWriter with constant_memory, the same cells
  kaal-bestanden CELLEN MAP N    bare writer: N files of these cells (openpyxl write-only), one core
  matrix N HERHALINGEN           one array call of an Excel function against N single-cell calls

Times are measured inside the process (so they exclude the interpreter's start-up); the parent
measures the wall time and peak RSS of the whole process (start-up itself: `opstart.py`).
"""

from __future__ import annotations

import json
import pickle
import sys
import time


def _bouw(argumenten: list[str]) -> dict:
    start = time.perf_counter()
    from buurtxl import cli

    geladen = time.perf_counter()
    try:
        cli.main(argumenten)
    except SystemExit as einde:
        if einde.code not in (0, None):
            raise
    klaar = time.perf_counter()
    return {"import_s": geladen - start, "bouw_s": klaar - geladen}


def _cellen(pad: str) -> list[tuple[str, list[list[object]]]]:
    with open(pad, "rb") as f:
        return pickle.load(f)


def _schrijf_openpyxl(bladen, uit) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for naam, rijen in bladen:
        ws = wb.create_sheet(naam)
        for rij in rijen:
            ws.append(rij)
    wb.save(uit)


def _kaal_openpyxl(cellen_pad: str, uit: str) -> dict:
    bladen = _cellen(cellen_pad)
    start = time.perf_counter()
    _schrijf_openpyxl(bladen, uit)
    return {"schrijf_s": time.perf_counter() - start}


def _kaal_bestanden(cellen_pad: str, map_: str, aantal: str) -> dict:
    from pathlib import Path

    bladen = _cellen(cellen_pad)
    start = time.perf_counter()
    for i in range(int(aantal)):
        _schrijf_openpyxl(bladen, Path(map_) / f"kaal_{i:05d}.xlsx")
    return {"schrijf_s": time.perf_counter() - start}


def _kaal_xlsxwriter(cellen_pad: str, uit: str) -> dict:
    import xlsxwriter

    bladen = _cellen(cellen_pad)
    start = time.perf_counter()
    wb = xlsxwriter.Workbook(uit, {"constant_memory": True})
    for naam, rijen in bladen:
        ws = wb.add_worksheet(naam)
        for r, rij in enumerate(rijen):
            ws.write_row(r, 0, rij)
    wb.close()
    return {"schrijf_s": time.perf_counter() - start}


def main(argv: list[str]) -> None:
    taak, *rest = argv
    uitkomst: dict
    if taak == "bouw":
        uitkomst = _bouw(rest)
    elif taak == "bouw-serieel":
        from buurtxl.cli import bouwen

        bouwen.PARALLEL_VANAF = sys.maxsize  # what one core does, to show what the pool adds
        uitkomst = _bouw(rest)
    elif taak == "kaal-openpyxl":
        uitkomst = _kaal_openpyxl(*rest)
    elif taak == "kaal-bestanden":
        uitkomst = _kaal_bestanden(*rest)
    elif taak == "matrix":
        import matrix

        uitkomst = matrix.in_kind(int(rest[0]), int(rest[1]))
    elif taak == "kaal-xlsxwriter":
        uitkomst = _kaal_xlsxwriter(*rest)
    else:
        raise SystemExit(f"onbekende taak: {taak}")
    print(json.dumps(uitkomst))


if __name__ == "__main__":
    main(sys.argv[1:])
