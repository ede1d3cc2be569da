"""The LibreOffice value check of `update` (buurtxl.pakket.herrekening): it finds a changed value of
the user's, and leaves out cells that depend on buurtxl's sheets or names, or on NOW()."""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

from buurtxl.pakket import herrekening, werkboek
from buurtxl.pakket.onderdelen import Pakket
from rekenmotor import vereis_libreoffice


def _werkmap(pad: Path, drempel: int) -> Path:
    wb = xlsxwriter.Workbook(str(pad))
    ws = wb.add_worksheet("Notities")
    ws.write_number("B2", drempel)
    ws.write_formula("B3", "=B2*2", None, drempel * 2)
    ws.write_formula("B4", "=Begroting!L10", None, 0)  # into buurtxl's sheet
    ws.write_formula("B5", "=B4+1", None, 1)  # through B4
    ws.write_formula("B6", "=SUM(Begrotingstabel[Totaal])", None, 0)  # buurtxl's table
    ws.write_formula("B7", "=NOW()", None, 0)
    ws.write_formula("C1", "=Notities!B5*2", None, 2)  # through B5, qualified
    wb.close()
    return pad


def test_afhankelijke_cellen_ook_via_andere_cellen(tmp_path: Path) -> None:
    pad = _werkmap(tmp_path / "a.xlsx", 1300)
    pakket = Pakket.lees(pad.read_bytes())
    gevonden = herrekening.afhankelijk(pakket, werkboek.bladen(pakket), {"Begroting"}, {"Begrotingstabel"})
    assert gevonden == {"Notities!B4", "Notities!B5", "Notities!B6", "Notities!B7", "Notities!C1"}


def test_libreoffice_vindt_een_veranderde_waarde_van_de_gebruiker(tmp_path: Path) -> None:
    vereis_libreoffice()
    a = _werkmap(tmp_path / "a.xlsx", 1300)
    b = _werkmap(tmp_path / "b.xlsx", 1400)
    toegestaan = {"Notities!B4", "Notities!B5", "Notities!B6", "Notities!B7", "Notities!C1"}
    assert herrekening.vergelijk(a, b, ["Notities"], toegestaan) == [
        "Notities!B2: 1300 → 1400", "Notities!B3: 2600 → 2800"]
    assert herrekening.vergelijk(a, _werkmap(tmp_path / "c.xlsx", 1300), ["Notities"], toegestaan) == []
