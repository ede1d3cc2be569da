"""The user's references by cell address into buurtxl's sheets.

buurtxl's layout follows the number of buurten, so `Begroting!L10` may hold something else after an
update. Defined names (`Begroting_Totaal`) and structured references (`Begrotingstabel[Totaal]`)
move with the content; a plain address does not. These are listed before writing, as a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .onderdelen import NS_MAIN, Pakket, xml
from .werkboek import Blad, Naam

M = f"{{{NS_MAIN}}}"
_ADRES = r"\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d+:\$?\d+"
_VERWIJZING = re.compile(r"(?:'((?:[^']|'')+)'|([^\s'!:=(),;&+\-*/^<>{}\[\]\"]+))!(" + _ADRES + ")")


_TEKST = re.compile(r'"(?:[^"]|"")*"')


@dataclass(frozen=True)
class Treffer:
    """One reference by address in a formula text: `tekst[begin:eind]` is `Blad!A1`, `'Blad 2'!A1:B3`, …"""

    titel: str
    adres: str  # as written, `$` included
    begin: int
    adres_begin: int
    eind: int


def treffers(tekst: str, titels: set[str] | None = None) -> list[Treffer]:
    """Each reference by address in a formula or name text, outside string literals and not into
    another workbook (`[1]Blad!A1`); only those into `titels` when given."""
    teksten = [m.span() for m in _TEKST.finditer(tekst)]
    uit = []
    for m in _VERWIJZING.finditer(tekst):
        if any(a <= m.start() < b for a, b in teksten) or tekst[max(m.start() - 1, 0):m.start()] == "]":
            continue
        titel = m.group(1).replace("''", "'") if m.group(1) is not None else m.group(2)
        if titels is None or titel in titels:
            uit.append(Treffer(titel, m.group(3), m.start(), m.start(3), m.end(3)))
    return uit


@dataclass(frozen=True)
class Verwijzing:
    van: str  # "Rapportage!B1" or "naam MijnTotaal"
    naar: str  # "Begroting!L10"

    def __str__(self) -> str:
        return f"{self.van} → {self.naar}"


def in_tekst(tekst: str, titels: set[str]) -> list[str]:
    """Each `Blad!A1` in a formula or name text whose sheet is in `titels`, as `Blad!A1`."""
    return [f"{t.titel}!{t.adres.replace('$', '')}" for t in treffers(tekst, titels)]


def bladen_in(tekst: str) -> set[str]:
    """The sheet titles a formula or name text refers to by address."""
    return {t.titel for t in treffers(tekst)}


def zoek(pakket: Pakket, gebruiker: Iterable[Blad], namen: Iterable[Naam], titels: set[str]) -> list[Verwijzing]:
    """References from the user's sheets (`gebruiker`) and names into the sheets titled in `titels`."""
    from .afhankelijkheid import formuletekst, titel_in

    uit: list[Verwijzing] = []
    for blad in gebruiker:
        data = pakket.delen.get(blad.deel or "")
        if data is None or b"<f" not in data or b"!" not in data:
            continue  # no formulas, or none that refers to another sheet: skip parsing
        tekst = formuletekst(data)  # one regex over the part: a ledger of 240,000 formulas in 0.1 s
        if not any(titel_in(t, tekst) for t in titels):
            continue  # none that can name one of our sheets
        for cel in xml(data).iter(f"{M}c"):
            formule = cel.find(f"{M}f")
            if formule is not None and formule.text:
                for doel in in_tekst(formule.text, titels):
                    uit.append(Verwijzing(f"{blad.titel}!{cel.get('r', '?')}", doel))
    for naam in namen:
        for doel in in_tekst(naam.tekst, titels):
            uit.append(Verwijzing(f"naam {naam.naam}", doel))
    return uit
