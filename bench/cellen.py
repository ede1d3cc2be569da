"""The cells of a generated workbook: for the bare-writer baseline (same cells, no logic) and the
formula check. Values as stored: a formula is its text (``=…``), not a computed result."""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

Bladen = list[tuple[str, list[list[object]]]]


@dataclass(frozen=True)
class Telling:
    bladen: int
    cellen: int  # non-empty cells
    formules: int


def lees(pad: Path, *, waarden: bool = False) -> Bladen:
    """Every sheet as rows of values (None for an empty cell), in sheet order; with `waarden` the
    cached results of formulas instead of their text (for a file LibreOffice recalculated)."""
    wb = load_workbook(pad, read_only=True, data_only=waarden)
    try:
        uit = []
        for ws in wb.worksheets:
            ws.reset_dimensions()
            rijen = [list(rij) for rij in ws.iter_rows(values_only=True)]
            for rij in rijen:  # trailing empties carry nothing for a writer
                while rij and rij[-1] is None:
                    rij.pop()
            uit.append((ws.title, rijen))
        return uit
    finally:
        wb.close()


def tel(bladen: Bladen) -> Telling:
    waarden = [w for _, rijen in bladen for rij in rijen for w in rij if w is not None]
    return Telling(len(bladen), len(waarden), sum(isinstance(w, str) and w.startswith("=") for w in waarden))


def formules(bladen: Bladen) -> list[tuple[str, str]]:
    """(sheet, formula text) of every formula cell."""
    return [
        (naam, w) for naam, rijen in bladen for rij in rijen for w in rij if isinstance(w, str) and w.startswith("=")
    ]


def bewaar(bladen: Bladen, pad: Path) -> Path:
    with open(pad, "wb") as f:
        pickle.dump(bladen, f, protocol=pickle.HIGHEST_PROTOCOL)
    return pad
