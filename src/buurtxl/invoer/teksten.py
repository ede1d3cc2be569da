"""The shared strings of a workbook, only as far as the sheets that are read use them.

openpyxl's reader parses a workbook's whole table of shared strings before it reads any cell: 4 MB
and two seconds for a workbook with a ledger of 80,000 bookings beside a 30-row 'Aanvragen'.
`Teksten` stands in for that table. When a sheet is about to be read (`vul`), it looks up which
string each of the sheet's cells names (its `<c t="s"><v>i</v>` elements) and takes those strings
from python-calamine's reading of the same sheet (Rust: the whole table in a few tens of
milliseconds). `lees_werkmap` is openpyxl's read-only reader with this table, so every value,
number format and formula is still openpyxl's own. Strings the two libraries read differently
(Excel's _xHHHH_ escapes, control characters) come from openpyxl's own table, built only then.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from defusedxml import ElementTree
from openpyxl.reader.excel import ExcelReader
from openpyxl.reader.strings import read_string_table
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# Control characters and Excel's _xHHHH_ escapes: openpyxl and calamine read these differently
# (openpyxl keeps '_x000D_' as text), so such a string is taken from openpyxl's table.
_ANDERS_GELEZEN = re.compile(r"[\x00-\x08\x0b-\x1f]|_x[0-9A-Fa-f]{4}_")


class Teksten:
    """The shared strings of one workbook as openpyxl's reader asks for them (`teksten[i]`),
    filled per sheet (`vul`) from calamine's values of the cells that name them."""

    def __init__(self, pad: Path):
        self.pad = pad
        self._tekst: dict[int, str] = {}
        self._gelezen: dict[str, int | None] = {}  # title → rows covered (None: all)
        self._formules: set[str] = set()  # titles of sheets with a formula in the rows covered
        self._calamine: CalamineWorkbook | None = None
        self._alle: list[str] | None = None  # openpyxl's own table: only for strings calamine reads differently

    def __getitem__(self, index: int) -> str:
        tekst = self._tekst.get(index)
        return tekst if tekst is not None else self._openpyxl(index)

    def heeft_formules(self, titel: str) -> bool:
        return titel in self._formules

    def vul(self, titel: str, deel: str, tot_rij: int | None = None) -> None:
        """Learn the strings of sheet `titel` (part `deel`) up to row `tot_rij` (all rows: None)."""
        if titel in self._gelezen:
            gedaan = self._gelezen[titel]
            if gedaan is None or (tot_rij is not None and gedaan >= tot_rij):
                return
        nodig: list[tuple[int, int, int]] = []  # (row, column, string index)
        with zipfile.ZipFile(self.pad) as zf, zf.open(deel) as f:
            for _, element in ElementTree.iterparse(f):
                naam = element.tag
                if naam == f"{_NS}c":
                    if element.get("t") == "s":
                        v = element.find(f"{_NS}v")
                        if v is not None and v.text and element.get("r"):
                            kolom, rij = coordinate_from_string(element.get("r"))
                            nodig.append((rij, column_index_from_string(kolom), int(v.text)))
                elif naam == f"{_NS}f":
                    self._formules.add(titel)
                elif naam == f"{_NS}row":
                    element.clear()
                    if tot_rij is not None and int(element.get("r") or 0) >= tot_rij:
                        break
        self._gelezen[titel] = tot_rij
        if not nodig:
            return
        if self._calamine is None:
            import python_calamine

            self._calamine = python_calamine.CalamineWorkbook.from_path(str(self.pad))
        hoogste = max(r for r, _, _ in nodig)
        rijen = self._calamine.get_sheet_by_name(titel).to_python(skip_empty_area=False, nrows=hoogste)
        for r, k, index in nodig:
            waarde = rijen[r - 1][k - 1] if r <= len(rijen) and k <= len(rijen[r - 1]) else None
            if isinstance(waarde, str) and not _ANDERS_GELEZEN.search(waarde):
                self._tekst[index] = waarde

    def _openpyxl(self, index: int) -> str:
        if self._alle is None:
            with zipfile.ZipFile(self.pad) as zf:
                deel = _tekstendeel(zf)
                with zf.open(deel) as f:
                    self._alle = read_string_table(f)
        return self._alle[index]

    def close(self) -> None:
        if self._calamine is not None:
            self._calamine.close()


class _Lezer(ExcelReader):
    """openpyxl's read-only reader, with the shared strings of `_Teksten` and without reading the
    start of every sheet for its stored size (`lees_blad` ignores that size anyway)."""

    def __init__(self, pad: Path, teksten: Teksten, data_only: bool):
        super().__init__(pad, read_only=True, data_only=data_only)
        self._teksten = teksten

    def read_strings(self) -> None:
        self.shared_strings = self._teksten

    def read_worksheets(self) -> None:
        grootte = ReadOnlyWorksheet._get_size
        ReadOnlyWorksheet._get_size = lambda self: None
        try:
            super().read_worksheets()
        finally:
            ReadOnlyWorksheet._get_size = grootte


def lees_werkmap(pad: Path, teksten: Teksten, *, data_only: bool) -> Workbook:
    """openpyxl's read-only workbook of `pad`, its shared strings from `teksten`."""
    lezer = _Lezer(pad, teksten, data_only)
    lezer.read()
    return lezer.wb


def _tekstendeel(zf: zipfile.ZipFile) -> str:
    """The shared strings part, named by the workbook's relationships (normally xl/sharedStrings.xml)."""
    deel = werkmapdeel(zf)
    map_, naam = posixpath.split(deel)
    rels = posixpath.join(map_, "_rels", naam + ".rels")
    if rels in zf.namelist():
        for rel in ElementTree.fromstring(zf.read(rels)):
            if rel.get("Type", "").endswith("/sharedStrings"):
                doel = rel.get("Target", "")
                return doel.lstrip("/") if doel.startswith("/") else posixpath.normpath(posixpath.join(map_, doel))
    return "xl/sharedStrings.xml"


def werkmapdeel(zf: zipfile.ZipFile) -> str:
    """The workbook part named by the package's relationships (almost always xl/workbook.xml)."""
    if "_rels/.rels" in zf.namelist():
        for rel in ElementTree.fromstring(zf.read("_rels/.rels")):
            if rel.get("Type", "").endswith("/officeDocument"):
                return rel.get("Target", "").lstrip("/")
    return "xl/workbook.xml"
