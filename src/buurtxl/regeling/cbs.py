"""The CBS household counts the package ships (data/maastricht_buurten.csv), as a check on a form.

A form's count of households decides the toeslag (§3.4 punt 2); a count far from CBS's for the same
buurtcode is more likely a typo or a wrong code than a changed buurt. `afwijking` says so in a warning
naming both numbers; how far is far is the regeling's parameter `controle.afwijking_huishoudens_cbs`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources

from .. import waarden
from ..opmaak import als_getal, als_procent
from .parameters import Regeling

BESTAND = "maastricht_buurten.csv"
PARAMETER = "controle.afwijking_huishoudens_cbs"


@dataclass(frozen=True)
class CbsBuurt:
    buurtcode: str
    buurt: str
    huishoudens: int
    peiljaar: str


@cache
def buurten() -> dict[str, CbsBuurt]:
    """buurtcode (any case) → the CBS buurt."""
    tekst = resources.files(__package__).joinpath("data", BESTAND).read_text(encoding="utf-8")
    return {
        waarden.sleutel(r["buurtcode"]): CbsBuurt(r["buurtcode"], r["buurt"], int(r["huishoudens"]),
                                                  r["huishoudens_peiljaar"])
        for r in csv.DictReader(tekst.splitlines())
    }


def afwijking(regeling: Regeling, buurtcode: str | None, huishoudens: int | None) -> str | None:
    """A Dutch warning when `huishoudens` differs from CBS's count for `buurtcode` by more than the
    regeling's fraction of CBS's count; None when it does not, or when CBS does not know the code."""
    if not buurtcode or huishoudens is None:
        return None
    cbs = buurten().get(waarden.sleutel(buurtcode))
    if cbs is None or cbs.huishoudens == 0:
        return None
    grens = regeling.waarde(PARAMETER)
    verschil = Decimal(abs(huishoudens - cbs.huishoudens)) / cbs.huishoudens
    if verschil <= grens:
        return None
    return (f"{als_getal(huishoudens)} huishoudens wijkt meer dan {als_procent(grens)} af van het CBS-aantal "
            f"{als_getal(cbs.huishoudens)} voor {cbs.buurtcode} ({cbs.buurt}, {cbs.peiljaar}); controleer het "
            "aantal en de buurtcode")
