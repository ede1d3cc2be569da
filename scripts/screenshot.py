"""Render the Begroting's print overview of the example workbook to docs/begroting.png (for the README).

Headless: buurtxl writes the workbook, LibreOffice recalculates it and prints the Begroting tab to
PDF (moved to the front, so it is page 1), pdftoppm turns the first page into a PNG.
Usage: python scripts/screenshot.py [doel.png]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from buurtxl import herberekenen, regeling
from buurtxl.invoer import lezen
from buurtxl.model import Herkomst
from buurtxl.regeling import voorbeeld
from buurtxl.werkmap import eigen_bladen, maak_begroting

DOEL = Path(__file__).resolve().parent.parent / "docs" / "begroting.png"


def main(doel: Path = DOEL) -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm ontbreekt (Debian-pakket poppler-utils)", file=sys.stderr)
        return 1
    r = regeling.laad("2018")
    aanvragen = lezen.lees(voorbeeld.pad(), r).aanvragen
    herkomst = Herkomst(invoer=voorbeeld.NAAM, sha256=None, gegenereerd="voorbeeld",
                        kanttekeningen=voorbeeld.KANTTEKENINGEN)
    wb = maak_begroting(aanvragen, r, herkomst=herkomst)
    begroting = next(t for t, rol in eigen_bladen(wb).items() if rol == "begroting")
    # LibreOffice prints every sheet, hidden ones too: put the Begroting first and keep page 1.
    wb.move_sheet(begroting, offset=-wb.sheetnames.index(begroting))
    # The picture is the first printed page of the Begroting as it is: its print overview (the
    # buurten with their amounts and statuses), as an officer hands it on (issue 22).
    ws = wb[begroting]
    ws.oddFooter.center.text = None
    with tempfile.TemporaryDirectory(prefix="buurtxl-screenshot-") as tmp:
        bron = Path(tmp) / "in" / "begroting.xlsx"
        bron.parent.mkdir()
        wb.save(bron)
        [pdf] = herberekenen.converteer([bron], Path(tmp) / "uit", "pdf")
        subprocess.run(
            ["pdftoppm", "-png", "-r", "130", "-f", "1", "-l", "1", "-singlefile", str(pdf),
             str(Path(tmp) / "begroting")],
            check=True, timeout=120,
        )
        doel.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(Path(tmp) / "begroting.png", doel)
    print(f"Geschreven: {doel}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DOEL))
