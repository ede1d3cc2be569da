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
  `OPENPYXL_DEFUSEDXML` setting. Which parts are XML (by content type and content, not by name)
  and how a sheet's rows are counted (at most `MAX_RIJEN`) is `onderdeelcontrole`'s job;
- anything but a regular file (a named pipe would make open() wait for ever) is refused.

`open_werkmap` opens a checked workbook with openpyxl and turns whatever openpyxl raises on a
damaged file into the same Dutch message, so no reader needs its own `except` list.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import zipfile
import zlib
from pathlib import Path

from ..model import BuurtxlFout, Probleem
from ..osfouten import os_reden
from .onderdeelcontrole import (  # noqa: F401  (the limits are read as voorcontrole.MAX_RIJEN, …)
    MAX_RIJEN,
    MAX_RIJEN_ZONDER_AFMETING,
    MAX_TEKENS,
    controleer_deel,
    dtd_probleem,
    getal,
    te_veel_rijen,
    xml_delen,
)

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
        if pad.is_dir():
            return None  # a folder of forms: each file in it is checked when it is read
        # Opened without blocking and judged by what was opened: a named pipe (FIFO) would make
        # a plain open() wait for a writer for ever, and a name may change between stat and open.
        fd = os.open(pad, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            status = os.fstat(fd)
            if not stat.S_ISREG(status.st_mode):
                return Probleem(f"dit is geen gewoon bestand maar {_soort_bestand(status.st_mode)}; "
                                "geef een bestand op", naam)
            grootte = status.st_size
            kop = os.read(fd, 8192)
        finally:
            os.close(fd)
    except FileNotFoundError:
        return Probleem("het bestand bestaat niet", naam)
    except OSError as fout:
        return Probleem(f"het bestand kan niet worden gelezen ({os_reden(fout)})", naam)
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


def eis_deel(pad: str | Path, deel: str) -> None:
    """The full check of one part (`controleer`'s read and parse) before a parser reads it; raises
    `OnveiligBestand`. For the worksheet a reader parses after `controleer(…, werkbladen=False)`."""
    pad = Path(pad)
    try:
        with zipfile.ZipFile(pad) as zf:
            probleem = controleer_deel(pad.name, zf, zf.getinfo(deel), xml_delen(zf))
    except KeyError:
        return  # no such part: the reader says what is missing
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError):
        probleem = Probleem("de werkmap is beschadigd of onvolledig (geen geldig zip-archief); "
                            "open hem in Excel en sla hem opnieuw op", pad.name)
    if probleem is not None:
        raise OnveiligBestand(probleem)


_WERKBLAD = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_BEGIN = 1 << 16  # the start of a worksheet part that must hold its root element


def _dtd_mogelijk(zf: zipfile.ZipFile, deel: zipfile.ZipInfo) -> bool:
    """Whether a worksheet part may declare a DTD: unless its first 64 KB are UTF-8 (no other byte
    order mark) and reach its root element with no '<!' before it, it gets the full check."""
    with zf.open(deel) as f:
        begin = f.read(_BEGIN)
    tekst = begin[3:] if begin.startswith(b"\xef\xbb\xbf") else begin
    if tekst[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in tekst[:4]:
        return True  # UTF-16 or UTF-32: not worth a second scanner
    wortel = re.search(rb"<[A-Za-z_]", tekst)
    return wortel is None or b"<!" in tekst[: wortel.start()]


def _werkbladdelen(zf: zipfile.ZipFile) -> set[str]:
    """The worksheet parts [Content_Types].xml names (none when it cannot be read: all are checked)."""
    from defusedxml import ElementTree

    try:
        typen = ElementTree.fromstring(zf.read("[Content_Types].xml"))
    except Exception:  # a DTD or broken XML: the check of that part itself says so
        return set()
    return {e.get("PartName", "").lstrip("/") for e in typen
            if e.tag.endswith("}Override") and e.get("ContentType") == _WERKBLAD}


def _soort_bestand(modus: int) -> str:
    if stat.S_ISFIFO(modus):
        return "een named pipe (FIFO)"
    if stat.S_ISSOCK(modus):
        return "een socket"
    if stat.S_ISCHR(modus) or stat.S_ISBLK(modus):
        return "een apparaat"
    return "iets anders dan een bestand"


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
            raise OnveiligBestand(dtd_probleem(pad.name)) from None
        raise OnveiligBestand(beschadigd(pad.name)) from None


def beschadigd(naam: str, blad: str | None = None, *, soort: str = "de werkmap") -> Probleem:
    """What a reader says when openpyxl fails on a file that passed the checks above: in Dutch,
    never openpyxl's English text ("list index out of range")."""
    return Probleem(f"{soort} is beschadigd en kan niet worden gelezen; open hem in Excel en sla hem "
                    "opnieuw op als Excel-werkmap (.xlsx)", naam, blad)


def _oorzaak(fout: BaseException | None, soort: type) -> bool:
    """Whether `fout` or anything in its chain of causes is a `soort`."""
    gezien = set()
    while fout is not None and id(fout) not in gezien:
        if isinstance(fout, soort):
            return True
        gezien.add(id(fout))
        fout = fout.__cause__ or fout.__context__
    return False


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
        return Probleem(
            "de werkmap is beschadigd of onvolledig (geen geldig zip-archief); "
            "open hem in Excel en sla hem opnieuw op",
            naam,
        )


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
    xml = xml_delen(zf)
    overslaan = set() if werkbladen else _werkbladdelen(zf)
    for deel in delen:  # read every part once: a damaged one fails its CRC here, not in openpyxl
        if deel.filename in overslaan and not _dtd_mogelijk(zf, deel):
            continue  # a DTD can only stand before the root element: its first bytes say enough
        probleem = controleer_deel(naam, zf, deel, xml)
        if probleem is not None:
            return probleem
    inhoud = zf.read("[Content_Types].xml")
    if b"spreadsheetml" not in inhoud and b"ms-excel" not in inhoud:
        return Probleem(
            "dit is een Office-document maar geen Excel-werkmap (misschien Word of PowerPoint)", naam
        )
    return None


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
