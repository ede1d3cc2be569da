"""The budget summary against the €60,000 reservation (raadsvoorstel 2018 §8)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from buurtxl import regeling, regels
from buurtxl.model import Aanvraag, BudgetStatus

R = regeling.laad("2018")


def _samenvatting(toeslag: str, supplement: str = "0"):
    return regels.samenvatting(R, 30, D("175500.00"), D(toeslag), D(supplement))


@pytest.mark.parametrize(
    ("toeslag", "supplement", "status", "ruimte"),
    [
        ("13000.00", "27000.00", BudgetStatus.BINNEN_PLAN, "20000.00"),  # exactly the plan: 40k + 20k
        ("13000.01", "27000.00", BudgetStatus.KRAP, "19999.99"),
        ("33000.00", "27000.00", BudgetStatus.KRAP, "0.00"),  # the whole reservation, nothing for support
        ("33000.01", "27000.00", BudgetStatus.OVERSCHREDEN, "-0.01"),
        ("0", "0", BudgetStatus.BINNEN_PLAN, "60000.00"),
    ],
)
def test_status_bij_elke_grens(toeslag: str, supplement: str, status: BudgetStatus, ruimte: str) -> None:
    b = _samenvatting(toeslag, supplement)
    assert b.status is status
    assert b.ruimte_ondersteuning == D(ruimte)


def test_extras_tegen_raming_en_reservering() -> None:
    b = _samenvatting("12345.67", "27000.00")
    assert b.totaal_extra == D("39345.67")
    assert b.verschil_raming == D("-654.33")
    assert b.reservering == D("60000")
    assert b.totaal == D("175500.00") + D("39345.67")


def test_toelichting_zegt_wat_er_mis_is() -> None:
    assert _samenvatting("40000.00", "25000.00").toelichting.startswith("Overschreden: ")
    assert "€ 5.000,00 meer dan de reservering van € 60.000,00" in _samenvatting("40000.00", "25000.00").toelichting
    assert "minder dan de € 20.000,00 die het besluit" in _samenvatting("20000.00", "25000.00").toelichting


def test_begroting_telt_de_resultaten_op() -> None:
    aanvragen = [
        Aanvraag("A", 1495, buurtscore=D("40")),  # 877.50 + 3000 reserved
        Aanvraag("B", 800, basissubsidie=D("4850")),  # basissubsidie only
        Aanvraag("C", 1420, besteed=D("5000")),  # not yet spent: no toeslag
    ]
    b = regels.begroting(R, [regels.bereken(R, a) for a in aanvragen])
    assert b.aantal == 3
    assert b.totaal_basissubsidie == D("5850") + D("4850") + D("5850")
    assert b.totaal_toeslag == D("877.50")
    assert b.totaal_supplement == D("3000")
    assert b.totaal == D("16550") + D("877.50") + D("3000")
    assert b.status is BudgetStatus.BINNEN_PLAN


def test_negen_kwetsbare_buurten_met_maximale_toeslag_passen_in_de_raming() -> None:
    # §8: ~€40,000 for toeslagen plus supplements for the 9 vulnerable buurten. 9 × 3000 = 27,000
    # leaves 13,000 for toeslagen: 14 buurten at the maximum 877.50 (12,285) still fit.
    aanvragen = [Aanvraag(f"K{i}", 1000, buurtscore=D("50")) for i in range(9)]
    aanvragen += [Aanvraag(f"G{i}", 2000, buurtscore=D("62")) for i in range(14)]
    b = regels.begroting(R, [regels.bereken(R, a) for a in aanvragen])
    assert b.totaal_extra == D("39285.00")
    assert b.status is BudgetStatus.BINNEN_PLAN


# Uncertainty is money; errors travel; the regeling decides whether there is a budget at all.


def test_onbekende_buurtscore_telt_3000_als_onzeker() -> None:
    # §3.4 punt 3: a buurt with unknown score may still be due the maximum € 3.000.
    b = regels.begroting(R, [regels.bereken(R, Aanvraag("A", 900))])
    assert b.totaal_supplement == D("0.00")
    assert b.onzeker == D("3000.00")
    assert b.ruimte_ondersteuning == D("57000.00")  # 60,000 − 0 extras − 3,000 onzeker


def test_onbekende_huishoudens_tellen_de_hoogste_toeslag_als_onzeker_en_vragen_controle() -> None:
    # 15% of 5850 = 877.50 may still be due; the row is a problem until the households are filled in.
    uit = regels.bereken(R, Aanvraag("A", None, buurtscore=D("62")))
    assert uit.toeslag_status == "ontbreekt" and uit.toeslag_communicatie == D("0.00")
    assert uit.onzeker == D("877.50")
    b = regels.begroting(R, [uit])
    assert b.status is BudgetStatus.CONTROLEER_INVOER and b.problemen == 1
    assert "1 buurt heeft een fout of een ontbrekende waarde" in b.toelichting


def test_status_oordeelt_over_extras_plus_onzeker() -> None:
    # 40,000 extras leave exactly the planned 20,000: binnen plan; 0.01 onzeker more makes it krap.
    assert _samenvatting("13000.00", "27000.00").status is BudgetStatus.BINNEN_PLAN
    krap = regels.samenvatting(R, 30, D("175500.00"), D("13000.00"), D("27000.00"), onzeker=D("0.01"))
    assert krap.status is BudgetStatus.KRAP and krap.ruimte_ondersteuning == D("19999.99")
    assert "onzeker € 0,01" in krap.toelichting
    over = regels.samenvatting(R, 30, D("175500.00"), D("13000.00"), D("27000.00"), onzeker=D("20000.01"))
    assert over.status is BudgetStatus.OVERSCHREDEN


def test_regeling_2017_2018_heeft_geen_budget_en_geen_status() -> None:
    basislijn = regeling.laad("2017-2018")
    assert not basislijn.heeft_budget and R.heeft_budget
    b = regels.begroting(basislijn, [regels.bereken(basislijn, Aanvraag("A", 2000, buurtscore=D("40")))])
    assert b.status is None and b.reservering is None and b.ruimte_ondersteuning is None
    assert b.totaal == D("5850.00") and b.onzeker == D("0.00")


def test_regeling_2017_2018_geldt_tot_de_intrekking_op_6_maart_2018() -> None:
    import datetime as dt

    basislijn = regeling.laad("2017-2018")
    assert basislijn.geldig_tot == dt.date(2018, 3, 6)  # beslispunt 3: intrekken
    assert "beslispunt 3" in basislijn.besluit


def test_vijftien_procent_van_de_basissubsidie_is_een_aanname() -> None:
    # §3.4 punt 2 says "maximaal 15%" but not of what.
    assert R.parameters["toeslag.max_percentage"].is_aanname
