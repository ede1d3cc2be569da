"""The Vaststelling sheet, recalculated by LibreOffice, equals the settlement rules to the cent.

The rows are the 2018 cases of gevallen/vaststelling.csv (amounts worked out by hand), with buurt
sheets and inline (more buurten than `MAX_BUURTBLADEN`), and under a regeling whose settlement
choices are switched off.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from buurtxl import herberekenen, invoer, regeling, werkmap
from buurtxl.regels import vaststelling
from buurtxl.werkmap import vaststellingblad as vb
from celopmaak import op_slot
from gedeeld import cent, nl_decimaal as dec
from rekenmotor import vereis_libreoffice
from test_vaststelling import INVOER, gevallen

GELDIG = [g for g in gevallen() if g["regeling"] == "2018" and not g["verwacht_fout"]]
UITKOMSTEN = ("vastgesteld_basissubsidie", "vastgesteld_toeslag", "vastgesteld_supplement",
              "vastgesteld_totaal", "saldo")


def _aanvragen(r: regeling.Regeling) -> list:
    rijen = [(i, {"buurt": f"buurt {i}", **{k: g[k] for k in INVOER}}) for i, g in enumerate(GELDIG, start=2)]
    gelezen = invoer.valideer(rijen, r, bestand="vaststelling.csv")
    assert gelezen.ok, [str(p) for p in gelezen.fouten]
    return gelezen.aanvragen


@pytest.fixture(scope="module")
def herberekend(tmp_path_factory: pytest.TempPathFactory) -> dict[str, openpyxl.Workbook]:
    """Three workbooks recalculated in one LibreOffice run: with buurt sheets, inline, choices off."""
    vereis_libreoffice()
    map_ = tmp_path_factory.mktemp("vaststelling")
    r = regeling.laad("2018")
    anders = r.met_waarden({"vaststelling.lager_naar_besteed": False, "vaststelling.terugvorderen": False})
    paden = []
    for naam, regels_, max_bladen in (("bladen", r, 250), ("inline", r, 0), ("anders", anders, 250)):
        oud = werkmap.MAX_BUURTBLADEN
        werkmap.MAX_BUURTBLADEN = max_bladen
        try:
            wb = werkmap.maak_begroting(_aanvragen(regels_), regels_)
        finally:
            werkmap.MAX_BUURTBLADEN = oud
        pad = map_ / f"{naam}.xlsx"
        wb.save(pad)
        paden.append(pad)
    uit = herberekenen.converteer(paden, map_ / "uit", "xlsx")
    return {p.stem: openpyxl.load_workbook(p, data_only=True) for p in uit}


def _rij(ws, i: int) -> dict[str, object]:
    rij = vb.EERSTE_RIJ + i
    return {key: ws[f"{vb.LETTER[key]}{rij}"].value for key, *_ in vb.KOLOMMEN}


def _cent(waarde: object):
    """An amount cell, or None where the sheet leaves it empty (a part still open: ontbreekt)."""
    return None if waarde in (None, "") else cent(waarde)


@pytest.mark.parametrize("soort", ["bladen", "inline"])
def test_libreoffice_rekent_de_handmatige_bedragen(herberekend, soort: str) -> None:
    ws = herberekend[soort]["Vaststelling"]
    for i, g in enumerate(GELDIG):
        rij = _rij(ws, i)
        for kolom in ("basissubsidie", "toeslag", "supplement", "totaal"):  # empty: ontbreekt
            assert _cent(rij[f"vastgesteld_{kolom}"]) == dec(g[f"verwacht_{kolom}"]), (g["geval"], kolom)
        assert _cent(rij["saldo"]) == dec(g["verwacht_saldo"]), g["geval"]
        assert rij["saldo_status"] == g["verwacht_saldo_status"], g["geval"]
        assert (rij["ontbreekt"] or "") == g["verwacht_ontbreekt"], g["geval"]


def test_libreoffice_volgt_de_keuzes_van_de_regeling(herberekend) -> None:
    r = regeling.laad("2018").met_waarden(
        {"vaststelling.lager_naar_besteed": False, "vaststelling.terugvorderen": False}
    )
    ws = herberekend["anders"]["Vaststelling"]
    statussen = set()
    for i, aanvraag in enumerate(_aanvragen(r)):
        verwacht = vaststelling.vaststellen(r, aanvraag)
        rij = _rij(ws, i)
        for key in UITKOMSTEN:
            assert _cent(rij[key]) == getattr(verwacht, key), (aanvraag.buurt, key)
        assert rij["saldo_status"] == verwacht.saldo_status
        assert cent(rij["open_verleend"]) == verwacht.open_verleend, aanvraag.buurt
        assert cent(rij["toeslag_verleend"]) == verwacht.toeslag_verleend, aanvraag.buurt
        statussen.add(verwacht.saldo_status)
    assert vaststelling.SaldoStatus.NIET_TERUGVORDEREN in statussen  # the switch was exercised


def test_totalen_nabetalen_en_terugvorderen(herberekend) -> None:
    ws = herberekend["bladen"]["Vaststelling"]
    n = len(GELDIG)
    saldi = [dec(g["verwacht_saldo"]) for g in GELDIG if g["verwacht_saldo"]]
    assert cent(ws[vb.totaalcel("nabetalen", n)].value) == sum(s for s in saldi if s > 0)
    assert cent(ws[vb.totaalcel("terugvorderen", n)].value) == -sum(s for s in saldi if s < 0)
    assert cent(ws[vb.totaalcel("vastgesteld_totaal", n)].value) == sum(
        dec(g["verwacht_totaal"]) for g in GELDIG if g["verwacht_totaal"])
    assert cent(ws[vb.totaalcel("betaald", n)].value) == sum(dec(g["betaald"]) for g in GELDIG if g["betaald"])
    assert ws[vb.totaalcel("open_aantal", n)].value == sum(g["verwacht_saldo_status"] == "ontbreekt" for g in GELDIG)
    r = regeling.laad("2018")
    assert cent(ws[vb.totaalcel("open_verleend", n)].value) == vaststelling.totalen(
        vaststelling.vaststellen(r, a) for a in _aanvragen(r)).open_verleend > 0


def test_invoer_geel_en_open_uitkomsten_op_slot(tmp_path: Path) -> None:
    r = regeling.laad("2018")
    wb = werkmap.maak_begroting(_aanvragen(r)[:2], r)
    ws = wb["Vaststelling"]
    for key, *_ in vb.KOLOMMEN:
        assert op_slot(ws, vb.EERSTE_RIJ, ws[f"{vb.LETTER[key]}1"].column) is (key not in vb.INVOER), key
    assert ws.protection.sheet


def test_de_begroting_heeft_het_blad_vanaf_het_begin() -> None:
    """Issue 20: the workbook built at application time, the one staff keep all year, has the
    Vaststelling sheet with empty yellow input cells; a buurtnetwerk's own workbook only once there
    is settlement data."""
    r = regeling.laad("2018")
    aanvragen = invoer.valideer([(2, {"buurt": "Wyck", "huishoudens": 900})], r).aanvragen
    ws = werkmap.maak_begroting(aanvragen, r)["Vaststelling"]
    for key in vb.INVOER:
        cel = ws[f"{vb.LETTER[key]}{vb.EERSTE_RIJ}"]
        assert cel.value is None and cel.style == "bx invoer euro", key
    assert "Vaststelling" not in werkmap.maak_buurtwerkmap(aanvragen[0], r).sheetnames


@pytest.mark.parametrize("soort", ["bladen", "inline"])
def test_begroting_rekent_met_de_toeslagaanvraag(herberekend, soort: str) -> None:
    """Planning: the Begroting's toeslag is min(request, maximum), as `regels.bereken` says."""
    from buurtxl import regels
    from buurtxl.werkmap import begroting

    r = regeling.laad("2018")
    ws = herberekend[soort]["Begroting"]
    kolom = begroting.kolom_letter("toeslag_communicatie", soort == "bladen")
    status = begroting.kolom_letter("toeslag_status", soort == "bladen")
    gezien = set()
    for i, aanvraag in enumerate(_aanvragen(r)):
        verwacht = regels.bereken(r, aanvraag)
        assert cent(ws[f"{kolom}{begroting.EERSTE_RIJ + i}"].value) == verwacht.toeslag_communicatie, aanvraag.buurt
        assert ws[f"{status}{begroting.EERSTE_RIJ + i}"].value == verwacht.toeslag_status, aanvraag.buurt
        gezien.add((aanvraag.toeslag_aangevraagd is not None, verwacht.toeslag_status))
    # Both sides of §3.4 punt 2 / §8: requested (aangevraagd); fully spent without a request: potentieel.
    assert {(True, "aangevraagd"), (False, "potentieel")} <= gezien


def test_blok_op_het_buurtblad_voor_het_buurtnetwerk(herberekend) -> None:
    """Each buurt sheet shows its settlement (sendable to the buurtnetwerk), equal to the hand-worked case."""
    wb = herberekend["bladen"]
    for i, g in enumerate(GELDIG):
        ws = wb[f"buurt {i + 2}"]
        rijen = vb.blok_rijen(vb.blok_kop(ws))
        waarde = {key: ws.cell(rij, 2).value for key, rij in rijen.items()}
        assert _cent(waarde["vastgesteld_totaal"]) == dec(g["verwacht_totaal"]), g["geval"]
        assert _cent(waarde["saldo"]) == dec(g["verwacht_saldo"]), g["geval"]
        assert _cent(waarde["betaald"]) == dec(g["betaald"]), g["geval"]
        assert waarde["saldo_status"] == g["verwacht_saldo_status"], g["geval"]
        assert (waarde["ontbreekt"] or "") == g["verwacht_ontbreekt"], g["geval"]


@pytest.mark.parametrize("max_bladen", [250, 0])
def test_besteed_heet_invoer_waar_het_wordt_ingevuld(max_bladen: int) -> None:
    """QA 9: the buurt sheet called 'Besteed (basissubsidie)' computed on the Vaststelling sheet,
    which itself said it is typed on the buurt's sheet. Both now name the cell the clerk types in,
    and that cell is an open input cell there."""
    from openpyxl.utils import column_index_from_string

    from buurtxl.werkmap import begroting, buurtblad

    r = regeling.laad("2018")
    oud = werkmap.MAX_BUURTBLADEN
    werkmap.MAX_BUURTBLADEN = max_bladen
    try:
        wb = werkmap.maak_begroting(_aanvragen(r)[:2], r)
    finally:
        werkmap.MAX_BUURTBLADEN = oud
    legenda = wb["Vaststelling"][f"{vb.LETTER['besteed']}{vb.KOP_RIJ - 1}"].value
    if max_bladen:
        assert legenda == "invoer op het blad van de buurt"
        ws = wb["buurt 2"]
        rij = vb.blok_rijen(vb.blok_kop(ws))["besteed"]
        assert ws.cell(rij, 1).value == "Besteed (basissubsidie)"
        assert ws.cell(rij, 3).value == "Invoer op dit blad (Besteed, hierboven)"
        cel = ws[buurtblad.invoercel("besteed")]
        assert cel.row < rij and ws.cell(cel.row, 1).value == "Besteed"
        assert not op_slot(ws, cel.row, column_index_from_string(cel.column_letter))
    else:  # no buurt sheets: typed in the Begroting's row
        assert legenda == "invoer op blad Begroting"
        kolom = begroting.kolom_letter("besteed", False)
        assert not op_slot(wb["Begroting"], begroting.EERSTE_RIJ, column_index_from_string(kolom))
