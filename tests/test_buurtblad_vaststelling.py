"""A buurtnetwerk's own sheet with settlement data (`build --per-buurt`): the Redenen and the
settlement block each have their own rows (the block was written over the Redenen, issue 20).

Read back with openpyxl, and printed by LibreOffice to PDF: measured with pdftotext -bbox, no
printed word overlaps another, every reason is printed whole, and the block's amounts are there.

The buurt (hand-worked): 1.495 huishoudens → toeslag 15% × € 5.850 = € 877,50, applied for € 877,50;
buurtscore 40 → supplement € 3.000 reserved (no request). Besteed € 6.400, toeslag besteed € 900,
supplement besteed € 2.500, betaald € 8.000: vastgesteld 5.850 + 877,50 + 2.500 = € 9.227,50,
nabetalen € 1.227,50.
"""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from defusedxml import ElementTree

from buurtxl import herberekenen, model, regeling, regels, werkmap
from buurtxl.werkmap import vaststellingblad as vb
from rekenmotor import vereis_libreoffice
from test_werkmap_afdrukken import MIN_WOORDHOOGTE

R = regeling.laad("2018")
AANVRAAG = model.Aanvraag(
    buurt="Malberg", huishoudens=1495, buurtscore=Decimal(40), toeslag_aangevraagd=Decimal("877.50"),
    besteed=Decimal("6400"), toeslag_besteed=Decimal("900"), supplement_besteed=Decimal("2500"),
    betaald=Decimal("8000"), toelichting="Veel nieuwe bewoners bereikt met de buurtkrant.",
)


def _redenen_rijen(ws) -> tuple[int, list[int]]:
    kop = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Redenen")
    rijen = []
    for r in range(kop + 1, ws.max_row + 1):
        if ws.cell(r, 1).value in (None, ""):
            break
        rijen.append(r)
    return kop, rijen


def test_redenen_en_vaststelling_elk_op_eigen_rijen() -> None:
    ws = werkmap.maak_buurtwerkmap(AANVRAAG, R)["Malberg"]
    kop, rijen = _redenen_rijen(ws)
    r = regels.bereken(R, AANVRAAG)
    assert [(ws.cell(i, 1).value, ws.cell(i, 3).value) for i in rijen] == [
        ("Basissubsidie", r.reden_basissubsidie), ("Toeslag", r.reden_toeslag), ("Supplement", r.reden_supplement)]
    blok = vb.blok_kop(ws)
    assert blok is not None and blok > max(rijen) + 1  # below the Redenen (and the Toelichting), a row apart
    assert ws.cell(blok, 1).value == "Vaststelling na afloop van het jaar"
    regel = {ws.cell(i, 1).value: ws.cell(i, 2).value for i in vb.blok_rijen(blok).values()}
    assert regel["Vastgesteld totaal"].startswith("=IF('Vaststelling'!")
    assert ws.print_area == f"'Malberg'!$A$1:$D${blok + len(vb.BLOK)}"


Woord = tuple[str, float, float, float, float]  # word, xMin, yMin, xMax, yMax in points


@pytest.fixture(scope="module")
def pagina_s(tmp_path_factory: pytest.TempPathFactory) -> list[list[Woord]]:
    """Every printed word of the buurtnetwerk's own sheet, with its box, per page."""
    vereis_libreoffice()
    map_ = tmp_path_factory.mktemp("buurtblad")
    pad = map_ / "malberg.xlsx"
    werkmap.maak_buurtwerkmap(AANVRAAG, R).save(pad)
    [pdf] = herberekenen.converteer([pad], map_ / "uit", "pdf")
    uit = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True, timeout=120).stdout
    pagina_s = []
    for pagina in ElementTree.fromstring(uit).iter("{http://www.w3.org/1999/xhtml}page"):
        woorden = [(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
                   for w in pagina.iter("{http://www.w3.org/1999/xhtml}word")]
        if "Buurtnetwerk i.o. Malberg" in " ".join(w for w, *_ in woorden):  # the title repeats on each page
            pagina_s.append(woorden)
    return pagina_s


def _tekst(woorden: list[Woord]) -> str:
    return " ".join(w for w, *_ in woorden)


def test_redenen_op_de_eerste_pagina_vaststelling_op_de_tweede(pagina_s: list[list[Woord]]) -> None:
    """The application with its Redenen on one A4, the settlement on a second (on one page together
    the text shrank below 8 pt)."""
    assert len(pagina_s) == 2
    eerste, tweede = (_tekst(p) for p in pagina_s)
    assert "Redenen" in eerste and "Vaststelling na afloop van het jaar" not in eerste
    assert "Vaststelling na afloop van het jaar" in tweede and "Redenen" not in tweede


def test_afgedrukt_zonder_overlap(pagina_s: list[list[Woord]]) -> None:
    """The block was printed over the Redenen: now no printed word overlaps another. (A word's box
    runs from descent to ascent, 1.22 em: boxes of adjacent lines, also the wrapped lines of one
    cell, overlap by up to a fifth of their height; words printed over each other by most of it.)"""
    for woorden in pagina_s:
        for i, (w1, x0, y0, x1, y1) in enumerate(woorden):
            for w2, a0, b0, a1, b1 in woorden[i + 1:]:
                breed, hoog = min(x1, a1) - max(x0, a0), min(y1, b1) - max(y0, b0)
                assert breed <= 0.5 or hoog <= 0.25 * min(y1 - y0, b1 - b0), (w1, w2)
        assert min(y1 - y0 for w, _, y0, _, y1 in woorden if w.strip()) >= MIN_WOORDHOOGTE


def test_afgedrukt_met_redenen_en_bedragen(pagina_s: list[list[Woord]]) -> None:
    tekst = " ".join(_tekst(p) for p in pagina_s)
    r = regels.bereken(R, AANVRAAG)
    for reden in (r.reden_basissubsidie, r.reden_toeslag, r.reden_supplement):
        assert " ".join(reden.split()[-3:]) in tekst and " ".join(reden.split()[:3]) in tekst
    na = tekst.split("Vaststelling na afloop van het jaar")[1]
    assert "9.227,50" in na and "1.227,50" in na and "nabetalen" in na
    assert "Veel nieuwe bewoners bereikt met de buurtkrant." in tekst


def test_leest_terug_na_libreoffice(tmp_path: Path) -> None:
    """Both blocks read back from the file LibreOffice saved: the reasons as written, the settlement
    as computed."""
    vereis_libreoffice()
    pad = tmp_path / "malberg.xlsx"
    werkmap.maak_buurtwerkmap(AANVRAAG, R).save(pad)
    ws = openpyxl.load_workbook(herberekenen.herbereken(pad), data_only=True)["Malberg"]
    _, rijen = _redenen_rijen(ws)
    assert ws.cell(rijen[1], 3).value == regels.bereken(R, AANVRAAG).reden_toeslag
    blok = vb.blok_rijen(vb.blok_kop(ws))
    waarde = {key: ws.cell(rij, 2).value for key, rij in blok.items()}
    assert waarde["vastgesteld_totaal"] == pytest.approx(9227.50, abs=0.001)
    assert waarde["saldo"] == pytest.approx(1227.50, abs=0.001)
    assert waarde["saldo_status"] == "nabetalen" and waarde["ontbreekt"] in (None, "")
