"""The support budget (§8): expenses read, set against the planned € 20.000, in the workbook."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from buurtxl import cli, herberekenen, invoer, regeling, werkmap
from buurtxl.regels import ondersteuning
from buurtxl.werkmap import begroting, ondersteuningblad
from gedeeld import cent
from rekenmotor import vereis_libreoffice

R = regeling.laad("2018")


def _csv(map_: Path, tekst: str) -> Path:
    pad = map_ / "ondersteuning.csv"
    pad.write_text(tekst, encoding="utf-8")
    return pad


def test_besteed_en_over_met_de_hand() -> None:
    uitgaven = [
        ondersteuning.Uitgave(dt.date(2018, 3, 1), "Training voorzitters", Decimal("1250.00")),
        ondersteuning.Uitgave(dt.date(2018, 6, 1), "Website", Decimal("800.50")),
    ]
    o = ondersteuning.bereken(R, uitgaven)
    assert (o.gepland, o.besteed, o.over) == (Decimal("20000"), Decimal("2050.50"), Decimal("17949.50"))
    assert "§8" in o.reden


def test_een_cent_meer_dan_gepland() -> None:
    o = ondersteuning.bereken(R, [ondersteuning.Uitgave(dt.date(2018, 1, 2), "x", Decimal("20000.01"))])
    assert o.over == Decimal("-0.01") and "meer dan gepland" in o.reden


def test_csv_zoals_nederlandse_excel_hem_opslaat(tmp_path: Path) -> None:
    pad = _csv(tmp_path, "Datum;Omschrijving;Bedrag\n01-03-2018;Training;1.250,00\n2018-06-01;Website;800,50\n;;\n")
    gelezen = ondersteuning.lees(pad)
    assert gelezen.problemen == []
    assert [(u.datum, u.bedrag) for u in gelezen.uitgaven] == [
        (dt.date(2018, 3, 1), Decimal("1250.00")), (dt.date(2018, 6, 1), Decimal("800.50"))
    ]


def test_elke_foute_rij_genoemd(tmp_path: Path) -> None:
    pad = _csv(tmp_path, "datum,omschrijving,bedrag\nmorgen,Training,10\n01-01-2018,,-5\n")
    gelezen = ondersteuning.lees(pad)
    plaatsen = {(p.rij, p.kolom) for p in gelezen.problemen}
    assert plaatsen == {(2, "datum"), (3, "omschrijving"), (3, "bedrag")}
    assert gelezen.uitgaven == []


def test_excel_blad_ondersteuning_met_datumcellen(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Aanvragen"
    ws = wb.create_sheet("Ondersteuning")
    ws.append(["Uitgaven ondersteuning 2018"])
    ws.append(["Datum", "Omschrijving", "Bedrag"])
    ws.append([dt.datetime(2018, 4, 5), "Bijeenkomst", 312.4])
    pad = tmp_path / "steun.xlsx"
    wb.save(pad)
    gelezen = ondersteuning.lees(pad)
    assert gelezen.problemen == []
    assert gelezen.uitgaven == [ondersteuning.Uitgave(dt.date(2018, 4, 5), "Bijeenkomst", Decimal("312.40"))]


def test_werkmap_rekent_gepland_tegen_besteed_in_libreoffice(tmp_path: Path) -> None:
    vereis_libreoffice()
    aanvragen = tmp_path / "aanvragen.csv"
    aanvragen.write_text("buurt,huishoudens\nWyck,900\n", encoding="utf-8")
    steun = _csv(tmp_path, "datum;omschrijving;bedrag\n01-03-2018;Training;1250\n01-06-2018;Website;800,50\n")
    doel = tmp_path / "begroting.xlsx"
    uit = CliRunner().invoke(cli.buurtxl, ["build", str(aanvragen), "-o", str(doel), "--ondersteuning", str(steun)])
    assert uit.exit_code == 0, uit.output
    wb = openpyxl.load_workbook(herberekenen.herbereken(doel, tmp_path / "h.xlsx"), data_only=True)
    ws = wb["Ondersteuning"]
    samenvatting = enumerate(ondersteuningblad.SAMENVATTING, start=1)
    samen = {key: ws[f"F{ondersteuningblad.KOP_RIJ + i}"].value for i, (key, _) in samenvatting}
    assert [cent(samen[k]) for k in ("gepland", "besteed", "over")] == [
        Decimal("20000.00"), Decimal("2050.50"), Decimal("17949.50")
    ]
    blok = wb["Begroting"]
    kolom = openpyxl.utils.get_column_letter(begroting.budget_kolom(True))
    rijen = begroting.ondersteuning_rijen()
    assert cent(blok[f"{kolom}{rijen['besteed']}"].value) == Decimal("2050.50")
    assert cent(blok[f"{kolom}{rijen['over']}"].value) == Decimal("17949.50")


def test_herschrijven_zonder_lijst_bewaart_de_ingetypte_uitgaven(tmp_path: Path) -> None:
    """`update` without a list must not lose what staff typed on the Ondersteuning sheet."""
    aanvragen = invoer.valideer([(2, {"buurt": "Wyck", "huishoudens": 900})], R).aanvragen
    wb = werkmap.maak_begroting(aanvragen, R, ondersteuning=[])
    ws = wb["Ondersteuning"]
    ws.cell(ondersteuningblad.EERSTE_RIJ, 1).value = dt.datetime(2018, 9, 1)
    ws.cell(ondersteuningblad.EERSTE_RIJ, 2).value = "Ingetypt in de werkmap"
    ws.cell(ondersteuningblad.EERSTE_RIJ, 3).value = 99.95
    werkmap.vul_werkmap(wb, aanvragen, R)
    ws = wb["Ondersteuning"]
    assert ws.cell(ondersteuningblad.EERSTE_RIJ, 2).value == "Ingetypt in de werkmap"
    assert ws.cell(ondersteuningblad.EERSTE_RIJ, 3).value == Decimal("99.95")


def test_bereken_toont_de_ondersteuning(tmp_path: Path) -> None:
    steun = _csv(tmp_path, "datum;omschrijving;bedrag\n01-03-2018;Training;20500\n")
    uit = CliRunner().invoke(cli.buurtxl, ["bereken", "--ondersteuning", str(steun), "--quiet"])
    assert uit.exit_code == 0, uit.output
    assert "€ 500,00 meer dan gepland € 20.000,00" in uit.stdout
