"""`buurtxl build`'s file handling: names, refusing to overwrite, the per-buurt files."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from buurtxl import cli, regeling
from buurtxl.cli import bouwen
from buurtxl.model import Aanvraag
from buurtxl.opslaan import OpslaanFout
from buurtxl.regeling import voorbeeld


def test_vrije_naam_is_de_naam_zelf_als_die_vrij_is(tmp_path):
    assert bouwen.vrije_naam(tmp_path / "b.xlsx") == tmp_path / "b.xlsx"


def test_vrije_naam_telt_door_tot_een_vrije(tmp_path):
    (tmp_path / "b.xlsx").touch()
    (tmp_path / "b_2.xlsx").touch()
    assert bouwen.vrije_naam(tmp_path / "b.xlsx") == tmp_path / "b_3.xlsx"


def test_bestandsnamen_uniek_ook_als_ze_na_opschonen_gelijk_zijn(tmp_path):
    namen = bouwen.bestandsnamen([Aanvraag("'t Hoeske", 10), Aanvraag("t Hoeske", 10)], tmp_path)
    assert [p.name for p in namen] == ["t_Hoeske.xlsx", "t_Hoeske_2.xlsx"]


def test_bestandsnaam_blijft_in_de_map(tmp_path):
    [pad] = bouwen.bestandsnamen([Aanvraag("../../etc/Sint Pieter", 10)], tmp_path)
    assert pad.parent == tmp_path and pad.name == "etc_Sint_Pieter.xlsx"


def test_bestandsnaam_met_buurtcode_voorop(tmp_path):
    [pad] = bouwen.bestandsnamen([Aanvraag("Céramique", 10, buurtcode="BU09350007")], tmp_path)
    assert pad.name == "BU09350007_Ceramique.xlsx"


def test_controle_weigert_voordat_er_iets_geschreven_is(tmp_path):
    (tmp_path / "b.xlsx").write_bytes(b"oud")
    with pytest.raises(OpslaanFout, match="bestaat al.*--force"):
        bouwen.controleer_doelen([tmp_path / "a.xlsx", tmp_path / "b.xlsx"], force=False, invoer=[])


def test_controle_weigert_invoerbestand_ook_met_force(tmp_path):
    (tmp_path / "in.xlsx").write_bytes(b"invoer")
    with pytest.raises(OpslaanFout, match="invoerbestand"):
        bouwen.controleer_doelen([tmp_path / "in.xlsx"], force=True, invoer=[tmp_path / "in.xlsx"])


def test_bestaand_bestand_per_buurt_houdt_ook_de_begroting_tegen(tmp_path):
    buurten = tmp_path / "buurten"
    buurten.mkdir()
    (buurten / "BU09350006_Wyck.xlsx").write_bytes(b"van gisteren")
    uit = CliRunner().invoke(
        cli.buurtxl,
        ["build", str(voorbeeld.pad()), "-o", str(tmp_path / "b.xlsx"), "--per-buurt", str(buurten)],
    )
    assert uit.exit_code == 2 and "BU09350006_Wyck.xlsx bestaat al" in uit.stderr
    assert not (tmp_path / "b.xlsx").exists()
    assert os.listdir(buurten) == ["BU09350006_Wyck.xlsx"]


def test_veel_buurten_over_meerdere_processen(tmp_path, monkeypatch):
    monkeypatch.setattr(bouwen.os, "cpu_count", lambda: 2)  # take the pool path on any machine
    monkeypatch.setattr(bouwen, "PARALLEL_VANAF", 2)
    aanvragen = [Aanvraag(f"Buurt {i}", 1000 + 200 * i) for i in range(3)]
    doelen = bouwen.bestandsnamen(aanvragen, tmp_path)
    stappen: list[int] = []
    bouwen.schrijf_per_buurt(
        aanvragen, regeling.laad("2018"), doelen, formules="native",
        herkomst=bouwen.herkomst("test", None), force=False, invoer=[], klaar=lambda: stappen.append(1),
    )
    assert len(stappen) == 3
    for pad, aanvraag in zip(doelen, aanvragen, strict=True):
        wb = load_workbook(pad)
        assert any(aanvraag.buurt in str(c.value) for ws in wb.worksheets for rij in ws.iter_rows() for c in rij)


def test_per_buurt_naar_een_bestand_schrijft_niets(tmp_path):
    (tmp_path / "buurten").write_bytes(b"een bestand")
    uit = CliRunner().invoke(
        cli.buurtxl,
        ["build", str(voorbeeld.pad()), "-o", str(tmp_path / "b.xlsx"), "--per-buurt", str(tmp_path / "buurten")],
    )
    assert uit.exit_code == 2 and "geef voor --per-buurt een map op" in uit.stderr
    assert not (tmp_path / "b.xlsx").exists()


def test_herkomst_bevat_de_hash_van_het_invoerbestand(tmp_path):
    import hashlib

    pad = tmp_path / "in.csv"
    pad.write_bytes(b"buurt,huishoudens\nWyck,3685\n")
    h = bouwen.herkomst("in.csv", pad)
    assert h.sha256 == hashlib.sha256(b"buurt,huishoudens\nWyck,3685\n").hexdigest()
    assert bouwen.herkomst("map", tmp_path).sha256 is None


def test_gestorven_werker_de_rest_wordt_hier_geschreven(tmp_path, monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    class Pool:
        """A pool whose worker writes one file, leaves half of the next behind and dies."""

        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def map(self, functie, taken, chunksize=1):
            taken = list(taken)
            yield functie(taken[0])
            taken[1].doel.write_bytes(b"half")
            raise BrokenProcessPool("werker gestorven")

    monkeypatch.setattr(bouwen.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(bouwen, "PARALLEL_VANAF", 2)
    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", Pool)  # bouwen imports it when it writes
    aanvragen = [Aanvraag(f"Buurt {i}", 1000 + 200 * i) for i in range(3)]
    doelen = bouwen.bestandsnamen(aanvragen, tmp_path)
    uit = bouwen.schrijf_per_buurt(
        aanvragen, regeling.laad("2018"), doelen, formules="native",
        herkomst=bouwen.herkomst("test", None), force=False, invoer=[],
    )
    assert uit == doelen
    for pad, aanvraag in zip(doelen, aanvragen, strict=True):  # the half file was replaced, not refused
        wb = load_workbook(pad)
        assert any(aanvraag.buurt in str(c.value) for ws in wb.worksheets for rij in ws.iter_rows() for c in rij)


@pytest.mark.parametrize("opdracht", ["build", "template"])
@pytest.mark.parametrize("naam", ["uit.csv", "uit", "uit.xlsm", "uit.xls"])
def test_uitvoer_moet_op_xlsx_eindigen(tmp_path, opdracht, naam):
    doel = tmp_path / naam
    resultaat = CliRunner().invoke(cli.buurtxl, [opdracht, "-o", str(doel)])
    assert resultaat.exit_code == 2, resultaat.output
    assert ".xlsx" in resultaat.output and "Traceback" not in resultaat.output
    assert list(tmp_path.iterdir()) == []


def test_toelichting_noemt_elk_formulier_met_sha256(tmp_path):
    import hashlib

    map_ = tmp_path / "formulieren"
    (map_ / "nagekomen").mkdir(parents=True)
    from buurtxl.invoer import formulier

    for pad, buurt in ((map_ / "a.xlsx", "Wyck"), (map_ / "nagekomen" / "b.xlsx", "Heer")):
        wb = formulier.maak(regeling.laad("2018"))
        ws = wb.active
        for rij in ws.iter_rows():
            if rij[0].value == "buurt":
                rij[2].value = buurt
            elif rij[0].value == "huishoudens":
                rij[2].value = 900
            elif rij[0].value == "toelichting":
                rij[2].value = f"Toelichting van {buurt}"
        wb.save(pad)
    uit = tmp_path / "begroting.xlsx"
    resultaat = CliRunner().invoke(cli.buurtxl, ["build", str(map_), "-o", str(uit)])
    assert resultaat.exit_code == 0, resultaat.output
    wb = load_workbook(uit)
    teksten = [c.value for rij in wb["Toelichting"].iter_rows() for c in rij if isinstance(c.value, str)]
    for naam in ("a.xlsx", "nagekomen/b.xlsx"):
        sha = hashlib.sha256((map_ / naam).read_bytes()).hexdigest()
        assert f"{naam}  SHA-256 {sha}" in teksten
    alle = [c.value for ws in wb.worksheets for rij in ws.iter_rows() for c in rij]
    assert "Toelichting van Wyck" in alle and "Toelichting van Heer" in alle
