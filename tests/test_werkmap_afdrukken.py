"""Printed pages are readable (issue 13): LibreOffice prints the generated workbooks to PDF, and
poppler's pdftotext reports every word with its box. We check the page count per sheet (from the
footer "blad – pagina P van N" buurtxl puts on every sheet) and the height of the printed words.

Text height: a line of Carlito/Calibri (what LibreOffice uses for Excel's Calibri) is 1.22 em from
descent to ascent, so 8 pt text prints words about 9.8 pt high. The officer's fit-to-width pages
had 5–6 pt text: words 6–7.5 pt high. We require at least 8 pt × 1.15 = 9.2 pt, which a 7 pt font
(8.5 pt) does not reach.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from defusedxml import ElementTree

from buurtxl import formulier, herberekenen, lezen, regeling, regels, voorbeeld, werkmap
from rekenmotor import vereis_libreoffice

R2018 = regeling.laad("2018")
VOORBEELD = lezen.lees(voorbeeld.pad(), R2018).aanvragen
MIN_WOORDHOOGTE = 8 * 1.15  # points: an 8 pt font's words, with a margin for rounding
A4 = (595.3, 841.9)  # points


@dataclass
class Pagina:
    breedte: float
    hoogte: float
    woorden: list[tuple[str, float]]  # (word, height in points)

    @property
    def tekst(self) -> str:
        return " ".join(w for w, _ in self.woorden)

    def voet(self) -> tuple[str, int, int] | None:
        """(sheet, page, pages) from buurtxl's footer, if this page has one."""
        regel = re.search(r"(\S[^–]*?) – pagina (\d+) van (\d+)", self.tekst)
        return (regel.group(1).split()[-1], int(regel.group(2)), int(regel.group(3))) if regel else None


def _pagina_s(pdf: Path) -> list[Pagina]:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext ontbreekt: installeer poppler-utils (scripts/test.sh doet dat)")
    uit = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True, timeout=120).stdout
    html = ElementTree.fromstring(uit)
    pagina_s = []
    for pagina in html.iter("{http://www.w3.org/1999/xhtml}page"):
        woorden = [
            (w.text or "", float(w.get("yMax")) - float(w.get("yMin")))
            for w in pagina.iter("{http://www.w3.org/1999/xhtml}word")
        ]
        pagina_s.append(Pagina(float(pagina.get("width")), float(pagina.get("height")), woorden))
    return pagina_s


def _is_a4(p: Pagina) -> bool:
    return sorted((round(p.breedte), round(p.hoogte))) == [round(A4[0]), round(A4[1])]


@pytest.fixture(scope="module")
def pdf_s(tmp_path_factory) -> dict[str, list[Pagina]]:
    vereis_libreoffice()
    map_ = tmp_path_factory.mktemp("afdrukken")
    (map_ / "in").mkdir()
    werkmappen = {
        "begroting": werkmap.maak_begroting(VOORBEELD, R2018),
        "buurtwerkmap": werkmap.maak_buurtwerkmap(VOORBEELD[10], R2018),
        "formulier": formulier.maak(R2018),
    }
    paden = []
    for naam, wb in werkmappen.items():
        wb.save(map_ / "in" / f"{naam}.xlsx")
        paden.append(map_ / "in" / f"{naam}.xlsx")
    pdf_s = herberekenen.converteer(paden, map_ / "uit", "pdf")
    return {naam: _pagina_s(p) for naam, p in zip(werkmappen, pdf_s, strict=True)}


def _per_blad(pagina_s: list[Pagina]) -> dict[str | None, list[Pagina]]:
    """Pages by the sheet named in their footer (None: a page without buurtxl's footer)."""
    uit: dict[str | None, list[Pagina]] = {}
    for p in pagina_s:
        voet = p.voet()
        uit.setdefault(voet[0] if voet else None, []).append(p)
    return uit


def _kleinste_woord(pagina_s: list[Pagina]) -> tuple[str, float]:
    return min(((w, h) for p in pagina_s for w, h in p.woorden if w.strip()), key=lambda wh: wh[1])


def test_alle_pagina_s_zijn_a4(pdf_s):
    for naam, pagina_s in pdf_s.items():
        assert pagina_s and all(_is_a4(p) for p in pagina_s), naam


@pytest.mark.parametrize("naam", ["begroting", "buurtwerkmap", "formulier"])
def test_tekst_is_minstens_8_punt(pdf_s, naam):
    woord, hoogte = _kleinste_woord(pdf_s[naam])
    assert hoogte >= MIN_WOORDHOOGTE, f"{naam}: {woord!r} is {hoogte:.1f} pt hoog"


def test_begroting_verdeelt_de_kolommen_over_pagina_s_met_de_buurt_op_elke_pagina(pdf_s):
    bladen = _per_blad(pdf_s["begroting"])
    begroting = bladen["Begroting"]
    assert len(begroting) >= 2  # 14 columns and the budget block do not fit one page at 100%
    # Print titles: the header row and the buurt column repeat, so every page names its buurten.
    for p in begroting:
        assert "Buurt" in p.tekst.split() or "Toeslag" in p.tekst, p.tekst[:120]
    tabelpagina_s = [p for p in begroting if "Jekerkwartier" in p.tekst and "Totaal" in p.tekst]
    assert len(tabelpagina_s) >= 2


def test_grafiek_labelt_elke_buurt_op_een_eigen_pagina(pdf_s):
    begroting = _per_blad(pdf_s["begroting"])["Begroting"]
    [grafiek] = [p for p in begroting if "Toeslag en supplement per buurt" in p.tekst]
    woorden = grafiek.tekst
    ontbreekt = [a.buurt for a in VOORBEELD if a.buurt not in woorden]
    assert ontbreekt == []
    for reeks in ("Toegekend", "Potentieel", "Gereserveerd"):  # the legend keeps them apart
        assert reeks in woorden


def test_buurtwerkmap_buurtblad_op_een_a4_met_bedragen_en_redenen(pdf_s):
    aanvraag = VOORBEELD[10]
    [pagina] = [p for p in pdf_s["buurtwerkmap"] if f"Buurtnetwerk i.o. {aanvraag.buurt}" in p.tekst]
    laatste_reden = regels.bereken(R2018, aanvraag).reden_supplement.split()[-1]
    assert "Redenen" in pagina.tekst and laatste_reden in pagina.tekst
    assert "9.227,50" in pagina.tekst  # its total: 5850 + 877.50 + 2500 (the example's Mariaberg)
    assert not any("Budget (§8)" in p.tekst or "Over voor ondersteuning" in p.tekst for p in pdf_s["buurtwerkmap"])


def test_aanvraagformulier_op_een_a4_met_de_hele_toelichting(pdf_s):
    [pagina] = pdf_s["formulier"]
    assert _is_a4(pagina)
    # The explanation column is printed, not cut off: the last word of every explanation is there.
    woorden = pagina.tekst.split()
    for veld in formulier.VELDEN:
        assert veld.uitleg(R2018).split()[-1] in woorden, veld.sleutel
