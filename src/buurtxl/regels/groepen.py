"""What the 30 buurten are (§3.1): 23 former buurtplatforms and 7 new groups of residents, and how
many handed in their plan van aanpak and their buurtplan (due before 1 November 2018)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .. import opmaak
from ..model import Aanvraag
from ..regeling import Regeling, bronnen
from ..velden import GROEPEN


@dataclass(frozen=True)
class Groepen:
    aantal: int
    voormalig: int  # voormalig buurtplatform
    nieuw: int  # nieuwe bewonersgroep
    plan_van_aanpak: int  # plan van aanpak ingediend: ja
    buurtplan: int  # buurtplan ingediend (a date before the due date, or 'ja' of older input)
    buurtplan_te_laat: int = 0  # handed in on or after the due date
    buurtplan_ontbreekt: int = 0  # not handed in (empty or 'nee')

    @property
    def onbekend(self) -> int:
        return self.aantal - self.voormalig - self.nieuw


def te_laat(aanvraag: Aanvraag, uiterlijk: dt.date) -> bool:
    """The buurtplan is due "vóór 1 november 2018" (§3.1): on the due date itself is late."""
    datum = aanvraag.buurtplan_ingediend
    return isinstance(datum, dt.date) and datum >= uiterlijk


def _op_tijd(aanvraag: Aanvraag, uiterlijk: dt.date | None) -> bool:
    """Handed in before the due date; 'ja' of input from before the date was asked counts as handed
    in (its date is unknown), as does any date where the regeling has no due date."""
    datum = aanvraag.buurtplan_ingediend
    if isinstance(datum, dt.date):
        return uiterlijk is None or datum < uiterlijk
    return datum == "ja"


def tel(aanvragen: Iterable[Aanvraag], uiterlijk: dt.date | None = None) -> Groepen:
    """The counts; `uiterlijk` is the buurtplan's due date (parameter buurtplan.indienen_voor)."""
    lijst = list(aanvragen)
    return Groepen(
        aantal=len(lijst),
        voormalig=sum(a.soort_groep == GROEPEN[0] for a in lijst),
        nieuw=sum(a.soort_groep == GROEPEN[1] for a in lijst),
        plan_van_aanpak=sum(a.plan_van_aanpak_ingediend == "ja" for a in lijst),
        buurtplan=sum(_op_tijd(a, uiterlijk) for a in lijst),
        buurtplan_te_laat=sum(uiterlijk is not None and te_laat(a, uiterlijk) for a in lijst),
        buurtplan_ontbreekt=sum(a.buurtplan_ingediend in (None, "nee") for a in lijst),
    )


def uiterlijk(regeling: Regeling) -> dt.date | None:
    """The buurtplan's due date, where the regeling has one (2018)."""
    parameter = regeling.parameters.get("buurtplan.indienen_voor")
    return parameter.waarde if parameter is not None and isinstance(parameter.waarde, dt.date) else None


def buurtplan(aanvragen: Iterable[Aanvraag], regeling: Regeling) -> str | None:
    """The buurtplannen on time, late and missing against the due date (§3.1); None without a due
    date or when no row says anything about its buurtplan."""
    lijst = list(aanvragen)
    datum = uiterlijk(regeling)
    if datum is None or not any(a.buurtplan_ingediend for a in lijst):
        return None
    g = tel(lijst, datum)
    return (f"Buurtplan (vóór {opmaak.als_datum(datum)}, {bronnen.STAND_VAN_ZAKEN}): op tijd {g.buurtplan}, "
            f"te laat {g.buurtplan_te_laat}, niet ingediend {g.buurtplan_ontbreekt}")


def bekend(aanvragen: Iterable[Aanvraag]) -> bool:
    """Whether any row says what its group is or what it handed in."""
    return any(a.soort_groep or a.plan_van_aanpak_ingediend or a.buurtplan_ingediend for a in aanvragen)


def kwetsbaar(aanvragen: Iterable[Aanvraag], regeling: Regeling) -> str | None:
    """§8 estimates the adjustment with "de 9 buurten met veel kwetsbare bewoners": how many buurten
    of the input have a buurtscore below the grens, beside that number (None without a §8 budget)."""
    if "budget.kwetsbare_buurten" not in regeling.parameters:
        return None
    grens = regeling.waarde("supplement.buurtscore_grens")
    lijst = list(aanvragen)
    onder = sum(a.buurtscore is not None and a.buurtscore < grens for a in lijst)
    onbekend = sum(a.buurtscore is None for a in lijst)
    geraamd = int(regeling.waarde("budget.kwetsbare_buurten"))
    zonder = f", {opmaak.aantal(onbekend, 'buurt', 'buurten')} zonder buurtscore" if onbekend else ""
    return (f"Buurten met buurtscore onder {opmaak.als_getal(grens)}: {onder}{zonder}; de raming van "
            f"{bronnen.BUDGET} rekent met {geraamd} buurten met veel kwetsbare bewoners")


def samenvatting(g: Groepen) -> str:
    onbekend = f", {g.onbekend} onbekend" if g.onbekend else ""
    return (
        f"Groepen: {opmaak.aantal(g.voormalig, 'voormalig buurtplatform', 'voormalige buurtplatforms')}, "
        f"{opmaak.aantal(g.nieuw, 'nieuwe bewonersgroep', 'nieuwe bewonersgroepen')}{onbekend}; "
        f"plan van aanpak ingediend: {g.plan_van_aanpak} ({bronnen.STAND_VAN_ZAKEN})"
    )
