"""Package-level helpers for the `update` tests: what Excel does to a package when staff copy a
sheet, how a workbook updated by the old version marked its sheets, and a byte-level comparison
that does not use buurtxl's merge code.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
# Parts that `update` may rewrite; every other part of the user's must stay byte for byte.
GEDEELD = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml",
           "docProps/custom.xml", "_rels/.rels"}


def delen(pad: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(pad) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def _schrijf(pad: Path, inhoud: dict[str, bytes]) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for naam, data in inhoud.items():
            zf.writestr(naam, data)
    pad.write_bytes(buf.getvalue())


def bladdeel(inhoud: dict[str, bytes], titel: str) -> str:
    wb = etree.fromstring(inhoud["xl/workbook.xml"])
    rels = etree.fromstring(inhoud["xl/_rels/workbook.xml.rels"])
    doelen = {r.get("Id"): r.get("Target") for r in rels}
    for blad in wb.iter(f"{{{MAIN}}}sheet"):
        if blad.get("name") == titel:
            doel = doelen[blad.get(f"{{{R}}}id")]
            return doel.lstrip("/") if doel.startswith("/") else posixpath.normpath("xl/" + doel)
    raise KeyError(titel)


def kopieer_blad(pad: Path, titel: str, kopie: str, *, met_bladnamen: bool = True) -> None:
    """Copy sheet `titel` as `kopie` at the end, as Excel's 'Move or Copy > Create a copy' does:
    a new sheet part with a new sheetId, and the sheet-scoped names copied along (`met_bladnamen`).
    The copy keeps the cells; its Table and chart are left out (Excel would copy them renamed)."""
    inhoud = delen(pad)
    bron = bladdeel(inhoud, titel)
    n = 1
    while f"xl/worksheets/kopie{n}.xml" in inhoud:
        n += 1
    deel = f"xl/worksheets/kopie{n}.xml"
    xml = re.sub(
        rb"<drawing [^>]*/>|<tableParts.*?</tableParts>|<legacyDrawing [^>]*/>", b"", inhoud[bron], flags=re.DOTALL
    )
    inhoud[deel] = xml
    wb = etree.fromstring(inhoud["xl/workbook.xml"])
    sheets = wb.find(f"{{{MAIN}}}sheets")
    titels = [s.get("name") for s in sheets]
    nieuw_id = max(int(s.get("sheetId")) for s in sheets) + 1
    rels = etree.fromstring(inhoud["xl/_rels/workbook.xml.rels"])
    rid = f"rIdKopie{n}"
    etree.SubElement(rels, f"{{{rels.nsmap[None]}}}Relationship", Id=rid, Type=f"{R}/worksheet", Target="/" + deel)
    e = etree.SubElement(sheets, f"{{{MAIN}}}sheet", name=kopie, sheetId=str(nieuw_id))
    e.set(f"{{{R}}}id", rid)
    if met_bladnamen:
        namen = wb.find(f"{{{MAIN}}}definedNames")
        oud = str(titels.index(titel))
        for naam in list(namen if namen is not None else []):
            if naam.get("localSheetId") == oud:
                nieuw = etree.SubElement(namen, f"{{{MAIN}}}definedName", **dict(naam.attrib))
                nieuw.set("localSheetId", str(len(titels)))
                nieuw.text = (naam.text or "").replace(f"'{titel}'!", f"'{kopie}'!")
    ct = etree.fromstring(inhoud["[Content_Types].xml"])
    etree.SubElement(ct, f"{{{ct.nsmap[None]}}}Override", PartName="/" + deel, ContentType=WORKSHEET_TYPE)
    inhoud["xl/workbook.xml"] = etree.tostring(wb)
    inhoud["xl/_rels/workbook.xml.rels"] = etree.tostring(rels)
    inhoud["[Content_Types].xml"] = etree.tostring(ct)
    _schrijf(pad, inhoud)


def naar_oud_merkteken(pad: Path) -> None:
    """Make a workbook updated by this version look like one updated by the old version: no
    record in the custom properties, a sheet-scoped name Buurtxl_Blad="rol" on each of our sheets."""
    inhoud = delen(pad)
    custom = etree.fromstring(inhoud["docProps/custom.xml"])
    rollen = {}
    for prop in list(custom):
        if prop.get("name", "").startswith("buurtxl_blad_"):
            _, rol, titel = "".join(prop.itertext()).split("|", 2)
            rollen[titel] = rol
            custom.remove(prop)
    inhoud["docProps/custom.xml"] = etree.tostring(custom)
    wb = etree.fromstring(inhoud["xl/workbook.xml"])
    titels = [s.get("name") for s in wb.iter(f"{{{MAIN}}}sheet")]
    namen = wb.find(f"{{{MAIN}}}definedNames")
    for titel, rol in rollen.items():
        e = etree.SubElement(
            namen, f"{{{MAIN}}}definedName", name="Buurtxl_Blad", localSheetId=str(titels.index(titel)), hidden="1"
        )
        e.text = f'"{rol}"'
    inhoud["xl/workbook.xml"] = etree.tostring(wb)
    _schrijf(pad, inhoud)


def veranderd(voor: dict[str, bytes], na: dict[str, bytes], mag_weg: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """The user's parts (all but the shared ones) that are not byte-identical after the update."""
    uit = []
    for naam, data in voor.items():
        if naam in GEDEELD or naam in mag_weg:
            continue
        if na.get(naam) != data:
            uit.append(naam)
    return uit


def stijlen_vooraan(voor: bytes, na: bytes) -> list[str]:
    """Lists in styles.xml whose original entries are not the first entries, unchanged, after the update."""
    a, b = etree.fromstring(voor), etree.fromstring(na)
    uit = []
    for lijst in ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs"):
        oud = a.find(f"{{{MAIN}}}{lijst}")
        nieuw = b.find(f"{{{MAIN}}}{lijst}")
        oude = [etree.tostring(e, method="c14n") for e in (oud if oud is not None else [])]
        nieuwe = [etree.tostring(e, method="c14n") for e in (nieuw if nieuw is not None else [])]
        if nieuwe[: len(oude)] != oude:
            uit.append(lijst)
    return uit


def voeg_naam_toe(pad: Path, naam: str, tekst: str, *, blad: int | None = None) -> None:
    """A name added the way Excel stores it (Formulas > Define Name), scoped to sheet `blad` (an index)."""
    inhoud = delen(pad)
    wb = etree.fromstring(inhoud["xl/workbook.xml"])
    namen = wb.find(f"{{{MAIN}}}definedNames")
    e = etree.SubElement(namen, f"{{{MAIN}}}definedName", name=naam)
    e.text = tekst
    if blad is not None:
        e.set("localSheetId", str(blad))
    inhoud["xl/workbook.xml"] = etree.tostring(wb, xml_declaration=True, encoding="UTF-8", standalone=True)
    _schrijf(pad, inhoud)
