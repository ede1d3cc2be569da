"""The commands that read the input and compute: `check`, `bereken`, `impact` (against the baseline
regeling) and `vaststellen` (the settlement after the year)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import regeling
from ..model import Probleem
from ..opmaak import aantal, als_euro, als_getal
from ..regeling import BASISLIJN, STANDAARD, Regeling, bronnen
from . import bouwen, opruimen, terminal
from .cli_nl import Keuze, Pad
from .groep import (
    _INVOER_UITLEG,
    INVOERFOUT,
    KLAAR,
    _blad_optie,
    _eis_xlsx,
    _formulieren,
    _geen_formulieren,
    _grens,
    _is_stil,
    _lees,
    _lees_ondersteuning,
    _of_voorbeeld,
    _ondersteuning_optie,
    _regeling_optie,
    _stil,
    _zonder_verborgen,
    buurtxl,
)

if TYPE_CHECKING:
    from ..invoer import Invoer


@buurtxl.command(help=(
    f"Controleer de invoer zonder iets te berekenen of te schrijven. {_INVOER_UITLEG} Elk probleem "
    "noemt bestand, blad, rij, kolom en waarde. Uitgangscode 1 bij fouten, 0 zonder.\n\n"
    "\b\nVoorbeelden:\n  buurtxl check aanvragen.csv\n  buurtxl check aanvragen.xlsx --blad Aanvragen"
))
@click.argument("invoer", required=False, type=Pad())
@_regeling_optie
@_blad_optie
@_stil
@_grens
def check(invoer: Path | None, regeling_naam: str, blad: str | None, stil: bool) -> int:
    from ..invoer import lezen
    from ..regels import groepen

    stil = _is_stil(stil)
    invoer = _of_voorbeeld(invoer, stil)
    r = regeling.laad(regeling_naam)
    gelezen = lezen.lees(invoer, r, blad=blad, zonder_verborgen=_zonder_verborgen())
    terminal.problemen(gelezen.problemen, err=False)
    waarschuwingen = aantal(len(gelezen.waarschuwingen), "waarschuwing", "waarschuwingen")
    if gelezen.fouten:
        click.echo(f"{aantal(len(gelezen.fouten), 'fout', 'fouten')}, {waarschuwingen}.")
        return INVOERFOUT
    # On standard output, with the problems: what the input shows against §3.1 and §8.
    for regel in (groepen.buurtplan(gelezen.aanvragen, r), groepen.kwetsbaar(gelezen.aanvragen, r)):
        if regel:
            click.echo(regel)
    aanvragen = aantal(len(gelezen.aanvragen), "aanvraag", "aanvragen")
    terminal.meld(f"Geen fouten: {aanvragen} gelezen, {waarschuwingen}.", stil=stil)
    return KLAAR


@buurtxl.command(help=(
    f"Bereken per buurt basissubsidie, toeslag, supplement en totaal, met de begroting ({bronnen.BUDGET}). "
    f"{_INVOER_UITLEG} Met --csv gaan de resultaten (met redenen) als CSV naar de standaarduitvoer, "
    "bedragen als 1234.56.\n\n"
    "\b\nVoorbeelden:\n  buurtxl bereken aanvragen.csv\n  buurtxl bereken aanvragen.csv --csv > resultaten.csv"
))
@click.argument("invoer", required=False, type=Pad())
@click.option("--csv", "als_csv", is_flag=True, help="CSV naar de standaarduitvoer in plaats van een tabel.")
@click.option("--redenen", is_flag=True, help="Toon per buurt de redenen bij elk bedrag.")
@_regeling_optie
@_blad_optie
@_ondersteuning_optie
@_stil
@_grens
def bereken(invoer: Path | None, als_csv: bool, redenen: bool, regeling_naam: str, blad: str | None,
            ondersteuning: Path | None, stil: bool) -> int:
    from ..regels import tabel
    from . import uitvoer_csv

    stil = _is_stil(stil)
    uitgaven = _lees_ondersteuning(ondersteuning)
    invoer = _of_voorbeeld(invoer, stil)
    r, gelezen = _lees(invoer, regeling_naam, blad, stil)
    uitkomst = tabel.bereken_tabel(r, tabel.frame(gelezen.aanvragen))
    samenvatting = terminal.begroting(tabel.begroting(r, uitkomst))
    if uitgaven is not None:
        from ..regels import ondersteuning as steun

        samenvatting.append(f"  {steun.bereken(r, uitgaven).reden}")
    from ..regels import groepen

    if groepen.bekend(gelezen.aanvragen):
        samenvatting.append(f"  {groepen.samenvatting(groepen.tel(gelezen.aanvragen))}")
    for regel in (groepen.buurtplan(gelezen.aanvragen, r), groepen.kwetsbaar(gelezen.aanvragen, r)):
        if regel:
            samenvatting.append(f"  {regel}")
    if als_csv:
        uitvoer_csv.schrijf(uitkomst, tabel.UITVOER_KOLOMMEN + tabel.REDEN_KOLOMMEN, sys.stdout)
        for regel in samenvatting:
            terminal.meld(regel, stil=stil)
        return KLAAR
    scherm = terminal.console()
    scherm.print(terminal.resultaten(uitkomst, f"{r.titel}: {invoer.name}", breedte=scherm.width))
    if redenen:
        for rij in uitkomst.itertuples(index=False):
            scherm.print(f"[bold]{rij.buurt}[/bold]", markup=True)
            for kolom in tabel.REDEN_KOLOMMEN:
                click.echo(f"  {getattr(rij, kolom)}")
    for regel in samenvatting:
        click.echo(regel)
    return KLAAR


def _bedrag_in_standaard(naam: str) -> str:
    """A parameter of the standard regeling for a help text, as the decision writes it (€ 40.000)."""
    return f"€ {als_getal(regeling.laad(STANDAARD).waarde(naam))}"


def _basislijn(r: Regeling, gekozen: str | None) -> str:
    """The regeling to compare with: never the regeling itself (that difference is always € 0)."""
    andere = " of ".join(f"--basislijn {n}" for n in regeling.beschikbaar() if n != r.naam)
    if gekozen == r.naam:
        raise click.BadParameter(
            f"{gekozen} is de regeling zelf (--regeling {r.naam}); een vergelijking met zichzelf geeft altijd "
            f"{als_euro(0)} verschil. Kies een andere regeling: {andere}", param_hint="'--basislijn'",
        )
    gekozen = gekozen or r.vervangt
    if gekozen is None:
        raise click.UsageError(
            f"regeling {r.naam} vervangt geen andere regeling, dus er is niets om mee te vergelijken; "
            f"geef {andere} op, of kies de nieuwe regeling met --regeling {STANDAARD}"
        )
    return gekozen


@buurtxl.command(help=(
    f"Wat de regeling {STANDAARD} kost tegenover de regeling {BASISLIJN}, per buurt en in totaal, naast de "
    f"raming (circa {_bedrag_in_standaard('budget.raming_bijstelling')}) en de reservering "
    f"({_bedrag_in_standaard('budget.reservering')}) uit {bronnen.BUDGET}. {_INVOER_UITLEG}\n\n"
    "\b\nVoorbeelden:\n  buurtxl impact aanvragen.csv\n  buurtxl impact formulieren/ --csv > impact.csv"
))
@click.argument("invoer", required=False, type=Pad())
@click.option(
    "--csv", "als_csv", is_flag=True, help="CSV naar de standaarduitvoer; het totaal gaat naar de foutuitvoer."
)
@_regeling_optie
@click.option(
    "--basislijn", type=Keuze(regeling.beschikbaar()), default=None,
    help=f"De regeling om mee te vergelijken (standaard de regeling die de gekozen regeling vervangt: "
    f"{BASISLIJN}); niet de gekozen regeling zelf.",
)
@_blad_optie
@_stil
@_grens
def impact(
    invoer: Path | None, als_csv: bool, regeling_naam: str, basislijn: str | None, blad: str | None, stil: bool
) -> int:
    from ..regels import tabel
    from . import uitvoer_csv

    stil = _is_stil(stil)
    basislijn = _basislijn(regeling.laad(regeling_naam), basislijn)
    invoer = _of_voorbeeld(invoer, stil)
    r, gelezen = _lees(invoer, regeling_naam, blad, stil)
    rijen = tabel.impact(tabel.frame(gelezen.aanvragen), r, regeling.laad(basislijn))
    totalen = tabel.impact_totalen(rijen, r)
    samenvatting = terminal.impact_samenvatting(totalen)
    if als_csv:
        uitvoer_csv.schrijf(rijen, list(rijen.columns), sys.stdout)
        for regel in samenvatting:
            terminal.meld(regel, stil=stil)
        return KLAAR
    terminal.console().print(terminal.impact(rijen, totalen, f"Impact {r.naam} tegenover {basislijn}: {invoer.name}"))
    for regel in samenvatting:
        click.echo(regel)
    return KLAAR


def vaststel_lezer(invoer: Path) -> Callable[[Path, Regeling], Invoer] | None:
    """The reader of settlement input (shared by `vaststellen` and `brieven vaststelling`): a folder
    with verantwoordingsformulieren, the budget workbook `build`/`update` wrote, or (None) a list read
    as any input; a folder of application forms alone stops with a Dutch message."""
    from ..invoer import begrotingswerkmap, lezen, verantwoording

    if invoer.is_dir() and verantwoording.heeft_verantwoordingen(invoer):
        return verantwoording.lees_map
    if invoer.suffix.lower() in lezen.EXCEL and invoer.is_file() and begrotingswerkmap.is_begroting(invoer):
        return begrotingswerkmap.lees
    _geen_formulieren(invoer)
    return None


@buurtxl.command(help=(
    "Stel na afloop van het jaar per buurt de subsidie vast: basissubsidie, toeslag en supplement "
    "naar wat besteed is, tegenover wat betaald is (nabetalen of terugvorderen). INVOER is de "
    "begrotingswerkmap van build of update (Besteed op het blad van elke buurt, de rest in de gele "
    "cellen van blad Vaststelling), een map met aanvraag- en verantwoordingsformulieren (buurtxl "
    "template --vaststelling), of een lijst met naast de aanvraag de kolommen besteed, toeslag_besteed, "
    "supplement_besteed en betaald. Een leeg bedrag is 'ontbreekt', nooit 0: dat onderdeel wordt nog "
    "niet vastgesteld. Met --csv gaan de uitkomsten (met redenen) als CSV naar de standaarduitvoer; "
    "met -o komt er een werkmap met het blad Vaststelling.\n\n"
    "\b\nVoorbeelden:\n  buurtxl vaststellen begroting.xlsx\n"
    "  buurtxl vaststellen formulieren/ -o vaststelling.xlsx\n"
    "  buurtxl vaststellen eind_2018.csv --csv > vaststelling.csv"
))
@click.argument("invoer", type=Pad())
@click.option("--csv", "als_csv", is_flag=True, help="CSV naar de standaarduitvoer in plaats van een tabel.")
@click.option("-o", "--uitvoer", type=Pad(), metavar="UITVOER.xlsx",
              help="Schrijf ook een werkmap met het blad Vaststelling.")
@_regeling_optie
@_blad_optie
@click.option("--force", is_flag=True, help="Vervang een bestaand uitvoerbestand.")
@_stil
@_grens
def vaststellen(invoer: Path, als_csv: bool, uitvoer: Path | None, regeling_naam: str, blad: str | None,
                force: bool, stil: bool) -> int:
    from dataclasses import asdict

    import pandas as pd

    from ..regels import vaststelling
    from . import uitvoer_csv

    stil = _is_stil(stil)
    _eis_xlsx(uitvoer)
    from ..invoer import verantwoording

    lezer = vaststel_lezer(invoer)
    r, gelezen = _lees(invoer, regeling_naam, blad, stil, met_buurt=True, lezer=lezer)
    uitkomst = vaststelling.vaststel_invoer(r, gelezen)
    if lezer is verantwoording.lees_map:  # betaald is on no form: said once, not per buurt
        uitkomst.problemen = [p for p in uitkomst.problemen if p.kolom != "betaald"]
        uitkomst.problemen.append(Probleem(
            "betaald staat niet op de formulieren: het saldo blijft open; schrijf een werkmap met -o, vul "
            "Betaald in op blad Vaststelling en stel vast met 'buurtxl vaststellen WERKMAP.xlsx'",
            invoer.name or str(invoer), ernst="waarschuwing"))
    if not stil:
        terminal.problemen(uitkomst.problemen)
    lijst = uitkomst.vaststellingen
    samenvatting = terminal.vaststelling_samenvatting(uitkomst.totalen)
    if uitvoer is not None:
        invoerpaden = _formulieren(invoer) if invoer.is_dir() else [invoer]
        bouwen.controleer_doelen([uitvoer], force=force, invoer=invoerpaden)
        opruimen.naast([uitvoer], stil)
        pad = bouwen.schrijf_begroting(
            gelezen.aanvragen, r, uitvoer, formules="native", herkomst=bouwen.herkomst(invoer.name, invoer),
            force=force, invoer=invoerpaden,
        )
        terminal.meld(f"Werkmap met vaststelling geschreven: {pad}", stil=stil)
    if als_csv:
        tabelvorm = pd.DataFrame([asdict(v) for v in lijst])
        uitvoer_csv.schrijf(tabelvorm, vaststelling.UITVOER_KOLOMMEN + vaststelling.REDEN_KOLOMMEN, sys.stdout)
        for regel in samenvatting:
            terminal.meld(regel, stil=stil)
        return KLAAR
    terminal.console().print(terminal.vaststelling(lijst, f"Vaststelling {r.titel}: {invoer.name}"))
    for regel in samenvatting:
        click.echo(regel)
    return KLAAR
