"""What the command line shows people: rich tables, problem lists, progress bars.

Results go to standard output; chatter (progress, summaries next to CSV, "written to …") goes to
standard error, so `buurtxl bereken --csv > uit.csv` stays clean. Amounts are only formatted
here (`opmaak`), never computed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import TYPE_CHECKING

import click

from .. import waarden
from ..model import Begroting, Probleem, ToeslagStatus
from ..opmaak import aantal, als_euro, als_getal, als_procent
from ..regeling import bronnen

if TYPE_CHECKING:  # rich is imported where a table or bar is drawn: messages alone start faster
    import pandas as pd
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    from ..regels.vaststelling import Totalen, Vaststelling

_BREED = 160  # width when not writing to a terminal: a table for a file or pipe is never wrapped


def console(*, stderr: bool = False) -> Console:
    from rich.console import Console

    stroom = sys.stderr if stderr else sys.stdout
    breedte = None if stroom.isatty() else _BREED
    return Console(file=stroom, width=breedte, highlight=False, soft_wrap=False)


def meld(tekst: str, *, stil: bool = False) -> None:
    """Chatter on standard error, unless --quiet."""
    if not stil:
        click.echo(tekst, err=True)


def problemen(lijst: Iterable[Probleem], *, err: bool = True) -> None:
    """One line per problem (plain text: values may contain rich markup characters)."""
    for p in lijst:
        click.echo(str(p), err=err)


def _bedrag(waarde: object) -> str:
    return "" if waarden.is_leeg(waarde) else als_euro(waarde)  # type: ignore[arg-type]


def _getal(waarde: object) -> str:
    return "" if waarden.is_leeg(waarde) else als_getal(waarde)  # type: ignore[arg-type]


def _percentage(waarde: object, status: object) -> str:
    """Empty where there is no toeslag: a percentage beside € 0 reads as if one were due."""
    heeft_toeslag = str(status) in (ToeslagStatus.POTENTIEEL, ToeslagStatus.GERESERVEERD, ToeslagStatus.AANGEVRAAGD)
    return als_procent(waarde) if heeft_toeslag else ""  # type: ignore[arg-type]


# (header, right-aligned, may be left out in a narrow terminal: lower numbers go first)
_RESULTAAT_KOLOMMEN = (
    ("Buurt", False, None), ("Huis-\nhoudens", True, 3), ("Buurt-\nscore", True, 2),
    ("Basis-\nsubsidie", True, None), ("Toeslag\n%", True, 1), ("Toeslag", True, None),
    ("Status\ntoeslag", False, 4), ("Supple-\nment", True, None), ("Status\nsupplement", False, 5),
    ("Totaal", True, None),
)
_MIN_BUURT = 12  # below this a name wraps into too many lines to read


def resultaten(uitkomst: pd.DataFrame, titel: str, *, breedte: int | None = None) -> Table:
    """The per-buurt results of `tabel.bereken_tabel`, fitted to `breedte` columns.

    Amounts are never cut ("€ 87…" reads as a different amount): every column gets the width of its
    widest value; the buurt name wraps in what is left, and in a narrow terminal the columns that
    carry no amount (Toeslag %, Buurtscore, …) are left out, which the caption says.
    """
    cellen = [
        [str(rij.buurt), _getal(rij.huishoudens), _getal(rij.buurtscore), _bedrag(rij.basissubsidie),
         _percentage(rij.toeslag_percentage, rij.toeslag_status), _bedrag(rij.toeslag_communicatie),
         str(rij.toeslag_status),
         _bedrag(rij.supplement_kwetsbaar), str(rij.supplement_status), _bedrag(rij.totaal)]
        for rij in uitkomst.itertuples(index=False)
    ]
    breedtes = [max([len(r) for r in kop.split("\n")] + [len(rij[i]) for rij in cellen])
                for i, (kop, _, _) in enumerate(_RESULTAAT_KOLOMMEN)]
    zichtbaar = list(range(len(_RESULTAAT_KOLOMMEN)))
    weg: list[str] = []
    naam = max(breedtes[0], len("Buurt"))

    def nodig() -> int:  # one space between columns, none at the edges
        return min(naam, _MIN_BUURT) + sum(breedtes[i] for i in zichtbaar[1:]) + len(zichtbaar) - 1

    if breedte is not None:
        weglaatbaar = sorted((i for i, k in enumerate(_RESULTAAT_KOLOMMEN) if k[2]),
                             key=lambda i: _RESULTAAT_KOLOMMEN[i][2] or 0)
        for i in weglaatbaar:
            if nodig() <= breedte:
                break
            zichtbaar.remove(i)
            weg.append(_RESULTAAT_KOLOMMEN[i][0].replace("-\n", "").replace("\n", " "))
        naam = max(min(naam, breedte - (nodig() - min(naam, _MIN_BUURT))), min(naam, _MIN_BUURT))
    from rich import box
    from rich.table import Table

    tabel = Table(
        title=titel, box=box.SIMPLE_HEAD, title_justify="left", show_edge=False, pad_edge=False, padding=0,
        caption=f"Weggelaten (smal venster): {', '.join(weg)}; --csv toont alles" if weg else None,
        caption_justify="left",
    )
    for i in zichtbaar:
        kop, rechts, _ = _RESULTAAT_KOLOMMEN[i]
        if i == 0:
            tabel.add_column(kop, overflow="fold", width=naam)
        else:
            tabel.add_column(kop, justify="right" if rechts else "left", no_wrap=True,
                             min_width=breedtes[i], max_width=breedtes[i])
    for rij in cellen:
        tabel.add_row(*(rij[i] for i in zichtbaar))
    return tabel


def _netwerken(n: int) -> str:
    return aantal(n, "buurtnetwerk", "buurtnetwerken") + " i.o."


def begroting(b: Begroting) -> list[str]:
    """The budget summary (§8) as lines."""
    regels: list[tuple[str, Decimal, str]] = [
        ("Basissubsidie totaal", b.totaal_basissubsidie, ""),
        ("Toeslag communicatiekosten", b.totaal_toeslag, ""),
        ("Supplement kwetsbare buurten", b.totaal_supplement, ""),
        ("Extra's (bijstelling)", b.totaal_extra,
         "" if b.raming is None else f"raming {bronnen.BUDGET} {als_euro(b.raming)}"),
        ("Totaal", b.totaal, ""),
    ]
    if b.onzeker:
        regels.append(("Onzeker (gegevens ontbreken)", b.onzeker,
                       "hoogstens nog te betalen; telt mee voor de status"))
    if b.reservering is not None and b.ruimte_ondersteuning is not None:
        regels.append((f"Reservering {bronnen.BUDGET}", b.reservering,
                       f"ruimte in de reservering {als_euro(b.ruimte_ondersteuning)}"))
    return [
        f"Regeling {b.regeling}: {_netwerken(b.aantal)}",
        *(f"  {label + ':':<30}{als_euro(bedrag):>14}   {noot}".rstrip() for label, bedrag, noot in regels),
        f"  {b.toelichting}",
    ]


def impact(rijen: pd.DataFrame, totalen: dict[str, Decimal], titel: str) -> Table:
    """Per buurt: total under the baseline, under the new regeling, and the difference."""
    from rich import box
    from rich.table import Table

    bedragen = [k for k in rijen.columns if k != "buurt"]
    tabel = Table(title=titel, box=box.SIMPLE_HEAD, title_justify="left", show_footer=True)
    tabel.add_column("Buurt", footer="Totaal", no_wrap=True)
    for kolom in bedragen:
        kop = "Verschil" if kolom == "verschil" else "Totaal " + kolom.removeprefix("totaal_")
        tabel.add_column(kop, footer=als_euro(totalen[kolom]), justify="right", no_wrap=True)
    for rij in rijen.itertuples(index=False):
        tabel.add_row(str(rij[0]), *(_bedrag(w) for w in rij[1:]))
    return tabel


def impact_samenvatting(totalen: dict[str, Decimal]) -> list[str]:
    """The total difference set against the §8 estimate and reservation (when there is a budget)."""
    regels = [f"Kosten van de bijstelling (totaal verschil): {als_euro(totalen['verschil'])}"]
    onzeker = totalen.get("onzeker", Decimal(0))
    if onzeker:
        regels.append(f"Onzeker (gegevens ontbreken): hoogstens nog {als_euro(onzeker)}; telt mee voor de reservering")
    if "raming" not in totalen:
        return regels
    verschil_raming = totalen["verschil_raming"]
    richting = "meer" if verschil_raming > 0 else "minder"
    ruimte = totalen["ruimte_reservering"]
    return [
        *regels,
        f"Raming {bronnen.BUDGET}: {als_euro(totalen['raming'])}; "
        f"{als_euro(abs(verschil_raming))} {richting} dan geraamd",
        f"Reservering {bronnen.BUDGET}: {als_euro(totalen['reservering'])}; "
        + (f"er blijft {als_euro(ruimte)} over" if ruimte >= 0 else f"{als_euro(-ruimte)} tekort"),
    ]


def _of_open(bedrag: Decimal | None) -> str:
    return "ontbreekt" if bedrag is None else als_euro(bedrag)


def vaststelling(lijst: Iterable[Vaststelling], titel: str) -> Table:
    """The settlement per buurt (`buurtxl vaststellen`); a part still open says 'ontbreekt'."""
    from rich import box
    from rich.table import Table

    tabel = Table(title=titel, box=box.SIMPLE_HEAD, title_justify="left")
    for kop, rechts in (
        ("Buurt", False), ("Basissubsidie", True), ("Toeslag", True), ("Supplement", True),
        ("Vastgesteld", True), ("Betaald", True), ("Saldo", True), ("Status", False),
    ):
        tabel.add_column(kop, justify="right" if rechts else "left", no_wrap=True)
    for v in lijst:
        status = f"ontbreekt: {v.ontbreekt}" if v.ontbreekt else str(v.saldo_status)
        tabel.add_row(
            v.buurt, _of_open(v.vastgesteld_basissubsidie), _of_open(v.vastgesteld_toeslag),
            _of_open(v.vastgesteld_supplement), _of_open(v.vastgesteld_totaal), _of_open(v.betaald),
            _of_open(v.saldo), status,
        )
    return tabel


def vaststelling_samenvatting(t: Totalen) -> list[str]:
    """The settlement totals: fixed, paid, still to pay and to reclaim, and what is still open."""
    regels = [
        ("Vastgesteld basissubsidie", t.vastgesteld_basissubsidie),
        ("Vastgesteld toeslag", t.vastgesteld_toeslag),
        ("Vastgesteld supplement", t.vastgesteld_supplement),
        ("Vastgesteld totaal", t.vastgesteld_totaal),
        ("Betaald", t.betaald),
        ("Nog te betalen", t.nabetalen),
        ("Terug te vorderen", t.terugvorderen),
    ]
    uit = [
        f"Vaststelling: {_netwerken(t.aantal)}",
        *(f"  {label + ':':<30}{als_euro(bedrag):>14}" for label, bedrag in regels),
    ]
    if t.open_aantal:
        uit += [
            f"Nog niet vastgesteld: {_netwerken(t.open_aantal)} (een bedrag ontbreekt; de totalen hierboven "
            "tellen alleen wat vastgesteld is)",
            f"  {'Verleend, nog open:':<30}{als_euro(t.open_verleend):>14}",
        ]
    return uit


@contextmanager
def voortgang(totaal: int, omschrijving: str, *, stil: bool = False) -> Iterator[Progress]:
    """A progress bar on standard error (hidden with --quiet)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    balk = Progress(
        TextColumn(omschrijving), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=console(stderr=True), disable=stil, transient=False,
    )
    with balk:
        balk.add_task(omschrijving, total=totaal)
        yield balk
