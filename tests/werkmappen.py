"""Generated stand-ins for the municipality's own workbook, for the `update` tests.

`eigen_werkmap` builds, with openpyxl, a workbook like staff keep: the applications on 'Aanvragen'
and a sheet 'Notities' with formulas, styles, merged cells, data validation, conditional formatting,
a note, a hyperlink, names and a hidden sheet. `met_macro` adds a VBA project part; `met_onderdeel`
adds a part openpyxl cannot carry over (pivot table, external link, form control, image, …) with
the relationship Excel would write. No binary is stored: every byte is made here.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula

import corpus

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _getal(tekst: str) -> object:
    return int(tekst) if tekst.isdigit() else (tekst or None)


def eigen_werkmap(pad: Path, *, grafiek: bool = False, namen: dict[str, str] | None = None) -> Path:
    wb = openpyxl.Workbook()
    aanvragen = wb.active
    aanvragen.title = "Aanvragen"
    aanvragen.append([*corpus.KOP, "opmerking"])
    for rij in corpus.GOED:
        aanvragen.append([*(_getal(v) for v in rij), "eigen aantekening"])
    aanvragen.freeze_panes = "A2"
    aanvragen.column_dimensions["B"].width = 24

    notities = wb.create_sheet("Notities")
    notities["A1"] = "Overzicht van de afdeling"
    notities["A1"].font = Font(bold=True, size=14, color="FF1F4E79")
    notities["A1"].fill = PatternFill("solid", fgColor="FFDDEBF7")
    notities["A1"].comment = Comment("Bijgehouden door de afdeling", "Medewerker")
    notities["A2"], notities["B2"] = "Drempel", 1300
    notities["B2"].number_format = "#,##0"
    notities["A3"], notities["B3"] = "Dubbel", "=B2*2"
    notities["A4"], notities["B4"] = "Huishoudens", "=SUM(Aanvragen!C2:C4)"
    notities["B5"] = ArrayFormula("B5", "=SUM(B2:B3*2)")
    notities["A6"] = "Samengevoegde kop"
    notities.merge_cells("A6:C6")
    notities["A8"] = "Website gemeente"
    notities["A8"].hyperlink = "https://www.gemeentemaastricht.nl/"
    notities["A9"] = "=HYPERLINK(\"#Aanvragen!A1\",\"naar de aanvragen\")"
    notities.column_dimensions["A"].width = 30
    notities.row_dimensions[1].height = 24
    keuze = DataValidation(type="list", formula1='"ja,nee"', allow_blank=True, prompt="Kies ja of nee")
    notities.add_data_validation(keuze)
    keuze.add("C2:C4")
    notities.conditional_formatting.add(
        "B2:B4", CellIsRule(operator="greaterThan", formula=["2000"], fill=PatternFill("solid", bgColor="FFFFC7CE"))
    )
    notities.defined_names["Lokaal"] = DefinedName("Lokaal", attr_text="Notities!$B$3")
    wb.defined_names["Eigen_Drempel"] = DefinedName("Eigen_Drempel", attr_text="Notities!$B$2")
    for naam, waarde in (namen or {}).items():
        wb.defined_names[naam] = DefinedName(naam, attr_text=waarde)

    verborgen = wb.create_sheet("Verborgen")
    verborgen["A1"] = "intern"
    verborgen.sheet_state = "hidden"

    if grafiek:
        staaf = BarChart()
        staaf.add_data(Reference(notities, min_col=2, min_row=2, max_row=4))
        notities.add_chart(staaf, "E2")
    wb.save(pad)
    return pad


def vba_project() -> bytes:
    """Stand-in bytes for `xl/vbaProject.bin`: an OLE2 signature and a deterministic body."""
    body = b"".join(hashlib.sha256(str(i).encode()).digest() for i in range(256))
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + body


def met_macro(xlsx: Path, xlsm: Path) -> Path:
    """The workbook as `.xlsm` with a VBA project, wired up the way Excel does it."""
    def wijzig(naam: str, data: bytes) -> bytes:
        if naam == "[Content_Types].xml":
            data = data.replace(
                b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
            ).replace(
                b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
            )
        if naam == "xl/_rels/workbook.xml.rels":
            data = data.replace(b"</Relationships>", (
                b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
                b'Target="vbaProject.bin"/></Relationships>'))
        return data

    _herschrijf(xlsx, xlsm, wijzig, {"xl/vbaProject.bin": vba_project()})
    return xlsm


def png() -> bytes:
    """A 1×1 PNG, made with zlib."""
    def stuk(soort: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + soort + data + struct.pack(">I", zlib.crc32(soort + data))

    return (b"\x89PNG\r\n\x1a\n" + stuk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + stuk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + stuk(b"IEND", b""))


_TEKENING_MET_AFBEELDING = (
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="' + REL + '">'
    '<xdr:oneCellAnchor><xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>'
    '<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="952500" cy="952500"/><xdr:pic><xdr:nvPicPr>'
    '<xdr:cNvPr id="1" name="Logo"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/>'
    '<a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/>'
    '</a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>'
)

# Part kinds openpyxl cannot carry over: (relationship type, part, part bytes, holder: "blad" or "werkmap").
ONDERDELEN = {
    "draaitabel": (
        f"{REL}/pivotTable",
        "xl/pivotTables/pivotTable1.xml",
        b'<pivotTableDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" name="Draai"/>',
        "blad",
    ),
    "formulierbesturingselement": (
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/ctrlProp",
        "xl/ctrlProps/ctrlProp1.xml",
        b'<formControlPr xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" objectType="Button"/>',
        "blad",
    ),
    "koppeling naar een andere werkmap": (
        f"{REL}/externalLink",
        "xl/externalLinks/externalLink1.xml",
        b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
        "werkmap",
    ),
    "afbeelding": (f"{REL}/drawing", "xl/drawings/drawing9.xml", _TEKENING_MET_AFBEELDING.encode(), "blad"),
}


def met_onderdeel(bron: Path, doel: Path, soort: str) -> Path:
    """`bron` plus one part of kind `soort` (see ONDERDELEN), attached to 'Notities' or the workbook."""
    type_, deel, inhoud, houder = ONDERDELEN[soort]
    with zipfile.ZipFile(bron) as zf:
        notities = _bladdeel(zf, "Notities")
    bron_deel = notities if houder == "blad" else "xl/workbook.xml"
    map_, naam = bron_deel.rsplit("/", 1)
    rels = f"{map_}/_rels/{naam}.rels"
    doel_rel = "../" + deel.split("/", 1)[1] if houder == "blad" else deel.split("/", 1)[1]
    relatie = f'<Relationship Id="rIdExtra" Type="{type_}" Target="{doel_rel}"/>'
    extra = {deel: inhoud}
    if soort == "afbeelding":
        extra["xl/media/logo.png"] = png()
        extra["xl/drawings/_rels/drawing9.xml.rels"] = (
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/image" Target="../media/logo.png"/></Relationships>'
        ).encode()

    def wijzig(naam_: str, data: bytes) -> bytes:
        if naam_ == rels:
            return data.replace(b"</Relationships>", relatie.encode() + b"</Relationships>")
        if naam_ == notities and soort == "afbeelding":
            return data.replace(b"</worksheet>", f'<drawing xmlns:r="{REL}" r:id="rIdExtra"/></worksheet>'.encode())
        return data

    with zipfile.ZipFile(bron) as zf:
        if rels not in zf.namelist():
            extra[rels] = (f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                           f"{relatie}</Relationships>").encode()
    _herschrijf(bron, doel, wijzig, extra)
    return doel


def _bladdeel(zf: zipfile.ZipFile, titel: str) -> str:
    """The part of the sheet titled `titel` (openpyxl numbers sheets in order)."""
    wb = openpyxl.load_workbook(zf.filename, read_only=True)
    index = wb.sheetnames.index(titel)
    wb.close()
    return f"xl/worksheets/sheet{index + 1}.xml"


def _herschrijf(bron: Path, doel: Path, wijzig, extra: dict[str, bytes]) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(bron) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zuit:
        for info in zin.infolist():
            zuit.writestr(info.filename, wijzig(info.filename, zin.read(info)))
        for naam, data in extra.items():
            if naam not in zin.namelist():
                zuit.writestr(naam, data)
    doel.write_bytes(buf.getvalue())


# An Excel 2010 data validation (a list drawn from another sheet) lives in the sheet's extLst,
# which openpyxl drops with a warning.
_X14_VALIDATIE = (
    b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    b'<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    b'<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Verborgen!$A$1:$A$3</xm:f>'
    b"</x14:formula1><xm:sqref>D2:D4</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>"
)


def met_uitbreiding(bron: Path, doel: Path) -> Path:
    """`bron` with an Excel 2010 data validation on 'Notities'."""
    with zipfile.ZipFile(bron) as zf:
        notities = _bladdeel(zf, "Notities")

    def wijzig(naam: str, data: bytes) -> bytes:
        return data.replace(b"</worksheet>", _X14_VALIDATIE + b"</worksheet>") if naam == notities else data

    _herschrijf(bron, doel, wijzig, {})
    return doel
