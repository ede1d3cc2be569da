"""The settlement rules (vaststelling) against gevallen/vaststelling.csv, cases worked out by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from buurtxl import invoer, regeling, regels
from buurtxl.model import Aanvraag
from buurtxl.regels import tabel, vaststelling, vaststelling_controle
from gedeeld import nl_decimaal, regelgevallen

GEVALLEN = Path(__file__).parent / "gevallen" / "vaststelling.csv"
INVOER = [
    "huishoudens", "buurtscore", "basissubsidie", "besteed", "toeslag_aangevraagd", "toeslag_besteed",
    "supplement_aangevraagd", "supplement_besteed", "betaald",
]
R = regeling.laad("2018")


def gevallen() -> list[dict[str, str]]:
    return regelgevallen(bestand=GEVALLEN.name)


def lees_geval(geval: dict[str, str], rij: int = 2) -> invoer.Invoer:
    ruw = {k: geval[k] for k in INVOER}
    ruw["buurt"] = geval["geval"][:40]
    gelezen = invoer.valideer([(rij, ruw)], regeling.laad(geval["regeling"]), bestand="vaststelling.csv")
    if gelezen.ok:
        gelezen.problemen.extend(vaststelling_controle.controleer(regeling.laad(geval["regeling"]), gelezen))
    return gelezen


@pytest.mark.parametrize("geval", gevallen(), ids=lambda g: g["geval"])
def test_geval(geval: dict[str, str]) -> None:
    gelezen = lees_geval(geval)
    if geval["verwacht_fout"]:
        assert gelezen.fouten, f"moet geweigerd worden: {geval['geval']}"
        assert geval["verwacht_fout"] in str(gelezen.fouten[0])
        assert "vaststelling.csv, rij 2" in str(gelezen.fouten[0])
        return
    assert gelezen.ok, [str(p) for p in gelezen.fouten]
    uit = vaststelling.vaststellen(regeling.laad(geval["regeling"]), gelezen.aanvragen[0])
    assert uit.vastgesteld_basissubsidie == nl_decimaal(geval["verwacht_basissubsidie"])
    assert uit.vastgesteld_toeslag == nl_decimaal(geval["verwacht_toeslag"])
    assert uit.vastgesteld_supplement == nl_decimaal(geval["verwacht_supplement"])
    assert uit.vastgesteld_totaal == nl_decimaal(geval["verwacht_totaal"])
    assert uit.saldo == nl_decimaal(geval["verwacht_saldo"])
    assert uit.saldo_status == geval["verwacht_saldo_status"]
    assert uit.ontbreekt == geval["verwacht_ontbreekt"]
    assert uit.is_vastgesteld is (geval["verwacht_saldo_status"] != "ontbreekt")


def test_elk_geval_noemt_zijn_bron() -> None:
    for geval in gevallen():
        assert geval["paragraaf"].startswith(("§", "Awb art. ")), geval["geval"]


def test_de_gevallen_raken_de_grenzen() -> None:
    rijen = gevallen()
    assert {"1300", "1301"} <= {g["huishoudens"] for g in rijen}
    assert {"57", "56,99", ""} <= {g["buurtscore"] for g in rijen}
    assert {"5849,99", "5850"} <= {g["besteed"] for g in rijen}
    assert {"nabetalen", "terugvorderen", "sluitend", "ontbreekt"} <= {g["verwacht_saldo_status"] for g in rijen}
    assert {"besteed", "betaald", "toeslag besteed", "supplement besteed"} <= {g["verwacht_ontbreekt"] for g in rijen}


def _a(**velden: object) -> Aanvraag:
    standaard: dict[str, object] = {"buurt": "Wyck", "huishoudens": 800, "besteed": Decimal("5850.00"),
                                    "betaald": Decimal("5850.00")}
    standaard.update(velden)
    return Aanvraag(**standaard)  # type: ignore[arg-type]


def test_elke_reden_noemt_zijn_bron() -> None:
    uit = vaststelling.vaststellen(R, _a(huishoudens=1420, buurtscore=Decimal(40), besteed=Decimal("5000.00"),
                                         supplement_besteed=Decimal("100.00")))
    assert "§3.4 punt 1" in uit.reden_basissubsidie and "Awb art. 4:46 lid 2" in uit.reden_basissubsidie
    assert "§3.4 punt 2" in uit.reden_toeslag
    assert "§3.4 punt 3" in uit.reden_supplement and "Awb art. 4:46 lid 2" in uit.reden_supplement
    assert "Awb art. 4:57" in uit.reden_saldo


def test_onbekende_buurtscore_geeft_nul_met_reden() -> None:
    uit = vaststelling.vaststellen(R, _a(supplement_besteed=Decimal("900.00")))
    assert uit.vastgesteld_supplement == Decimal("0.00")
    assert "Buurtscore onbekend" in uit.reden_supplement


def test_zonder_lager_vaststellen_blijft_het_verleende_bedrag() -> None:
    r = R.met_waarden({"vaststelling.lager_naar_besteed": False})
    uit = vaststelling.vaststellen(r, _a(besteed=Decimal("5000.00"), buurtscore=Decimal(40),
                                         supplement_besteed=Decimal("0.00")))
    assert uit.vastgesteld_basissubsidie == Decimal("5850.00")
    assert uit.vastgesteld_supplement == Decimal("3000.00")  # nothing spent (€ 0 typed), still the grant


def test_zonder_terugvorderen_heet_een_overschot_niet_terugvorderen() -> None:
    r = R.met_waarden({"vaststelling.terugvorderen": False})
    uit = vaststelling.vaststellen(r, _a(betaald=Decimal("6000.00")))
    assert (uit.saldo, uit.saldo_status) == (Decimal("-150.00"), vaststelling.SaldoStatus.NIET_TERUGVORDEREN)


def test_totalen_tellen_nabetalen_en_terugvorderen_apart() -> None:
    lijst = [
        vaststelling.vaststellen(R, _a(buurt="A", betaald=Decimal("5000.00"))),  # +850
        vaststelling.vaststellen(R, _a(buurt="B", betaald=Decimal("6000.00"))),  # −150
        vaststelling.vaststellen(R, _a(buurt="C", besteed=Decimal("4000.00"), betaald=Decimal("5850.00"))),  # −1850
    ]
    t = vaststelling.totalen(lijst)
    assert t.aantal == 3
    assert t.vastgesteld_totaal == Decimal("15700.00")
    assert t.betaald == Decimal("16850.00")
    assert (t.nabetalen, t.terugvorderen, t.saldo) == (Decimal("850.00"), Decimal("2000.00"), Decimal("-1150.00"))


def _meldingen(rijen: list[dict[str, object]]) -> list[str]:
    gelezen = invoer.valideer(list(enumerate(rijen, start=2)), R, bestand="eind.csv", blad=None)
    assert gelezen.ok, [str(p) for p in gelezen.fouten]
    problemen = vaststelling_controle.controleer(R, gelezen)
    assert all(not p.is_fout for p in problemen)  # warnings: the rest of the list is still settled
    return [str(p) for p in problemen]


def test_leeg_is_ontbreekt_met_buurt_en_rij() -> None:
    """No silent money: each empty amount the settlement needs is named, with buurt and row."""
    meldingen = _meldingen([
        {"buurt": "Wyck", "huishoudens": 800, "besteed": "5850", "betaald": "5850"},
        {"buurt": "Mariaberg", "huishoudens": 800, "buurtscore": 40, "besteed": "5850", "betaald": "8850"},
        {"buurt": "Heer", "huishoudens": 800},
    ])
    assert meldingen == [
        "Waarschuwing: eind.csv, rij 3, kolom 'supplement_besteed': supplement besteed is leeg: ontbreekt, "
        "niet € 0,00; dit onderdeel wordt nog niet vastgesteld (buurt Mariaberg)",
        "Waarschuwing: eind.csv, rij 4, kolom 'besteed': besteed is leeg: ontbreekt, niet € 0,00; dit "
        "onderdeel wordt nog niet vastgesteld (buurt Heer)",
        "Waarschuwing: eind.csv, rij 4, kolom 'betaald': betaald is leeg: ontbreekt, niet € 0,00; het "
        "saldo wordt nog niet vastgesteld (buurt Heer)",
    ]


def test_meer_besteed_dan_de_basissubsidie_zonder_toeslag_besteed() -> None:
    """The issue's case: besteed 6.400 against 5.850 with toeslag_besteed empty is said, with both amounts."""
    meldingen = _meldingen([
        {"buurt": "Malberg", "huishoudens": 1495, "besteed": "6400", "toeslag_aangevraagd": "877,50",
         "betaald": "5850"},
        {"buurt": "Caberg", "huishoudens": 1495, "besteed": "6400", "betaald": "5850"},
    ])
    assert meldingen == [
        "Waarschuwing: eind.csv, rij 2, kolom 'toeslag_besteed': toeslag besteed is leeg: ontbreekt, niet "
        "€ 0,00; dit onderdeel wordt nog niet vastgesteld (buurt Malberg)",
        "Waarschuwing: eind.csv, rij 2, kolom 'toeslag_besteed': besteed € 6.400,00 is meer dan de "
        "basissubsidie € 5.850,00, maar toeslag_besteed is leeg; de toeslag blijft open tot toeslag_besteed "
        "is ingevuld (buurt Malberg)",
        "Waarschuwing: eind.csv, rij 3, kolom 'toeslag_besteed': besteed € 6.400,00 is meer dan de "
        "basissubsidie € 5.850,00, maar toeslag_besteed is leeg; geen toeslag (1.495 huishoudens: meer dan "
        "1.300, toeslag 15,00% (het maximum) (§3.4 punt 2); toeslag niet aangevraagd (§8)): het meerdere "
        "wordt niet vergoed (buurt Caberg)",
    ]


def test_toeslag_besteed_zonder_aanvraag() -> None:
    meldingen = _meldingen([
        {"buurt": "Wyck", "huishoudens": 1495, "besteed": "6400", "toeslag_besteed": "877,50", "betaald": "6727,50"},
    ])
    assert meldingen == [
        "Waarschuwing: eind.csv, rij 2, kolom 'toeslag_besteed': toeslag besteed € 877,50, maar de toeslag is "
        "niet aangevraagd: vastgesteld op € 0,00 (§3.4 punt 2, §8) (buurt Wyck) (waarde: '877.50')",
    ]


def test_totalen_tonen_wat_nog_open_is() -> None:
    lijst = [
        vaststelling.vaststellen(R, _a(buurt="A", betaald=Decimal("5000.00"))),  # +850
        vaststelling.vaststellen(R, _a(buurt="B", besteed=None)),  # basissubsidie 5850 open
        vaststelling.vaststellen(R, _a(buurt="C", buurtscore=Decimal(40), betaald=None)),  # supplement 3000 open
    ]
    t = vaststelling.totalen(lijst)
    assert (t.open_aantal, t.open_verleend) == (2, Decimal("8850.00"))
    assert t.vastgesteld_totaal == Decimal("5850.00")  # only A is settled in full
    assert t.vastgesteld_basissubsidie == Decimal("11700.00")  # A and C's basissubsidie
    assert (t.nabetalen, t.terugvorderen) == (Decimal("850.00"), Decimal("0.00"))
    assert [v.saldo_status for v in lijst[1:]] == ["ontbreekt", "ontbreekt"]
    assert lijst[1].onderdelen[0].open and not lijst[1].onderdelen[1].open


# In-year: the toeslag request (planning shows the request instead of the maximum).


def test_toeslag_aangevraagd_in_de_planning_is_het_verzoek() -> None:
    t = regels.toeslag_communicatie(R, 1495, Decimal("5850.00"), None, Decimal("500.00"))
    assert (t.bedrag, t.status) == (Decimal("500.00"), "potentieel")
    assert "aangevraagd € 500,00" in t.reden


def test_toeslag_aangevraagd_boven_het_maximum_wordt_afgetopt() -> None:
    t = regels.toeslag_communicatie(R, 1495, Decimal("5850.00"), Decimal("5850.00"), Decimal("1000.00"))
    assert (t.bedrag, t.status) == (Decimal("877.50"), "aangevraagd")


def test_toeslag_aangevraagd_zonder_volledige_besteding_is_nul() -> None:
    t = regels.toeslag_communicatie(R, 1495, Decimal("5850.00"), Decimal("5000.00"), Decimal("500.00"))
    assert t.bedrag == Decimal("0.00")


def test_tabelpad_rekent_met_de_toeslagaanvraag() -> None:
    aanvragen = [
        _a(buurt="a", huishoudens=1495, besteed=None, toeslag_aangevraagd=Decimal("500.00")),
        _a(buurt="b", huishoudens=1495, besteed=None, toeslag_aangevraagd=Decimal("1000.00")),
        _a(buurt="c", huishoudens=1495, besteed=None),
        _a(buurt="d", huishoudens=1495, besteed=Decimal("5849.99"), toeslag_aangevraagd=Decimal("500.00")),
        _a(buurt="e", huishoudens=1420, besteed=Decimal("5850.00"), toeslag_aangevraagd=Decimal("100.01")),
    ]
    uit = tabel.bereken_tabel(R, tabel.frame(aanvragen), met_redenen=False)
    verwacht = ["500.00", "877.50", "877.50", "0.00", "100.01"]
    assert list(uit["toeslag_communicatie"]) == [Decimal(v) for v in verwacht]
    assert list(uit["toeslag_status"]) == [
        "potentieel", "potentieel", "potentieel", "nog niet volledig besteed", "aangevraagd"]
