"""The built-in example: real CBS household counts, fictitious application values, labelled so."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from buurtxl import regeling, regels
from buurtxl.invoer import lezen
from buurtxl.regeling import voorbeeld

DATA = Path(voorbeeld.pad()).parent
GEDEELD = Path(__file__).resolve().parents[2] / "shared" / "data" / "maastricht_buurten.csv"


def _rijen(pad: Path) -> list[dict[str, str]]:
    with open(pad, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_het_voorbeeld_is_geldige_invoer_met_alleen_de_waarschuwing_van_paragraaf_3_1() -> None:
    """The example keeps groups without a plan van aanpak: each is warned about (§3.1), nothing else."""
    uit = lezen.lees(voorbeeld.pad(), regeling.laad())
    zonder_plan = {a.buurt for a in uit.aanvragen if a.plan_van_aanpak_ingediend == "nee"}
    assert zonder_plan
    assert all(p.ernst == "waarschuwing" and p.kolom == "plan_van_aanpak_ingediend" for p in uit.problemen)
    assert {p.buurt for p in uit.problemen} == zonder_plan
    assert len(uit.aanvragen) == 30  # §3.1: "in 30 buurten ontwikkelingen richting buurtnetwerken"


def test_negen_kwetsbare_buurten_zoals_in_paragraaf_8() -> None:
    r = regeling.laad()
    aanvragen = lezen.lees(voorbeeld.pad(), r).aanvragen
    assert sum(1 for a in aanvragen if a.buurtscore is not None and a.buurtscore < 57) == 9


def test_huishoudens_komen_uit_het_cbs_bestand() -> None:
    cbs = {r["buurtcode"]: r for r in _rijen(DATA / "maastricht_buurten.csv")}
    assert len(cbs) == 44
    for rij in _rijen(voorbeeld.pad()):
        assert rij["huishoudens"] == cbs[rij["buurtcode"]]["huishoudens"], rij["buurt"]
        assert rij["buurt"] == cbs[rij["buurtcode"]]["buurt"]


def test_elke_rij_zegt_dat_de_overige_waarden_fictief_zijn() -> None:
    for rij in _rijen(voorbeeld.pad()):
        assert "fictief" in rij["bron"]
    assert any("Fictief" in k for k in voorbeeld.KANTTEKENINGEN)


def test_meegeleverde_cbs_kopie_is_gelijk_aan_de_gedeelde_bron() -> None:
    # shared/ lies beside the checkout on developer machines and in CI; a clone elsewhere has no
    # source to compare with (the packaged copy is still checked by the tests above).
    if not GEDEELD.exists():
        pytest.skip(f"geen gedeelde bron naast deze checkout: {GEDEELD}")
    assert (DATA / "maastricht_buurten.csv").read_bytes() == GEDEELD.read_bytes()


def test_voorbeeld_laat_elke_toeslagstatus_zien() -> None:
    r = regeling.laad()
    statussen = {regels.bereken(r, a).toeslag_status for a in lezen.lees(voorbeeld.pad(), r).aanvragen}
    # 2018 asks for the toeslag (toeslag.op_aanvraag), so 'gereserveerd' never shows: a fully spent
    # basissubsidie without a request stays potentieel.
    assert statussen == {"aangevraagd", "potentieel", "nog niet volledig besteed", "niet"}
