"""Shared cell styles, registered once per workbook as named styles.

Named styles keep a workbook with thousands of rows small and fast to write: every cell points
at one style record instead of carrying its own font, fill and number format.
"""

from __future__ import annotations

import functools
import weakref
from copy import copy

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.worksheet.worksheet import Worksheet

from .. import opmaak
from ..opmaak import INVOERKLEUR

# The number formats (one place: `opmaak`), by the short names the sheet writers use.
EURO = opmaak.EURO_FORMAAT
PROCENT = opmaak.PROCENT_FORMAAT
AANTAL = opmaak.AANTAL_FORMAAT
SCORE = opmaak.SCORE_FORMAAT
DATUM = opmaak.DATUM_FORMAAT

_KOP_KLEUR = "1F4E78"
_dun = Side(style="thin", color="BFBFBF")


def _stijl(naam: str, *, invoer: bool = False, formaat: str = "General", **kwargs) -> NamedStyle:
    # Top-aligned everywhere: labels, values and wrapped explanations of a row line up.
    stijl = NamedStyle(name=naam, number_format=formaat, alignment=Alignment(vertical="top"))
    stijl.protection = Protection(locked=not invoer)
    stijl.font = _letter()
    if invoer:
        stijl.fill = PatternFill("solid", fgColor=INVOERKLEUR)
        stijl.border = Border(left=_dun, right=_dun, top=_dun, bottom=_dun)
    for attr, waarde in kwargs.items():
        setattr(stijl, attr, waarde)
    return stijl


def _letter(**kenmerken: object) -> Font:
    """Calibri 11 unless told otherwise: a font without a name prints in LibreOffice's default
    serif, wider than Calibri (headers wrapped, columns pushed onto the next page)."""
    kenmerken.setdefault("size", 11)
    return Font(name="Calibri", **kenmerken)


def _alle() -> list[NamedStyle]:
    return [
        _stijl("bx titel", font=_letter(bold=True, size=14, color=_KOP_KLEUR)),
        _stijl("bx kop", font=_letter(bold=True, color="FFFFFF"),
               fill=PatternFill("solid", fgColor=_KOP_KLEUR),
               alignment=Alignment(wrap_text=True, vertical="center")),  # header rows
        _stijl("bx label", font=_letter(bold=True), alignment=Alignment(vertical="top")),
        _stijl("bx tekst", alignment=Alignment(wrap_text=True, vertical="top")),
        _stijl("bx uitleg", font=_letter(italic=True, color="595959"),
               alignment=Alignment(wrap_text=True, vertical="top")),
        _stijl("bx link", font=_letter(color="0563C1", underline="single")),
        _stijl("bx noot", font=_letter(italic=True, color="595959")),
        _stijl("bx status", alignment=Alignment(horizontal="center", vertical="top")),
        _stijl("bx euro", formaat=EURO),
        _stijl("bx euro totaal", formaat=EURO, font=_letter(bold=True)),
        _stijl("bx procent", formaat=PROCENT),
        _stijl("bx aantal", formaat=AANTAL),
        _stijl("bx score", formaat=SCORE),
        _stijl("bx datum", formaat=DATUM, alignment=Alignment(horizontal="center", vertical="top")),
        _stijl("bx invoer tekst", invoer=True, formaat="@"),
        _stijl("bx invoer euro", invoer=True, formaat=EURO),
        _stijl("bx invoer aantal", invoer=True, formaat=AANTAL),
        _stijl("bx invoer score", invoer=True, formaat=SCORE),
        _stijl("bx invoer procent", invoer=True, formaat=PROCENT),
        _stijl("bx invoer datum", invoer=True, formaat=DATUM),
        _stijl("bx invoer", invoer=True),
    ]


# Per workbook: named style → its NamedStyle. openpyxl's `cell.style = name` rebuilds the list of
# style names on every assignment; looking each name up once keeps that out of the per-cell path.
_OPGEZOCHT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@functools.cache
def _sjabloon() -> tuple[NamedStyle, ...]:
    """Our named styles, built once per process and never bound to a workbook themselves."""
    return tuple(_alle())


@functools.cache
def _per_naam() -> dict[str, NamedStyle]:
    return {sjabloon.name: sjabloon for sjabloon in _sjabloon()}


def _voor_werkmap(sjabloon: NamedStyle) -> NamedStyle:
    """A NamedStyle of its own for one workbook (binding one ties it to that workbook), over the
    template's font, fill, border, … objects: openpyxl treats those as immutable values and shares
    them between workbooks itself (every new workbook's default font is one object)."""
    return NamedStyle(
        name=sjabloon.name, font=sjabloon.font, fill=sjabloon.fill, border=sjabloon.border,
        alignment=sjabloon.alignment, number_format=sjabloon.number_format, protection=sjabloon.protection,
    )


def registreer(wb: Workbook) -> None:
    """Add our named styles to `wb` unless it already has them (a refreshed workbook does)."""
    bestaand = set(wb.named_styles)
    for sjabloon in _sjabloon():
        if sjabloon.name not in bestaand:
            wb.add_named_style(_voor_werkmap(sjabloon))


def zet(cel: Cell, naam: str) -> None:
    """Give `cel` the named style `naam`: what ``cel.style = naam`` does, with the name looked up once
    per workbook (the named style's style array is copied, exactly as openpyxl does)."""
    wb = cel.parent.parent
    opgezocht = _OPGEZOCHT.get(wb)
    if opgezocht is None:
        opgezocht = _OPGEZOCHT[wb] = {}
    named = opgezocht.get(naam)
    if named is None:
        cel.style = naam  # the first time openpyxl resolves it (and raises for an unknown name)
        named = opgezocht[naam] = wb._named_styles[naam]
    cel._style = copy(named.as_tuple())


def invoerkolom(ws: Worksheet, letter: str, naam: str) -> None:
    """Make the empty cells of column `letter` input cells without writing them: a column style
    (Excel and LibreOffice use it for every cell of the column the file does not contain) that is
    unlocked and has the named input style `naam`'s number format, but no fill or border, so the
    column below the table does not look like input. `invoerbereik` makes the table body yellow."""
    sjabloon = _per_naam()[naam]
    kolom = ws.column_dimensions[letter]
    kolom.protection = Protection(locked=False)
    kolom.number_format = sjabloon.number_format
    kolom.alignment = sjabloon.alignment


def invoerbereik(ws: Worksheet, bereik: str) -> None:
    """Show every cell of `bereik` as an input cell (yellow, thin border) by one conditional
    format, whether the cell exists in the file or not."""
    sjabloon = _per_naam()["bx invoer"]
    vulling = PatternFill("solid", fgColor=INVOERKLEUR, bgColor=INVOERKLEUR)  # a dxf fill reads bgColor
    ws.conditional_formatting.add(bereik, FormulaRule(formula=["TRUE"], fill=vulling, border=sjabloon.border))


def schrijf_tekst(cel: Cell, waarde: object, stijl: str | None = None) -> Cell:
    """Write `waarde` as text, never as a formula (``=HYPERLINK(…)`` stays a buurt name)."""
    if waarde is None:
        cel.value = None
    else:
        cel.value = ILLEGAL_CHARACTERS_RE.sub("", str(waarde))
        cel.data_type = "s"
    if stijl:
        zet(cel, stijl)
    return cel


# Characters of running text per unit of column width, measured on LibreOffice's print with
# Carlito (Calibri's metrics): a little under one, so a wrapped text is never cut off.
TEKENS_PER_EENHEID = 0.9


def rijhoogte(ws, rij: int, *teksten: tuple[object, float]) -> None:
    """Give a row with wrapped text room for its longest (text, column width): not every viewer
    grows rows by itself (LibreOffice keeps the height of a row written without one)."""
    regels = max(
        (sum(-(-max(len(d), 1) // int(breedte * TEKENS_PER_EENHEID)) for d in str(t).split("\n"))
         for t, breedte in teksten if t),
        default=1,
    )
    if regels > 1:
        ws.row_dimensions[rij].height = 15 * regels


def schrijf_formule(cel: Cell, formule: str, stijl: str | None = None) -> Cell:
    cel.value = formule if formule.startswith("=") else "=" + formule
    if stijl:
        zet(cel, stijl)
    return cel


def schrijf_getal(cel: Cell, waarde: object, stijl: str | None = None) -> Cell:
    cel.value = waarde
    if stijl:
        zet(cel, stijl)
    return cel
