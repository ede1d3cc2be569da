"""`--formules udf` workbooks pass the toeslag request to the Excel functions, and what those cells
give (the functions of `buurtxl.udfs` called with the cells they refer to) equals the core.

LibreOffice cannot run the add-in's functions, so each udf call is evaluated here in Python; the
native parts of the same workbook are recalculated by LibreOffice in test_werkmap_herberekend.py.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import pytest
from openpyxl import Workbook

from buurtxl import regeling, regels, werkmap
from buurtxl.excel import udfs
from buurtxl.excel.excelfuncties import FUNCTIES
from buurtxl.invoer import lezen
from buurtxl.model import Aanvraag
from buurtxl.regeling import voorbeeld
from buurtxl.werkmap import buurtblad
from buurtxl.werkmap.namen import REGELING_NAAM
from gedeeld import cent, delen_buiten_haakjes

R2018 = regeling.laad("2018")
# Requests worked out against a maximum that differs per buurt: none, nothing, a little, far too much.
VERZOEKEN = (None, Decimal("0"), Decimal("100"), Decimal("10000"))
AANROEP = re.compile(r"([A-Z_]+)\((.*)\)", re.DOTALL)


@pytest.fixture(scope="module")
def aanvragen() -> list[Aanvraag]:
    return [
        replace(a, toeslag_aangevraagd=VERZOEKEN[i % len(VERZOEKEN)])
        for i, a in enumerate(lezen.lees(voorbeeld.pad(), R2018).aanvragen)
    ]


@pytest.fixture(scope="module")
def wb(aanvragen) -> Workbook:
    return werkmap.maak_begroting(aanvragen, R2018, formules="udf")


def aanroepen(formule: str) -> list[tuple[str, list[str]]]:
    """Every call NAAM(a,b,…) in a formula, nested ones too, with its arguments as text."""
    uit = []
    for i in range(len(formule)):
        m = re.match(r"[A-Z_]+\(", formule[i:])
        if m and (i == 0 or not re.match(r"[A-Z_]", formule[i - 1])):
            diepte = 0
            for j in range(i + len(m[0]) - 1, len(formule)):
                diepte += {"(": 1, ")": -1}.get(formule[j], 0)
                if diepte == 0:
                    break
            binnen = formule[i + len(m[0]):j]
            uit.append((m[0][:-1], [a.strip() for a in delen_buiten_haakjes(binnen, ",")]))
    return uit


def _buurtcellen(ws, basissubsidie: Decimal) -> dict[str, object]:
    """The values a buurt sheet's udf calls read: its input cells as typed, the basissubsidie the
    core computes (its own cell is checked elsewhere), and the regeling's name."""
    waarden: dict[str, object] = {buurtblad.invoercel(k): ws[buurtblad.invoercel(k)].value
                                  for k in buurtblad.INVOER_RIJEN}
    waarden[buurtblad.uitkomstcel("basissubsidie")] = float(basissubsidie)
    waarden[REGELING_NAAM] = R2018.naam
    return waarden


def _roep(naam: str, argumenten: list[str], waarden: dict[str, object]):
    return getattr(udfs, naam)(*(waarden[a] if a else None for a in argumenten))


def test_buurtblad_toeslag_en_totaal_via_de_functies_gelijk_aan_de_kern(wb, aanvragen) -> None:
    gevraagd = buurtblad.invoercel("toeslag_aangevraagd")
    beslist = 0
    for a in aanvragen:
        ws, res = wb[a.buurt], regels.bereken(R2018, a)
        waarden = _buurtcellen(ws, res.basissubsidie)
        assert ws[gevraagd].value == (None if a.toeslag_aangevraagd is None else float(a.toeslag_aangevraagd))
        toeslag = ws[buurtblad.uitkomstcel("toeslag_communicatie")].value
        assert "MIN(" not in toeslag, toeslag  # the request goes to the function, not around it
        ((naam, args),) = [(n, x) for n, x in aanroepen(toeslag) if n == "TOESLAG_COMMUNICATIE"]
        assert args[FUNCTIES[naam].argumenten.index("toeslag_aangevraagd")] == gevraagd
        assert cent(_roep(naam, args, waarden)) == res.toeslag_communicatie, a.buurt

        totaal = ws[buurtblad.uitkomstcel("totaal")].value
        (naam, args), = aanroepen(totaal)
        assert naam == "SUBSIDIE_TOTAAL" and args[FUNCTIES[naam].argumenten.index("toeslag_aangevraagd")] == gevraagd
        assert cent(_roep(naam, args, waarden)) == res.totaal, a.buurt

        uitleg = ws[f"{buurtblad.KOLOM}{buurtblad.UITLEG_RIJ}"].value
        (naam, args), = aanroepen(uitleg)
        assert naam == "UITLEG" and res.reden_toeslag in _roep(naam, args, waarden), a.buurt
        beslist += a.toeslag_aangevraagd is not None and res.toeslag_communicatie == a.toeslag_aangevraagd > 0
    assert beslist > 0  # some request is below its maximum and decides the amount


def test_elke_aanroep_met_een_aanvraagargument_geeft_de_aanvraagcel_mee(wb) -> None:
    """On every sheet (buurt sheets and the Begroting's rows) the toeslag request is a cell, never left out."""
    gezien = 0
    for ws in wb.worksheets:
        for rij in ws.iter_rows():
            for cel in rij:
                if not (isinstance(cel.value, str) and cel.value.startswith("=")):
                    continue
                for naam, args in aanroepen(cel.value):
                    if naam in FUNCTIES and "toeslag_aangevraagd" in FUNCTIES[naam].argumenten:
                        assert len(args) == len(FUNCTIES[naam].argumenten), cel.value
                        assert args[FUNCTIES[naam].argumenten.index("toeslag_aangevraagd")], cel.value
                        gezien += 1
    assert gezien >= 3 * 30
