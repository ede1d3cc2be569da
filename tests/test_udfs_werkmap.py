"""xl/buurtxl.xlsm: reproducible from xl/maak_werkmap.py, an xlwings workbook, and its example sheet
computes what the core computes.

No Excel on Linux, so the sheet's formulas are evaluated here the way Excel would once the functions
are imported: each =FUNCTIE(…) calls the function of that name in `buurtxl.udfs` with the cells it
refers to. (LibreOffice cannot run xlwings functions, so it is no help here.)
"""

from __future__ import annotations

import importlib.util
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

from buurtxl import lezen, regeling, regels, udfs, voorbeeld
from buurtxl.udf_argumenten import Fout

XL = Path(__file__).resolve().parents[1] / "xl"
WERKMAP = XL / "buurtxl.xlsm"


def _bouwer():
    spec = importlib.util.spec_from_file_location("maak_werkmap", XL / "maak_werkmap.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def wb():
    return openpyxl.load_workbook(WERKMAP, keep_vba=True)


@pytest.fixture(scope="module")
def blad(wb):
    return wb["Voorbeeld"]


# A tiny evaluator for the formulas the builder writes: =F(a, b, …) and =A1.
CEL = re.compile(r"\$?[A-Z]{1,3}\$?\d+")


def waarde(ws, ref: str):
    inhoud = ws[ref].value
    if isinstance(inhoud, str) and inhoud.startswith("="):
        return evalueer(ws, inhoud)
    return inhoud


def argument(ws, tekst: str):
    tekst = tekst.strip()
    if tekst == "":
        return None
    if tekst.startswith('"'):
        return tekst.strip('"')
    if ":" in tekst:
        return [[waarde(ws, c.coordinate) for c in rij] for rij in ws[tekst]]
    if CEL.fullmatch(tekst):
        return waarde(ws, tekst)
    return float(tekst)


def evalueer(ws, formule: str):
    aanroep = re.fullmatch(r"=([A-Z_]+)\((.*)\)", formule)
    if aanroep is None:
        assert CEL.fullmatch(formule[1:]), formule
        return waarde(ws, formule[1:])
    naam, args = aanroep.groups()
    return getattr(udfs, naam)(*(argument(ws, a) for a in args.split(",")))


def rij_met(ws, kolom_a: str) -> int:
    return next(c.row for c in ws["A"] if c.value == kolom_a)


def cent(x: float) -> Decimal:
    return Decimal(str(round(x, 2)))


# The file itself


def _inhoud(boek) -> dict:
    def cel(c):
        v = c.value
        return ("matrix", v.ref, v.text) if isinstance(v, ArrayFormula) else (v, c.number_format)

    return {
        ws.title: {c.coordinate: cel(c) for rij in ws.iter_rows() for c in rij if c.value is not None}
        for ws in boek
    }


def test_werkmap_is_wat_het_script_nu_maakt(wb, tmp_path) -> None:
    nieuw = _bouwer().maak(tmp_path / "buurtxl.xlsm")
    assert _inhoud(openpyxl.load_workbook(nieuw, keep_vba=True)) == _inhoud(wb)


def test_werkmap_heeft_een_vba_project_en_is_een_macrowerkmap() -> None:
    with zipfile.ZipFile(WERKMAP) as z:
        assert "xl/vbaProject.bin" in z.namelist()
        assert "macroEnabled" in z.read("[Content_Types].xml").decode()


def test_xlwings_conf_blad_laadt_de_functies(wb) -> None:
    conf = wb["xlwings.conf"]
    instellingen = {r[0]: r[1] for r in conf.iter_rows(max_col=2, values_only=True) if r[0]}
    assert instellingen["UDF Modules"] == "buurtxl.udfs"
    assert "Instructions:" not in instellingen  # xlwings' English help replaced by Dutch


def test_voorbeeld_gebruikt_elke_functie(blad) -> None:
    formules = " ".join(
        c.value.text if isinstance(c.value, ArrayFormula) else str(c.value)
        for rij in blad.iter_rows() for c in rij if c.value is not None
    )
    assert {naam for naam in udfs.__all__ if f"={naam}(" in formules} == set(udfs.__all__)


# What the example sheet computes


@pytest.fixture(scope="module")
def buurten(blad):
    r = regeling.laad("2018")
    aanvragen = lezen.lees(voorbeeld.pad(), r).aanvragen
    eerste = rij_met(blad, "buurt") + 1
    return [(eerste + i, regels.bereken(r, a)) for i, a in enumerate(aanvragen)]


def test_voorbeeldrijen_gelijk_aan_de_kern(blad, buurten) -> None:
    for rij, res in buurten:
        assert blad[f"A{rij}"].value == res.buurt
        assert cent(waarde(blad, f"K{rij}")) == res.basissubsidie, res.buurt
        assert waarde(blad, f"L{rij}") == pytest.approx(float(res.toeslag_percentage), abs=1e-6)
        assert cent(waarde(blad, f"M{rij}")) == res.toeslag_communicatie, res.buurt
        assert cent(waarde(blad, f"N{rij}")) == res.supplement_kwetsbaar, res.buurt
        assert cent(waarde(blad, f"O{rij}")) == res.totaal, res.buurt


def test_voorbeeld_uitleg_noemt_de_redenen_van_de_kern(blad, buurten) -> None:
    for rij, res in buurten:
        tekst = waarde(blad, f"P{rij}")
        assert res.reden_toeslag in tekst and res.reden_supplement in tekst, res.buurt


def test_matrixformule_over_de_hele_kolom_gelijk_aan_de_kern(blad, buurten) -> None:
    eerste = buurten[0][0]
    matrix = blad[f"Q{eerste}"].value
    assert isinstance(matrix, ArrayFormula) and matrix.ref == f"Q{eerste}:Q{buurten[-1][0]}"
    uitkomst = evalueer(blad, matrix.text)
    assert [cent(r[0]) for r in uitkomst] == [res.totaal for _, res in buurten]


def test_randgevallen_geven_wat_het_besluit_zegt(blad) -> None:
    r = rij_met(blad, "Geval") + 1
    gezien = 0
    while blad[f"B{r}"].value:
        uitkomst, verwacht = evalueer(blad, blad[f"B{r}"].value), blad[f"C{r}"].value
        if isinstance(verwacht, str):
            assert verwacht.startswith("fout") and isinstance(uitkomst, Fout), blad[f"A{r}"].value
        else:
            assert uitkomst == pytest.approx(verwacht, abs=1e-9), blad[f"A{r}"].value
        gezien, r = gezien + 1, r + 1
    assert gezien >= 10


def test_parameterblok_toont_de_waarden_van_beide_regelingen(blad) -> None:
    r = rij_met(blad, "Parameter") + 1
    while blad[f"A{r}"].value:
        naam = blad[f"A{r}"].value
        for kolom, regeling_naam in (("B", "2018"), ("C", "2017-2018")):
            verwacht = regeling.laad(regeling_naam).waarde(naam)
            uitkomst = evalueer(blad, blad[f"{kolom}{r}"].value)
            assert uitkomst == (verwacht if isinstance(verwacht, bool) else float(verwacht)), naam
        r += 1
    assert blad[f"A{r - 1}"].value == "budget.ondersteuning"
