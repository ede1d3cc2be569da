"""Read an input file or a folder of application forms into validated applications.

`lees` is the one entry point. It first looks at the raw file (`_voorcontrole`: the place for checks
that must run before any parser touches the bytes), then hands the file to the reader for its type;
validation itself is `invoer.valideer`, so the rules for a cell live in one place.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from itertools import zip_longest
from pathlib import Path
from typing import cast

from openpyxl.utils.exceptions import InvalidFileException

from .. import herberekenen, waarden
from ..model import Probleem
from ..opmaak import aantal
from ..regeling import Regeling
from ..velden import INFORMATIEF, KOLOMMEN, VERPLICHT
from . import Invoer, controleer_kolommen, formulier, normaliseer_kolom, totaalrijen, valideer, voorcontrole, werkblad

TEKST = voorcontrole.TEKSTBESTANDEN
EXCEL = voorcontrole.WERKMAPPEN
OMZETTEN = (".xls", ".ods")  # read after LibreOffice has converted them to .xlsx
CSV = TEKST  # older name
# A title block above the header row is common; beyond this many rows we stop looking.
KOPREGEL_ZOEKEN = 50
AANVRAGEN_BLAD = "Aanvragen"
# What a damaged or foreign workbook makes openpyxl raise.
# (IndexError, AttributeError and ElementTree's ParseError, a SyntaxError, came out of a fuzz of
# damaged workbooks: tests/test_fuzz.py.)
WERKMAP_FOUTEN = (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError,
                  IndexError, AttributeError, SyntaxError)
_BEKEND = (*KOLOMMEN, *INFORMATIEF)
_VEROUDERD = (
    "de werkmap markeert de opgeslagen uitkomsten van haar formules als verouderd (gemaakt door een "
    "programma en niet door Excel bewaard; XlsxWriter bewaart bijvoorbeeld 0 als uitkomst)"
)
_OPNIEUW_OPSLAAN = (
    "open het bestand in Excel en sla het op (dan bewaart Excel de uitkomsten), of installeer LibreOffice"
)


def lees(
    pad: str | Path,
    regeling: Regeling,
    *,
    blad: str | None = None,
    zonder_verborgen: bool = False,
    voortgang: Callable[[], None] | None = None,
) -> Invoer:
    """Read and validate a CSV or tab-separated file, an Excel workbook or a folder of forms.

    Never raises for a user's file: everything wrong comes back as `Invoer.problemen`, each naming
    the file (and sheet, row, column where there is one). `zonder_verborgen` leaves hidden rows
    out (they are always named); `voortgang` is called after each form of a folder.
    """
    pad = Path(pad)
    if pad.is_dir():
        return lees_map(pad, regeling, voortgang=voortgang)
    probleem = _voorcontrole(pad, toegestaan=TEKST + EXCEL + OMZETTEN)
    if probleem:
        return Invoer(problemen=[probleem], bronnen=[pad.name])
    if pad.suffix.lower() in TEKST:
        try:
            data = pad.read_bytes()
        except OSError as fout:
            return _onleesbaar(pad, fout)
        tekst = decodeer(data, pad.name)
        if isinstance(tekst, Probleem):
            return Invoer(problemen=[tekst], bronnen=[pad.name])
        return lees_csv_tekst(tekst, regeling, bestand=pad.name, tab=pad.suffix.lower() == ".tsv")
    if pad.suffix.lower() in OMZETTEN:
        with omgezet([pad]) as (paden, problemen):
            if problemen:
                return Invoer(problemen=problemen, bronnen=[pad.name])
            if formulier.is_formulier(paden[pad]):
                invoer = lees_formulier(paden[pad], regeling, naam=pad.name)
            else:
                invoer = lees_xlsx(paden[pad], regeling, blad=blad, zonder_verborgen=zonder_verborgen,
                                   naam=pad.name)
            invoer.problemen.insert(0, _omgezet_melding(pad.name))
            return invoer
    if formulier.is_formulier(pad):  # one application form, checked as a form
        return lees_formulier(pad, regeling)
    return lees_xlsx(pad, regeling, blad=blad, zonder_verborgen=zonder_verborgen)


def _voorcontrole(pad: Path, *, toegestaan: Sequence[str], naam: str | None = None) -> Probleem | None:
    """Checks on the raw file before any parser reads it, ending with `voorcontrole`'s hostile-file checks."""
    if not pad.exists():
        return Probleem("bestand niet gevonden", naam or str(pad))
    if not pad.is_file():
        return Probleem("dit is geen gewoon bestand", naam or str(pad))
    if pad.suffix.lower() not in toegestaan:
        soorten = ", ".join(toegestaan)
        return Probleem(
            f"bestandstype '{pad.suffix or '(geen)'}' wordt niet ondersteund; gebruik {soorten}",
            naam or pad.name,
        )
    probleem = voorcontrole.controleer(pad)
    return replace(probleem, bestand=naam) if probleem and naam else probleem


def _onleesbaar(pad: Path, fout: BaseException) -> Invoer:
    reden = getattr(fout, "strerror", None) or fout.__class__.__name__
    return Invoer(
        problemen=[Probleem(f"kan het bestand niet lezen ({reden})", pad.name)], bronnen=[pad.name]
    )


# A valid UTF-8 sequence of two to four bytes: text that holds one was saved as UTF-8.
_UTF8_MEERBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decodeer(data: bytes, bestand: str) -> str | Probleem:
    """UTF-8 when the bytes are valid UTF-8; Windows-1252 (Dutch Excel's 'CSV (gescheiden door
    lijstscheidingsteken)') only when they hold no UTF-8 sequence at all. A file with both, such as
    a UTF-8 export with one line pasted from an old file, is refused naming that line: decoding it
    whole either way turns 'Mariënwaard' into 'MariÃ«nwaard' somewhere."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as fout:
        # The decoder counts from after a BOM: without this the byte named is the one three
        # places before the offending one ('C' of 'Caf\xe9' instead of 0xE9).
        slecht = fout.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)
    regel = data.count(b"\n", 0, slecht) + 1
    # A UTF-8 character past the BOM names the line best; the BOM alone also says 'UTF-8'.
    goed = _UTF8_MEERBYTE.search(data, 3) or _UTF8_MEERBYTE.search(data)
    if goed:
        goede_regel = data.count(b"\n", 0, goed.start()) + 1
        return Probleem(
            f"gemengde tekencodering: regel {goede_regel} is UTF-8, maar regel {regel} niet "
            f"(byte 0x{data[slecht]:02X}, vermoedelijk Windows-1252); sla het bestand opnieuw op als "
            "'CSV UTF-8' en controleer regel " + str(regel),
            bestand, rij=regel,
        )
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as fout:
        regel = data.count(b"\n", 0, fout.start) + 1
        return Probleem(
            f"onbekende tekencodering: byte 0x{data[fout.start]:02X} op regel {regel} is geen UTF-8 en "
            "geen Windows-1252; sla het bestand op als 'CSV UTF-8'",
            bestand, rij=regel,
        )


def lees_csv_tekst(tekst: str, regeling: Regeling, *, bestand: str, tab: bool = False) -> Invoer:
    """Comma-, semicolon- or tab-separated text with a header row (Excel's 'Tekst (tab-gescheiden)')."""
    eerste = tekst.lstrip("\ufeff").split("\n", 1)[0]
    # Dutch Excel separates with ';' because ',' is its decimal mark; its text export uses tabs.
    scheiding = "\t" if tab else max((";", ",", "\t"), key=lambda t: (eerste.count(t), t == ","))
    rijen: list[list[object]] = [list(r) for r in csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)]
    if not rijen:
        return Invoer(problemen=[Probleem("het bestand is leeg", bestand)], bronnen=[bestand])
    return _valideer_tabel(list(enumerate(rijen, start=1)), regeling, bestand=bestand, blad=None,
                           scheiding=scheiding)


def lees_xlsx(
    pad: Path,
    regeling: Regeling,
    *,
    blad: str | None = None,
    zonder_verborgen: bool = False,
    naam: str | None = None,
) -> Invoer:
    """The sheet `blad` (any case), else the first sheet with a header row, else 'Aanvragen'."""
    naam = naam or pad.name
    try:
        wm = werkblad.open_werkmap(pad)
    except WERKMAP_FOUTEN as fout:
        return Invoer(
            problemen=[Probleem(f"geen leesbare Excel-werkmap ({_kort(fout)})", naam)], bronnen=[naam]
        )
    try:
        titel, problemen = _kies_blad(wm, blad, naam)
        if titel is None:
            return Invoer(problemen=problemen, bronnen=[naam])
        gelezen = werkblad.lees_blad(wm, titel)
        if gelezen.zonder_uitkomst and herberekenen.soffice():
            problemen.append(_herbereken(pad, gelezen, naam))
        invoer = _valideer_tabel(gelezen.rijen, regeling, bestand=naam, blad=gelezen.titel, werkblad=gelezen,
                                 zonder_verborgen=zonder_verborgen)
        invoer.problemen[:0] = [p for p in problemen if p is not None]
        return invoer
    except WERKMAP_FOUTEN as fout:
        return Invoer(
            problemen=[Probleem(f"de werkmap is beschadigd ({_kort(fout)})", naam)], bronnen=[naam]
        )
    finally:
        wm.close()


def _kies_blad(wm: werkblad.Werkmap, blad: str | None, naam: str) -> tuple[str | None, list[Probleem]]:
    """Which sheet holds the applications; sheet names compare as Excel compares them (any case)."""
    op_sleutel = {waarden.sleutel(t): t for t in wm.bladnamen}
    if blad is not None:
        titel = op_sleutel.get(waarden.sleutel(blad))
        if titel is None:
            namen = ", ".join(f"'{n}'" for n in wm.bladnamen)
            return None, [Probleem(f"blad '{blad}' bestaat niet; de werkmap heeft {namen}", naam)]
        return titel, []
    eerste = wm.bladnamen[0]
    if _heeft_kopregel(wm, eerste):
        return eerste, []
    aanvragen = op_sleutel.get(waarden.sleutel(AANVRAGEN_BLAD))
    if aanvragen and _heeft_kopregel(wm, aanvragen):
        return aanvragen, [Probleem(
            f"het eerste blad '{eerste}' heeft geen kopregel; de aanvragen zijn gelezen van blad "
            f"'{aanvragen}'", naam, ernst="waarschuwing")]
    andere = [t for t in wm.bladnamen[1:] if _heeft_kopregel(wm, t)]
    if andere:
        namen = " en ".join(f"'{t}'" for t in andere)
        return None, [Probleem(
            f"het eerste blad '{eerste}' heeft geen kopregel met de kolommen "
            + " en ".join(f"'{k}'" for k in VERPLICHT)
            + f"; blad {namen} wel: gebruik --blad {_blad_argument(andere[0])}", naam)]
    return eerste, []


def _blad_argument(titel: str) -> str:
    return titel if re.fullmatch(r"[\w.-]+", titel) else f'"{titel}"'


def _heeft_kopregel(wm: werkblad.Werkmap, titel: str) -> bool:
    ws = wm.waarden[titel]
    for rij in ws.iter_rows(max_row=KOPREGEL_ZOEKEN, values_only=True):
        if all(k in {normaliseer_kolom(c) for c in rij} for k in VERPLICHT):
            return True
    return False


def _herbereken(pad: Path, gelezen: werkblad.Blad, naam: str) -> Probleem:
    """Fill in the results of formulas saved without them, as LibreOffice computes them.

    Only those cells are taken from LibreOffice's copy; hidden rows, Tables and number formats
    stay as the original has them."""
    with omgezet([pad], naar="xlsx") as (paden, problemen):
        if problemen:
            return replace(problemen[0], reden=f"formules zonder opgeslagen uitkomst: {problemen[0].reden}")
        wm = werkblad.open_werkmap(paden[pad])
        try:
            nieuw = werkblad.lees_blad(wm, gelezen.titel)
        finally:
            wm.close()
    berekend = dict(nieuw.rijen)
    rijen = dict(gelezen.rijen)
    for r, k in list(gelezen.zonder_uitkomst):
        rij = berekend.get(r, [])
        waarde = rij[k - 1] if k <= len(rij) else None
        if waarde is None:
            continue
        rijen[r][k - 1] = waarde
        del gelezen.zonder_uitkomst[(r, k)]
        if (r, k) in nieuw.procent:
            gelezen.procent.add((r, k))
    voorbeeld = next(iter(gelezen.zonder_uitkomst), None)
    return Probleem(
        (_VEROUDERD if gelezen.verouderd else
         "formules zonder opgeslagen uitkomst (het bestand is niet door Excel bewaard)")
        + "; de uitkomsten zijn berekend met LibreOffice"
        + (f", behalve cel {werkblad.cel(*voorbeeld)}" if voorbeeld else ""),
        naam, gelezen.titel, ernst="waarschuwing",
    )


@contextmanager
def omgezet(
    paden: Sequence[Path], naar: str = "xlsx", *, namen: Mapping[Path, str] | None = None
) -> Iterator[tuple[dict[Path, Path], list[Probleem]]]:
    """`paden` converted (and recalculated) by LibreOffice into temporary .xlsx files, in one run.

    Without LibreOffice, or when it fails, every file is named in a problem (by `namen`, else its
    file name): nothing is skipped."""
    naam = (lambda p: namen[p]) if namen else (lambda p: p.name)
    if not paden:  # LibreOffice started without files waits forever
        yield {}, []
        return
    with tempfile.TemporaryDirectory(prefix="buurtxl-omzetten-") as tmp:
        bron, uit = Path(tmp) / "in", Path(tmp) / "uit"
        bron.mkdir()
        kopie = {}
        for i, pad in enumerate(paden):  # unique names: 'aanvraag.xls' may sit in two folders
            kopie[pad] = bron / f"{i}{pad.suffix.lower()}"
            shutil.copyfile(pad, kopie[pad])
        if herberekenen.soffice() is None:
            yield {}, [Probleem(
                f"een {p.suffix.lower()}-bestand kan buurtxl alleen lezen met LibreOffice, dat niet is "
                "geïnstalleerd; installeer LibreOffice of sla het bestand op als .xlsx (Excel-werkmap)"
                if p.suffix.lower() in OMZETTEN else
                f"formules zonder opgeslagen uitkomst; {_OPNIEUW_OPSLAAN}", naam(p)) for p in paden]
            return
        try:
            herberekenen.converteer(list(kopie.values()), uit, naar)
        except herberekenen.HerberekenFout:
            pass  # each missing result is named below
        resultaat = {p: uit / f"{k.stem}.{naar}" for p, k in kopie.items()}
        problemen = [Probleem("LibreOffice kon dit bestand niet omzetten naar .xlsx; sla het op als "
                              ".xlsx (Excel-werkmap)", naam(p))
                     for p, r in resultaat.items() if not r.exists()]
        yield {p: r for p, r in resultaat.items() if r.exists()}, problemen


def _omgezet_melding(naam: str) -> Probleem:
    return Probleem("gelezen na omzetten naar .xlsx met LibreOffice", naam, ernst="waarschuwing")


def _kort(fout: BaseException) -> str:
    return str(fout).strip() or fout.__class__.__name__


def _valideer_tabel(
    rijen: list[tuple[int, list[object]]],
    regeling: Regeling,
    *,
    bestand: str,
    blad: str | None,
    werkblad: werkblad.Blad | None = None,
    zonder_verborgen: bool = False,
    scheiding: str | None = None,
) -> Invoer:
    """Find the header row, check its columns, leave out totals rows, then validate the rows below.

    `scheiding` is the separator of a text file, whose rows must not have more fields than the header.
    """
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
    index, namen = kop
    kopnummer = rijen[index][0]
    problemen: list[Probleem] = []
    if index + 1 < len(rijen) and all(k in {normaliseer_kolom(n) for n in namen} for k in VERPLICHT):
        tweede, probleem = _tweede_kopregel(namen, rijen[index + 1], kopnummer, werkblad)
        if probleem:
            return Invoer(problemen=[replace(probleem, bestand=bestand, blad=blad)], bronnen=[bestand])
        if tweede is not None:
            namen, index = tweede, index + 1
    problemen += [replace(p, rij=kopnummer) for p in controleer_kolommen(namen, bestand=bestand, blad=blad)]
    if scheiding is not None:
        problemen += [replace(p, bestand=bestand) for p in _te_veel_velden(rijen[index + 1:], namen, kopnummer,
                                                                           scheiding)]
    if any(p.is_fout for p in problemen):
        return Invoer(problemen=problemen, bronnen=[bestand])
    kolommen = [normaliseer_kolom(n) for n in namen]
    data, gevonden = _zonder_totaalrijen(rijen[index + 1:], kolommen, werkblad, zonder_verborgen)
    problemen += [replace(p, bestand=bestand, blad=blad) for p in gevonden]
    genummerd = ((nummer, dict(zip(namen, rij, strict=False))) for nummer, rij in data)
    invoer = valideer(genummerd, regeling, bestand=bestand, blad=blad)
    # A formula without a stored result reads as empty: its own message replaces "verplicht maar leeg".
    formules = {(p.rij, p.kolom) for p in gevonden if "zonder opgeslagen uitkomst" in p.reden}
    invoer.problemen = [p for p in invoer.problemen
                        if not ((p.rij, p.kolom) in formules and p.reden.endswith("verplicht maar leeg"))]
    invoer.problemen[:0] = problemen
    invoer.bronnen.append(bestand)
    if invoer.fouten:
        invoer.aanvragen = []
    if not invoer.aanvragen and invoer.ok:
        invoer.problemen.append(Probleem("het bestand bevat geen aanvragen (alleen een kopregel)", bestand, blad))
    return invoer


_SCHEIDING = {",": "komma", ";": "puntkomma", "\t": "tab"}


def _te_veel_velden(
    rijen: Sequence[tuple[int, Sequence[object]]], kop: Sequence[object], kopnummer: int, scheiding: str
) -> list[Probleem]:
    """Text rows with more filled fields than the header has columns.

    Such a row is read shifted: `99,5` in a comma-separated file is two fields, every cell to its
    right lands in the next column and the last is dropped. Empty fields at the end (Excel pads rows
    to its used range) and rows with fewer fields (their last cells are empty) are normal.
    """
    breedte = _gevuld(kop)
    problemen = []
    for nummer, cellen in rijen:
        if _gevuld(cellen) <= breedte:
            continue
        oorzaak = (
            "staat er een decimale komma in een getal (zoals 99,5)? In een bestand met komma's als "
            "scheidingsteken maakt die er twee velden van; sla het op als CSV met puntkomma's (Nederlandse "
            "Excel: 'CSV (gescheiden door lijstscheidingsteken)') of zet zulke getallen tussen "
            "aanhalingstekens (\"99,5\")"
            if scheiding == "," else
            f"staat er een {_SCHEIDING.get(scheiding, scheiding)} in een naam of getal? Zet die waarde "
            "tussen aanhalingstekens"
        )
        problemen.append(Probleem(
            f"deze rij heeft {len(cellen)} velden, de kopregel (rij {kopnummer}) heeft er {breedte}: de "
            f"waarden zouden in de verkeerde kolommen belanden; {oorzaak}", rij=nummer))
    return problemen


def _gevuld(cellen: Sequence[object]) -> int:
    """The number of fields up to the last non-empty one."""
    return max((i for i, c in enumerate(cellen, start=1) if not waarden.is_leeg(c)), default=0)


def _zoek_kopregel(rijen: Sequence[tuple[int, Sequence[object]]]) -> tuple[int, list[object]] | None:
    """(index in `rijen`, cells) of the first row naming every required column.

    Without one, the first row that names any column of the contract is taken as the header, so
    the user hears which required column it lacks instead of "no header found".
    """
    kandidaat = None
    for index, (nummer, rij) in enumerate(rijen):
        if nummer > KOPREGEL_ZOEKEN:
            break
        namen = {normaliseer_kolom(c) for c in rij}
        # Trailing empty header cells carry no column.
        kop = index, [c if c is not None else "" for c in rij]
        if all(k in namen for k in VERPLICHT):
            return kop
        if kandidaat is None and namen & set(KOLOMMEN):
            kandidaat = kop
    return kandidaat


def _tweede_kopregel(
    boven: list[object], onder: tuple[int, list[object]], kopnummer: int, blad: werkblad.Blad | None
) -> tuple[list[object] | None, Probleem | None]:
    """A header over two rows: a merged 'Basissubsidie' above its four components.

    The row below the header is a second header row when it holds only text and names at least one
    column, or when it has text under a cell merged across columns. Its names then win over the
    row above; a text under a merged cell that is not a column name stops the reading.
    """
    nummer, cellen = onder
    tekst = {k: c for k, c in enumerate(cellen) if not waarden.is_leeg(c)}
    if not tekst or not all(isinstance(c, str) for c in tekst.values()):
        return None, None
    bekend = {k for k, c in tekst.items() if normaliseer_kolom(c) in _BEKEND}
    samengevoegd = set() if blad is None else {
        k - 1 for (r, k), (r0, k0) in blad.samengevoegd.items()
        if r == kopnummer and r0 == kopnummer and _breed(blad, r0, k0)}
    onder_samenvoeging = set(tekst) & samengevoegd
    if not bekend and not onder_samenvoeging:
        return None, None
    onbekend = [str(tekst[k]) for k in sorted(set(tekst) - bekend)]
    if onbekend:
        return None, Probleem(
            f"de kopregel beslaat twee rijen ({kopnummer} en {nummer}), maar "
            + ", ".join(f"'{n}'" for n in onbekend)
            + " in rij " + str(nummer) + " is geen kolom van buurtxl; gebruik één kopregel met de kolomnamen "
            "(bijv. organisatiekosten, communicatiekosten, activiteiten, plan_van_aanpak)",
            rij=nummer,
        )
    samen = [o if not waarden.is_leeg(o) else b for b, o in zip_longest(boven, cellen)]
    return [c if c is not None else "" for c in samen], None


def _breed(blad: werkblad.Blad, r0: int, k0: int) -> bool:
    return any(v == (r0, k0) and k != k0 for (r, k), v in blad.samengevoegd.items() if r == r0)


def _zonder_totaalrijen(
    rijen: Sequence[tuple[int, list[object]]],
    kolommen: list[str],
    blad: werkblad.Blad | None,
    zonder_verborgen: bool,
) -> tuple[list[tuple[int, list[object]]], list[Probleem]]:
    """The data rows without totals rows (each named in a warning), hidden rows named, percent
    cells read as shown, and formulas without a stored result refused."""
    problemen: list[Probleem] = []
    uit: list[tuple[int, list[object]]] = []
    # The rows above, for recognising a row of sums: since the last totals row (subtotals) and all,
    # each with and without hidden rows (SUM counts them, SUBTOTAL(109) does not).
    blok, alle = totaalrijen.Sommen(), totaalrijen.Sommen()
    blok_zichtbaar, alle_zichtbaar = totaalrijen.Sommen(), totaalrijen.Sommen()
    procent: dict[str, list[int]] = {}
    for nummer, cellen in rijen:
        if all(waarden.is_leeg(c) for c in cellen) and not (blad and _heeft_formule(blad, nummer)):
            continue
        rij = {k: v for k, v in zip(kolommen, cellen, strict=False) if k}
        reden = _totaalreden(nummer, cellen, rij, (blok, alle, blok_zichtbaar, alle_zichtbaar), blad)
        if isinstance(reden, Probleem):
            problemen.append(reden)
            continue
        if reden:
            problemen.append(Probleem(f"rij overgeslagen: {reden}; een totaalrij is geen buurtnetwerk",
                                      rij=nummer, ernst="waarschuwing"))
            blok, blok_zichtbaar = totaalrijen.Sommen(), totaalrijen.Sommen()
            continue
        verborgen = blad is not None and nummer in blad.verborgen
        if verborgen:
            if zonder_verborgen:
                blok.tel(rij)
                alle.tel(rij)
                problemen.append(Probleem("verborgen rij overgeslagen (--zonder-verborgen)", rij=nummer,
                                          ernst="waarschuwing"))
                continue
            problemen.append(Probleem(
                "deze rij is verborgen (met de hand of door een filter) en telt mee; gebruik "
                "--zonder-verborgen om verborgen rijen over te slaan", rij=nummer, ernst="waarschuwing"))
        if blad:
            cellen = list(cellen)
            for k, kolom in enumerate(kolommen, start=1):
                if kolom not in _BEKEND or k > len(cellen):
                    continue
                formule = blad.zonder_uitkomst.get((nummer, k))
                if formule is not None:
                    problemen.append(Probleem(
                        f"cel {werkblad.cel(nummer, k)} bevat de formule '{formule}' zonder opgeslagen "
                        f"uitkomst{f' ({_VEROUDERD})' if blad.verouderd else ''}; {_OPNIEUW_OPSLAAN}",
                        rij=nummer, kolom=kolom))
                if (nummer, k) in blad.procent:
                    if kolom == "buurtscore":
                        cellen[k - 1] = werkblad.als_getoond(cellen[k - 1])
                        procent.setdefault(kolom, []).append(nummer)
                    else:
                        problemen.append(Probleem(
                            f"cel {werkblad.cel(nummer, k)} is als percentage opgemaakt; {kolom} is geen "
                            "percentage: geef de cel de opmaak Getal of Valuta", rij=nummer, kolom=kolom,
                            waarde=cellen[k - 1]))
            rij = {k: v for k, v in zip(kolommen, cellen, strict=False) if k}
        uit.append((nummer, cellen))
        for sommen in (blok, alle) if verborgen else (blok, alle, blok_zichtbaar, alle_zichtbaar):
            sommen.tel(rij)
    for kolom, nummers in procent.items():
        problemen.append(Probleem(
            f"{aantal(len(nummers), 'cel', 'cellen')} als percentage opgemaakt (rij {_reeks(nummers)}); "
            "gelezen zoals Excel ze toont: 68% is buurtscore 68", kolom=kolom, ernst="waarschuwing"))
    return uit, problemen


def _heeft_formule(blad: werkblad.Blad, nummer: int) -> bool:
    return any(r == nummer for r, _ in blad.zonder_uitkomst)


def _totaalreden(
    nummer: int,
    cellen: Sequence[object],
    rij: Mapping[str, object],
    boven: Sequence[totaalrijen.Sommen],
    blad: werkblad.Blad | None,
) -> str | Probleem | None:
    """Why row `nummer` is a totals row, None when it is not, or a Probleem when it is ambiguous."""
    if blad and nummer in blad.totaalrijen:
        return f"totaalrij van de Excel-tabel '{blad.totaalrijen[nummer]}'"
    for waarde in (rij.get("buurt"), rij.get("buurtcode"), cellen[0] if cellen else None):
        if totaalrijen.is_totaalwoord(waarde):
            return f"'{' '.join(str(waarde).split())}'"
    # Without a buurt one row above is enough to tell; with a name it takes two (a buurt may
    # happen to repeat the one above it).
    minimaal = 1 if waarden.is_leeg(rij.get("buurt")) else 2
    som = next((s for s in (totaalrijen.som_kolommen(rij, b, minimaal=minimaal) for b in boven) if s), [])
    if not som:
        return None
    kolommen = ", ".join(som)
    if waarden.is_leeg(rij.get("buurt")):
        return f"zonder buurt, en {kolommen} {'is' if len(som) == 1 else 'zijn'} de som van de rijen erboven"
    if len(som) >= 2:
        return Probleem(
            f"deze rij lijkt een totaalrij: {kolommen} zijn de som van de rijen erboven, maar de buurt heet "
            f"'{rij.get('buurt')}'; verwijder de rij of noem hem 'Totaal' als het een totaalrij is",
            rij=nummer, kolom="buurt", waarde=rij.get("buurt"))
    return None


def _reeks(nummers: Sequence[int], hoogstens: int = 10) -> str:
    tekst = ", ".join(str(n) for n in nummers[:hoogstens])
    return tekst + (f" en nog {len(nummers) - hoogstens}" if len(nummers) > hoogstens else "")


def formulieren(map_: Path) -> tuple[list[Path], list[Probleem]]:
    """The forms in a folder and its subfolders (a folder 'nagekomen' counts), in name order, and a
    warning for every other file: nothing in the folder is passed over without a word.

    Hidden files (a name starting with '.') are the system's, not the user's, and are not named.
    """
    paden: list[Path] = []
    niet: list[Probleem] = []
    for pad in sorted(map_.rglob("*")):
        relatief = pad.relative_to(map_)
        if any(deel.startswith(".") for deel in relatief.parts) or pad.is_dir():
            continue
        naam = relatief.as_posix()
        if pad.name.startswith("~$"):
            niet.append(Probleem(f"niet gelezen: een vergrendelbestand van Excel; staat "
                                 f"'{pad.name[2:]}' nog open in Excel?", naam, ernst="waarschuwing"))
        elif pad.suffix.lower() in EXCEL + OMZETTEN:
            paden.append(pad)
        else:
            niet.append(Probleem(f"niet gelezen: geen aanvraagformulier ({pad.suffix or 'geen extensie'}; "
                                 f"formulieren zijn {', '.join(EXCEL + OMZETTEN)})", naam, ernst="waarschuwing"))
    return paden, niet


def lees_map(map_: Path, regeling: Regeling, *, voortgang: Callable[[], None] | None = None) -> Invoer:
    """Every application form in a folder (.xlsx, .xlsm; .xls and .ods through LibreOffice), also
    in its subfolders; one broken form never hides the others."""
    paden, niet_gelezen = formulieren(map_)
    if not paden:
        return Invoer(
            problemen=[Probleem("de map bevat geen aanvraagformulieren (.xlsx, .xlsm, .xls, .ods)", str(map_)),
                       *niet_gelezen],
            bronnen=[],
        )
    namen = {p: p.relative_to(map_).as_posix() for p in paden}
    totaal = Invoer(problemen=list(niet_gelezen))
    herkomst: dict[int, str] = {}  # id of an aanvraag → the form it came from
    om_te_zetten = [p for p in paden if p.suffix.lower() in OMZETTEN]
    with omgezet(om_te_zetten, namen=namen) as (omgezette, problemen):
        totaal.problemen.extend(problemen)
        for pad in paden:
            if pad in omgezette:
                invoer = lees_formulier(omgezette[pad], regeling, naam=namen[pad])
                invoer.problemen.insert(0, _omgezet_melding(namen[pad]))
            elif pad in om_te_zetten:
                invoer = Invoer(bronnen=[namen[pad]])
            else:
                invoer = lees_formulier(pad, regeling, naam=namen[pad])
            for aanvraag in invoer.aanvragen:
                herkomst[id(aanvraag)] = namen[pad]
            totaal = totaal.samenvoegen(invoer)
            if voortgang:
                voortgang()
    totaal.problemen.extend(_dubbel_over_formulieren(totaal, herkomst))
    if totaal.fouten:
        totaal.aanvragen = []  # half a set of forms is never a budget
    return totaal


def lees_formulier(pad: Path, regeling: Regeling, *, naam: str | None = None) -> Invoer:
    """One filled-in application form → at most one application; problems carry the file name."""
    naam = naam or pad.name
    probleem = _voorcontrole(pad, toegestaan=EXCEL, naam=naam)
    if probleem:
        return Invoer(problemen=[probleem], bronnen=[naam])
    try:
        gelezen = formulier.lees(pad)
        vooraf: list[Probleem] = []
        if gelezen.formules and herberekenen.soffice():
            with omgezet([pad]) as (omgezette, problemen):
                if pad in omgezette:
                    gelezen = replace(formulier.lees(omgezette[pad]), blad=gelezen.blad)
                    vooraf.append(Probleem("formules zonder opgeslagen uitkomst; de uitkomsten zijn berekend "
                                           "met LibreOffice", naam, gelezen.blad, ernst="waarschuwing"))
    except formulier.FormulierFout as fout:
        return Invoer(problemen=[Probleem(str(fout), naam)], bronnen=[naam])
    except WERKMAP_FOUTEN as fout:
        return Invoer(
            problemen=[Probleem(f"geen leesbaar aanvraagformulier ({_kort(fout)})", naam)],
            bronnen=[naam],
        )
    waarden_ = dict(gelezen.waarden)
    for sleutel in gelezen.procent:
        if sleutel == "buurtscore":
            waarden_[sleutel] = werkblad.als_getoond(waarden_[sleutel])
            vooraf.append(Probleem("als percentage opgemaakt; gelezen zoals Excel het toont: 68% is "
                                   "buurtscore 68", naam, gelezen.blad, gelezen.rijen[sleutel], sleutel,
                                   ernst="waarschuwing"))
        else:
            vooraf.append(Probleem(f"als percentage opgemaakt; {sleutel} is geen percentage: geef de cel de "
                                   "opmaak Getal of Valuta", naam, gelezen.blad, gelezen.rijen[sleutel], sleutel,
                                   gelezen.waarden[sleutel]))
    for sleutel, formule in gelezen.formules.items():
        vooraf.append(Probleem(f"de cel bevat de formule '{formule}' zonder opgeslagen uitkomst; "
                               f"{_OPNIEUW_OPSLAAN}", naam, gelezen.blad, gelezen.rijen[sleutel], sleutel))
    rij = cast("dict[object, object]", waarden_)
    invoer = valideer([(1, rij)], regeling, bestand=naam, blad=gelezen.blad)
    # A form has one row per field: point each problem at the row of its field.
    invoer.problemen = [replace(p, rij=gelezen.rijen.get(p.kolom or "")) for p in invoer.problemen]
    # A formula without result reads as empty: its own message replaces "verplicht maar leeg".
    invoer.problemen = [p for p in invoer.problemen if not (p.kolom in gelezen.formules and "leeg" in p.reden)]
    invoer.problemen[:0] = vooraf
    invoer.bronnen.append(naam)
    if any(p.is_fout for p in vooraf):
        invoer.aanvragen = []
    if gelezen.regeling and gelezen.regeling != regeling.naam:
        invoer.problemen.append(
            Probleem(
                f"formulier voor regeling {gelezen.regeling}, gelezen met regeling {regeling.naam}",
                naam, gelezen.blad, ernst="waarschuwing",
            )
        )
    if not invoer.aanvragen and invoer.ok:
        invoer.problemen.append(Probleem("het formulier is niet ingevuld", naam, gelezen.blad))
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
            eerder = gezien.setdefault(waarden.sleutel(waarde), bestand)
            if eerder != bestand:
                problemen.append(
                    Probleem(f"{kolom} staat ook op formulier {eerder}", bestand, kolom=kolom, waarde=waarde)
                )
    return problemen
