"""The `buurtxl` command: parse arguments, call the layers, print, return an exit code.

Exit codes: 0 done, 1 problems in the input, 2 wrong usage (including an output that exists
without --force, or an output that is an input file). A user's mistake never shows a traceback:
the domain errors are turned into a Dutch message at this boundary (`_grens`).

Start-up time matters (`buurtxl --version`, a build of the example): modules that import pandas,
numpy, openpyxl or xlwings (`lezen`, `formulier`, `tabel`, `uitvoer_csv`, `werkmap`) are imported
inside the commands that use them; tests/test_cli_opstart.py holds this.
"""

from __future__ import annotations

import errno
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import __version__, regeling
from ..model import BuurtxlFout, Probleem
from ..opmaak import aantal, als_euro, als_getal
from ..opslaan import OpslaanFout, schrijf_atomair
from ..regeling import BASISLIJN, STANDAARD, Regeling, RegelingFout, bronnen, voorbeeld
from . import bouwen, terminal
from .cli_nl import GEBRUIK, Geheel, Group, Keuze, Pad, Stop

if TYPE_CHECKING:
    from ..invoer import Invoer

KLAAR, INVOERFOUT = 0, 1
WERKMAP_OPEN = 2  # update: the workbook is open in Excel or LibreOffice


# The operating system words its errors in English; these are the ones a user meets.
_OS_FOUTEN: dict[int | None, str] = {
    errno.ENOENT: "bestand of map bestaat niet",
    errno.EACCES: "geen toestemming om dit bestand te lezen of te schrijven",
    errno.EPERM: "geen toestemming om dit bestand te lezen of te schrijven",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "deze schijf is alleen-lezen",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ENOTDIR: "een deel van dit pad is geen map",
    errno.EBUSY: "het bestand is in gebruik",
}


def _grens(opdracht: Callable[..., int]) -> Callable[..., int]:
    """Turn the domain errors into a Dutch message and an exit code."""

    @functools.wraps(opdracht)
    def opdracht_met_grens(*args, **kwargs) -> int:
        try:
            return opdracht(*args, **kwargs)
        except BuurtxlFout as fout:
            # Usage: an output we may not write, a regeling that does not exist; else the input.
            code = GEBRUIK if isinstance(fout, (OpslaanFout, RegelingFout)) else INVOERFOUT
            raise Stop(str(fout), code) from None
        except BrokenPipeError:
            raise  # not the user's mistake: the reader of our output left
        except OSError as fout:
            plaats = f"{fout.filename}: " if fout.filename else ""
            reden = _OS_FOUTEN.get(fout.errno, fout.strerror or str(fout))
            raise Stop(f"{plaats}{reden}", INVOERFOUT) from None

    return opdracht_met_grens


def _stil(functie: Callable) -> Callable:
    return click.option(
        "-q", "--quiet", "stil", is_flag=True, help="Geen voortgang of meldingen, alleen resultaten en fouten."
    )(functie)


def _formules_optie(functie: Callable) -> Callable:
    return click.option(
        "--formules", type=Keuze(["native", "udf"]), default="native",
        help="native: gewone Excel-formules (standaard); udf: de buurtxl-functies van de "
        "Excel-invoegtoepassing.",
    )(functie)


def _regeling_optie(functie: Callable) -> Callable:
    return click.option(
        "--regeling", "regeling_naam", type=Keuze(regeling.beschikbaar()), default=STANDAARD,
        show_default=False, help=f"De regeling om mee te rekenen (standaard {STANDAARD}).",
    )(functie)


def _ondersteuning_optie(functie: Callable) -> Callable:
    return click.option(
        "--ondersteuning", type=Pad(), metavar="BESTAND",
        help=f"Uitgaven aan ondersteuning ({bronnen.BUDGET}): CSV of Excel (blad Ondersteuning) met datum, "
        "omschrijving en bedrag; tegenover het geplande bedrag in de begroting.",
    )(functie)


def _lees_ondersteuning(pad: Path | None) -> list | None:
    """The support expenses, or None; every bad row is printed and the command stops (code 1)."""
    if pad is None:
        return None
    from ..regels import ondersteuning

    gelezen = ondersteuning.lees(pad)
    if gelezen.problemen:
        terminal.problemen(gelezen.problemen)
        fouten = aantal(len(gelezen.problemen), "fout", "fouten")
        raise Stop(f"{fouten} in de uitgaven aan ondersteuning; er is niets geschreven.", INVOERFOUT)
    return gelezen.uitgaven


def _onthoud(ctx: click.Context, _param: click.Parameter, waarde: bool) -> bool:
    ctx.meta["zonder_verborgen"] = waarde
    return waarde


def _blad_optie(functie: Callable) -> Callable:
    """--blad and --zonder-verborgen: which rows of a workbook are read (the latter kept in the
    context, so the commands' signatures stay as they are)."""
    functie = click.option(
        "--zonder-verborgen", is_flag=True, expose_value=False, callback=_onthoud,
        help="Sla verborgen rijen van een Excel-invoerbestand over (ook rijen die een filter verbergt); "
        "zonder deze optie tellen ze mee en wordt elke verborgen rij gemeld.",
    )(functie)
    return click.option(
        "--blad", metavar="NAAM",
        help="Het blad van een Excel-invoerbestand, hoofdletters maken niet uit (standaard het eerste "
        "blad met een kopregel, anders 'Aanvragen').",
    )(functie)


def _zonder_verborgen() -> bool:
    return bool(click.get_current_context().meta.get("zonder_verborgen"))


def _eis_xlsx(uitvoer: Path | None) -> None:
    """An output name must say what it is: a workbook named .csv (or without extension) misleads."""
    if uitvoer is not None and uitvoer.suffix.lower() != ".xlsx":
        raise Stop(
            f"{uitvoer}: de uitvoer is een Excel-werkmap en moet eindigen op .xlsx "
            f"(niet '{uitvoer.suffix or 'geen extensie'}'); bijvoorbeeld -o {uitvoer.stem or 'begroting'}.xlsx",
            GEBRUIK,
        )


_INVOER_SOORTEN = (
    "INVOER is een CSV-bestand (komma, puntkomma of tab; UTF-8 of Windows-1252), een tekstbestand "
    "(.txt, .tsv), een Excel-bestand (.xlsx; .xls en .ods via LibreOffice) of een map met ingevulde "
    "aanvraagformulieren."
)
_INVOER_UITLEG = f"{_INVOER_SOORTEN} Zonder INVOER: het ingebouwde Maastrichtse voorbeeld."


def _of_voorbeeld(invoer: Path | None, stil: bool) -> Path:
    """INVOER, or the built-in example, whose caveats (fictitious values) are always said."""
    if invoer is not None:
        return invoer
    for kanttekening in voorbeeld.KANTTEKENINGEN:
        terminal.meld(kanttekening, stil=stil)
    return voorbeeld.pad()


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]}, help=(
    "Uitvoeringsregeling Buurtnetwerken 2018 (Maastricht): begrotingswerkmappen, "
    "aanvraagformulieren en berekeningen.\n\n"
    "\b\nVoorbeelden:\n  buurtxl build                 begroting van het ingebouwde voorbeeld\n"
    "  buurtxl bereken aanvragen.csv  resultaten per buurt in de terminal\n\n"
    "Uitgangscodes: 0 klaar, 1 problemen in de invoer, 2 verkeerd gebruik."
))
@click.version_option(
    __version__, "-V", "--version", prog_name="buurtxl", message="%(prog)s, versie %(version)s",
    help="Toon de versie en stop.",
)
@click.option(
    "-q", "--quiet", "stil", is_flag=True, help="Geen voortgang of meldingen (voor elke opdracht behalve serve)."
)
@click.pass_context
def buurtxl(ctx: click.Context, stil: bool) -> None:
    ctx.obj = {"stil": stil}


def _is_stil(stil: bool) -> bool:
    ctx = click.get_current_context()
    return stil or bool((ctx.find_root().obj or {}).get("stil"))


def _formulieren(map_: Path) -> list[Path]:
    from ..invoer import lezen

    return lezen.formulieren(map_)[0]


def _geen_formulieren(invoer: Path) -> None:
    """Settlement needs what was spent and paid, which an application form does not hold: say so,
    instead of "rij 1, kolom 'betaald' leeg" about a form that has no such row."""
    from ..invoer import formulier, lezen

    if invoer.is_dir():
        soort = "een map met aanvraagformulieren"
    elif invoer.suffix.lower() in lezen.EXCEL and invoer.is_file() and formulier.is_formulier(invoer):
        soort = "een aanvraagformulier"
    else:
        return
    terminal.problemen([Probleem(
        f"dit is {soort}; aanvraagformulieren bevatten geen vaststellingsgegevens (besteed, betaald). "
        "Gebruik een CSV- of Excel-lijst met per buurt de aanvraag en de kolommen besteed en betaald",
        invoer.name or str(invoer))])
    raise Stop("1 fout in de invoer; er is niets berekend of geschreven.", INVOERFOUT)


def _lees(invoer: Path, regeling_naam: str, blad: str | None, stil: bool,
          controle: Callable[[Invoer], list] | None = None) -> tuple[Regeling, Invoer]:
    """Read and validate (plus a command's own `controle`); print the problems (errors only with
    --quiet); stop with exit code 1 on errors."""
    from ..invoer import lezen

    r = regeling.laad(regeling_naam)
    if invoer.is_dir():
        formulieren = len(lezen.formulieren(invoer)[0])
        with terminal.voortgang(formulieren, "Formulieren lezen", stil=stil or formulieren < 2) as balk:
            gelezen = lezen.lees(invoer, r, blad=blad, voortgang=lambda: balk.advance(balk.task_ids[0]))
    else:
        gelezen = lezen.lees(invoer, r, blad=blad, zonder_verborgen=_zonder_verborgen())
    if controle is not None:
        gelezen.problemen.extend(controle(gelezen))
    terminal.problemen(gelezen.problemen if not stil else gelezen.fouten)
    if not gelezen.ok:
        fouten = aantal(len(gelezen.fouten), "fout", "fouten")
        raise Stop(f"{fouten} in de invoer; er is niets berekend of geschreven.", INVOERFOUT)
    return r, gelezen


@buurtxl.command(help=(
    "Maak de begrotingswerkmap (en desgewenst één werkmap per buurt).\n\n"
    f"{_INVOER_SOORTEN} Zonder INVOER: het ingebouwde Maastrichtse voorbeeld, met een vrije standaardnaam "
    "in de huidige map. Er wordt niets geschreven zolang de invoer fouten heeft.\n\n"
    "\b\nVoorbeelden:\n  buurtxl build\n  buurtxl build aanvragen.csv -o begroting.xlsx\n"
    "  buurtxl build formulieren/ --per-buurt buurten/ --force"
))
@click.argument("invoer", required=False, type=Pad())
@click.option(
    "-o", "--uitvoer", type=Pad(), metavar="UITVOER.xlsx", help="Naam van de begrotingswerkmap."
)
@click.option(
    "--per-buurt",
    "per_buurt",
    type=Pad(),
    metavar="MAP",
    help="Schrijf ook één werkmap per buurtnetwerk in deze map.",
)
@_formules_optie
@_regeling_optie
@_blad_optie
@_ondersteuning_optie
@click.option("--force", is_flag=True, help="Vervang een bestaand uitvoerbestand.")
@_stil
@_grens
def build(invoer: Path | None, uitvoer: Path | None, per_buurt: Path | None, formules: str,
          regeling_naam: str, blad: str | None, ondersteuning: Path | None, force: bool, stil: bool) -> int:
    stil = _is_stil(stil)
    _eis_xlsx(uitvoer)
    uitgaven = _lees_ondersteuning(ondersteuning)
    if invoer is None:
        bron = _of_voorbeeld(None, stil)
        r, gelezen = _lees(bron, regeling_naam, None, stil)
        herkomst = bouwen.herkomst("ingebouwd voorbeeld", bron, voorbeeld.KANTTEKENINGEN)
        standaard, invoerpaden = Path(f"begroting_{r.naam}_voorbeeld.xlsx"), []
    else:
        r, gelezen = _lees(invoer, regeling_naam, blad, stil)
        invoerpaden = _formulieren(invoer) if invoer.is_dir() else [invoer]
        herkomst = bouwen.herkomst(invoer.name, invoer, formulieren=invoerpaden if invoer.is_dir() else ())
        standaard = Path(f"begroting_{r.naam}_{invoer.stem or 'invoer'}.xlsx")

    doel = uitvoer if uitvoer is not None else bouwen.vrije_naam(standaard)
    buurtdoelen = bouwen.bestandsnamen(gelezen.aanvragen, per_buurt) if per_buurt else []
    if per_buurt and per_buurt.exists() and not per_buurt.is_dir():
        raise OpslaanFout(f"{per_buurt} is een bestand; geef voor --per-buurt een map op")
    steunpaden = [ondersteuning] if ondersteuning is not None else []
    bouwen.controleer_doelen([doel, *buurtdoelen], force=force, invoer=[*invoerpaden, *steunpaden])

    pad = bouwen.schrijf_begroting(
        gelezen.aanvragen, r, doel, formules=formules, herkomst=herkomst, force=force,
        invoer=[*invoerpaden, *steunpaden], ondersteuning=uitgaven,
    )
    click.echo(f"Begroting geschreven: {pad}")
    if per_buurt:
        per_buurt.mkdir(parents=True, exist_ok=True)
        with terminal.voortgang(len(buurtdoelen), "Werkmappen per buurt", stil=stil) as balk:
            bouwen.schrijf_per_buurt(
                gelezen.aanvragen, r, buurtdoelen, formules=formules, herkomst=herkomst, force=force,
                invoer=invoerpaden, klaar=lambda: balk.advance(balk.task_ids[0]),
            )
        click.echo(f"{aantal(len(buurtdoelen), 'werkmap', 'werkmappen')} per buurt geschreven in: {per_buurt}")
    return KLAAR


@buurtxl.command(help=(
    "Maak het aanvraagformulier: één formulier per buurtnetwerk, met invulcellen, controle en "
    "uitleg. Ingevulde formulieren in een map leest 'buurtxl build MAP'.\n\n"
    "\b\nVoorbeelden:\n  buurtxl template\n  buurtxl template -o aanvraag_wyck.xlsx"
))
@click.option(
    "-o",
    "--uitvoer",
    type=Pad(),
    metavar="BESTAND.xlsx",
    help="Naam van het formulier (standaard aanvraag_2018.xlsx).",
)
@_regeling_optie
@click.option("--force", is_flag=True, help="Vervang een bestaand bestand.")
@_stil
@_grens
def template(uitvoer: Path | None, regeling_naam: str, force: bool, stil: bool) -> int:
    from ..invoer import formulier

    _eis_xlsx(uitvoer)
    r = regeling.laad(regeling_naam)
    doel = uitvoer if uitvoer is not None else bouwen.vrije_naam(Path(f"aanvraag_{r.naam}.xlsx"))
    bouwen.controleer_doelen([doel], force=force, invoer=[])
    wb = formulier.maak(r)
    pad = schrijf_atomair(doel, wb.save, overschrijven=force)
    click.echo(f"Aanvraagformulier geschreven: {pad}")
    return KLAAR


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

    stil = _is_stil(stil)
    invoer = _of_voorbeeld(invoer, stil)
    gelezen = lezen.lees(invoer, regeling.laad(regeling_naam), blad=blad, zonder_verborgen=_zonder_verborgen())
    terminal.problemen(gelezen.problemen, err=False)
    waarschuwingen = aantal(len(gelezen.waarschuwingen), "waarschuwing", "waarschuwingen")
    if gelezen.fouten:
        click.echo(f"{aantal(len(gelezen.fouten), 'fout', 'fouten')}, {waarschuwingen}.")
        return INVOERFOUT
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


@buurtxl.command(help=(
    "Stel na afloop van het jaar per buurt de subsidie vast: basissubsidie, toeslag en supplement "
    "naar wat besteed is, tegenover wat betaald is (nabetalen of terugvorderen). INVOER heeft naast "
    "de aanvraag de kolommen besteed en betaald (verplicht) en toeslag_besteed en supplement_besteed "
    f"(leeg = 0). {_INVOER_SOORTEN} Met --csv gaan de uitkomsten (met "
    "redenen) als CSV naar de standaarduitvoer; met -o komt er een werkmap met het blad Vaststelling.\n\n"
    "\b\nVoorbeelden:\n  buurtxl vaststellen eind_2018.csv\n"
    "  buurtxl vaststellen eind_2018.csv --csv > vaststelling.csv\n"
    "  buurtxl vaststellen eind_2018.xlsx -o vaststelling.xlsx"
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
    _geen_formulieren(invoer)
    r, gelezen = _lees(invoer, regeling_naam, blad, stil, controle=vaststelling.controleer)
    lijst = [vaststelling.vaststellen(r, a) for a in gelezen.aanvragen]
    samenvatting = terminal.vaststelling_samenvatting(vaststelling.totalen(lijst))
    if uitvoer is not None:
        invoerpaden = _formulieren(invoer) if invoer.is_dir() else [invoer]
        bouwen.controleer_doelen([uitvoer], force=force, invoer=invoerpaden)
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


@buurtxl.command(help=(
    "Werk een eigen werkmap (.xlsx of .xlsm) bij: voeg de bladen Toelichting, Regeling, één blad "
    "per buurt en Begroting toe, of vervang ze. Alle andere onderdelen van de werkmap (bladen, "
    "grafieken, afbeeldingen, opgeslagen uitkomsten, macro's, eigenschappen) blijven byte voor byte "
    "zoals ze waren; na het schrijven wordt dat gecontroleerd, en LibreOffice (als het er is) "
    "rekent uw bladen voor en na uit: bij een verschil blijft de werkmap ongewijzigd. Eerst komt er "
    "een reservekopie met datum en tijd naast de werkmap. Staat de werkmap open in Excel of "
    "LibreOffice, dan gebeurt er niets (uitgangscode 2).\n\n"
    "Zonder INVOER worden de aanvragen gelezen van het blad 'Aanvragen' van de werkmap zelf (of het "
    "blad van --blad).\n\n"
    "\b\nVoorbeelden:\n  buurtxl update begroting_afdeling.xlsx\n"
    "  buurtxl update begroting_afdeling.xlsm aanvragen.csv"
))
@click.argument("werkmap", type=Pad())
@click.argument("invoer", required=False, type=Pad())
@_formules_optie
@_regeling_optie
@_blad_optie
@click.option("--zonder-libreoffice", is_flag=True,
              help="Sla de controle door LibreOffice over (de controle per onderdeel blijft); "
                   "sneller bij grote werkmappen.")
@_stil
@_grens
def update(werkmap: Path, invoer: Path | None, formules: str, regeling_naam: str, blad: str | None,
           zonder_libreoffice: bool, stil: bool) -> int:
    from ..pakket import bijwerken  # imported late: the other commands do not need it

    stil = _is_stil(stil)
    bron, bronblad = bijwerken.bron(werkmap, invoer, blad)
    r, gelezen = _lees(bron, regeling_naam, bronblad, stil)
    try:
        uitkomst = bijwerken.bijwerken(
            werkmap, gelezen.aanvragen, r, formules=formules, herkomst=bouwen.herkomst(bron.name, bron),
            herbereken=not zonder_libreoffice, meld=lambda tekst: click.echo(tekst, err=True),
        )
    except bijwerken.WerkmapOpen as fout:
        raise Stop(str(fout), WERKMAP_OPEN) from None
    except bijwerken.BijwerkFout as fout:
        raise Stop(str(fout), INVOERFOUT) from None
    bladen = aantal(len(uitkomst.eigen_bladen), "blad", "bladen")
    click.echo(f"Werkmap bijgewerkt: {uitkomst.werkmap} ({bladen} van buurtxl)")
    terminal.meld(f"Reservekopie: {uitkomst.backup}", stil=stil)
    return KLAAR


@buurtxl.command(help=(
    "Start xlwings Server met de Excel-functies van buurtxl voor Microsoft 365 (Office.js): "
    "Excel op Windows, Mac en het web, zonder Python op de pc. In Excel heten de functies "
    "=BUURTXL.BASISSUBSIDIE() enzovoort. Instellingen via XLWINGS_…-omgevingsvariabelen of een "
    "bestand .env in de huidige map (zie docs/SERVER.md); de licentiesleutel "
    "XLWINGS_LICENSE_KEY is verplicht. Vereist: pip install 'buurtxl[server]'. Stoppen met Ctrl+C.\n\n"
    "\b\nVoorbeelden:\n  buurtxl serve                          http://127.0.0.1:8000/manifest\n"
    "  buurtxl serve --host 0.0.0.0 --port 8000 --workers 2   achter de reverse proxy"
))
@click.option(
    "--host", default="127.0.0.1", metavar="H",
    help="Adres om op te luisteren (standaard 127.0.0.1: alleen deze machine).",
)
@click.option("--port", default=8000, metavar="P", type=Geheel(1, 65535), help="Poort (standaard 8000).")
@click.option(
    "--workers", default=1, metavar="N", type=Geheel(1, 64), help="Aantal werkprocessen (standaard 1)."
)
@click.option("--certificaat", type=Pad(bestaat=True, map_mag=False), metavar="PEM",
              help="TLS-certificaat (HTTPS zonder reverse proxy); samen met --sleutel.")
@click.option("--sleutel", type=Pad(bestaat=True, map_mag=False), metavar="PEM",
              help="Private sleutel bij --certificaat.")
def serve(host: str, port: int, workers: int, certificaat: Path | None, sleutel: Path | None) -> int:
    from ..excel import server  # imported late: xlwings Server is an optional extra

    if not server.beschikbaar():
        raise Stop(
            "xlwings Server is niet geïnstalleerd. Installeer de extra met: "
            "python -m pip install 'buurtxl[server]'", GEBRUIK,
        )
    if (certificaat is None) != (sleutel is None):
        raise Stop("geef --certificaat en --sleutel samen op, of geen van beide", GEBRUIK)
    try:
        if certificaat and sleutel:
            server.controleer_certificaat(certificaat, sleutel)
        server.controleer_adres(host, port)
        server.richt_in(Path.cwd())
        licentie = server.controleer_licentie()
    except server.ServerFout as fout:
        raise Stop(str(fout), GEBRUIK) from None
    schema = "https" if certificaat else "http"
    click.echo(f"buurtxl-server ({licentie}-licentie): manifest op {schema}://{host}:{port}/manifest", err=True)
    if not certificaat:
        click.echo("Excel laadt de invoegtoepassing alleen via HTTPS: zet er een reverse proxy met een "
                   "certificaat voor, of gebruik --certificaat en --sleutel (docs/SERVER.md).", err=True)
    server.start(host, port, workers, certificaat, sleutel)
    return KLAAR


def main(args: list[str] | None = None) -> None:
    """Console-script entry point."""
    buurtxl.main(args=args, prog_name="buurtxl")


if __name__ == "__main__":  # python -m buurtxl.cli
    main()
