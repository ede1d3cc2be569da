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
    assert "minder dan de geplande € 20.000,00" in _samenvatting("20000.00", "25000.00").toelichting


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
    aanvragen += [Aanvraag(f"G{i}", 2000) for i in range(14)]
    b = regels.begroting(R, [regels.bereken(R, a) for a in aanvragen])
    assert b.totaal_extra == D("39285.00")
    assert b.status is BudgetStatus.BINNEN_PLAN
