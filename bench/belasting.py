"""Load on `buurtxl serve` over loopback: 20 concurrent clients × 200 calls, with 1 and 2 workers.

    python bench/belasting.py            # the full run (about a minute on 2 cores)
    python bench/belasting.py --snel     # 4 clients × 10 calls: checks that it works, figures mean little

Each client is one keep-alive HTTP connection that posts calls one after the other, exactly as
xlwings' custom-functions JavaScript posts them (tests/server_proces.py), and checks every answer
to the cent against the rules core: a wrong amount counts as an error, like an HTTP error or a
time-out. The baseline, in the same run and on the same server, is the same load of GET requests
for a small static file (the add-in's icon): what the web stack costs without any Python function. The server only
ever listens on 127.0.0.1; every loop is bounded in count and in time. The section it writes in
BENCHMARKS.md is its own (between the markers below); `bench/run.py` keeps it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import shlex
import statistics
import sys
import threading
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(BENCH))

import verslag  # noqa: E402

SECTIE = "belasting"  # its marked section of BENCHMARKS.md (verslag.vervang)
MAX_SECONDEN = 300  # one scenario never runs longer than this, whatever happens
TIME_OUT = 30  # seconds for one request
BASISLIJN = "/static/images/favicon.png"


@dataclass(frozen=True)
class Uitkomst:
    workers: int
    soort: str
    clients: int
    aanroepen: int
    fouten: int
    duur_s: float
    latenties_s: list[float]

    @property
    def p50(self) -> float:
        return statistics.median(self.latenties_s)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.latenties_s, n=20, method="inclusive")[18]

    @property
    def per_seconde(self) -> float:
        return self.aanroepen / self.duur_s


def _aanroepen() -> list[tuple[bytes, Decimal]]:
    """One SUBSIDIE_TOTAAL call per example buurt (one formula per row) and its amount per the core."""
    from buurtxl import regeling, regels
    from buurtxl.invoer import lezen
    from buurtxl.regeling import voorbeeld

    r = regeling.laad()
    uit = []
    for a in lezen.lees(voorbeeld.pad(), r).aanvragen:
        res = regels.bereken(r, a)

        def cel(w: object) -> list[list[object]]:
            return [[None if w is None else float(w)]]  # type: ignore[arg-type]

        args = [cel(res.basissubsidie), cel(a.huishoudens), cel(a.buurtscore), cel(a.besteed),
                cel(a.supplement_aangevraagd), cel(a.toeslag_aangevraagd), None]
        body = {"client": "Office.js", "func_name": "SUBSIDIE_TOTAAL", "args": args,
                "caller_address": "[buurtxl_officejs.xlsx]Voorbeeld!O12", "culture_info_name": "nl-NL",
                "date_format": "d-M-yyyy", "version": "0.37.8", "runtime": "1.4"}
        uit.append((json.dumps(body).encode(), res.totaal))
    return uit


def _client(url: str, soort: str, aantal: int, start: threading.Barrier, einde: float,
            aanroepen: list[tuple[bytes, Decimal]], latenties: list[float], fouten: list[str]) -> None:
    deel = urlsplit(url)
    assert deel.hostname == "127.0.0.1", url  # loopback only
    verbinding = http.client.HTTPConnection(deel.hostname, deel.port, timeout=TIME_OUT)
    start.wait()
    for i in range(aantal):
        if time.monotonic() > einde:
            fouten.append("tijd op")
            return
        body, verwacht = aanroepen[i % len(aanroepen)]
        begin = time.perf_counter()
        try:
            if soort == "functie":
                verbinding.request("POST", "/xlwings/custom-functions-call", body,
                                   {"Content-Type": "application/json"})
            else:
                verbinding.request("GET", BASISLIJN)
            antwoord = verbinding.getresponse()
            inhoud = antwoord.read()
            latenties.append(time.perf_counter() - begin)
            if antwoord.status != 200:
                fouten.append(f"HTTP {antwoord.status}")
            elif soort == "functie":
                bedrag = Decimal(repr(json.loads(inhoud)["result"][0][0])).quantize(Decimal("0.01"))
                if bedrag != verwacht:
                    fouten.append(f"{bedrag} in plaats van {verwacht}")
        except (OSError, http.client.HTTPException) as fout:
            fouten.append(type(fout).__name__)
            verbinding.close()
            verbinding = http.client.HTTPConnection(deel.hostname, deel.port, timeout=TIME_OUT)
    verbinding.close()


def belast(url: str, workers: int, soort: str, clients: int, per_client: int) -> Uitkomst:
    aanroepen = _aanroepen()
    latenties: list[float] = []  # list.append is atomic under the GIL
    fouten: list[str] = []
    start = threading.Barrier(clients + 1)
    einde = time.monotonic() + MAX_SECONDEN
    draden = [threading.Thread(target=_client, args=(url, soort, per_client, start, einde, aanroepen,
                                                      latenties, fouten)) for _ in range(clients)]
    for d in draden:
        d.start()
    start.wait()
    begin = time.perf_counter()
    for d in draden:
        d.join(timeout=MAX_SECONDEN + TIME_OUT)
    duur = time.perf_counter() - begin
    return Uitkomst(workers, soort, clients, clients * per_client, len(fouten), duur, latenties)


def meet(clients: int, per_client: int) -> list[Uitkomst]:
    # `buurtxl serve` as a real process on a free loopback port (shared with the tests).
    from server_proces import server

    uit = []
    for workers in (1, 2):
        with server(workers=workers) as s:
            belast(s.url, workers, "functie", clients, 5)  # warm-up: each worker loads the regeling
            uit.append(belast(s.url, workers, "basislijn", clients, per_client))
            uit.append(belast(s.url, workers, "functie", clients, per_client))
    return uit


def sectie(uitkomsten: list[Uitkomst], opdracht: str, datum: str) -> str:
    def ms(s: float) -> str:
        return verslag.getal(s * 1000, 1)

    soorten = {"functie": "`SUBSIDIE_TOTAAL`, één buurt per aanroep (POST)",
               "basislijn": "basislijn: klein statisch bestand (GET, geen Python-functie)"}
    regels_ = [
        "## Office.js-server (`buurtxl serve`) onder belasting",
        "",
        f"- Opdracht: `{opdracht}`",
        f"- Datum: {datum}",
        (
            f"- {uitkomsten[0].clients} gelijktijdige clients (elk één keep-alive-verbinding) × "
            f"{uitkomsten[0].aanroepen // uitkomsten[0].clients} aanroepen, via loopback (127.0.0.1) op "
            f"dezelfde machine ({verslag.machine().get('kernen', '?')} kernen, gedeeld door server "
            "en clients); elk bedrag op de cent gecontroleerd tegen de rekenregels"
        ),
        "",
        "| workers | aanroep | aanroepen | fouten | p50 | p95 | max | aanroepen per seconde |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for u in uitkomsten:
        regels_.append(
            f"| {u.workers} | {soorten[u.soort]} | {verslag.getal(u.aanroepen, 0)} | {u.fouten} | "
            f"{ms(u.p50)} ms | {ms(u.p95)} ms | {ms(max(u.latenties_s))} ms | {verslag.getal(u.per_seconde, 0)} |"
        )
    regels_ += [
        "",
        (
            "Latentie is de tijd van versturen tot het hele antwoord binnen is, gemeten in de client; "
            "de wachttijd achter andere clients op dezelfde server telt dus mee. Excel zelf stuurt tot "
            "1.000 aanroepen tegelijk (de semafoor in xlwings' JavaScript), elk over HTTPS via de "
            "reverse proxy: daar komen TLS en het netwerk bij. Met één worker wacht elke aanroep op "
            "de aanroepen vóór hem: de p50 is ongeveer het aantal clients gedeeld door de aanroepen "
            "per seconde. Een tweede worker gebruikt de tweede kern. De machine werd gedeeld met "
            "ander werk: losse metingen kunnen daardoor trager zijn."
        ),
    ]
    return "\n".join(regels_)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Belasting op buurtxl serve via loopback")
    p.add_argument("--snel", action="store_true", help="4 clients × 10 aanroepen: controleert alleen dat het werkt")
    p.add_argument("--uit", type=Path, default=REPO / "BENCHMARKS.md", help="het Markdown-verslag")
    args = p.parse_args(argv)
    clients, per_client = (4, 10) if args.snel else (20, 200)
    opdracht = "python bench/belasting.py" + (" --snel" if args.snel else "")
    datum = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    uitkomsten = meet(clients, per_client)
    oud = args.uit.read_text(encoding="utf-8") if args.uit.exists() else ""
    args.uit.write_text(verslag.vervang(oud, SECTIE, sectie(uitkomsten, opdracht, datum)), encoding="utf-8")
    for u in uitkomsten:
        print(f"{u.workers} worker(s), {u.soort}: {u.aanroepen} aanroepen, {u.fouten} fouten, "
              f"p50 {u.p50 * 1000:.1f} ms, p95 {u.p95 * 1000:.1f} ms")
    print(f"Verslag geschreven: {args.uit} ({shlex.quote(opdracht)})")
    return 1 if any(u.fouten for u in uitkomsten) else 0


if __name__ == "__main__":
    sys.exit(main())
