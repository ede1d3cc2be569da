"""xlwings Lite's route (Pyodide in Node) against CPython in the same run: starting Python, importing
xlwings and main.py, and one SUBSIDIE_TOTAAL call over 1,000 rows through xlwings' custom-functions
code (tests/node/lite_runtime.py on both sides).

    python bench/lite.py            # rewrites its section of BENCHMARKS.md (marked 'lite')

CPython is this interpreter with the test environment (numpy installed), once with the vectorised
range path and once with the plain-Python one that Lite uses; the amounts of all three are compared
to the cent before any time is reported.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(BENCH))

import verslag  # noqa: E402

SECTIE = "lite"
RIJEN = 1000
HERHALINGEN = 5
OPDRACHT = "python bench/lite.py"


def _argumenten(rijen: int) -> list:
    """SUBSIDIE_TOTAAL's columns over `rijen` good applications (no bad cell: the time of the rules)."""
    import random

    kans = random.Random(1000)
    kolommen: list[list[list]] = [[] for _ in range(6)]
    for _ in range(rijen):
        basis = kans.randint(485_000, 585_000) / 100
        rij = [basis, kans.randint(0, 4_000), kans.choice([None, kans.randint(0, 10_000) / 100]),
               kans.choice([None, basis]), kans.choice([None, kans.randint(0, 400_000) / 100]),
               kans.choice([None, kans.randint(0, 120_000) / 100])]
        for kolom, waarde in zip(kolommen, rij, strict=True):
            kolom.append([waarde])
    return [*kolommen, None]


def _verzoek(rijen: int) -> str:
    from lite_proces import Lite

    body = Lite.body("SUBSIDIE_TOTAAL", *_argumenten(rijen))
    return json.dumps({"soort": "roep", "body": body})


def cpython_meting(main: Path, vectorieel: bool) -> dict:
    """In a fresh process (run with --cpython): what tests/node/lite.mjs measures, in CPython."""
    sys.path.insert(0, str(REPO / "tests" / "node"))
    import lite_runtime  # sets XLWINGS_ON_SERVER before it imports xlwings, as Lite does

    start = json.loads(lite_runtime.start(main.read_text(encoding="utf-8")))
    from buurtxl.excel import udf_argumenten

    udf_argumenten.VECTORIEEL = vectorieel
    verzoek = _verzoek(RIJEN)
    tijden, uitkomst = [], None
    for _ in range(HERHALINGEN):
        antwoord = json.loads(asyncio.run(lite_runtime.verzoek(verzoek)))
        tijden.append(antwoord["s"])
        uitkomst = antwoord["result"]
    return {**start, "rijen_s": tijden, "uitkomst": uitkomst}


def _cpython(main: Path, vectorieel: bool) -> dict:
    uit = subprocess.run([sys.executable, __file__, "--cpython", str(main), "--vectorieel", str(int(vectorieel))],
                         capture_output=True, text=True, check=True, timeout=600)
    return json.loads(uit.stdout)


def _cpython_start() -> list[float]:
    tijden = []
    for _ in range(HERHALINGEN):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        tijden.append(time.perf_counter() - t)
    return tijden


def _pyodide(wielen: list[Path]) -> dict:
    from lite_proces import Lite, vereis_pyodide

    node = vereis_pyodide()
    starts = []
    for i in range(3):
        lite = Lite(node, wielen)
        starts.append(lite.start)
        if i < 2:
            lite.sluit()
    verzoek = json.loads(_verzoek(RIJEN))
    tijden, uitkomst = [], None
    for _ in range(HERHALINGEN):
        antwoord = lite.roep(verzoek["body"]["func_name"], *verzoek["body"]["args"])
        tijden.append(antwoord["s"])
        uitkomst = antwoord["result"]
    lite.sluit()
    return {"starts": starts, "rijen_s": tijden, "uitkomst": uitkomst}


def meet() -> tuple[verslag.Onderdeel, dict]:
    from gedeeld import cent
    from lite_proces import LITE, wielen

    with tempfile.TemporaryDirectory() as tmp:
        geinstalleerd = wielen(Path(tmp))
        pyodide = _pyodide(geinstalleerd)
    main = LITE / "main.py"
    vectorieel, puur = _cpython(main, True), _cpython(main, False)
    for naam, uitkomst in (("CPython (numpy)", vectorieel["uitkomst"]), ("CPython (puur)", puur["uitkomst"])):
        assert [cent(r[0]) for r in uitkomst] == [cent(r[0]) for r in pyodide["uitkomst"]], naam
    start_py = _cpython_start()

    def med(waarden: list[float]) -> float:
        return statistics.median(waarden)

    boot = med([s["boot_s"] for s in pyodide["starts"]])
    xlw = med([s["xlwings_s"] for s in pyodide["starts"]])
    imp = med([s["main_s"] for s in pyodide["starts"]])
    s = verslag.seconden
    o = verslag.Onderdeel(0, "xlwings Lite (Pyodide)", ["stap", "Pyodide 314 in Node (Lite)", "CPython", "verhouding"])
    o.rijen = [
        ["Python starten (`loadPyodide` / `python -c pass`)", s(boot), s(med(start_py)),
         verslag.keer(boot / med(start_py))],
        ["`import xlwings` (met XLWINGS_ON_SERVER=true)", s(xlw), s(vectorieel["xlwings_s"]),
         verslag.keer(xlw / vectorieel["xlwings_s"])],
        ["`import main` (xl/lite/main.py: de functies uit buurtxl)", s(imp), s(vectorieel["main_s"]),
         verslag.keer(imp / vectorieel["main_s"])],
        [f"`SUBSIDIE_TOTAAL` over {verslag.getal(RIJEN, 0)} rijen, bereik in gewoon Python", s(med(pyodide["rijen_s"])),
         s(med(puur["rijen_s"])), verslag.keer(med(pyodide["rijen_s"]) / med(puur["rijen_s"]))],
        [f"`SUBSIDIE_TOTAAL` over {verslag.getal(RIJEN, 0)} rijen, bereik met numpy (alleen CPython)", "–",
         s(med(vectorieel["rijen_s"])), "–"],
    ]
    o.doelen = [verslag.Doel("`import main` in Pyodide hoogstens 1 s", imp <= 1.0, s(imp))]
    cijfers = {"boot_s": boot, "xlwings_s": xlw, "main_s": imp, "rijen_pyodide_s": med(pyodide["rijen_s"]),
               "rijen_cpython_puur_s": med(puur["rijen_s"]), "rijen_cpython_numpy_s": med(vectorieel["rijen_s"])}
    return o, cijfers


def tekst(o: verslag.Onderdeel, gegevens: dict[str, str]) -> str:
    datum = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    regels = [
        "## xlwings Lite: de Excel-functies in Pyodide (issue 19)", "",
        f"- Opdracht: `{OPDRACHT}`",
        f"- Datum: {datum}; machine: {gegevens.get('processor', 'onbekend')}, {gegevens.get('kernen', '?')} kernen",
        "- Pyodide: het npm-pakket `pyodide` uit tests/node/package-lock.json in Node.js, met alleen het wiel van "
        "buurtxl en het pure wiel van xlwings uitgepakt (tests/node/lite.mjs); CPython: deze Python met de "
        "testomgeving. Beide kanten laden main.py en roepen de functie aan via tests/node/lite_runtime.py "
        f"(xlwings' eigen custom-functions-code); medianen van 3 starts en {HERHALINGEN} aanroepen.",
        "",
        "| " + " | ".join(o.kolommen) + " |", "|" + "---|" * len(o.kolommen),
        *("| " + " | ".join(r) + " |" for r in o.rijen), "",
        *(f"- {d.omschrijving}: {'gehaald' if d.gehaald else '**niet gehaald**'} ({d.gemeten})" for d in o.doelen), "",
        "`import xlwings` hoort bij het starten van Lite zelf (Lite importeert xlwings vóór main.py); `import main` "
        "is wat buurtxl eraan toevoegt. Elke uitkomst van Pyodide is op de cent gelijk aan die van CPython (beide "
        "paden) vóór er een tijd wordt genoteerd. In Lite rekent een bereik zonder numpy: het numpy-pad "
        "gebruikt ook pandas, die Lite bij elke start zou moeten laden; hoeveel dat in Pyodide kost, is hier niet "
        "gemeten (numpy en pandas zitten niet in het npm-pakket en er is geen netwerk). De machine werd gedeeld "
        "met ander werk.",
    ]
    return "\n".join(regels) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="xlwings Lite (Pyodide) tegenover CPython")
    p.add_argument("--cpython", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--vectorieel", type=int, default=1, help=argparse.SUPPRESS)
    p.add_argument("--uit", type=Path, default=REPO / "BENCHMARKS.md")
    args = p.parse_args(argv)
    if args.cpython:
        print(json.dumps(cpython_meting(args.cpython, bool(args.vectorieel))))
        return 0
    o, cijfers = meet()
    gegevens = verslag.machine()
    inhoud = tekst(o, gegevens)
    bestaand = args.uit.read_text(encoding="utf-8") if args.uit.exists() else ""
    args.uit.write_text(verslag.vervang(bestaand, SECTIE, inhoud), encoding="utf-8")
    print(inhoud)
    print(json.dumps(cijfers, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
