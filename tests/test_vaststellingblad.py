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


@pytest.mark.parametrize("soort", ["bladen", "inline"])
def test_libreoffice_rekent_de_handmatige_bedragen(herberekend, soort: str) -> None:
    ws = herberekend[soort]["Vaststelling"]
    for i, g in enumerate(GELDIG):
        rij = _rij(ws, i)
        assert cent(rij["vastgesteld_basissubsidie"]) == dec(g["verwacht_basissubsidie"]), g["geval"]
        assert cent(rij["vastgesteld_toeslag"]) == dec(g["verwacht_toeslag"]), g["geval"]
        assert cent(rij["vastgesteld_supplement"]) == dec(g["verwacht_supplement"]), g["geval"]
        assert cent(rij["vastgesteld_totaal"]) == dec(g["verwacht_totaal"]), g["geval"]
        assert cent(rij["saldo"]) == dec(g["verwacht_saldo"]), g["geval"]
        assert rij["saldo_status"] == g["verwacht_saldo_status"], g["geval"]


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
            assert cent(rij[key]) == getattr(verwacht, key), (aanvraag.buurt, key)
        assert rij["saldo_status"] == verwacht.saldo_status
        statussen.add(verwacht.saldo_status)
    assert vaststelling.SaldoStatus.NIET_TERUGVORDEREN in statussen  # the switch was exercised


def test_totalen_nabetalen_en_terugvorderen(herberekend) -> None:
    ws = herberekend["bladen"]["Vaststelling"]
    n = len(GELDIG)
    saldi = [dec(g["verwacht_saldo"]) for g in GELDIG]
    assert cent(ws[vb.totaalcel("nabetalen", n)].value) == sum(s for s in saldi if s > 0)
    assert cent(ws[vb.totaalcel("terugvorderen", n)].value) == -sum(s for s in saldi if s < 0)
    assert cent(ws[vb.totaalcel("vastgesteld_totaal", n)].value) == sum(dec(g["verwacht_totaal"]) for g in GELDIG)
    assert cent(ws[vb.totaalcel("betaald", n)].value) == sum(dec(g["betaald"]) for g in GELDIG)


def test_invoer_geel_en_open_uitkomsten_op_slot(tmp_path: Path) -> None:
    r = regeling.laad("2018")
    wb = werkmap.maak_begroting(_aanvragen(r)[:2], r)
    ws = wb["Vaststelling"]
    for key, *_ in vb.KOLOMMEN:
        assert op_slot(ws, vb.EERSTE_RIJ, ws[f"{vb.LETTER[key]}1"].column) is (key not in vb.INVOER), key
    assert ws.protection.sheet


def test_zonder_vaststellingsgegevens_geen_blad() -> None:
    r = regeling.laad("2018")
    aanvragen = invoer.valideer([(2, {"buurt": "Wyck", "huishoudens": 900, "besteed": "5850"})], r).aanvragen
    assert "Vaststelling" not in werkmap.maak_begroting(aanvragen, r).sheetnames


@pytest.mark.parametrize("soort", ["bladen", "inline"])
def test_begroting_rekent_met_de_toeslagaanvraag(herberekend, soort: str) -> None:
    """Planning: the Begroting's toeslag is min(request, maximum), as `regels.bereken` says."""
    from buurtxl import regels
    from buurtxl.werkmap import begroting

    r = regeling.laad("2018")
    ws = herberekend[soort]["Begroting"]
    kolom = begroting.kolom_letter("toeslag_communicatie", soort == "bladen")
    gevraagd = 0
    for i, aanvraag in enumerate(_aanvragen(r)):
        verwacht = regels.bereken(r, aanvraag).toeslag_communicatie
        assert cent(ws[f"{kolom}{begroting.EERSTE_RIJ + i}"].value) == verwacht, aanvraag.buurt
        gevraagd += aanvraag.toeslag_aangevraagd is not None
    assert gevraagd == 2


def test_blok_op_het_buurtblad_voor_het_buurtnetwerk(herberekend) -> None:
    """Each buurt sheet shows its settlement (sendable to the buurtnetwerk), equal to the hand-worked case."""
    from buurtxl.werkmap import buurtblad

    wb = herberekend["bladen"]
    rijen = vb.blok_rijen(buurtblad.VASTSTELLING_RIJ)
    for i, g in enumerate(GELDIG):
        ws = wb[f"buurt {i + 2}"]
        assert ws.cell(buurtblad.VASTSTELLING_RIJ, 1).value == "Vaststelling na afloop van het jaar"
        waarde = {key: ws.cell(rij, 2).value for key, rij in rijen.items()}
        assert cent(waarde["vastgesteld_totaal"]) == dec(g["verwacht_totaal"]), g["geval"]
        assert cent(waarde["saldo"]) == dec(g["verwacht_saldo"]), g["geval"]
        assert cent(waarde["betaald"]) == dec(g["betaald"]), g["geval"]
        assert waarde["saldo_status"] == g["verwacht_saldo_status"], g["geval"]


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
        rij = vb.blok_rijen(buurtblad.VASTSTELLING_RIJ)["besteed"]
        assert ws.cell(rij, 1).value == "Besteed (basissubsidie)"
        assert ws.cell(rij, 3).value == "Invoer op dit blad (Besteed, hierboven)"
        cel = ws[buurtblad.invoercel("besteed")]
        assert cel.row < rij and ws.cell(cel.row, 1).value == "Besteed"
        assert not op_slot(ws, cel.row, column_index_from_string(cel.column_letter))
    else:  # no buurt sheets: typed in the Begroting's row
        assert legenda == "invoer op blad Begroting"
        kolom = begroting.kolom_letter("besteed", False)
        assert not op_slot(wb["Begroting"], begroting.EERSTE_RIJ, column_index_from_string(kolom))
