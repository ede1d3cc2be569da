"""The reasons a policy officer reads next to each amount."""

from __future__ import annotations

from decimal import Decimal as D

from buurtxl import regeling, regels
from buurtxl.model import Aanvraag

R = regeling.laad("2018")


def test_reden_toeslag_noemt_huishoudens_drempel_en_percentage() -> None:
    assert regels.toeslag_percentage(R, 1301).reden.startswith("1.301 huishoudens: meer dan 1.300, toeslag 0,08%")
    assert regels.toeslag_percentage(R, 1420).reden.startswith("1.420 huishoudens: meer dan 1.300, toeslag 9,23%")
    assert "(het maximum)" in regels.toeslag_percentage(R, 4000).reden
    assert "niet meer dan 1.300" in regels.toeslag_percentage(R, 1300).reden


def test_reden_potentieel_zegt_dat_besteed_onbekend_is() -> None:
    t = regels.toeslag_communicatie(R, 2000, D("5850"))
    assert "potentieel € 877,50" in t.reden and "besteed nog onbekend" in t.reden


def test_reden_niet_besteed() -> None:
    t = regels.toeslag_communicatie(R, 2000, D("5850"), D("5849.99"))
    assert "besteed € 5.849,99 is minder dan de basissubsidie € 5.850,00" in t.reden


def test_reden_supplement() -> None:
    assert "Buurtscore onbekend" in regels.supplement_kwetsbaar(R, None).reden
    assert "56,99 < 57" in regels.supplement_kwetsbaar(R, D("56.99")).reden
    s = regels.supplement_kwetsbaar(R, D("40"), D("3500"))
    assert s.waarschuwing == "Aangevraagd supplement € 3.500,00 afgetopt op het maximum € 3.000,00"


def test_redenen_noemen_de_paragraaf_van_het_besluit() -> None:
    uit = regels.bereken(R, Aanvraag("A", 1420, buurtscore=D("50")))
    assert "§3.4 punt 1" in uit.reden_basissubsidie
    assert "§3.4 punt 2" in uit.reden_toeslag
    assert "§3.4 punt 3" in uit.reden_supplement


def test_basislijn_legt_uit_dat_de_regeling_geen_toeslag_kent() -> None:
    r = regeling.laad("2017-2018")
    uit = regels.bereken(r, Aanvraag("A", 3000, buurtscore=D("40")))
    assert uit.reden_toeslag == "Regeling 2017-2018 kent geen toeslag communicatiekosten"
    assert uit.reden_supplement == "Regeling 2017-2018 kent geen supplement kwetsbare buurten"
    assert "niet uitwisselbaar" in uit.reden_basissubsidie
