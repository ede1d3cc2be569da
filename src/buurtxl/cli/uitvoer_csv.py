"""Tables as CSV for other tools: plain numbers (`1234.56`), guarded against formula injection.

A spreadsheet opening the CSV would run a text cell that starts with `=`, `+`, `-` or `@` (or a
tab or carriage return before one) as a formula; such text gets a leading `'`, the usual guard
(OWASP "CSV injection"). Numbers are written as numbers and never guarded.
"""

from __future__ import annotations

import csv
import numbers
from collections.abc import Sequence
from decimal import Decimal
from typing import IO

import pandas as pd

from .. import waarden

GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")


def onschadelijk(tekst: str) -> str:
    """Text a spreadsheet will show as text, never evaluate."""
    return "'" + tekst if tekst.startswith(GEVAARLIJK) else tekst


def cel(waarde: object) -> str:
    if waarden.is_leeg(waarde):
        return ""
    if isinstance(waarde, Decimal):
        return format(waarde, "f")  # never scientific notation: 100, not 1E+2
    if isinstance(waarde, numbers.Number) and not isinstance(waarde, bool):
        return str(waarde)
    return onschadelijk(str(waarde))


def schrijf(tabel: pd.DataFrame, kolommen: Sequence[str], stroom: IO[str]) -> None:
    """`kolommen` of `tabel`, header first, comma-separated."""
    schrijver = csv.writer(stroom, lineterminator="\n")
    schrijver.writerow(kolommen)
    for rij in tabel[list(kolommen)].itertuples(index=False):
        schrijver.writerow([cel(w) for w in rij])
