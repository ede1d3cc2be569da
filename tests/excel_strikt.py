"""The rules of /work/shared/EXCEL-STRICT.md (what makes Excel offer to 'repair' a file), checked on a
written package by parsing its XML parts. Independent of buurtxl's writer: only lxml and the zip.

`overtredingen(pad)` returns one Dutch line per violation; a package that passes gives [].
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
M = f"{{{MAIN}}}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_NAAM = re.compile(r"^[A-Za-z_\\\u00c0-\uffff][\w.\\\u00c0-\uffff]*$")
_CELACHTIG = re.compile(r"^(?:[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*|[RrCc])$")
_VERBODEN_BLAD = re.compile(r"[\[\]:*?/\\]")


def _kolom(letters: str) -> int:
    n = 0
    for t in letters.upper():
        n = n * 26 + ord(t) - 64
    return n


def _lijkt_cel(naam: str) -> bool:
    if not _CELACHTIG.match(naam):
        return False
    m = re.match(r"^([A-Za-z]{1,3})(\d+)$", naam)
    return bool(not m or (_kolom(m.group(1)) <= 16384 and int(m.group(2)) <= 1048576))


def _doel(bron: str, target: str) -> str:
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(bron), target))


def _rels_pad(deel: str) -> str:
    map_, naam = posixpath.split(deel)
    return posixpath.join(map_, "_rels", naam + ".rels")


def overtredingen(pad: Path) -> list[str]:
    uit: list[str] = []
    with zipfile.ZipFile(pad) as zf:
        delen = {i.filename: zf.read(i) for i in zf.infolist() if not i.is_dir()}
    x = {n: etree.fromstring(d) for n, d in delen.items() if n.endswith((".xml", ".rels", ".vml")) and d.strip()}
    ct = x["[Content_Types].xml"]
    standaard = {e.get("Extension", "").lower(): e.get("ContentType") for e in ct.iter(f"{CT}Default")}
    apart = {e.get("PartName", "").lstrip("/"): e.get("ContentType") for e in ct.iter(f"{CT}Override")}
    for naam in apart:
        if naam not in delen:
            uit.append(f"Override voor een onderdeel dat niet bestaat: /{naam}")
    def type_van(naam: str) -> str | None:
        return apart.get(naam) or standaard.get(naam.rsplit("/", 1)[-1].rpartition(".")[2].lower())
    for naam in delen:
        if naam != "[Content_Types].xml" and type_van(naam) is None:
            uit.append(f"geen inhoudstype voor {naam}")

    relaties: dict[str, list[tuple[str, str, str]]] = {}
    for naam in delen:
        if not naam.endswith(".rels"):
            continue
        map_, bestand = posixpath.split(naam)
        bron = posixpath.join(posixpath.dirname(map_), bestand[: -len(".rels")])
        ids = []
        for rel in x[naam].iter(RELS):
            ids.append(rel.get("Id"))
            if rel.get("TargetMode") == "External":
                continue
            doel = _doel(bron, rel.get("Target", ""))
            relaties.setdefault(bron, []).append((rel.get("Id", ""), rel.get("Type", "").rsplit("/", 1)[-1], doel))
            if doel not in delen:
                uit.append(f"relatie {rel.get('Id')} in {naam} wijst naar een onderdeel dat niet bestaat: {doel}")
        if len(ids) != len(set(ids)):
            uit.append(f"dubbele relatie-id's in {naam}")

    werkboek = next(d for _, s, d in relaties.get("", []) if s == "officeDocument")
    if "xl/vbaProject.bin" in delen and type_van(werkboek) != MACRO_MAIN:
        uit.append("werkmap met macro's zonder macro-inhoudstype")
    wb = x[werkboek]
    wb_rels = {i: d for i, _, d in relaties.get(werkboek, [])}
    titels = []
    ids = []
    bladdelen = {}
    for blad in wb.iter(f"{M}sheet"):
        titel = blad.get("name", "")
        titels.append(titel)
        ids.append(blad.get("sheetId"))
        bladdelen[titel] = wb_rels.get(blad.get(R_ID, ""))
        if (
            len(titel.encode("utf-16-le")) // 2 > 31
            or _VERBODEN_BLAD.search(titel)
            or titel.startswith("'")
            or titel.endswith("'")
            or not titel
        ):
            uit.append(f"ongeldige bladnaam {titel!r}")
    if len({t.casefold() for t in titels}) != len(titels):
        uit.append("bladnamen niet uniek")
    if len(set(ids)) != len(ids):
        uit.append("sheetId's niet uniek")
    namen = set()
    for naam in wb.iter(f"{M}definedName"):
        n, scope = naam.get("name", ""), naam.get("localSheetId")
        sleutel = (n.casefold(), scope)
        if sleutel in namen:
            uit.append(f"gedefinieerde naam {n!r} dubbel")
        namen.add(sleutel)
        if scope is not None and (not scope.isdigit() or int(scope) >= len(titels)):
            uit.append(f"gedefinieerde naam {n!r} met ongeldige localSheetId {scope}")
        kaal = n.removeprefix("_xlnm.")
        if not _NAAM.match(kaal) or _lijkt_cel(kaal):
            uit.append(f"ongeldige gedefinieerde naam {n!r}")
    werkboeknamen = {n for n, s in namen if s is None}

    stijl = next((d for _, s, d in relaties.get(werkboek, []) if s == "styles"), None)
    cellxfs = dxfs = 0
    if stijl:
        st = x[stijl]
        cellxfs = len(st.findall(f"{M}cellXfs/{M}xf"))
        dxfs = len(st.findall(f"{M}dxfs/{M}dxf"))
    strings = []
    sst = next((d for _, s, d in relaties.get(werkboek, []) if s == "sharedStrings"), None)
    if sst:
        strings = ["".join(si.itertext()) for si in x[sst].iterfind(f"{M}si")]

    calc = next((d for _, s, d in relaties.get(werkboek, []) if s == "calcChain"), None)
    formules: dict[tuple[int, str], bool] = {}
    tabel_ids, tabelnamen = [], []
    for index, titel in enumerate(titels):
        deel = bladdelen.get(titel)
        if deel is None or type_van(deel) != WORKSHEET:
            continue
        ws = x[deel]
        waarden = {}
        for c in ws.iter(f"{M}c"):
            s = c.get("s")
            if s is not None and int(s) >= cellxfs:
                uit.append(f"{titel}!{c.get('r')}: s={s} bestaat niet in cellXfs ({cellxfs})")
            f = c.find(f"{M}f")
            if f is not None:
                formules[(index, c.get("r", ""))] = True
                if len(f.text or "") > 8192:
                    uit.append(f"{titel}!{c.get('r')}: formule langer dan 8192 tekens")
            t = c.get("t")
            tekst = None
            if t == "inlineStr":
                tekst = "".join(c.find(f"{M}is").itertext()) if c.find(f"{M}is") is not None else ""
            elif t == "s" and c.find(f"{M}v") is not None:
                tekst = strings[int(c.find(f"{M}v").text)]
            elif t == "str" and c.find(f"{M}v") is not None:
                tekst = c.find(f"{M}v").text or ""
            if tekst is not None:
                waarden[c.get("r")] = tekst
                if len(tekst) > 32767:
                    uit.append(f"{titel}!{c.get('r')}: tekst langer dan 32767 tekens")
        for e in ws.iter(f"{M}row", f"{M}col"):
            s = e.get("s") or e.get("style")
            if s is not None and int(s) >= cellxfs:
                uit.append(f"{titel}: rij/kolomstijl {s} bestaat niet")
        for e in ws.iter():
            if isinstance(e.tag, str) and e.get("dxfId") is not None and int(e.get("dxfId")) >= dxfs:
                uit.append(f"{titel}: dxfId {e.get('dxfId')} bestaat niet ({dxfs})")
        for dv in ws.iter(f"{M}dataValidation"):
            for attr, grens in (("promptTitle", 32), ("errorTitle", 32), ("prompt", 255), ("error", 255)):
                if len(dv.get(attr, "")) > grens:
                    uit.append(f"{titel}: gegevensvalidatie {attr} langer dan {grens}")
            f1 = dv.find(f"{M}formula1")
            if f1 is not None and (f1.text or "").startswith('"') and len(f1.text) > 257:
                uit.append(f"{titel}: keuzelijst langer dan 255 tekens")
        for kop in ws.iter(
            f"{M}oddHeader", f"{M}oddFooter", f"{M}evenHeader", f"{M}evenFooter", f"{M}firstHeader", f"{M}firstFooter"
        ):
            if len(kop.text or "") > 255:
                uit.append(f"{titel}: kop- of voettekst langer dan 255 tekens")
        for _, soort, doel in relaties.get(deel, []):
            if soort != "table":
                continue
            tabel = x[doel]
            tabel_ids.append(tabel.get("id"))
            for attr in ("name", "displayName"):
                tabelnamen.append((tabel.get(attr, ""), tabel.get("id")))
                if not _NAAM.match(tabel.get(attr, "")) or _lijkt_cel(tabel.get(attr, "")):
                    uit.append(f"ongeldige tabelnaam {tabel.get(attr)!r}")
            if tabel.get("displayName", "").casefold() in werkboeknamen:
                uit.append(f"tabelnaam {tabel.get('displayName')!r} is ook een gedefinieerde naam")
            kolommen = [k.get("name", "") for k in tabel.iter(f"{M}tableColumn")]
            if len({k.casefold() for k in kolommen}) != len(kolommen):
                uit.append(f"tabel {tabel.get('name')}: kolomnamen niet uniek")
            ref = tabel.get("ref", "")
            m = re.match(r"([A-Z]+)(\d+):([A-Z]+)(\d+)", ref)
            if m and tabel.get("headerRowCount", "1") != "0":
                for i, kolom in enumerate(kolommen):
                    adres = _letters(_kolom(m.group(1)) + i) + m.group(2)
                    if waarden.get(adres) != kolom:
                        uit.append(
                            f"tabel {tabel.get('name')}: kopcel {adres} {waarden.get(adres)!r} is niet {kolom!r}"
                        )
            af = tabel.find(f"{M}autoFilter")
            if m and af is not None:
                laatste = int(m.group(4)) - int(tabel.get("totalsRowCount", "0"))
                verwacht = f"{m.group(1)}{m.group(2)}:{m.group(3)}{laatste}"
                if af.get("ref") != verwacht:
                    uit.append(f"tabel {tabel.get('name')}: autoFilter {af.get('ref')} is niet {verwacht}")
            for e in tabel.iter():
                for attr in [a for a in e.attrib if a.endswith("DxfId")]:
                    if int(e.get(attr)) >= dxfs:
                        uit.append(f"tabel {tabel.get('name')}: {attr} {e.get(attr)} bestaat niet")
    if len(set(tabel_ids)) != len(tabel_ids):
        uit.append(f"tabel-id's niet uniek in de werkmap: {sorted(tabel_ids)}")
    per_tabel: dict[str, set[str]] = {}
    for naam, id_ in tabelnamen:
        per_tabel.setdefault(naam.casefold(), set()).add(id_)
    uit += [f"tabelnaam {n!r} in meer dan één tabel" for n, ids_ in per_tabel.items() if len(ids_) > 1]
    if calc:
        for c in x[calc].iter(f"{M}c"):
            i = c.get("i")
            if i is not None:
                index = [j for j, s in enumerate(ids) if s == i]
                if index and (index[0], c.get("r", "")) not in formules:
                    uit.append(f"calcChain noemt {c.get('r')} op blad {i} zonder formule")
    return uit


def _letters(n: int) -> str:
    uit = ""
    while n:
        n, rest = divmod(n - 1, 26)
        uit = chr(65 + rest) + uit
    return uit
