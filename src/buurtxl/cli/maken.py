"""The commands that write a workbook: `build` (the Begroting, per buurt), `template` (the application
form) and `update` (our sheets into staff's own workbook)."""

from __future__ import annotations

from pathlib import Path

import click

from .. import regeling
from ..opmaak import aantal
from ..opslaan import schrijf_atomair
from ..regeling import voorbeeld
from . import bouwen, opruimen, terminal
from .cli_nl import Pad, Stop
from .groep import (
    _INVOER_SOORTEN,
    INVOERFOUT,
    KLAAR,
    WERKMAP_OPEN,
    _blad_optie,
    _eis_xlsx,
    _formules_optie,
    _formulieren,
    _grens,
    _is_stil,
    _lees,
    _lees_ondersteuning,
    _of_voorbeeld,
    _ondersteuning_optie,
    _regeling_optie,
    _stil,
    buurtxl,
)


def _formulier_per_aanvraag(gelezen) -> list[str | None]:
    """Per application the file it was read from (a form's path inside the folder)."""
    bron = {id(a): bestand for a, (bestand, _, _) in gelezen.gelezen}
    return [bron.get(id(a)) for a in gelezen.aanvragen]


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
    steunpaden = [ondersteuning] if ondersteuning is not None else []
    bouwen.controleer_doelen([doel, *buurtdoelen], force=force, invoer=[*invoerpaden, *steunpaden],
                             mappen=[per_buurt] if per_buurt else [])
    opruimen.naast([doel, *buurtdoelen[:1]], stil)

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
                formulieren=_formulier_per_aanvraag(gelezen),
            )
        click.echo(f"{aantal(len(buurtdoelen), 'werkmap', 'werkmappen')} per buurt geschreven in: {per_buurt}")
    return KLAAR


@buurtxl.command(help=(
    "Maak het aanvraagformulier: één formulier per buurtnetwerk, met invulcellen, controle en "
    "uitleg. Ingevulde formulieren in een map leest 'buurtxl build MAP'. Met --vaststelling: het "
    "verantwoordingsformulier voor na afloop van het jaar (besteed per onderdeel, toeslag en "
    "supplement besteed, een korte verantwoording); een map met de aanvraag- en "
    "verantwoordingsformulieren leest 'buurtxl vaststellen MAP'.\n\n"
    "\b\nVoorbeelden:\n  buurtxl template\n  buurtxl template -o aanvraag_wyck.xlsx\n"
    "  buurtxl template --vaststelling -o verantwoording_wyck.xlsx"
))
@click.option(
    "-o",
    "--uitvoer",
    type=Pad(),
    metavar="BESTAND.xlsx",
    help="Naam van het formulier (standaard aanvraag_2018.xlsx of verantwoording_2018.xlsx).",
)
@click.option("--vaststelling", is_flag=True, help="Het verantwoordingsformulier (na afloop van het jaar).")
@_regeling_optie
@click.option("--force", is_flag=True, help="Vervang een bestaand bestand.")
@_stil
@_grens
def template(uitvoer: Path | None, vaststelling: bool, regeling_naam: str, force: bool, stil: bool) -> int:
    from ..invoer import formulier, verantwoording

    _eis_xlsx(uitvoer)
    r = regeling.laad(regeling_naam)
    soort = "verantwoording" if vaststelling else "aanvraag"
    doel = uitvoer if uitvoer is not None else bouwen.vrije_naam(Path(f"{soort}_{r.naam}.xlsx"))
    bouwen.controleer_doelen([doel], force=force, invoer=[])
    opruimen.naast([doel], _is_stil(stil))
    wb = verantwoording.maak(r) if vaststelling else formulier.maak(r)
    pad = schrijf_atomair(doel, wb.save, overschrijven=force)
    click.echo(f"{'Verantwoordingsformulier' if vaststelling else 'Aanvraagformulier'} geschreven: {pad}")
    return KLAAR


@buurtxl.command(help=(
    "Werk een eigen werkmap (.xlsx of .xlsm) bij: voeg de bladen Toelichting, Regeling, één blad "
    "per buurt en Begroting toe, of vervang ze. Alle andere onderdelen van de werkmap (bladen, "
    "grafieken, afbeeldingen, opgeslagen uitkomsten, macro's, eigenschappen) blijven byte voor byte "
    "zoals ze waren; na het schrijven wordt dat gecontroleerd. Hangt een formule of naam van u af van "
    "de bladen van buurtxl (of gebruikt hij een vluchtige functie), dan rekent LibreOffice (als het er "
    "is) die bladen voor en na uit: bij een verschil blijft de werkmap ongewijzigd. Eerst komt er "
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
@click.option("--ondanks-beveiliging", is_flag=True,
              help="Voeg de bladen ook toe als de structuur van de werkmap beveiligd is (Controleren › "
                   "Werkmap beveiligen); zonder deze optie weigert update zo'n werkmap. De beveiliging blijft.")
@click.option("--zonder-libreoffice", is_flag=True,
              help="Sla de controle door LibreOffice over (de controle per onderdeel blijft); "
                   "sneller bij grote werkmappen.")
@_stil
@_grens
def update(werkmap: Path, invoer: Path | None, formules: str, regeling_naam: str, blad: str | None,
           ondanks_beveiliging: bool, zonder_libreoffice: bool, stil: bool) -> int:
    from ..pakket import bijwerken  # imported late: the other commands do not need it

    stil = _is_stil(stil)
    bron, bronblad = bijwerken.bron(werkmap, invoer, blad)
    try:
        bijwerken.controleer_werkmap(werkmap)  # a clear refusal before a lock file is made beside it
        # One run at a time per workbook, from reading it to replacing it (issue 24).
        with bijwerken.vergrendeld(werkmap, meld=lambda tekst: terminal.meld(tekst, stil=stil)):
            opruimen.naast([werkmap.resolve()], stil)
            bijwerken.controleer_werkmap(werkmap)
            r, gelezen = _lees(bron, regeling_naam, bronblad, stil)
            from ..invoer import begrotingswerkmap

            # What staff typed on the Vaststelling sheet after the year is kept (issue 20).
            bewaard = begrotingswerkmap.met_bewaarde_vaststelling(werkmap, gelezen.aanvragen, r)
            if not bewaard.ok:
                terminal.problemen(bewaard.problemen)
                raise Stop("het blad Vaststelling heeft een bedrag dat niet te lezen is; er is niets bijgewerkt.",
                           INVOERFOUT)
            uitkomst = bijwerken.bijwerken(
                werkmap, bewaard.aanvragen, r, formules=formules, herkomst=bouwen.herkomst(bron.name, bron),
                herbereken=not zonder_libreoffice, ondanks_beveiliging=ondanks_beveiliging,
                meld=lambda tekst: click.echo(tekst, err=True),
            )
    except bijwerken.WerkmapOpen as fout:
        raise Stop(str(fout), WERKMAP_OPEN) from None
    except bijwerken.BijwerkFout as fout:
        raise Stop(str(fout), INVOERFOUT) from None
    bladen = aantal(len(uitkomst.eigen_bladen), "blad", "bladen")
    click.echo(f"Werkmap bijgewerkt: {uitkomst.werkmap} ({bladen} van buurtxl)")
    terminal.meld(f"Reservekopie: {uitkomst.backup}", stil=stil)
    return KLAAR
