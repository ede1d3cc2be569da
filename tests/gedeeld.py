"""Helpers shared by the tests: amounts to the cent, and the hand-worked cases of tests/gevallen/*.csv."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from buurtxl.pakket import herrekening

CENT = Decimal("0.01")
GEVALLEN = Path(__file__).parent / "gevallen" / "regels.csv"


def cent(waarde: object) -> Decimal:
    """An amount from Excel, LibreOffice or an Excel function (a float) as Decimal cents.

    It must already be a whole cent (the rules round every amount): 540.004 fails here instead of
    being rounded into agreement.
    """
    assert isinstance(waarde, (int, float)) and not isinstance(waarde, bool), f"geen getal: {waarde!r}"
    exact = Decimal(repr(float(waarde)))
    afgerond = exact.quantize(CENT, rounding=ROUND_HALF_UP)
    assert abs(exact - afgerond) < Decimal("1e-7"), f"{waarde!r} is geen heel aantal centen"
    return afgerond


def nl_decimaal(tekst: str) -> Decimal | None:
    """A number as regels.csv writes it (decimal comma); empty is None."""
    return Decimal(tekst.replace(",", ".")) if tekst.strip() else None


@cache
def _gevallen(bestand: str) -> tuple[dict[str, str], ...]:
    with (GEVALLEN.parent / bestand).open(encoding="utf-8", newline="") as f:
        return tuple(csv.DictReader(f, delimiter=";"))


def regelgevallen(
    regeling: str | None = None, *, alleen_geldig: bool = False, bestand: str = "regels.csv"
) -> list[dict[str, str]]:
    """The rows of a table in tests/gevallen/ (fresh copies; regels.csv unless `bestand` says which),
    optionally of one regeling and without the refused ones."""
    return [
        dict(r) for r in _gevallen(bestand)
        if (regeling is None or r["regeling"] == regeling) and not (alleen_geldig and r["verwacht_fout"])
    ]


# Functions Excel recalculates on every change anywhere: no generated formula may use them (the
# structure test of every workbook we write). Those whose value changes at each recalculation are
# the list `update` knows too; INDIRECT and OFFSET are volatile although their value follows inputs.
VLUCHTIGE_FUNCTIES = frozenset({*herrekening.WISSELEND, "INDIRECT", "OFFSET"})


def delen_buiten_haakjes(tekst: str, scheiding: str) -> list[str]:
    """`tekst` split at `scheiding` outside parentheses and quotes (a formula's arguments)."""
    delen, diepte, in_tekst, begin = [], 0, False, 0
    for i, teken in enumerate(tekst):
        if teken == '"':
            in_tekst = not in_tekst
        elif not in_tekst and teken in "()":
            diepte += 1 if teken == "(" else -1
        elif not in_tekst and diepte == 0 and teken == scheiding:
            delen.append(tekst[begin:i])
            begin = i + 1
    return [*delen, tekst[begin:]]


def rij_met(ws, kolom_a: str) -> int:
    """The row whose cell in column A holds `kolom_a`."""
    return next(c.row for c in ws["A"] if c.value == kolom_a)


def excel_kolom(waarden: list) -> list[list]:
    """A column as Excel sends it to a function: numbers as JSON numbers, an empty cell as null."""
    return [[None if w is None else float(w)] for w in waarden]


def voorbeeld_als_totaal() -> list:
    """The built-in example as SUBSIDIE_TOTAAL takes it, for the range tests of the functions.

    The basissubsidie goes in as its 2018 total (splits that only 2018 allows would be refused under
    2017-2018, test_udfs checks that), and every third buurt asks for a toeslag (€ 0, under and over
    its maximum alike), so the request goes through the range path too.
    """
    from dataclasses import replace

    from buurtxl import regeling, regels
    from buurtxl.invoer import lezen
    from buurtxl.regeling import COMPONENTEN, voorbeeld

    r2018 = regeling.laad("2018")
    return [
        replace(a, **dict.fromkeys(COMPONENTEN), basissubsidie=regels.bereken(r2018, a).basissubsidie,
                toeslag_aangevraagd=None if i % 3 else Decimal(100 * i))
        for i, a in enumerate(lezen.lees(voorbeeld.pad(), r2018).aanvragen)
    ]


def subsidie_totaal_argumenten(naam: str) -> tuple[list, list, list[list[list]]]:
    """The example (see `voorbeeld_als_totaal`), its results under regeling `naam` by the core, and
    SUBSIDIE_TOTAAL's arguments over it as Excel sends whole columns."""
    from buurtxl import regeling, regels

    r = regeling.laad(naam)
    aanvragen = voorbeeld_als_totaal()
    resultaten = [regels.bereken(r, a) for a in aanvragen]
    argumenten = [
        excel_kolom([x.basissubsidie for x in resultaten]),
        excel_kolom([a.huishoudens for a in aanvragen]),
        excel_kolom([a.buurtscore for a in aanvragen]),
        excel_kolom([a.besteed for a in aanvragen]),
        excel_kolom([a.supplement_aangevraagd for a in aanvragen]),
        excel_kolom([a.toeslag_aangevraagd for a in aanvragen]),
        [[naam]],
    ]
    return aanvragen, resultaten, argumenten
