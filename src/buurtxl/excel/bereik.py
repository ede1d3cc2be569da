"""A range of an Excel function computed at once with numpy (CPython: the classic add-in and
`buurtxl serve`); xlwings Lite does without it (see `udf_argumenten.per_bereik`).

Each distinct cell value of an argument is read once; the rows whose cells all read well are
computed together by the vectorised rules of `tabel`; only rows with bad input, or refused by a rule,
go through the function's per-cell path, once per distinct combination of cells, so their error is
worded exactly as in a single-cell call. No rule of the scheme lives here.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..regeling import COMPONENTEN, Regeling
from ..regels import tabel
from .udf_argumenten import INVOERFOUTEN, _cel_of_fout, blok, lezers, naar_excel, per_cel, regeling_uit, vorm


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


# The vectorised computation per worksheet function: (regeling, one Kolom per cell argument) →
# (euro per row, mask of rows the rule refuses, which then go through the per-cell path).


def _euro(cents: np.ndarray) -> np.ndarray:
    # cents / 100 in binary floating point is the float nearest the amount, as float(Decimal) is.
    return cents / 100


def _geen(n: int) -> np.ndarray:
    return np.zeros(n, dtype=bool)


def _opgegeven_totaal(regeling: Regeling, basis: Kolom) -> tuple[np.ndarray, np.ndarray]:
    """A basissubsidie typed as a total: its cents, and the rows outside the minimum–maximum."""
    return tabel.basissubsidie_cents(regeling, {}, *basis.cents())


def _basissubsidie(r: Regeling, *onderdelen: Kolom) -> tuple[np.ndarray, np.ndarray]:
    n = len(onderdelen[0].codes)
    delen = {c: k.cents() for c, k in zip(COMPONENTEN, onderdelen, strict=True)}
    basis, fout = tabel.basissubsidie_cents(r, delen, np.zeros(n, dtype=np.int64), _geen(n))
    return _euro(basis), fout


def _toeslag_percentage(r: Regeling, aantal: Kolom) -> tuple[np.ndarray, np.ndarray]:
    teller, deler, _ = tabel.toeslag_percentage(r, aantal.getallen())
    # Both below 2^53, so the quotient is the float nearest the exact fraction, as float(Fraction) is.
    return teller / deler, _geen(len(teller))


def _toeslag_communicatie(
    r: Regeling, aantal: Kolom, basis: Kolom, uitgegeven: Kolom, gevraagd: Kolom
) -> tuple[np.ndarray, np.ndarray]:
    basis_cents, fout = _opgegeven_totaal(r, basis)
    toeslag, _, _ = tabel.toeslag_cents(
        r, aantal.getallen(), basis_cents, *uitgegeven.cents(), aangevraagd=gevraagd.cents()
    )
    return _euro(toeslag), fout


def _supplement_kwetsbaar(r: Regeling, score: Kolom, gevraagd: Kolom) -> tuple[np.ndarray, np.ndarray]:
    supplement, _ = tabel.supplement_cents(r, score.waarden(), *gevraagd.cents())
    return _euro(supplement), _geen(len(supplement))


def _subsidie_totaal(
    r: Regeling, basis: Kolom, aantal: Kolom, score: Kolom, uitgegeven: Kolom, gevraagd: Kolom, toeslag_gevraagd: Kolom
) -> tuple[np.ndarray, np.ndarray]:
    basis_cents, fout = _opgegeven_totaal(r, basis)
    toeslag, _, _ = tabel.toeslag_cents(
        r, aantal.getallen(), basis_cents, *uitgegeven.cents(), aangevraagd=toeslag_gevraagd.cents()
    )
    supplement, _ = tabel.supplement_cents(r, score.waarden(), *gevraagd.cents())
    return _euro(basis_cents + toeslag + supplement), fout


BEREIK: dict[str, Callable[..., tuple[np.ndarray, np.ndarray]]] = {
    "BASISSUBSIDIE": _basissubsidie,
    "TOESLAG_PERCENTAGE": _toeslag_percentage,
    "TOESLAG_COMMUNICATIE": _toeslag_communicatie,
    "SUPPLEMENT_KWETSBAAR": _supplement_kwetsbaar,
    "SUBSIDIE_TOTAAL": _subsidie_totaal,
}


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
    lezer: Callable[[object], Any], blok_: np.ndarray, maten: tuple[int, int]
) -> tuple[Kolom, np.ndarray]:
    """(the column read, mask of rows whose cell the reader refuses), for `blok_` broadcast to
    `maten`. Each distinct cell is read once, and a single cell against a range only once."""
    verschillend, codes = _codes(blok_.ravel())
    codes = np.broadcast_to(codes.reshape(blok_.shape), maten).ravel()
    uniek, goed = [], []
    for cel in verschillend:
        try:
            uniek.append(lezer(cel))
            goed.append(True)
        except INVOERFOUTEN:
            uniek.append(None)
            goed.append(False)
    return Kolom(uniek, codes), ~np.array(goed, dtype=bool)[codes]


def per_bereik(functie: Callable[..., Any], naam: str, *argumenten: object) -> Any:
    """The same result as ``per_cel(functie, *argumenten)``, with a range of `naam` computed at once.

    The last argument is the regeling (read with `regeling_uit`); the function's readers read the
    others, one cell each, raising the Dutch error for a bad cell. For each regeling the rows whose
    cells all read well go to ``BEREIK[naam](regeling, *kolommen)``. Every other row, and a single
    cell, goes through `functie`.
    """
    maten = vorm([blok(a) for a in argumenten])
    if maten is None or math.prod(maten) <= 1:
        return per_cel(functie, *argumenten)  # a single cell, or a shape error worded there
    try:
        blokken = [np.array(blok(a), dtype=object, ndmin=2) for a in argumenten]
        gelezen = [_lees(lezer, b, maten) for lezer, b in zip((*lezers(naam), regeling_uit), blokken, strict=True)]
    except (TypeError, ValueError):  # a cell that is a list or unhashable (not from Excel): per cell
        return per_cel(functie, *argumenten)
    kolommen = [k for k, _ in gelezen]
    foutmasker = np.logical_or.reduce([f for _, f in gelezen])
    uitkomst = np.empty(len(foutmasker), dtype=object)
    regelingen = kolommen[-1]
    for code, regeling in enumerate(regelingen.uniek):
        rijen = np.flatnonzero((regelingen.codes == code) & ~foutmasker)
        if regeling is None or not len(rijen):
            continue
        getallen, geweigerd = BEREIK[naam](regeling, *(k.deel(rijen) for k in kolommen[:-1]))
        uitkomst[rijen] = getallen  # numpy stores Python floats in an object array
        foutmasker[rijen[geweigerd]] = True
    cellen = [np.broadcast_to(b, maten).ravel() for b in blokken]
    _per_cel_waar(foutmasker, functie, cellen, kolommen, uitkomst)
    return naar_excel(uitkomst.reshape(maten).tolist())


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
