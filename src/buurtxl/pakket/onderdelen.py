"""Package I/O: the parts of an OPC zip, their relationships and content types.

Parts are kept as bytes in their original order with their zip entries, so a part nobody edits
is written back exactly as it was read.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_TYPE = NS_R  # officeDocument relationship types start with this
INHOUDSTYPEN = "[Content_Types].xml"

# User XML is parsed without network access or entity expansion; `voorcontrole` already refused
# any part that declares a DTD. huge_tree: a big sheet is not an attack.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False)


def xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, _PARSER)


def naar_bytes(boom: etree._Element) -> bytes:
    return etree.tostring(boom, xml_declaration=True, encoding="UTF-8", standalone=True)


@dataclass(frozen=True)
class Relatie:
    id: str
    type: str  # the full type URI
    doel: str  # the target part name (no leading '/'), or the raw target when extern
    extern: bool

    @property
    def soort(self) -> str:
        """The last segment of the type URI: 'worksheet', 'styles', 'drawing', …"""
        return self.type.rsplit("/", 1)[-1]


@dataclass
class Pakket:
    """The parts of a package by name (no leading '/'), in zip order."""

    delen: dict[str, bytes]
    info: dict[str, zipfile.ZipInfo] = field(default_factory=dict)

    @classmethod
    def lees(cls, bron: bytes) -> Pakket:
        with zipfile.ZipFile(io.BytesIO(bron)) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            return cls({i.filename: zf.read(i) for i in infos}, {i.filename: i for i in infos})

    def naar_bytes(self) -> bytes:
        """The zip; each part keeps its original entry (date, compression) when it had one."""
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for naam, data in self.delen.items():
                oud = self.info.get(naam)
                if oud is not None:
                    info = zipfile.ZipInfo(naam, date_time=oud.date_time)
                    info.compress_type = oud.compress_type
                    info.external_attr = oud.external_attr
                else:
                    info = zipfile.ZipInfo(naam, date_time=(1980, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, data)
        return buf.getvalue()

    def relaties(self, deel: str) -> list[Relatie]:
        """The relationships of `deel` ("" for the package itself)."""
        pad = rels_pad(deel)
        if pad not in self.delen:
            return []
        uit = []
        for rel in xml(self.delen[pad]).iter(f"{{{NS_RELS}}}Relationship"):
            extern = rel.get("TargetMode") == "External"
            doel = rel.get("Target", "")
            uit.append(Relatie(rel.get("Id", ""), rel.get("Type", ""), doel if extern else doel_van(deel, doel), extern))
        return uit

    def werkboek(self) -> str:
        """The workbook part (normally xl/workbook.xml)."""
        for rel in self.relaties(""):
            if rel.soort == "officeDocument" and not rel.extern:
                return rel.doel
        return "xl/workbook.xml"

    def bereikbaar(self, vanaf: list[str], overslaan: set[str] = frozenset()) -> set[str]:  # type: ignore[assignment]
        """Every part reachable from `vanaf` through internal relationships, not entering `overslaan`."""
        gezien: set[str] = set()
        te_doen = [d for d in vanaf if d not in overslaan]
        while te_doen:
            deel = te_doen.pop()
            if deel in gezien:
                continue
            gezien.add(deel)
            for rel in self.relaties(deel):
                if not rel.extern and rel.doel not in gezien and rel.doel not in overslaan and rel.doel in self.delen:
                    te_doen.append(rel.doel)
        return gezien


def rels_pad(deel: str) -> str:
    """`xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`; "" → `_rels/.rels`."""
    map_, naam = posixpath.split(deel)
    return posixpath.join(map_, "_rels", naam + ".rels")


def doel_van(bron: str, target: str) -> str:
    """The part a relationship target of `bron` names (targets are relative to `bron`'s folder)."""
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(bron), target)).lstrip("/") if target else bron


def inhoudstypen(pakket: Pakket) -> tuple[dict[str, str], dict[str, str]]:
    """(Default by lower-case extension, Override by part name without '/')."""
    boom = xml(pakket.delen[INHOUDSTYPEN])
    standaard = {e.get("Extension", "").lower(): e.get("ContentType", "") for e in boom.iter(f"{{{NS_CT}}}Default")}
    apart = {e.get("PartName", "").lstrip("/"): e.get("ContentType", "") for e in boom.iter(f"{{{NS_CT}}}Override")}
    return standaard, apart


def inhoudstype(deel: str, standaard: dict[str, str], apart: dict[str, str]) -> str | None:
    if deel in apart:
        return apart[deel]
    return standaard.get(deel.rsplit("/", 1)[-1].rpartition(".")[2].lower())
