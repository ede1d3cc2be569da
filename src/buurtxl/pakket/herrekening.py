"""LibreOffice recalculates the user's sheets before and after the update: the values must agree.

An independent engine, not our own code, says whether anything the user computes changed. It only
runs where something can (`plan`, with `afhankelijkheid`): on the user's sheets whose formulas
depend on buurtxl's sheets, names or tables, or on a volatile function, and the sheets those refer
to; the user's other sheets are emptied in both copies, so LibreOffice does not compute them.
Cells whose formulas depend on buurtxl's sheets or names (directly, or through other cells) may
change with the budget; they are listed as warnings by `verwijzingen` and left out here.
"""

from __future__ import annotations

import math
import re
import shutil
import tempfile
import zipfile
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from openpyxl.utils.cell import column_index_from_string, range_boundaries

from ..model import BuurtxlFout
from . import afhankelijkheid, werkboek
from .onderdelen import NS_MAIN, Pakket, xml
from .rooster import gedeelde_teksten
from .werkboek import Blad, bladen as bladen_van

M = f"{{{NS_MAIN}}}"
# Functions whose value changes on every recalculation: such a cell may differ between two runs.
WISSELEND = ("NOW", "TODAY", "RAND", "RANDBETWEEN", "RANDARRAY", "CELL", "INFO")
_VLUCHTIG = re.compile(r"\b(?:" + "|".join(WISSELEND) + r")\s*\(", re.IGNORECASE)
_REF = re.compile(
    r"(?:(?:'((?:[^']|'')+)'|([A-Za-z_\u00c0-\uffff][\w.\u00c0-\uffff]*))!)?"
    r"(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)"
)


def afhankelijk(pakket: Pakket, gebruiker: Sequence[Blad], titels: set[str], namen: Iterable[str]) -> set[str]:
    """`Blad!A1` of each user cell whose formula depends on buurtxl's sheets (`titels`), names or
    tables (`namen`), or on a volatile function (NOW, RAND, …), directly or through other user cells."""
    formules: dict[str, str] = {}
    for blad in gebruiker:
        data = pakket.delen.get(blad.deel or "")
        if data is None or b"<f" not in data:
            continue
        gedeeld: dict[str, str] = {}
        for cel in xml(data).iter(f"{M}c"):
            f = cel.find(f"{M}f")
            if f is None:
                continue
            tekst = f.text or gedeeld.get(f.get("si", ""), "")
            if f.get("t") == "shared" and f.text:
                gedeeld[f.get("si", "")] = f.text
            formules[f"{blad.titel}!{cel.get('r', '')}"] = tekst
    woorden = [re.compile(r"(?<![\w.])" + re.escape(n) + r"(?![\w])", re.IGNORECASE) for n in namen]
    titels_q = list(titels)
    uit = {c for c, f in formules.items()
           if any(f"{t}!" in f or f"'{t.replace(chr(39), chr(39) * 2)}'!" in f for t in titels_q)
           or any(w.search(f) for w in woorden) or _VLUCHTIG.search(f)}
    gewijzigd = True
    while gewijzigd:
        gewijzigd = False
        per_blad: dict[str, list[tuple[int, int]]] = {}
        for c in uit:
            titel, adres = c.rsplit("!", 1)
            kolom = adres.rstrip("0123456789")
            per_blad.setdefault(titel, []).append((column_index_from_string(kolom), int(adres[len(kolom):])))
        for c, f in formules.items():
            if c in uit:
                continue
            eigen_blad = c.rsplit("!", 1)[0]
            for m in _REF.finditer(f):
                titel = m.group(1).replace("''", "'") if m.group(1) else (m.group(2) or eigen_blad)
                try:
                    k1, r1, k2, r2 = range_boundaries(m.group(3).replace("$", ""))
                except ValueError:
                    continue
                if any(k1 <= k <= k2 and r1 <= r <= r2 for k, r in per_blad.get(titel, [])):
                    uit.add(c)
                    gewijzigd = True
                    break
    return uit


@dataclass(frozen=True)
class Plan:
    """What LibreOffice must verify after an update (`plan`)."""

    redenen: dict[str, str]  # user sheet → why its values may change (Dutch); empty: nothing to verify
    bladen: list[str]  # the user's sheets LibreOffice computes and compares
    leeg: list[str]  # the user's sheets emptied in both copies: nothing there can change or be read
    namen: set[str]  # buurtxl's names and the user's names that depend on buurtxl's sheets


def plan(pakket: Pakket, gebruiker: Sequence[Blad], titels: set[str], namen: Iterable[str]) -> Plan:
    """Which of the user's sheets can compute differently after the update, and which sheets
    LibreOffice must compute to check them (`afhankelijkheid`)."""
    alle_namen = werkboek.namen(pakket)
    afhankelijke = afhankelijkheid.afhankelijke_namen(alle_namen, titels, set(namen))
    redenen = afhankelijkheid.redenen(pakket, gebruiker, titels, afhankelijke)
    if not redenen:
        return Plan({}, [], [], afhankelijke)
    tabellen = {naam.casefold(): blad for blad, naam in _tabellen(pakket, gebruiker)}
    nodig = afhankelijkheid.nodige_bladen(pakket, gebruiker, redenen, alle_namen, tabellen)
    if nodig is None:  # INDIRECT or a range of sheets: every sheet may be read
        return Plan(redenen, [b.titel for b in gebruiker], [], afhankelijke)
    return Plan(redenen, [b.titel for b in gebruiker if b.titel in nodig],
                [b.titel for b in gebruiker if b.titel not in nodig], afhankelijke)


def _tabellen(pakket: Pakket, gebruiker: Sequence[Blad]) -> list[tuple[str, str]]:
    """(sheet title, Table name) of each Table on the user's sheets."""
    uit = []
    for blad in gebruiker:
        for rel in pakket.relaties(blad.deel or ""):
            if rel.soort == "table" and rel.doel in pakket.delen:
                tabel = xml(pakket.delen[rel.doel])
                uit += [(blad.titel, n) for n in (tabel.get("name"), tabel.get("displayName")) if n]
    return uit


def vergelijk(origineel: Path, nieuw: Path, bladen: Sequence[str], toegestaan: set[str],
              leeg: Collection[str] = ()) -> list[str]:
    """Dutch descriptions of each value LibreOffice computes differently in the user's `bladen`;
    the sheets titled in `leeg` are emptied in both copies first (nothing on them can change)."""
    from .. import herberekenen

    with tempfile.TemporaryDirectory(prefix="buurtxl-controle-") as map_:
        invoer = Path(map_) / "in"
        invoer.mkdir()
        a, b = invoer / f"origineel{origineel.suffix}", invoer / f"bijgewerkt{origineel.suffix}"
        for bron, kopie in ((origineel, a), (nieuw, b)):
            if leeg:
                pakket = Pakket.lees(bron.read_bytes())
                kopie.write_bytes(afhankelijkheid.uitgehold(pakket, werkboek.bladen(pakket), leeg))
            else:
                shutil.copyfile(bron, kopie)
        voor, na = herberekenen.converteer([a, b], Path(map_) / "uit")
        waarden_voor, waarden_na = _waarden(voor, bladen), _waarden(na, bladen)
    uit = []
    for cel in sorted(set(waarden_voor) | set(waarden_na)):
        x, y = waarden_voor.get(cel), waarden_na.get(cel)
        if cel not in toegestaan and not _gelijk(x, y):
            uit.append(f"{cel}: {x!r} → {y!r}")
    return uit


class Onleesbaar(BuurtxlFout):
    """LibreOffice's recalculated copy cannot be read (message in Dutch; `bijwerken` names the workbook)."""


def _waarden(pad: Path, bladen: Sequence[str]) -> dict[str, object]:
    """The stored values of the sheets titled `bladen` in LibreOffice's copy, read from its XML.

    Not through openpyxl: LibreOffice writes things openpyxl cannot parse (a merged whole column as
    `B:B`), and the check must not fail on the form of a file whose values it only compares. Both
    copies are read the same way, so a value's type is compared like for like.
    """
    try:
        pakket = Pakket.lees(pad.read_bytes())
        teksten = gedeelde_teksten(pakket)
        delen = {b.titel: b.deel for b in bladen_van(pakket)}
        uit: dict[str, object] = {}
        for titel in bladen:
            deel = delen.get(titel)
            if deel is None or deel not in pakket.delen:
                uit[f"{titel}!"] = "blad ontbreekt"
                continue
            for cel in xml(pakket.delen[deel]).iter(f"{M}c"):
                waarde = _waarde(cel, teksten)
                if waarde is not None:
                    uit[f"{titel}!{cel.get('r', '?')}"] = waarde
        return uit
    except (OSError, KeyError, ValueError, IndexError, zipfile.BadZipFile, etree.XMLSyntaxError) as fout:
        raise Onleesbaar(f"{fout.__class__.__name__}: {fout}".rstrip(": ")) from None


def _waarde(cel: etree._Element, teksten: list[str]) -> object:
    soort = cel.get("t", "n")
    if soort == "inlineStr":
        return "".join(t.text or "" for t in cel.iter(f"{M}t"))
    v = cel.find(f"{M}v")
    if v is None or v.text is None:
        return None
    if soort == "s":
        return teksten[int(v.text)]
    if soort in ("str", "e"):
        return v.text
    if soort == "b":
        return v.text in ("1", "true")
    tekst = v.text.strip()
    return int(tekst) if tekst.lstrip("-").isdigit() else float(tekst)


def _gelijk(x: object, y: object) -> bool:
    if isinstance(x, (int, float)) and isinstance(y, (int, float)) and not isinstance(x, bool):
        return math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-9)
    return x == y
