"""The support budget (§8): what the overleggroep ondersteuning spent against what was planned.

§8: "Het resterend bedrag ad € 20.000 wordt in overleg met de overleggroep ondersteuning ingezet."
An optional list of support expenses (datum, omschrijving, bedrag), read from a CSV file or the
sheet 'Ondersteuning' of a workbook, is set against `budget.ondersteuning`. Reading never raises
for a user's file: every problem names file, sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .. import waarden
from ..invoer import tekstbestand, voorcontrole
from ..model import Probleem
from ..opmaak import als_euro
from ..regeling import Regeling, bronnen

BLAD = "Ondersteuning"
KOLOMMEN = ("datum", "omschrijving", "bedrag")
NUL = Decimal("0.00")


@dataclass(frozen=True)
class Uitgave:
    datum: dt.date
    omschrijving: str
    bedrag: Decimal


@dataclass
class Uitgaven:
    uitgaven: list[Uitgave] = field(default_factory=list)
    problemen: list[Probleem] = field(default_factory=list)


@dataclass(frozen=True)
class Ondersteuning:
    gepland: Decimal  # budget.ondersteuning
    besteed: Decimal  # the sum of the expenses
    over: Decimal  # gepland − besteed (negative: more spent than planned)
    reden: str


def bereken(regeling: Regeling, uitgaven: Iterable[Uitgave]) -> Ondersteuning:
    """§8: the planned € 20.000 for support against what was spent; what is left (or overspent)."""
    gepland = regeling.waarde("budget.ondersteuning")
    besteed = sum((u.bedrag for u in uitgaven), NUL)
    over = gepland - besteed
    if over >= 0:
        reden = (
            f"Ondersteuning: besteed {als_euro(besteed)} van gepland {als_euro(gepland)}, over "
            f"{als_euro(over)} ({bronnen.BUDGET})"
        )
    else:
        reden = (
            f"Ondersteuning: besteed {als_euro(besteed)}, {als_euro(-over)} meer dan gepland "
            f"{als_euro(gepland)} ({bronnen.BUDGET})"
        )
    return Ondersteuning(gepland, besteed, over, reden)


def datum(waarde: object, naam: str = "datum") -> dt.date:
    """A date cell, or text as 31-12-2018, 31-12-18 or 2018-12-31."""
    if isinstance(waarde, dt.datetime):
        return waarde.date()
    if isinstance(waarde, dt.date):
        return waarde
    tekst = str(waarde).strip()
    for formaat in ("%d-%m-%Y", "%d-%m-%y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(tekst, formaat).date()
        except ValueError:
            continue
    raise waarden.WaardeFout(f"{naam}: '{waarde}' is geen datum (schrijf bijvoorbeeld 31-12-2018)")


def lees(pad: str | Path) -> Uitgaven:
    """The expenses in a CSV file (comma or semicolon) or on the sheet 'Ondersteuning' of a
    workbook (else its first sheet). The header row names datum, omschrijving and bedrag."""
    pad = Path(pad)
    soort = pad.suffix.lower()
    if soort not in (".xlsx", ".xlsm", ".csv", ".txt"):
        reden = f"bestandstype '{pad.suffix}' wordt niet ondersteund; gebruik .csv of .xlsx"
        return Uitgaven(problemen=[Probleem(reden, pad.name)])
    # The same checks on the raw file as for the applications, before any parser sees it: size,
    # zip bomb, DTD, damaged or encrypted workbook, a pipe instead of a file.
    probleem = voorcontrole.controleer(pad)
    if probleem is not None:
        return Uitgaven(problemen=[probleem])
    if soort in (".xlsx", ".xlsm"):
        return _lees_xlsx(pad)
    data = pad.read_bytes()
    try:
        tekst = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        tekst = data.decode("cp1252", errors="replace")
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    rijen = tekstbestand.lees_rijen(tekst, scheiding, pad.name)
    if isinstance(rijen, Probleem):
        return Uitgaven(problemen=[rijen])
    return valideer(enumerate(rijen, start=1), pad.name, None)


def _lees_xlsx(pad: Path) -> Uitgaven:
    from ..invoer import werkblad
    from ..invoer.bestand import WERKMAP_FOUTEN

    try:
        wb = voorcontrole.open_werkmap(pad, read_only=True, data_only=True)
    except voorcontrole.OnveiligBestand as fout:
        return Uitgaven(problemen=[fout.probleem])
    try:
        ws = wb[BLAD] if BLAD in wb.sheetnames else wb.worksheets[0]
        if werkblad.meer_rijen_dan(pad, ws._worksheet_path, voorcontrole.MAX_RIJEN):
            return Uitgaven(problemen=[voorcontrole.te_veel_rijen(pad.name, ws.title)])
        return valideer(enumerate(ws.iter_rows(values_only=True), start=1), pad.name, ws.title)
    except WERKMAP_FOUTEN:
        return Uitgaven(problemen=[voorcontrole.beschadigd(pad.name)])
    finally:
        wb.close()


def valideer(rijen: Iterable[tuple[int, tuple | list]], bestand: str, blad: str | None) -> Uitgaven:
    """Numbered rows (a header row naming the columns, then expenses) → expenses or problems."""
    uit = Uitgaven()
    kop: list[str] | None = None
    for nummer, rij in rijen:
        namen = ["_".join(str(c or "").strip().lower().split()) for c in rij]
        if kop is None:
            if all(k in namen for k in KOLOMMEN):
                kop = namen
            continue
        cellen = dict(zip(kop, rij, strict=False))
        if all(waarden.is_leeg(cellen.get(k)) for k in KOLOMMEN):
            continue
        gelezen: dict[str, object] = {}
        for kolom, lezer in (("datum", datum), ("omschrijving", waarden.tekst), ("bedrag", waarden.bedrag)):
            waarde = cellen.get(kolom)
            if waarden.is_leeg(waarde):
                uit.problemen.append(Probleem(f"{kolom} is verplicht maar leeg", bestand, blad, nummer, kolom))
                continue
            try:
                gelezen[kolom] = lezer(waarde, kolom)
            except waarden.WaardeFout as fout:
                uit.problemen.append(Probleem(str(fout), bestand, blad, nummer, kolom, waarde))
        if len(gelezen) == len(KOLOMMEN):
            uit.uitgaven.append(Uitgave(**gelezen))  # type: ignore[arg-type]
    if kop is None:
        uit.problemen.append(Probleem("geen kopregel met de kolommen datum, omschrijving en bedrag", bestand, blad))
    if uit.problemen:
        uit.uitgaven = []
    return uit
