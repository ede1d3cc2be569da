"""`buurtxl vaststellen`: the settlement cases through the command line, as CSV and as a table."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.worksheet.table import Table

from buurtxl import cli, herberekenen
from gedeeld import nl_decimaal as dec
from rekenmotor import vereis_libreoffice
from test_vaststelling import INVOER, gevallen

GELDIG = [g for g in gevallen() if g["regeling"] == "2018" and not g["verwacht_fout"]]


def _run(*args: str):
    return CliRunner().invoke(cli.buurtxl, list(args), prog_name="buurtxl")


def _invoer_csv(map_: Path, rijen: list[dict[str, str]]) -> Path:
    """The cases as a Dutch Excel would save them: semicolons, decimal commas, Windows-1252."""
    pad = map_ / "eind_2018.csv"
    buf = io.StringIO(newline="")
    schrijver = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(["buurt", *INVOER])
    for i, g in enumerate(rijen):
        schrijver.writerow([f"buurt {i}", *(g[k] for k in INVOER)])
    pad.write_bytes(buf.getvalue().encode("cp1252"))
    return pad


def _uit_csv(tekst: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(tekst)))


def test_csv_geeft_de_handmatig_uitgerekende_bedragen(tmp_path: Path) -> None:
    uit = _run("vaststellen", str(_invoer_csv(tmp_path, GELDIG)), "--csv", "--quiet")
    assert uit.exit_code == 0, uit.output
    rijen = _uit_csv(uit.stdout)
    assert len(rijen) == len(GELDIG)
    for rij, g in zip(rijen, GELDIG, strict=True):
        for kolom in ("basissubsidie", "toeslag", "supplement", "totaal"):  # empty: open (ontbreekt)
            assert dec(rij[f"vastgesteld_{kolom}"]) == dec(g[f"verwacht_{kolom}"]), (g["geval"], kolom)
        assert dec(rij["saldo"]) == dec(g["verwacht_saldo"]), g["geval"]
        assert rij["saldo_status"] == g["verwacht_saldo_status"]
        assert rij["ontbreekt"] == g["verwacht_ontbreekt"]
        assert rij["reden_saldo"].startswith("Vastgesteld €" if not g["verwacht_ontbreekt"] else "Nog niet vastgesteld")


def test_csv_heeft_de_contractkolommen_en_redenen(tmp_path: Path) -> None:
    uit = _run("vaststellen", str(_invoer_csv(tmp_path, GELDIG[:1])), "--csv", "--quiet")
    kop = uit.stdout.splitlines()[0].split(",")
    for kolom in ("vastgesteld_basissubsidie", "vastgesteld_toeslag", "vastgesteld_supplement",
                  "vastgesteld_totaal", "betaald", "saldo", "saldo_status", "reden_toeslag", "reden_saldo"):
        assert kolom in kop


def test_tabel_en_totalen_in_de_terminal(tmp_path: Path) -> None:
    # The three worked cases of the issue: 500 to pay (A), 850 + 3650 = 4500 to reclaim (B, C).
    uit = _run("vaststellen", str(_invoer_csv(tmp_path, GELDIG[:3])))
    assert uit.exit_code == 0, uit.output
    assert "Nog te betalen:" in uit.stdout and "€ 500,00" in uit.stdout.split("Nog te betalen:")[1].splitlines()[0]
    assert "€ 4.500,00" in uit.stdout.split("Terug te vorderen:")[1].splitlines()[0]
    assert "€ 16.700,00" in uit.stdout.split("Vastgesteld totaal:")[1].splitlines()[0]


def test_excel_invoer_als_tabel_onder_een_titel(tmp_path: Path) -> None:
    """A clerk's sheet: a title above, an Excel Table, labels as people write them."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Eindverantwoording"
    ws.append(["Eindverantwoording buurtnetwerken 2018"])
    ws.append([])
    ws.append(["Buurt", "Huishoudens", "Buurtscore", "Basissubsidie", "Besteed", "Toeslag besteed",
               "Supplement aangevraagd", "Supplement besteed", "Betaald", "Toeslag aangevraagd"])
    ws.append(["A", 1550, 70, 5000, 5200, 500, None, None, 5000, 750])
    ws.append(["B", 1400, 40, 5850, 5000, 300, 2000, 2500, "=3850+4000", None])
    for rij in (4, 5):
        for kolom in "DEFGHIJ":
            ws[f"{kolom}{rij}"].number_format = '"€" #,##0.00'
    ws.add_table(Table(displayName="Eind", ref="A3:J5"))
    pad = tmp_path / "eind.xlsx"
    wb.save(pad)
    vereis_libreoffice()  # LibreOffice stores the formula's value, as Excel does on saving
    herberekend = herberekenen.herbereken(pad, tmp_path / "eind_opgeslagen.xlsx")
    uit = _run("vaststellen", str(herberekend), "--csv", "--quiet")
    assert uit.exit_code == 0, uit.output
    rijen = _uit_csv(uit.stdout)
    assert [(r["buurt"], r["saldo"], r["saldo_status"]) for r in rijen] == [
        ("A", "500.00", "nabetalen"), ("B", "-850.00", "terugvorderen")
    ]


def test_elke_foute_rij_wordt_genoemd_met_buurt_en_niets_geschreven(tmp_path: Path) -> None:
    """An error stops the run; empty amounts are ontbreekt (warnings). Every message names the
    buurt and the row."""
    pad = tmp_path / "eind.csv"
    pad.write_text(
        "buurt;huishoudens;besteed;betaald\nX;800;5850;\nY;800;-1;5\nZ;800;;5850\nW;800;5850;5850\n",
        encoding="utf-8",
    )
    doel = tmp_path / "vaststelling.xlsx"
    uit = _run("vaststellen", str(pad), "-o", str(doel))
    assert uit.exit_code == 1
    fout = [r for r in uit.stderr.splitlines() if r.startswith("Fout: eind.csv")]
    assert len(fout) == 1 and "eind.csv, rij 3, kolom 'besteed'" in fout[0] and "negatief" in fout[0]
    assert "(buurt Y)" in fout[0]
    assert "1 fout in de invoer" in uit.stderr
    assert not doel.exists()
    assert "Traceback" not in uit.output


def test_lege_bedragen_zijn_ontbreekt_met_buurt_en_rij(tmp_path: Path) -> None:
    pad = tmp_path / "eind.csv"
    pad.write_text("buurt;huishoudens;besteed;betaald\nX;800;5850;\nZ;800;;5850\nW;800;5850;5850\n",
                   encoding="utf-8")
    uit = _run("vaststellen", str(pad))
    assert uit.exit_code == 0, uit.output
    assert ("Waarschuwing: eind.csv, rij 2, kolom 'betaald': betaald is leeg: ontbreekt, niet € 0,00; het saldo "
            "wordt nog niet vastgesteld (buurt X)") in uit.stderr
    assert ("Waarschuwing: eind.csv, rij 3, kolom 'besteed': besteed is leeg: ontbreekt, niet € 0,00; dit "
            "onderdeel wordt nog niet vastgesteld (buurt Z)") in uit.stderr
    assert "rij 4" not in uit.stderr
    # The totals count what is settled (X and W; Z's basissubsidie is open) and say what is still
    # open: X's saldo (betaald) and Z's basissubsidie of € 5.850,00.
    assert "€ 11.700,00" in uit.stdout.split("Vastgesteld basissubsidie:")[1].splitlines()[0]
    assert "€ 11.700,00" in uit.stdout.split("Vastgesteld totaal:")[1].splitlines()[0]
    assert "€ 11.700,00" in uit.stdout.split("Betaald:")[1].splitlines()[0]
    assert "Nog niet vastgesteld: 2 buurtnetwerken i.o." in uit.stdout
    assert "€ 5.850,00" in uit.stdout.split("Verleend, nog open:")[1].splitlines()[0]


def test_zonder_kolom_betaald_wordt_elke_rij_genoemd(tmp_path: Path) -> None:
    pad = tmp_path / "plan.csv"
    pad.write_text("buurt,huishoudens,besteed\nX,800,5850\nY,900,5850\n", encoding="utf-8")
    uit = _run("vaststellen", str(pad))
    assert uit.exit_code == 0
    assert "rij 2, kolom 'betaald'" in uit.stderr and "rij 3, kolom 'betaald'" in uit.stderr
    assert "(buurt X)" in uit.stderr and "(buurt Y)" in uit.stderr


def test_hulp_is_nederlands_met_voorbeeld() -> None:
    uit = _run("vaststellen", "--help")
    assert uit.exit_code == 0
    assert uit.stdout.startswith("Gebruik: buurtxl vaststellen [OPTIES] INVOER")
    assert "buurtxl vaststellen eind_2018.csv --csv" in uit.stdout


def test_invoer_is_verplicht() -> None:
    assert _run("vaststellen").exit_code == 2


@pytest.mark.parametrize("waarde", ["5850,001", "abc"])
def test_foute_bedragen_geven_code_1(tmp_path: Path, waarde: str) -> None:
    pad = tmp_path / "eind.csv"
    pad.write_text(f"buurt;huishoudens;besteed;betaald\nX;800;5850;{waarde}\n", encoding="utf-8")
    uit = _run("vaststellen", str(pad), "--csv")
    assert uit.exit_code == 1 and "kolom 'betaald'" in uit.stderr
    assert uit.stdout == ""


def test_uitvoer_werkmap_met_vaststelling_veilig_geschreven(tmp_path: Path) -> None:
    bron = _invoer_csv(tmp_path, GELDIG[:3])
    doel = tmp_path / "vaststelling.xlsx"
    uit = _run("vaststellen", str(bron), "-o", str(doel), "--quiet")
    assert uit.exit_code == 0, uit.output
    wb = openpyxl.load_workbook(doel)
    assert {"Begroting", "Vaststelling", "Regeling"} <= set(wb.sheetnames)
    # A second time without --force: refused, the file is left as it was.
    voor = doel.read_bytes()
    uit = _run("vaststellen", str(bron), "-o", str(doel))
    assert uit.exit_code == 2 and "--force" in uit.stderr
    assert doel.read_bytes() == voor
    # Never over the input.
    assert _run("vaststellen", str(bron), "-o", str(bron), "--force").exit_code == 2


def test_update_voegt_de_vaststelling_toe_aan_een_eigen_werkmap(tmp_path: Path) -> None:
    """`buurtxl update` writes what `vul_werkmap` writes: with settlement columns on the user's
    'Aanvragen' sheet, the Vaststelling sheet comes along, and LibreOffice computes the issue's cases."""
    vereis_libreoffice()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Aanvragen"
    ws.append(["buurt", *INVOER])
    for naam, g in zip("ABC", GELDIG[:3], strict=True):
        ws.append([naam, *(float(dec(g[k])) if g[k] else None for k in INVOER)])
    wb.create_sheet("Notities")["A1"] = "eigen blad"
    pad = tmp_path / "afdeling.xlsx"
    wb.save(pad)
    uit = _run("update", str(pad), "--quiet")
    assert uit.exit_code == 0, uit.output
    herberekend = herberekenen.herbereken(pad, tmp_path / "afdeling_herberekend.xlsx")
    wb = openpyxl.load_workbook(herberekend, data_only=True)
    assert wb["Notities"]["A1"].value == "eigen blad"
    from buurtxl.werkmap import vaststellingblad as vb

    saldi = [wb["Vaststelling"][f"{vb.LETTER['saldo']}{vb.EERSTE_RIJ + i}"].value for i in range(3)]
    assert saldi == [500, -850, -3650]


def test_werkmappen_per_buurt_met_vaststelling_en_excel_strikt(tmp_path: Path) -> None:
    """Each buurt's own workbook (to send to its buurtnetwerk) has the Vaststelling sheet and the
    block; the packages break none of Excel's rules (EXCEL-STRICT.md), nor does the consolidated one
    with the Ondersteuning sheet."""
    import excel_strikt

    bron = _invoer_csv(tmp_path, GELDIG[:3])
    steun = tmp_path / "steun.csv"
    steun.write_text("datum;omschrijving;bedrag\n01-03-2018;Training;1250\n", encoding="utf-8")
    doel, map_ = tmp_path / "begroting.xlsx", tmp_path / "buurten"
    uit = _run("build", str(bron), "-o", str(doel), "--per-buurt", str(map_), "--ondersteuning", str(steun), "-q")
    assert uit.exit_code == 0, uit.output
    per_buurt = sorted(map_.glob("*.xlsx"))
    assert len(per_buurt) == 3
    for pad in [doel, *per_buurt]:
        assert excel_strikt.overtredingen(pad) == [], pad.name
    wb = openpyxl.load_workbook(per_buurt[0])
    assert "Vaststelling" in wb.sheetnames
    assert {"Ondersteuning", "Vaststelling"} <= set(openpyxl.load_workbook(doel).sheetnames)


@pytest.mark.parametrize("als_map", [True, False], ids=["map", "formulier"])
def test_vaststellen_op_formulieren_zegt_dat_die_geen_vaststelling_bevatten(tmp_path: Path, als_map: bool) -> None:
    """A form holds an application, not what was spent and paid: the command says so (exit 1)
    instead of "rij 1, kolom 'betaald' leeg" about a form that has no such row, and writes nothing."""
    import corpus

    map_ = tmp_path / "formulieren"
    map_.mkdir()
    pad = map_ / "aanvraag_wyck.xlsx"
    pad.write_bytes(corpus.formulier_bytes({"buurt": "Wyck", "huishoudens": 3685, "buurtscore": 40}))
    uit = tmp_path / "vaststelling.xlsx"
    r = _run("vaststellen", str(map_ if als_map else pad), "-o", str(uit))
    assert r.exit_code == 1, r.output
    assert "geen vaststellingsgegevens" in r.output and "CSV- of Excel-lijst" in r.output
    assert ("formulieren" if als_map else "aanvraag_wyck.xlsx") in r.output
    assert "rij 1" not in r.output and "betaald' " not in r.output
    assert not uit.exists() and "Traceback" not in r.output
