"""The style shortcut of `buurtxl.werkmap.stijl`: the same result as openpyxl's ``cell.style = name``."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from buurtxl.werkmap import stijl


def _werkmap() -> Workbook:
    wb = Workbook()
    stijl.registreer(wb)
    return wb


def test_zet_geeft_dezelfde_stijl_als_openpyxl():
    wb = _werkmap()
    ws = wb.active
    for naam in wb.named_styles:
        ws["A1"].style = naam
        stijl.zet(ws["B1"], naam)
        assert ws["B1"].style == naam
        assert ws["B1"]._style == ws["A1"]._style


def test_zet_kopieert_zodat_een_cel_apart_kan_afwijken():
    ws = _werkmap().active
    stijl.zet(ws["A1"], "bx tekst")
    stijl.zet(ws["A2"], "bx tekst")
    ws["A1"].number_format = stijl.DATUM
    assert ws["A2"].number_format == "General"


def test_zet_per_werkmap_eigen_opzoeking():
    """A name resolves in the cell's own workbook: a second workbook may number its styles differently."""
    eerste = _werkmap()
    tweede = Workbook()
    tweede.add_named_style(stijl._alle()[-1])  # "bx invoer" first: a different index than in `eerste`
    stijl.registreer(tweede)
    stijl.zet(eerste.active["A1"], "bx invoer")
    stijl.zet(tweede.active["A1"], "bx invoer")
    assert eerste.active["A1"].style == tweede.active["A1"].style == "bx invoer"
    assert eerste.active["A1"]._style.xfId != tweede.active["A1"]._style.xfId


def test_zet_onbekende_stijl_geeft_fout():
    ws = _werkmap().active
    with pytest.raises(ValueError):
        stijl.zet(ws["A1"], "bx bestaat niet")


def test_elke_werkmap_eigen_benoemde_stijlen():
    """The template is built once per process, but a NamedStyle is bound to one workbook: two
    workbooks never share one (binding it to the second would renumber the first's)."""
    eerste, tweede = _werkmap(), _werkmap()
    for naam in ("bx tekst", "bx invoer euro"):
        assert eerste._named_styles[naam] is not tweede._named_styles[naam]
        assert eerste._named_styles[naam]._wb is eerste
        assert tweede._named_styles[naam]._wb is tweede


def test_registreer_gelijk_aan_de_definities():
    wb = _werkmap()
    for definitie in stijl._alle():
        geregistreerd = wb._named_styles[definitie.name]
        for attr in ("font", "fill", "border", "alignment", "protection", "number_format"):
            assert getattr(geregistreerd, attr) == getattr(definitie, attr), (definitie.name, attr)


def test_registreer_twee_keer_voegt_niets_toe():
    wb = _werkmap()
    namen = list(wb.named_styles)
    stijl.registreer(wb)
    assert list(wb.named_styles) == namen
