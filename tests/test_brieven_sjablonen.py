"""The letter templates: built by scripts/maak_brieven.py, marked where buurtxl chose the words, and
printed by LibreOffice on one or two A4 pages with nothing cut off."""

from __future__ import annotations

import importlib.util
import io
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX

from buurtxl.brieven import inhoud, sjabloon
from rekenmotor import vereis_libreoffice

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "maak_brieven.py"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _script():
    spec = importlib.util.spec_from_file_location("maak_brieven", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _besluit() -> str:
    """The decision's text (shared/bron beside the checkout), whitespace collapsed."""
    for map_ in Path(__file__).resolve().parents:
        bron = sorted((map_ / "shared" / "bron").glob("*.txt"))
        if bron:
            return " ".join(bron[0].read_text(encoding="utf-8").split())
    pytest.fail("de tekst van het besluit (shared/bron) is niet gevonden naast deze checkout")


@pytest.mark.parametrize("soort", inhoud.SOORTEN)
def test_sjablonen_zijn_wat_het_script_maakt(soort):
    gemaakt = _script().maak(soort)
    assert gemaakt == _script().maak(soort), "het script maakt niet elke keer hetzelfde bestand"
    assert sjabloon.standaard(soort) == gemaakt, "src: draai python scripts/maak_brieven.py"
    assert (ROOT / "templates" / sjabloon.bestandsnaam(soort)).read_bytes() == gemaakt, "templates/: idem"


@pytest.mark.parametrize("soort", inhoud.SOORTEN)
def test_sjablonen_gebruiken_alleen_bekende_velden(soort):
    from docxtpl import DocxTemplate

    gebruikt = DocxTemplate(io.BytesIO(sjabloon.standaard(soort))).get_undeclared_template_variables()
    assert gebruikt <= set(inhoud.VELDEN[soort])
    assert {"groepsnaam", "postadres", "iban", "datum", "kenmerk", "delen", "totaal", "artikel_bezwaar"} <= gebruikt


def test_readme_noemt_elk_veld_van_de_brieven():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for soort in inhoud.SOORTEN:
        for veld in [*inhoud.VELDEN[soort], *inhoud.DEEL]:
            assert f"| `{veld}` |" in readme, veld


def _alinea_is_sjabloontekst(alinea) -> bool:
    runs = [r for r in alinea.runs if r.text.strip()]
    return bool(runs) and all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in runs)


@pytest.mark.parametrize("soort", inhoud.SOORTEN)
def test_elke_zin_van_buurtxl_is_gemarkeerd_en_elk_citaat_staat_in_het_besluit(soort):
    document = Document(io.BytesIO(sjabloon.standaard(soort)))
    besluit = _besluit()
    opmerkingen = {c.comment_id: c.text for c in document.comments}
    gemarkeerd = 0
    for alinea in document.paragraphs:
        zonder_velden = re.sub(r"\{[{%].*?[%}]\}", "", alinea.text).strip()
        if not zonder_velden or alinea.style.name.startswith("Heading"):
            continue  # fields only (an address line, a {%p %} tag), or a heading
        if _alinea_is_sjabloontekst(alinea):
            gemarkeerd += 1
            ids = [e.get(f"{W}id") for e in alinea._p.iter(f"{W}commentRangeStart")]
            assert ids and all("Sjabloontekst van buurtxl" in opmerkingen[int(i)] for i in ids), alinea.text
            continue
        citaten = re.findall(r"„(?:… )?(.+?)”", zonder_velden)
        assert citaten, f"niet gemarkeerd en geen citaat van het besluit: {alinea.text!r}"
        for citaat in citaten:
            assert " ".join(citaat.split()) in besluit, citaat
    assert gemarkeerd >= 8


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """All six letters of test_brieven's example, printed by LibreOffice in one run."""
    vereis_libreoffice()
    from click.testing import CliRunner

    import test_brieven as voorbeeld
    from buurtxl.cli import buurtxl

    map_ = tmp_path_factory.mktemp("pdf")
    (map_ / "aanvragen.csv").write_text(voorbeeld.AANVRAGEN, encoding="utf-8")
    (map_ / "eind.csv").write_text(voorbeeld.EIND, encoding="utf-8")
    for soort, invoer, extra in (("verlening", "aanvragen.csv", []),
                                 ("vaststelling", "eind.csv", ["--aanvragen", str(map_ / "aanvragen.csv")])):
        uit = CliRunner().invoke(buurtxl, ["brieven", soort, str(map_ / invoer), *extra, "-o", str(map_ / "uit"),
                                           "--pdf"])
        assert uit.exit_code == 0, uit.output
    return sorted((map_ / "uit").glob("*.pdf"))


def _pdfinfo(pdf: Path) -> dict[str, str]:
    uit = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return dict(regel.split(":", 1) for regel in uit.splitlines() if ":" in regel)


def test_elke_brief_is_een_of_twee_a4_paginas(pdfs):
    assert len(pdfs) == 6
    for pdf in pdfs:
        info = _pdfinfo(pdf)
        assert 1 <= int(info["Pages"]) <= 2, pdf.name
        assert "(A4)" in info["Page size"], pdf.name


def test_geen_tekst_afgesneden_of_gebroken(pdfs):
    """Every word of the letter is in the PDF whole, and every word lies inside the page's margins."""
    for pdf in pdfs:
        document = Document(str(pdf.with_suffix(".docx")))
        docx_tekst = [a.text for a in document.paragraphs]
        docx_tekst += [c.text for t in document.tables for rij in t.rows for c in rij.cells]
        woorden = Counter(" ".join(docx_tekst).split())
        gedrukt = Counter(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                         check=True).stdout.split())
        assert not woorden - gedrukt, f"{pdf.name}: niet (heel) afgedrukt: {sorted(woorden - gedrukt)[:10]}"
        html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        breedte, hoogte = (float(x) for x in re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html).groups())
        for x0, y0, x1, y1 in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"',
                                         html):
            assert float(x0) >= 36 and float(x1) <= breedte - 36, pdf.name
            assert float(y0) >= 36 and float(y1) <= hoogte - 36, pdf.name
