"""Dutch presentation of numbers for people: € 1.234,56, 1.301 huishoudens, 9,23%."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo


def _nl(text: str) -> str:
    # Swap the English separators for the Dutch ones in one pass.
    return text.translate(str.maketrans(",.", ".,"))


def als_euro(bedrag: Decimal | int | float) -> str:
    """`€ 1.234,56`; whole amounts keep their cents so columns of money line up."""
    return "€ " + _nl(f"{Decimal(bedrag):,.2f}")


def als_getal(waarde: Decimal | int | float) -> str:
    """`1.301`, `56,5`: thousands separated by dots, decimals only when there are any."""
    d = Decimal(str(waarde)) if isinstance(waarde, float) else Decimal(waarde)
    if d == d.to_integral_value():
        return _nl(f"{int(d):,}")
    return _nl(f"{d.normalize():,f}")


def aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    """`1 aanvraag`, `0 aanvragen`, `1.300 aanvragen`: a count with its noun in the right number."""
    return f"{als_getal(n)} {enkelvoud if n == 1 else meervoud}"


def als_procent(fractie: Fraction | Decimal | float) -> str:
    """`9,23%` (two decimals, as the decision writes 15%)."""
    return _nl(f"{float(fractie) * 100:,.2f}") + "%"


# The same presentation inside the workbooks we write (application form, budget workbook): Excel
# number formats, which Excel shows in the reader's own locale, and the colour of a cell to fill in.
EURO_FORMAAT = '"€ "#,##0.00;"€ "-#,##0.00'
PROCENT_FORMAAT = "0.00%"
AANTAL_FORMAAT = "#,##0"
SCORE_FORMAAT = "0.##"
DATUM_FORMAAT = "DD-MM-YYYY"
INVOERKLEUR = "FFF2CC"  # light yellow: the convention for cells a user fills in


_MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
            "oktober", "november", "december")
AMSTERDAM = "Europe/Amsterdam"


def als_datum(datum: dt.date) -> str:
    """`6 maart 2018`: a date as a Dutch letter writes it."""
    return f"{datum.day} {_MAANDEN[datum.month - 1]} {datum.year}"


def datum_tijd(moment: dt.datetime | str) -> str:
    """`6 maart 2018, 10:00` in Amsterdam time (CET/CEST), from an aware moment or an ISO text.

    A moment without a time zone is taken to be Amsterdam time already; a text that is no ISO
    moment is returned as it is. `tzdata` provides the
    zone where the operating system has no time-zone database (Windows).
    """
    if isinstance(moment, str):
        try:
            moment = dt.datetime.fromisoformat(moment)
        except ValueError:
            return str(moment)  # not a moment (a label such as "voorbeeld"): shown as it is
    zone = ZoneInfo(AMSTERDAM)
    lokaal = moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)
    return f"{lokaal.day} {_MAANDEN[lokaal.month - 1]} {lokaal.year}, {lokaal:%H:%M} (Amsterdamse tijd)"
