"""Parsing one value: numbers as people and spreadsheets write them."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from buurtxl import opmaak, waarden
from buurtxl.waarden import WaardeFout, weergave


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [("4850", "4850"), ("4850.5", "4850.5"), ("4850,50", "4850.50"), ("4.850,00", "4850.00"),
     ("€ 4.850,00", "4850.00"), ("€4850", "4850"), (" 12 ", "12"), ("1\u00a0300", "1300")],
)
def test_geaccepteerde_notaties(tekst: str, verwacht: str) -> None:
    assert waarden.getal(tekst, "x") == D(verwacht)


@pytest.mark.parametrize("tekst", ["1.300", "€ 4.850", "12.345.678"])
def test_dubbelzinnige_duizendtalpunt_wordt_geweigerd(tekst: str) -> None:
    with pytest.raises(WaardeFout, match="dubbelzinnig"):
        waarden.getal(tekst, "huishoudens")


@pytest.mark.parametrize("waarde", ["veel", "1,2,3", "", True, float("nan"), float("inf"), "Infinity", [1]])
def test_geen_getal(waarde: object) -> None:
    with pytest.raises(WaardeFout):
        waarden.getal(waarde, "x")


def test_float_uit_een_spreadsheet_blijft_decimaal_exact() -> None:
    assert waarden.getal(0.1, "x") == D("0.1")
    assert waarden.bedrag(1234.5600000000001, "besteed") == D("1234.56")


def test_bedrag_met_drie_decimalen_wordt_geweigerd() -> None:
    with pytest.raises(WaardeFout, match="meer dan 2 decimalen"):
        waarden.bedrag("10,005", "besteed")


def test_negatief_bedrag_wordt_geweigerd_met_naam_en_waarde() -> None:
    with pytest.raises(WaardeFout, match="besteed: '-5' is negatief"):
        waarden.bedrag(-5, "besteed")


@pytest.mark.parametrize("waarde", [-1, 1300.5, "12,5"])
def test_huishoudens_geheel_en_niet_negatief(waarde: object) -> None:
    with pytest.raises(WaardeFout):
        waarden.huishoudens(waarde)


def test_huishoudens_als_float_uit_excel() -> None:
    assert waarden.huishoudens(1301.0) == 1301


@pytest.mark.parametrize("waarde", [-0.01, 100.01, 1000])
def test_buurtscore_buiten_0_tot_100(waarde: float) -> None:
    with pytest.raises(WaardeFout, match="buiten 0–100"):
        waarden.buurtscore(waarde)


@pytest.mark.parametrize("waarde", [None, "", "  ", float("nan")])
def test_lege_cellen(waarde: object) -> None:
    assert waarden.is_leeg(waarde)


def test_cent_rondt_half_naar_boven() -> None:
    assert waarden.cent(D("485.005")) == D("485.01")
    assert waarden.cent(D("2.675")) == D("2.68")  # float 2.675 would round down
    assert waarden.cent(D("0.004999")) == D("0.00")


def test_nederlandse_opmaak() -> None:
    assert opmaak.als_euro(D("1234.5")) == "€ 1.234,50"
    assert opmaak.als_getal(1301) == "1.301"
    assert opmaak.als_getal(D("56.99")) == "56,99"
    assert opmaak.als_procent(D("0.092308")) == "9,23%"


@pytest.mark.parametrize(("tekst", "teken"), [("Wyck\ufffe", "U+FFFE"), ("A\x01B", "U+0001"), ("A\x1fB", "U+001F")])
def test_tekst_met_teken_dat_niet_in_een_werkmap_kan(tekst: str, teken: str) -> None:
    # An xlsx file is XML 1.0: such a character would make the workbook unreadable.
    with pytest.raises(WaardeFout, match=re.escape(teken)):
        waarden.tekst(tekst, "buurt")


@pytest.mark.parametrize("tekst", ["Céramique", "Sint-Pieter", "O'Brien", '=HYPERLINK("x")', "@buurt", "+31"])
def test_tekst_die_een_werkmap_wel_kan_bevatten(tekst: str) -> None:
    assert waarden.tekst(f"  {tekst} ", "buurt") == tekst


@pytest.mark.parametrize(
    "tekst", ["Sint\tPieter", "Sint\r\nPieter", "Sint\rPieter", "Sint   Pieter", "\tSint Pieter\r"]
)
def test_witruimte_in_een_naam_wordt_een_spatie(tekst: str) -> None:
    assert waarden.tekst(tekst, "buurt") == "Sint Pieter"


@pytest.mark.parametrize(
    "waarde,getoond",
    [
        (True, "WAAR"),
        (False, "ONWAAR"),
        (1420.0, "1420"),
        (1420.5, "1420,5"),
        (0.1, "0,1"),
        (1e300, "1E+300"),
        (1.5e-7, "1,5E-07"),
        (D("4850.50"), "4850,50"),
        ("1420.5", "1420.5"),  # text stays as typed
        (12, "12"),
    ],
)
def test_weergave_zoals_excel_het_toont(waarde: object, getoond: str) -> None:
    assert weergave(waarde) == getoond


def test_advies_bij_dubbelzinnig_aantal_noemt_alleen_wat_wordt_aanvaard() -> None:
    with pytest.raises(WaardeFout) as fout:
        waarden.huishoudens("1.930")
    assert "schrijf 1930" in str(fout.value) and "1,930" not in str(fout.value)
    assert waarden.huishoudens("1930") == 1930  # the advice is accepted


def test_advies_bij_dubbelzinnig_bedrag_noemt_beide_lezingen() -> None:
    with pytest.raises(WaardeFout) as fout:
        waarden.bedrag("€ 4.850", "basissubsidie")
    assert "4850" in str(fout.value) and "4,850" in str(fout.value)
