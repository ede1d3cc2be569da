"""Static check of a generated workbook's formulas: no whole-column or whole-row references and no
volatile functions, the formula designs that make Excel recalculate far more than it needs to.

Checked: every formula cell, every defined name, every conditional-formatting rule and every
data-validation formula. Text literals ("…") and quoted sheet names ('…'!) are removed first, so a
Dutch reason such as "1.300: meer" or a sheet called 'A:B' does not count as a reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook

VLUCHTIG = ("INDIRECT", "OFFSET", "TODAY", "NOW", "RAND", "RANDBETWEEN", "CELL", "INFO")
_TEKST = re.compile(r'"(?:[^"]|"")*"')
_BLADNAAM = re.compile(r"'(?:[^']|'')*'!")
_KOLOM = re.compile(r"(?<![A-Za-z0-9_.\[])\$?[A-Z]{1,3}:\$?[A-Z]{1,3}(?![A-Za-z0-9_(\[])")
_RIJ = re.compile(r"(?<![A-Za-z0-9_.$\[])\$?\d+:\$?\d+(?![0-9.])")
_VLUCHTIG = re.compile(r"(?<![A-Za-z0-9_.])(" + "|".join(VLUCHTIG) + r")\s*\(", re.IGNORECASE)


@dataclass
class Controle:
    formules: int = 0
    gebreken: list[str] = field(default_factory=list)  # "where: what: formula"


def gebreken_in(formule: str) -> list[str]:
    """What is wrong with one formula (empty when nothing is)."""
    kaal = _BLADNAAM.sub("X!", _TEKST.sub('""', formule))
    uit = [f"hele kolom {m.group(0)}" for m in _KOLOM.finditer(kaal)]
    uit += [f"hele rij {m.group(0)}" for m in _RIJ.finditer(kaal)]
    uit += [f"vluchtige functie {m.group(1).upper()}" for m in _VLUCHTIG.finditer(kaal)]
    return uit


def controleer(pad: Path) -> Controle:
    wb = load_workbook(pad)  # not read-only: names, conditional formats and validations too
    c = Controle()

    def kijk(waar: str, formule: object) -> None:
        if not isinstance(formule, str) or not formule:
            return
        c.formules += 1
        c.gebreken += [f"{waar}: {g}: {formule}" for g in gebreken_in(formule)]

    for naam, definitie in wb.defined_names.items():
        kijk(f"naam {naam}", definitie.attr_text)
    for ws in wb.worksheets:
        for naam, definitie in ws.defined_names.items():
            kijk(f"{ws.title}!{naam}", definitie.attr_text)
        for rij in ws.iter_rows():
            for cel in rij:
                waarde = cel.value
                tekst = getattr(waarde, "text", waarde)  # array formulas carry their text
                if isinstance(tekst, str) and tekst.startswith("="):
                    kijk(f"{ws.title}!{cel.coordinate}", tekst)
        for bereik in ws.conditional_formatting:
            for regel in bereik.rules:
                for formule in regel.formula or []:
                    kijk(f"{ws.title} voorwaardelijke opmaak {bereik.sqref}", formule)
        for validatie in ws.data_validations.dataValidation:
            for formule in (validatie.formula1, validatie.formula2):
                kijk(f"{ws.title} gegevensvalidatie {validatie.sqref}", formule)
    return c
