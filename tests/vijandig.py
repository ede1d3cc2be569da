"""Hostile inputs for issue 24, generated here and never stored: zip bombs, DTDs in oddly named
parts, overlong fields, a million rows. Each writer takes a path and returns it."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import corpus

LANG_VELD = 140_000  # over Python's csv limit of 131,072 characters
MILJOEN = 1_000_000


def geldig() -> bytes:
    return corpus.xlsx_bytes([corpus.KOP, *corpus.GOED])


def zip_bom(pad: Path) -> Path:
    pad.write_bytes(corpus.zip_bom())
    return pad


def dtd_in_deel(pad: Path, deel: str, nieuwe_naam: str, werkmap: bytes | None = None) -> Path:
    """A valid workbook whose part `deel` is stored as `nieuwe_naam` (relationships and content
    types follow, so Excel and openpyxl still find it) and declares a DTD with an entity."""
    werkmap = werkmap or geldig()
    oud, nieuw = deel.rsplit("/", 1)[1].encode(), nieuwe_naam.rsplit("/", 1)[1].encode()
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(werkmap)) as bron, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for info in bron.infolist():
            data = bron.read(info)
            naam = info.filename
            if naam == deel:
                naam = nieuwe_naam
                data = re.sub(rb"^(<\?xml[^>]*\?>)?", lambda m: (m.group(0) or b'<?xml version="1.0"?>')
                              + b'<!DOCTYPE x [<!ENTITY e "buurt">]>', data, count=1)
            elif naam.endswith((".rels", "[Content_Types].xml")):
                data = data.replace(oud, nieuw)
            doel.writestr(naam, data)
    pad.write_bytes(uit.getvalue())
    return pad


def met_gedeelde_teksten() -> bytes:
    """A valid workbook whose texts live in xl/sharedStrings.xml (openpyxl writes them there)."""
    return geldig()


def lang_veld_csv(pad: Path) -> Path:
    rijen = [corpus.KOP, *corpus.GOED]
    rijen[2] = [*rijen[2]]
    rijen[2][1] = "x" * LANG_VELD
    pad.write_bytes(corpus.csv_bytes(rijen))
    return pad


def lange_naam_csv(pad: Path, lengte: int = 40_000) -> Path:
    rijen = [corpus.KOP, *corpus.GOED]
    rijen[1] = [*rijen[1]]
    rijen[1][1] = "Wyck" * (lengte // 4)
    pad.write_bytes(corpus.csv_bytes(rijen))
    return pad


def miljoen_csv(pad: Path, rijen: int = MILJOEN) -> Path:
    with open(pad, "wb") as f:  # short rows, as the 12.9 MB: under the 20 MB limit
        f.write(b"buurt,huishoudens\n")
        f.write(b"".join(b"%x,9\n" % i for i in range(rijen)))
    return pad


def miljoen_xlsx(pad: Path, rijen: int = MILJOEN, *, afmeting: bool = True, laatste: int | None = None) -> Path:
    """A workbook whose sheet has `rijen` rows (written as XML directly: openpyxl would take minutes);
    `afmeting`: with a <dimension> as Excel writes it; `laatste`: the last row's number (a gap)."""
    kop = "".join(f'<c r="{chr(65 + k)}1" t="inlineStr"><is><t>{n}</t></is></c>' for k, n in enumerate(corpus.KOP[:4]))
    data = [f'<row r="1">{kop}</row>'.encode()]
    data += [b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>BU%08d</t></is></c><c r="B%d" t="inlineStr"><is><t>b%d</t>'
             b'</is></c><c r="C%d"><v>1200</v></c><c r="D%d"><v>60</v></c></row>' % (r, r, r, r, r, r, r)
             for r in range(2, rijen + 1)]
    if laatste is not None:
        data.append(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (laatste, laatste))
    onder = laatste or rijen
    dim = f'<dimension ref="A1:D{onder}"/>'.encode() if afmeting else b""
    blad = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + dim
            + b"<sheetData>" + b"".join(data) + b"</sheetData></worksheet>")
    pad.write_bytes(corpus.vervang_onderdeel(geldig(), "xl/worksheets/sheet1.xml", blad))
    return pad
