"""`buurtxl update`: our sheets into staff's own workbook, and nothing of theirs lost or changed."""

from __future__ import annotations

import hashlib
import os
import stat
import zipfile
from pathlib import Path

import openpyxl
import pytest

import excel_strikt
import pakketten
import werkmappen
from buurtxl import regeling, werkmap
from buurtxl.invoer import lezen
from buurtxl.pakket import bijwerken
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
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    wb = openpyxl.load_workbook(eigen)
    assert wb.sheetnames[:3] == ["Aanvragen", "Notities", "Verborgen"]
    assert {"Toelichting", "Regeling", "Begroting", "Binnenstad", "Wyckerpoort", "Malberg"} <= set(wb.sheetnames)


def test_update_laat_cellen_formules_en_opmaak_van_de_afdeling_staan(eigen: Path) -> None:
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
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
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
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
    uitkomst = bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    assert uitkomst.backup.parent == eigen.parent
    assert uitkomst.backup.name.startswith("afdeling.backup-") and uitkomst.backup.suffix == ".xlsx"
    assert _sha(uitkomst.backup) == voor


def test_tweede_update_vervangt_onze_bladen_in_plaats_van_ze_te_verdubbelen(eigen: Path) -> None:
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    eerst = openpyxl.load_workbook(eigen).sheetnames
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    assert openpyxl.load_workbook(eigen).sheetnames == eerst


def test_xlsm_behoudt_het_vba_project_byte_voor_byte(eigen: Path, tmp_path: Path) -> None:
    xlsm = werkmappen.met_macro(eigen, tmp_path / "macro.xlsm")
    bijwerken.bijwerken(xlsm, _aanvragen(xlsm), R, herbereken=False)
    with zipfile.ZipFile(xlsm) as zf:
        assert zf.read("xl/vbaProject.bin") == werkmappen.vba_project()
        assert b"macroEnabled" in zf.read("[Content_Types].xml")
    assert "Begroting" in openpyxl.load_workbook(xlsm).sheetnames


def test_elk_onderdeel_van_de_gebruiker_blijft_byte_voor_byte(eigen: Path) -> None:
    voor = pakketten.delen(eigen)
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    na = pakketten.delen(eigen)
    assert pakketten.veranderd(voor, na) == []
    assert pakketten.stijlen_vooraan(voor["xl/styles.xml"], na["xl/styles.xml"]) == []
    assert excel_strikt.overtredingen(eigen) == []


def test_grafiek_op_blad_van_de_afdeling_blijft_byte_voor_byte(tmp_path: Path) -> None:
    pad = werkmappen.eigen_werkmap(tmp_path / "grafiek.xlsx", grafiek=True)
    voor = pakketten.delen(pad)
    bijwerken.bijwerken(pad, _aanvragen(pad), R, herbereken=False)
    na = pakketten.delen(pad)
    grafieken = [n for n in voor if n.startswith("xl/charts/")]
    assert grafieken and all(na[n] == voor[n] for n in grafieken)
    assert pakketten.veranderd(voor, na) == []


@pytest.mark.parametrize("soort", list(werkmappen.ONDERDELEN))
def test_onderdeel_dat_openpyxl_niet_kende_blijft_byte_voor_byte(soort: str, eigen: Path, tmp_path: Path) -> None:
    pad = werkmappen.met_onderdeel(eigen, tmp_path / "met.xlsx", soort)
    voor = pakketten.delen(pad)
    bijwerken.bijwerken(pad, _aanvragen(pad), R, herbereken=False)
    na = pakketten.delen(pad)
    _, deel, inhoud, _ = werkmappen.ONDERDELEN[soort]
    assert na[deel] == inhoud
    assert pakketten.veranderd(voor, na) == []


def test_uitbreiding_die_openpyxl_liet_vallen_blijft(eigen: Path, tmp_path: Path) -> None:
    pad = werkmappen.met_uitbreiding(eigen, tmp_path / "x14.xlsx")
    voor = pakketten.delen(pad)
    bijwerken.bijwerken(pad, _aanvragen(pad), R, herbereken=False)
    assert b"x14:dataValidation" in pakketten.delen(pad)[pakketten.bladdeel(voor, "Notities")]
    assert pakketten.veranderd(voor, pakketten.delen(pad)) == []


def test_onze_eigen_grafiek_wordt_bij_een_tweede_update_vervangen_niet_verdubbeld(eigen: Path) -> None:
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    with zipfile.ZipFile(eigen) as zf:
        assert len([n for n in zf.namelist() if n.startswith("xl/charts/")]) == 1
        assert len([n for n in zf.namelist() if n.startswith("xl/tables/")]) == 1
        assert "xl/calcChain.xml" not in zf.namelist()
    assert excel_strikt.overtredingen(eigen) == []


def test_verschil_na_schrijven_laat_het_origineel_staan(
    eigen: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from buurtxl.pakket import samenvoegen

    echte = samenvoegen.voeg_samen

    def slordig(origineel, *args, **kwargs):  # a merge that also touches a part of the user's
        nieuw, verslag = echte(origineel, *args, **kwargs)
        deel = pakketten.bladdeel(origineel.delen, "Notities")
        nieuw.delen[deel] = nieuw.delen[deel].replace(b"<v>1300</v>", b"<v>1400</v>")
        return nieuw, verslag

    monkeypatch.setattr(samenvoegen, "voeg_samen", slordig)
    voor = _sha(eigen)
    with pytest.raises(bijwerken.BijwerkFout) as fout:
        bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    assert "onderdeel xl/worksheets/sheet2.xml is veranderd" in str(fout.value)
    assert "niet veranderd" in str(fout.value)
    assert _sha(eigen) == voor
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afdeling.xlsx"]


def test_eigen_naam_van_de_afdeling_blijft_ook_als_hij_naar_de_begroting_wijst(eigen: Path) -> None:
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    pakketten.voeg_naam_toe(eigen, "MijnTotaal", "Begroting!$L$10")
    meldingen: list[str] = []
    uitkomst = bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False, meld=meldingen.append)
    assert openpyxl.load_workbook(eigen).defined_names["MijnTotaal"].attr_text == "Begroting!$L$10"
    assert "naam MijnTotaal → Begroting!L10" in uitkomst.verwijzingen
    assert meldingen == ["Namen (MijnTotaal): 1 verwijzing op celadres naar 'Begroting'; 1 volgt de inhoud (0 met een "
                         "nieuw adres in de nieuwe indeling)."]


def test_naam_van_de_afdeling_gelijk_aan_een_parameternaam_wordt_geweigerd(tmp_path: Path) -> None:
    # Staff happened to define a name buurtxl also uses: our formulas would compute with their cell.
    pad = werkmappen.eigen_werkmap(tmp_path / "botsing.xlsx", namen={"Toeslag_Drempel_Huishoudens": "Notities!$B$2"})
    voor = _sha(pad)
    with pytest.raises(bijwerken.BijwerkFout, match="'Toeslag_Drempel_Huishoudens'"):
        bijwerken.bijwerken(pad, _aanvragen(pad), R, herbereken=False)
    assert _sha(pad) == voor


def test_kopie_van_de_begroting_blijft_staan(eigen: Path) -> None:
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    pakketten.kopieer_blad(eigen, "Begroting", "Begroting maart (definitief)")
    kopie = pakketten.delen(eigen)[pakketten.bladdeel(pakketten.delen(eigen), "Begroting maart (definitief)")]
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    na = pakketten.delen(eigen)
    assert na[pakketten.bladdeel(na, "Begroting maart (definitief)")] == kopie
    namen = openpyxl.load_workbook(eigen).sheetnames
    assert namen.count("Begroting") == 1 and "Begroting (2)" not in namen
    assert excel_strikt.overtredingen(eigen) == []


def test_werkmap_van_de_oude_versie_kopie_met_oud_merkteken_blijft_staan(eigen: Path) -> None:
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    pakketten.naar_oud_merkteken(eigen)
    pakketten.kopieer_blad(eigen, "Begroting", "Begroting maart (definitief)")  # the mark is copied along
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    wb = openpyxl.load_workbook(eigen)
    assert wb.sheetnames.count("Begroting") == 1 and "Begroting (2)" not in wb.sheetnames
    assert "Begroting maart (definitief)" in wb.sheetnames
    assert werkmap.eigen_bladen(wb)["Begroting"] == "begroting"
    assert "Begroting maart (definitief)" not in werkmap.eigen_bladen(wb)
    assert excel_strikt.overtredingen(eigen) == []


def test_blad_van_de_afdeling_met_onze_naam_krijgt_onze_begroting_ernaast(tmp_path: Path) -> None:
    pad = werkmappen.eigen_werkmap(tmp_path / "botsing.xlsx")
    wb = openpyxl.load_workbook(pad)
    wb["Verborgen"].title = "Begroting"
    wb.save(pad)
    voor = pakketten.delen(pad)
    bijwerken.bijwerken(pad, _aanvragen(pad), R, herbereken=False)
    assert {"Begroting", "Begroting (2)"} <= set(openpyxl.load_workbook(pad).sheetnames)
    assert pakketten.veranderd(voor, pakketten.delen(pad)) == []


def test_stabiele_namen_wijzen_naar_het_budgetblok(eigen: Path) -> None:
    from buurtxl.werkmap import begroting

    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    namen = openpyxl.load_workbook(eigen).defined_names
    kolom = openpyxl.utils.get_column_letter(begroting.budget_kolom(True))
    rij = begroting.budget_rijen()
    assert namen["Begroting_Totaal"].attr_text == f"'Begroting'!${kolom}${rij['totaal']}"
    assert namen["Begroting_Status"].attr_text == f"'Begroting'!${kolom}${rij['status']}"


def test_modus_van_het_bestand_blijft(eigen: Path) -> None:
    eigen.chmod(0o644)
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    assert stat.S_IMODE(eigen.stat().st_mode) == 0o644


def test_eigenaar_van_het_bestand_blijft_waar_dat_mag(eigen: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("alleen root kan een bestand aan een andere eigenaar geven")
    os.chown(eigen, 1234, 5678)
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    assert (eigen.stat().st_uid, eigen.stat().st_gid) == (1234, 5678)


def test_snelkoppeling_vervangt_het_doel_en_blijft_een_snelkoppeling(eigen: Path, tmp_path: Path) -> None:
    map_ = tmp_path / "gedeeld"
    map_.mkdir()
    link = map_ / "afdeling.xlsx"
    link.symlink_to(eigen)
    bijwerken.bijwerken(link, _aanvragen(link), R, herbereken=False)
    assert link.is_symlink() and link.resolve() == eigen.resolve()
    assert "Begroting" in openpyxl.load_workbook(eigen).sheetnames


@pytest.mark.parametrize("slot", ["~$afdeling.xlsx", "~$deling.xlsx", ".~lock.afdeling.xlsx#"])
def test_werkmap_die_open_staat_wordt_niet_bijgewerkt(slot: str, eigen: Path) -> None:
    eigen.with_name(slot).write_bytes(b"Medewerker")
    voor = _sha(eigen)
    with pytest.raises(bijwerken.WerkmapOpen, match="is geopend in (Excel|LibreOffice)"):
        bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    assert _sha(eigen) == voor


def test_csv_kan_niet_worden_bijgewerkt(tmp_path: Path) -> None:
    pad = tmp_path / "aanvragen.csv"
    pad.write_text("buurt,huishoudens\nMalberg,900\n")
    with pytest.raises(bijwerken.BijwerkFout, match=r"\.xlsx of \.xlsm"):
        bijwerken.bijwerken(pad, [], R)


# -- through the installed command ---------------------------------------------------------------

def test_commando_update_werkt_bij_en_noemt_de_reservekopie(eigen: Path, tmp_path: Path) -> None:
    r = draai("update", str(eigen), "--zonder-libreoffice", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Werkmap bijgewerkt" in r.stdout and "Reservekopie" in r.stderr
    assert len(list(tmp_path.glob("afdeling.backup-*.xlsx"))) == 1


def test_commando_update_op_open_werkmap_stopt_met_code_2(eigen: Path, tmp_path: Path) -> None:
    eigen.with_name(".~lock.afdeling.xlsx#").write_text("medewerker")
    voor = _sha(eigen)
    r = draai("update", str(eigen), cwd=tmp_path)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert "afdeling.xlsx is geopend in LibreOffice" in r.stderr
    assert _sha(eigen) == voor


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
    from gedeeld import cent
    from rekenmotor import vereis_libreoffice

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


def test_eigen_bladnaam_van_de_gebruiker_op_onze_begroting_blijft(eigen: Path) -> None:
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    titels = openpyxl.load_workbook(eigen).sheetnames
    pakketten.voeg_naam_toe(eigen, "Mijn_Cel", "Begroting!$A$1", blad=titels.index("Begroting"))
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    wb = openpyxl.load_workbook(eigen)
    assert wb["Begroting"].defined_names["Mijn_Cel"].attr_text == "Begroting!$A$1"
    assert excel_strikt.overtredingen(eigen) == []


def test_na_bewaren_in_libreoffice_herkent_update_zijn_bladen(eigen: Path, tmp_path: Path) -> None:
    from buurtxl import herberekenen
    from rekenmotor import vereis_libreoffice

    vereis_libreoffice()
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)  # our sheetIds are now 10 and up
    [bewaard] = herberekenen.converteer([eigen], tmp_path / "lo")  # LibreOffice numbers them 4 … 9
    bijwerken.bijwerken(bewaard, _aanvragen(bewaard), R, herbereken=False)
    namen = openpyxl.load_workbook(bewaard).sheetnames
    assert namen.count("Begroting") == 1 and "Begroting (2)" not in namen and "Toelichting (2)" not in namen
    assert excel_strikt.overtredingen(bewaard) == []


def test_als_het_geschreven_bestand_niet_klopt_komt_het_origineel_terug(
    eigen: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from buurtxl import opslaan

    echte = opslaan.schrijf_atomair

    def en_dan_schrijft_een_ander(doel, schrijf, **kwargs):  # another program writes right after us
        echte(doel, schrijf, **kwargs)
        Path(doel).write_bytes(b"PK\x05\x06" + b"\x00" * 18)

    monkeypatch.setattr(opslaan, "schrijf_atomair", en_dan_schrijft_een_ander)
    voor = _sha(eigen)
    with pytest.raises(bijwerken.BijwerkFout, match="origineel is teruggezet"):
        bijwerken.bijwerken(eigen, _aanvragen(eigen), R, herbereken=False)
    assert _sha(eigen) == voor
