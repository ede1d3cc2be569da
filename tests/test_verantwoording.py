"""`buurtxl template --vaststelling` and `buurtxl vaststellen MAP/`: the verantwoordingsformulier.

A folder as it comes back after the year: each group's application form and its account. By hand:

- Wyck: 1.495 huishoudens, toeslag applied for € 877,50 (= 15% × € 5.850). Spent 2.600 + 2.300 + 500
  + 1.000 = € 6.400 on the components (≥ € 5.850), toeslag € 900 → toeslag € 877,50; vastgesteld
  € 6.727,50.
- Mariaberg: buurtscore 40, supplement applied for € 2.000. Spent 2.000 + 1.300 + 500 + 500 = € 4.300,
  supplement € 1.800 → vastgesteld 4.300 + 1.800 = € 6.100.
- Heer: no account yet → besteed ontbreekt: nothing of it is settled.
Betaald is on no form: every saldo stays open until it is typed in the workbook (-o). Typed there
(Wyck € 5.850, Mariaberg € 7.850): nabetalen € 877,50, terugvorderen € 1.750.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
from click.testing import CliRunner

import corpus
from buurtxl import cli, regeling
from buurtxl.invoer import formulier, verantwoording
from buurtxl.werkmap import begroting, vaststellingblad as vb

VERANTWOORDING = {
    "Wyck": {"buurt": "Wyck", "organisatiekosten_besteed": 2600, "communicatiekosten_besteed": 2300,
             "activiteiten_besteed": 500, "plan_van_aanpak_besteed": 1000, "toeslag_besteed": 900,
             "verantwoording": "Buurtkrant vier keer verspreid, twee bewonersavonden."},
    "Mariaberg": {"buurt": "Mariaberg", "organisatiekosten_besteed": 2000, "communicatiekosten_besteed": 1300,
                  "activiteiten_besteed": 500, "plan_van_aanpak_besteed": 500, "supplement_besteed": 1800},
}


def _run(*args: str):
    return CliRunner().invoke(cli.buurtxl, list(args), prog_name="buurtxl")


def _ingevuld(pad: Path, waarden: dict[str, object]) -> Path:
    wb = openpyxl.load_workbook(pad)
    ws = wb[verantwoording.BLAD]
    rijen = {ws.cell(r, formulier.KOLOM_SLEUTEL).value: r for r in range(1, ws.max_row + 1)}
    for sleutel, waarde in waarden.items():
        ws.cell(rijen[sleutel], formulier.KOLOM_INVOER, waarde)
    wb.save(pad)
    return pad


def _map(tmp_path: Path) -> Path:
    map_ = tmp_path / "terug"
    map_.mkdir()
    for naam, waarden in {
        "wyck": {"buurt": "Wyck", "huishoudens": 1495, "buurtscore": 70, "toeslag_aangevraagd": 877.5},
        "mariaberg": {"buurt": "Mariaberg", "huishoudens": 900, "buurtscore": 40, "supplement_aangevraagd": 2000},
        "heer": {"buurt": "Heer", "huishoudens": 1000, "buurtscore": 60},
    }.items():
        (map_ / f"aanvraag_{naam}.xlsx").write_bytes(corpus.formulier_bytes(waarden))
    for buurt, waarden in VERANTWOORDING.items():
        doel = map_ / f"verantwoording_{buurt.lower()}.xlsx"
        uit = _run("template", "--vaststelling", "-o", str(doel))
        assert uit.exit_code == 0 and "Verantwoordingsformulier geschreven" in uit.output, uit.output
        _ingevuld(doel, waarden)
    return map_


def test_formulier_heeft_de_velden_in_het_nederlands(tmp_path: Path) -> None:
    wb = verantwoording.maak(regeling.laad("2018"))
    ws = wb[verantwoording.BLAD]
    assert ws["A1"].value == verantwoording.MARKER and ws.protection.sheet
    labels = [ws.cell(r, formulier.KOLOM_LABEL).value for r in range(formulier.EERSTE_VELD, ws.max_row + 1)]
    for label in ("Besteed aan organisatiekosten", "Besteed van de toeslag communicatiekosten",
                  "Besteed van het supplement kwetsbare buurten", "Korte verantwoording", "Buurt *"):
        assert label in labels
    assert not any("Betaald" in str(label) for label in labels)  # the municipality's, not the group's
    assert len(ws.data_validations.dataValidation) == len(verantwoording.VELDEN)


def test_vaststellen_map_met_verantwoordingen(tmp_path: Path) -> None:
    map_ = _map(tmp_path)
    uit = _run("vaststellen", str(map_), "--csv")
    assert uit.exit_code == 0, uit.output
    rijen = {r["buurt"]: r for r in csv.DictReader(io.StringIO(uit.stdout))}
    assert (rijen["Wyck"]["besteed"], rijen["Wyck"]["vastgesteld_toeslag"], rijen["Wyck"]["vastgesteld_totaal"]) == (
        "6400.00", "877.50", "6727.50")
    assert (rijen["Mariaberg"]["vastgesteld_basissubsidie"], rijen["Mariaberg"]["vastgesteld_supplement"],
            rijen["Mariaberg"]["vastgesteld_totaal"]) == ("4300.00", "1800.00", "6100.00")
    assert (rijen["Heer"]["vastgesteld_basissubsidie"], rijen["Heer"]["ontbreekt"]) == ("", "besteed, betaald")
    assert all(r["saldo_status"] == "ontbreekt" for r in rijen.values())
    # Betaald is said once, not per buurt; the missing account names the buurt and its form's row.
    assert uit.stderr.count("betaald staat niet op de formulieren") == 1
    assert "kolom 'betaald'" not in uit.stderr
    assert ("Waarschuwing: aanvraag_heer.xlsx, blad 'Aanvraag': geen verantwoordingsformulier voor buurt Heer "
            "in de map: wat besteed is ontbreekt nog") in uit.stderr
    assert ("Waarschuwing: aanvraag_heer.xlsx, blad 'Aanvraag', kolom 'besteed': besteed is leeg: "
            "ontbreekt, niet € 0,00; dit onderdeel wordt nog niet vastgesteld (buurt Heer)") in uit.stderr


def test_via_de_werkmap_tot_het_saldo(tmp_path: Path) -> None:
    map_ = _map(tmp_path)
    werkmap = tmp_path / "vaststelling.xlsx"
    assert _run("vaststellen", str(map_), "-o", str(werkmap), "-q").exit_code == 0
    wb = openpyxl.load_workbook(werkmap)
    ws = wb["Vaststelling"]
    volgorde = [str(wb["Begroting"][f"A{begroting.EERSTE_RIJ + i}"].value).split("'")[1] for i in range(3)]
    assert sorted(volgorde) == ["Heer", "Mariaberg", "Wyck"]
    for buurt, betaald in (("Wyck", 5850), ("Mariaberg", 7850)):
        ws[f"{vb.LETTER['betaald']}{vb.EERSTE_RIJ + volgorde.index(buurt)}"] = betaald
    wb.save(werkmap)
    uit = _run("vaststellen", str(werkmap), "--csv", "-q")
    assert uit.exit_code == 0, uit.output
    rijen = {r["buurt"]: r for r in csv.DictReader(io.StringIO(uit.stdout))}
    assert (rijen["Wyck"]["saldo"], rijen["Wyck"]["saldo_status"]) == ("877.50", "nabetalen")
    assert (rijen["Mariaberg"]["saldo"], rijen["Mariaberg"]["saldo_status"]) == ("-1750.00", "terugvorderen")
    assert rijen["Heer"]["saldo_status"] == "ontbreekt"


def test_verantwoording_zonder_aanvraag_en_fout_bedrag(tmp_path: Path) -> None:
    map_ = _map(tmp_path)
    doel = map_ / "verantwoording_caberg.xlsx"
    _run("template", "--vaststelling", "-o", str(doel))
    _ingevuld(doel, {"buurt": "Caberg", "toeslag_besteed": 100})
    fout = map_ / "verantwoording_heer.xlsx"
    _run("template", "--vaststelling", "-o", str(fout))
    _ingevuld(fout, {"buurt": "Heer", "activiteiten_besteed": -20})
    uit = _run("vaststellen", str(map_))
    assert uit.exit_code == 1
    assert "verantwoording_caberg.xlsx, blad 'Verantwoording', rij 6, kolom 'buurt': geen aanvraagformulier " \
           "voor buurt Caberg in de map" in uit.stderr
    assert "verantwoording_heer.xlsx, blad 'Verantwoording', rij 10, kolom 'activiteiten_besteed'" in uit.stderr
    assert "Traceback" not in uit.output
