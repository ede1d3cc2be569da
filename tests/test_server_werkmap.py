"""xl/buurtxl_officejs.xlsx: reproducible from xl/maak_werkmap_officejs.py, the classic example sheet
with the add-in's function names, and what it computes through `buurtxl serve`.

No Excel here, so each formula of the sheet is evaluated the way Excel would with the add-in loaded:
every `_xldudf_BUURTXL_F(…)` becomes one call of F on the real server, with the cells it refers to
(numbers, empty cells as null, ranges as rows of cells), as xlwings' JavaScript sends them.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import openpyxl
import pytest
from openpyxl.formula import Tokenizer
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.worksheet import Worksheet

from buurtxl import regeling, regels
from buurtxl.excel import udfs
from buurtxl.invoer import lezen
from buurtxl.regeling import voorbeeld
from gedeeld import cent, delen_buiten_haakjes, rij_met
from server_proces import Server, server, vereis_server

XL = Path(__file__).resolve().parents[1] / "xl"
WERKMAP = XL / "buurtxl_officejs.xlsx"
KLASSIEK = XL / "buurtxl.xlsm"
VOORVOEGSEL = "_xldudf_BUURTXL_"
OPNIEUW = "maak hem opnieuw met: python xl/maak_werkmap_officejs.py"
EXCEL_FUNCTIES = {"IF"}  # Excel's own functions the sheet uses around buurtxl's


def _bouwer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("maak_werkmap_officejs", XL / "maak_werkmap_officejs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def blad() -> Worksheet:
    return openpyxl.load_workbook(WERKMAP)["Voorbeeld"]


def _tekst(waarde: Any) -> Any:
    return ("matrix", waarde.ref, waarde.text) if isinstance(waarde, ArrayFormula) else waarde


def _inhoud(ws: Worksheet) -> dict[str, Any]:
    return {c.coordinate: (_tekst(c.value), c.number_format)
            for rij in ws.iter_rows() for c in rij if c.value is not None}


def _formules(ws: Worksheet) -> Iterator[tuple[str, str]]:
    for rij in ws.iter_rows():
        for c in rij:
            tekst = c.value.text if isinstance(c.value, ArrayFormula) else c.value
            if isinstance(tekst, str) and tekst.startswith("="):
                yield c.coordinate, tekst


# The file itself


def test_werkmap_is_wat_het_script_nu_maakt(blad: Worksheet, tmp_path: Path) -> None:
    nieuw = _bouwer().maak(tmp_path / "buurtxl_officejs.xlsx")
    assert _inhoud(openpyxl.load_workbook(nieuw)["Voorbeeld"]) == _inhoud(blad), OPNIEUW


def test_gewone_werkmap_zonder_macros() -> None:
    wb = openpyxl.load_workbook(WERKMAP)
    assert wb.sheetnames == ["Voorbeeld"] and wb.vba_archive is None
    assert wb.calculation.fullCalcOnLoad is True


def test_elke_functieaanroep_is_een_functie_van_de_invoegtoepassing(blad: Worksheet) -> None:
    gebruikt = set()
    for cel, formule in _formules(blad):
        for token in Tokenizer(formule).items:
            if token.type == "FUNC" and token.subtype == "OPEN":
                naam = token.value[:-1]
                if naam in EXCEL_FUNCTIES:
                    continue
                assert naam.startswith(VOORVOEGSEL), f"{cel}: {formule}"
                gebruikt.add(naam.removeprefix(VOORVOEGSEL))
    assert gebruikt == set(udfs.__all__)  # every function, and only buurtxl's


def test_zelfde_blad_als_de_klassieke_werkmap_op_de_namen_na(blad: Worksheet) -> None:
    klassiek = _inhoud(openpyxl.load_workbook(KLASSIEK, keep_vba=True)["Voorbeeld"])
    eigen = _inhoud(blad)
    assert eigen.keys() == klassiek.keys(), OPNIEUW

    def terug(waarde: Any) -> Any:
        if isinstance(waarde, tuple):
            return tuple(terug(w) for w in waarde)
        if isinstance(waarde, str):
            return waarde.replace(VOORVOEGSEL, "").replace("BUURTXL.", "")
        return waarde

    verschil = {cel for cel in eigen if terug(eigen[cel]) != klassiek[cel]}
    assert verschil == {"A2"}, OPNIEUW  # only the instructions: the add-in, not Import Functions
    assert "BUURTXL.BASISSUBSIDIE" in blad["A2"].value and "Import Functions" not in blad["A2"].value


# What the sheet computes through the server


@pytest.fixture(scope="module")
def srv() -> Iterator[Server]:
    vereis_server()
    with server() as s:
        yield s


class Fout(Exception):
    """A formula that Excel would show as #WAARDE! (the server answered 400 with this message)."""


AANROEP = re.compile(r"([A-Za-z_]+)\((.*)\)", re.DOTALL)
CEL = re.compile(r"\$?[A-Z]{1,3}\$?\d+")


def _per_cel(functie: Any, *blokken: Any) -> list[list[Any]]:
    """`functie` element by element over blocks of cells (a 1×1 block stands for every cell)."""
    rijen = max(len(b) for b in blokken)
    kolommen = max(len(b[0]) for b in blokken)
    return [
        [functie(*(b[i % len(b)][j % len(b[0])] for b in blokken)) for j in range(kolommen)]
        for i in range(rijen)
    ]


class Rekenaar:
    """Evaluates the sheet's formulas as Excel with the add-in would: one server call per function,
    Excel's own IF element by element, an array formula once for its whole range."""

    def __init__(self, ws: Worksheet, srv: Server) -> None:
        self.ws, self.srv = ws, srv
        _, tekst = srv.get("/xlwings/custom-functions-meta")
        self.parameters: dict[str, int] = {f["name"]: len(f["parameters"]) for f in json.loads(tekst)["functions"]}
        self.matrices: dict[str, tuple[str, ArrayFormula]] = {}
        for rij in ws.iter_rows():
            for c in rij:
                if isinstance(c.value, ArrayFormula):
                    for bereik_rij in ws[c.value.ref]:
                        for d in bereik_rij:
                            self.matrices[d.coordinate] = (c.coordinate, c.value)
        self.uitkomsten: dict[str, Any] = {}

    def cel(self, ref: str) -> Any:
        if ref in self.matrices:
            anker, matrix = self.matrices[ref]
            if anker not in self.uitkomsten:
                self.uitkomsten[anker] = self.formule(matrix.text)
            begin, cel = self.ws[anker], self.ws[ref]
            return self.uitkomsten[anker][cel.row - begin.row][cel.column - begin.column]
        inhoud = self.ws[ref].value
        if isinstance(inhoud, str) and inhoud.startswith("="):
            uitkomst = self.formule(inhoud)
            return uitkomst[0][0] if isinstance(uitkomst, list) else uitkomst
        return inhoud

    def argument(self, tekst: str) -> Any:
        """An argument as a block of cells (None: omitted)."""
        tekst = tekst.strip()
        if tekst == "":
            return None  # an omitted argument
        vergelijking = delen_buiten_haakjes(tekst, "=")
        if len(vergelijking) == 2:
            assert vergelijking[1].strip() == '""', tekst  # the only comparison the sheet holds
            return _per_cel(lambda w: w is None or w == "", self.argument(vergelijking[0]))
        if AANROEP.fullmatch(tekst):
            return self.formule("=" + tekst)
        if tekst.startswith('"'):
            return [[tekst.strip('"')]]
        if ":" in tekst:
            return [[self.cel(c.coordinate) for c in rij] for rij in self.ws[tekst]]
        if CEL.fullmatch(tekst):
            return [[self.cel(tekst)]]
        return [[float(tekst)]]

    def formule(self, formule: str) -> Any:
        aanroep = AANROEP.fullmatch(formule[1:])
        if aanroep is None:
            assert CEL.fullmatch(formule[1:]), formule  # =H12
            return self.cel(formule[1:])
        naam, tekst = aanroep.groups()
        args = [self.argument(a) for a in delen_buiten_haakjes(tekst, ",")]
        if naam == "IF":
            return _per_cel(lambda als, dan, anders: dan if als else anders, *args)
        naam = naam.removeprefix(VOORVOEGSEL)
        args += [None] * (self.parameters[naam] - len(args))
        status, uitkomst = self.srv.roep(naam, *args)
        if status == 400:
            raise Fout(uitkomst)
        assert status == 200, (formule, status, uitkomst)
        return uitkomst


@pytest.fixture(scope="module")
def excel(blad: Worksheet, srv: Server) -> Rekenaar:
    return Rekenaar(blad, srv)


def kolom_met(ws: Worksheet, rij: int, kop: str) -> str:
    return next(c.column_letter for c in ws[rij] if c.value == kop)


def test_randgevallen_geven_wat_het_besluit_zegt(blad: Worksheet, excel: Rekenaar) -> None:
    r = rij_met(blad, "Geval") + 1
    gezien = 0
    while blad[f"B{r}"].value:
        geval, verwacht = blad[f"A{r}"].value, blad[f"C{r}"].value
        if isinstance(verwacht, str):  # "fout (#WAARDE!)": worked out by hand from the decision
            with pytest.raises(Fout):
                excel.cel(f"B{r}")
        else:
            assert excel.cel(f"B{r}") == pytest.approx(verwacht, abs=1e-9), geval
        gezien, r = gezien + 1, r + 1
    assert gezien >= 10


def test_parameterblok_toont_de_waarden_van_beide_regelingen(blad: Worksheet, excel: Rekenaar) -> None:
    r = rij_met(blad, "Parameter") + 1
    while blad[f"A{r}"].value:
        naam = blad[f"A{r}"].value
        for kolom, versie in (("B", "2018"), ("C", "2017-2018")):
            if naam not in regeling.laad(versie).parameters:  # 2017-2018 has no §8 budget
                assert blad[f"{kolom}{r}"].value == "bestaat niet in deze regeling", naam
                continue
            verwacht = regeling.laad(versie).waarde(naam)
            uitkomst = excel.cel(f"{kolom}{r}")
            if isinstance(verwacht, dt.date):  # the buurtplan's due date: Office.js gets a dated serial number
                assert uitkomst["type"] == "FormattedNumber" and "yyyy" in uitkomst["numberFormat"], uitkomst
                assert dt.date(1899, 12, 30) + dt.timedelta(days=uitkomst["basicValue"]) == verwacht, naam
                continue
            assert uitkomst == (verwacht if isinstance(verwacht, bool) else float(verwacht)), naam
        r += 1


def test_voorbeeldbuurten_op_de_cent_gelijk_aan_de_regels(blad: Worksheet, excel: Rekenaar) -> None:
    r = regeling.laad("2018")
    resultaten = [regels.bereken(r, a) for a in lezen.lees(voorbeeld.pad(), r).aanvragen]
    kop = rij_met(blad, "buurt")
    eerste, totaal = kop + 1, kolom_met(blad, kop, "Totaal")
    assert [blad[f"A{eerste + i}"].value for i in range(len(resultaten))] == [x.buurt for x in resultaten]
    assert [cent(excel.cel(f"{totaal}{eerste + i}")) for i in range(len(resultaten))] == [
        x.totaal for x in resultaten
    ]


def test_formule_over_de_hele_kolom_op_de_cent_gelijk_aan_de_regels(blad: Worksheet, excel: Rekenaar) -> None:
    r = regeling.laad("2018")
    resultaten = [regels.bereken(r, a) for a in lezen.lees(voorbeeld.pad(), r).aanvragen]
    kop = rij_met(blad, "buurt")
    kolom = kolom_met(blad, kop, "Totaal")
    formule = blad[f"{kolom}{kop + 1}"].value
    assert isinstance(formule, ArrayFormula)  # one call for all buurten
    uitkomst = excel.formule(formule.text)
    assert [cent(rij[0]) for rij in uitkomst] == [x.totaal for x in resultaten]
