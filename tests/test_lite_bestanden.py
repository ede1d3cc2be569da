"""xl/lite/main.py, xl/lite/requirements.txt and xl/buurtxl_lite.xlsx: what xl/maak_lite.py makes now,
and what they must say for xlwings Lite (tests/test_lite.py runs them in Pyodide)."""

from __future__ import annotations

import ast
import importlib.util
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

import openpyxl
import pytest
from openpyxl.formula import Tokenizer
from openpyxl.worksheet.formula import ArrayFormula

import buurtxl
from buurtxl.excel import udfs
from excel_strikt import overtredingen

XL = Path(__file__).resolve().parents[1] / "xl"
OPNIEUW = "maak ze opnieuw met: python xl/maak_lite.py"
EXCEL_FUNCTIES = {"IF"}  # Excel's own functions the example sheet uses around buurtxl's


@pytest.fixture(scope="module")
def bouwer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("maak_lite", XL / "maak_lite.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _inhoud(pad: Path) -> dict[str, dict[str, Any]]:
    wb = openpyxl.load_workbook(pad)
    return {
        ws.title: {c.coordinate: (c.value.text if isinstance(c.value, ArrayFormula) else c.value, c.number_format)
                   for rij in ws.iter_rows() for c in rij if c.value is not None}
        for ws in wb.worksheets
    }


def test_bestanden_zijn_wat_het_script_nu_maakt(bouwer, tmp_path) -> None:
    werkmap = bouwer.maak(tmp_path / "buurtxl_lite.xlsx", tmp_path / "main.py", tmp_path / "requirements.txt")
    assert (XL / "lite" / "main.py").read_text(encoding="utf-8") == (tmp_path / "main.py").read_text("utf-8"), OPNIEUW
    assert (XL / "lite" / "requirements.txt").read_text("utf-8") == (tmp_path / "requirements.txt").read_text(
        "utf-8"), OPNIEUW
    assert _inhoud(XL / "buurtxl_lite.xlsx") == _inhoud(werkmap), OPNIEUW


def test_requirements_pint_buurtxl_en_de_geteste_xlwings() -> None:
    regels = (XL / "lite" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert regels == [f"buurtxl=={buurtxl.__version__}", f"xlwings=={metadata.version('xlwings')}"]


def test_main_haalt_precies_de_zeven_functies_uit_het_pakket() -> None:
    boom = ast.parse((XL / "lite" / "main.py").read_text(encoding="utf-8"))
    importen = [knoop for knoop in boom.body if isinstance(knoop, (ast.Import, ast.ImportFrom))]
    assert len(importen) == 1 and isinstance(importen[0], ast.ImportFrom)
    assert importen[0].module == udfs.__name__
    assert sorted(a.name for a in importen[0].names) == sorted(udfs.__all__) and len(udfs.__all__) == 7
    # Nothing else runs: a docstring and the import, so the tested package is all that runs.
    assert [type(k) for k in boom.body] == [ast.Expr, ast.ImportFrom]


def test_codeblad_bevat_beide_bestanden_letterlijk(bouwer) -> None:
    ws = openpyxl.load_workbook(XL / "buurtxl_lite.xlsx")[bouwer.CODEBLAD]
    regels = [ws.cell(r, 1).value or "" for r in range(1, ws.max_row + 1)]
    for titel in ("main.py", "requirements.txt"):
        begin = regels.index(f"Tabblad {titel}:") + 1
        inhoud = (XL / "lite" / titel).read_text(encoding="utf-8").splitlines()
        assert regels[begin:begin + len(inhoud)] == inhoud


def test_voorbeeldblad_gebruikt_de_namen_van_lite(bouwer) -> None:
    wb = openpyxl.load_workbook(XL / "buurtxl_lite.xlsx")
    assert wb.sheetnames == ["Voorbeeld", bouwer.CODEBLAD] and wb.vba_archive is None
    gebruikt = set()
    for rij in wb["Voorbeeld"].iter_rows():
        for c in rij:
            tekst = c.value.text if isinstance(c.value, ArrayFormula) else c.value
            if isinstance(tekst, str) and tekst.startswith("="):
                for token in Tokenizer(tekst).items:
                    if token.type == "FUNC" and token.subtype == "OPEN" and token.value[:-1] not in EXCEL_FUNCTIES:
                        gebruikt.add(token.value[:-1])
    assert gebruikt == set(udfs.__all__)  # every function, with the name Lite registers (no prefix)
    assert "xlwings Lite" in wb["Voorbeeld"]["A2"].value and "Import Functions" not in wb["Voorbeeld"]["A2"].value


def test_werkmap_volgt_wat_excel_eist() -> None:
    assert overtredingen(XL / "buurtxl_lite.xlsx") == []
