"""A range through either range path equals the same function called cell by cell.

A single cell goes through `regels` (the per-row path). A range goes, under CPython with numpy, through
`bereik`: computed at once with `tabel`'s vectorised functions, with only its bad cells going through
`regels`; in xlwings Lite (Pyodide, no numpy) through plain Python, once per distinct row of cells.
Hypothesis draws ranges mixing good, bad and blank cells (and single cells broadcast against them, and
both regelingen): every cell of the result must equal a single-cell call on that cell, amount to the
cent and error to the word, and both range paths must give the same result on the same ranges.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings, strategies as st

from buurtxl import regels
from buurtxl.excel import udf_argumenten, udfs

BLANK = [None, ""]
FOUT = ["abc", "#N/A", True, -1.0, float("nan"), 1e20]


def cellen(goed: list, extra: st.SearchStrategy) -> st.SearchStrategy:
    """Cells of one argument: a few values repeated (ranges repeat), some fresh, some bad or blank."""
    return st.sampled_from(goed + BLANK + FOUT) | extra


BEDRAG = cellen(
    [0.0, 1800, 3000.0, 3500.5, "2.600,00", "1,5", 1234.5600000000001, 0.001, "1.300"],
    st.integers(0, 700_000).map(lambda c: c / 100),
)
ONDERDEEL = cellen(
    [2600, 1600.0, 2000, 500.0, 750, 0, 1000.5, "2.600,00"], st.integers(0, 300_000).map(lambda c: c / 100)
)
BASIS = cellen(
    [4850.0, 5850, 5000.5, 4849.99, 5850.01, "5.850,00", 6000.0],
    st.integers(485_000, 585_000).map(lambda c: c / 100),
)
HUISHOUDENS = cellen(
    [0, 1300, 1300.0, 1301, 1495, 1496.0, 4510, 1300.5, "1420", "1.420", 1e16],
    st.integers(0, 5_000) | st.integers(0, 5_000).map(float),
)
SCORE = cellen([56.99, 57, 57.0, 0, 100, 101, -0.5, "56,999", "#DIV/0!"], st.floats(0, 100))
REGELING = st.sampled_from([None, "", "2018", "2017-2018", 2018.0, 2018, "2019", "#N/A", 3.5])
NAAM = st.sampled_from(
    ["toeslag.drempel_huishoudens", "toeslag.max_percentage", "basissubsidie.uitwisselbaar", "toeslag", None, 5]
)

ARGUMENTEN = {
    "BASISSUBSIDIE": [ONDERDEEL, ONDERDEEL, ONDERDEEL, ONDERDEEL, REGELING],
    "TOESLAG_PERCENTAGE": [HUISHOUDENS, REGELING],
    "TOESLAG_COMMUNICATIE": [HUISHOUDENS, BASIS, BEDRAG, BEDRAG, REGELING],
    "SUPPLEMENT_KWETSBAAR": [SCORE, BEDRAG, REGELING],
    "SUBSIDIE_TOTAAL": [BASIS, HUISHOUDENS, SCORE, BEDRAG, BEDRAG, BEDRAG, REGELING],
    "REGELING": [NAAM, REGELING],
    "UITLEG": [BASIS, HUISHOUDENS, SCORE, BEDRAG, BEDRAG, BEDRAG, REGELING],
}


@st.composite
def aanroep(draw, soorten: list[st.SearchStrategy]) -> list:
    """Arguments for one call: the first a range of at least 2 cells, each other a range of the
    same shape or a single cell."""
    rijen, kolommen = draw(st.integers(1, 8)), draw(st.integers(1, 3))
    if rijen * kolommen < 2:
        rijen = 2

    def bereik(soort):
        return draw(st.lists(st.lists(soort, min_size=kolommen, max_size=kolommen), min_size=rijen, max_size=rijen))

    uit = [bereik(soorten[0])]
    for soort in soorten[1:]:
        uit.append(bereik(soort) if draw(st.booleans()) else draw(soort))
    return uit


def per_cel(functie, argumenten: list) -> list[list]:
    bereik = argumenten[0]
    return [
        [functie(*(a[i][j] if isinstance(a, list) else a for a in argumenten)) for j in range(len(bereik[0]))]
        for i in range(len(bereik))
    ]


@pytest.mark.parametrize("naam", sorted(ARGUMENTEN))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_bereik_gelijk_aan_cel_voor_cel(naam, data) -> None:
    functie = getattr(udfs, naam)
    argumenten = data.draw(aanroep(ARGUMENTEN[naam]))
    assert functie(*argumenten) == per_cel(functie, argumenten)


@contextmanager
def bereikpad(vectorieel: bool) -> Iterator[None]:
    """Ranges through numpy (`bereik`, CPython) or in plain Python (as in xlwings Lite)."""
    vorig = udf_argumenten.VECTORIEEL
    udf_argumenten.VECTORIEEL = vectorieel
    try:
        yield
    finally:
        udf_argumenten.VECTORIEEL = vorig


@pytest.mark.parametrize("naam", sorted(ARGUMENTEN))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_bereik_in_gewoon_python_gelijk_aan_het_numpy_pad(naam, data) -> None:
    functie = getattr(udfs, naam)
    argumenten = data.draw(aanroep(ARGUMENTEN[naam]))
    with bereikpad(vectorieel=True):
        met_numpy = functie(*argumenten)
    with bereikpad(vectorieel=False):
        zonder = functie(*argumenten)
    assert zonder == met_numpy


def test_elke_functie_met_bereiken_wordt_hier_getoetst() -> None:
    assert sorted(ARGUMENTEN) == sorted(udfs.__all__)


def _verboden(*args, **kwargs):
    raise AssertionError("een goede cel in een bereik ging door de regel per cel")


@pytest.mark.parametrize(
    "naam, argumenten",
    [
        ("BASISSUBSIDIE", ([[2600], [1600]], [[2000], [None]])),
        ("TOESLAG_PERCENTAGE", ([[1300], [1420]],)),
        ("TOESLAG_COMMUNICATIE", ([[1300], [1420]], 5850, [[None], [5850]], [[None], [300]])),
        ("SUPPLEMENT_KWETSBAAR", ([[50], [57]], [[1800], [None]])),
        ("SUBSIDIE_TOTAAL", (5850, [[1420], [1300]], [[50], [None]], 5850, None, [[300], [None]])),
    ],
)
def test_goede_cellen_van_een_bereik_gaan_niet_door_de_regel_per_cel(monkeypatch, naam, argumenten) -> None:
    monkeypatch.setattr(udf_argumenten, "VECTORIEEL", True)  # the numpy path (xlwings Lite has none)
    for regel in ("basissubsidie", "toeslag_percentage", "toeslag_communicatie", "supplement_kwetsbaar", "bereken"):
        monkeypatch.setattr(regels, regel, _verboden)
    uit = getattr(udfs, naam)(*argumenten)
    assert len(uit) == 2 and all(isinstance(rij[0], float) for rij in uit)


@pytest.mark.parametrize("vectorieel", [True, False])
def test_foute_cel_in_een_bereik_houdt_de_nederlandse_melding(vectorieel) -> None:
    with bereikpad(vectorieel):
        uit = udfs.TOESLAG_COMMUNICATIE([[1420], ["veel"], [1420]], [[5850], [5850], [6000]])
    assert uit[0] == [540.0]
    assert uit[1][0].melding == "huishoudens: 'veel' is geen getal"
    assert "buiten" in uit[2][0].melding and "§3.4 punt 1" in uit[2][0].melding
