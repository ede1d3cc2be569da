"""Write tests/echt/vorige_indeling.xlsx: a workbook in the layout of an earlier buurtxl (issue 21).

    git -C . archive e089ec4 src | tar -x -C /tmp/oud
    PYTHONPATH=/tmp/oud/src python -c "from buurtxl.cli import main; main()" build aanvragen.csv -o oud.xlsx
    python tests/maak_vorige_indeling.py oud.xlsx tests/echt/vorige_indeling.xlsx

`aanvragen.csv` is `echte_werkmappen.INVOER`. Commit e089ec4 predates the Vaststelling and group
columns: its buurt sheet and Begroting have other rows and columns than today's. This script adds
what a clerk adds: a summary sheet and a name pointing into the buurt sheets and the Begroting by
address, a sheet pointing at a line that no longer exists ('Controle basissubsidie', now 'Controle
invoer'), and a frozen copy of the Begroting (Excel's Move or Copy); LibreOffice then saves it with
every result stored, as Excel would.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.workbook.defined_name import DefinedName

import pakketten
from buurtxl import herberekenen

SAMENVATTING = [
    ("Totaal Binnenstad", "=Binnenstad!B30"),
    ("Basissubsidie Wyckerpoort", "='Wyckerpoort'!$B$23"),
    ("Basissubsidie samen", "=SUM(Begroting!F5:F6)"),
    ("Totaal volgens Begroting", "=Begroting!L7"),
    ("Toeslag Wyckerpoort", "=Begroting!H6"),
    ("Budget: totaal subsidie", "=Begroting!O10"),
    ("Huishoudens (tekst)", '="Begroting!C5: "&Begroting!C5'),
    ("Dubbel totaal", "=B1*2"),
    ("Via naam", "=MijnTotaal"),
]


def maak(bron: Path, doel: Path) -> None:
    wb = openpyxl.load_workbook(bron)
    samenvatting = wb.create_sheet("Samenvatting")
    for rij, (label, formule) in enumerate(SAMENVATTING, start=1):
        samenvatting.cell(rij, 1, label)
        samenvatting.cell(rij, 2, formule)
    verdwenen = wb.create_sheet("Verdwenen")
    verdwenen["A1"] = "Controle Binnenstad (die regel heet nu anders)"
    verdwenen["B1"] = "=Binnenstad!B24"
    wb.defined_names["MijnTotaal"] = DefinedName("MijnTotaal", attr_text="Binnenstad!$B$30")
    with tempfile.TemporaryDirectory() as tmp:
        tussen = Path(tmp) / "vorige_indeling.xlsx"
        wb.save(tussen)
        pakketten.kopieer_blad(tussen, "Begroting", "Begroting (2)")
        [uit] = herberekenen.converteer([tussen], Path(tmp) / "uit")
        shutil.copyfile(uit, doel)


if __name__ == "__main__":
    maak(Path(sys.argv[1]), Path(sys.argv[2]))
