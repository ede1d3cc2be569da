"""Recognise a totals row under a list of applications, so it is never counted as one more buurt.

Clerks close a list with a row 'Totaal' (sums beside it), a subtotal per wijk, or an Excel Table's
totals row. Counted as a buurtnetwerk such a row added € 6.727,50 to € 9.727,50 to a budget. A row
is a totals row when a text cell says so (`is_totaalwoord`) or when its numbers are the sums of the
rows above it (`som_kolommen`); the Table's own totals row is known from the Table (`werkblad`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .. import waarden

# Compared after `waarden.sleutel` (case, whitespace and Unicode form do not matter) and without a
# trailing colon; a word may be followed by more ('Totaal Wyck', 'Subtotaal wijk Noord').
WOORDEN = ("totaal", "totalen", "subtotaal", "subtotalen", "eindtotaal", "generaal totaal",
           "total", "totals", "subtotal", "grand total")
# Columns whose total is a sum; a buurtscore's 'total' is usually an average and proves nothing.
OPTELBAAR = ("huishoudens", "organisatiekosten", "communicatiekosten", "activiteiten", "plan_van_aanpak",
             "basissubsidie", "besteed", "supplement_aangevraagd")
# Stored results of a float SUM differ from the exact sum in the last bits.
MARGE = Decimal("0.005")


def is_totaalwoord(waarde: object) -> bool:
    if not isinstance(waarde, str):
        return False
    tekst = waarden.sleutel(waarde).rstrip(":").strip()
    return any(tekst == w or tekst.startswith(w + " ") or tekst.startswith(w + ":") for w in WOORDEN)


def _getal(waarde: object) -> Decimal | None:
    if waarden.is_leeg(waarde):
        return None
    try:
        return waarden.getal(waarde, "")
    except waarden.WaardeFout:
        return None


@dataclass
class Sommen:
    """Running sums of the additive columns over the rows seen so far (a list of 10,000 rows is
    checked in one pass, not by adding up everything above each row again)."""

    rijen: int = 0
    som: dict[str, Decimal] = field(default_factory=dict)

    def tel(self, rij: Mapping[str, object]) -> None:
        self.rijen += 1
        for kolom in OPTELBAAR:
            getal = _getal(rij.get(kolom))
            if getal is not None:
                self.som[kolom] = self.som.get(kolom, Decimal(0)) + getal


def som_kolommen(rij: Mapping[str, object], boven: Sommen, *, minimaal: int = 2) -> list[str]:
    """The columns of `rij` whose (non-zero) number is the sum of the same column over the rows
    `boven` (at least `minimaal` of them), or [] when any numeric column of `rij` is not such a sum."""
    if boven.rijen < minimaal:
        return []
    gelijk: list[str] = []
    for kolom in OPTELBAAR:
        waarde = _getal(rij.get(kolom))
        if waarde is None or waarde == 0:
            continue
        if kolom not in boven.som or abs(waarde - boven.som[kolom]) > MARGE:
            return []
        gelijk.append(kolom)
    return gelijk
