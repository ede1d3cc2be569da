"""The shared parts that must learn about buurtxl's sheets: workbook.xml, its relationships and
[Content_Types].xml. Edited with lxml, which keeps the user's namespace prefixes (Excel's
`mc:Ignorable="x15 xr …"` names prefixes, so renaming them would break the part).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from lxml import etree

from ..model import BuurtxlFout
from .onderdelen import INHOUDSTYPEN, NS_CT, NS_MAIN, NS_R, NS_RELS, Pakket, naar_bytes, rels_pad, xml

M = f"{{{NS_MAIN}}}"
# CT_Workbook's children in schema order (what may precede definedNames and calcPr).
_VOLGORDE = ["fileVersion", "fileSharing", "workbookPr", "AlternateContent", "revisionPtr", "absPath",
             "workbookProtection", "bookViews", "sheets", "functionGroups", "externalReferences",
             "definedNames", "calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr",
             "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"]


@dataclass(frozen=True)
class Blad:
    titel: str
    id: int
    rid: str
    deel: str | None  # the worksheet part (None for a broken relationship)
    staat: str


@dataclass(frozen=True)
class Naam:
    naam: str
    blad: str | None  # the scope's sheet title, None for workbook scope
    tekst: str
    verborgen: bool


def bladen(pakket: Pakket) -> list[Blad]:
    werkboek = pakket.werkboek()
    doelen = {r.id: r.doel for r in pakket.relaties(werkboek)}
    uit = []
    for blad in xml(pakket.delen[werkboek]).iter(f"{M}sheet"):
        rid = blad.get(f"{{{NS_R}}}id", "")
        id_ = blad.get("sheetId", "0")
        uit.append(Blad(blad.get("name", ""), int(id_) if id_.isdigit() else 0, rid, doelen.get(rid),
                        blad.get("state", "visible")))
    return uit


def namen(pakket: Pakket) -> list[Naam]:
    boom = xml(pakket.delen[pakket.werkboek()])
    titels = [b.get("name", "") for b in boom.iter(f"{M}sheet")]
    uit = []
    for naam in boom.iter(f"{M}definedName"):
        index = naam.get("localSheetId")
        blad = titels[int(index)] if index is not None and index.isdigit() and int(index) < len(titels) else None
        uit.append(Naam(naam.get("name", ""), blad, naam.text or "", naam.get("hidden") in ("1", "true")))
    return uit


class Naambotsing(BuurtxlFout, ValueError):
    """A defined name buurtxl needs already exists as the user's own (args: the names; `bijwerken`
    words the message)."""


@dataclass(frozen=True)
class NieuwBlad:
    titel: str
    id: int
    rid: str


def herschrijf(
    pakket: Pakket,
    *,
    weg: set[str],
    nieuw: list[NieuwBlad],
    namen_weg: set[str],
    nieuwe_namen: list[Naam],
) -> str | None:
    """Rewrite workbook.xml: drop the sheets titled in `weg` and the workbook names in `namen_weg`
    (case-folded), insert `nieuw` where the first dropped sheet was (else at the end), add
    `nieuwe_namen`, renumber every sheet-scoped name, keep the active tab on the same sheet, and
    ask for a full recalculation on load. Returns the title that becomes the active tab when it
    is one of ours (its view must then be selected), else None.
    """
    deel = pakket.werkboek()
    boom = xml(pakket.delen[deel])
    sheets = boom.find(f"{M}sheets")
    elementen = list(sheets.iterfind(f"{M}sheet"))
    oud = [e.get("name", "") for e in elementen]
    posities = [i for i, t in enumerate(oud) if t in weg]
    invoeg = len([t for t in oud[: posities[0]] if t not in weg]) if posities else len([t for t in oud if t not in weg])
    for e in elementen:
        if e.get("name") in weg:
            sheets.remove(e)
    blijvend = list(sheets.iterfind(f"{M}sheet"))
    anker = blijvend[invoeg - 1] if invoeg > 0 else None
    for i, blad in enumerate(nieuw):
        e = etree.Element(f"{M}sheet", name=blad.titel, sheetId=str(blad.id))
        e.set(f"{{{NS_R}}}id", blad.rid)
        e.tail = None
        if anker is None:
            sheets.insert(i, e)
        else:
            anker.addnext(e)
        anker = e
    titels = [e.get("name", "") for e in sheets.iterfind(f"{M}sheet")]
    index = {t: i for i, t in enumerate(titels)}

    definities = boom.find(f"{M}definedNames")
    if definities is None:
        definities = etree.Element(f"{M}definedNames")
        _voeg_in(boom, definities)
    bestaand = set()
    for e in list(definities):
        if not isinstance(e.tag, str) or etree.QName(e).localname != "definedName":
            continue
        scope = e.get("localSheetId")
        titel = oud[int(scope)] if scope is not None and scope.isdigit() and int(scope) < len(oud) else None
        if scope is not None and (titel is None or titel not in index or (titel in weg and _van_buurtxl(e))):
            definities.remove(e)  # scoped to one of our replaced sheets: its print area, the old mark
            continue
        if scope is None and e.get("name", "").casefold() in namen_weg:
            definities.remove(e)
            continue
        if titel is not None:
            e.set("localSheetId", str(index[titel]))
        bestaand.add((e.get("name", "").casefold(), titel))
    botsing = [n.naam for n in nieuwe_namen if (n.naam.casefold(), n.blad) in bestaand]
    if botsing:
        raise Naambotsing(*botsing)
    for n in nieuwe_namen:
        e = etree.SubElement(definities, f"{M}definedName", name=n.naam)
        if n.blad is not None:
            e.set("localSheetId", str(index[n.blad]))
        if n.verborgen:
            e.set("hidden", "1")
        e.text = n.tekst
    if len(definities) == 0:
        boom.remove(definities)

    calc = boom.find(f"{M}calcPr")
    if calc is None:
        calc = etree.Element(f"{M}calcPr")
        _voeg_in(boom, calc)
    calc.set("fullCalcOnLoad", "1")

    actief_eigen = None
    for view in boom.iter(f"{M}workbookView"):
        for attr in ("activeTab", "firstSheet"):
            waarde = view.get(attr, "0")
            titel = oud[int(waarde)] if waarde.isdigit() and int(waarde) < len(oud) else None
            if titel in index:
                nieuw_index = index[titel]
            else:  # the active sheet was one of ours: the new Begroting (or our first) takes over
                nieuw_index = next((index[b.titel] for b in nieuw if b.titel.startswith("Begroting")),
                                   index[nieuw[0].titel] if nieuw else 0)
                if attr == "activeTab":
                    actief_eigen = titels[nieuw_index]
            if view.get(attr) is not None or nieuw_index:
                view.set(attr, str(nieuw_index))
    pakket.delen[deel] = naar_bytes(boom)
    return actief_eigen


def _van_buurtxl(e: etree._Element) -> bool:
    """A sheet-scoped name buurtxl wrote (print settings, the old mark); a user's own name on one of
    our sheets moves to the new sheet of the same title instead."""
    naam = e.get("name", "")
    return naam.startswith("_xlnm.") or naam == "Buurtxl_Blad"


def _voeg_in(boom: etree._Element, element: etree._Element) -> None:
    """Insert `element` after the last child that the schema puts before it."""
    plaats = _VOLGORDE.index(etree.QName(element).localname)
    voor = set(_VOLGORDE[:plaats])
    laatste = None
    for i, kind in enumerate(boom):
        if isinstance(kind.tag, str) and etree.QName(kind).localname in voor:
            laatste = i
    boom.insert(0 if laatste is None else laatste + 1, element)


# -- relationships and content types -------------------------------------------------------------

def vrije_rid(pakket: Pakket, bron: str) -> str:
    bezet = {r.id for r in pakket.relaties(bron)}
    getallen = [int(m.group(1)) for r in bezet if (m := re.fullmatch(r"rId(\d+)", r))]
    n = max(getallen, default=0) + 1
    while f"rId{n}" in bezet:
        n += 1
    return f"rId{n}"


def voeg_relatie_toe(pakket: Pakket, bron: str, type_: str, target: str, id_: str | None = None) -> str:
    pad = rels_pad(bron)
    id_ = id_ or vrije_rid(pakket, bron)
    if pad in pakket.delen:
        boom = xml(pakket.delen[pad])
    else:
        boom = etree.Element(f"{{{NS_RELS}}}Relationships", nsmap={None: NS_RELS})
    etree.SubElement(boom, f"{{{NS_RELS}}}Relationship", Id=id_, Type=type_, Target=target)
    pakket.delen[pad] = naar_bytes(boom)
    return id_


def verwijder_relaties(pakket: Pakket, bron: str, doelen: set[str]) -> None:
    """Drop `bron`'s internal relationships to the parts in `doelen` (the part is rewritten only if one goes)."""
    weg = {r.id for r in pakket.relaties(bron) if not r.extern and r.doel in doelen}
    if not weg:
        return
    pad = rels_pad(bron)
    boom = xml(pakket.delen[pad])
    for rel in list(boom):
        if rel.get("Id") in weg:
            boom.remove(rel)
    pakket.delen[pad] = naar_bytes(boom)


def voeg_inhoudstype_toe(pakket: Pakket, deel: str, type_: str) -> None:
    boom = xml(pakket.delen[INHOUDSTYPEN])
    etree.SubElement(boom, f"{{{NS_CT}}}Override", PartName="/" + deel, ContentType=type_)
    pakket.delen[INHOUDSTYPEN] = naar_bytes(boom)


def herschrijf_inhoudstypen(pakket: Pakket, weg: set[str], nieuw: dict[str, str]) -> None:
    """Drop the Overrides of the parts in `weg`, add one Override per part in `nieuw`."""
    boom = xml(pakket.delen[INHOUDSTYPEN])
    for e in list(boom.iter(f"{{{NS_CT}}}Override")):
        if e.get("PartName", "").lstrip("/") in weg:
            boom.remove(e)
    for deel, type_ in nieuw.items():
        etree.SubElement(boom, f"{{{NS_CT}}}Override", PartName="/" + deel, ContentType=type_)
    pakket.delen[INHOUDSTYPEN] = naar_bytes(boom)


def vrije_naam(deel: str, bezet: set[str]) -> str:
    """`xl/tables/table1.xml` → the first `xl/tables/tableN.xml` not in `bezet` (compared ignoring case)."""
    map_, naam = posixpath.split(deel)
    stam, ext = posixpath.splitext(naam)
    stam = stam.rstrip("0123456789") or "deel"
    kleine = {b.casefold() for b in bezet}
    n = 1
    while posixpath.join(map_, f"{stam}{n}{ext}").casefold() in kleine:
        n += 1
    return posixpath.join(map_, f"{stam}{n}{ext}")
