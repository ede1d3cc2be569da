"""One worksheet of a user's workbook as rows of values, with what the values alone do not say.

Staff keep their applications in workbooks the way Excel makes them: formulas (with or without a
stored result), buurtscores formatted as percentages, rows hidden by a filter, an Excel Table
with a totals row, a header over two rows with merged cells. openpyxl hands each of these over
as a plain value that would be read wrong without a word, so this module reads the sheet twice
(stored results, and formulas) and keeps, next to each row's values, what a person sees:
which cells are percentages, which hold a formula without a stored result, which rows are hidden
and which rows are a Table's totals row (these three from the sheet's XML, as read-only openpyxl
does not keep them). Judging any of it is `lezen`'s job.

Only the sheet that is read is parsed, by openpyxl's read-only reader, with one exception: the
table of shared strings, which openpyxl would parse whole (4 MB and 2 s for a workbook with a
ledger of 80,000 bookings beside a 30-row 'Aanvragen'): `teksten` takes the strings the sheet uses
from python-calamine instead, so every other value, number format and formula is still openpyxl's
own.
"""

from __future__ import annotations

import itertools
import os
import posixpath
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from defusedxml import ElementTree
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from . import voorcontrole
from .teksten import Teksten, lees_werkmap, werkmapdeel

NS_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
# What `check` and `update` both say of a Strict Open XML workbook (Excel: 'Strict Open XML-werkmap').
STRICT = ("dit is een Strict Open XML-werkmap, en die kan buurtxl update niet bijwerken: sla hem in Excel op als "
          "'Excel-werkmap (.xlsx)' (Bestand › Opslaan als) en probeer het opnieuw")
# Sheets that hold no cells to read: chart sheets, dialog sheets (Excel 5) and macro sheets (Excel 4).
GEEN_WERKBLAD = ("chartsheet", "dialogsheet", "xlMacrosheet", "xlIntlMacrosheet")
# A number format that shows a percentage: a '%' outside quotes and not escaped.
_GEQUOTEERD = re.compile(r'"[^"]*"|\\.')


def is_procent(formaat: object) -> bool:
    return isinstance(formaat, str) and "%" in _GEQUOTEERD.sub("", formaat)


def als_getoond(waarde: object) -> object:
    """A number under a percent format as Excel shows it: 0.68 → 68 (exactly, via its shortest repr)."""
    if isinstance(waarde, bool) or not isinstance(waarde, (int, float, Decimal)):
        return waarde
    getal = Decimal(repr(waarde)) if isinstance(waarde, float) else Decimal(waarde)
    return (getal * 100).normalize()


def is_formule(waarde: object) -> bool:
    """A cell of the formula view holding a formula (text '=…' or openpyxl's ArrayFormula)."""
    if isinstance(waarde, str):
        return waarde.startswith("=") and len(waarde) > 1
    return type(waarde).__name__ in ("ArrayFormula", "DataTableFormula")


def _is_formulecel(cel_: object) -> bool:
    """A cell of the formula view that holds a formula, not text that starts with '='."""
    return getattr(cel_, "data_type", "f") == "f" and is_formule(getattr(cel_, "value", None))


def formuletekst(waarde: object) -> str:
    return waarde if isinstance(waarde, str) else str(getattr(waarde, "text", waarde))


@dataclass
class Blad:
    """A worksheet read for its values; rows and columns are numbered as Excel shows them (from 1)."""

    titel: str
    rijen: list[tuple[int, list[object]]]  # every row up to the last used one
    procent: set[tuple[int, int]] = field(default_factory=set)  # (row, column) under a percent format
    zonder_uitkomst: dict[tuple[int, int], str] = field(default_factory=dict)  # formula, no stored result
    verborgen: set[int] = field(default_factory=set)  # hidden rows (by hand or by a filter)
    totaalrijen: dict[int, str] = field(default_factory=dict)  # row → the Table it closes
    samengevoegd: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # cell → its range's top-left
    verouderd: bool = False  # the workbook declares its stored formula results stale (fullCalcOnLoad)


def cel(rij: int, kolom: int) -> str:
    return f"{get_column_letter(kolom)}{rij}"


@dataclass
class Werkmap:
    """The read-only views of one workbook that reading needs: stored results, and formulas (only
    opened when a sheet that is read has one).

    Read-only: only the sheet that is read gets parsed (a staff workbook of 5 MB with a ledger of
    80,000 rows beside 'Aanvragen' is read in a tenth of a second instead of half a minute)."""

    pad: Path
    waarden: Workbook
    teksten: Teksten
    _formules: Workbook | None = None
    _gecontroleerd: set[str] = field(default_factory=set)  # sheets that passed `voorcontrole.eis_deel`

    overslaan: frozenset[str] = frozenset()  # chart, dialog and macro sheets: no data to look for
    kopie: Path | None = None  # a temporary copy read instead of the file (see `_leesbaar`)

    @property
    def bladnamen(self) -> list[str]:
        """The worksheets, in tab order (chart, dialog and macro sheets left out)."""
        return [t for t in self.waarden.sheetnames if t not in self.overslaan]

    @property
    def formules(self) -> Workbook:
        if self._formules is None:
            self._formules = lees_werkmap(self.pad, self.teksten, data_only=False)
        return self._formules

    def blad(self, titel: str, tot_rij: int | None = None):
        """Worksheet `titel` of the stored results, its strings known up to row `tot_rij`."""
        ws = self.waarden[titel]
        if isinstance(ws, ReadOnlyWorksheet):
            if titel not in self._gecontroleerd:  # its part is read and parsed by expat first
                voorcontrole.eis_deel(self.pad, ws._worksheet_path)
                self._gecontroleerd.add(titel)
            self.teksten.vul(titel, ws._worksheet_path, tot_rij)
        return ws

    def close(self) -> None:
        self.waarden.close()
        if self._formules is not None:
            self._formules.close()
        self.teksten.close()
        if self.kopie is not None:
            self.kopie.unlink(missing_ok=True)


def open_werkmap(pad: Path) -> Werkmap:
    kopie = _leesbaar(pad)
    bron = kopie or pad
    try:
        teksten = Teksten(bron)
        return Werkmap(bron, lees_werkmap(bron, teksten, data_only=True), teksten,
                       overslaan=frozenset(geen_werkbladen(bron)), kopie=kopie)
    except BaseException:
        if kopie is not None:
            kopie.unlink(missing_ok=True)
        raise


# A merged whole column or row as LibreOffice writes it (B:B, 3:3): openpyxl cannot parse it.
_HELE_KOLOM = re.compile(rb'(<(?:\w+:)?mergeCell\s+ref=")([A-Z]{1,3}):([A-Z]{1,3})"')
_HELE_RIJ = re.compile(rb'(<(?:\w+:)?mergeCell\s+ref=")(\d+):(\d+)"')


def _leesbaar(pad: Path) -> Path | None:
    """A temporary copy with each merged whole column or row written out (B:B as B1:B1048576, as
    Excel writes it), when the workbook has one; None otherwise. The user's file is not touched."""
    with zipfile.ZipFile(pad) as zf:
        delen = [i for i in zf.infolist() if i.filename.endswith(".xml") and "worksheets/" in i.filename]
        te_herschrijven = {i.filename for i in delen if _heeft_hele_samenvoeging(zf, i)}
        if not te_herschrijven:
            return None
        fd, naam = tempfile.mkstemp(prefix="buurtxl-lezen-", suffix=pad.suffix)
        os.close(fd)
        with zipfile.ZipFile(naam, "w", zipfile.ZIP_DEFLATED) as uit:
            for info in zf.infolist():
                if info.filename not in te_herschrijven:
                    with zf.open(info) as bron, uit.open(info, "w") as doel:
                        shutil.copyfileobj(bron, doel, _BLOK)
                    continue
                data = _HELE_KOLOM.sub(rb'\1\g<2>1:\g<3>1048576"', zf.read(info))
                uit.writestr(info, _HELE_RIJ.sub(rb'\1A\g<2>:XFD\g<3>"', data))
    return Path(naam)


_BLOK = 1 << 20


def _heeft_hele_samenvoeging(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether a sheet part merges a whole column or row, read in blocks: a million-row sheet is
    never held in memory whole (it is refused for its rows later, sheet by sheet)."""
    staart = b""
    with zf.open(info) as f:
        while blok := f.read(_BLOK):
            data = staart + blok
            if b"mergeCell" in data and (_HELE_KOLOM.search(data) or _HELE_RIJ.search(data)):
                return True
            staart = data[-256:]  # a tag cut between two blocks is found in the next
    return False


def geen_werkbladen(pad: Path) -> list[str]:
    """Titles of the sheets that are not worksheets (by their relationship's type): openpyxl reads a
    dialog or macro sheet as an empty worksheet and a chart sheet as a sheet without cells."""
    with zipfile.ZipFile(pad) as zf:
        deel = werkmapdeel(zf)
        map_, naam = posixpath.split(deel)
        rels = posixpath.join(map_, "_rels", naam + ".rels")
        if deel not in zf.namelist() or rels not in zf.namelist():
            return []
        soorten = {r.get("Id"): r.get("Type", "").rsplit("/", 1)[-1] for r in ElementTree.fromstring(zf.read(rels))}
        uit = []
        for element in ElementTree.fromstring(zf.read(deel)).iter():
            if element.tag.rsplit("}", 1)[-1] == "sheet":
                rid = next((v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == "id"), None)
                if soorten.get(rid) in GEEN_WERKBLAD:
                    uit.append(element.get("name", ""))
        return uit


def is_strict(pad: Path) -> bool:
    """Whether the workbook is Strict Open XML (its workbook part in the purl.oclc.org namespace)."""
    try:
        with zipfile.ZipFile(pad) as zf:
            deel = werkmapdeel(zf)
            if deel not in zf.namelist():
                return False
            with zf.open(deel) as f:
                for _, element in ElementTree.iterparse(f, events=("start",)):
                    return element.tag == f"{{{NS_STRICT}}}workbook"
    except (OSError, zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        return False
    return False


def lees_blad(werkmap: Werkmap, titel: str) -> Blad:
    ws = werkmap.blad(titel)
    ws.reset_dimensions()  # a wrong stored size would cut rows off
    blad = Blad(titel=ws.title, rijen=[], verouderd=uitkomsten_verouderd(werkmap.pad))
    if werkmap.teksten.heeft_formules(titel):
        wf = werkmap.formules[titel]
        wf.reset_dimensions()
        formulerijen = wf.iter_rows()
    else:  # no formula in the sheet: no second reading
        formulerijen = itertools.repeat(())
    for r, (rij, formules) in enumerate(zip(ws.iter_rows(), formulerijen, strict=False), start=1):
        waarden: list[object] = []
        for k, cel_ in enumerate(rij, start=1):
            waarde = getattr(cel_, "value", None)
            if (waarde is None or blad.verouderd) and k <= len(formules) and _is_formulecel(formules[k - 1]):
                blad.zonder_uitkomst[(r, k)] = formuletekst(formules[k - 1].value)
                waarde = None  # a stale result is no result: XlsxWriter stores 0 for every formula
            elif (isinstance(waarde, (int, float)) and not isinstance(waarde, bool)
                  and is_procent(getattr(cel_, "number_format", None))):
                blad.procent.add((r, k))
            waarden.append(waarde)
        blad.rijen.append((r, waarden))
    _lees_opbouw(werkmap.pad, ws._worksheet_path, blad)
    return blad


# A row's start tag (any namespace prefix) and its row number, if it has one.
_RIJ = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?row(?=[\s/>])[^>]*?(?:\sr\s*=\s*["\'](\d+))?')


def meer_rijen_dan(pad: Path, deel: str, grens: int) -> bool:
    """Whether the sheet in part `deel` has rows beyond row `grens`, counted from its XML as it streams
    (stopping at the first such row): reading a million rows through openpyxl takes minutes, this
    takes a fraction of a second. A row numbered past `grens` counts too: openpyxl fills the gap.
    `deel` is the sheet's part (a read-only openpyxl sheet's `_worksheet_path`)."""
    gezien, rest = 0, b""
    with zipfile.ZipFile(pad) as zf, zf.open(deel) as f:
        while blok := f.read(1 << 20):
            tekst = rest + blok
            # A tag cut at the block's end is counted in the next round.
            einde = tekst.rfind(b"<")
            einde = einde if einde > len(tekst) - 4096 else len(tekst)
            for m in _RIJ.finditer(tekst, 0, einde):
                gezien += 1
                if gezien > grens or (m.group(1) and int(m.group(1)) > grens):
                    return True
            rest = tekst[einde:]
    return False


def uitkomsten_verouderd(pad: Path) -> bool:
    """Whether the workbook says its stored formula results are stale: `fullCalcOnLoad` in its
    `calcPr`. XlsxWriter and openpyxl write it (XlsxWriter stores 0 as every formula's result,
    openpyxl none); Excel and LibreOffice clear it when they save, with the results they computed."""
    with zipfile.ZipFile(pad) as zf:
        deel = werkmapdeel(zf)
        if deel not in zf.namelist():
            return False
        for element in ElementTree.fromstring(zf.read(deel)):
            if element.tag.rsplit("}", 1)[-1] == "calcPr":
                return element.get("fullCalcOnLoad") in ("1", "true")
    return False


def _lees_opbouw(pad: Path, deel: str, blad: Blad) -> None:
    """Hidden rows, merged cells and Tables, from the sheet's XML (read-only openpyxl skips them)."""
    with zipfile.ZipFile(pad) as zf:
        with zf.open(deel) as f:
            for _, element in ElementTree.iterparse(f):
                naam = element.tag.rsplit("}", 1)[-1]
                if naam == "row":
                    if element.get("hidden") in ("1", "true") and element.get("r"):
                        blad.verborgen.add(int(element.get("r")))
                    element.clear()
                elif naam == "mergeCell" and element.get("ref"):
                    _samengevoegd(blad, element.get("ref"))
        for tabel in _tabellen(zf, deel):
            aantal = int(tabel.get("totalsRowCount") or 0)
            if aantal and tabel.get("ref"):
                onder = range_boundaries(tabel.get("ref"))[3]
                for r in range(onder - aantal + 1, onder + 1):
                    blad.totaalrijen[r] = tabel.get("displayName") or tabel.get("name") or ""


def _samengevoegd(blad: Blad, ref: str) -> None:
    """Each cell of a merged range, within the rows and columns read: Excel for Mac stores a merged
    whole column as B1:B1048576, LibreOffice as B:B (no row numbers at all)."""
    links, boven, rechts, onder = range_boundaries(ref)
    hoogste_rij = blad.rijen[-1][0] if blad.rijen else 0
    breedste = max((len(w) for _, w in blad.rijen), default=0)
    boven, links = boven or 1, links or 1
    onder = min(onder or hoogste_rij, hoogste_rij)
    rechts = min(rechts or breedste, breedste)
    for r in range(boven, onder + 1):
        for k in range(links, rechts + 1):
            blad.samengevoegd[(r, k)] = (boven, links)


def _tabellen(zf: zipfile.ZipFile, deel: str) -> list:
    """The Table parts (ListObjects) of sheet part `deel`, via its relationships."""
    map_, naam = posixpath.split(deel)
    rels = posixpath.join(map_, "_rels", naam + ".rels")
    if rels not in zf.namelist():
        return []
    tabellen = []
    for rel in ElementTree.fromstring(zf.read(rels)):
        if rel.get("Type", "").endswith("/table") and rel.get("TargetMode") != "External":
            doel = rel.get("Target", "")
            doel = doel.lstrip("/") if doel.startswith("/") else posixpath.normpath(posixpath.join(map_, doel))
            if doel in zf.namelist():
                tabellen.append(ElementTree.fromstring(zf.read(doel)))
    return tabellen
