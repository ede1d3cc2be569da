"""What the 30 buurten are (§3.1): 23 former buurtplatforms and 7 new groups of residents, and how
many handed in their plan van aanpak and their buurtplan (due before 1 November 2018)."""

from __future__ import annotations

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
    buurtplan: int  # buurtplan ingediend: ja

    @property
    def onbekend(self) -> int:
        return self.aantal - self.voormalig - self.nieuw


def tel(aanvragen: Iterable[Aanvraag]) -> Groepen:
    lijst = list(aanvragen)
    return Groepen(
        aantal=len(lijst),
        voormalig=sum(a.soort_groep == GROEPEN[0] for a in lijst),
        nieuw=sum(a.soort_groep == GROEPEN[1] for a in lijst),
        plan_van_aanpak=sum(a.plan_van_aanpak_ingediend == "ja" for a in lijst),
        buurtplan=sum(a.buurtplan_ingediend == "ja" for a in lijst),
    )


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
        f"plan van aanpak ingediend: {g.plan_van_aanpak}; buurtplan ingediend (vóór 1 november 2018): "
        f"{g.buurtplan} ({bronnen.STAND_VAN_ZAKEN})"
    )
