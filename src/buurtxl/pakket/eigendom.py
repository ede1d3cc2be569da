"""Which sheets of a workbook are buurtxl's: a document property per sheet, never a sheet-scoped name.

Excel and LibreOffice copy a sheet-scoped name along with the sheet, so a user's copy of the
Begroting looked like buurtxl's and was deleted by the old `update`. The record now lives in the
document's custom properties (`docProps/custom.xml`, File > Properties > Custom in Excel): one
property `buurtxl_blad_N` per sheet with ``sheetId|rol|titel``. A sheet is buurtxl's only when both
its sheetId and its title match; a copy gets a new sheetId and a new title, a renamed sheet keeps
its id but not its title, so neither is claimed (LibreOffice renumbers sheetIds when it saves: in a
workbook it saved last, the title decides). One short property per sheet keeps every value
under the 255 characters Excel allows for a custom property.

Workbooks updated by older versions carry the sheet-scoped name `Buurtxl_Blad` ("begroting",
"buurt", …) instead. Such a sheet is taken over only when its title is exactly the title buurtxl
gives that role (Toelichting, Regeling, Begroting, or the sheet name of a buurt now being
written): a copy ("Begroting (2)", "Begroting_2", "Begroting maart") keeps its title and stays.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from .onderdelen import NS_MAIN, Pakket, xml

VOORVOEGSEL = "buurtxl_blad_"
NS_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
NS_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the only fmtid user-defined properties use
REL_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
TYPE_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
OUD_MERKTEKEN = "Buurtxl_Blad"
VASTE_TITELS = {"toelichting": "Toelichting", "begroting": "Begroting", "regeling": "Regeling"}


@dataclass(frozen=True)
class EigenBlad:
    id: int
    rol: str
    titel: str

    def waarde(self) -> str:
        return f"{self.id}|{self.rol}|{self.titel}"


def uit_waarden(waarden: Iterable[str]) -> list[EigenBlad]:
    uit = []
    for waarde in waarden:
        id_, _, rest = waarde.partition("|")
        rol, _, titel = rest.partition("|")
        if id_.isdigit() and rol and titel:
            uit.append(EigenBlad(int(id_), rol, titel))
    return uit


def vastgelegd(pakket: Pakket) -> list[EigenBlad]:
    """The record in docProps/custom.xml (empty when there is none)."""
    deel = _eigenschappen_deel(pakket)
    if deel is None:
        return []
    waarden = []
    for prop in xml(pakket.delen[deel]).iter(f"{{{NS_CUSTOM}}}property"):
        if prop.get("name", "").startswith(VOORVOEGSEL):
            waarden.append("".join(prop.itertext()))
    return uit_waarden(waarden)


def eigen_bladen(pakket: Pakket, bladen: list[tuple[str, int]], buurttitels: Iterable[str] = ()) -> dict[str, str]:
    """Title → role of buurtxl's sheets among `bladen` ((title, sheetId) in workbook order).

    LibreOffice numbers the sheetIds 1, 2, 3 … in tab order whenever it saves; in a workbook it saved
    last, the title alone decides (a copy made there is still called 'Begroting_2').
    """
    record = vastgelegd(pakket)
    if not record:
        return _oude_merktekens(pakket, [t for t, _ in bladen], set(buurttitels))
    if _laatst_bewaard_door_libreoffice(pakket):
        rollen = {b.titel: b.rol for b in record}
        return {titel: rollen[titel] for titel, _ in bladen if titel in rollen}
    precies = {(b.titel, b.id): b.rol for b in record}
    return {titel: precies[(titel, id_)] for titel, id_ in bladen if (titel, id_) in precies}


def _laatst_bewaard_door_libreoffice(pakket: Pakket) -> bool:
    for rel in pakket.relaties(""):
        if rel.soort == "extended-properties" and rel.doel in pakket.delen:
            return b"LibreOffice" in pakket.delen[rel.doel]
    return False


def _oude_merktekens(pakket: Pakket, titels: list[str], buurttitels: set[str]) -> dict[str, str]:
    boom = xml(pakket.delen[pakket.werkboek()])
    uit = {}
    for naam in boom.iter(f"{{{NS_MAIN}}}definedName"):
        index = naam.get("localSheetId", "")
        if naam.get("name") != OUD_MERKTEKEN or not index.isdigit() or int(index) >= len(titels):
            continue
        titel, rol = titels[int(index)], (naam.text or "").strip().strip('"')
        if VASTE_TITELS.get(rol) == titel or (rol == "buurt" and titel in buurttitels):
            uit[titel] = rol
    return uit


def _eigenschappen_deel(pakket: Pakket) -> str | None:
    for rel in pakket.relaties(""):
        if rel.type == REL_CUSTOM and not rel.extern and rel.doel in pakket.delen:
            return rel.doel
    return None


def schrijf(pakket: Pakket, bladen: list[EigenBlad]) -> str:
    """Replace the record in `pakket` (creating docProps/custom.xml if needed); return the part name.

    The user's own custom properties stay as they are, in their order.
    """
    deel = _eigenschappen_deel(pakket)
    if deel is None:
        deel = "docProps/custom.xml"
        while deel in pakket.delen:  # an orphan part of that name: do not touch it
            deel = deel.replace(".xml", "_buurtxl.xml")
        boom = etree.Element(f"{{{NS_CUSTOM}}}Properties", nsmap={None: NS_CUSTOM, "vt": NS_VT})
        nieuw = True
    else:
        boom = xml(pakket.delen[deel])
        nieuw = False
    for prop in list(boom.iter(f"{{{NS_CUSTOM}}}property")):
        if prop.get("name", "").startswith(VOORVOEGSEL):
            prop.getparent().remove(prop)
    pids = [int(p.get("pid", "1")) for p in boom.iter(f"{{{NS_CUSTOM}}}property") if p.get("pid", "").isdigit()]
    pid = max(pids, default=1) + 1
    for i, blad in enumerate(bladen, 1):
        prop = etree.SubElement(boom, f"{{{NS_CUSTOM}}}property", fmtid=FMTID, pid=str(pid), name=f"{VOORVOEGSEL}{i}")
        etree.SubElement(prop, f"{{{NS_VT}}}lpwstr").text = blad.waarde()
        pid += 1
    pakket.delen[deel] = etree.tostring(boom, xml_declaration=True, encoding="UTF-8", standalone=True)
    if nieuw:
        from .werkboek import voeg_inhoudstype_toe, voeg_relatie_toe

        voeg_relatie_toe(pakket, "", REL_CUSTOM, "/" + deel)
        voeg_inhoudstype_toe(pakket, deel, TYPE_CUSTOM)
    return deel
