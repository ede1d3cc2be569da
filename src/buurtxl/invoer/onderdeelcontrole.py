"""The checks on one part of a workbook's zip, for `voorcontrole`: XML or not, a DTD, too many rows.

A part is XML when [Content_Types].xml says so, when its name ends in .xml or .rels, or when its
first bytes are XML: not by its name alone, since a reader finds a sheet through the relationships
whatever the part is called (`sheet1.dat`, shared strings as `.txt`). XML parts stream through
expat, which refuses a DTD at its first token; other parts are scanned for one. A sheet's rows are
counted as it streams, and the count stops at the limit.
"""

from __future__ import annotations

import re
import zipfile
from xml.parsers import expat

from ..model import BuurtxlFout, Probleem

# Rows of one input table (CSV, or the sheet read): Maastricht has 44 buurten and the benchmarks
# go to 10,000; beyond this a file is refused before it is validated (which is linear, ~60 µs a row).
MAX_RIJEN = 100_000
# A sheet without its size (<dimension>, which Excel, LibreOffice and openpyxl always write) costs
# openpyxl a full parse just to open the workbook, three times per read: fewer rows then.
MAX_RIJEN_ZONDER_AFMETING = 10_000
# One field of a text file: Python's own csv limit. A longer field is almost always a quote that
# was never closed and swallowed the rest of the file; a known text column has its own, much
# smaller maximum (`velden`).
MAX_TEKENS = 131_072
_DTD_TEKST = tuple("<!DOCTYPE".encode(c) for c in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))


class _DTD(BuurtxlFout):
    """A part declares a DTD (raised from inside expat, turned into a `Probleem`)."""


def _weiger_dtd(*args) -> None:
    raise _DTD


def controleer_deel(naam: str, zf: zipfile.ZipFile, deel: zipfile.ZipInfo, xml: set[str]) -> Probleem | None:
    """Read the whole part (sizes were bounded above), which makes zipfile check its CRC.

    A part is XML when its content type says so ([Content_Types].xml: `xml_delen`), when its name
    ends in .xml or .rels, or when its first bytes are XML: not its name alone, since a reader finds
    a sheet through the relationships whatever the part is called (`sheet1.dat`). XML parts go
    through expat as they stream: a DTD is refused at its first token, and XML that is not
    well-formed is reported here rather than as an exception from deep inside openpyxl. VML
    (legacy drawings) is not well-formed as Excel writes it, and a part that is not XML may still
    be parsed as such by some reader: these are scanned for a DTD instead.
    """
    soort = deel.filename.lower().rsplit(".", 1)[-1]
    overlap = max(len(d) for d in _DTD_TEKST)
    vorige = b""
    parser = None
    teller = _Rijteller()
    try:
        with zf.open(deel) as f:
            eerste = True
            while blok := f.read(1 << 20):
                if eerste:
                    eerste = False
                    if soort != "vml" and (deel.filename in xml or soort in ("xml", "rels")
                                           or _lijkt_xml(blok)):
                        parser = expat.ParserCreate(namespace_separator=" ")  # also checks prefixes
                        parser.StartDoctypeDeclHandler = _weiger_dtd
                if parser is not None:
                    parser.Parse(blok, False)
                    if teller.tel(blok):
                        return _te_veel_rijen_in_deel(naam, deel.filename, teller)
                else:
                    venster = vorige + blok
                    if any(d in venster for d in _DTD_TEKST):
                        raise _DTD
                    vorige = venster[-overlap:]
            if parser is not None:
                parser.Parse(b"", True)
    except _DTD:
        return dtd_probleem(naam)
    except expat.ExpatError as fout:
        return Probleem(
            f"onderdeel '{deel.filename}' van de werkmap is geen geldige XML (regel {fout.lineno}, "
            f"kolom {fout.offset}); open de werkmap in Excel en sla hem opnieuw op",
            naam,
        )
    return None


class _Rijteller:
    """Counts the rows (<row>, any prefix) of a sheet's XML as it streams; says when there are too
    many. Only the first `MAX_RIJEN` rows are ever searched, so the count costs little."""

    _RIJ = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
    _AFMETING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension[\s/>]")

    def __init__(self) -> None:
        self.rijen = 0
        self.afmeting: bool | None = None  # whether <dimension> came before the first row
        self._rest = b""

    @property
    def grens(self) -> int:
        return MAX_RIJEN if self.afmeting is not False else MAX_RIJEN_ZONDER_AFMETING

    def tel(self, blok: bytes) -> bool:
        tekst = self._rest + blok
        einde = tekst.rfind(b"<", max(0, len(tekst) - 64))  # a tag cut at the end: next round
        einde = len(tekst) if einde < 0 else einde
        self._rest = tekst[einde:]
        if self.afmeting is None:
            eerste = self._RIJ.search(tekst, 0, einde)
            if eerste is not None:
                self.afmeting = self._AFMETING.search(tekst, 0, eerste.start()) is not None
        self.rijen += sum(1 for _ in self._RIJ.finditer(tekst, 0, einde))
        return self.rijen > self.grens


def _te_veel_rijen_in_deel(naam: str, deel: str, teller: _Rijteller) -> Probleem:
    if teller.afmeting is False:
        return Probleem(
            f"onderdeel '{deel}' (een blad) heeft meer dan {getal(teller.grens)} rijen en geen opgegeven "
            "afmeting (zoals Excel die bewaart); open de werkmap in Excel en sla hem opnieuw op, of "
            f"houd het blad onder {getal(teller.grens)} rijen", naam)
    return Probleem(
        f"een blad (onderdeel '{deel}') heeft meer dan {getal(MAX_RIJEN)} rijen; de grens is "
        f"{getal(MAX_RIJEN)} rijen per blad (een gemeente heeft tientallen buurten). Verwijder wat er "
        "niet bij hoort of splits de werkmap", naam)


_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _lijkt_xml(begin: bytes) -> bool:
    """Whether a part's first bytes are XML: '<' after an optional byte-order mark and whitespace,
    in UTF-8 or UTF-16."""
    for bom in _BOMS:
        if begin.startswith(bom):
            return True
    tekst = begin[:64].lstrip(b" \t\r\n")
    return tekst.startswith((b"<", "<".encode("utf-16-le"), "<".encode("utf-16-be")))


def xml_delen(zf: zipfile.ZipFile) -> set[str]:
    """The parts that [Content_Types].xml declares XML (an Override, or a Default by extension)."""
    from defusedxml import ElementTree

    try:
        typen = ElementTree.fromstring(zf.read("[Content_Types].xml"))
    except Exception:  # judged as a part of its own below, with a Dutch message
        return set()
    standaard = {e.get("Extension", "").lower() for e in typen
                 if e.tag.endswith("Default") and _is_xml_type(e.get("ContentType", ""))}
    uit = {e.get("PartName", "").lstrip("/") for e in typen
           if e.tag.endswith("Override") and _is_xml_type(e.get("ContentType", ""))}
    uit |= {n for n in zf.namelist() if n.lower().rsplit(".", 1)[-1] in standaard}
    return uit


def _is_xml_type(inhoudstype: str) -> bool:
    basis = inhoudstype.split(";", 1)[0].strip().lower()
    return basis.endswith(("+xml", "/xml")) and "vml" not in basis


def dtd_probleem(naam: str) -> Probleem:
    return Probleem(
        "de werkmap bevat een XML-documenttypedefinitie (DTD) met mogelijke entiteit-expansie "
        "('billion laughs'); zo'n bestand wordt niet geopend",
        naam,
    )


def te_veel_rijen(naam: str, blad: str | None = None) -> Probleem:
    return Probleem(
        f"meer dan {getal(MAX_RIJEN)} rijen; de grens is {getal(MAX_RIJEN)} rijen per bestand of blad "
        "(een gemeente heeft tientallen buurten). Verwijder wat er niet bij hoort of splits het bestand",
        naam, blad,
    )


def getal(n: int) -> str:
    """A count the Dutch way: 100.000."""
    return f"{n:,}".replace(",", ".")
