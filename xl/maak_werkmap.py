"""Build xl/buurtxl.xlsm, the Excel workbook that uses the buurtxl worksheet functions,
xl/buurtxl_udfs.bas, the VBA module xlwings' *Import Functions* would write for them, and
xl/buurtxl_beschrijvingen.bas, a macro that registers their function-wizard texts as it does.

    python xl/maak_werkmap.py            # rewrites the three files next to this script, and
                                         # xl/buurtxl_officejs.xlsx (xl/maak_werkmap_officejs.py)

It starts from xlwings' own quickstart.xlsm (shipped inside the installed xlwings package, with its
VBA project that calls the xlwings add-in), activates the `xlwings.conf` sheet with UDF Modules =
buurtxl.udfs, and adds a Dutch sheet "Voorbeeld" that uses every function on the built-in example
and on the decision's edge cases. No amount is computed here: the sheet holds inputs and formulas;
Excel computes them through the functions once they are imported.

The .bas is made by xlwings itself: its `import_udfs` (the code behind the ribbon's Import Functions)
runs in a child process with the few Windows-only modules it imports stood in for, against a
stand-in workbook that keeps the module xlwings hands to the VBA editor and the function-wizard
texts it registers. Staff without *trust access to the VBA project object model* import that file
in the VBA editor instead (xl/INSTALLEREN.md).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import types
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import xlwings
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.worksheet import Worksheet

from buurtxl import regeling
from buurtxl.invoer import lezen
from buurtxl.opslaan import schrijf_atomair
from buurtxl.regeling import BUDGET, VERPLICHT, voorbeeld

DOEL = Path(__file__).with_name("buurtxl.xlsm")
BAS = Path(__file__).with_name("buurtxl_udfs.bas")
BESCHRIJVINGEN = Path(__file__).with_name("buurtxl_beschrijvingen.bas")
SJABLOON = Path(xlwings.__file__).with_name("quickstart.xlsm")
UDF_MODULES = "buurtxl.udfs"

EURO = '"€" #,##0.00'
PROCENT = "0.00%"
VET = Font(bold=True)
KOP = PatternFill("solid", fgColor="DDEBF7")

# The decision's edge cases: formula, what the decision says it must give, and where it says so.
# The expected values are worked out by hand from the decision's numbers.
RANDGEVALLEN = [
    ("Precies 1.300 huishoudens: geen toeslag", "=TOESLAG_PERCENTAGE(1300)", 0, "§3.4 punt 2"),
    ("1.301 huishoudens: wel toeslag (1/1.300)", "=TOESLAG_PERCENTAGE(1301)", 1 / 1300, "§3.4 punt 2"),
    ("Toeslag hoogstens 15%", "=TOESLAG_PERCENTAGE(4510)", 0.15, "§3.4 punt 2"),
    ("Besteed 1 cent minder dan de basissubsidie: geen toeslag",
     "=TOESLAG_COMMUNICATIE(1420,5850,5849.99)", 0, "§3.4 punt 2"),
    ("Basissubsidie volledig besteed: toeslag 5.850 × 120/1.300",
     "=TOESLAG_COMMUNICATIE(1420,5850,5850)", 540, "§3.4 punt 2"),
    ("Toeslag aangevraagd € 300 (maximum € 540): € 300",
     "=TOESLAG_COMMUNICATIE(1420,5850,5850,300)", 300, "§3.4 punt 2"),
    ("Toeslag aangevraagd € 600: afgetopt op € 540",
     "=TOESLAG_COMMUNICATIE(1420,5850,,600)", 540, "§3.4 punt 2"),
    ("Totaal met aanvragen: 5.850 + toeslag 300 + supplement 1.000",
     "=SUBSIDIE_TOTAAL(5850,1420,50,5850,1000,300)", 7150, "§3.4"),
    ("Buurtscore precies 57: geen supplement", "=SUPPLEMENT_KWETSBAAR(57)", 0, "§3.4 punt 3"),
    ("Buurtscore 56,99 zonder aanvraag: maximum gereserveerd", "=SUPPLEMENT_KWETSBAAR(56.99)", 3000,
     "§3.4 punt 3"),
    ("Aanvraag € 3.500: afgetopt op € 3.000", "=SUPPLEMENT_KWETSBAAR(50,3500)", 3000, "§3.4 punt 3"),
    ("Onderdelen samen precies het minimum", "=BASISSUBSIDIE(1600,2000,500,750)", 4850, "§3.4 punt 1"),
    ("Onderdelen samen 1 cent boven het maximum", "=BASISSUBSIDIE(2600.01)", "fout (#WAARDE!)",
     "§3.4 punt 1"),
    ("Oude regeling: zelfde standaardonderdelen", '=BASISSUBSIDIE(,,,,"2017-2018")', 5850,
     "§3.4 punt 1"),
    ("Oude regeling: geen toeslag en geen supplement",
     '=SUBSIDIE_TOTAAL(5850,1420,50,,,,"2017-2018")', 5850, "§3.4 punten 2 en 3"),
    ("Tekst waar een getal hoort", '=TOESLAG_PERCENTAGE("veel")', "fout (#WAARDE!)", "invoer"),
    ("Onbekende parameter", '=REGELING("toeslag.onbekend")', "fout (#WAARDE!)", "invoer"),
]

# Input columns of the example table, in the input contract's names.
INVOER = [
    ("buurt", "buurt"),
    ("huishoudens", "huishoudens"),
    ("buurtscore", "buurtscore"),
    ("organisatiekosten", "organisatiekosten"),
    ("communicatiekosten", "communicatiekosten"),
    ("activiteiten", "activiteiten"),
    ("plan_van_aanpak", "plan van aanpak"),
    ("basissubsidie", "basissubsidie (opgegeven totaal)"),
    ("besteed", "besteed"),
    ("supplement_aangevraagd", "supplement aangevraagd"),
    ("toeslag_aangevraagd", "toeslag aangevraagd"),
]
# Result columns (L onwards): header, the formula over whole columns ({B} stands for B10:B39), format.
# One call per column: the functions compute a range at once (BENCHMARKS.md). A row that gives its
# total basissubsidie keeps it; the others get BASISSUBSIDIE of their components.
UITVOER = [
    ("Basissubsidie", '=IF({H}="",BASISSUBSIDIE({D},{E},{F},{G}),{H})', EURO),
    ("Toeslag %", "=TOESLAG_PERCENTAGE({B})", PROCENT),
    ("Toeslag communicatie", "=TOESLAG_COMMUNICATIE({B},{L},{I},{K})", EURO),
    ("Supplement kwetsbaar", "=SUPPLEMENT_KWETSBAAR({C},{J})", EURO),
    ("Totaal", "=SUBSIDIE_TOTAAL({L},{B},{C},{I},{J},{K})", EURO),
]
# UITLEG stays one call per row: long texts in an array result do not always come through the
# classic add-in (older Excel keeps at most 255 characters per text in an array).
UITLEG = "=UITLEG(L{r},B{r},C{r},I{r},J{r},K{r})"

# Excel 365 reads an array formula whose cell carries cm="1" as a dynamic (spilled) formula; older
# Excel ignores the mark and keeps the array formula. The part and its links are exactly what
# XlsxWriter writes for write_dynamic_array_formula (a test compares them).
METADATA = "xl/metadata.xml"
METADATA_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">'
    '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" '
    'pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" '
    'clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>'
    '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}">'
    '<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>'
    '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>'
)
METADATA_SOORT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"
METADATA_RELATIE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata"

CONF_UITLEG = [
    "Uitleg:",
    "Dit blad stelt xlwings in voor deze werkmap; de instellingen beginnen in cel A1.",
    (
        "UDF Modules = buurtxl.udfs: de Python-module met de functies BASISSUBSIDIE, TOESLAG_PERCENTAGE, "
        "TOESLAG_COMMUNICATIE, SUPPLEMENT_KWETSBAAR, SUBSIDIE_TOTAAL, REGELING en UITLEG."
    ),
    (
        "Interpreter_Win / Interpreter_Mac: 'python' is het Python dat via het zoekpad (PATH) wordt "
        "gevonden; vul anders het volledige pad naar python.exe (Windows) of python (Mac) in."
    ),
    "Een lege instelling valt terug op de instellingen van de xlwings-invoegtoepassing.",
]


def maak(doel: Path = DOEL) -> Path:
    """Write the workbook to `doel` (replacing it) and return the path."""
    return schrijf_atomair(doel, _schrijf, overschrijven=True)


def maak_bas(doel: Path = BAS) -> Path:
    """Write the VBA module Import Functions would import to `doel` (replacing it)."""
    inhoud = importeer_functies()["vba"].encode("ascii")  # VBA reads a .bas in the ANSI code page
    return schrijf_atomair(doel, lambda pad: _schrijf_bytes(pad, inhoud), overschrijven=True)


def maak_beschrijvingen(doel: Path = BESCHRIJVINGEN) -> Path:
    """Write a VBA module whose macro registers the function-wizard texts exactly as Import
    Functions does (the same Application.MacroOptions calls, recorded from xlwings' own code), for
    staff who imported buurtxl_udfs.bas instead. cp1252: the ANSI code page of a Dutch Windows,
    in which the VBA editor reads a .bas (the texts hold é, ë, €, §)."""
    inhoud = beschrijvingen_vba(importeer_functies()["macro_options"]).encode("cp1252")
    return schrijf_atomair(doel, lambda pad: _schrijf_bytes(pad, inhoud), overschrijven=True)


def _vba_tekst(tekst: str) -> str:
    return '"' + tekst.replace('"', '""') + '"'


def beschrijvingen_vba(macro_options: list[dict[str, Any]]) -> str:
    """The module text: one Sub with one MacroOptions call per function (Windows line ends)."""
    regels = [
        'Attribute VB_Name = "buurtxl_beschrijvingen"',
        "' Gemaakt door xl/maak_werkmap.py uit de aanroepen die xlwings' Import Functions doet.",
        "' Eenmaal uitvoeren (Alt+F8) na het importeren van buurtxl_udfs.bas: de functiewizard (fx)",
        "' toont dan de Nederlandse uitleg bij elke functie en elk argument.",
        "Public Sub BuurtxlBeschrijvingen()",
    ]
    for opties in macro_options:
        functie = opties["Macro"].split("!", 1)[1]
        argumenten = ", _\n        ".join(_vba_tekst(t) for t in opties["ArgumentDescriptions"])
        regels += [
            f"    Application.MacroOptions Macro:=\"'\" & ThisWorkbook.Name & \"'!{functie}\", _",
            f"        Description:={_vba_tekst(opties['Description'])}, _",
            f"        Category:={_vba_tekst(opties['Category'])}, _",
            f"        ArgumentDescriptions:=Array( _\n        {argumenten})",
        ]
    regels += ["End Sub", ""]
    return "\r\n".join("\n".join(regels).split("\n"))


def _schrijf_bytes(pad: Path, inhoud: bytes) -> None:
    pad.write_bytes(inhoud)
    pad.chmod(0o644)


def importeer_functies() -> dict[str, Any]:
    """What xlwings' Import Functions does for `UDF_MODULES`, run in a fresh Python.

    Returns {"vba": the module text with Windows line ends, "macro_options": the
    Application.MacroOptions calls (function-wizard texts) as dicts}. A child process, so neither the
    classic decorators nor the stand-ins leak into the caller's xlwings and buurtxl.udfs.
    """
    import buurtxl

    bron = str(Path(buurtxl.__file__).resolve().parents[1])  # the buurtxl the caller uses
    env = {k: v for k, v in os.environ.items() if k not in ("XLWINGS_ON_SERVER", "XLWINGS_LICENSE_KEY")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [bron, env.get("PYTHONPATH")]))
    uit = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--importeer-functies"],
        env=env, capture_output=True, text=True, encoding="utf-8", check=False,
    )
    if uit.returncode:
        raise RuntimeError(f"xlwings' Import Functions faalde:\n{uit.stderr}")
    return json.loads(uit.stdout)


class _VBComponents:
    """The VBA project's modules, as far as import_udfs touches them."""

    def __init__(self, werkmap: _Werkmap) -> None:
        self.werkmap = werkmap

    def __call__(self, naam: str) -> None:
        import pywintypes  # the stand-in below

        raise pywintypes.com_error(f"no module {naam}")  # a fresh workbook has no xlwings_udfs yet

    def Remove(self, component: object) -> None:  # COM names it so
        pass

    def Import(self, pad: str) -> None:  # COM names it so
        # xlwings wrote the file in text mode: on Windows every "\n" is "\r\n" on disk.
        self.werkmap.vba = Path(pad).read_text(encoding="ascii").replace("\n", "\r\n")


class _Werkmap:
    """A stand-in for the COM Workbook that Import Functions is given (an .xlsm, as ours)."""

    def __init__(self, naam: str) -> None:
        self.Name = naam
        self.vba = ""
        self.macro_options: list[dict[str, Any]] = []
        self.VBProject = types.SimpleNamespace(VBComponents=_VBComponents(self))
        self.Application = types.SimpleNamespace(Version="16.0", MacroOptions=self._macro_options)

    def _macro_options(self, macro: str, **opties: Any) -> None:
        self.macro_options.append({"Macro": macro, **opties})


def _importeer_functies_hier() -> dict[str, Any]:
    """Run xlwings' own import_udfs in this (fresh) process; see `importeer_functies`."""
    class ComError(Exception):
        pass

    client = types.ModuleType("win32com.client")
    client.Dispatch = lambda obj, *args, **kwargs: obj  # type: ignore[attr-defined]
    win32com = types.ModuleType("win32com")
    win32com.client = client  # type: ignore[attr-defined]
    stand_ins = {
        "pythoncom": types.SimpleNamespace(CoInitialize=lambda: None),
        "pywintypes": types.SimpleNamespace(com_error=ComError),
        "win32com": win32com,
        "win32com.client": client,
        # import_udfs looks for embedded-code sheets (*.py) through xlwings' Windows engine.
        "xlwings._xlwindows": types.SimpleNamespace(Book=lambda xl: types.SimpleNamespace(sheets=[])),
    }
    sys.modules.update(stand_ins)  # type: ignore[arg-type]
    xlwings._xlwindows = stand_ins["xlwings._xlwindows"]  # type: ignore[attr-defined]
    from xlwings import udfs as klassiek

    # What xlwings/__init__.py binds on Windows with pywin32, before buurtxl.udfs is imported.
    xlwings.func, xlwings.arg, xlwings.ret = klassiek.xlfunc, klassiek.xlarg, klassiek.xlret
    assert "buurtxl.udfs" not in sys.modules and not xlwings.__pro__
    werkmap = _Werkmap("buurtxl.xlsm")
    with contextlib.redirect_stdout(sys.stderr):  # it prints a line; stdout carries our answer
        klassiek.import_udfs(UDF_MODULES, werkmap)
    return {"vba": werkmap.vba, "macro_options": werkmap.macro_options}


def _schrijf(pad: Path) -> None:
    wb = openpyxl.load_workbook(SJABLOON, keep_vba=True)
    # Rename rather than replace the sheets: the VBA project knows them by their code names.
    blad = wb["Sheet1"]
    blad.title = "Voorbeeld"
    conf = wb["_xlwings.conf"]
    conf.title = "xlwings.conf"  # xlwings reads the sheet only under this name
    _vul_conf(conf)
    _vul_voorbeeld(blad)
    wb.active = 0
    wb.save(pad)
    _als_dynamische_matrices(pad)
    pad.chmod(0o644)  # the temporary file is private; the workbook is meant to be shared


def _als_dynamische_matrices(pad: Path) -> None:
    """Mark every array formula as a dynamic array (see METADATA_XML): add the metadata part, its
    content type and relationship, and cm="1" on each array formula's cell."""
    with zipfile.ZipFile(pad) as z:
        delen = {info.filename: z.read(info) for info in z.infolist()}
    for naam in [n for n in delen if n.startswith("xl/worksheets/sheet")]:
        delen[naam] = re.sub(
            rb'<c (r="[A-Z]+[0-9]+"[^>]*)><f t="array"', rb'<c \1 cm="1"><f t="array"', delen[naam]
        )
    soort = f'<Override PartName="/{METADATA}" ContentType="{METADATA_SOORT}"/>'
    delen["[Content_Types].xml"] = delen["[Content_Types].xml"].replace(b"</Types>", soort.encode() + b"</Types>")
    relaties = delen["xl/_rels/workbook.xml.rels"]
    nummer = 1 + max(int(n) for n in re.findall(rb'Id="rId([0-9]+)"', relaties))
    relatie = f'<Relationship Id="rId{nummer}" Type="{METADATA_RELATIE}" Target="metadata.xml"/>'
    delen["xl/_rels/workbook.xml.rels"] = relaties.replace(b"</Relationships>", relatie.encode() + b"</Relationships>")
    delen[METADATA] = METADATA_XML.encode()
    with zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED) as z:
        for naam, inhoud in delen.items():
            z.writestr(naam, inhoud)


def _vul_conf(ws: Worksheet) -> None:
    for rij in ws.iter_rows(min_col=1, max_col=2):
        if rij[0].value == "UDF Modules":
            rij[1].value = UDF_MODULES
    # Replace xlwings' English instructions (below the settings) with Dutch ones.
    eerste = next(c.row for c in ws["A"] if c.value == "Instructions:")
    for r in range(eerste, ws.max_row + 1):
        ws.cell(r, 1).value = None
    for i, tekst in enumerate(CONF_UITLEG):
        ws.cell(eerste + i, 1, tekst)
    ws.cell(eerste, 1).font = VET


def _vul_voorbeeld(ws: Worksheet) -> None:
    ws["A1"] = "buurtxl: Excel-functies voor de Uitvoeringsregeling Buurtnetwerken 2018 (Maastricht)"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = (
        "Eerst eenmalig: installeer Python, buurtxl en de xlwings-invoegtoepassing; klik dan op het tabblad "
        "xlwings op 'Import Functions', of importeer xl/buurtxl_udfs.bas in de VBA-editor (zie "
        "xl/INSTALLEREN.md). Tot dan toont Excel #NAAM?."
    )
    for i, kanttekening in enumerate(voorbeeld.KANTTEKENINGEN):
        ws.cell(3 + i, 1, kanttekening).font = Font(italic=True)

    r = 3 + len(voorbeeld.KANTTEKENINGEN) + 1
    r = _parameters(ws, r) + 1
    r = _randgevallen(ws, r) + 1
    _buurten(ws, r)

    ws.column_dimensions["A"].width = 58
    for kolom in "BCDEFGHIJKLMNOP":
        ws.column_dimensions[kolom].width = 16
    ws.column_dimensions["P"].width = 120


def _kop(ws: Worksheet, r: int, titel: str, koppen: list[str]) -> int:
    ws.cell(r, 1, titel).font = Font(bold=True, size=12)
    for k, tekst in enumerate(koppen, start=1):
        cel = ws.cell(r + 1, k, tekst)
        cel.font, cel.fill = VET, KOP
        cel.alignment = Alignment(wrap_text=True, vertical="top")
    return r + 2


GEEN_PARAMETER = "bestaat niet in deze regeling"


def _parameters(ws: Worksheet, r: int) -> int:
    r = _kop(ws, r, "De getallen van de regeling: =REGELING(naam; versie)", ["Parameter", "2018", "2017-2018"])
    # 2017-2018 has no §8 budget and no buurtplan date: its column stops after VERPLICHT.
    alle = (*VERPLICHT, *BUDGET, *(n for n in regeling.laad("2018").parameters if n not in (*VERPLICHT, *BUDGET)))
    eerste, laatste = r, r + len(alle) - 1
    for i, naam in enumerate(alle):
        ws.cell(r + i, 1, naam)
    # One call per column, over all names.
    ws.cell(eerste, 2).value = ArrayFormula(f"B{eerste}:B{laatste}", f"=REGELING(A{eerste}:A{laatste})")
    basislijn = eerste + len(VERPLICHT) - 1
    ws.cell(eerste, 3).value = ArrayFormula(f"C{eerste}:C{basislijn}", f'=REGELING(A{eerste}:A{basislijn},"2017-2018")')
    for rij in range(basislijn + 1, laatste + 1):
        ws.cell(rij, 3, GEEN_PARAMETER)  # REGELING would give #WAARDE! here
    return laatste + 1


def _randgevallen(ws: Worksheet, r: int) -> int:
    r = _kop(ws, r, "Randgevallen uit het besluit", ["Geval", "Uitkomst", "Volgens het besluit", "Bron"])
    for omschrijving, formule, verwacht, bron in RANDGEVALLEN:
        ws.cell(r, 1, omschrijving)
        ws.cell(r, 2, formule)
        ws.cell(r, 3, verwacht)
        ws.cell(r, 4, bron)
        opmaak = PROCENT if formule.startswith("=TOESLAG_PERCENTAGE") else EURO
        ws.cell(r, 2).number_format = ws.cell(r, 3).number_format = opmaak
        r += 1
    return r


def _buurten(ws: Worksheet, r: int) -> int:
    """The built-in example, one row per buurt; each result column is one formula over all rows."""
    koppen = [kop for _, kop in INVOER] + [kop for kop, _, _ in UITVOER] + ["Uitleg (per rij)"]
    r = _kop(ws, r, "Voorbeeld: 30 Maastrichtse buurtnetwerken i.o. (regeling 2018)", koppen)
    aanvragen = lezen.lees(voorbeeld.pad(), regeling.laad()).aanvragen
    eerste, laatste = r, r + len(aanvragen) - 1
    for i, a in enumerate(aanvragen):
        for k, (veld, _) in enumerate(INVOER, start=1):
            waarde = getattr(a, veld)
            cel = ws.cell(r + i, k, float(waarde) if isinstance(waarde, Decimal) else waarde)
            if k >= 4:  # the amounts among the inputs
                cel.number_format = EURO
        ws.cell(r + i, 17, UITLEG.format(r=r + i))
    kolommen = {
        get_column_letter(k): f"{get_column_letter(k)}{eerste}:{get_column_letter(k)}{laatste}" for k in range(1, 17)
    }
    for k, (_, formule, opmaak) in enumerate(UITVOER, start=12):
        letter = get_column_letter(k)
        ws.cell(eerste, k).value = ArrayFormula(kolommen[letter], formule.format(**kolommen))
        for rij in ws[kolommen[letter]]:
            rij[0].number_format = opmaak
    ws.freeze_panes = ws.cell(eerste, 2)
    return laatste + 1


if __name__ == "__main__":
    if sys.argv[1:] == ["--importeer-functies"]:
        print(json.dumps(_importeer_functies_hier()))
    else:
        print(f"Geschreven: {maak()}")
        print(f"Geschreven: {maak_bas()}")
        print(f"Geschreven: {maak_beschrijvingen()}")
        # The Office.js example (xl/buurtxl_officejs.xlsx) reuses the sheet "Voorbeeld": rebuild it too.
        import maak_werkmap_officejs

        print(f"Geschreven: {maak_werkmap_officejs.maak()}")
        # xlwings Lite's example and code (xl/buurtxl_lite.xlsx, xl/lite/) reuse it as well.
        import maak_lite

        print(f"Geschreven: {maak_lite.maak()}, {maak_lite.MAIN}, {maak_lite.VEREISTEN}")
