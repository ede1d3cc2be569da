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
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

import pytest
from defusedxml import ElementTree

from buurtxl import herberekenen, regeling, regels, werkmap
from buurtxl.cli import bouwen
from buurtxl.invoer import formulier, lezen
from buurtxl.regeling import voorbeeld
from buurtxl.werkmap import vaststellingblad
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
    vakken: list[tuple[str, float, float]] = field(default_factory=list)  # (word, left, top) in points

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
        elementen = list(pagina.iter("{http://www.w3.org/1999/xhtml}word"))
        woorden = [(w.text or "", float(w.get("yMax")) - float(w.get("yMin"))) for w in elementen]
        vakken = [(w.text or "", float(w.get("xMin")), float(w.get("yMin"))) for w in elementen]
        pagina_s.append(Pagina(float(pagina.get("width")), float(pagina.get("height")), woorden, vakken))
    return pagina_s


def _is_a4(p: Pagina) -> bool:
    return sorted((round(p.breedte), round(p.hoogte))) == [round(A4[0]), round(A4[1])]


@pytest.fixture(scope="module")
def pdf_s(tmp_path_factory) -> dict[str, list[Pagina]]:
    vereis_libreoffice()
    map_ = tmp_path_factory.mktemp("afdrukken")
    (map_ / "in").mkdir()
    # As `buurtxl build` makes it: with the example's caveat in the title rows.
    herkomst = bouwen.herkomst("ingebouwd voorbeeld", voorbeeld.pad(), voorbeeld.KANTTEKENINGEN)
    # Three buurten with settlement data: the workbook gets a Vaststelling sheet.
    vastgesteld = [replace(a, betaald=Decimal("5850"), toeslag_besteed=Decimal("100")) if i < 3 else a
                   for i, a in enumerate(VOORBEELD)]
    werkmappen = {
        "begroting": werkmap.maak_begroting(VOORBEELD, R2018, herkomst=herkomst),
        "vaststelling": werkmap.maak_begroting(vastgesteld, R2018),
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


@pytest.mark.parametrize("naam", ["begroting", "buurtwerkmap", "formulier", "vaststelling"])
def test_tekst_is_minstens_8_punt(pdf_s, naam):
    woord, hoogte = _kleinste_woord(pdf_s[naam])
    assert hoogte >= MIN_WOORDHOOGTE, f"{naam}: {woord!r} is {hoogte:.1f} pt hoog"


def test_begroting_verdeelt_de_kolommen_over_pagina_s_met_de_buurt_op_elke_pagina(pdf_s):
    bladen = _per_blad(pdf_s["begroting"])
    begroting = bladen["Begroting"]
    assert len(begroting) >= 2  # 14 columns and the budget block do not fit one page at 100%
    # Each page of the table begins with the buurt names (column A, then the repeated name
    # columns): every table page names the buurten whose amounts it prints.
    tabelpagina_s = [p for p in begroting if "Totaal" in p.tekst.split() and "Budget" not in p.tekst]
    assert len(tabelpagina_s) >= 3  # inputs, amounts, checks: each continued on a second page
    for p in tabelpagina_s:
        woorden = p.tekst.split()
        assert woorden[0] == "Buurt", p.tekst[:120]  # the header row's first word, at the left
        assert any(a.buurt.split()[0] in woorden for a in VOORBEELD), p.tekst[:120]
    # The pages of columns: the first with column A, the next ones with the repeated name column.
    begin = {tuple(p.tekst.split()[:2]) for p in tabelpagina_s}
    assert {("Buurt", "Buurtcode"), ("Buurt", "(vervolg)"), ("Buurt", "(vervolg")} <= begin, begin


def _regel(pagina: Pagina, woord: str) -> float:
    """The top of the first printed `woord` on the page."""
    return next(top for w, _, top in pagina.vakken if w == woord)


def _op_regel(pagina: Pagina, top: float) -> list[str]:
    return [w for w, _, t in pagina.vakken if abs(t - top) < 2]


def _bedrag(tekst: str) -> set[str]:
    """An amount as LibreOffice may print it: Dutch (60.000,00) or English (60,000.00) separators."""
    return {tekst, tekst.replace(".", "#").replace(",", ".").replace("#", ",")}


def test_budgetblok_labels_en_bedragen_op_dezelfde_pagina_zonder_buurtnamen(pdf_s):
    """QA 3: the §8 block's amounts printed on another page than its labels, beside the repeated
    buurt column ("Kommelkwartier € 173.800,00")."""
    begroting = _per_blad(pdf_s["begroting"])["Begroting"]
    [pagina] = [p for p in begroting if {"Budget", "Aantal", "Gereserveerd"} <= set(p.tekst.split())]
    totaal = sum((regels.bereken(R2018, a).totaal for a in VOORBEELD), Decimal(0))
    verwacht = {  # label's first word → its amount: 30 buurten, € 60.000 reserved (§8), the total
        "Aantal": {"30"},
        "Gereserveerd": _bedrag("60.000,00"),
        "Totaal": _bedrag(f"{totaal:,.2f}".replace(",", "#").replace(".", ",").replace("#", ".")),
    }
    for label, bedragen in verwacht.items():
        regel = _op_regel(pagina, _regel(pagina, label))
        assert bedragen & set(regel), (label, regel)
    woorden = pagina.tekst.split()
    assert "Buurt" not in woorden and "(vervolg)" not in woorden
    assert [a.buurt for a in VOORBEELD if a.buurt in woorden] == []


def test_titelregels_afgedrukt_op_een_pagina_heel_en_niet_over_elkaar(pdf_s):
    """QA 10: the long title rows ran on into the next pages of columns and printed over the
    repeated title column there ("het aantal huishzijn verzonnen ter ill…")."""
    begroting = _per_blad(pdf_s["begroting"])["Begroting"]
    let_op = ("Let op: " + " ".join(voorbeeld.KANTTEKENINGEN)).split()
    met_titel = [p for p in begroting if "Let" in p.tekst.split()]
    assert len(met_titel) == 1
    woorden = met_titel[0].tekst.split()
    begin = woorden.index("Let")
    assert woorden[begin:begin + len(let_op)] == let_op  # whole, in reading order, once
    assert all("Begroting buurtnetwerken" not in p.tekst for p in begroting if p is not met_titel[0])


def test_vaststelling_legenda_leesbaar(pdf_s):
    """QA 10: the Vaststelling sheet's notes above the headers were cut by the next column
    ("§3.4 punt 2: al", "invoer: betaa"): every word of every note is printed."""
    pagina_s = _per_blad(pdf_s["vaststelling"])["Vaststelling"]
    woorden = " ".join(p.tekst for p in pagina_s).split()
    for *_, uitleg in vaststellingblad.KOLOMMEN:
        for woord in uitleg.split():
            assert woord in woorden, (uitleg, woord)
    # The sheet's note under the title: whole, on the first page (it ran on into the next page).
    [eerste] = [p for p in pagina_s if "Vaststelling na afloop" in p.tekst]
    noot = ("Gele cellen zijn invoer.", "nooit hoger dan verleend", "blad Regeling, 'vaststelling'.")
    assert all(deel in eerste.tekst for deel in noot)


def test_grafiek_labelt_elke_buurt_op_een_eigen_pagina(pdf_s):
    begroting = _per_blad(pdf_s["begroting"])["Begroting"]
    [grafiek] = [p for p in begroting if "Toeslag en supplement per buurt" in p.tekst]
    woorden = grafiek.tekst
    ontbreekt = [a.buurt for a in VOORBEELD if a.buurt not in woorden]
    assert ontbreekt == []
    for reeks in ("Aangevraagd", "Potentieel", "Gereserveerd"):  # the legend keeps them apart
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
