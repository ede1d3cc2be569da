"""Names inside a generated workbook: defined names of the parameters, sheet names, references.

Excel limits sheet names to 31 characters (UTF-16 code units: 𐀀 counts twice), forbids
``[ ] : * ? / \\``, compares them without regard to case, and needs quotes around names with spaces
or apostrophes in formulas. All of that is handled here, so the writers only ask for a name and a reference.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_BLADNAAM = 31
_VERBODEN = re.compile(r"[\[\]:*?/\\]")
_STUURTEKENS = re.compile(r"[\x00-\x1f\x7f]")
# Workbooks written before the package-level update marked each of our sheets with this
# sheet-scoped name; `pakket.eigendom` still reads it (migration). New workbooks record their
# sheets in custom document properties named EIGENDOM + number instead: a copy of a sheet copies
# a sheet-scoped name along, a workbook property it does not.
MERKTEKEN = "Buurtxl_Blad"
EIGENDOM = "buurtxl_blad_"
REGELING_NAAM = "Regeling_Naam"  # the regeling's name as text, the last argument of the udfs


def parameternaam(naam: str) -> str:
    """The workbook name of a parameter: ``toeslag.drempel_huishoudens`` → ``Toeslag_Drempel_Huishoudens``."""
    delen = re.split(r"[._]", naam)
    return "_".join(d[:1].upper() + d[1:] for d in delen if d)


def begrotingsnaam(key: str) -> str:
    """The defined name of a budget line: ``totaal`` → ``Begroting_Totaal``, ``status`` → ``Begroting_Status``."""
    return "Begroting_" + parameternaam(key)


def bladnaam(gewenst: str, bezet: Iterable[str] = ()) -> str:
    """A valid sheet name close to `gewenst` that is not in `bezet` (compared case-insensitively).

    Forbidden characters become ``-`` and control characters go; apostrophes may not start or end a name; a clash gets a
    suffix `` (2)``, `` (3)`` … within the 31 characters.
    """
    # NFC: 'Mariënwaard' typed composed or decomposed is one name (Excel compares code points).
    schoon = unicodedata.normalize("NFC", " ".join(str(gewenst).split()))
    schoon = _VERBODEN.sub("-", _STUURTEKENS.sub("", schoon)).strip("'").strip()
    schoon = schoon or "Buurt"
    if schoon.casefold() == "history":  # reserved by Excel
        schoon = "History-"
    gebruikt = {unicodedata.normalize("NFC", b).casefold() for b in bezet}
    kandidaat = _kort(schoon, MAX_BLADNAAM)
    volgnummer = 2
    while kandidaat.casefold() in gebruikt:
        achtervoegsel = f" ({volgnummer})"
        kandidaat = _kort(schoon, MAX_BLADNAAM - len(achtervoegsel)) + achtervoegsel
        volgnummer += 1
    return kandidaat


def _utf16_lengte(tekst: str) -> int:
    return len(tekst.encode("utf-16-le")) // 2


def _kort(tekst: str, maximum: int) -> str:
    """`tekst` cut to `maximum` UTF-16 code units (as Excel counts), never halfway a character."""
    while _utf16_lengte(tekst) > maximum:
        tekst = tekst[:-1]
    return tekst.rstrip().rstrip("'")


def bladnamen(gewenst: Iterable[str], bezet: Iterable[str] = ()) -> list[str]:
    """Unique sheet names for `gewenst`, in the same (stable) order."""
    gebruikt = list(bezet)
    uit = []
    for naam in gewenst:
        gekozen = bladnaam(naam, gebruikt)
        gebruikt.append(gekozen)
        uit.append(gekozen)
    return uit


def blad(titel: str) -> str:
    """A sheet name as it must appear in a formula: always quoted, apostrophes doubled."""
    return "'" + titel.replace("'", "''") + "'"


def ref(titel: str, cel: str) -> str:
    """An absolute reference to `cel` (``C5``) on sheet `titel`: ``'Blad'!$C$5``."""
    kolom = cel.rstrip("0123456789")
    return f"{blad(titel)}!${kolom}${cel[len(kolom):]}"
