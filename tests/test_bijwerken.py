"""`buurtxl update`: our sheets into staff's own workbook, and nothing of theirs lost or changed."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import openpyxl
import pytest

import werkmappen
from buurtxl import bijwerken, lezen, regeling, werkmap
from test_corpus import draai

R = regeling.laad("2018")


def _sha(pad: Path) -> str:
    return hashlib.sha256(pad.read_bytes()).hexdigest()


def _aanvragen(pad: Path):
    pad, blad = bijwerken.bron(pad, None)
    gelezen = lezen.lees(pad, R, blad=blad)
    assert gelezen.ok, [str(p) for p in gelezen.problemen]
    return gelezen.aanvragen


@pytest.fixture
def eigen(tmp_path: Path) -> Path:
    return werkmappen.eigen_werkmap(tmp_path / "afdeling.xlsx")


def test_zonder_invoer_komen_de_aanvragen_van_blad_aanvragen(eigen: Path) -> None:
    assert bijwerken.bron(eigen, None) == (eigen, "Aanvragen")
    assert [a.buurt for a in _aanvragen(eigen)] == ["Binnenstad", "Wyckerpoort", "Malberg"]


def test_met_invoer_komen_de_aanvragen_uit_de_invoer(eigen: Path, tmp_path: Path) -> None:
    assert bijwerken.bron(eigen, tmp_path / "a.csv", None) == (tmp_path / "a.csv", None)


def test_update_voegt_onze_bladen_toe_na_die_van_de_afdeling(eigen: Path) -> None:
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R)
    wb = openpyxl.load_workbook(eigen)
    assert wb.sheetnames[:3] == ["Aanvragen", "Notities", "Verborgen"]
    assert {"Toelichting", "Regeling", "Begroting", "Binnenstad", "Wyckerpoort", "Malberg"} <= set(wb.sheetnames)


def test_update_laat_cellen_formules_en_opmaak_van_de_afdeling_staan(eigen: Path) -> None:
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R)
    ws = openpyxl.load_workbook(eigen)["Notities"]
    assert ws["B3"].value == "=B2*2"
    assert ws["B4"].value == "=SUM(Aanvragen!C2:C4)"
    assert ws["B5"].value.text == "=SUM(B2:B3*2)"
    assert ws["A1"].font.b and ws["A1"].font.sz == 14
    assert ws["A1"].fill.fgColor.rgb == "FFDDEBF7"
    assert ws["A1"].comment.text == "Bijgehouden door de afdeling"
    assert ws["A8"].hyperlink.target == "https://www.gemeentemaastricht.nl/"
    assert ws["B2"].number_format == "#,##0"
    assert [str(r) for r in ws.merged_cells.ranges] == ["A6:C6"]
    assert ws.column_dimensions["A"].width == 30


def test_update_laat_validatie_opmaakregels_en_namen_staan(eigen: Path) -> None:
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R)
    wb = openpyxl.load_workbook(eigen)
    ws = wb["Notities"]
    [validatie] = ws.data_validations.dataValidation
    assert (str(validatie.sqref), validatie.formula1) == ("C2:C4", '"ja,nee"')
    assert [str(cf.sqref) for cf in ws.conditional_formatting] == ["B2:B4"]
    assert wb.defined_names["Eigen_Drempel"].attr_text == "Notities!$B$2"
    assert ws.defined_names["Lokaal"].attr_text == "Notities!$B$3"
    assert wb["Verborgen"].sheet_state == "hidden"


def test_update_maakt_eerst_een_reservekopie_van_het_origineel(eigen: Path) -> None:
    voor = _sha(eigen)
    uitkomst = bijwerken.bijwerken(eigen, _aanvragen(eigen), R)
    assert uitkomst.backup.parent == eigen.parent
    assert uitkomst.backup.name.startswith("afdeling.backup-") and uitkomst.backup.suffix == ".xlsx"
    assert _sha(uitkomst.backup) == voor


def test_tweede_update_vervangt_onze_bladen_in_plaats_van_ze_te_verdubbelen(eigen: Path) -> None:
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R)
    eerst = openpyxl.load_workbook(eigen).sheetnames
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R)
    assert openpyxl.load_workbook(eigen).sheetnames == eerst


def test_xlsm_behoudt_het_vba_project_byte_voor_byte(eigen: Path, tmp_path: Path) -> None:
    xlsm = werkmappen.met_macro(eigen, tmp_path / "macro.xlsm")
    bijwerken.bijwerken(xlsm, _aanvragen(xlsm), R)
    with zipfile.ZipFile(xlsm) as zf:
        assert zf.read("xl/vbaProject.bin") == werkmappen.vba_project()
        assert b"macroEnabled" in zf.read("[Content_Types].xml")
    assert "Begroting" in openpyxl.load_workbook(xlsm).sheetnames


def test_grafiek_op_blad_van_de_afdeling_wordt_geweigerd(tmp_path: Path) -> None:
    pad = werkmappen.eigen_werkmap(tmp_path / "grafiek.xlsx", grafiek=True)
    voor = _sha(pad)
    with pytest.raises(bijwerken.BijwerkFout) as fout:
        bijwerken.bijwerken(pad, _aanvragen(pad), R)
    assert "grafiek" in str(fout.value) and "blad 'Notities'" in str(fout.value) and "--toch" in str(fout.value)
    assert _sha(pad) == voor
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grafiek.xlsx"], "reservekopie of tijdelijk bestand achtergebleven"


@pytest.mark.parametrize("soort", list(werkmappen.ONDERDELEN))
def test_onderdeel_dat_openpyxl_niet_meeneemt_wordt_geweigerd(soort: str, eigen: Path, tmp_path: Path) -> None:
    pad = werkmappen.met_onderdeel(eigen, tmp_path / "met.xlsx", soort)
    voor = _sha(pad)
    with pytest.raises(bijwerken.BijwerkFout) as fout:
        bijwerken.bijwerken(pad, _aanvragen(pad), R)
    assert soort in str(fout.value)
    assert _sha(pad) == voor


def test_toch_gaat_door_en_noemt_eerst_wat_verloren_gaat(eigen: Path, tmp_path: Path) -> None:
    pad = werkmappen.met_onderdeel(eigen, tmp_path / "met.xlsx", "formulierbesturingselement")
    meldingen: list[str] = []
    bijwerken.bijwerken(pad, _aanvragen(pad), R, toch=True, meld=meldingen.append)
    assert meldingen == [
        "Gaat verloren: formulierbesturingselement (knop, selectievakje, keuzelijst) op blad 'Notities' "
        "(xl/ctrlProps/ctrlProp1.xml)"
    ]
    assert "Begroting" in openpyxl.load_workbook(pad).sheetnames


def test_onze_eigen_grafiek_op_begroting_blokkeert_een_tweede_update_niet(eigen: Path) -> None:
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R)
    with zipfile.ZipFile(eigen) as zf:
        assert any(n.startswith("xl/charts/") for n in zf.namelist())  # the chart is there …
    assert bijwerken.onoverdraagbaar(eigen) == []  # … on a sheet we replace anyway
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R)


def test_verschil_na_schrijven_laat_het_origineel_staan(
    eigen: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    echte = werkmap.vul_werkmap

    def slordig(wb, *args, **kwargs):  # a writer that also touches a cell of the staff's sheet
        echte(wb, *args, **kwargs)
        wb["Notities"]["B2"] = 1400

    monkeypatch.setattr(werkmap, "vul_werkmap", slordig)
    voor = _sha(eigen)
    with pytest.raises(bijwerken.BijwerkFout) as fout:
        bijwerken.bijwerken(eigen, _aanvragen(eigen), R)
    assert "blad 'Notities', cel B2: waarde verandert: 1300 → 1400" in str(fout.value)
    assert _sha(eigen) == voor
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afdeling.xlsx"]


def test_verdwenen_naam_van_de_afdeling_wordt_gemeld(eigen: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    echte = werkmap.vul_werkmap

    def slordig(wb, *args, **kwargs):
        echte(wb, *args, **kwargs)
        del wb.defined_names["Eigen_Drempel"]

    monkeypatch.setattr(werkmap, "vul_werkmap", slordig)
    with pytest.raises(bijwerken.BijwerkFout, match="gedefinieerde naam 'Eigen_Drempel' ontbreekt"):
        bijwerken.bijwerken(eigen, _aanvragen(eigen), R)


def test_naam_van_de_afdeling_gelijk_aan_een_parameternaam_blijft_of_wordt_gemeld(tmp_path: Path) -> None:
    # Staff happened to define a name buurtxl also uses: it must survive, or the update must refuse.
    pad = werkmappen.eigen_werkmap(tmp_path / "botsing.xlsx", namen={"Toeslag_Drempel_Huishoudens": "Notities!$B$2"})
    try:
        bijwerken.bijwerken(pad, _aanvragen(pad), R)
    except bijwerken.BijwerkFout as fout:
        assert "Toeslag_Drempel_Huishoudens" in str(fout)
    else:
        assert openpyxl.load_workbook(pad).defined_names["Toeslag_Drempel_Huishoudens"].attr_text == "Notities!$B$2"


def test_werkmap_die_in_excel_open_staat_wordt_niet_bijgewerkt(eigen: Path) -> None:
    eigen.with_name("~$" + eigen.name).write_bytes(b"Medewerker")
    with pytest.raises(bijwerken.BijwerkFout, match="geopend in Excel"):
        bijwerken.bijwerken(eigen, _aanvragen(eigen), R)


def test_csv_kan_niet_worden_bijgewerkt(tmp_path: Path) -> None:
    pad = tmp_path / "aanvragen.csv"
    pad.write_text("buurt,huishoudens\nMalberg,900\n")
    with pytest.raises(bijwerken.BijwerkFout, match=r"\.xlsx of \.xlsm"):
        bijwerken.bijwerken(pad, [], R)


# -- through the installed command ---------------------------------------------------------------

def test_commando_update_werkt_bij_en_noemt_de_reservekopie(eigen: Path, tmp_path: Path) -> None:
    r = draai("update", str(eigen), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Werkmap bijgewerkt" in r.stdout and "Reservekopie" in r.stderr
    assert len(list(tmp_path.glob("afdeling.backup-*.xlsx"))) == 1


def test_commando_update_weigert_met_nederlandse_melding_zonder_traceback(eigen: Path, tmp_path: Path) -> None:
    pad = werkmappen.met_onderdeel(eigen, tmp_path / "koppeling.xlsx", "koppeling naar een andere werkmap")
    voor = _sha(pad)
    r = draai("update", str(pad), cwd=tmp_path)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert "koppeling naar een andere werkmap" in r.stderr and "Er is niets veranderd" in r.stderr
    assert _sha(pad) == voor


def test_commando_update_met_fout_in_blad_aanvragen_schrijft_niets(tmp_path: Path) -> None:
    pad = werkmappen.eigen_werkmap(tmp_path / "fout.xlsx")
    wb = openpyxl.load_workbook(pad)
    wb["Aanvragen"]["C3"] = "veel"
    wb.save(pad)
    voor = _sha(pad)
    r = draai("update", str(pad), cwd=tmp_path)
    assert r.returncode == 1
    assert "fout.xlsx, blad 'Aanvragen', rij 3, kolom 'huishoudens'" in r.stderr
    assert _sha(pad) == voor and sorted(p.name for p in tmp_path.iterdir()) == ["fout.xlsx"]


def test_uitbreiding_die_openpyxl_laat_vallen_wordt_geweigerd(eigen: Path, tmp_path: Path) -> None:
    pad = werkmappen.met_uitbreiding(eigen, tmp_path / "x14.xlsx")
    voor = _sha(pad)
    with pytest.raises(bijwerken.BijwerkFout, match="uitgebreide gegevensvalidatie"):
        bijwerken.bijwerken(pad, _aanvragen(pad), R)
    assert _sha(pad) == voor


def test_zonder_blad_aanvragen_noemt_de_melding_de_bladen_die_er_wel_zijn(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from buurtxl.cli import buurtxl

    pad = werkmappen.eigen_werkmap(tmp_path / "anders.xlsx")
    wb = openpyxl.load_workbook(pad)
    wb["Aanvragen"].title = "Subsidies"
    wb.save(pad)
    resultaat = CliRunner().invoke(buurtxl, ["update", str(pad)])
    assert resultaat.exit_code == 1
    assert "blad 'Aanvragen' bestaat niet" in resultaat.output and "'Subsidies'" in resultaat.output


def test_bijgewerkte_werkmap_rekent_in_libreoffice_met_eigen_en_onze_formules(eigen: Path, tmp_path: Path) -> None:
    from decimal import Decimal

    from buurtxl import herberekenen, regels
    from buurtxl.werkmap import begroting
    from rekenmotor import cent, vereis_libreoffice

    vereis_libreoffice()
    aanvragen = _aanvragen(eigen)
    bijwerken.bijwerken(eigen, aanvragen, R)
    [herberekend] = herberekenen.converteer([eigen], tmp_path / "uit")
    wb = openpyxl.load_workbook(herberekend, data_only=True)
    notities = wb["Notities"]
    assert (notities["B3"].value, notities["B4"].value) == (2600, 1620 + 1250 + 1400)  # the staff's formulas
    budget = wb["Begroting"].cell(begroting.budget_rijen()["totaal"], begroting.budget_kolom(True)).value
    assert cent(budget) == sum((regels.bereken(R, a).totaal for a in aanvragen), Decimal("0.00"))


def test_werkmap_die_geen_werkmap_is_wordt_gemeld_zonder_dubbel_fout(tmp_path: Path) -> None:
    pad = tmp_path / "nep.xlsx"
    pad.write_bytes(b"%PDF-1.4")
    with pytest.raises(bijwerken.BijwerkFout) as fout:
        bijwerken.bijwerken(pad, [], R)
    assert str(fout.value) == "nep.xlsx: dit is geen Excel-werkmap maar een PDF-bestand"
