"""Reading input files: CSV dialects, Excel sheets with a title block, folders of forms."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from buurtxl import formulier, lezen, regeling

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
    pad = tmp_path / "aanvragen.ods"
    pad.write_bytes(b"x")
    [p] = lezen.lees(pad, r2018).fouten
    assert "'.ods'" in p.reden and p.bestand == "aanvragen.ods"


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


def test_xlsx_standaard_het_eerste_blad(tmp_path, r2018):
    pad = _xlsx(tmp_path / "a.xlsx", [KOP, ["Wyck", None, 3685]], blad="Aanvragen", extra_blad="Voorblad")
    [p] = lezen.lees(pad, r2018).fouten  # the first sheet is the empty Voorblad
    assert p.blad == "Voorblad" and "kopregel" in p.reden


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


def test_excel_vergrendelbestand_wordt_overgeslagen(tmp_path, r2018, leeg_formulier):
    _formulier(leeg_formulier, tmp_path / "a.xlsx", buurt="Wyck", huishoudens=3685)
    (tmp_path / "~$a.xlsx").write_bytes(b"lock")
    assert lezen.lees(tmp_path, r2018).problemen == []


def test_voortgang_na_elk_formulier(tmp_path, r2018, leeg_formulier):
    for naam in ("a", "b", "c"):
        _formulier(leeg_formulier, tmp_path / f"{naam}.xlsx", buurt=naam.upper(), huishoudens=100)
    stappen = []
    lezen.lees(tmp_path, r2018, voortgang=lambda: stappen.append(1))
    assert len(stappen) == 3
