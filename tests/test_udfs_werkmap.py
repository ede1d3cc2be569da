"""xl/buurtxl.xlsm: reproducible from xl/maak_werkmap.py, an xlwings workbook, and its example sheet
computes what the core computes.

No Excel on Linux, so the sheet's formulas are evaluated here the way Excel would once the functions
are imported: each =FUNCTIE(…) calls the function of that name in `buurtxl.udfs` with the cells it
refers to. (LibreOffice cannot run xlwings functions, so it is no help here.)
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

from buurtxl import regeling, regels
from buurtxl.excel import udfs
from buurtxl.excel.udf_argumenten import Foutcel
from buurtxl.invoer import lezen
from buurtxl.regeling import voorbeeld
from gedeeld import cent, delen_buiten_haakjes, rij_met

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


# A tiny evaluator for the formulas the builder writes: =F(a, b, …) with cells, ranges, numbers,
# text and nested calls; IF(range="", x, y) element by element; array formulas over a range.
CEL = re.compile(r"\$?[A-Z]{1,3}\$?\d+")
BEREIK = re.compile(r"[A-Z]{1,3}\d+:[A-Z]{1,3}\d+")
AANROEP = re.compile(r"([A-Z_]+)\((.*)\)", re.DOTALL)


def _per_cel(functie, *waarden):
    """`functie` element by element over 2-D lists (a scalar stands for every cell)."""
    rijen = next((len(w) for w in waarden if isinstance(w, list)), None)
    if rijen is None:
        return functie(*waarden)
    kolommen = next(len(w[0]) for w in waarden if isinstance(w, list))
    return [
        [functie(*(w[i][j] if isinstance(w, list) else w for w in waarden)) for j in range(kolommen)]
        for i in range(rijen)
    ]


def uitdrukking(ws, tekst: str):
    tekst = tekst.strip()
    vergelijking = delen_buiten_haakjes(tekst, "=")
    if len(vergelijking) == 2:
        assert vergelijking[1].strip() == '""', tekst  # the only comparison the builder writes
        return _per_cel(lambda w: w is None or w == "", uitdrukking(ws, vergelijking[0]))
    aanroep = AANROEP.fullmatch(tekst)
    if aanroep:
        naam, args = aanroep[1], [uitdrukking(ws, a) for a in delen_buiten_haakjes(aanroep[2], ",")]
        if naam == "IF":
            return _per_cel(lambda als, dan, anders: dan if als else anders, *args)
        return getattr(udfs, naam)(*args)
    if tekst == "":
        return None
    if tekst.startswith('"'):
        return tekst.strip('"')
    if BEREIK.fullmatch(tekst):
        return [[waarde(ws, c.coordinate) for c in rij] for rij in ws[tekst]]
    if CEL.fullmatch(tekst):
        return waarde(ws, tekst)
    return float(tekst)


def evalueer(ws, formule: str):
    return uitdrukking(ws, formule.removeprefix("="))


def matrices(ws) -> dict[str, tuple[str, ArrayFormula]]:
    """Every cell covered by an array formula → (its anchor, the formula)."""
    gevonden = {}
    for rij in ws.iter_rows():
        for c in rij:
            if isinstance(c.value, ArrayFormula):
                for bereik_rij in ws[c.value.ref]:
                    for d in bereik_rij:
                        gevonden[d.coordinate] = (c.coordinate, c.value)
    return gevonden


_UITKOMSTEN: dict[tuple[int, str], object] = {}


def waarde(ws, ref: str):
    inhoud = ws[ref].value
    in_matrix = _MATRICES.setdefault(id(ws), matrices(ws)).get(ref)
    if in_matrix:
        anker, formule = in_matrix
        sleutel = (id(ws), anker)
        if sleutel not in _UITKOMSTEN:
            _UITKOMSTEN[sleutel] = evalueer(ws, formule.text)
        uitkomst = _UITKOMSTEN[sleutel]
        begin, cel = ws[anker], ws[ref]
        return uitkomst[cel.row - begin.row][cel.column - begin.column]
    if isinstance(inhoud, str) and inhoud.startswith("="):
        return evalueer(ws, inhoud)
    return inhoud


_MATRICES: dict[int, dict] = {}


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
        assert cent(waarde(blad, f"L{rij}")) == res.basissubsidie, res.buurt
        assert waarde(blad, f"M{rij}") == pytest.approx(float(res.toeslag_percentage), abs=1e-6)
        assert cent(waarde(blad, f"N{rij}")) == res.toeslag_communicatie, res.buurt
        assert cent(waarde(blad, f"O{rij}")) == res.supplement_kwetsbaar, res.buurt
        assert cent(waarde(blad, f"P{rij}")) == res.totaal, res.buurt


def test_voorbeeld_uitleg_noemt_de_redenen_van_de_kern(blad, buurten) -> None:
    for rij, res in buurten:
        tekst = waarde(blad, f"Q{rij}")
        assert res.reden_toeslag in tekst and res.reden_supplement in tekst, res.buurt


def test_elke_uitkomstkolom_is_een_formule_over_alle_buurten(blad, buurten) -> None:
    # One call per column instead of one per row (BENCHMARKS.md: a range is far cheaper).
    eerste, laatste = buurten[0][0], buurten[-1][0]
    for kolom in "LMNOP":
        matrix = blad[f"{kolom}{eerste}"].value
        assert isinstance(matrix, ArrayFormula) and matrix.ref == f"{kolom}{eerste}:{kolom}{laatste}"
        assert all(blad[f"{kolom}{r}"].value is None for r in range(eerste + 1, laatste + 1))


def test_parameters_in_een_formule_per_kolom(blad) -> None:
    r = rij_met(blad, "Parameter") + 1
    assert isinstance(blad[f"B{r}"].value, ArrayFormula) and isinstance(blad[f"C{r}"].value, ArrayFormula)


def test_randgevallen_geven_wat_het_besluit_zegt(blad) -> None:
    r = rij_met(blad, "Geval") + 1
    gezien = 0
    while blad[f"B{r}"].value:
        uitkomst, verwacht = evalueer(blad, blad[f"B{r}"].value), blad[f"C{r}"].value
        if isinstance(verwacht, str):
            assert verwacht.startswith("fout") and isinstance(uitkomst, Foutcel), blad[f"A{r}"].value
        else:
            assert uitkomst == pytest.approx(verwacht, abs=1e-9), blad[f"A{r}"].value
        gezien, r = gezien + 1, r + 1
    assert gezien >= 10


def test_parameterblok_toont_de_waarden_van_beide_regelingen(blad) -> None:
    r = rij_met(blad, "Parameter") + 1
    gezien = []
    while blad[f"A{r}"].value:
        naam = blad[f"A{r}"].value
        for kolom, regeling_naam in (("B", "2018"), ("C", "2017-2018")):
            if naam not in regeling.laad(regeling_naam).parameters:  # 2017-2018 has no §8 budget
                assert blad[f"{kolom}{r}"].value == "bestaat niet in deze regeling", naam
                continue
            verwacht = regeling.laad(regeling_naam).waarde(naam)
            uitkomst = waarde(blad, f"{kolom}{r}")
            assert uitkomst == (verwacht if isinstance(verwacht, (bool, dt.date)) else float(verwacht)), naam
        gezien.append(naam)
        r += 1
    assert sorted(gezien) == sorted(regeling.laad("2018").parameters)  # every parameter, once


# The range formulas spill in Excel 365: marked as dynamic arrays exactly as XlsxWriter marks them.


def _xlsxwriter_dynamische_matrix(pad: Path) -> zipfile.ZipFile:
    import xlsxwriter

    wb = xlsxwriter.Workbook(pad)
    wb.add_worksheet().write_dynamic_array_formula("B1:B3", "=TOESLAG_PERCENTAGE(A1:A3)")
    wb.close()
    return zipfile.ZipFile(pad)


def test_dynamische_matrix_zoals_xlsxwriter_hem_schrijft(tmp_path) -> None:
    referentie = _xlsxwriter_dynamische_matrix(tmp_path / "referentie.xlsx")
    with zipfile.ZipFile(WERKMAP) as z:
        assert z.read("xl/metadata.xml") == referentie.read("xl/metadata.xml")
        for deel in ("[Content_Types].xml", "xl/_rels/workbook.xml.rels"):
            soort = re.search(rb'[^"]*sheetMetadata[^"]*', referentie.read(deel))[0]
            assert soort in z.read(deel), deel
    cel = re.search(rb"<c [^>]*><f t=\"array\"", referentie.read("xl/worksheets/sheet1.xml"))[0]
    assert b'cm="1"' in cel


def test_elke_matrixformule_is_dynamisch() -> None:
    with zipfile.ZipFile(WERKMAP) as z:
        blad = z.read("xl/worksheets/sheet1.xml").decode()
    cellen = re.findall(r'<c ([^>]*)><f t="array"', blad)
    assert len(cellen) == 7 and all('cm="1"' in c for c in cellen)


def test_pakket_klopt_na_het_toevoegen() -> None:
    # EXCEL-STRICT: every Override names a part that exists, every relationship target exists,
    # relationship ids are unique.
    with zipfile.ZipFile(WERKMAP) as z:
        namen = set(z.namelist())
        soorten = re.findall(r'PartName="/([^"]+)"', z.read("[Content_Types].xml").decode())
        assert set(soorten) <= namen
        relaties = z.read("xl/_rels/workbook.xml.rels").decode()
        ids = re.findall(r'Id="([^"]+)"', relaties)
        assert len(ids) == len(set(ids))
        doelen = re.findall(r'Target="([^"]+)"', relaties)
        # A target is relative to xl/, or absolute from the package root.
        assert {t[1:] if t.startswith("/") else f"xl/{t}" for t in doelen} <= namen
