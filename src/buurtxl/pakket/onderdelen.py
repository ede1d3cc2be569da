"""Package I/O: the parts of an OPC zip, their relationships and content types.

Parts are kept as bytes in their original order with their zip entries, so a part nobody edits
is written back exactly as it was read.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
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
    bron: bytes = b""  # the zip the parts were read from: unchanged parts are copied from it as stored

    @classmethod
    def lees(cls, bron: bytes) -> Pakket:
        with zipfile.ZipFile(io.BytesIO(bron)) as zf:
            infos = zf.infolist()  # folder entries too (Excel for Mac writes them): copied as they are
            return cls({i.filename: zf.read(i) for i in infos}, {i.filename: i for i in infos}, bron)

    def naar_bytes(self) -> bytes:
        """The zip. A part that is unchanged keeps its stored (compressed) bytes and its entry's date;
        only new and rewritten parts are compressed."""
        uit = _Zip()
        for naam, data in self.delen.items():
            oud = self.info.get(naam)
            if oud is not None and self.bron and oud.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) \
                    and zlib.crc32(data) == oud.CRC and len(data) == oud.file_size:
                uit.ruw(oud, _opgeslagen(self.bron, oud))
            else:
                uit.nieuw(naam, data, oud.date_time if oud is not None else (1980, 1, 1, 0, 0, 0))
        return uit.sluit()

    def relaties(self, deel: str) -> list[Relatie]:
        """The relationships of `deel` ("" for the package itself)."""
        pad = rels_pad(deel)
        if pad not in self.delen:
            return []
        uit = []
        for rel in xml(self.delen[pad]).iter(f"{{{NS_RELS}}}Relationship"):
            extern = rel.get("TargetMode") == "External"
            doel = rel.get("Target", "")
            uit.append(
                Relatie(rel.get("Id", ""), rel.get("Type", ""), doel if extern else doel_van(deel, doel), extern)
            )
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


def _opgeslagen(bron: bytes, info: zipfile.ZipInfo) -> bytes:
    """The stored (compressed) bytes of an entry, from its local file header."""
    o = info.header_offset
    naam_lengte, extra_lengte = struct.unpack("<HH", bron[o + 26 : o + 30])
    begin = o + 30 + naam_lengte + extra_lengte
    return bron[begin : begin + info.compress_size]


class _Zip:
    """A minimal zip writer that can copy an entry's stored bytes unchanged (zipfile cannot).

    No zip64: `voorcontrole` limits a workbook to 10,000 parts and 200 MB unpacked.
    """

    def __init__(self) -> None:
        self.buf = io.BytesIO()
        self.centraal: list[bytes] = []

    def _schrijf(self, naam: str, methode: int, datum: tuple, crc: int, gepakt: bytes, grootte: int) -> None:
        naam_b = naam.encode("utf-8")
        vlag = 0x800 if not naam.isascii() else 0
        tijd = (datum[3] << 11) | (datum[4] << 5) | (datum[5] // 2)
        dag = ((max(datum[0], 1980) - 1980) << 9) | (datum[1] << 5) | datum[2]
        plek = self.buf.tell()
        self.buf.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, vlag, methode, tijd, dag, crc,
                                   len(gepakt), grootte, len(naam_b), 0) + naam_b)
        self.buf.write(gepakt)
        self.centraal.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, vlag, methode, tijd, dag,
                                         crc, len(gepakt), grootte, len(naam_b), 0, 0, 0, 0, 0, plek) + naam_b)

    def ruw(self, info: zipfile.ZipInfo, gepakt: bytes) -> None:
        self._schrijf(info.filename, info.compress_type, info.date_time, info.CRC, gepakt, info.file_size)

    def nieuw(self, naam: str, data: bytes, datum: tuple) -> None:
        pakker = zlib.compressobj(6, zlib.DEFLATED, -15)
        gepakt = pakker.compress(data) + pakker.flush()
        self._schrijf(naam, zipfile.ZIP_DEFLATED, datum, zlib.crc32(data), gepakt, len(data))

    def sluit(self) -> bytes:
        begin = self.buf.tell()
        for entry in self.centraal:
            self.buf.write(entry)
        lengte = self.buf.tell() - begin
        self.buf.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(self.centraal), len(self.centraal),
                                   lengte, begin, 0))
        return self.buf.getvalue()


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
