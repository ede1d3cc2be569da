"""Checks on a raw input file before any parser touches it.

Files come from outside the municipality. Before `lezen` (or `bijwerken`) hands a file to the CSV
reader or to openpyxl, `controleer` looks at the bytes and at the zip directory only:

- the size on disk (at most `MAX_BESTAND`);
- the magic bytes against the extension: a PDF or CSV named `.xlsx`, a workbook named `.csv`;
- a password-protected workbook (an OLE2 container with an `EncryptedPackage` stream);
- the zip structure of `.xlsx`/`.xlsm`: readable directory, no encrypted parts, known compression,
  at most `MAX_ONDERDELEN` parts, at most `MAX_UITGEPAKT` bytes unpacked in total and no part
  that unpacks more than `MAX_VERHOUDING` times its packed size (a decompression bomb) — all read
  from the zip directory before anything is unpacked. Python's zipfile never yields more bytes
  than the directory declares, so a lying directory cannot slip a bigger part past this check;
- every part is read once (so a damaged part fails its CRC here) and every XML part is parsed
  by expat as it streams: it must be well-formed and declare no DTD (`<!DOCTYPE`). OOXML never
  needs a DTD, and entity expansion ("billion laughs") needs one. openpyxl also refuses entities
  through `defusedxml`; this check makes the refusal a Dutch message and does not depend on the
  `OPENPYXL_DEFUSEDXML` setting.

`open_werkmap` opens a checked workbook with openpyxl and turns whatever openpyxl raises on a
damaged file into the same Dutch message, so no reader needs its own `except` list.
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from pathlib import Path
from xml.parsers import expat

from ..model import BuurtxlFout, Probleem

MB = 1024 * 1024
MAX_BESTAND = 20 * MB  # on disk; a 10,000-row input is well under 2 MB
MAX_UITGEPAKT = 200 * MB  # all parts of a workbook together, unpacked
MAX_VERHOUDING = 100  # unpacked / packed for one part (Apache POI uses the same bound)
VERHOUDING_VANAF = 1 * MB  # small parts may compress better than that without harm
MAX_ONDERDELEN = 10_000  # parts in one workbook zip

# The file types we read, by extension (one list for every reader and for `update`).
WERKMAPPEN = (".xlsx", ".xlsm")
TEKSTBESTANDEN = (".csv", ".txt", ".tsv")

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # a zip with parts, an empty zip
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or an encrypted .xlsx
_PDF = b"%PDF"
_UTF16 = (b"\xff\xfe", b"\xfe\xff")
_VERSLEUTELD = "EncryptedPackage".encode("utf-16-le")  # stream name in the OLE2 directory
_DTD_TEKST = tuple("<!DOCTYPE".encode(c) for c in ("utf-8", "utf-16-le", "utf-16-be"))


class OnveiligBestand(BuurtxlFout, ValueError):
    """The file may not be read; carries the `Probleem` with the Dutch reason."""

    def __init__(self, probleem: Probleem):
        super().__init__(str(probleem))
        self.probleem = probleem


def controleer(pad: str | Path, *, werkbladen: bool = True) -> Probleem | None:
    """The first reason not to read `pad`, or None when a parser may open it.

    `werkbladen=False`: the worksheet parts get the checks on the zip directory only, not a full
    read; the reader checks each sheet it parses with `eis_deel` (a 30 MB ledger beside 'Aanvragen'
    is then not parsed at all), and `update` copies the others as stored."""
    pad = Path(pad)
    naam = pad.name
    try:
        grootte = pad.stat().st_size
        if pad.is_dir():
            return None  # a folder of forms: each file in it is checked when it is read
        with open(pad, "rb") as f:
            kop = f.read(8192)
    except FileNotFoundError:
        return Probleem("het bestand bestaat niet", naam)
    except OSError as fout:
        return Probleem(f"het bestand kan niet worden gelezen ({fout.strerror or fout})", naam)
    if grootte > MAX_BESTAND:
        return Probleem(
            f"het bestand is {_mb(grootte)}; de grens is {_mb(MAX_BESTAND)}. "
            "Splits de aanvragen over meer bestanden of verwijder wat er niet bij hoort",
            naam,
        )
    if grootte == 0:
        return Probleem("het bestand is leeg (0 bytes)", naam)
    soort = pad.suffix.lower()
    if soort in WERKMAPPEN:
        return _controleer_werkmap_eenmaal(pad, kop, werkbladen)
    if soort in TEKSTBESTANDEN:
        return _controleer_tekst(naam, kop)
    return None


# Workbooks that passed, by path and kind of check: the SHA-256 of the bytes that passed. `update`
# reads 'Aanvragen' from the workbook it then updates: the same bytes are not checked twice.
_GOEDGEKEURD: dict[tuple[str, bool], bytes] = {}


def _controleer_werkmap_eenmaal(pad: Path, kop: bytes, werkbladen: bool) -> Probleem | None:
    try:
        sleutel, inhoud = (str(pad.resolve()), werkbladen), hashlib.sha256(pad.read_bytes()).digest()
    except OSError:
        return _controleer_werkmap(pad, kop, werkbladen)
    if _GOEDGEKEURD.get(sleutel) == inhoud:
        return None
    probleem = _controleer_werkmap(pad, kop, werkbladen)
    if probleem is None:
        if len(_GOEDGEKEURD) > 64:  # a folder of forms: keep the dictionary small
            _GOEDGEKEURD.clear()
        _GOEDGEKEURD[sleutel] = inhoud
    return probleem


def eis(pad: str | Path) -> None:
    """`controleer`, raising `OnveiligBestand` instead of returning the problem."""
    probleem = controleer(pad)
    if probleem is not None:
        raise OnveiligBestand(probleem)


def open_werkmap(pad: str | Path, **opties):
    """`eis`, then `openpyxl.load_workbook(pad, **opties)`; any failure becomes `OnveiligBestand`."""
    import openpyxl
    from defusedxml.common import DefusedXmlException

    pad = Path(pad)
    eis(pad)
    try:
        return openpyxl.load_workbook(pad, **opties)
    except MemoryError:
        raise OnveiligBestand(Probleem("de werkmap is te groot om te lezen", pad.name)) from None
    except Exception as fout:  # openpyxl raises KeyError, ValueError, TypeError… on damaged parts
        if _oorzaak(fout, DefusedXmlException):  # openpyxl wraps it in a ValueError
            raise OnveiligBestand(_dtd_probleem(pad.name)) from None
        raise OnveiligBestand(
            Probleem(
                "de werkmap is beschadigd en kan niet worden gelezen "
                f"({type(fout).__name__}); open hem in Excel en sla hem opnieuw op als .xlsx",
                pad.name,
            )
        ) from None


def _oorzaak(fout: BaseException | None, soort: type) -> bool:
    """Whether `fout` or anything in its chain of causes is a `soort`."""
    gezien = set()
    while fout is not None and id(fout) not in gezien:
        if isinstance(fout, soort):
            return True
        gezien.add(id(fout))
        fout = fout.__cause__ or fout.__context__
    return False


def eis_deel(pad: str | Path, deel: str) -> None:
    """The full check of one part (`controleer`'s read and parse) before a parser reads it; raises
    `OnveiligBestand`. For the worksheet a reader parses after `controleer(…, werkbladen=False)`."""
    pad = Path(pad)
    try:
        with zipfile.ZipFile(pad) as zf:
            probleem = _controleer_deel(pad.name, zf, zf.getinfo(deel))
    except KeyError:
        return  # no such part: the reader says what is missing
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError):
        probleem = _beschadigd(pad.name)
    if probleem is not None:
        raise OnveiligBestand(probleem)


def _beschadigd(naam: str) -> Probleem:
    return Probleem(
        "de werkmap is beschadigd of onvolledig (geen geldig zip-archief); "
        "open hem in Excel en sla hem opnieuw op",
        naam,
    )


def _controleer_werkmap(pad: Path, kop: bytes, werkbladen: bool = True) -> Probleem | None:
    naam = pad.name
    if kop.startswith(_OLE2):
        if _VERSLEUTELD in pad.read_bytes():
            return Probleem(
                "de werkmap is beveiligd met een wachtwoord (versleuteld) en kan niet worden "
                "gelezen. Haal in Excel het wachtwoord weg (Bestand > Info > Werkmap beveiligen) "
                "en sla opnieuw op",
                naam,
            )
        return Probleem(
            "dit is een oud Excel-bestand (.xls, Excel 97-2003) met de verkeerde extensie; "
            "sla het in Excel op als Excel-werkmap (.xlsx)",
            naam,
        )
    if not kop.startswith(_ZIP):
        return Probleem(f"dit is geen Excel-werkmap maar {_wat_is_het(kop)}", naam)
    try:
        with zipfile.ZipFile(pad) as zf:
            return _controleer_zip(naam, zf, werkbladen)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
            NotImplementedError, RuntimeError):
        return _beschadigd(naam)


def _controleer_zip(naam: str, zf: zipfile.ZipFile, werkbladen: bool = True) -> Probleem | None:
    delen = zf.infolist()
    if len(delen) > MAX_ONDERDELEN:
        return Probleem(
            f"de werkmap bestaat uit {len(delen)} onderdelen; de grens is {MAX_ONDERDELEN}", naam
        )
    totaal = 0
    for deel in delen:
        if deel.flag_bits & 0x1:
            return Probleem(f"onderdeel '{deel.filename}' is versleuteld", naam)
        if deel.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return Probleem(
                f"onderdeel '{deel.filename}' gebruikt een onbekende compressie; "
                "sla de werkmap opnieuw op in Excel",
                naam,
            )
        totaal += deel.file_size
        if deel.file_size > VERHOUDING_VANAF and deel.file_size > MAX_VERHOUDING * max(deel.compress_size, 1):
            return Probleem(
                f"onderdeel '{deel.filename}' pakt uit tot {_mb(deel.file_size)}, meer dan "
                f"{MAX_VERHOUDING} keer zijn ingepakte grootte: dit lijkt een zip-bom (of het bestand is "
                "beschadigd) en wordt niet uitgepakt",
                naam,
            )
    if totaal > MAX_UITGEPAKT:
        return Probleem(
            f"de werkmap pakt uit tot {_mb(totaal)}; de grens is {_mb(MAX_UITGEPAKT)}. "
            "Dit lijkt een zip-bom (of het bestand is beschadigd) en wordt niet uitgepakt",
            naam,
        )
    namen = set(zf.namelist())
    if "[Content_Types].xml" not in namen:
        return Probleem("dit is een zip-bestand maar geen Excel-werkmap", naam)
    overslaan: set[str] = set()
    if not werkbladen:
        probleem = _controleer_deel(naam, zf, zf.getinfo("[Content_Types].xml"))
        if probleem is not None:
            return probleem
        overslaan = _werkbladdelen(zf.read("[Content_Types].xml"))
    for deel in delen:  # read every part once: a damaged one fails its CRC here, not in openpyxl
        if deel.filename in overslaan:
            continue
        probleem = _controleer_deel(naam, zf, deel)
        if probleem is not None:
            return probleem
    inhoud = zf.read("[Content_Types].xml")
    if b"spreadsheetml" not in inhoud and b"ms-excel" not in inhoud:
        return Probleem(
            "dit is een Office-document maar geen Excel-werkmap (misschien Word of PowerPoint)", naam
        )
    return None


_WERKBLAD = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def _werkbladdelen(inhoudstypen: bytes) -> set[str]:
    """The worksheet parts [Content_Types].xml names (already checked: no DTD, well-formed)."""
    from xml.etree import ElementTree

    return {e.get("PartName", "").lstrip("/") for e in ElementTree.fromstring(inhoudstypen)
            if e.tag.endswith("}Override") and e.get("ContentType") == _WERKBLAD}


class _DTD(BuurtxlFout):
    """A part declares a DTD (raised from inside expat, turned into a `Probleem`)."""


def _weiger_dtd(*args) -> None:
    raise _DTD


def _controleer_deel(naam: str, zf: zipfile.ZipFile, deel: zipfile.ZipInfo) -> Probleem | None:
    """Read the whole part (sizes were bounded above), which makes zipfile check its CRC.

    XML parts go through expat as they stream: a DTD is refused at its first token, and XML that
    is not well-formed is reported here rather than as an exception from deep inside openpyxl.
    VML (legacy drawings) is not well-formed as Excel writes it, so it is only scanned for a DTD.
    """
    soort = deel.filename.lower().rsplit(".", 1)[-1]
    parser = None
    if soort in ("xml", "rels"):
        parser = expat.ParserCreate(namespace_separator=" ")  # also checks that prefixes are bound
        parser.StartDoctypeDeclHandler = _weiger_dtd
    overlap = max(len(d) for d in _DTD_TEKST)
    vorige = b""
    try:
        with zf.open(deel) as f:
            while blok := f.read(1 << 20):
                if parser is not None:
                    parser.Parse(blok, False)
                elif soort == "vml":
                    venster = vorige + blok
                    if any(d in venster for d in _DTD_TEKST):
                        raise _DTD
                    vorige = venster[-overlap:]
            if parser is not None:
                parser.Parse(b"", True)
    except _DTD:
        return _dtd_probleem(naam)
    except expat.ExpatError as fout:
        return Probleem(
            f"onderdeel '{deel.filename}' van de werkmap is geen geldige XML (regel {fout.lineno}, "
            f"kolom {fout.offset}); open de werkmap in Excel en sla hem opnieuw op",
            naam,
        )
    return None


def _dtd_probleem(naam: str) -> Probleem:
    return Probleem(
        "de werkmap bevat een XML-documenttypedefinitie (DTD) met mogelijke entiteit-expansie "
        "('billion laughs'); zo'n bestand wordt niet geopend",
        naam,
    )


def _controleer_tekst(naam: str, kop: bytes) -> Probleem | None:
    if kop.startswith(_ZIP):
        return Probleem(
            "dit is geen CSV-tekstbestand maar een Excel-werkmap of ander zip-bestand; "
            "geef een werkmap de extensie .xlsx",
            naam,
        )
    if kop.startswith(_OLE2):
        return Probleem(
            "dit is geen CSV-tekstbestand maar een oud of beveiligd Excel-bestand", naam
        )
    if kop.startswith(_UTF16):
        return Probleem(
            "de tekst is opgeslagen als UTF-16 (Excel: 'Unicode-tekst'); sla het bestand op als "
            "'CSV UTF-8 (door komma's gescheiden)' of 'CSV (gescheiden door lijstscheidingsteken)'",
            naam,
        )
    if b"\x00" in kop:
        return Probleem(f"dit is geen CSV-tekstbestand maar {_wat_is_het(kop)}", naam)
    return None


def _wat_is_het(kop: bytes) -> str:
    """A Dutch description of what the magic bytes say the file is."""
    if kop.startswith(_PDF):
        return "een PDF-bestand"
    if kop.startswith(_ZIP):
        return "een zip-bestand"
    if kop.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "een afbeelding"
    if b"\x00" in kop:
        return "een binair bestand van onbekend type"
    return "een tekstbestand (misschien CSV: geef het dan de extensie .csv)"


def _mb(n: int) -> str:
    return f"{n / MB:.1f} MB".replace(".", ",")
