"""End to end through the installed `buurtxl` console script, in a subprocess.

Few on purpose (each costs a Python start-up); the detailed behaviour is in test_cli.py.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from buurtxl import regeling, regels
from buurtxl.model import Aanvraag
from buurtxl.regeling import voorbeeld
from buurtxl.regels import tabel


def _buurtxl(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    programma = shutil.which("buurtxl")
    if programma is None:
        pytest.fail("het commando 'buurtxl' staat niet op PATH: installeer met 'python -m pip install -e .'")
    return subprocess.run(
        [programma, *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def _geen_traceback(uit: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in uit.stderr and "Traceback" not in uit.stdout


def _werkmap(pad: Path):
    return load_workbook(pad)  # raises when the file is not a valid workbook


# build ----------------------------------------------------------------------------------------

def test_build_zonder_invoer_twee_keer_geeft_twee_werkmappen(tmp_path):
    eerste = _buurtxl("build", cwd=tmp_path)
    tweede = _buurtxl("build", cwd=tmp_path)
    assert (eerste.returncode, tweede.returncode) == (0, 0), eerste.stderr + tweede.stderr
    assert "begroting_2018_voorbeeld.xlsx" in eerste.stdout
    assert "begroting_2018_voorbeeld_2.xlsx" in tweede.stdout
    for naam in ("begroting_2018_voorbeeld.xlsx", "begroting_2018_voorbeeld_2.xlsx"):
        wb = _werkmap(tmp_path / naam)
        assert {"Toelichting", "Begroting", "Regeling"} <= set(wb.sheetnames)


@pytest.fixture(scope="module")
def formulieren(tmp_path_factory) -> Path:
    """Three forms made by `buurtxl template` and filled in here with openpyxl."""
    map_ = tmp_path_factory.mktemp("e2e")
    uit = _buurtxl("template", "-o", "leeg.xlsx", cwd=map_)
    assert uit.returncode == 0, uit.stderr
    (map_ / "formulieren").mkdir()
    for naam, waarden in {
        "wyck": {"buurt": "Wyck", "buurtcode": "BU09350006", "huishoudens": 3685, "besteed": 5850},
        "mariaberg": {"buurt": "Mariaberg", "huishoudens": 3045, "buurtscore": 48.5, "supplement_aangevraagd": 2500},
        "heer": {"buurt": "Heer", "huishoudens": 2120, "activiteiten": 300},
    }.items():
        wb = load_workbook(map_ / "leeg.xlsx")
        ws = wb.active
        for rij in range(1, ws.max_row + 1):
            if ws.cell(rij, 1).value in waarden:
                ws.cell(rij, 3).value = waarden[ws.cell(rij, 1).value]
        wb.save(map_ / "formulieren" / f"{naam}.xlsx")
    return map_


def test_build_map_met_formulieren_en_werkmap_per_buurt(formulieren):
    uit = _buurtxl("build", "formulieren", "-o", "begroting.xlsx", "--per-buurt", "buurten", cwd=formulieren)
    assert uit.returncode == 0, uit.stderr
    _werkmap(formulieren / "begroting.xlsx")
    per_buurt = sorted(p.name for p in (formulieren / "buurten").iterdir())
    assert per_buurt == ["BU09350006_Wyck.xlsx", "Heer.xlsx", "Mariaberg.xlsx"]
    for naam in per_buurt:
        _werkmap(formulieren / "buurten" / naam)


def test_build_kapot_formulier_schrijft_niets(formulieren, tmp_path):
    map_ = tmp_path / "formulieren"
    shutil.copytree(formulieren / "formulieren", map_)
    wb = load_workbook(map_ / "heer.xlsx")
    ws = wb.active
    rij = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "huishoudens")
    ws.cell(rij, 3).value = "veel"
    wb.save(map_ / "heer.xlsx")
    (map_ / "notities.xlsx").write_bytes(b"geen werkmap")

    uit = _buurtxl("build", str(map_), "-o", "begroting.xlsx", "--per-buurt", "buurten", cwd=tmp_path)
    assert uit.returncode == 1
    _geen_traceback(uit)
    assert f"heer.xlsx, blad 'Aanvraag', rij {rij}, kolom 'huishoudens'" in uit.stderr
    assert "'veel'" in uit.stderr
    assert "notities.xlsx" in uit.stderr  # reported too: one broken form does not hide another
    assert not (tmp_path / "begroting.xlsx").exists() and not (tmp_path / "buurten").exists()


# CSV from Dutch Excel, and the core ----------------------------------------------------------

# Amounts in Dutch notation, as Excel-NL saves them (Windows-1252, ';').
CSV_NL = (
    "buurt;buurtcode;huishoudens;buurtscore;organisatiekosten;besteed;supplement_aangevraagd\n"
    "Céramique;BU09350007;1450;56,5;2.100,00;5350;3.500,00\n"
    "Sint Pieter;;1300;57;;;\n"
    "Heugem;;1301;;;5849,99;\n"
)
AANVRAGEN = [  # the same rows, typed in by hand
    Aanvraag(buurt="Céramique", buurtcode="BU09350007", huishoudens=1450, buurtscore=Decimal("56.5"),
             organisatiekosten=Decimal("2100"), besteed=Decimal("5350"), supplement_aangevraagd=Decimal("3500")),
    Aanvraag(buurt="Sint Pieter", huishoudens=1300, buurtscore=Decimal("57")),
    Aanvraag(buurt="Heugem", huishoudens=1301, besteed=Decimal("5849.99")),
]


@pytest.fixture(scope="module")
def bereken_csv(tmp_path_factory) -> tuple[subprocess.CompletedProcess, list[dict[str, str]]]:
    map_ = tmp_path_factory.mktemp("csv")
    (map_ / "aanvragen.csv").write_bytes(CSV_NL.encode("cp1252"))
    uit = _buurtxl("bereken", "aanvragen.csv", "--csv", cwd=map_)
    return uit, list(csv.DictReader(io.StringIO(uit.stdout)))


def test_bereken_csv_heeft_het_uitvoercontract(bereken_csv):
    uit, rijen = bereken_csv
    assert uit.returncode == 0, uit.stderr
    assert list(rijen[0]) == tabel.UITVOER_KOLOMMEN + tabel.REDEN_KOLOMMEN


def test_bereken_csv_gelijk_aan_de_regels_tot_op_de_cent(bereken_csv):
    _, rijen = bereken_csv
    r = regeling.laad("2018")
    assert len(rijen) == len(AANVRAGEN)
    for rij, aanvraag in zip(rijen, AANVRAGEN, strict=True):
        verwacht = regels.bereken(r, aanvraag)
        assert rij["buurt"] == verwacht.buurt
        for kolom in ("basissubsidie", "toeslag_percentage", "toeslag_communicatie", "supplement_kwetsbaar", "totaal"):
            assert Decimal(rij[kolom]) == getattr(verwacht, kolom), (aanvraag.buurt, kolom)
        for kolom in ("toeslag_status", "supplement_status", *tabel.REDEN_KOLOMMEN):
            assert rij[kolom] == str(getattr(verwacht, kolom)), (aanvraag.buurt, kolom)


def test_bereken_csv_bedragen_als_kale_getallen(bereken_csv):
    _, rijen = bereken_csv
    assert rijen[0]["basissubsidie"] == "5350.00"  # 2100 + the standard 2000 + 500 + 750
    assert all("€" not in rij["totaal"] and "," not in rij["totaal"] for rij in rijen)


def test_bereken_csv_afgetopt_supplement_is_een_waarschuwing(bereken_csv):
    uit, _ = bereken_csv
    assert "Waarschuwing: aanvragen.csv, rij 2, kolom 'supplement_aangevraagd'" in uit.stderr


# Bad input and protected outputs ------------------------------------------------------------

def test_slechte_invoer_code_1_met_rij_en_kolom_en_geen_uitvoer(tmp_path):
    (tmp_path / "aanvragen.csv").write_text("buurt,huishoudens\nWyck,3685\nHeer,twaalf\n", encoding="utf-8")
    uit = _buurtxl("build", "aanvragen.csv", "-o", "uit.xlsx", cwd=tmp_path)
    assert uit.returncode == 1
    _geen_traceback(uit)
    assert "Fout: aanvragen.csv, rij 3, kolom 'huishoudens': huishoudens: 'twaalf' is geen getal" in uit.stderr
    assert not (tmp_path / "uit.xlsx").exists()


def test_bestaande_uitvoer_alleen_met_force(tmp_path):
    doel = tmp_path / "uit.xlsx"
    doel.write_bytes(b"werk van vanochtend")
    zonder = _buurtxl("build", str(voorbeeld.pad()), "-o", "uit.xlsx", cwd=tmp_path)
    assert zonder.returncode == 2 and "--force" in zonder.stderr
    assert doel.read_bytes() == b"werk van vanochtend"
    met = _buurtxl("build", str(voorbeeld.pad()), "-o", "uit.xlsx", "--force", cwd=tmp_path)
    assert met.returncode == 0, met.stderr
    _werkmap(doel)


def test_uitvoer_nooit_op_het_invoerbestand(tmp_path):
    invoer = tmp_path / "aanvragen.xlsx"
    wb = Workbook()
    wb.active.append(["buurt", "huishoudens"])
    wb.active.append(["Wyck", 3685])
    wb.save(invoer)
    voor = invoer.read_bytes()
    uit = _buurtxl("build", "aanvragen.xlsx", "-o", "aanvragen.xlsx", "--force", cwd=tmp_path)
    assert uit.returncode == 2 and "invoerbestand" in uit.stderr
    _geen_traceback(uit)
    assert invoer.read_bytes() == voor


# impact ---------------------------------------------------------------------------------------

def test_impact_totaal_is_de_som_van_de_rijen(tmp_path):
    uit = _buurtxl("impact", str(voorbeeld.pad()), "--csv", cwd=tmp_path)
    assert uit.returncode == 0, uit.stderr
    rijen = list(csv.DictReader(io.StringIO(uit.stdout)))
    som = sum(Decimal(r["verschil"]) for r in rijen)
    for r in rijen:
        assert Decimal(r["verschil"]) == Decimal(r["totaal_2018"]) - Decimal(r["totaal_2017-2018"])
    [regel] = [r for r in uit.stderr.splitlines() if r.startswith("Kosten van de bijstelling")]
    totaal = Decimal(regel.split("€", 1)[1].strip().replace(".", "").replace(",", "."))
    assert len(rijen) == 30 and totaal == som
    assert "€ 40.000,00" in uit.stderr and "€ 60.000,00" in uit.stderr  # §8
