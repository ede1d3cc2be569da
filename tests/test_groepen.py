"""What the 30 buurten are (§3.1): the kinds of group and what they handed in, read and counted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from buurtxl import cli, herberekenen, invoer, regeling, werkmap
from buurtxl.regels import groepen
from buurtxl.werkmap import begroting
from rekenmotor import vereis_libreoffice

R = regeling.laad("2018")
RIJEN = [
    {"buurt": "A", "huishoudens": 900, "soort_groep": "Voormalig buurtplatform", "plan_van_aanpak_ingediend": "JA",
     "buurtplan_ingediend": "nee"},
    {"buurt": "B", "huishoudens": 900, "soort_groep": "nieuwe bewonersgroep", "plan_van_aanpak_ingediend": "ja"},
    # 'Ja': input of before the form asked a date (handed in, date unknown).
    {"buurt": "C", "huishoudens": 800, "buurtplan_ingediend": "Ja", "buurtscore": 56.99},
    {"buurt": "D", "huishoudens": 800, "soort_groep": "voormalig buurtplatform", "buurtscore": 40,
     "plan_van_aanpak_ingediend": "nee", "buurtplan_ingediend": "1-11-2018"},  # "vóór 1 november": late
    {"buurt": "E", "huishoudens": 700, "buurtscore": 57, "buurtplan_ingediend": "31-10-2018"},  # on time
]


def _aanvragen() -> list:
    gelezen = invoer.valideer(list(enumerate(RIJEN, start=2)), R, bestand="groepen.csv")
    assert gelezen.ok, [str(p) for p in gelezen.fouten]
    return gelezen.aanvragen


def test_keuzes_in_elke_schrijfwijze_en_geteld() -> None:
    g = groepen.tel(_aanvragen())
    assert (g.voormalig, g.nieuw, g.onbekend, g.plan_van_aanpak) == (2, 1, 2, 2)
    assert _aanvragen()[0].soort_groep == "voormalig buurtplatform"


def test_een_onbekende_keuze_wordt_genoemd() -> None:
    gelezen = invoer.valideer([(7, {"buurt": "X", "huishoudens": 1, "soort_groep": "buurtnetwerk"})], R,
                              bestand="groepen.csv")
    [fout] = gelezen.fouten
    assert (fout.rij, fout.kolom) == (7, "soort_groep")
    assert "'voormalig buurtplatform' of 'nieuwe bewonersgroep'" in fout.reden


def test_bereken_meldt_de_groepen(tmp_path: Path) -> None:
    pad = tmp_path / "g.csv"
    kop = ["buurt", "huishoudens", "soort_groep", "plan_van_aanpak_ingediend", "buurtplan_ingediend"]
    pad.write_text("\n".join([";".join(kop), *(";".join(str(r.get(k, "")) for k in kop) for r in RIJEN)]),
                   encoding="utf-8")
    uit = CliRunner().invoke(cli.buurtxl, ["bereken", str(pad)])
    assert uit.exit_code == 0, uit.output
    assert "Groepen: 2 voormalige buurtplatforms, 1 nieuwe bewonersgroep, 2 onbekend" in uit.stdout


def test_begroting_telt_de_groepen_in_libreoffice(tmp_path: Path) -> None:
    vereis_libreoffice()
    paden = []
    for naam, max_bladen in (("bladen", 250), ("inline", 0)):
        oud = werkmap.MAX_BUURTBLADEN
        werkmap.MAX_BUURTBLADEN = max_bladen
        try:
            wb = werkmap.maak_begroting(_aanvragen(), R)
        finally:
            werkmap.MAX_BUURTBLADEN = oud
        paden.append(tmp_path / f"{naam}.xlsx")
        wb.save(paden[-1])
    for pad in herberekenen.converteer(paden, tmp_path / "uit", "xlsx"):
        ws = openpyxl.load_workbook(pad, data_only=True)["Begroting"]
        kolom = openpyxl.utils.get_column_letter(begroting.budget_kolom(pad.stem == "bladen"))
        telling = {key: ws[f"{kolom}{rij}"].value for key, rij in begroting.groepen_rijen().items()}
        # Two buurtscores below 57 (56,99 and 40; 57 itself would not count), beside §8's 9.
        # The buurtplan: E (31-10-2018) and C ('ja') on time, D (1-11-2018) late, A ('nee') and B missing.
        assert telling == {"voormalig": 2, "nieuw": 1, "plan_van_aanpak": 2, "plan_van_aanpak_niet": 1,
                           "buurtplan": 2, "buurtplan_te_laat": 1, "buurtplan_ontbreekt": 2,
                           "kwetsbaar": 2, "kwetsbaar_raming": 9}, pad.stem
        g = groepen.tel(_aanvragen(), groepen.uiterlijk(R))  # the workbook counts as the core does
        assert (g.buurtplan, g.buurtplan_te_laat, g.buurtplan_ontbreekt) == tuple(
            telling[k] for k in ("buurtplan", "buurtplan_te_laat", "buurtplan_ontbreekt"))


def test_zonder_plan_van_aanpak_een_waarschuwing_met_de_paragraaf() -> None:
    gelezen = invoer.valideer(list(enumerate(RIJEN, start=2)), R, bestand="groepen.csv")
    [waarschuwing] = [p for p in gelezen.waarschuwingen if p.kolom == "plan_van_aanpak_ingediend"]
    assert waarschuwing.rij == 5 and "§3.1" in waarschuwing.reden and "plan van aanpak" in waarschuwing.reden


def test_kwetsbare_buurten_naast_de_raming_van_paragraaf_8(tmp_path: Path) -> None:
    assert groepen.kwetsbaar(_aanvragen(), R) == (
        "Buurten met buurtscore onder 57: 2, 2 buurten zonder buurtscore; de raming van §8 rekent met 9 "
        "buurten met veel kwetsbare bewoners")
    assert groepen.kwetsbaar(_aanvragen(), regeling.laad("2017-2018")) is None
    csv = tmp_path / "groepen.csv"
    kop = ["buurt", "huishoudens", "buurtscore", "plan_van_aanpak_ingediend"]
    csv.write_text(",".join(kop) + "\n" + "".join(
        ",".join(str(r.get(k, "")) for k in kop) + "\n" for r in RIJEN), encoding="utf-8")
    for opdracht in ("check", "bereken"):
        uit = CliRunner().invoke(cli.buurtxl, [opdracht, str(csv)])
        assert uit.exit_code == 0, uit.output
        assert "Buurten met buurtscore onder 57: 2" in uit.output and "rekent met 9" in uit.output, opdracht
        assert "geen plan van aanpak ingediend" in uit.output and "§3.1" in uit.output, opdracht


def test_het_voorbeeld_telt_23_voormalige_en_7_nieuwe_groepen_en_zegt_dat_het_fictief_is() -> None:
    from buurtxl.invoer import lezen
    from buurtxl.regeling import voorbeeld

    g = groepen.tel(lezen.lees(voorbeeld.pad(), R).aanvragen)
    assert (g.aantal, g.voormalig, g.nieuw) == (30, 23, 7)  # §3.1
    assert g.plan_van_aanpak >= 23  # the 23 former buurtplatforms all handed in a plan van aanpak
    assert any("voormalig buurtplatform" in k and "verzonnen" in k for k in voorbeeld.KANTTEKENINGEN)


def test_buurtplan_op_of_na_de_uiterste_datum_is_te_laat_met_een_waarschuwing() -> None:
    gelezen = invoer.valideer(list(enumerate(RIJEN, start=2)), R, bestand="groepen.csv")
    [waarschuwing] = [p for p in gelezen.waarschuwingen if p.kolom == "buurtplan_ingediend"]
    assert waarschuwing.rij == 5  # D, handed in on 1 November 2018 itself
    assert "te laat" in waarschuwing.reden and "vóór 1 november 2018 (§3.1)" in waarschuwing.reden
    assert groepen.tel(_aanvragen(), groepen.uiterlijk(R)).buurtplan_te_laat == 1


def test_buurtplan_op_de_laatste_dag_ervoor_of_met_ja_is_op_tijd() -> None:
    aanvragen = _aanvragen()
    assert aanvragen[4].buurtplan_ingediend == dt.date(2018, 10, 31) and aanvragen[2].buurtplan_ingediend == "ja"
    assert groepen.tel(aanvragen, groepen.uiterlijk(R)).buurtplan == 2  # E on 31 October, C 'ja'


def test_buurtplan_leeg_of_nee_ontbreekt() -> None:
    assert groepen.tel(_aanvragen(), groepen.uiterlijk(R)).buurtplan_ontbreekt == 2  # A 'nee', B empty


def test_een_buurtplan_dat_geen_datum_en_geen_ja_of_nee_is_wordt_genoemd() -> None:
    gelezen = invoer.valideer([(3, {"buurt": "X", "huishoudens": 1, "buurtplan_ingediend": "binnenkort"})], R,
                              bestand="groepen.csv")
    [fout] = gelezen.fouten
    assert (fout.rij, fout.kolom) == (3, "buurtplan_ingediend") and "geen datum" in fout.reden


def test_check_en_bereken_tellen_de_buurtplannen(tmp_path: Path) -> None:
    pad = tmp_path / "g.csv"
    kop = ["buurt", "huishoudens", "buurtplan_ingediend"]
    pad.write_text("\n".join([";".join(kop), *(";".join(str(r.get(k, "")) for k in kop) for r in RIJEN)]),
                   encoding="utf-8")
    for opdracht in ("check", "bereken"):
        uit = CliRunner().invoke(cli.buurtxl, [opdracht, str(pad)])
        assert uit.exit_code == 0, uit.output
        assert "Buurtplan (vóór 1 november 2018, §3.1): op tijd 2, te laat 1, niet ingediend 2" in uit.output, opdracht
