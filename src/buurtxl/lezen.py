"""Read an input file or a folder of application forms into validated applications.

`lees` is the one entry point. It first looks at the raw file (`_voorcontrole`: the place for checks
that must run before any parser touches the bytes), then hands the file to the reader for its type;
validation itself is `invoer.valideer`, so the rules for a cell live in one place.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from . import formulier, voorcontrole
from .invoer import Invoer, controleer_kolommen, normaliseer_kolom, valideer
from .model import Probleem
from .regeling import Regeling
from .velden import KOLOMMEN, VERPLICHT

CSV = voorcontrole.TEKSTBESTANDEN
EXCEL = voorcontrole.WERKMAPPEN
# A title block above the header row is common; beyond this many rows we stop looking.
KOPREGEL_ZOEKEN = 50
# What a damaged or foreign workbook makes openpyxl raise.
# (IndexError, AttributeError and ElementTree's ParseError, a SyntaxError, came out of a fuzz of
# damaged workbooks: tests/test_fuzz.py.)
WERKMAP_FOUTEN = (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError,
                  IndexError, AttributeError, SyntaxError)


def lees(
    pad: str | Path,
    regeling: Regeling,
    *,
    blad: str | None = None,
    voortgang: Callable[[], None] | None = None,
) -> Invoer:
    """Read and validate a CSV file, an Excel workbook or a folder of filled-in application forms.

    Never raises for a user's file: everything wrong comes back as `Invoer.problemen`, each naming
    the file (and sheet, row, column where there is one). `voortgang` is called after each form
    of a folder (a progress bar).
    """
    pad = Path(pad)
    if pad.is_dir():
        return lees_map(pad, regeling, voortgang=voortgang)
    probleem = _voorcontrole(pad, toegestaan=CSV + EXCEL)
    if probleem:
        return Invoer(problemen=[probleem], bronnen=[pad.name])
    if pad.suffix.lower() in CSV:
        try:
            data = pad.read_bytes()
        except OSError as fout:
            return _onleesbaar(pad, fout)
        return lees_csv_tekst(_decodeer(data), regeling, bestand=pad.name)
    return lees_xlsx(pad, regeling, blad=blad)


def _voorcontrole(pad: Path, *, toegestaan: Sequence[str]) -> Probleem | None:
    """Checks on the raw file before any parser reads it, ending with `voorcontrole`'s hostile-file checks."""
    if not pad.exists():
        return Probleem("bestand niet gevonden", str(pad))
    if not pad.is_file():
        return Probleem("dit is geen gewoon bestand", str(pad))
    if pad.suffix.lower() not in toegestaan:
        soorten = ", ".join(toegestaan)
        return Probleem(
            f"bestandstype '{pad.suffix or '(geen)'}' wordt niet ondersteund; gebruik {soorten}",
            pad.name,
        )
    return voorcontrole.controleer(pad)


def _onleesbaar(pad: Path, fout: BaseException) -> Invoer:
    reden = getattr(fout, "strerror", None) or fout.__class__.__name__
    return Invoer(
        problemen=[Probleem(f"kan het bestand niet lezen ({reden})", pad.name)], bronnen=[pad.name]
    )


def _decodeer(data: bytes) -> str:
    # Dutch Excel saves CSV as Windows-1252 unless asked for UTF-8 (which then has a BOM).
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def lees_csv_tekst(tekst: str, regeling: Regeling, *, bestand: str) -> Invoer:
    """Comma- or semicolon-separated text with a header row."""
    eerste = tekst.split("\n", 1)[0]
    # Dutch Excel separates with ';' because ',' is its decimal mark.
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    rijen = list(csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding))
    if not rijen:
        return Invoer(problemen=[Probleem("het bestand is leeg", bestand)], bronnen=[bestand])
    return _valideer_tabel(enumerate(rijen, start=1), regeling, bestand=bestand, blad=None)


def lees_xlsx(pad: Path, regeling: Regeling, *, blad: str | None = None) -> Invoer:
    """The first sheet (or `blad`) of a workbook; the header row may sit below a title block."""
    try:
        wb = load_workbook(pad, read_only=True, data_only=True)
    except WERKMAP_FOUTEN as fout:
        return Invoer(
            problemen=[Probleem(f"geen leesbare Excel-werkmap ({_kort(fout)})", pad.name)],
            bronnen=[pad.name],
        )
    try:
        if blad is not None and blad not in wb.sheetnames:
            namen = ", ".join(f"'{n}'" for n in wb.sheetnames)
            return Invoer(
                problemen=[Probleem(f"blad '{blad}' bestaat niet; de werkmap heeft {namen}", pad.name)],
                bronnen=[pad.name],
            )
        ws = wb[blad] if blad is not None else wb.worksheets[0]
        ws.reset_dimensions()  # a wrong stored size would cut rows off
        rijen = enumerate(ws.iter_rows(min_row=1, values_only=True), start=1)
        return _valideer_tabel(rijen, regeling, bestand=pad.name, blad=ws.title)
    except WERKMAP_FOUTEN as fout:
        return Invoer(
            problemen=[Probleem(f"de werkmap is beschadigd ({_kort(fout)})", pad.name)],
            bronnen=[pad.name],
        )
    finally:
        wb.close()


def _kort(fout: BaseException) -> str:
    return str(fout).strip() or fout.__class__.__name__


def _valideer_tabel(
    rijen: Iterable[tuple[int, Sequence[object]]],
    regeling: Regeling,
    *,
    bestand: str,
    blad: str | None,
) -> Invoer:
    """Find the header row, check its columns, then validate the rows below it."""
    rijen = iter(rijen)
    kop = _zoek_kopregel(rijen)
    if kop is None:
        return Invoer(
            problemen=[
                Probleem(
                    "geen kopregel gevonden met de kolommen "
                    + " en ".join(f"'{k}'" for k in VERPLICHT)
                    + f" (gezocht in de eerste {KOPREGEL_ZOEKEN} rijen)",
                    bestand,
                    blad,
                )
            ],
            bronnen=[bestand],
        )
    kopnummer, namen = kop
    problemen = [replace(p, rij=kopnummer) for p in controleer_kolommen(namen, bestand=bestand, blad=blad)]
    if any(p.is_fout for p in problemen):
        return Invoer(problemen=problemen, bronnen=[bestand])
    genummerd = ((nummer, dict(zip(namen, rij, strict=False))) for nummer, rij in rijen)
    invoer = valideer(genummerd, regeling, bestand=bestand, blad=blad)
    invoer.problemen[:0] = problemen
    invoer.bronnen.append(bestand)
    if not invoer.aanvragen and invoer.ok:
        invoer.problemen.append(Probleem("het bestand bevat geen aanvragen (alleen een kopregel)", bestand, blad))
    return invoer


def _zoek_kopregel(rijen: Iterator[tuple[int, Sequence[object]]]) -> tuple[int, list[object]] | None:
    """The first row naming every required column; the iterator is left just below it.

    Without one, the first row that names any column of the contract is taken as the header, so
    the user hears which required column it lacks instead of "no header found".
    """
    kandidaat = None
    for nummer, rij in rijen:
        if nummer > KOPREGEL_ZOEKEN:
            break
        namen = {normaliseer_kolom(c) for c in rij}
        # Trailing empty header cells carry no column.
        kop = nummer, [c if c is not None else "" for c in rij]
        if all(k in namen for k in VERPLICHT):
            return kop
        if kandidaat is None and namen & set(KOLOMMEN):
            kandidaat = kop
    return kandidaat


def lees_map(map_: Path, regeling: Regeling, *, voortgang: Callable[[], None] | None = None) -> Invoer:
    """Every application form (`*.xlsx`) in a folder; one broken form never hides the others."""
    paden = formulier.in_map(map_)
    if not paden:
        return Invoer(
            problemen=[Probleem("de map bevat geen aanvraagformulieren (.xlsx)", str(map_))],
            bronnen=[],
        )
    totaal = Invoer()
    herkomst: dict[int, str] = {}  # id of an aanvraag → the form it came from
    for pad in paden:
        invoer = lees_formulier(pad, regeling)
        for aanvraag in invoer.aanvragen:
            herkomst[id(aanvraag)] = pad.name
        totaal = totaal.samenvoegen(invoer)
        if voortgang:
            voortgang()
    totaal.problemen.extend(_dubbel_over_formulieren(totaal, herkomst))
    if totaal.fouten:
        totaal.aanvragen = []  # half a set of forms is never a budget
    return totaal


def lees_formulier(pad: Path, regeling: Regeling) -> Invoer:
    """One filled-in application form → at most one application; problems carry the file name."""
    probleem = _voorcontrole(pad, toegestaan=EXCEL)
    if probleem:
        return Invoer(problemen=[probleem], bronnen=[pad.name])
    try:
        gelezen = formulier.lees(pad)
    except formulier.FormulierFout as fout:
        return Invoer(problemen=[Probleem(str(fout), pad.name)], bronnen=[pad.name])
    except WERKMAP_FOUTEN as fout:
        return Invoer(
            problemen=[Probleem(f"geen leesbaar aanvraagformulier ({_kort(fout)})", pad.name)],
            bronnen=[pad.name],
        )
    invoer = valideer([(1, gelezen.waarden)], regeling, bestand=pad.name, blad=gelezen.blad)
    # A form has one row per field: point each problem at the row of its field.
    invoer.problemen = [replace(p, rij=gelezen.rijen.get(p.kolom or "")) for p in invoer.problemen]
    invoer.bronnen.append(pad.name)
    if gelezen.regeling and gelezen.regeling != regeling.naam:
        invoer.problemen.append(
            Probleem(
                f"formulier voor regeling {gelezen.regeling}, gelezen met regeling {regeling.naam}",
                pad.name, gelezen.blad, ernst="waarschuwing",
            )
        )
    if not invoer.aanvragen and invoer.ok:
        invoer.problemen.append(Probleem("het formulier is niet ingevuld", pad.name, gelezen.blad))
    return invoer


def _dubbel_over_formulieren(invoer: Invoer, herkomst: dict[int, str]) -> list[Probleem]:
    """The same buurt (or buurtcode) on two forms: each form on its own cannot see this."""
    problemen: list[Probleem] = []
    for kolom in ("buurt", "buurtcode"):
        gezien: dict[str, str] = {}
        for aanvraag in invoer.aanvragen:
            waarde = getattr(aanvraag, kolom)
            if not waarde:
                continue
            bestand = herkomst[id(aanvraag)]
            eerder = gezien.setdefault(waarde.casefold(), bestand)
            if eerder != bestand:
                problemen.append(
                    Probleem(f"{kolom} staat ook op formulier {eerder}", bestand, kolom=kolom, waarde=waarde)
                )
    return problemen
