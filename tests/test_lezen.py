"""Reading input files: CSV dialects, Excel sheets with a title block, folders of forms."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from buurtxl import herberekenen, regeling
from buurtxl.invoer import formulier, lezen

KOP = ["buurt", "buurtcode", "huishoudens", "buurtscore", "besteed"]


@pytest.fixture(scope="module")
def r2018():
    return regeling.laad("2018")


def _xlsx(pad: Path, rijen: list[list[object]], blad: str = "Aanvragen", extra_blad: str | None = None) -> Path:
    wb = Workbook()
    if extra_blad:
        wb.active.title = extra_blad
        ws = wb.create_sheet(blad)
    else:
        ws = wb.active
        ws.title = blad
    for rij in rijen:
        ws.append(rij)
    wb.save(pad)
    return pad


# CSV ------------------------------------------------------------------------------------------

def test_csv_met_puntkomma_en_windows_1252(tmp_path, r2018):
    pad = tmp_path / "aanvragen.csv"
    pad.write_bytes("buurt;huishoudens;buurtscore\nCéramique;1450;56,5\n".encode("cp1252"))
    invoer = lezen.lees(pad, r2018)
    assert invoer.problemen == []
    [a] = invoer.aanvragen
    assert (a.buurt, a.huishoudens, a.buurtscore) == ("Céramique", 1450, Decimal("56.5"))


def test_csv_utf8_met_bom_herkent_eerste_kolom(tmp_path, r2018):
    pad = tmp_path / "aanvragen.csv"
    pad.write_bytes("buurt,huishoudens\nWyck,3685\n".encode("utf-8-sig"))
    [a] = lezen.lees(pad, r2018).aanvragen
    assert a.buurt == "Wyck"


def test_csv_fout_noemt_rij_kolom_en_waarde(tmp_path, r2018):
    pad = tmp_path / "aanvragen.csv"
    pad.write_text("buurt,huishoudens\nWyck,3685\nHeer,veel\n", encoding="utf-8")
    [p] = lezen.lees(pad, r2018).fouten
    assert (p.bestand, p.rij, p.kolom, p.waarde) == ("aanvragen.csv", 3, "huishoudens", "veel")


def test_onbekend_bestandstype_is_een_probleem(tmp_path, r2018):
    pad = tmp_path / "aanvragen.docx"
    pad.write_bytes(b"x")
    [p] = lezen.lees(pad, r2018).fouten
    assert "'.docx'" in p.reden and p.bestand == "aanvragen.docx"


def test_ontbrekend_bestand_is_een_probleem(tmp_path, r2018):
    [p] = lezen.lees(tmp_path / "weg.csv", r2018).fouten
    assert "niet gevonden" in p.reden


# Excel ----------------------------------------------------------------------------------------

def test_xlsx_kopregel_onder_een_titelblok(tmp_path, r2018):
    pad = _xlsx(tmp_path / "a.xlsx", [["Aanvragen 2018"], ["gemeente Maastricht"], [], KOP,
                                      ["Wyck", "BU09350006", 3685, 68, 5650]])
    invoer = lezen.lees(pad, r2018)
    assert invoer.problemen == []
    [a] = invoer.aanvragen
    assert (a.buurt, a.buurtcode, a.huishoudens, a.besteed) == ("Wyck", "BU09350006", 3685, Decimal("5650.00"))


def test_xlsx_fout_noemt_blad_en_rij_van_het_blad(tmp_path, r2018):
    pad = _xlsx(tmp_path / "a.xlsx", [["Titel"], KOP, ["Wyck", None, 3685], ["Heer", None, -5]])
    [p] = lezen.lees(pad, r2018).fouten
    assert (p.bestand, p.blad, p.rij, p.kolom, p.waarde) == ("a.xlsx", "Aanvragen", 4, "huishoudens", -5)


def test_xlsx_leest_gekozen_blad(tmp_path, r2018):
    pad = _xlsx(tmp_path / "a.xlsx", [KOP, ["Wyck", None, 3685]], blad="Aanvragen", extra_blad="Voorblad")
    assert [a.buurt for a in lezen.lees(pad, r2018, blad="Aanvragen").aanvragen] == ["Wyck"]


def test_xlsx_zonder_kopregel_op_het_eerste_blad_leest_blad_aanvragen(tmp_path, r2018):
    pad = _xlsx(tmp_path / "a.xlsx", [KOP, ["Wyck", None, 3685]], blad="Aanvragen", extra_blad="Voorblad")
    invoer = lezen.lees(pad, r2018)  # the first sheet is the empty Voorblad
    assert [a.buurt for a in invoer.aanvragen] == ["Wyck"]
    [w] = invoer.waarschuwingen
    assert "'Voorblad'" in w.reden and "'Aanvragen'" in w.reden


def test_xlsx_blad_zonder_hoofdletters(tmp_path, r2018):
    pad = _xlsx(tmp_path / "a.xlsx", [KOP, ["Wyck", None, 3685]], blad="Aanvragen", extra_blad="Voorblad")
    assert [a.buurt for a in lezen.lees(pad, r2018, blad="aanvragen").aanvragen] == ["Wyck"]


def test_xlsx_onbekend_blad_noemt_de_bladen_die_er_zijn(tmp_path, r2018):
    pad = _xlsx(tmp_path / "a.xlsx", [KOP, ["Wyck", None, 3685]])
    [p] = lezen.lees(pad, r2018, blad="Blad1").fouten
    assert "'Blad1'" in p.reden and "'Aanvragen'" in p.reden


def test_kapotte_xlsx_is_een_probleem_geen_exceptie(tmp_path, r2018):
    pad = tmp_path / "kapot.xlsx"
    pad.write_bytes(b"dit is geen zip")
    [p] = lezen.lees(pad, r2018).fouten
    assert p.bestand == "kapot.xlsx" and "Excel-werkmap" in p.reden


def test_xlsx_met_ontbrekende_verplichte_kolom(tmp_path, r2018):
    pad = _xlsx(tmp_path / "a.xlsx", [["buurt", "buurtscore"], ["Wyck", 68]])
    [p] = lezen.lees(pad, r2018).fouten
    assert (p.blad, p.rij, p.kolom) == ("Aanvragen", 1, "huishoudens")
    assert p.reden == "verplichte kolom 'huishoudens' ontbreekt"


def test_zonder_bekende_kolom_geen_kopregel(tmp_path, r2018):
    pad = _xlsx(tmp_path / "a.xlsx", [["naam", "aantal"], ["Wyck", 68]])
    [p] = lezen.lees(pad, r2018).fouten
    assert "geen kopregel gevonden" in p.reden


# Folders of forms -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def leeg_formulier(tmp_path_factory) -> Path:
    pad = tmp_path_factory.mktemp("sjabloon") / "leeg.xlsx"
    formulier.maak(regeling.laad("2018")).save(pad)
    return pad


def _formulier(leeg: Path, doel: Path, **waarden: object) -> Path:
    wb = load_workbook(leeg)
    ws = wb.active
    for rij in range(1, ws.max_row + 1):
        if ws.cell(rij, 1).value in waarden:
            ws.cell(rij, 3).value = waarden[ws.cell(rij, 1).value]
    wb.save(doel)
    return doel


def test_map_leest_elk_formulier(tmp_path, r2018, leeg_formulier):
    _formulier(leeg_formulier, tmp_path / "a.xlsx", buurt="Wyck", huishoudens=3685)
    _formulier(leeg_formulier, tmp_path / "b.xlsx", buurt="Heer", huishoudens=2120)
    invoer = lezen.lees(tmp_path, r2018)
    assert invoer.problemen == [] and [a.buurt for a in invoer.aanvragen] == ["Wyck", "Heer"]


def test_kapot_formulier_houdt_de_andere_niet_tegen(tmp_path, r2018, leeg_formulier):
    _formulier(leeg_formulier, tmp_path / "a.xlsx", buurt="Wyck", huishoudens="veel")
    (tmp_path / "b.xlsx").write_bytes(b"kapot")
    _formulier(leeg_formulier, tmp_path / "c.xlsx", buurt="Heer", huishoudens=-1)
    invoer = lezen.lees(tmp_path, r2018)
    assert sorted(p.bestand for p in invoer.fouten) == ["a.xlsx", "b.xlsx", "c.xlsx"]
    assert invoer.aanvragen == []  # nothing to build until every form is valid


def test_zelfde_buurt_op_twee_formulieren(tmp_path, r2018, leeg_formulier):
    _formulier(leeg_formulier, tmp_path / "a.xlsx", buurt="Wyck", huishoudens=3685)
    _formulier(leeg_formulier, tmp_path / "b.xlsx", buurt="wyck", huishoudens=3685)
    [p] = lezen.lees(tmp_path, r2018).fouten
    assert p.bestand == "b.xlsx" and "a.xlsx" in p.reden and p.kolom == "buurt"


def test_lege_map_is_een_probleem(tmp_path, r2018):
    [p] = lezen.lees(tmp_path, r2018).fouten
    assert "geen aanvraagformulieren" in p.reden


def test_excel_vergrendelbestand_wordt_overgeslagen_en_genoemd(tmp_path, r2018, leeg_formulier):
    _formulier(leeg_formulier, tmp_path / "a.xlsx", buurt="Wyck", huishoudens=3685)
    (tmp_path / "~$a.xlsx").write_bytes(b"lock")
    invoer = lezen.lees(tmp_path, r2018)
    assert [a.buurt for a in invoer.aanvragen] == ["Wyck"]
    [w] = invoer.problemen
    assert not w.is_fout and w.bestand == "~$a.xlsx" and "'a.xlsx' nog open" in w.reden


def test_voortgang_na_elk_formulier(tmp_path, r2018, leeg_formulier):
    for naam in ("a", "b", "c"):
        _formulier(leeg_formulier, tmp_path / f"{naam}.xlsx", buurt=naam.upper(), huishoudens=100)
    stappen = []
    lezen.lees(tmp_path, r2018, voortgang=lambda: stappen.append(1))
    assert len(stappen) == 3


def test_submap_nagekomen_wordt_gelezen_met_pad_in_de_melding(tmp_path, r2018, leeg_formulier):
    (tmp_path / "nagekomen").mkdir()
    _formulier(leeg_formulier, tmp_path / "a.xlsx", buurt="Wyck", huishoudens=3685)
    _formulier(leeg_formulier, tmp_path / "nagekomen" / "b.xlsx", buurt="Heer", huishoudens="veel")
    invoer = lezen.lees(tmp_path, r2018)
    [p] = invoer.fouten
    assert p.bestand == "nagekomen/b.xlsx" and p.kolom == "huishoudens"


def test_ander_bestand_in_de_map_wordt_genoemd(tmp_path, r2018, leeg_formulier):
    _formulier(leeg_formulier, tmp_path / "a.xlsx", buurt="Wyck", huishoudens=3685)
    (tmp_path / "brief.docx").write_bytes(b"x")
    [w] = lezen.lees(tmp_path, r2018).waarschuwingen
    assert w.bestand == "brief.docx" and "niet gelezen" in w.reden


def test_xls_zonder_libreoffice_stopt_met_de_naam(tmp_path, r2018, leeg_formulier, monkeypatch):
    _formulier(leeg_formulier, tmp_path / "a.xlsx", buurt="Wyck", huishoudens=3685)
    (tmp_path / "b.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    monkeypatch.setattr(herberekenen, "soffice", lambda: None)
    invoer = lezen.lees(tmp_path, r2018)
    [p] = invoer.fouten
    assert p.bestand == "b.xls" and "LibreOffice" in p.reden and invoer.aanvragen == []


def test_formulier_meldt_alle_problemen(tmp_path, r2018, leeg_formulier):
    pad = _formulier(leeg_formulier, tmp_path / "a.xlsx", buurt="Heer", huishoudens="veel", basissubsidie=6000)
    fouten = lezen.lees(pad.parent, r2018).fouten
    assert {p.kolom for p in fouten} == {"huishoudens", "basissubsidie"}
    [basis] = [p for p in fouten if p.kolom == "basissubsidie"]
    assert basis.waarde == Decimal("6000.00")


def test_toelichting_van_het_formulier_gaat_mee(tmp_path, r2018, leeg_formulier):
    _formulier(leeg_formulier, tmp_path / "a.xlsx", buurt="Heer", huishoudens=900, toelichting="Start in maart.")
    [a] = lezen.lees(tmp_path, r2018).aanvragen
    assert a.toelichting == "Start in maart."


def test_formule_zonder_uitkomst_op_formulier_zonder_libreoffice(tmp_path, r2018, leeg_formulier, monkeypatch):
    _formulier(leeg_formulier, tmp_path / "a.xlsx", buurt="Heer", huishoudens="=1000+200")
    monkeypatch.setattr(herberekenen, "soffice", lambda: None)
    [p] = lezen.lees(tmp_path, r2018).fouten
    assert p.kolom == "huishoudens" and "'=1000+200'" in p.reden and "zonder opgeslagen uitkomst" in p.reden


def test_procent_op_formulier_als_getoond(tmp_path, r2018, leeg_formulier):
    pad = _formulier(leeg_formulier, tmp_path / "a.xlsx", buurt="Heer", huishoudens=900, buurtscore=0.565)
    wb = load_workbook(pad)
    for rij in wb.active.iter_rows():
        if rij[0].value == "buurtscore":
            rij[2].number_format = "0.0%"
    wb.save(pad)
    invoer = lezen.lees(tmp_path, r2018)
    assert [a.buurtscore for a in invoer.aanvragen] == [Decimal("56.5")]
    assert "68% is buurtscore 68" in invoer.waarschuwingen[0].reden


# What a clerk's workbook holds ------------------------------------------------------------------

def _met_formules(pad: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Aanvragen"
    ws.append(["buurt", "huishoudens", "buurtscore"])
    ws.append(["Heer", 900, "=40+2"])
    ws.append(["Wyck", 1000, 60])
    wb.save(pad)
    return pad


def test_formule_zonder_uitkomst_zonder_libreoffice_noemt_de_cel(tmp_path, r2018, monkeypatch):
    monkeypatch.setattr(herberekenen, "soffice", lambda: None)
    invoer = lezen.lees(_met_formules(tmp_path / "a.xlsx"), r2018)
    [p] = invoer.fouten
    assert (p.rij, p.kolom) == (2, "buurtscore")
    assert "cel C2" in p.reden and "'=40+2'" in p.reden and "LibreOffice" in p.reden
    assert invoer.aanvragen == []


def test_formule_zonder_uitkomst_met_libreoffice(tmp_path, r2018):
    from rekenmotor import vereis_libreoffice

    vereis_libreoffice()
    invoer = lezen.lees(_met_formules(tmp_path / "a.xlsx"), r2018)
    assert [a.buurtscore for a in invoer.aanvragen] == [Decimal(42), Decimal(60)]
    assert any("berekend met LibreOffice" in w.reden for w in invoer.waarschuwingen)


def _xlsxwriter_formules(pad: Path) -> Path:
    """Buurtscores as formulas written by XlsxWriter, never opened in Excel: it stores 0 as each
    result and marks the results stale (fullCalcOnLoad). Read as stored, both scores would be 0."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(pad))
    ws = wb.add_worksheet("Aanvragen")
    ws.write_row(0, 0, ["buurt", "huishoudens", "buurtscore"])
    ws.write_row(1, 0, ["Heer", 900])
    ws.write_formula(1, 2, "=68+0")
    ws.write_row(2, 0, ["Wyck", 1000])
    ws.write_formula(2, 2, "=40+2", None, 42)  # a stored result, but marked stale like the other
    wb.close()
    return pad


def test_verouderde_uitkomsten_zonder_libreoffice_noemen_elke_cel(tmp_path, r2018, monkeypatch):
    monkeypatch.setattr(herberekenen, "soffice", lambda: None)
    invoer = lezen.lees(_xlsxwriter_formules(tmp_path / "a.xlsx"), r2018)
    assert [(p.rij, p.kolom) for p in invoer.fouten] == [(2, "buurtscore"), (3, "buurtscore")]
    assert "cel C2" in invoer.fouten[0].reden and "'=68+0'" in invoer.fouten[0].reden
    assert "als verouderd" in invoer.fouten[0].reden
    assert invoer.aanvragen == []


def test_verouderde_uitkomsten_berekend_door_libreoffice_en_daarna_gewoon_gelezen(tmp_path, r2018):
    """LibreOffice computes what XlsxWriter left as 0; a copy LibreOffice saved (as Excel does)
    no longer carries the mark, and its stored results are read as they are, without a warning."""
    from buurtxl import herberekenen
    from buurtxl.invoer import werkblad
    from rekenmotor import vereis_libreoffice

    vereis_libreoffice()
    pad = _xlsxwriter_formules(tmp_path / "a.xlsx")
    invoer = lezen.lees(pad, r2018)
    assert [a.buurtscore for a in invoer.aanvragen] == [Decimal(68), Decimal(42)]
    [w] = invoer.waarschuwingen
    assert "als verouderd" in w.reden and "berekend met LibreOffice" in w.reden
    bewaard = herberekenen.herbereken(pad, tmp_path / "bewaard.xlsx")
    assert not werkblad.uitkomsten_verouderd(bewaard)
    opnieuw = lezen.lees(bewaard, r2018)
    assert [a.buurtscore for a in opnieuw.aanvragen] == [Decimal(68), Decimal(42)]
    assert opnieuw.problemen == []


def test_tekst_die_met_isgelijk_begint_is_geen_formule(tmp_path, r2018, monkeypatch):
    # openpyxl marks its workbooks stale too; a name typed as text '=1+2' is no formula.
    monkeypatch.setattr(herberekenen, "soffice", lambda: None)
    wb = Workbook()
    ws = wb.active
    ws.append(["buurt", "huishoudens"])
    ws.append(["=1+2", 900])
    ws["A2"].data_type = "s"
    pad = tmp_path / "a.xlsx"
    wb.save(pad)
    invoer = lezen.lees(pad, r2018)
    assert invoer.problemen == [] and [a.buurt for a in invoer.aanvragen] == ["=1+2"]


def test_verborgen_rij_gemeld_of_overgeslagen(tmp_path, r2018):
    wb = Workbook()
    ws = wb.active
    for rij in (["buurt", "huishoudens"], ["Heer", 900], ["Wyck", 1000], ["Nazareth", 800]):
        ws.append(rij)
    ws.row_dimensions[3].hidden = True
    pad = tmp_path / "a.xlsx"
    wb.save(pad)
    mee = lezen.lees(pad, r2018)
    assert [a.buurt for a in mee.aanvragen] == ["Heer", "Wyck", "Nazareth"]
    assert [w.rij for w in mee.waarschuwingen] == [3]
    zonder = lezen.lees(pad, r2018, zonder_verborgen=True)
    assert [a.buurt for a in zonder.aanvragen] == ["Heer", "Nazareth"]
    assert [w.rij for w in zonder.waarschuwingen] == [3]


def test_huishoudens_als_procent_wordt_geweigerd(tmp_path, r2018):
    wb = Workbook()
    ws = wb.active
    ws.append(["buurt", "huishoudens"])
    ws.append(["Heer", 9])
    ws["B2"].number_format = "0%"
    pad = tmp_path / "a.xlsx"
    wb.save(pad)
    [p] = lezen.lees(pad, r2018).fouten
    assert (p.rij, p.kolom) == (2, "huishoudens") and "percentage" in p.reden


@pytest.mark.parametrize("data, regel", [
    ("buurt,huishoudens\nMariënwaard,900\nCéramique,950\n".encode() , None),
    ("buurt,huishoudens\nMariënwaard,900\n".encode() + "Céramique,950\n".encode("cp1252"), 3),
    ("buurt,huishoudens\nCéramique,950\n".encode("cp1252"), None),
])
def test_codering(tmp_path, r2018, data, regel):
    pad = tmp_path / "a.csv"
    pad.write_bytes(data)
    invoer = lezen.lees(pad, r2018)
    if regel is None:
        assert invoer.problemen == [] and "Céramique" in [a.buurt for a in invoer.aanvragen]
    else:
        [p] = invoer.fouten
        assert p.rij == regel and "gemengde tekencodering" in p.reden


def test_somrij_onder_subtotalen(tmp_path, r2018):
    pad = tmp_path / "a.csv"
    pad.write_text("buurt;huishoudens\nA;100\nB;200\n;300\nC;400\nD;500\n;900\n;1200\n", encoding="utf-8")
    invoer = lezen.lees(pad, r2018)
    assert [a.buurt for a in invoer.aanvragen] == ["A", "B", "C", "D"]
    assert [w.rij for w in invoer.waarschuwingen] == [4, 7, 8]


def test_nfc_en_nfd_zijn_dezelfde_buurt_en_de_uitvoer_is_nfc(tmp_path, r2018):
    import unicodedata

    pad = tmp_path / "a.csv"
    pad.write_text("buurt,huishoudens\n" + unicodedata.normalize("NFD", "Mariënwaard") + ",900\n", encoding="utf-8")
    [a] = lezen.lees(pad, r2018).aanvragen
    assert a.buurt == unicodedata.normalize("NFC", "Mariënwaard")


def test_update_telt_de_totaalrij_van_blad_aanvragen_niet(tmp_path):
    """`update` reads 'Aanvragen' through `lees`: the Table's totals row is no fourth buurt."""
    from click.testing import CliRunner

    import corpus
    from buurtxl.cli import buurtxl

    pad = corpus.tabel_met_totaalrij(tmp_path)
    resultaat = CliRunner().invoke(buurtxl, ["update", str(pad), "--zonder-libreoffice"])
    assert resultaat.exit_code == 0, resultaat.output
    assert "rij 5" in resultaat.output and "totaalrij van de Excel-tabel" in resultaat.output
    namen = load_workbook(pad).sheetnames
    assert {"Binnenstad", "Wyckerpoort", "Malberg"} <= set(namen)
    assert "Alle buurten" not in namen


def test_cli_blad_zonder_hoofdletters_en_zonder_verborgen(tmp_path):
    from click.testing import CliRunner

    from buurtxl.cli import buurtxl

    wb = Workbook()
    wb.active.title = "Voorblad"
    ws = wb.create_sheet("Gegevens")
    for rij in (["buurt", "huishoudens"], ["Heer", 900], ["Wyck", 1000]):
        ws.append(rij)
    ws.row_dimensions[3].hidden = True
    pad = tmp_path / "a.xlsx"
    wb.save(pad)
    mee = CliRunner().invoke(buurtxl, ["bereken", str(pad), "--blad", "GEGEVENS", "--csv"])
    zonder = CliRunner().invoke(buurtxl, ["bereken", str(pad), "--blad", "gegevens", "--zonder-verborgen", "--csv"])
    assert mee.exit_code == zonder.exit_code == 0, mee.output + zonder.output
    assert "Heer" in mee.stdout and "Wyck" in mee.stdout
    assert "Heer" in zonder.stdout and "Wyck" not in zonder.stdout


def test_formule_in_verplichte_kolom_is_niet_verplicht_maar_leeg(tmp_path, r2018, monkeypatch):
    monkeypatch.setattr(herberekenen, "soffice", lambda: None)
    wb = Workbook()
    ws = wb.active
    ws.append(["buurt", "huishoudens"])
    ws.append(["Heer", "=900+1"])
    pad = tmp_path / "a.xlsx"
    wb.save(pad)
    [p] = lezen.lees(pad, r2018).fouten
    assert p.kolom == "huishoudens" and "'=900+1'" in p.reden and "leeg" not in p.reden


def test_ods_bestand_via_libreoffice(tmp_path, r2018):
    from buurtxl import herberekenen
    from rekenmotor import vereis_libreoffice

    vereis_libreoffice()
    bron = _xlsx(tmp_path / "aanvragen.xlsx", [KOP, ["Wyck", "BU09350006", 3685, 68, 5650]])
    [ods] = herberekenen.converteer([bron], tmp_path / "ods", "ods")
    invoer = lezen.lees(ods, r2018)
    assert [(a.buurt, a.huishoudens) for a in invoer.aanvragen] == [("Wyck", 3685)]
    [w] = invoer.waarschuwingen
    assert w.bestand == "aanvragen.ods" and "LibreOffice" in w.reden
