"""The year as the officer walks it (issue 20), end to end with the tool's own commands:

template → three filled-in forms → `check` → `brieven verlening` → `build` → what was spent and paid typed in the budget
workbook (openpyxl), saved by LibreOffice → `vaststellen WERKMAP.xlsx` → `brieven vaststelling`.
Every amount in every letter is compared with the hand-worked values of test_brieven (the same three
groups, worked out there from the decision): Wyck nabetalen € 300, Jekerkwartier terugvorderen € 850,
Boschstraatkwartier sluitend.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from buurtxl import herberekenen
from buurtxl.cli import buurtxl
from buurtxl.invoer import formulier
from buurtxl.werkmap import buurtblad, vaststellingblad
from rekenmotor import vereis_libreoffice
from test_brieven import DELEN, VASTGESTELD, VERLEEND, brief, euro, onderdelen, tekst

# The forms, in the order the folder is read (file names): what each group filled in.
FORMULIEREN = {
    "1_wyck.xlsx": {
        "buurt": "Wyck", "buurtcode": "BU09350006", "huishoudens": 3685, "buurtscore": 52,
        "toeslag_aangevraagd": 800, "supplement_aangevraagd": 2000,
        "groepsnaam": "Buurtnetwerk Wyck & Céramique", "contactpersoon": "J. Janssen",
        "postadres": "Rechtstraat 1, 6221 EG Maastricht", "email": "wyck@example.org",
        "iban": "NL91ABNA0417164300", "datum": dt.datetime(2018, 3, 20),
    },
    "2_jekerkwartier.xlsx": {
        "buurt": "Jekerkwartier", "buurtcode": "BU09350001", "huishoudens": 1145, "buurtscore": 70,
        "basissubsidie": 4850, "groepsnaam": "Jekerkwartier Samen",
        "postadres": "Looiersgracht 2, 6211 JN Maastricht", "iban": "NL44 RABO 0123 4567 89",
    },
    "3_boschstraatkwartier.xlsx": {
        "buurt": "Boschstraatkwartier", "buurtcode": "BU09350004", "huishoudens": 1315, "buurtscore": 56.5,
        "organisatiekosten": 2600, "communicatiekosten": 1500, "activiteiten": 500, "plan_van_aanpak": 750,
        "toeslag_aangevraagd": 100, "groepsnaam": "Bewonersgroep Boschstraat", "contactpersoon": "M. de Vries",
        "postadres": "Boschstraat 3, 6211 AS Maastricht", "iban": "DE89 3704 0044 0532 0130 00",
    },
}
# Typed after the year: besteed on the buurt's sheet, the rest on the Vaststelling sheet.
GETYPT = {
    "Wyck": {"besteed": 5850, "toeslag_besteed": 900, "supplement_besteed": 1500, "betaald": 7850},
    "Jekerkwartier": {"besteed": 4000, "betaald": 4850},
    "Boschstraatkwartier": {"besteed": 5350, "toeslag_besteed": 61.73, "supplement_besteed": 3000,
                            "betaald": 8411.73},
}


def _run(*args: str):
    uit = CliRunner().invoke(buurtxl, list(args), prog_name="buurtxl")
    assert "Traceback" not in uit.output
    return uit


def _vul_in(leeg: Path, doel: Path, waarden: dict[str, object]) -> None:
    wb = openpyxl.load_workbook(leeg)
    ws = wb[formulier.BLAD]
    rijen = {ws.cell(r, formulier.KOLOM_SLEUTEL).value: r for r in range(1, ws.max_row + 1)}
    for sleutel, waarde in waarden.items():
        ws.cell(rijen[sleutel], formulier.KOLOM_INVOER, waarde)
    wb.save(doel)


def _typ(pad: Path, doel: Path) -> None:
    wb = openpyxl.load_workbook(pad)
    ws = wb["Vaststelling"]
    for i, (buurt, getypt) in enumerate(GETYPT.items()):
        wb[buurt][buurtblad.invoercel("besteed")] = getypt["besteed"]
        for key in vaststellingblad.INVOER:
            if key in getypt:
                ws[f"{vaststellingblad.LETTER[key]}{vaststellingblad.EERSTE_RIJ + i}"] = getypt[key]
    wb.save(doel)


@pytest.fixture(scope="module")
def jaar(tmp_path_factory) -> dict[str, object]:
    vereis_libreoffice()
    map_ = tmp_path_factory.mktemp("jaar_rond")
    leeg = map_ / "aanvraag_2018.xlsx"
    assert _run("template", "-o", str(leeg)).exit_code == 0
    formulieren = map_ / "formulieren"
    formulieren.mkdir()
    for naam, waarden in FORMULIEREN.items():
        _vul_in(leeg, formulieren / naam, waarden)
    check = _run("check", str(formulieren))
    verlening = _run("brieven", "verlening", str(formulieren), "-o", str(map_ / "verlening"), "--datum", "2018-04-15")
    build = _run("build", str(formulieren), "-o", str(map_ / "begroting.xlsx"), "-q")
    assert build.exit_code == 0, build.output
    _typ(map_ / "begroting.xlsx", map_ / "getypt.xlsx")
    werkmap = herberekenen.herbereken(map_ / "getypt.xlsx", map_ / "begroting_eind.xlsx")
    vaststellen = _run("vaststellen", str(werkmap), "--csv")
    brieven = _run("brieven", "vaststelling", str(werkmap), "--aanvragen", str(formulieren), "-o",
                   str(map_ / "brieven"), "--datum", "2019-03-01")
    return {"check": check, "vaststellen": vaststellen, "brieven": brieven, "map": map_ / "brieven",
            "verlening": verlening, "verleend": map_ / "verlening"}


def test_check_aanvaardt_de_formulieren(jaar):
    assert jaar["check"].exit_code == 0, jaar["check"].output
    assert "Geen fouten: 3 aanvragen gelezen, 0 waarschuwingen." in jaar["check"].output


@pytest.mark.parametrize("buurt", sorted(VERLEEND))
def test_verlening_uit_de_formulieren(jaar, buurt):
    assert jaar["verlening"].exit_code == 0, jaar["verlening"].output
    delen, totaal = onderdelen(brief(jaar["verleend"], buurt))
    verwacht, verwacht_totaal = VERLEEND[buurt]
    assert delen == dict(zip(DELEN, map(Decimal, verwacht), strict=True))
    assert totaal == Decimal(verwacht_totaal)


def test_vaststellen_leest_de_werkmap_zoals_libreoffice_hem_bewaarde(jaar):
    uit = jaar["vaststellen"]
    assert uit.exit_code == 0, uit.output
    rijen = {r["buurt"]: r for r in csv.DictReader(io.StringIO(uit.stdout))}
    for buurt, (delen, totaal, betaald, saldo, status) in VASTGESTELD.items():
        rij = rijen[buurt]
        assert [rij[k] for k in ("vastgesteld_basissubsidie", "vastgesteld_toeslag", "vastgesteld_supplement")] == [
            *delen], buurt
        assert (rij["vastgesteld_totaal"], rij["betaald"], rij["saldo"], rij["saldo_status"]) == (
            totaal, betaald, saldo, status), buurt


@pytest.mark.parametrize("buurt", sorted(VASTGESTELD))
def test_elke_brief_heeft_de_met_de_hand_berekende_bedragen(jaar, buurt):
    assert jaar["brieven"].exit_code == 0, jaar["brieven"].output
    document = brief(jaar["map"], buurt)
    delen, totaal = onderdelen(document)
    verwacht, verwacht_totaal, betaald, saldo, _ = VASTGESTELD[buurt]
    assert delen == dict(zip(DELEN, map(Decimal, verwacht), strict=True))
    assert totaal == Decimal(verwacht_totaal)
    [tabel] = [t for t in document.tables if t.rows[0].cells[0].text == "Vastgesteld"]
    assert {r.cells[0].text: euro(r.cells[1].text) for r in tabel.rows} == {
        "Vastgesteld": Decimal(verwacht_totaal), "Betaald": Decimal(betaald), "Saldo": Decimal(saldo)}
    inhoud = tekst(document)
    assert FORMULIEREN[next(n for n in FORMULIEREN if FORMULIEREN[n]["buurt"] == buurt)]["groepsnaam"] in inhoud
    assert "1 maart 2019" in inhoud and "(Awb art. 6:7)" in inhoud
