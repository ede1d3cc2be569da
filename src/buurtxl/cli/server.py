"""`buurtxl serve`: xlwings Server with the Excel functions for the Office.js route."""

from __future__ import annotations

from pathlib import Path

import click

from .cli_nl import GEBRUIK, Geheel, Pad, Stop
from .groep import (
    KLAAR,
    buurtxl,
)


@buurtxl.command(help=(
    "Start xlwings Server met de Excel-functies van buurtxl voor Microsoft 365 (Office.js): "
    "Excel op Windows, Mac en het web, zonder Python op de pc. In Excel heten de functies "
    "=BUURTXL.BASISSUBSIDIE() enzovoort. Instellingen via XLWINGS_…-omgevingsvariabelen of een "
    "bestand .env in de huidige map (zie docs/SERVER.md); de licentiesleutel "
    "XLWINGS_LICENSE_KEY is verplicht. Vereist: pip install 'buurtxl[server]'. Stoppen met Ctrl+C.\n\n"
    "\b\nVoorbeelden:\n  buurtxl serve                          http://127.0.0.1:8000/manifest\n"
    "  buurtxl serve --port 8000 --workers 2  achter de reverse proxy op dezelfde machine\n\n"
    "Op een ander adres dan 127.0.0.1 (--host) start de server alleen met aanmelden via Entra ID, of "
    "met --zonder-authenticatie."
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
@click.option("--zonder-authenticatie", is_flag=True,
              help="Ook op een ander adres dan 127.0.0.1 starten zonder aanmelding: iedereen die de server "
                   "bereikt, kan rekenen. Alleen voor een afgeschermd netwerk.")
def serve(host: str, port: int, workers: int, certificaat: Path | None, sleutel: Path | None,
          zonder_authenticatie: bool) -> int:
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
        server.richt_in(Path.cwd())
        # Before binding: an open server is refused before it listens at all.
        server.controleer_toegang(host, server.instellingen(), zonder_authenticatie)
        server.controleer_adres(host, port)
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
