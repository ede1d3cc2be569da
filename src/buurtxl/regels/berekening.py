"""All rules for one application (`bereken`: basissubsidie + toeslag + supplement = totaal) and the
§8 budget of many (`begroting`, `samenvatting`).

The rules themselves are the pure functions of `subsidie`; this module only puts their amounts
together and sets the extras against the reservation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from ..model import Aanvraag, Begroting, BudgetStatus, Resultaat, ToeslagStatus
from ..opmaak import als_euro
from ..regeling import Regeling, bronnen
from .subsidie import NUL, basissubsidie, onzeker, percentage_decimaal, supplement_kwetsbaar, toeslag_communicatie


def bereken(regeling: Regeling, aanvraag: Aanvraag) -> Resultaat:
    """All rules for one buurtnetwerk i.o.: basissubsidie + toeslag + supplement = totaal."""
    basis = basissubsidie(regeling, aanvraag.componenten, aanvraag.basissubsidie)
    toeslag = toeslag_communicatie(
        regeling, aanvraag.huishoudens, basis.bedrag, aanvraag.besteed, aanvraag.toeslag_aangevraagd
    )
    supplement = supplement_kwetsbaar(regeling, aanvraag.buurtscore, aanvraag.supplement_aangevraagd)
    return Resultaat(
        buurt=aanvraag.buurt,
        buurtcode=aanvraag.buurtcode,
        huishoudens=aanvraag.huishoudens,
        buurtscore=aanvraag.buurtscore,
        basissubsidie=basis.bedrag,
        toeslag_percentage=percentage_decimaal(toeslag.percentage),
        toeslag_communicatie=toeslag.bedrag,
        toeslag_status=toeslag.status,
        supplement_kwetsbaar=supplement.bedrag,
        supplement_status=supplement.status,
        totaal=basis.bedrag + toeslag.bedrag + supplement.bedrag,
        reden_basissubsidie=basis.reden,
        reden_toeslag=toeslag.reden,
        reden_supplement=supplement.reden,
        waarschuwingen=(supplement.waarschuwing,) if supplement.waarschuwing else (),
        onzeker=onzeker(regeling, aanvraag, basis.bedrag),
    )


def begroting(regeling: Regeling, resultaten: Iterable[Resultaat]) -> Begroting:
    """§8: "€ 60.000 gereserveerd […]. Het bijstellen van de Uitvoeringsregeling Buurtnetwerken kost
    circa € 40.000 […]. Het resterend bedrag ad € 20.000 wordt in overleg met de overleggroep
    ondersteuning ingezet."

    The extras (toeslag + supplement) plus what unknown values may still cost (onzeker) are set
    against the reservation; what remains goes to support. A row whose households are missing is a
    problem: the status asks to check the input.
    """
    resultaten = list(resultaten)
    basis = sum((r.basissubsidie for r in resultaten), NUL)
    toeslag = sum((r.toeslag_communicatie for r in resultaten), NUL)
    supplement = sum((r.supplement_kwetsbaar for r in resultaten), NUL)
    return samenvatting(
        regeling, len(resultaten), basis, toeslag, supplement,
        onzeker=sum((r.onzeker for r in resultaten), NUL),
        problemen=sum(1 for r in resultaten if r.toeslag_status is ToeslagStatus.ONTBREEKT),
    )


def samenvatting(
    regeling: Regeling, aantal: int, basis: Decimal, toeslag: Decimal, supplement: Decimal,
    *, onzeker: Decimal = NUL, problemen: int = 0,
) -> Begroting:
    """The budget summary from the column totals (shared by the row and table paths).

    The status is judged on the extras plus onzeker: the budget must hold what may still be due.
    `problemen` rows could not be computed (or not completely): their amounts are not in the
    totals, and the status says `controleer invoer` with their number. A regeling without a §8
    budget (2017-2018) gets no status at all.
    """
    extra = toeslag + supplement
    zonder_budget = Begroting(
        regeling=regeling.naam, aantal=aantal, totaal_basissubsidie=basis, totaal_toeslag=toeslag,
        totaal_supplement=supplement, totaal_extra=extra, totaal=basis + extra, raming=None,
        verschil_raming=None, reservering=None, ruimte_ondersteuning=None, ondersteuning_gepland=None,
        status=None, onzeker=onzeker, problemen=problemen,
        toelichting=f"Regeling {regeling.naam} kent geen budget voor de bijstelling ({bronnen.BUDGET} hoort bij 2018)",
    )
    if not regeling.heeft_budget:
        return zonder_budget
    raming = regeling.waarde("budget.raming_bijstelling")
    reservering = regeling.waarde("budget.reservering")
    gepland = regeling.waarde("budget.ondersteuning")
    nodig = extra + onzeker
    ruimte = reservering - nodig
    met_onzeker = f" + onzeker {als_euro(onzeker)}" if onzeker else ""
    if problemen:
        status = BudgetStatus.CONTROLEER_INVOER
        toelichting = (
            f"Controleer invoer: {problemen} {'buurt heeft' if problemen == 1 else 'buurten hebben'} "
            f"een fout of een ontbrekende waarde; hun bedragen tellen niet (volledig) mee in de totalen"
        )
    elif nodig > reservering:
        status = BudgetStatus.OVERSCHREDEN
        toelichting = (
            f"Overschreden: de extra's ({als_euro(extra)}{met_onzeker}) zijn {als_euro(nodig - reservering)} "
            f"meer dan de reservering van {als_euro(reservering)} ({bronnen.BUDGET})"
        )
    elif ruimte < gepland:
        status = BudgetStatus.KRAP
        toelichting = (
            f"Krap: na de extra's ({als_euro(extra)}{met_onzeker}) is de ruimte in de reservering "
            f"{als_euro(ruimte)}, minder dan de {als_euro(gepland)} die het besluit voor ondersteuning "
            f"bestemt ({bronnen.BUDGET})"
        )
    else:
        status = BudgetStatus.BINNEN_PLAN
        toelichting = (
            f"Binnen plan: extra's {als_euro(extra)}{met_onzeker} (raming {als_euro(raming)}), ruimte in de "
            f"reservering {als_euro(ruimte)}; het besluit bestemt {als_euro(gepland)} voor ondersteuning, "
            f"in overleg met de overleggroep ondersteuning ({bronnen.BUDGET})"
        )
    return replace(
        zonder_budget, raming=raming, verschil_raming=extra - raming, reservering=reservering,
        ruimte_ondersteuning=ruimte, ondersteuning_gepland=gepland, status=status,
        toelichting=toelichting,
    )
