"""Write buurtxl's sheets into the user's package, leaving every other part as it was.

Input: the user's package, and a scratch package holding only buurtxl's sheets (written by openpyxl).
Output: a new package in which

- buurtxl's old sheets and the parts hanging only off them are gone, with `xl/calcChain.xml`;
- the scratch sheets and their parts (tables, drawings, charts) are added under names no part of
  the user's file ever had, with their style indexes renumbered into the merged styles.xml and
  their table ids above the user's;
- `workbook.xml`, its relationships, `[Content_Types].xml`, `styles.xml` and the custom document
  properties (buurtxl's record of its sheets) are rewritten; nothing else is touched.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from lxml import etree

from . import eigendom, stijlen, werkboek
from .onderdelen import NS_MAIN, NS_RELS, Pakket, inhoudstype, inhoudstypen, naar_bytes, rels_pad, xml
from .verwijzingen import bladen_in
from .werkboek import Naam, NieuwBlad

M = f"{{{NS_MAIN}}}"
REL_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
REL_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
TYPE_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
TYPE_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
TYPE_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


@dataclass
class Verslag:
    """What the merge did, part by part."""

    weg: set[str] = field(default_factory=set)  # the user's parts that are gone (ours and calcChain)
    nieuw: set[str] = field(default_factory=set)  # buurtxl's new parts
    gewijzigd: set[str] = field(default_factory=set)  # shared parts rewritten
    bladen: list[str] = field(default_factory=list)  # buurtxl's sheet titles, in order


def eigen_namen(namen: list[Naam], nodig: set[str], eigen_titels: set[str]) -> set[str]:
    """The user's workbook names that are buurtxl's from an earlier update (case-folded): a name
    buurtxl writes again that points only into buurtxl's old sheets. Any other name is the user's."""
    uit = set()
    for n in namen:
        if n.blad is None and n.naam.casefold() in nodig:
            doelen = bladen_in(n.tekst)
            if doelen and doelen <= eigen_titels:
                uit.add(n.naam.casefold())
    return uit


def voeg_samen(
    origineel: Pakket, kladblok: Pakket, eigen: dict[str, str], rollen: dict[str, str]
) -> tuple[Pakket, Verslag]:
    """The merged package. `eigen`: title → role of buurtxl's sheets in `origineel` (replaced);
    `rollen`: title → role of the scratch sheets (all of them are written)."""
    nieuw = Pakket(dict(origineel.delen), dict(origineel.info), origineel.bron)
    verslag = Verslag()
    wb_deel = origineel.werkboek()
    oude_bladen = werkboek.bladen(origineel)
    weg_bladen = [b for b in oude_bladen if b.titel in eigen]
    calc = {r.doel for r in origineel.relaties(wb_deel) if r.soort == "calcChain"}
    overslaan = {b.deel for b in weg_bladen if b.deel} | calc
    rest = origineel.bereikbaar([""], overslaan)
    weg = (origineel.bereikbaar(sorted(overslaan)) - rest) & set(origineel.delen)
    weg |= {rels_pad(d) for d in weg if rels_pad(d) in origineel.delen}
    verslag.weg = weg

    # Styles: the user's, with ours appended.
    stijl_deel = next((r.doel for r in origineel.relaties(wb_deel) if r.soort == "styles"), None)
    klad_stijl = next(r.doel for r in kladblok.relaties(kladblok.werkboek()) if r.soort == "styles")
    if stijl_deel is not None and stijl_deel in origineel.delen:
        samen = stijlen.voeg_samen(origineel.delen[stijl_deel], kladblok.delen[klad_stijl])
        nieuw.delen[stijl_deel] = samen.xml
        cel, dxf = samen.cel, samen.dxf
        verslag.gewijzigd.add(stijl_deel)
    else:  # a package without styles: ours become the styles part
        stijl_deel = (
            werkboek.vrije_naam("xl/styles.xml", set(origineel.delen))
            if "xl/styles.xml" in origineel.delen
            else "xl/styles.xml"
        )
        nieuw.delen[stijl_deel] = kladblok.delen[klad_stijl]
        werkboek.voeg_relatie_toe(nieuw, wb_deel, REL_STYLES, "/" + stijl_deel)
        werkboek.voeg_inhoudstype_toe(nieuw, stijl_deel, TYPE_STYLES)
        cel, dxf = _Zelf(), _Zelf()
        verslag.nieuw.add(stijl_deel)

    # New part names for the scratch sheets and everything hanging off them.
    klad_bladen = werkboek.bladen(kladblok)
    bezet = set(origineel.delen)
    namen: dict[str, str] = {}
    for blad in klad_bladen:
        for deel in sorted(kladblok.bereikbaar([blad.deel or ""])):
            if deel not in namen:
                namen[deel] = werkboek.vrije_naam(deel, bezet)
                bezet.add(namen[deel])
    standaard, apart = inhoudstypen(kladblok)
    tabel_id = _hoogste_tabel_id(origineel, weg)
    strings = _gedeelde_teksten(kladblok)

    for oud, deel in namen.items():
        data = kladblok.delen[oud]
        type_ = inhoudstype(oud, standaard, apart) or "application/xml"
        if type_ == TYPE_WORKSHEET:
            data = _blad(data, cel, dxf, strings, geselecteerd=False)
        elif type_ == TYPE_TABLE:
            tabel_id += 1
            data = _tabel(data, tabel_id, dxf)
        nieuw.delen[deel] = data
        verslag.nieuw.add(deel)
        if rels_pad(oud) in kladblok.delen:
            nieuw.delen[rels_pad(deel)] = _rels(kladblok.delen[rels_pad(oud)], oud, namen)
            verslag.nieuw.add(rels_pad(deel))

    # Drop our old parts and calcChain; the shared parts learn about the new sheets.
    for deel in weg:
        nieuw.delen.pop(deel, None)
    werkboek.verwijder_relaties(nieuw, wb_deel, overslaan)
    ids = max((b.id for b in oude_bladen), default=0)
    toegevoegd = []
    for blad in klad_bladen:
        ids += 1
        rid = werkboek.voeg_relatie_toe(nieuw, wb_deel, REL_WORKSHEET, "/" + namen[blad.deel or ""])
        toegevoegd.append(NieuwBlad(blad.titel, ids, rid))
    klad_namen = werkboek.namen(kladblok)
    nodig = {n.naam.casefold() for n in klad_namen if n.blad is None}
    namen_weg = eigen_namen(werkboek.namen(origineel), nodig, set(eigen))
    actief_eigen = werkboek.herschrijf(nieuw, weg=set(eigen), nieuw=toegevoegd, namen_weg=namen_weg,
                                       nieuwe_namen=[n for n in klad_namen if n.naam != eigendom.OUD_MERKTEKEN])
    if actief_eigen is not None:
        deel = namen[next(b.deel for b in klad_bladen if b.titel == actief_eigen) or ""]
        nieuw.delen[deel] = _selecteer(nieuw.delen[deel])
    werkboek.herschrijf_inhoudstypen(
        nieuw, weg, {namen[d]: inhoudstype(d, standaard, apart) or "application/xml" for d in namen})
    record = [eigendom.EigenBlad(b.id, rollen[b.titel], b.titel) for b in toegevoegd]
    eigendom.schrijf(nieuw, record)
    verslag.bladen = [b.titel for b in toegevoegd]
    verslag.gewijzigd |= {d for d in nieuw.delen if d in origineel.delen and nieuw.delen[d] != origineel.delen[d]}
    verslag.nieuw |= {d for d in nieuw.delen if d not in origineel.delen}
    return nieuw, verslag


class _Zelf(list):
    """An identity index map."""

    def __getitem__(self, i):
        return i


def _hoogste_tabel_id(pakket: Pakket, weg: set[str]) -> int:
    hoogste = 0
    standaard, apart = inhoudstypen(pakket)
    for deel, data in pakket.delen.items():
        if deel not in weg and inhoudstype(deel, standaard, apart) == TYPE_TABLE:
            id_ = xml(data).get("id", "0")
            hoogste = max(hoogste, int(id_) if id_.isdigit() else 0)
    return hoogste


def _gedeelde_teksten(pakket: Pakket) -> list[etree._Element]:
    deel = next((r.doel for r in pakket.relaties(pakket.werkboek()) if r.soort == "sharedStrings"), None)
    if deel is None or deel not in pakket.delen:
        return []
    return list(xml(pakket.delen[deel]).iterfind(f"{M}si"))


def _blad(data: bytes, cel, dxf, strings: list[etree._Element], *, geselecteerd: bool) -> bytes:
    """One of our worksheets with style indexes renumbered, shared strings inline, tab not selected."""
    boom = xml(data)
    for c in boom.iter(f"{M}c"):
        if (s := c.get("s")) is not None:
            c.set("s", str(cel[int(s)]))
        if c.get("t") == "s":
            v = c.find(f"{M}v")
            c.remove(v)
            inline = etree.SubElement(c, f"{M}is")
            for kind in strings[int(v.text)]:
                inline.append(copy.deepcopy(kind))
            c.set("t", "inlineStr")
    for rij in boom.iter(f"{M}row"):
        if (s := rij.get("s")) is not None:
            rij.set("s", str(cel[int(s)]))
    for kolom in boom.iter(f"{M}col"):
        if (s := kolom.get("style")) is not None:
            kolom.set("style", str(cel[int(s)]))
    for regel in boom.iter(f"{M}cfRule"):
        if (d := regel.get("dxfId")) is not None:
            regel.set("dxfId", str(dxf[int(d)]))
    for view in boom.iter(f"{M}sheetView"):
        if geselecteerd:
            view.set("tabSelected", "1")
        elif "tabSelected" in view.attrib:
            del view.attrib["tabSelected"]
    return naar_bytes(boom)


def _selecteer(data: bytes) -> bytes:
    boom = xml(data)
    for view in boom.iter(f"{M}sheetView"):
        view.set("tabSelected", "1")
    return naar_bytes(boom)


def _tabel(data: bytes, id_: int, dxf) -> bytes:
    boom = xml(data)
    boom.set("id", str(id_))
    for e in boom.iter():
        for attr in [a for a in e.attrib if a.endswith("DxfId")]:
            e.set(attr, str(dxf[int(e.get(attr))]))
    return naar_bytes(boom)


def _rels(data: bytes, bron: str, namen: dict[str, str]) -> bytes:
    """A relationships part of ours with its internal targets pointing at the renamed parts."""
    from .onderdelen import doel_van

    boom = xml(data)
    for rel in boom.iter(f"{{{NS_RELS}}}Relationship"):
        if rel.get("TargetMode") != "External":
            doel = doel_van(bron, rel.get("Target", ""))
            if doel in namen:
                rel.set("Target", "/" + namen[doel])
    return naar_bytes(boom)
