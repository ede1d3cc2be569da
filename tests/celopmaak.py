"""How a spreadsheet shows a cell on a protected sheet, also a cell the file does not contain.

openpyxl only reports a cell's own style; Excel and LibreOffice fall back to the row's style and
then the column's, and draw conditional formats on top. These helpers do the same, so a test can
ask about an empty inline input cell that exists only through its column style.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

INVOERGEEL = "FFF2CC"  # the light yellow of input cells


def op_slot(ws: Worksheet, rij: int, kolom: int) -> bool:
    """Whether the cell is locked: its own style, else its row's, else its column's, else locked."""
    cel = ws._cells.get((rij, kolom))  # ws.cell() would create the cell with the default style
    if cel is not None:
        return cel.protection.locked
    rijstijl = ws.row_dimensions.get(rij)
    if rijstijl is not None and rijstijl.customFormat:
        return rijstijl.protection.locked
    for kolomstijl in ws.column_dimensions.values():
        if (kolomstijl.min or 0) <= kolom <= (kolomstijl.max or 0):  # LibreOffice groups columns
            return kolomstijl.protection.locked
    return True


def vulkleur(ws: Worksheet, rij: int, kolom: int) -> str | None:
    """RGB of the fill shown: an always-true conditional format's, else the cell's own solid fill."""
    for bereik in ws.conditional_formatting:
        if not any(r.min_row <= rij <= r.max_row and r.min_col <= kolom <= r.max_col for r in bereik.sqref.ranges):
            continue
        for regel in bereik.rules:
            # openpyxl writes TRUE; LibreOffice writes it back as 1.
            if regel.type == "expression" and list(regel.formula) in (["TRUE"], ["1"]) and regel.dxf.fill:
                return _rgb(regel.dxf.fill.bgColor)
    cel = ws._cells.get((rij, kolom))
    if cel is not None and cel.fill.fill_type == "solid":
        return _rgb(cel.fill.fgColor)
    return None


def _rgb(kleur) -> str | None:
    return kleur.rgb[-6:] if kleur is not None and isinstance(kleur.rgb, str) else None
