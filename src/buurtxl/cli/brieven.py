"""`buurtxl brieven verlening|vaststelling`: the decision letters, one Word letter per buurtnetwerk.

The amounts come from the rules (`regels.bereken`, `regels.vaststelling.vaststellen`) exactly as
`bereken` and `vaststellen` print them; the letters only format them (`brieven.inhoud`). Nothing is
written while the input, the template or a letter's addressee is wrong.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import click

from ..opmaak import AMSTERDAM, aantal
from ..opslaan import OpslaanFout, schrijf_atomair
from . import bouwen, terminal
from .cli_nl import GEBRUIK, Keuze, Pad, Stop
from .groep import (
    INVOERFOUT,
    KLAAR,
    _blad_optie,
    _formulieren,
    _grens,
    _is_stil,
    _lees,
    _regeling_optie,
    _stil,
    buurtxl,
)
from .rekenen import vaststel_lezer

if TYPE_CHECKING:
    from ..invoer import Invoer
    from ..model import Aanvraag, Probleem
    from ..regeling import Regeling
    from ..regels.vaststelling import Vaststelling

SOORTEN = ("verlening", "vaststelling")  # = brieven.inhoud.SOORTEN, without importing it at start-up


@buurtxl.command(help=(
    "Schrijf de beschikkingen: één Word-brief (.docx) per buurtnetwerk, uit een sjabloon dat de gemeente "
    "kan aanpassen.\n\n"
    "verlening: na de aanvraag, uit dezelfde invoer als 'buurtxl build' (een map met aanvraagformulieren, een "
    "CSV- of Excel-lijst). vaststelling: na afloop van het jaar, uit dezelfde invoer als 'buurtxl vaststellen'. "
    "Naam, postadres en IBAN van de groep komen van het aanvraagformulier; heeft INVOER ze niet, geef dan de "
    "formulieren op met --aanvragen.\n\n"
    "Zinnen die buurtxl formuleerde (en niet het besluit) zijn in het standaardsjabloon geel gemarkeerd, met "
    "een opmerking: de gemeente controleert ze eerst. Maak een eigen sjabloon met --sjabloon-kopie, pas het "
    "aan in Word en gebruik het met --sjabloon.\n\n"
    "\b\nVoorbeelden:\n  buurtxl brieven verlening formulieren/ -o brieven/\n"
    "  buurtxl brieven vaststelling eind_2018.csv --aanvragen formulieren/ -o brieven/ --pdf\n"
    "  buurtxl brieven verlening --sjabloon-kopie mijn_verlening.docx"
))
@click.argument("soort", type=Keuze(list(SOORTEN)))
@click.argument("invoer", required=False, type=Pad())
@click.option("-o", "--uitvoer", type=Pad(), metavar="MAP", help="De map voor de brieven (wordt gemaakt).")
@click.option("--aanvragen", type=Pad(), metavar="INVOER",
              help="Aanvraagformulieren (map) of een lijst met naam, postadres en IBAN van de groepen, voor als "
                   "INVOER die niet heeft; gekoppeld op buurtcode, anders op buurtnaam.")
@click.option("--sjabloon", type=Pad(bestaat=True, map_mag=False), metavar="BESTAND.docx",
              help="Een eigen Word-sjabloon in plaats van het standaardsjabloon.")
@click.option("--sjabloon-kopie", "kopie", type=Pad(), metavar="BESTAND.docx",
              help="Schrijf alleen het standaardsjabloon naar dit bestand, om in Word aan te passen.")
@click.option("--datum", metavar="JJJJ-MM-DD", help="Datum van de brieven (standaard vandaag).")
@click.option("--kenmerk", metavar="VOORVOEGSEL",
              help="Begin van het kenmerk; daarachter komt de buurtcode (standaard BN2018-V of BN2018-VS).")
@click.option("--pdf", is_flag=True, help="Maak van elke brief ook een PDF (met LibreOffice).")
@_regeling_optie
@_blad_optie
@click.option("--force", is_flag=True, help="Vervang bestaande brieven.")
@_stil
@_grens
def brieven(soort: str, invoer: Path | None, uitvoer: Path | None, aanvragen: Path | None,
            sjabloon: Path | None, kopie: Path | None, datum: str | None, kenmerk: str | None, pdf: bool,
            regeling_naam: str, blad: str | None, force: bool, stil: bool) -> int:
    from .. import waarden
    from ..brieven import inhoud, schrijven
    from ..brieven.sjabloon import Sjabloon, standaard

    stil = _is_stil(stil)
    if kopie is not None:
        if kopie.suffix.lower() != ".docx":
            raise Stop(f"{kopie}: een Word-sjabloon eindigt op .docx", GEBRUIK)
        pad = schrijf_atomair(kopie, schrijven.schrijver(standaard(soort)), overschrijven=force)
        click.echo(f"Sjabloon geschreven: {pad}")
        return KLAAR
    if invoer is None or uitvoer is None:
        raise Stop("geef INVOER en -o MAP op (of alleen --sjabloon-kopie BESTAND.docx)", GEBRUIK)
    if uitvoer.exists() and not uitvoer.is_dir():
        raise OpslaanFout(f"{uitvoer} is een bestand; geef met -o een map op")
    try:
        dag = waarden.datum(datum, "--datum") if datum else dt.datetime.now(ZoneInfo(AMSTERDAM)).date()
    except waarden.WaardeFout as fout:
        raise Stop(str(fout), GEBRUIK) from None
    vorm = Sjabloon(soort, sjabloon)  # a template with an unknown field stops the run before any reading
    contact: list[Aanvraag] = []
    if aanvragen is not None:
        contact = _lees(aanvragen, regeling_naam, None, stil)[1].aanvragen

    def controle(gelezen: Invoer) -> list[Probleem]:
        """Complete the contact details from --aanvragen, then name every letter that cannot be sent."""
        aangevuld = schrijven.aanvullen(gelezen.aanvragen, contact)
        gelezen.aanvragen = [aangevuld.get(id(a), a) for a in gelezen.aanvragen]
        gelezen.gelezen = [(aangevuld.get(id(a), a), waar) for a, waar in gelezen.gelezen]
        return schrijven.controleer(gelezen.gelezen)

    lezer = vaststel_lezer(invoer) if soort == "vaststelling" else None
    r, gelezen = _lees(invoer, regeling_naam, blad, stil, controle=controle, met_buurt=True, lezer=lezer)
    kop = inhoud.Kop(dag, kenmerk or inhoud.standaard_voorvoegsel(r, soort))
    # An open settlement stops the run before anything is written.
    vastgesteld = _vastgesteld(r, gelezen, stil) if soort == "vaststelling" else []
    namen = schrijven.bestandsnamen(bouwen.bestandsnamen(gelezen.aanvragen, uitvoer), soort)
    bouwen.controleer_doelen(namen, force=force, invoer=_formulieren(invoer) if invoer.is_dir() else [invoer])
    if soort == "verlening":
        from ..regels import bereken

        velden = [inhoud.verlening(r, a, bereken(r, a), kop, i) for i, a in enumerate(gelezen.aanvragen, start=1)]
    else:
        velden = [inhoud.vaststelling(r, a, v, kop, i)
                  for i, (a, v) in enumerate(zip(gelezen.aanvragen, vastgesteld, strict=True), start=1)]
    uitvoer.mkdir(parents=True, exist_ok=True)
    with terminal.voortgang(len(namen), "Brieven schrijven", stil=stil) as balk:
        paden = schrijven.schrijf(vorm, list(zip(namen, velden, strict=True)), overschrijven=force,
                                  klaar=lambda: balk.advance(balk.task_ids[0]))
    click.echo(f"{aantal(len(paden), 'brief', 'brieven')} ({soort}) geschreven in: {uitvoer}")
    if pdf:
        schrijven.naar_pdf(paden, overschrijven=force)
        pdfs = aantal(len(paden), "PDF", "PDF's")
        click.echo(f"{pdfs} geschreven in: {uitvoer}")
    return KLAAR



def _vastgesteld(r: Regeling, gelezen: Invoer, stil: bool) -> list[Vaststelling]:
    """Every settlement, as `vaststellen` computes it; a buurt whose settlement is still open (an
    amount ontbreekt) gets no letter: each is named and the run stops (code 1)."""
    from ..model import Probleem
    from ..regels import vaststelling

    uitkomst = vaststelling.vaststel_invoer(r, gelezen)
    waar = {id(a): plaats for a, plaats in gelezen.gelezen}
    open_ = [
        Probleem(f"de vaststelling is nog open ({v.ontbreekt} ontbreekt), dus er komt geen brief (buurt {a.buurt})",
                 *waar.get(id(a), (None, None, None)), buurt=a.buurt)
        for a, v in zip(gelezen.aanvragen, uitkomst.vaststellingen, strict=True) if v.ontbreekt
    ]
    if not stil:
        terminal.problemen(uitkomst.problemen)  # the settlement's warnings, as `vaststellen` prints them
    if open_:
        terminal.problemen(open_)
        raise Stop(f"{aantal(len(open_), 'buurt', 'buurten')} nog niet vastgesteld; er is niets geschreven.",
                   INVOERFOUT)
    return uitkomst.vaststellingen
