"""A comma-, semicolon- or tab-separated text file: its encoding (`decodeer`) and its rows.

Python's csv module raises its own English error on a field over 131,072 characters and reads any
number of rows. `lees_rijen` reads at most `voorcontrole.MAX_RIJEN` rows (the rest is never parsed)
and refuses a longer field (`voorcontrole.MAX_TEKENS`), naming file, row and column in Dutch.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager

from ..model import Probleem
from ..regeling import Regeling
from . import voorcontrole
from .contract import Invoer
from .rijen import _valideer_tabel

# A valid UTF-8 sequence of two to four bytes: text that holds one was saved as UTF-8.
_UTF8_MEERBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decodeer(data: bytes, bestand: str) -> str | Probleem:
    """UTF-8 when the bytes are valid UTF-8; Windows-1252 (Dutch Excel's 'CSV (gescheiden door
    lijstscheidingsteken)') only when they hold no UTF-8 sequence at all. A file with both, such as
    a UTF-8 export with one line pasted from an old file, is refused naming that line: decoding it
    whole either way turns 'Mariënwaard' into 'MariÃ«nwaard' somewhere."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as fout:
        # The decoder counts from after a BOM: without this the byte named is the one three
        # places before the offending one ('C' of 'Caf\xe9' instead of 0xE9).
        slecht = fout.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)
    regel = data.count(b"\n", 0, slecht) + 1
    # A UTF-8 character past the BOM names the line best; the BOM alone also says 'UTF-8'.
    goed = _UTF8_MEERBYTE.search(data, 3) or _UTF8_MEERBYTE.search(data)
    if goed:
        goede_regel = data.count(b"\n", 0, goed.start()) + 1
        return Probleem(
            f"gemengde tekencodering: regel {goede_regel} is UTF-8, maar regel {regel} niet "
            f"(byte 0x{data[slecht]:02X}, vermoedelijk Windows-1252); sla het bestand opnieuw op als "
            "'CSV UTF-8' en controleer regel " + str(regel),
            bestand, rij=regel,
        )
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as fout:
        regel = data.count(b"\n", 0, fout.start) + 1
        return Probleem(
            f"onbekende tekencodering: byte 0x{data[fout.start]:02X} op regel {regel} is geen UTF-8 en "
            "geen Windows-1252; sla het bestand op als 'CSV UTF-8'",
            bestand, rij=regel,
        )


def lees_csv_tekst(tekst: str, regeling: Regeling, *, bestand: str, tab: bool = False) -> Invoer:
    """Comma-, semicolon- or tab-separated text with a header row (Excel's 'Tekst (tab-gescheiden)')."""
    eerste = tekst.lstrip("\ufeff").split("\n", 1)[0]
    # Dutch Excel separates with ';' because ',' is its decimal mark; its text export uses tabs.
    scheiding = "\t" if tab else max((";", ",", "\t"), key=lambda t: (eerste.count(t), t == ","))
    rijen = lees_rijen(tekst, scheiding, bestand)
    if isinstance(rijen, Probleem):
        return Invoer(problemen=[rijen], bronnen=[bestand])
    if not rijen:
        return Invoer(problemen=[Probleem("het bestand is leeg", bestand)], bronnen=[bestand])
    return _valideer_tabel(list(enumerate(rijen, start=1)), regeling, bestand=bestand, blad=None,
                           scheiding=scheiding)


@contextmanager
def _veldgrens(grens: int) -> Iterator[None]:
    """Python's csv module refuses a field over 131,072 characters with an exception; with a limit
    above the file's size it reads every field, and `lees_rijen` judges the length itself."""
    oud = csv.field_size_limit()
    csv.field_size_limit(max(oud, grens))
    try:
        yield
    finally:
        csv.field_size_limit(oud)


def lees_rijen(tekst: str, scheiding: str, bestand: str) -> list[list[object]] | Probleem:
    """The rows of a text file, at most `MAX_RIJEN` (the rest is never parsed) and no field over
    `MAX_TEKENS` characters; anything else is a Dutch problem naming row and column."""
    rijen: list[list[object]] = []
    kop: list[str] = []
    with _veldgrens(len(tekst) + 1):
        for nummer, rij in enumerate(csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding), start=1):
            if nummer > voorcontrole.MAX_RIJEN:
                return voorcontrole.te_veel_rijen(bestand)
            for k, veld in enumerate(rij):
                if len(veld) > voorcontrole.MAX_TEKENS:
                    kolom = kop[k] if k < len(kop) and kop[k] else f"{k + 1} (geen kolomnaam)"
                    return Probleem(
                        f"dit veld is {voorcontrole.getal(len(veld))} tekens lang, meer dan de grens van "
                        f"{voorcontrole.getal(voorcontrole.MAX_TEKENS)}: staat er een aanhalingsteken (\") dat "
                        "niet wordt gesloten?", bestand, rij=nummer, kolom=kolom, waarde=veld)
            if not kop and any(c.strip() for c in rij):
                kop = [c.strip() for c in rij]
            rijen.append(list(rij))
    return rijen
