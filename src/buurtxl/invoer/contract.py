"""The input contract: rows of applications → validated `Aanvraag`s, or a list of every problem.

Column names are matched case-insensitively (spaces and hyphens count as underscores). Validation
never stops at the first problem: each `Probleem` names the file, sheet, row, column and value.
Reading files lives in `lezen`; this module only knows rows (mappings of column → cell value).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from .. import opmaak, regels, waarden
from ..model import Aanvraag, Probleem, ingekort
from ..opmaak import als_euro
from ..regeling import COMPONENTEN, Regeling, bronnen
from ..regels import groepen
from ..velden import GELD, INFORMATIEF, INVOERVELDEN, KOLOMMEN, VELDEN, VERPLICHT, Soort, Veld

__all__ = ["GELD", "INFORMATIEF", "KOLOMMEN", "VERPLICHT", "Invoer", "controleer_kolommen", "valideer"]

# How a value of each kind is parsed (one place for each bound: `waarden`).
LEZER: dict[Soort, Callable[[object, str], Any]] = {
    Soort.TEKST: waarden.tekst,
    Soort.AANTAL: waarden.huishoudens,
    Soort.SCORE: waarden.buurtscore,
    Soort.GELD: waarden.bedrag,
    Soort.IBAN: waarden.iban,
    Soort.EMAIL: waarden.email,
    Soort.DATUM: waarden.datum,
}


@dataclass
class Invoer:
    """What validation produced: the applications that passed, and every problem found."""

    aanvragen: list[Aanvraag] = field(default_factory=list)
    problemen: list[Probleem] = field(default_factory=list)
    bronnen: list[str] = field(default_factory=list)  # the files read, for the workbook's provenance
    # Every row that passed on its own, with where it was read (file, sheet, row), kept even when
    # other rows failed: checks made later (the settlement's required columns) name every bad row.
    gelezen: list[tuple[Aanvraag, tuple[str | None, str | None, int | None]]] = field(default_factory=list)

    @property
    def fouten(self) -> list[Probleem]:
        return [p for p in self.problemen if p.is_fout]

    @property
    def waarschuwingen(self) -> list[Probleem]:
        return [p for p in self.problemen if not p.is_fout]

    @property
    def ok(self) -> bool:
        return not self.fouten

    def samenvoegen(self, ander: Invoer) -> Invoer:
        return Invoer(
            self.aanvragen + ander.aanvragen,
            self.problemen + ander.problemen,
            self.bronnen + ander.bronnen,
            self.gelezen + ander.gelezen,
        )


def normaliseer_kolom(naam: object) -> str:
    """The contract name of a header cell: case, spaces, hyphens, Unicode form and invisible
    characters (a zero-width space pasted from a web page) do not matter."""
    return "_".join(waarden.sleutel(str(naam or "")).replace("-", " ").split())


def controleer_kolommen(
    kolommen: Sequence[object], *, bestand: str | None = None, blad: str | None = None
) -> list[Probleem]:
    """Problems with the header row: missing required, duplicate and unknown columns."""
    problemen: list[Probleem] = []
    gezien: set[str] = set()
    for kolom in kolommen:
        naam = normaliseer_kolom(kolom)
        if not naam:
            continue
        onzichtbaar = waarden.onzichtbaar(str(kolom))
        if onzichtbaar:
            tekens = ", ".join(f"{code} op positie {plek}" for plek, code in onzichtbaar)
            problemen.append(
                Probleem(
                    f"de kolomnaam bevat een onzichtbaar teken ({tekens}); gelezen als '{naam}'",
                    bestand, blad, kolom=naam, ernst="waarschuwing",
                )
            )
        if naam in gezien:
            problemen.append(Probleem("kolom komt twee keer voor", bestand, blad, kolom=str(kolom)))
        gezien.add(naam)
        if naam not in KOLOMMEN and naam not in INFORMATIEF:
            problemen.append(
                Probleem(
                    "onbekende kolom, wordt genegeerd", bestand, blad, kolom=str(kolom),
                    ernst="waarschuwing",
                )
            )
    for naam in VERPLICHT:
        if naam not in gezien:
            problemen.append(
                Probleem(f"verplichte kolom '{naam}' ontbreekt", bestand, blad, kolom=naam)
            )
    return problemen


def valideer(
    rijen: Iterable[tuple[int, Mapping[Any, object]]],  # keys: header cells, any type
    regeling: Regeling,
    *,
    bestand: str | None = None,
    blad: str | None = None,
) -> Invoer:
    """Validate numbered rows (row number as the user sees it, row mapping) of the input contract.

    Empty rows are skipped. Each cell is checked with `waarden`, the basissubsidie with
    `regels.basissubsidie`, and buurt names and codes must be unique.
    """
    invoer = Invoer()
    namen: dict[str, int] = {}
    codes: dict[str, int] = {}
    for rijnummer, ruw in rijen:
        rij = {normaliseer_kolom(k): v for k, v in ruw.items() if normaliseer_kolom(k)}
        if all(waarden.is_leeg(v) for v in rij.values()):
            continue
        problemen, aanvraag = _valideer_rij(rij, regeling)
        buurt = " ".join(str(rij.get("buurt") or "").split()) or None
        for p in problemen:
            invoer.problemen.append(
                Probleem(p.reden, bestand, blad, rijnummer, p.kolom, p.waarde, p.ernst, buurt=buurt)
            )
        if aanvraag is None:
            continue
        for sleutel, gezien, kolom in (
            (waarden.sleutel(aanvraag.buurt), namen, "buurt"),
            (waarden.sleutel(aanvraag.buurtcode) if aanvraag.buurtcode else None, codes, "buurtcode"),
        ):
            if sleutel is None:
                continue
            if sleutel in gezien:
                waarde = aanvraag.buurt if kolom == "buurt" else aanvraag.buurtcode
                invoer.problemen.append(
                    Probleem(
                        f"{kolom} komt al voor op rij {gezien[sleutel]}", bestand, blad,
                        rijnummer, kolom, waarde,
                    )
                )
            else:
                gezien[sleutel] = rijnummer
        invoer.aanvragen.append(aanvraag)
        invoer.gelezen.append((aanvraag, (bestand, blad, rijnummer)))
    if invoer.fouten:
        invoer.aanvragen = []  # half a table is never a budget
    return invoer


def _valideer_rij(rij: Mapping[str, object], regeling: Regeling) -> tuple[list[Probleem], Aanvraag | None]:
    problemen: list[Probleem] = []
    velden: dict[str, object] = {}

    def lees(kolom: str, parse) -> None:
        waarde = rij.get(kolom)
        if waarden.is_leeg(waarde):
            if kolom in VERPLICHT:
                problemen.append(Probleem(f"{kolom} is verplicht maar leeg", kolom=kolom))
            return
        try:
            velden[kolom] = parse(waarde, kolom)
        except waarden.WaardeFout as fout:
            problemen.append(Probleem(str(fout), kolom=kolom, waarde=waarde))

    for veld in INVOERVELDEN:
        lees(veld.sleutel, lezer(veld))
    for veld in VELDEN:  # not in the rules, but carried along: the buurt sheet, the letters
        if not veld.rekent_mee:
            lees(veld.sleutel, lezer(veld))

    # The basissubsidie is judged whenever its own cells could be read, so one wrong cell elsewhere
    # never hides a second problem (a form's huishoudens error hid a basissubsidie of € 6.000).
    if not any(p.kolom in (*COMPONENTEN, "basissubsidie") for p in problemen):
        componenten = {c: cast("Decimal | None", velden.get(c)) for c in COMPONENTEN}
        try:
            regels.basissubsidie(regeling, componenten, cast("Decimal | None", velden.get("basissubsidie")))
        except regels.RegelFout as fout:
            # Name the cells the user filled in, with what they typed: a partial sum of the
            # components (4600,00 when the message speaks of 5850,00) is a number nobody wrote.
            gegeven = [c for c in (*COMPONENTEN, "basissubsidie") if c in velden]
            kolom = ", ".join(gegeven) or "basissubsidie"
            waarde = rij.get("basissubsidie") if gegeven == ["basissubsidie"] else ", ".join(
                f"{c} {_getypt(rij.get(c))}" for c in gegeven
            ) or None
            problemen.append(Probleem(str(fout), kolom=kolom, waarde=waarde))
    if problemen:
        return problemen, None

    aanvraag = Aanvraag(**velden)  # type: ignore[arg-type]
    maximum = regeling.waarde("supplement.max_bedrag")
    if aanvraag.supplement_aangevraagd is not None and aanvraag.supplement_aangevraagd > maximum > 0:
        problemen.append(
            Probleem(
                f"aangevraagd supplement is meer dan het maximum en wordt afgetopt op {als_euro(maximum)}",
                kolom="supplement_aangevraagd",
                waarde=aanvraag.supplement_aangevraagd,
                ernst="waarschuwing",
            )
        )
    if aanvraag.plan_van_aanpak_ingediend == "nee":
        # §3.1: the former platforms "hebben … een plan van aanpak ingediend … en dus subsidie
        # ontvangen"; the basissubsidie still counts the component plan van aanpak.
        problemen.append(
            Probleem(
                f"geen plan van aanpak ingediend, maar de basissubsidie telt het onderdeel plan van aanpak "
                f"mee; volgens {bronnen.ONDERDELEN} ontvangt een groep subsidie nadat zij een plan van aanpak "
                f"heeft ingediend",
                kolom="plan_van_aanpak_ingediend",
                waarde=aanvraag.plan_van_aanpak_ingediend,
                ernst="waarschuwing",
            )
        )
    uiterlijk = groepen.uiterlijk(regeling)
    if uiterlijk is not None and isinstance(aanvraag.buurtplan_ingediend, dt.date) and groepen.te_laat(
            aanvraag, uiterlijk):
        problemen.append(
            Probleem(
                f"buurtplan te laat: ingediend op {opmaak.als_datum(aanvraag.buurtplan_ingediend)}, het besluit "
                f"vraagt het vóór {opmaak.als_datum(uiterlijk)} ({bronnen.STAND_VAN_ZAKEN})",
                kolom="buurtplan_ingediend",
                waarde=aanvraag.buurtplan_ingediend,
                ernst="waarschuwing",
            )
        )
    return problemen, aanvraag


def _getypt(waarde: object) -> str:
    """A cell as the user typed it (a number from a workbook without a trailing '.0')."""
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return " ".join(str(waarde).split())


def lezer(veld: Veld) -> Callable[[object, str], Any]:
    """How a cell of `veld` is parsed: by its kind, one of its choices, at most its length."""
    lees = LEZER[veld.soort]
    if veld.keuzes and veld.soort is Soort.DATUM:
        return _datum_of_keuze(veld.keuzes, lees)
    if veld.keuzes:
        return _keuze(veld.keuzes, lees)
    if veld.soort is Soort.TEKST and isinstance(veld.maximum, int):
        return _hoogstens(veld.maximum, lees)
    return lees


def _hoogstens(maximum: int, lezer):
    """A text parser that refuses more than `maximum` characters (Excel would keep 32,767 of a
    longer text without a word; a buurt name of that length is a mistake, not a name)."""

    def lees(waarde: object, kolom: str) -> str:
        tekst = lezer(waarde, kolom)
        if len(tekst) > maximum:
            raise waarden.WaardeFout(
                f"{kolom}: de tekst is {len(tekst):,} tekens lang; hoogstens {maximum} tekens".replace(",", ".")
            )
        return tekst

    return lees


def _datum_of_keuze(keuzes: tuple[str, ...], lezer):
    """A date, or one of `keuzes` (the buurtplan's ja/nee of input made before it took a date)."""
    keuze = _keuze(keuzes, waarden.tekst)

    def lees(waarde: object, kolom: str):
        try:
            return lezer(waarde, kolom)
        except waarden.WaardeFout as fout:
            try:
                return keuze(waarde, kolom)
            except waarden.WaardeFout:
                raise fout from None

    return lees


def _keuze(keuzes: tuple[str, ...], lezer):
    """A parser that also requires one of `keuzes` (any case), returned as written in `keuzes`."""

    def lees(waarde: object, kolom: str) -> str:
        tekst = lezer(waarde, kolom)
        for keuze in keuzes:
            if tekst.casefold() == keuze.casefold():
                return keuze
        opties = " of ".join(f"'{k}'" for k in keuzes)
        raise waarden.WaardeFout(f"{kolom}: '{ingekort(tekst)}' is geen geldige keuze; kies {opties}")

    return lees
