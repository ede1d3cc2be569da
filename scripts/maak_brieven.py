"""Build the two Word templates of the decision letters (beschikkingen) with python-docx.

    python scripts/maak_brieven.py

writes `beschikking_verlening.docx` and `beschikking_vaststelling.docx` into the package (the copies
`buurtxl brieven` reads at run time) and into `templates/` (the copies a municipality opens in Word
to make its own). The script is the source: tests/test_brieven_sjablonen.py rebuilds both and holds
the four committed files byte for byte equal to it, so a change goes through this script and is
reviewed as code. The files are reproducible: fixed zip dates, no comment dates.

Two kinds of sentence, so a reader sees at once what the municipality must check:
- `sjabloontekst`: wording buurtxl chose (greeting, payment, objection clause, …). Highlighted yellow,
  with a Word comment asking the municipality to review it; both survive into every letter until the
  municipality has edited its own copy of the template and removed them.
- `besluit`: a literal quote of the decision („…”) followed by its section field; never highlighted.
  A test finds every quote in the decision's text.
The fields (`{{ … }}`) are listed with their meaning in `buurtxl.brieven.inhoud.VELDEN`.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[1]
PAKKET = ROOT / "src" / "buurtxl" / "brieven" / "sjablonen"
TEMPLATES = ROOT / "templates"
SOORTEN = ("verlening", "vaststelling")

OPMERKING = (
    "Sjabloontekst van buurtxl, niet uit het besluit. Controleer deze zin en pas hem zo nodig aan; "
    "haal daarna de gele markering en deze opmerking weg."
)
AUTEUR = "buurtxl"
_LETTER = "Carlito"  # Calibri's metrics (Calibri itself where Word has it: same widths)
_ZIPDATUM = (1980, 1, 1, 0, 0, 0)


def bestandsnaam(soort: str) -> str:
    return f"beschikking_{soort}.docx"


def _sjabloontekst(doc, tekst: str, *, vet: bool = False):
    """A paragraph of buurtxl's own wording: highlighted, with a comment asking for review."""
    alinea = doc.add_paragraph()
    run = alinea.add_run(tekst)
    run.bold = vet
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    opmerking = doc.add_comment(run, OPMERKING, author=AUTEUR, initials="bx")
    opmerking._comment_elm.attrib.pop(qn("w:date"), None)  # a date would make every build differ
    return alinea


def _besluit(doc, citaat: str, sectie: str):
    """A literal quote of the decision with the field of its section: the decision's own words."""
    alinea = doc.add_paragraph()
    alinea.add_run(f"„{citaat}” ({{{{ {sectie} }}}})").italic = True
    alinea.paragraph_format.left_indent = Cm(0.75)
    return alinea


def _regel(doc, tekst: str):
    """A paragraph of fields only (an address line) or a docxtpl paragraph tag ({%p … %})."""
    alinea = doc.add_paragraph()
    alinea.add_run(tekst)
    alinea.paragraph_format.space_after = Pt(0)
    return alinea


def _document():
    doc = Document()
    sectie = doc.sections[0]
    sectie.page_height, sectie.page_width = Cm(29.7), Cm(21.0)
    sectie.left_margin = sectie.right_margin = Cm(2.5)
    sectie.top_margin = sectie.bottom_margin = Cm(2.0)
    for naam in ("Normal", "Heading 2"):
        stijl = doc.styles[naam]
        stijl.font.name = _LETTER
        stijl.element.rPr.rFonts.set(qn("w:eastAsia"), _LETTER)
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.styles["Normal"].paragraph_format.space_after = Pt(4)
    doc.styles["Heading 2"].font.size = Pt(12)
    doc.styles["Heading 2"].paragraph_format.space_before = Pt(10)
    doc.core_properties.author = AUTEUR
    doc.core_properties.comments = "Sjabloon voor docxtpl; de velden staan in de README van buurtxl."
    return doc


def _breedtes(tabel, breedtes) -> None:
    """Column widths as Word and LibreOffice read them (grid and every cell)."""
    tabel.autofit = False
    for kolom, breedte in zip(tabel.columns, breedtes, strict=True):
        kolom.width = breedte
    for rij in tabel.rows:
        for cel, breedte in zip(rij.cells, breedtes, strict=True):
            cel.width = breedte


def _cel(cel, tekst: str, *, vet: bool = False, rechts: bool = False) -> None:
    alinea = cel.paragraphs[0]
    alinea.add_run(tekst).bold = vet
    alinea.paragraph_format.space_after = Pt(0)
    if rechts:
        alinea.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _onderdelen(doc, kop_bedrag: str) -> None:
    """One row per part of the subsidy (basissubsidie, toeslag, supplement), then the total."""
    tabel = doc.add_table(rows=4, cols=4)
    tabel.style = "Table Grid"
    tabel.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cel, tekst in zip(tabel.rows[0].cells, ("Onderdeel", kop_bedrag, "Besluit", "Reden"), strict=True):
        _cel(cel, tekst, vet=True)
    _cel(tabel.rows[1].cells[0], "{%tr for deel in delen %}")
    cellen = tabel.rows[2].cells
    _cel(cellen[0], "{{ deel.naam }}")
    _cel(cellen[1], "{{ deel.bedrag }}", rechts=True)
    _cel(cellen[2], "{{ deel.sectie }}")
    _cel(cellen[3], "{{ deel.reden }}")
    _cel(tabel.rows[3].cells[0], "{%tr endfor %}")
    totaal = tabel.add_row().cells
    _cel(totaal[0], "Totaal", vet=True)
    _cel(totaal[1], "{{ totaal }}", vet=True, rechts=True)
    _breedtes(tabel, (Cm(4.0), Cm(2.3), Cm(2.4), Cm(7.3)))


def _kop(doc, onderwerp: str) -> None:
    """Sender, addressee, date, reference and subject, then the salutation."""
    _sjabloontekst(doc, "Gemeente Maastricht", vet=True)
    doc.add_paragraph()
    _regel(doc, "{{ groepsnaam }}")
    _regel(doc, "{%p if contactpersoon %}")
    _sjabloontekst(doc, "t.a.v. {{ contactpersoon }}").paragraph_format.space_after = Pt(0)
    _regel(doc, "{%p endif %}")
    _regel(doc, "{{ postadres }}")
    doc.add_paragraph()
    tabel = doc.add_table(rows=3, cols=2)
    for rij, (label, veld) in zip(
        tabel.rows, (("Datum", "{{ datum }}"), ("Kenmerk", "{{ kenmerk }}"), ("Onderwerp", onderwerp)), strict=True
    ):
        _cel(rij.cells[0], label)
        _cel(rij.cells[1], veld)
    _breedtes(tabel, (Cm(3.0), Cm(13.0)))
    doc.add_paragraph()
    _sjabloontekst(doc, "Geachte {% if contactpersoon %}{{ contactpersoon }}{% else %}heer, mevrouw{% endif %},")


def _bezwaar_en_groet(doc) -> None:
    doc.add_heading("Bezwaar", level=2)
    _sjabloontekst(
        doc,
        "Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken na de dag waarop het is verzonden "
        "bezwaar maken bij het college van burgemeester en wethouders ({{ artikel_bezwaar }}). Vermeld in uw "
        "bezwaarschrift uw naam en adres, de datum, het kenmerk van deze brief en waarom u het niet eens bent "
        "met het besluit, en onderteken het.",
    )
    doc.add_paragraph()
    _sjabloontekst(doc, "Met vriendelijke groet,")
    _sjabloontekst(doc, "Burgemeester en wethouders van Maastricht, namens dezen,")
    doc.add_paragraph()
    _sjabloontekst(doc, "(naam en functie)")


def verlening():
    doc = _document()
    _kop(doc, "Verlening subsidie buurtnetwerk i.o. {{ buurt }} ({{ regeling }})")
    _sjabloontekst(
        doc,
        "{% if aanvraagdatum %}Op {{ aanvraagdatum }} heeft u{% else %}U heeft{% endif %} namens {{ groepsnaam }} "
        "subsidie aangevraagd voor het buurtnetwerk in ontwikkeling in {{ buurt }} ({{ huishoudens }} huishoudens). "
        "Met deze brief beslissen wij op uw aanvraag.",
    )
    doc.add_heading("Besluit", level=2)
    _sjabloontekst(
        doc,
        "Wij verlenen u een subsidie van ten hoogste {{ totaal }} op grond van de {{ regeling }} ({{ besluit }}). "
        "Per onderdeel:",
    )
    _onderdelen(doc, "Verleend")
    doc.add_heading("Voorwaarden", level=2)
    _sjabloontekst(doc, "Het besluit verbindt deze voorwaarden aan de subsidie:")
    _besluit(doc, "… het buurtplan dat vóór 1 november 2018 moet worden ingediend.", "sectie_buurtplan")
    _regel(doc, "{%p if toeslag_mogelijk %}")
    _besluit(
        doc,
        "Buurtnetwerken in ontwikkeling in buurten met meer dan 1300 huishoudens gedurende 2018 in aanmerking "
        "kunnen komen voor een extra toeslag communicatiekosten, indien de basissubsidie volledig is besteed.",
        "sectie_toeslag",
    )
    _regel(doc, "{%p endif %}")
    doc.add_heading("Betaling", level=2)
    _sjabloontekst(
        doc,
        "Wij betalen de verleende basissubsidie en het supplement binnen vier weken na de datum van deze brief op "
        "rekening {{ iban }} ten name van {{ groepsnaam }}. De toeslag communicatiekosten betalen wij pas bij de "
        "vaststelling, als blijkt dat de basissubsidie volledig is besteed.",
    )
    _sjabloontekst(
        doc,
        "Na afloop van het jaar laat u ons met het verantwoordingsformulier weten wat u hebt besteed. Daarna "
        "stellen wij de subsidie vast.",
    )
    _bezwaar_en_groet(doc)
    return doc


def vaststelling():
    doc = _document()
    _kop(doc, "Vaststelling subsidie buurtnetwerk i.o. {{ buurt }} ({{ regeling }})")
    _sjabloontekst(
        doc,
        "U heeft ons laten weten wat het buurtnetwerk in ontwikkeling in {{ buurt }} heeft besteed. Met deze brief "
        "stellen wij de subsidie vast.",
    )
    doc.add_heading("Besluit", level=2)
    _sjabloontekst(
        doc,
        "Wij stellen de subsidie vast op {{ totaal }}. Een onderdeel stellen wij lager vast dan verleend als er "
        "minder aan is besteed ({{ artikel_lager }}). Per onderdeel:",
    )
    _onderdelen(doc, "Vastgesteld")
    doc.add_heading("Betaald en saldo", level=2)
    tabel = doc.add_table(rows=3, cols=2)
    tabel.style = "Table Grid"
    for rij, (label, veld) in zip(
        tabel.rows, (("Vastgesteld", "{{ totaal }}"), ("Betaald", "{{ betaald }}"), ("Saldo", "{{ saldo }}")),
        strict=True,
    ):
        _cel(rij.cells[0], label, vet=label == "Saldo")
        _cel(rij.cells[1], veld, vet=label == "Saldo", rechts=True)
    _breedtes(tabel, (Cm(5.8), Cm(2.4)))
    doc.add_paragraph()
    _regel(doc, "{%p if saldo_status == 'nabetalen' %}")
    _sjabloontekst(
        doc,
        "Wij hebben u {{ saldo_bedrag }} minder betaald dan is vastgesteld. Dat bedrag betalen wij binnen vier "
        "weken na de datum van deze brief op rekening {{ iban }} ten name van {{ groepsnaam }}.",
    )
    _regel(doc, "{%p elif saldo_status == 'terugvorderen' %}")
    _sjabloontekst(
        doc,
        "U heeft {{ saldo_bedrag }} meer ontvangen dan is vastgesteld. Dat bedrag vorderen wij terug "
        "({{ artikel_terugvorderen }}); u ontvangt daarvoor een factuur.",
    )
    _regel(doc, "{%p elif saldo_status == 'niet terugvorderen' %}")
    _sjabloontekst(
        doc,
        "U heeft {{ saldo_bedrag }} meer ontvangen dan is vastgesteld. Wij zien af van terugvordering "
        "({{ artikel_terugvorderen }}).",
    )
    _regel(doc, "{%p else %}")
    _sjabloontekst(
        doc,
        "Wat wij hebben betaald is gelijk aan het vastgestelde bedrag: u hoeft niets terug te betalen en "
        "ontvangt niets meer.",
    )
    _regel(doc, "{%p endif %}")
    _bezwaar_en_groet(doc)
    return doc


MAKERS = {"verlening": verlening, "vaststelling": vaststelling}


def maak(soort: str) -> bytes:
    """The template as bytes, the same on every run (zip members sorted, fixed dates)."""
    ruw = io.BytesIO()
    MAKERS[soort]().save(ruw)
    uit = io.BytesIO()
    with zipfile.ZipFile(ruw) as bron, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        # [Content_Types].xml first, as Word writes it; the rest in name order.
        namen = sorted(bron.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
        for naam in namen:
            info = zipfile.ZipInfo(naam, date_time=_ZIPDATUM)
            info.compress_type = zipfile.ZIP_DEFLATED
            doel.writestr(info, bron.read(naam))
    return uit.getvalue()


def main() -> int:
    for soort in SOORTEN:
        inhoud = maak(soort)
        for map_ in (PAKKET, TEMPLATES):
            map_.mkdir(parents=True, exist_ok=True)
            (map_ / bestandsnaam(soort)).write_bytes(inhoud)
            print(map_ / bestandsnaam(soort))
    return 0


if __name__ == "__main__":
    sys.exit(main())
