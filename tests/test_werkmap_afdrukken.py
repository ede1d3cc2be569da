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
    vakken: list[tuple[str, float, float, float]] = field(default_factory=list)  # (word, left, top, right) in pt

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
        vakken = [(w.text or "", float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax"))) for w in elementen]
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
    wittevrouwenveld = next(a for a in VOORBEELD if a.buurt == "Wittevrouwenveld")
    werkmappen = {
        "begroting": werkmap.maak_begroting(VOORBEELD, R2018, herkomst=herkomst),
        "begroting3": werkmap.maak_begroting(VOORBEELD[:3], R2018, herkomst=herkomst),
        "vaststelling": werkmap.maak_begroting(vastgesteld, R2018),
        "buurtwerkmap": werkmap.maak_buurtwerkmap(wittevrouwenveld, R2018),
        "formulier": _ingevuld_formulier(),
    }
    paden = []
    for naam, wb in werkmappen.items():
        wb.save(map_ / "in" / f"{naam}.xlsx")
        paden.append(map_ / "in" / f"{naam}.xlsx")
    pdf_s = herberekenen.converteer(paden, map_ / "uit", "pdf")
    return {naam: _pagina_s(p) for naam, p in zip(werkmappen, pdf_s, strict=True)}


# A filled-in form: its own drop-down value and the longest toelichting the form takes.
SOORT_GROEP = "voormalig buurtplatform"
TOELICHTING = " ".join(["Wij organiseren buurtavonden, een krant en een zomerfeest"] * 5)[:255].rsplit(" ", 1)[0]


def _ingevuld_formulier():
    wb = formulier.maak(R2018)
    ws = wb[formulier.BLAD]
    for rij in range(1, ws.max_row + 1):
        sleutel = ws.cell(rij, formulier.KOLOM_SLEUTEL).value
        if sleutel == "soort_groep":
            ws.cell(rij, formulier.KOLOM_INVOER).value = SOORT_GROEP
        elif sleutel == "toelichting":
            ws.cell(rij, formulier.KOLOM_INVOER).value = TOELICHTING
    return wb


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


@pytest.mark.parametrize("naam", ["begroting", "begroting3", "buurtwerkmap", "formulier", "vaststelling"])
def test_tekst_is_minstens_8_punt(pdf_s, naam):
    woord, hoogte = _kleinste_woord(pdf_s[naam])
    assert hoogte >= MIN_WOORDHOOGTE, f"{naam}: {woord!r} is {hoogte:.1f} pt hoog"


def _bedrag(tekst: str) -> set[str]:
    """An amount as LibreOffice may print it: Dutch (60.000,00) or English (60,000.00) separators."""
    return {tekst, tekst.replace(".", "#").replace(",", ".").replace("#", ",")}


def _overzicht(pagina_s: list[Pagina]) -> tuple[list[Pagina], Pagina]:
    """The Begroting's printed pages: the overview's, and the chart's (the last)."""
    begroting = _per_blad(pagina_s)["Begroting"]
    *overzicht, grafiek = begroting
    assert "Toeslag en supplement per buurt" in grafiek.tekst
    return overzicht, grafiek


@pytest.mark.parametrize("naam, aantal", [("begroting", 30), ("begroting3", 3)])
def test_begroting_drukt_het_overzicht_af_op_hoogstens_twee_pagina_s_van_9_punt(pdf_s, naam, aantal):
    """Issue 22: the Begroting printed 16 pages of fragments; its print area is now the overview
    (buurten with amounts and statuses, then the §8 block) and the chart."""
    overzicht, _ = _overzicht(pdf_s[naam])
    assert 1 <= len(overzicht) <= 2
    assert all(p.breedte > p.hoogte for p in overzicht)  # landscape
    woord, hoogte = _kleinste_woord(overzicht)
    assert hoogte >= 9 * 1.15, f"{naam}: {woord!r} is {hoogte:.1f} pt hoog"
    tekst = " ".join(p.tekst for p in overzicht)
    for a in VOORBEELD[:aantal]:
        assert a.buurt in tekst
        assert _bedrag(f"{regels.bereken(R2018, a).totaal:,.2f}".replace(",", "#").replace(".", ",")
                       .replace("#", ".")) & set(tekst.split()), a.buurt
    for label in ("Budget (§8)", "Ondersteuning volgens besluit (§8)", "Ruimte in de reservering",
                  "Buurten met buurtscore onder de grens", "Kwetsbare buurten in de raming (§8)",
                  "Plan van aanpak niet ingediend (§3.1)"):
        assert label in tekst, label


@pytest.mark.parametrize("naam, aantal", [("begroting", 30), ("begroting3", 3)])
def test_overzicht_elke_buurt_heel_in_de_eigen_kolom(pdf_s, naam, aantal):
    """No text cut or running into the next column: each buurt name prints whole, left of the
    Basissubsidie header, and its total right of the Supplement column's status."""
    overzicht, _ = _overzicht(pdf_s[naam])
    eerste = overzicht[0]
    kop = next(v for v in eerste.vakken if v[0] == "Basissubsidie")
    for a in VOORBEELD[:aantal]:
        woorden = a.buurt.split()
        pagina = next(p for p in overzicht if all(w in p.tekst.split() for w in woorden))
        vakken = [v for v in pagina.vakken if v[0] in woorden]
        assert vakken and max(v[3] for v in vakken) < kop[1], (a.buurt, vakken, kop)
    # The longest status prints on one line, not wrapped into the next row.
    statussen = {str(regels.bereken(R2018, a).toeslag_status) for a in VOORBEELD[:aantal]}
    tekst = " ".join(p.tekst for p in overzicht)
    for status in statussen:
        assert status in tekst, status


@pytest.mark.parametrize("naam, aantal", [("begroting", 30), ("begroting3", 3)])
def test_grafiek_noemt_elke_buurt_op_een_eigen_pagina(pdf_s, naam, aantal):
    _, grafiek = _overzicht(pdf_s[naam])
    ontbreekt = [a.buurt for a in VOORBEELD[:aantal] if a.buurt not in grafiek.tekst]
    assert ontbreekt == []
    for reeks in ("Aangevraagd", "Potentieel", "Gereserveerd"):  # the legend keeps them apart
        assert reeks in grafiek.tekst
    woord, hoogte = _kleinste_woord([grafiek])
    assert hoogte >= MIN_WOORDHOOGTE, (woord, hoogte)


def test_elk_buurtblad_op_precies_een_pagina(pdf_s):
    # LibreOffice numbers the pages of the whole document: count each sheet's pages by its footer.
    bladen = _per_blad(pdf_s["begroting"])
    for a in VOORBEELD:
        assert len(bladen[a.buurt.split()[-1]]) == 1, a.buurt


def test_vaststelling_elke_pagina_noemt_de_buurten(pdf_s):
    """Issue 22: the page with Betaald, Vastgesteld, Saldo and Status had no buurt names."""
    pagina_s = _per_blad(pdf_s["vaststelling"])["Vaststelling"]
    assert len(pagina_s) >= 2
    for p in pagina_s:  # column A (the buurt) repeats on every page of columns
        assert any(a.buurt.split()[-1] in p.tekst.split() for a in VOORBEELD), p.tekst[:200]
    assert any("Saldo" in p.tekst and "Binnenstad" in p.tekst for p in pagina_s)


def test_vaststelling_legenda_leesbaar(pdf_s):
    """QA 10: the Vaststelling sheet's notes above the headers were cut by the next column
    ("§3.4 punt 2: al", "invoer: betaa"): every word of every note is printed."""
    pagina_s = _per_blad(pdf_s["vaststelling"])["Vaststelling"]
    woorden = " ".join(p.tekst for p in pagina_s).split()
    for *_, uitleg in vaststellingblad.KOLOMMEN:
        for woord in uitleg.split():
            assert woord in woorden, (uitleg, woord)
    # The sheet's note under the title: whole, on the first page (it ran on into the next page).
    eerste = next(p for p in pagina_s if "Vaststelling na afloop" in p.tekst)
    noot = ("Gele cellen zijn invoer.", "nooit hoger dan verleend", "blad Regeling, 'vaststelling'.")
    assert all(deel in eerste.tekst for deel in noot)


def test_buurtwerkmap_begint_met_het_eigen_blad_op_een_a4_met_bedragen_en_redenen(pdf_s):
    aanvraag = next(a for a in VOORBEELD if a.buurt == "Wittevrouwenveld")
    eerste = pdf_s["buurtwerkmap"][0]  # the group's own sheet prints first
    assert f"Buurtnetwerk i.o. {aanvraag.buurt}" in eerste.tekst
    assert eerste.tekst.split().count("Wittevrouwenveld") >= 2  # title and input cell, whole
    resultaat = regels.bereken(R2018, aanvraag)
    assert "Redenen" in eerste.tekst and resultaat.reden_supplement.split()[-1] in eerste.tekst
    totaal = f"{resultaat.totaal:,.2f}".replace(",", "#").replace(".", ",").replace("#", ".")
    assert _bedrag(totaal) & set(eerste.tekst.split())
    assert not any("Budget (§8)" in p.tekst or "Ruimte in de reservering" in p.tekst for p in pdf_s["buurtwerkmap"])
    assert [p for p in pdf_s["buurtwerkmap"] if "Buurtnetwerk i.o." in p.tekst] == [eerste]


def test_aanvraagformulier_op_a4_met_de_hele_toelichting(pdf_s):
    # Two pages, not one: with the contact fields and the buurtplan date one page shrank the form
    # to 7 pt (test_tekst_is_minstens_8_punt); two readable pages beat one unreadable one.
    pagina_s = pdf_s["formulier"]
    assert 1 <= len(pagina_s) <= 2 and all(_is_a4(p) for p in pagina_s)
    pagina = Pagina(A4[0], A4[1], [w for p in pagina_s for w in p.woorden])
    # The explanation column is printed, not cut off: the last word of every explanation is there.
    woorden = pagina.tekst.split()
    for veld in formulier.VELDEN:
        assert veld.uitleg(R2018).split()[-1] in woorden, veld.sleutel
    # Its own drop-down value and the group's toelichting print whole (issue 22: "voormalig buurtplatfo").
    assert SOORT_GROEP in pagina.tekst
    assert TOELICHTING in pagina.tekst


def test_regeling_titelregels_heel_op_de_eerste_pagina(pdf_s):
    """Issue 22: "Parameters: Uitvoeringsrege" was cut at the page edge and two texts printed over
    each other ("alle blad…eassing"). The title rows wrap within the first page of columns."""
    pagina_s = _per_blad(pdf_s["begroting"])["Regeling"]
    eerste = pagina_s[0]
    assert f"Parameters: {R2018.titel}" in eerste.tekst
    assert "Kolom Herkomst zegt welke paragraaf van het besluit de waarde geeft" in eerste.tekst
    assert "zien wijzigingen niet." in eerste.tekst  # the explanation's last words, on the same page
    # Column A repeats on every page of columns, with the title: wherever it prints, it is whole.
    for p in pagina_s:
        assert p.tekst.count("Parameters:") == p.tekst.count(f"Parameters: {R2018.titel}")
    # Every parameter's origin is printed: the sections and the marked assumptions.
    tekst = " ".join(p.tekst for p in pagina_s)
    assert "aanname: het besluit noemt geen bedrag voor dit onderdeel" in tekst
