"""The `buurtxl` group and what its commands share: exit codes, the boundary that turns a domain error
into a Dutch message (`_grens`), the common options, and reading the input (`_lees`)."""

from __future__ import annotations

import errno
import functools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import __version__, regeling
from ..model import BuurtxlFout, Probleem
from ..opmaak import aantal
from ..opslaan import OpslaanFout
from ..regeling import STANDAARD, Regeling, RegelingFout, bronnen, voorbeeld
from . import terminal
from .cli_nl import GEBRUIK, Group, Keuze, Pad, Stop

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
        "Gebruik de begrotingswerkmap (blad Vaststelling), een map met ook de verantwoordingsformulieren "
        "('buurtxl template --vaststelling') of een CSV- of Excel-lijst met per buurt de aanvraag en de "
        "kolommen besteed en betaald",
        invoer.name or str(invoer))])
    raise Stop("1 fout in de invoer; er is niets berekend of geschreven.", INVOERFOUT)


def _noem_buurt(p: Probleem) -> Probleem:
    """A problem of a row that has a buurt, with that buurt named (`vaststellen`: every message
    names the buurt and the row)."""
    if p.buurt and f"(buurt {p.buurt})" not in p.reden:
        return replace(p, reden=f"{p.reden} (buurt {p.buurt})")
    return p


def _lees(invoer: Path, regeling_naam: str, blad: str | None, stil: bool,
          controle: Callable[[Invoer], list] | None = None, met_buurt: bool = False,
          lezer: Callable[[Path, Regeling], Invoer] | None = None) -> tuple[Regeling, Invoer]:
    """Read and validate (plus a command's own `controle`); print the problems (errors only with
    --quiet), with the row's buurt when `met_buurt`; stop with exit code 1 on errors."""
    from ..invoer import lezen

    r = regeling.laad(regeling_naam)
    if lezer is not None:  # a command's own reader (`vaststellen`: a budget workbook, verantwoordingen)
        gelezen = lezer(invoer, r)
    elif invoer.is_dir():
        formulieren = len(lezen.formulieren(invoer)[0])
        with terminal.voortgang(formulieren, "Formulieren lezen", stil=stil or formulieren < 2) as balk:
            gelezen = lezen.lees(invoer, r, blad=blad, voortgang=lambda: balk.advance(balk.task_ids[0]))
    else:
        gelezen = lezen.lees(invoer, r, blad=blad, zonder_verborgen=_zonder_verborgen())
    if controle is not None:
        gelezen.problemen.extend(controle(gelezen))
    if met_buurt:
        gelezen.problemen = [_noem_buurt(p) for p in gelezen.problemen]
    terminal.problemen(gelezen.problemen if not stil else gelezen.fouten)
    if not gelezen.ok:
        fouten = aantal(len(gelezen.fouten), "fout", "fouten")
        raise Stop(f"{fouten} in de invoer; er is niets berekend of geschreven.", INVOERFOUT)
    return r, gelezen
