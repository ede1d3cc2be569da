"""Each xlwings route gets a bad cell in the form it can show as an Excel error.

The classic Windows route needs pywin32, which Linux lacks; it is stood in for by minimal
`pythoncom` / `win32com.client` modules, enough to see which value goes back to Excel.
"""

from __future__ import annotations

import sys
import types

import pytest

from buurtxl.excel import udf_argumenten, udfs
from buurtxl.excel.udf_argumenten import UdfFout

COM_WAARDE_FOUT = -2146826273  # Excel's #VALUE! as a COM error code (0x800A07DF)


class Variant:
    def __init__(self, vt: int, value: object) -> None:
        self.varianttype, self.value = vt, value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Variant) and (self.varianttype, self.value) == (other.varianttype, other.value)


@pytest.fixture
def klassiek(monkeypatch):
    client = types.ModuleType("win32com.client")
    client.VARIANT = Variant
    pakket = types.ModuleType("win32com")
    pakket.client = client
    monkeypatch.setitem(sys.modules, "pythoncom", types.SimpleNamespace(VT_ERROR=10))
    monkeypatch.setitem(sys.modules, "win32com", pakket)
    monkeypatch.setitem(sys.modules, "win32com.client", client)
    monkeypatch.delenv("XLWINGS_ON_SERVER", raising=False)
    monkeypatch.setattr(udf_argumenten.sys, "platform", "win32")


def test_route_volgt_dezelfde_keuze_als_xlwings(monkeypatch) -> None:
    monkeypatch.setenv("XLWINGS_ON_SERVER", "true")
    assert udf_argumenten.route() == "officejs"
    monkeypatch.delenv("XLWINGS_ON_SERVER")
    monkeypatch.setattr(udf_argumenten.sys, "platform", "linux")
    assert udf_argumenten.route() == "python"


def test_klassiek_foute_cel_wordt_een_echte_excel_fout(klassiek) -> None:
    uit = udfs.TOESLAG_PERCENTAGE([[1300], ["veel"]])
    assert uit == [[0.0], [Variant(10, COM_WAARDE_FOUT)]]


def test_klassiek_losse_foute_cel_is_ook_een_excel_fout_geen_tekst(klassiek) -> None:
    # Text in a cell would be skipped by SUM; an error value cannot be overlooked.
    assert udfs.BASISSUBSIDIE(6000) == Variant(10, COM_WAARDE_FOUT)


def test_klassiek_uitleg_geeft_de_melding_als_tekst(klassiek) -> None:
    assert udfs.UITLEG(5850, "veel", 50) == "Fout: huishoudens: 'veel' is geen getal"


def test_officejs_losse_foute_cel_draagt_de_melding(monkeypatch) -> None:
    monkeypatch.setenv("XLWINGS_ON_SERVER", "true")
    with pytest.raises(UdfFout, match="huishoudens: 'veel' is geen getal"):
        udfs.TOESLAG_PERCENTAGE("veel")


def test_officejs_foute_cel_in_een_bereik_is_de_excel_foutcode(monkeypatch) -> None:
    monkeypatch.setenv("XLWINGS_ON_SERVER", "true")
    assert udfs.TOESLAG_PERCENTAGE([[1300, "veel"]]) == [[0.0, "#VALUE!"]]


def test_officejs_goede_losse_cel_blijft_een_blok_van_1_bij_1(monkeypatch) -> None:
    monkeypatch.setenv("XLWINGS_ON_SERVER", "true")
    assert udfs.TOESLAG_PERCENTAGE(1300) == [[0.0]]
