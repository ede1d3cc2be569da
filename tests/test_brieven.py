"""`buurtxl brieven`: one decision letter per buurtnetwerk, every amount to the cent as worked by hand."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from buurtxl.brieven import sjabloon
from buurtxl.cli import buurtxl

# The applications with the groups' contact details, as `check`/`build` read them.
AANVRAGEN = """buurt;buurtcode;huishoudens;buurtscore;organisatiekosten;communicatiekosten;activiteiten;\
plan_van_aanpak;basissubsidie;toeslag_aangevraagd;supplement_aangevraagd;groepsnaam;contactpersoon;postadres;\
email;iban;datum
Wyck;BU09350006;3685;52;;;;;;800;2000;Buurtnetwerk Wyck & Céramique;J. Janssen;Rechtstraat 1, 6221 EG \
Maastricht;wyck@example.org;NL91ABNA0417164300;2018-03-20
Jekerkwartier;BU09350001;1145;70;;;;;4850;;;Jekerkwartier Samen;;Looiersgracht 2, 6211 JN Maastricht;;\
NL44 RABO 0123 4567 89;
Boschstraatkwartier;BU09350004;1315;56,5;2600;1500;500;750;;100;;Bewonersgroep Boschstraat;M. de Vries;\
Boschstraat 3, 6211 AS Maastricht;;DE89 3704 0044 0532 0130 00;1-4-2018
"""
# After the year: the same applications with what was spent and paid, without contact details
# (those come from the applications with --aanvragen).
EIND = """buurt;buurtcode;huishoudens;buurtscore;organisatiekosten;communicatiekosten;activiteiten;\
plan_van_aanpak;basissubsidie;toeslag_aangevraagd;supplement_aangevraagd;besteed;toeslag_besteed;\
supplement_besteed;betaald
Wyck;BU09350006;3685;52;;;;;;800;2000;5850;900;1500;7850
Jekerkwartier;BU09350001;1145;70;;;;;4850;;;4000;0;0;4850
Boschstraatkwartier;BU09350004;1315;56,5;2600;1500;500;750;;100;;5350;61,73;3000;8411,73
"""
# Worked by hand from the decision (§3.4) and the regeling's parameters, not by the code:
# Wyck: basissubsidie = the four standard components 2.600 + 2.000 + 500 + 750 = 5.850; 3.685 households
#   → (3.685 − 1.300) / 1.300 > 15%, so 15% × 5.850 = 877,50, asked 800 → 800; buurtscore 52 < 57,
#   asked 2.000 → 2.000. Settled: all spent, toeslag 800 (900 spent), supplement 1.500 spent → 8.150;
#   paid 7.850 → 300 nabetalen.
# Jekerkwartier: 4.850 as total; 1.145 ≤ 1.300 no toeslag; 70 ≥ 57 no supplement. Settled: 4.000 spent
#   → 4.000 (Awb 4:46); paid 4.850 → 850 terugvorderen.
# Boschstraatkwartier: 2.600 + 1.500 + 500 + 750 = 5.350; (1.315 − 1.300) / 1.300 × 5.350 = 61,7307… → 61,73,
#   asked 100 → 61,73; 56,5 < 57 without request → the maximum 3.000 reserved. Settled exactly as paid.
VERLEEND = {
    "Wyck": (("5850.00", "800.00", "2000.00"), "8650.00"),
    "Jekerkwartier": (("4850.00", "0.00", "0.00"), "4850.00"),
    "Boschstraatkwartier": (("5350.00", "61.73", "3000.00"), "8411.73"),
}
VASTGESTELD = {
    "Wyck": (("5850.00", "800.00", "1500.00"), "8150.00", "7850.00", "300.00", "nabetalen"),
    "Jekerkwartier": (("4000.00", "0.00", "0.00"), "4000.00", "4850.00", "-850.00", "terugvorderen"),
    "Boschstraatkwartier": (("5350.00", "61.73", "3000.00"), "8411.73", "8411.73", "0.00", "sluitend"),
}


def euro(tekst: str) -> Decimal:
    """'€ 1.234,56' or '€ -850,00' as Decimal."""
    gevonden = re.fullmatch(r"€\s?(-?)([\d.]+),(\d\d)", tekst.strip())
    assert gevonden, f"geen bedrag: {tekst!r}"
    return Decimal(f"{gevonden[1]}{gevonden[2].replace('.', '')}.{gevonden[3]}")
DELEN = ("Basissubsidie", "Toeslag communicatiekosten", "Supplement kwetsbare buurten")


@pytest.fixture(scope="module")
def invoer(tmp_path_factory) -> Path:
    map_ = tmp_path_factory.mktemp("invoer")
    (map_ / "aanvragen.csv").write_text(AANVRAGEN, encoding="utf-8")
    (map_ / "eind.csv").write_text(EIND, encoding="utf-8")
    return map_


def brieven(*args: str) -> tuple[int, str]:
    uit = CliRunner().invoke(buurtxl, ["brieven", *args])
    assert "Traceback" not in uit.output
    return uit.exit_code, uit.output


@pytest.fixture(scope="module")
def verleend(invoer) -> Path:
    code, tekst = brieven("verlening", str(invoer / "aanvragen.csv"), "-o", str(invoer / "verlening"),
                          "--datum", "2018-04-15")
    assert code == 0, tekst
    return invoer / "verlening"


@pytest.fixture(scope="module")
def vastgesteld(invoer) -> Path:
    code, tekst = brieven("vaststelling", str(invoer / "eind.csv"), "--aanvragen", str(invoer / "aanvragen.csv"),
                          "-o", str(invoer / "vaststelling"), "--datum", "2019-03-01")
    assert code == 0, tekst
    return invoer / "vaststelling"


def brief(map_: Path, buurt: str) -> Document:
    [pad] = map_.glob(f"*_{buurt}.docx")
    return Document(str(pad))


def tekst(document: Document) -> str:
    delen = [a.text for a in document.paragraphs]
    delen += [c.text for t in document.tables for rij in t.rows for c in rij.cells]
    return "\n".join(delen)


def onderdelen(document: Document) -> tuple[dict[str, Decimal], Decimal]:
    """The parts table: name → amount, and the total row."""
    [tabel] = [t for t in document.tables if t.rows[0].cells[0].text == "Onderdeel"]
    rijen = {r.cells[0].text: r.cells[1].text for r in tabel.rows[1:]}
    totaal = euro(rijen.pop("Totaal"))
    return {naam: euro(bedrag) for naam, bedrag in rijen.items()}, totaal


@pytest.mark.parametrize("buurt", sorted(VERLEEND))
def test_verlening_elk_bedrag_gelijk_aan_de_hand_berekende(verleend, buurt):
    delen, totaal = onderdelen(brief(verleend, buurt))
    verwacht, verwacht_totaal = VERLEEND[buurt]
    assert delen == dict(zip(DELEN, map(Decimal, verwacht), strict=True))
    assert totaal == Decimal(verwacht_totaal)


@pytest.mark.parametrize("buurt", sorted(VASTGESTELD))
def test_vaststelling_elk_bedrag_en_het_saldo_gelijk_aan_de_hand_berekende(vastgesteld, buurt):
    document = brief(vastgesteld, buurt)
    delen, totaal = onderdelen(document)
    verwacht, verwacht_totaal, betaald, saldo, status = VASTGESTELD[buurt]
    assert delen == dict(zip(DELEN, map(Decimal, verwacht), strict=True))
    assert totaal == Decimal(verwacht_totaal)
    [tabel] = [t for t in document.tables if t.rows[0].cells[0].text == "Vastgesteld"]
    regels = {r.cells[0].text: euro(r.cells[1].text) for r in tabel.rows}
    assert regels == {"Vastgesteld": Decimal(verwacht_totaal), "Betaald": Decimal(betaald), "Saldo": Decimal(saldo)}
    zin = {"nabetalen": "minder betaald dan is vastgesteld", "terugvorderen": "vorderen wij terug",
           "sluitend": "u hoeft niets terug te betalen"}[status]
    assert zin in tekst(document)
    assert sum(z in tekst(document) for z in ("minder betaald dan", "vorderen wij terug", "niets terug")) == 1


def test_brief_draagt_naam_adres_iban_datum_en_kenmerk(verleend, vastgesteld):
    verlening, vaststelling = tekst(brief(verleend, "Wyck")), tekst(brief(vastgesteld, "Wyck"))
    for inhoud in (verlening, vaststelling):
        for stuk in ("Buurtnetwerk Wyck & Céramique", "t.a.v. J. Janssen", "Rechtstraat 1, 6221 EG Maastricht",
                     "NL91 ABNA 0417 1643 00", "Geachte J. Janssen,"):
            assert stuk in inhoud
    assert "15 april 2018" in verlening and "BN2018-V-BU09350006" in verlening
    assert "Op 20 maart 2018 heeft u namens" in verlening
    assert "1 maart 2019" in vaststelling and "BN2018-VS-BU09350006" in vaststelling
    assert "Geachte heer, mevrouw," in tekst(brief(verleend, "Jekerkwartier"))  # no contact person


def test_voorwaarden_bezwaar_en_artikelen(verleend, vastgesteld):
    for map_ in (verleend, vastgesteld):
        for buurt in VERLEEND:
            inhoud = tekst(brief(map_, buurt))
            assert "binnen zes weken" in inhoud and "(Awb art. 6:7)" in inhoud
    wyck = tekst(brief(verleend, "Wyck"))
    assert "het buurtplan dat vóór 1 november 2018 moet worden ingediend" in wyck
    assert "indien de basissubsidie volledig is besteed" in wyck
    # Jekerkwartier (1.145 households) cannot get the toeslag: its condition is not in the letter.
    assert "indien de basissubsidie volledig is besteed" not in tekst(brief(verleend, "Jekerkwartier"))
    assert "(Awb art. 4:46\u00a0lid\u00a02)" in tekst(brief(vastgesteld, "Jekerkwartier")).replace("4:46 lid 2",
                                                                                                "4:46\u00a0lid\u00a02")
    assert "(Awb art. 4:57)" in tekst(brief(vastgesteld, "Jekerkwartier"))


def test_geen_jinja_tag_over(verleend, vastgesteld):
    for pad in [*verleend.glob("*.docx"), *vastgesteld.glob("*.docx")]:
        document = Document(str(pad))
        assert not re.search(r"\{\{|\}\}|\{%|%\}", tekst(document)), pad.name
        with zipfile.ZipFile(pad) as z:
            assert not re.search(r"\{\{|\{%", z.read("word/document.xml").decode()), pad.name


def test_zonder_iban_geen_brieven_en_de_rij_genoemd(tmp_path):
    invoer = tmp_path / "aanvragen.csv"
    invoer.write_text(AANVRAGEN.replace("NL44 RABO 0123 4567 89", ""), encoding="utf-8")
    code, uitvoer = brieven("verlening", str(invoer), "-o", str(tmp_path / "uit"))
    assert code == 1
    assert ("aanvragen.csv, rij 3, kolom 'iban': het IBAN ontbreekt, en de brief heeft het nodig "
            "(buurt Jekerkwartier)") in " ".join(uitvoer.split())
    assert not (tmp_path / "uit").exists()


def test_fout_iban_wordt_geweigerd_met_de_rij(tmp_path):
    invoer = tmp_path / "aanvragen.csv"
    invoer.write_text(AANVRAGEN.replace("NL44 RABO", "NL45 RABO"), encoding="utf-8")
    code, uitvoer = brieven("verlening", str(invoer), "-o", str(tmp_path / "uit"))
    assert code == 1
    assert "rij 3, kolom 'iban': iban: 'NL45 RABO 0123 4567 89' is geen geldig IBAN" in " ".join(uitvoer.split())


def _eigen_sjabloon(tmp_path: Path, tekst_: str, *, in_tabel: bool = False) -> Path:
    document = Document(io.BytesIO(sjabloon.standaard("verlening")))
    if in_tabel:
        [tabel] = [t for t in document.tables if t.rows[0].cells[0].text == "Onderdeel"]
        tabel.rows[2].cells[3].paragraphs[0].add_run(tekst_)
    else:
        document.add_paragraph(tekst_)
    pad = tmp_path / "eigen_verlening.docx"
    document.save(str(pad))
    return pad


def test_eigen_sjabloon_met_onbekend_veld_geeft_nederlandse_fout(invoer, tmp_path):
    pad = _eigen_sjabloon(tmp_path, "Wethouder: {{ wethouder }}")
    code, uitvoer = brieven("verlening", str(invoer / "aanvragen.csv"), "-o", str(tmp_path / "uit"),
                            "--sjabloon", str(pad))
    assert code == 1
    assert "eigen_verlening.docx: onbekend veld 'wethouder' in het sjabloon voor de verlening" in uitvoer
    assert not (tmp_path / "uit").exists()


def test_eigen_sjabloon_met_onbekend_veld_van_een_onderdeel(invoer, tmp_path):
    pad = _eigen_sjabloon(tmp_path, " {{ deel.bedragg }}", in_tabel=True)
    code, uitvoer = brieven("verlening", str(invoer / "aanvragen.csv"), "-o", str(tmp_path / "uit"),
                            "--sjabloon", str(pad))
    assert code == 1
    assert "onbekend veld 'bedragg'" in uitvoer
    assert not list((tmp_path / "uit").glob("*.docx")) if (tmp_path / "uit").exists() else True


def test_eigen_sjabloon_met_kapotte_tag(invoer, tmp_path):
    pad = _eigen_sjabloon(tmp_path, "{{ buurt }")
    code, uitvoer = brieven("verlening", str(invoer / "aanvragen.csv"), "-o", str(tmp_path / "uit"),
                            "--sjabloon", str(pad))
    assert code == 1 and "eigen_verlening.docx: een veld of opdracht in het sjabloon is niet te lezen" in uitvoer


def test_sjabloon_dat_geen_word_document_is(invoer, tmp_path):
    pad = tmp_path / "brief.docx"
    pad.write_text("geen zip", encoding="utf-8")
    code, uitvoer = brieven("verlening", str(invoer / "aanvragen.csv"), "-o", str(tmp_path / "uit"),
                            "--sjabloon", str(pad))
    assert code == 1 and "brief.docx: geen Word-document (.docx) dat buurtxl kan lezen" in uitvoer


def test_sjabloon_kopie_is_het_standaardsjabloon(tmp_path):
    code, _ = brieven("vaststelling", "--sjabloon-kopie", str(tmp_path / "mijn.docx"))
    assert code == 0
    assert (tmp_path / "mijn.docx").read_bytes() == sjabloon.standaard("vaststelling")


def test_bestaande_brieven_alleen_met_force(invoer, verleend):
    code, uitvoer = brieven("verlening", str(invoer / "aanvragen.csv"), "-o", str(verleend))
    assert code == 2 and "bestaat al" in uitvoer and "--force" in uitvoer


def test_open_vaststelling_geeft_geen_brief_en_noemt_de_buurt(invoer, tmp_path):
    eind = tmp_path / "eind.csv"
    eind.write_text(EIND.replace("5850;900;1500;7850", "5850;900;;7850"), encoding="utf-8")
    code, uitvoer = brieven("vaststelling", str(eind), "--aanvragen", str(invoer / "aanvragen.csv"),
                            "-o", str(tmp_path / "uit"))
    assert code == 1
    assert ("eind.csv, rij 2: de vaststelling is nog open (supplement besteed ontbreekt), dus er komt geen brief "
            "(buurt Wyck)") in " ".join(uitvoer.split())
    assert "1 buurt nog niet vastgesteld; er is niets geschreven." in uitvoer
    assert not (tmp_path / "uit").exists()
