"""One of buurtxl's sheets as a grid of labels, to find a cell by what it is instead of where it is.

`pakket.volgen` ties each of the user's references into our sheets to the labelled cell it points at
(`sleutel`) and finds the cell with the same labels in the new sheet (`zoek`):

- in the Begroting's table: the column header and the row's buurt (the sheet its buurt cell points
  at, or that cell's text: 'Totaal' for the totals row); beside the table: the label on the left and
  the header above; the header row by its text;
- on every other sheet of ours (buurt sheets, Regeling, …): the row's label in column A (the n-th
  row of that label) and the column;
- rows above the Begroting's header, and rows without a label, by position.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from openpyxl.utils.cell import column_index_from_string, range_boundaries

from .onderdelen import NS_MAIN, Pakket, xml
from .verwijzingen import bladen_in

M = f"{{{NS_MAIN}}}"
CEL = re.compile(r"(\$?)([A-Za-z]{1,3})(\$?)(\d+)")
Sleutel = tuple


@dataclass
class Rooster:
    """What locates a cell on one of our sheets: the text of each text cell, each formula, the Table."""

    tekst: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) → text
    formule: dict[tuple[int, int], str] = field(default_factory=dict)
    tabel: tuple[int, int, int, int] | None = None  # (first column, header row, last column, last row)
    _rijen: dict[str, list[int]] | None = None
    _kolom_a: dict[int, str | None] = field(default_factory=dict)

    def rijlabel(self, rij: int) -> str | None:
        """Column A's label: the sheet its formula points at (a Begroting row), else its text."""
        if rij not in self._kolom_a:
            label = None
            formule = self.formule.get((rij, 1))
            titels = bladen_in(formule) if formule else set()
            if len(titels) == 1:
                label = "blad " + titels.pop()
            elif (tekst := self.tekst.get((rij, 1), "").strip()):
                label = tekst
            self._kolom_a[rij] = label
        return self._kolom_a[rij]

    def rijen(self) -> dict[str, list[int]]:
        """Label → the rows that carry it in column A, top to bottom."""
        if self._rijen is None:
            self._rijen = defaultdict(list)
            for rij in sorted({r for r, k in (*self.tekst, *self.formule) if k == 1}):
                if (label := self.rijlabel(rij)) is not None:
                    self._rijen[label].append(rij)
        return self._rijen

    def kop(self, kolom: int) -> str | None:
        if self.tabel is None:
            return None
        tekst = self.tekst.get((self.tabel[1], kolom), "").strip()
        return tekst or None


def rooster(pakket: Pakket, deel: str) -> Rooster:
    """The grid of one sheet part (texts through the shared strings, formulas, the first Table)."""
    teksten = gedeelde_teksten(pakket)
    uit = Rooster()
    for cel in xml(pakket.delen[deel]).iter(f"{M}c"):
        adres = cel.get("r")
        if not adres:
            continue
        k, r = _positie(adres)
        soort, v, f = cel.get("t"), cel.find(f"{M}v"), cel.find(f"{M}f")
        if f is not None and f.text:
            uit.formule[(r, k)] = f.text
        if soort == "s" and v is not None and (v.text or "").isdigit() and int(v.text) < len(teksten):
            uit.tekst[(r, k)] = teksten[int(v.text)]
        elif soort == "inlineStr":
            uit.tekst[(r, k)] = "".join(t.text or "" for t in cel.iter(f"{M}t"))
        elif soort == "str" and v is not None:
            uit.tekst[(r, k)] = v.text or ""
    for rel in pakket.relaties(deel):
        if rel.soort == "table" and rel.doel in pakket.delen:
            ref = xml(pakket.delen[rel.doel]).get("ref", "")
            try:
                k1, r1, k2, r2 = range_boundaries(ref)
            except (ValueError, TypeError):
                continue
            if None not in (k1, r1, k2, r2):
                uit.tabel = (k1, r1, k2, r2)
                break
    return uit


def gedeelde_teksten(pakket: Pakket) -> list[str]:
    """The workbook's shared strings as text (phonetic runs left out)."""
    deel = next((r.doel for r in pakket.relaties(pakket.werkboek()) if r.soort == "sharedStrings"), None)
    if deel is None or deel not in pakket.delen:
        return []
    return ["".join(t.text or "" for t in (*si.iterfind(f"{M}t"), *si.iterfind(f"{M}r/{M}t")))
            for si in xml(pakket.delen[deel]).iterfind(f"{M}si")]


def _positie(adres: str) -> tuple[int, int]:
    m = CEL.fullmatch(adres)
    if m is None:
        raise ValueError(adres)
    return column_index_from_string(m.group(2).upper()), int(m.group(4))


# -- the labelled cell -----------------------------------------------------------------------------

def sleutel(r: Rooster, rol: str, rij: int, kolom: int) -> Sleutel:
    """What a cell is, in words that survive a change of layout."""
    if rol == "begroting" and r.tabel is not None:
        k1, kop, k2, _ = r.tabel
        if rij == kop and r.kop(kolom):
            return ("kop", r.kop(kolom))
        if rij > kop and k1 <= kolom <= k2 and r.rijlabel(rij) and r.kop(kolom):
            return ("tabel", r.rijlabel(rij), r.kop(kolom))
        links = r.tekst.get((rij, kolom - 1), "").strip()
        if rij > kop and kolom > k2 and links:
            return ("naast", links, r.kop(kolom))
        return ("cel", rij, kolom)
    label = r.rijlabel(rij)
    if label is None:
        return ("cel", rij, kolom)
    return ("rij", label, r.rijen()[label].index(rij), kolom)


def zoek(r: Rooster, rol: str, s: Sleutel) -> tuple[int, int] | None:
    """The cell of `r` with key `s`, or None when there is none."""
    soort = s[0]
    if soort == "cel":
        return s[1], s[2]
    if soort == "rij":
        rijen = r.rijen().get(s[1], [])
        return (rijen[s[2]], s[3]) if s[2] < len(rijen) else None
    if r.tabel is None:
        return None
    k1, kop, k2, r2 = r.tabel
    kolommen = {r.kop(k): k for k in range(r.tabel[0], max(k for _, k in (*r.tekst, (0, k2))) + 1) if r.kop(k)}
    if soort == "kop":
        return (kop, kolommen[s[1]]) if s[1] in kolommen else None
    if soort == "tabel":
        rij = next((i for i in range(kop + 1, r2 + 1) if r.rijlabel(i) == s[1]), None)
        kolom = kolommen.get(s[2])
        return (rij, kolom) if rij is not None and kolom is not None and kolom <= k2 else None
    if soort == "naast":
        for (rij, kolom), tekst in sorted(r.tekst.items()):
            if rij > kop and kolom > k2 - 1 and tekst.strip() == s[1] and r.kop(kolom + 1) == s[2]:
                return rij, kolom + 1
    return None


