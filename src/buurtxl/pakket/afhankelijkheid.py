"""Where a value of the user's can change with an update, found without parsing every sheet.

`update` copies every part of the user's byte for byte, and the style and string tables only grow.
So a user cell computes differently afterwards only when its formula, or a defined name it uses,
points into buurtxl's sheets, names or tables, or when it uses a function whose value depends on
more than its arguments: a volatile one (NOW, RAND, INDIRECT, OFFSET, CELL, INFO …) or one that
counts sheets (SHEET, SHEETS), or a 3-D reference over a range of sheets. `redenen` finds the sheets
with such a formula; without any, LibreOffice has nothing to verify. Otherwise `nodige_bladen` says
which sheets LibreOffice must compute in full (those sheets, what they refer to, ours); the others
are emptied in both copies (`uitgehold`) so LibreOffice does not compute a ledger nobody reads.

The formula text is taken from the sheet XML with one bytes regex rather than a parser: a 30 MB
sheet of 240,000 formulas takes about 0.1 s instead of seconds. It errs on the side of finding too
much (a formula in an `extLst`, a sheet title inside a longer one): that only means verifying.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterable, Sequence

from .onderdelen import NS_MAIN, Pakket
from .werkboek import Blad, Naam

# Excel's volatile functions, and the ones that count or number sheets (buurtxl adds sheets).
VLUCHTIG = ("INDIRECT", "OFFSET", "CELL", "INFO", "NOW", "TODAY", "RAND", "RANDBETWEEN", "RANDARRAY",
            "SHEET", "SHEETS")
_FORMULE = re.compile(rb"<f\b[^>]*>([^<]*)</f>")
_FORMULE_PREFIX = re.compile(rb"<[A-Za-z_][\w.-]*:f\b[^>]*>([^<]*)</[A-Za-z_][\w.-]*:f>")  # <x:f>, rare
_FUNCTIE = re.compile(r"(?<![\w.])(?:_xlfn\.)?(" + "|".join(VLUCHTIG).lower() + r")\(")
# 'Blad1:Blad3'!A1 or Blad1:Blad3!A1: a reference over a range of sheets.
_NAAM = r"[^\s'!:=(),;&+\-*/^<>{}\[\]\"]+"  # an unquoted sheet title
_DRIE_D = re.compile(r"(?:'(?:[^']|'')+:(?:[^']|'')+'|" + _NAAM + ":" + _NAAM + ")!")

_TEKST = re.compile(r'"(?:[^"\n]|"")*"')

LEEG_BLAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             b'<worksheet xmlns="' + NS_MAIN.encode() + b'"><sheetData/></worksheet>')


def formuletekst(data: bytes) -> str:
    """Every formula of a sheet part, one per line, unescaped and case-folded ('' without any)."""
    gevonden = _FORMULE.findall(data) if b"<f" in data else []
    if b":f>" in data:
        gevonden += _FORMULE_PREFIX.findall(data)
    tekst = b"\n".join(gevonden).decode("utf-8", "replace")
    if "&" in tekst:
        tekst = html.unescape(tekst)
    if '"' in tekst:  # a text in a formula refers to nothing ("Begroting!L10" is just text)
        tekst = _TEKST.sub('""', tekst)
    return tekst.casefold()


def titel_in(titel: str, tekst: str) -> bool:
    """Whether formulas `tekst` (from `formuletekst`) may refer to sheet `titel` by address."""
    t = titel.casefold()
    return f"{t}!" in tekst or "'" + t.replace("'", "''") + "'!" in tekst


def _naam_in(naam: str, tekst: str) -> bool:
    n = naam.casefold()
    if n not in tekst:
        return False
    return re.search(r"(?<![\w.\\])" + re.escape(n) + r"(?![\w.])", tekst) is not None


def _vluchtig(tekst: str) -> str | None:
    functie = _FUNCTIE.search(tekst) if "(" in tekst else None
    if functie:
        return f"gebruikt {functie.group(1).upper()}"
    if "!" in tekst and _DRIE_D.search(tekst):
        return "verwijst naar een reeks bladen"
    return None


def reden(tekst: str, titels: Collection[str], namen: Collection[str]) -> str | None:
    """Why formulas `tekst` (from `formuletekst`) may compute differently, or None (Dutch)."""
    if not tekst:
        return None
    if "!" in tekst:  # a reference to another sheet by title needs one
        for titel in titels:
            if titel_in(titel, tekst):
                return f"verwijst naar blad '{titel}'"
    per_begin: dict[str, list[str]] = {}  # a large sheet is searched once per distinct start of a name
    for naam in namen:
        per_begin.setdefault(naam.casefold()[:4], []).append(naam)
    for begin, groep in per_begin.items():
        if begin in tekst:
            for naam in groep:
                if _naam_in(naam, tekst):
                    return f"gebruikt de naam {naam}"
    return _vluchtig(tekst)


def afhankelijke_namen(namen: Iterable[Naam], titels: Collection[str], onze: Collection[str]) -> set[str]:
    """`onze` plus every defined name whose text depends on them, on `titels` or on a volatile
    function, directly or through other names."""
    uit = set(onze)
    gezien = {n.casefold() for n in onze}
    lijst = [(n.naam, n.tekst.casefold()) for n in namen]
    gewijzigd = True
    while gewijzigd:
        gewijzigd = False
        for naam, tekst in lijst:
            if naam.casefold() not in gezien and reden(tekst, titels, uit):
                uit.add(naam)
                gezien.add(naam.casefold())
                gewijzigd = True
    return uit


def redenen(pakket: Pakket, gebruiker: Sequence[Blad], titels: Collection[str],
            namen: Collection[str]) -> dict[str, str]:
    """User sheet title → why one of its formulas may compute differently after the update:
    directly, or by referring to a sheet of the user's that may."""
    teksten = {b.titel: formuletekst(pakket.delen.get(b.deel or "", b"")) for b in gebruiker}
    uit: dict[str, str] = {}
    for titel, tekst in teksten.items():
        r = reden(tekst, titels, namen)
        if r:
            uit[titel] = r
    gewijzigd = bool(uit)
    while gewijzigd:
        gewijzigd = False
        for titel, tekst in teksten.items():
            if titel in uit or "!" not in tekst:
                continue
            via = next((t for t in uit if titel_in(t, tekst)), None)
            if via is not None:
                uit[titel] = f"verwijst naar blad '{via}', dat {uit[via]}"
                gewijzigd = True
    return uit


def _onbepaald(tekst: str) -> bool:
    """INDIRECT or a range of sheets: which sheets the formula reads cannot be told from its text."""
    if "indirect(" in tekst and any(m.group(1) == "indirect" for m in _FUNCTIE.finditer(tekst)):
        return True
    return "!" in tekst and _DRIE_D.search(tekst) is not None


def nodige_bladen(pakket: Pakket, bladen: Sequence[Blad], begin: Iterable[str], namen: Iterable[Naam],
                  tabellen: dict[str, str]) -> set[str] | None:
    """Titles of the sheets LibreOffice must compute for the sheets `begin`: those, every sheet
    their formulas (or the names and Tables they use) refer to, and so on; None when that cannot be
    told (INDIRECT or a range of sheets): then every sheet.

    `tabellen`: Table name (case-folded) → the title of its sheet."""
    per_titel = {b.titel: b for b in bladen}
    naamteksten = [(n.naam.casefold(), n.tekst.casefold()) for n in namen]
    nodig: set[str] = set()
    te_doen = list(begin)
    while te_doen:
        titel = te_doen.pop()
        if titel in nodig or titel not in per_titel:
            continue
        nodig.add(titel)
        tekst = formuletekst(pakket.delen.get(per_titel[titel].deel or "", b""))
        teksten = [tekst] + [t for n, t in naamteksten if _naam_in(n, tekst)]
        if any(_onbepaald(t) for t in teksten):
            return None
        for t in teksten:
            te_doen += [b.titel for b in bladen if b.titel not in nodig and titel_in(b.titel, t)]
            te_doen += [blad for tabel, blad in tabellen.items() if blad not in nodig and f"{tabel}[" in t]
    return nodig


def uitgehold(pakket: Pakket, bladen: Sequence[Blad], leeg: Collection[str]) -> bytes:
    """The package as a zip with the worksheets titled in `leeg` replaced by an empty sheet."""
    kopie = Pakket(dict(pakket.delen), pakket.info, pakket.bron)
    for blad in bladen:
        if blad.titel in leeg and blad.deel in kopie.delen:
            kopie.delen[blad.deel] = LEEG_BLAD
    return kopie.naar_bytes()
