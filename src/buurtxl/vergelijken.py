"""Compare two versions of a workbook outside buurtxl's own sheets: what `update` must never change.

Both files are read with openpyxl, so this sees what openpyxl can see: per cell the value or
formula, type, number format, font, fill, border, alignment, protection, hyperlink and comment;
per sheet merged cells, column widths and row heights, data validation, conditional formatting,
tables, freeze panes, visibility, protection and sheet-scoped names; for the workbook its names,
sheet order, date system and the VBA project's bytes. What openpyxl cannot see at all is refused
beforehand from the zip's parts (`bijwerken.onoverdraagbaar`).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Iterable

import openpyxl
from openpyxl.utils import get_column_letter

from .regeling import Regeling


def vergelijk_werkmappen(origineel: Path, nieuw: Path, *, eigen: set[str], regeling: Regeling) -> list[str]:
    """Dutch descriptions of every difference outside the sheets titled in `eigen`."""
    a, b = _lees(origineel), _lees(nieuw)
    uit: list[str] = []
    for ws in a.worksheets:
        if ws.title in eigen:
            continue
        if ws.title not in b.sheetnames:
            uit.append(f"blad '{ws.title}' ontbreekt")
            continue
        uit.extend(_blad(ws, b[ws.title]))
    volgorde_a = [t for t in a.sheetnames if t not in eigen]
    volgorde_b = [t for t in b.sheetnames if t not in eigen]
    if volgorde_a != volgorde_b and set(volgorde_a) <= set(volgorde_b):
        uit.append(f"de volgorde van de bladen verandert: {volgorde_a} → {volgorde_b}")
    if a.epoch != b.epoch:
        uit.append("het datumsysteem van de werkmap (1900/1904) verandert")
    uit.extend(_namen(a, b, eigen, regeling, heeft_eigen=bool(eigen & set(a.sheetnames))))
    uit.extend(_vba(origineel, nieuw))
    return uit


def _lees(pad: Path):
    # A file object: openpyxl refuses a path whose extension is not .xlsx (our temporary file's is .tmp).
    with open(pad, "rb") as f:
        return openpyxl.load_workbook(f, rich_text=True, keep_links=True)


# -- cells --------------------------------------------------------------------------------------

def _kenmerken(cel) -> tuple:
    """What a person would call the content and look of a cell."""
    if cel is None:
        return _LEEG
    waarde = cel.value
    if hasattr(waarde, "text") and hasattr(waarde, "ref"):  # ArrayFormula
        waarde = ("matrixformule", waarde.ref, waarde.text)
    elif waarde is not None and type(waarde).__name__ == "DataTableFormula":
        waarde = ("gegevenstabel", tuple(sorted(dict(waarde).items())))
    link = cel.hyperlink
    notitie = cel.comment
    return (
        waarde,
        cel.data_type if waarde is not None else None,
        cel.number_format,
        repr(cel.font), repr(cel.fill), repr(cel.border), repr(cel.alignment), repr(cel.protection),
        (link.target, link.location) if link is not None else None,
        (notitie.text, notitie.author) if notitie is not None else None,
    )


_LEEG = _kenmerken(openpyxl.Workbook().active["A1"])
_NAMEN = ("waarde", "soort", "getalnotatie", "lettertype", "opvulling", "rand", "uitlijning",
          "celbeveiliging", "hyperlink", "notitie")


def _blad(a, b) -> list[str]:
    uit: list[str] = []
    # openpyxl keeps only the cells present in the file in `_cells`; iterating a range instead
    # would create every empty cell in it.
    cellen_a, cellen_b = a._cells, b._cells
    for rij, kolom in sorted(set(cellen_a) | set(cellen_b)):
        ka, kb = _kenmerken(cellen_a.get((rij, kolom))), _kenmerken(cellen_b.get((rij, kolom)))
        if ka != kb:
            wat = [n for n, x, y in zip(_NAMEN, ka, kb) if x != y]
            cel = f"{get_column_letter(kolom)}{rij}"
            detail = f": {ka[0]!r} → {kb[0]!r}" if "waarde" in wat else ""
            uit.append(f"blad '{a.title}', cel {cel}: {', '.join(wat)} verandert{detail}")
    for wat, x, y in _bladkenmerken(a, b):
        if x != y:
            uit.append(f"blad '{a.title}': {wat} verandert")
    return uit


def _bladkenmerken(a, b) -> Iterable[tuple[str, object, object]]:
    for wat, functie in (
        ("samengevoegde cellen", lambda ws: sorted(str(r) for r in ws.merged_cells.ranges)),
        ("kolombreedtes", _kolommen),
        ("rijhoogtes", _rijen),
        ("gegevensvalidatie", _validatie),
        ("voorwaardelijke opmaak", _voorwaardelijk),
        ("tabellen", lambda ws: sorted((n, t.ref) for n, t in ws.tables.items())),
        ("vastgezette deelvensters", lambda ws: ws.freeze_panes),
        ("zichtbaarheid", lambda ws: ws.sheet_state),
        ("bladbeveiliging", lambda ws: (ws.protection.sheet, ws.protection.password)),
        ("autofilter", lambda ws: ws.auto_filter.ref),
        ("afdrukbereik", lambda ws: ws.print_area),
        ("pagina-instelling", lambda ws: (ws.page_setup.orientation, ws.page_setup.paperSize,
                                          ws.page_setup.fitToWidth, ws.page_setup.fitToHeight)),
        ("bladnamen (gedefinieerde namen van het blad)",
         lambda ws: sorted((n, d.attr_text) for n, d in ws.defined_names.items())),
        ("grafieken en afbeeldingen", lambda ws: (len(ws._charts), len(ws._images))),
    ):
        yield wat, functie(a), functie(b)


def _kolommen(ws) -> dict:
    return {k: (d.width, d.hidden, d.outlineLevel) for k, d in ws.column_dimensions.items()
            if d.customWidth or d.hidden or d.outlineLevel}


def _rijen(ws) -> dict:
    return {k: (d.height, d.hidden, d.outlineLevel) for k, d in ws.row_dimensions.items()
            if d.height is not None or d.hidden or d.outlineLevel}


def _validatie(ws) -> list:
    return sorted(
        (str(v.sqref), v.type, v.operator, v.formula1, v.formula2, v.allow_blank, v.showErrorMessage,
         v.showInputMessage, v.prompt, v.promptTitle, v.error, v.errorTitle, v.errorStyle)
        for v in ws.data_validations.dataValidation
    ) if ws.data_validations else []


def _voorwaardelijk(ws) -> list:
    return sorted(
        (str(cf.sqref), r.type, r.operator, tuple(r.formula or ()), r.text, r.stopIfTrue, repr(r.dxf))
        for cf in ws.conditional_formatting for r in cf.rules
    )


# -- workbook ------------------------------------------------------------------------------------

def _namen(a, b, eigen: set[str], regeling: Regeling, *, heeft_eigen: bool) -> list[str]:
    """Workbook-level names: each of the original's must stay, except the ones buurtxl manages."""
    from .werkmap.namen import REGELING_NAAM, parameternaam

    beheerd = {REGELING_NAAM, *(parameternaam(p) for p in regeling.parameters)} if heeft_eigen else set()
    uit = []
    for naam, definitie in a.defined_names.items():
        if naam in beheerd or _wijst_naar(definitie, eigen):
            continue
        nieuw = b.defined_names.get(naam)
        if nieuw is None:
            uit.append(f"gedefinieerde naam '{naam}' ontbreekt")
        elif (nieuw.attr_text, nieuw.hidden, nieuw.localSheetId) != (
            definitie.attr_text, definitie.hidden, definitie.localSheetId
        ):
            uit.append(f"gedefinieerde naam '{naam}' verandert: {definitie.attr_text} → {nieuw.attr_text}")
    return uit


def _wijst_naar(definitie, bladen: set[str]) -> bool:
    try:
        doelen = {blad for blad, _ in definitie.destinations}
    except Exception:  # a constant or a formula: no sheet to point at
        return False
    return bool(doelen) and doelen <= bladen


def _vba(a: Path, b: Path) -> list[str]:
    def macro_onderdelen(pad: Path) -> dict[str, bytes]:
        with zipfile.ZipFile(pad) as zf:
            return {n: zf.read(n) for n in zf.namelist() if n.lower().startswith("xl/vba")}

    oud, nieuw = macro_onderdelen(a), macro_onderdelen(b)
    return [f"het VBA-project (macro's) verandert: {naam}" for naam in sorted(oud) if oud[naam] != nieuw.get(naam)]
