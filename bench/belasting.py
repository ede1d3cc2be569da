"""Load on `buurtxl serve` over loopback: 20 concurrent clients × 30 s, with 1 and 2 workers.

    python bench/belasting.py            # the full run (about three minutes on 2 cores)
    python bench/belasting.py --snel     # 4 clients × 10 calls: checks that it works, figures mean little

Each client is one keep-alive HTTP connection that posts calls one after the other, exactly as
xlwings' custom-functions JavaScript posts them (tests/server_proces.py), and checks every answer
to the cent against the rules core: a wrong amount counts as an error, like an HTTP error or a
time-out. The baseline, in the same run and on the same server, is the same load of GET requests
for a small static file (the add-in's icon): what the web stack costs without any Python function. The server only
ever listens on 127.0.0.1; every loop is bounded in count and in time. The section it writes in
BENCHMARKS.md is its own (between the markers below); `bench/run.py` keeps it.

Memory: the resident set (RSS) of the server's processes (uvicorn and its workers) before and
after each load, and around calls at the server's cell limit (BUURTXL_MAX_CELLEN): the memory a
large call takes must come back.
"""

from __future__ import annotations

import argparse
import dataclasses
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
from typing import Any
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
GROTE_RIJEN = 238  # × the example's 30 buurten: 7,140 rows, 42,841 cells, under the 50,000 limit
GROTE_AANROEPEN = 5


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (uvicorn's workers), in MB."""
    totaal, open_ = 0, [pid]
    while open_:
        p = open_.pop()
        try:
            with open(f"/proc/{p}/status", encoding="ascii") as f:
                totaal += next(int(r.split()[1]) for r in f if r.startswith("VmRSS:"))
            for taak in Path(f"/proc/{p}/task").iterdir():
                open_ += [int(k) for k in (taak / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue  # a process that just ended
    return totaal / 1024


@dataclass(frozen=True)
class Uitkomst:
    workers: int
    soort: str
    clients: int
    aanroepen: int
    fouten: int
    duur_s: float
    latenties_s: list[float]
    rss_voor_mb: float = 0.0
    rss_na_mb: float = 0.0

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


def _client(url: str, soort: str, aantal: int, start: threading.Barrier, einde: float, stop: float | None,
            aanroepen: list[tuple[bytes, Decimal]], latenties: list[float], fouten: list[str]) -> None:
    deel = urlsplit(url)
    assert deel.hostname == "127.0.0.1", url  # loopback only
    verbinding = http.client.HTTPConnection(deel.hostname, deel.port, timeout=TIME_OUT)
    start.wait()
    if stop is not None:
        stop += time.monotonic()  # seconds of load, counted from the common start
    for i in range(aantal):
        if stop is not None and time.monotonic() > stop:
            break
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


def belast(url: str, workers: int, soort: str, clients: int, per_client: int,
           seconden: float | None = None) -> Uitkomst:
    """`clients` clients, each `per_client` calls or, with `seconden`, as many as fit in that time."""
    aanroepen = _aanroepen()
    latenties: list[float] = []  # list.append is atomic under the GIL
    fouten: list[str] = []
    start = threading.Barrier(clients + 1)
    einde = time.monotonic() + MAX_SECONDEN
    draden = [threading.Thread(target=_client, args=(url, soort, per_client, start, einde, seconden, aanroepen,
                                                      latenties, fouten)) for _ in range(clients)]
    for d in draden:
        d.start()
    start.wait()
    begin = time.perf_counter()
    for d in draden:
        d.join(timeout=MAX_SECONDEN + TIME_OUT)
    duur = time.perf_counter() - begin
    return Uitkomst(workers, soort, clients, len(latenties), len(fouten), duur, latenties)


@dataclass(frozen=True)
class Groot:
    """Calls at the cell limit, one after the other, on one worker."""

    rijen: int
    cellen: int
    kb: float
    duur_s: list[float]
    fouten: int
    rss_voor_mb: float
    rss_max_mb: float
    rss_na_mb: float


def groot(s: Any) -> Groot:
    from gedeeld import cent, subsidie_totaal_argumenten

    _, resultaten, argumenten = subsidie_totaal_argumenten("2018")
    args = [a * GROTE_RIJEN if len(a) > 1 else a for a in argumenten]
    cellen = sum(len(a) * len(a[0]) for a in args)
    kb = len(json.dumps(args)) / 1000
    pid = s.proces.pid
    voor, hoogste, duur, fouten = rss_mb(pid), 0.0, [], 0
    for _ in range(GROTE_AANROEPEN):
        begin = time.perf_counter()
        status, uitkomst = s.roep("SUBSIDIE_TOTAAL", *args)
        duur.append(time.perf_counter() - begin)
        hoogste = max(hoogste, rss_mb(pid))
        if status != 200 or [cent(r[0]) for r in uitkomst] != [x.totaal for x in resultaten] * GROTE_RIJEN:
            fouten += 1
    time.sleep(1)
    return Groot(len(resultaten) * GROTE_RIJEN, cellen, kb, duur, fouten, voor, hoogste, rss_mb(pid))


def meet(clients: int, per_client: int, seconden: float | None) -> tuple[list[Uitkomst], Groot]:
    # `buurtxl serve` as a real process on a free loopback port (shared with the tests).
    from server_proces import server

    uit = []
    for workers in (1, 2):
        with server(workers=workers) as s:
            belast(s.url, workers, "functie", clients, 5)  # warm-up: each worker loads the regeling
            for soort in ("basislijn", "functie"):
                voor = rss_mb(s.proces.pid)
                u = belast(s.url, workers, soort, clients, per_client, seconden)
                uit.append(dataclasses.replace(u, rss_voor_mb=voor, rss_na_mb=rss_mb(s.proces.pid)))
            if workers == 1:
                grote = groot(s)
    return uit, grote


def sectie(uitkomsten: list[Uitkomst], grote: Groot, opdracht: str, datum: str, seconden: float | None) -> str:
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
            + (f"{verslag.getal(seconden, 0)} s" if seconden else
               f"{uitkomsten[0].aanroepen // uitkomsten[0].clients} aanroepen")
            + ", via loopback (127.0.0.1) op "
            f"dezelfde machine ({verslag.machine().get('kernen', '?')} kernen, gedeeld door server "
            "en clients); elk bedrag op de cent gecontroleerd tegen de rekenregels; de server met zijn "
            "standaardgrenzen (verzoek ≤ 2 MB, ≤ 50.000 cellen per aanroep)"
        ),
        "",
        "| workers | aanroep | aanroepen | fouten | p50 | p95 | max | aanroepen per seconde | RSS voor → na |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for u in uitkomsten:
        regels_.append(
            f"| {u.workers} | {soorten[u.soort]} | {verslag.getal(u.aanroepen, 0)} | {u.fouten} | "
            f"{ms(u.p50)} ms | {ms(u.p95)} ms | {ms(max(u.latenties_s))} ms | {verslag.getal(u.per_seconde, 0)} | "
            f"{verslag.getal(u.rss_voor_mb, 0)} → {verslag.getal(u.rss_na_mb, 0)} MB |"
        )
    regels_ += [
        "",
        (
            f"Aanroepen op de celgrens, 1 worker: {GROTE_AANROEPEN}× `SUBSIDIE_TOTAAL` over "
            f"{verslag.getal(grote.rijen, 0)} rijen ({verslag.getal(grote.cellen, 0)} cellen, "
            f"{verslag.getal(grote.kb, 0)} kB), na elkaar: {verslag.getal(statistics.median(grote.duur_s), 2)} s "
            f"per aanroep (mediaan), {grote.fouten} fouten; RSS {verslag.getal(grote.rss_voor_mb, 0)} MB ervoor, "
            f"hoogstens {verslag.getal(grote.rss_max_mb, 0)} MB, {verslag.getal(grote.rss_na_mb, 0)} MB erna."
        ),
    ]
    regels_ += [
        "",
        (
            "Latentie is de tijd van versturen tot het hele antwoord binnen is, gemeten in de client; "
            "de wachttijd achter andere clients op dezelfde server telt dus mee. Excel zelf stuurt tot "
            "1.000 aanroepen tegelijk (de semafoor in xlwings' JavaScript), elk over HTTPS via de "
            "reverse proxy: daar komen TLS en het netwerk bij. RSS is het geheugen van alle processen van "
            "de server samen (uvicorn en zijn workers). Met één worker wacht elke aanroep op "
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
    # The full run: 20 clients for 30 s each (bounded in count too); --snel: 4 × 10 calls.
    clients, per_client, seconden = (4, 10, None) if args.snel else (20, 1_000_000, 30.0)
    opdracht = "python bench/belasting.py" + (" --snel" if args.snel else "")
    datum = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    uitkomsten, grote = meet(clients, per_client, seconden)
    oud = args.uit.read_text(encoding="utf-8") if args.uit.exists() else ""
    tekst = sectie(uitkomsten, grote, opdracht, datum, seconden)
    args.uit.write_text(verslag.vervang(oud, SECTIE, tekst), encoding="utf-8")
    for u in uitkomsten:
        print(f"{u.workers} worker(s), {u.soort}: {u.aanroepen} aanroepen, {u.fouten} fouten, "
              f"p50 {u.p50 * 1000:.1f} ms, p95 {u.p95 * 1000:.1f} ms, RSS {u.rss_voor_mb:.0f} → {u.rss_na_mb:.0f} MB")
    print(f"op de celgrens: {statistics.median(grote.duur_s):.2f} s, {grote.fouten} fouten, RSS "
          f"{grote.rss_voor_mb:.0f} → max {grote.rss_max_mb:.0f} → {grote.rss_na_mb:.0f} MB")
    print(f"Verslag geschreven: {args.uit} ({shlex.quote(opdracht)})")
    return 1 if any(u.fouten for u in uitkomsten) or grote.fouten else 0


if __name__ == "__main__":
    sys.exit(main())
