"""Build what the xlwings Lite route needs (xl/INSTALLEREN.md, xlwings Lite-route):

- xl/lite/main.py: what a user pastes into Lite's main.py, a few lines taking the functions from the
  buurtxl package, so the code the tests run is the code that runs in Excel;
- xl/lite/requirements.txt: what a user pastes into Lite's requirements.txt, buurtxl and xlwings
  pinned to the versions of this checkout (the ones tests/test_lite.py installs);
- xl/buurtxl_lite.xlsx: the example sheet of the other routes with the functions as Lite names them
  (no prefix: the classic names), and a sheet holding both files to copy.

    python xl/maak_lite.py          # rewrites the three files (xl/maak_werkmap.py runs it too)

xlwings Lite keeps main.py and requirements.txt inside the workbook, but its documentation does not
describe how, so the workbook cannot carry them ready-made: the sheet says where to paste them.
"""

from __future__ import annotations

import importlib.util
import sys
from importlib import metadata
from pathlib import Path
from types import ModuleType

import openpyxl
from openpyxl.styles import Font

import buurtxl
from buurtxl.excel import udfs
from buurtxl.opslaan import schrijf_atomair

XL = Path(__file__).resolve().parent
MAIN = XL / "lite" / "main.py"
VEREISTEN = XL / "lite" / "requirements.txt"
DOEL = XL / "buurtxl_lite.xlsx"
CODEBLAD = "Code voor xlwings Lite"
CODE = Font(name="Consolas")

UITLEG = (
    "Eerst eenmalig: voeg xlwings Lite toe (Start › Invoegtoepassingen, zoek 'xlwings'), open het met de knop "
    "xlwings Lite op het tabblad Start en plak de twee bestanden van het blad '" + CODEBLAD + "' in de "
    "tabbladen main.py en requirements.txt van de editor (xl/INSTALLEREN.md, xlwings Lite-route). Tot dan toont "
    "Excel #NAAM?; daarna Ctrl+Alt+F9."
)


def main_py() -> str:
    namen = "".join(f"    {naam},\n" for naam in sorted(udfs.__all__))
    return (
        '"""buurtxl: de Excel-functies van de Uitvoeringsregeling Buurtnetwerken 2018 (Maastricht) in xlwings Lite.\n'
        "\n"
        "De functies staan in het pakket buurtxl (requirements.txt); dit bestand haalt ze alleen op, zodat\n"
        "Lite ze registreert. Gemaakt door xl/maak_lite.py; zie xl/INSTALLEREN.md, xlwings Lite-route.\n"
        '"""\n'
        "\n"
        f"from {udfs.__name__} import (  # noqa: F401 (xlwings Lite registreert wat main.py bevat)\n"
        f"{namen}"
        ")\n"
    )


def requirements_txt() -> str:
    return f"buurtxl=={buurtxl.__version__}\nxlwings=={metadata.version('xlwings')}\n"


def _officejs() -> ModuleType:
    """xl/maak_werkmap_officejs.py, whose example sheet (the classic one, read back) is reused."""
    spec = importlib.util.spec_from_file_location("maak_werkmap_officejs", XL / "maak_werkmap_officejs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("maak_werkmap_officejs", module)
    spec.loader.exec_module(module)
    return module


def maak(doel: Path = DOEL, main: Path = MAIN, vereisten: Path = VEREISTEN) -> Path:
    """Write the three files (replacing them); the workbook's path."""
    main.parent.mkdir(parents=True, exist_ok=True)
    main.write_text(main_py(), encoding="utf-8")
    vereisten.write_text(requirements_txt(), encoding="utf-8")
    return schrijf_atomair(doel, _schrijf, overschrijven=True)


def _schrijf(pad: Path) -> None:
    officejs = _officejs()
    klassiek = officejs._klassiek()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Voorbeeld"
    klassiek._vul_voorbeeld(ws)  # the classic names are Lite's names: no prefix
    ws["A2"] = UITLEG
    code = wb.create_sheet(CODEBLAD)
    code["A1"] = "Plak deze twee bestanden in de editor van xlwings Lite (knop xlwings Lite op het tabblad Start)."
    code["A1"].font = Font(bold=True)
    r = 3
    for titel, inhoud in (("main.py", main_py()), ("requirements.txt", requirements_txt())):
        code.cell(r, 1, f"Tabblad {titel}:").font = Font(bold=True)
        for i, regel in enumerate(inhoud.splitlines(), start=r + 1):
            code.cell(i, 1, regel).font = CODE
        r += len(inhoud.splitlines()) + 2
    code.column_dimensions["A"].width = 110
    wb.calculation.fullCalcOnLoad = True  # Excel computes every formula when the workbook opens
    wb.save(pad)
    klassiek._als_dynamische_matrices(pad)  # the range formulas spill, as in the classic workbook
    pad.chmod(0o644)  # the temporary file is private; the workbook is meant to be shared


if __name__ == "__main__":
    print(f"Geschreven: {maak()}")
    print(f"Geschreven: {MAIN}")
    print(f"Geschreven: {VEREISTEN}")
