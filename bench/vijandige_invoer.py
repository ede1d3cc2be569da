"""Every command on every hostile input of issue 24, under `/usr/bin/time -v`: peak memory and time.

    python bench/vijandige_invoer.py          # all inputs × all commands; writes its section of BENCHMARKS.md
    python bench/vijandige_invoer.py --snel   # three inputs, printed only: checks that it works

Targets: each run under 5 s and under 300 MB, with a Dutch message and no traceback. Baseline in
the same run: `buurtxl check` of a valid three-row CSV (start-up and reading, nothing hostile).
The inputs are made by tests/vijandig.py (never stored); the run's bytecode is cached first, so
no run is measured compiling pandas.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import verslag  # noqa: E402
import vijandig  # noqa: E402

SECTIE = "vijandig"
MAX_MB, MAX_SECONDEN = 300, 5.0


def _schrijf(inhoud: Callable[[], bytes]) -> Callable[[Path], Path]:
    def maak(pad: Path) -> Path:
        pad.write_bytes(inhoud())
        return pad
    return maak


def _fifo(pad: Path) -> Path:
    os.mkfifo(pad)
    return pad


# name → (file name, writer)
INVOER: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "zip-bom (60 MB uit 60 kB)": ("bom.xlsx", vijandig.zip_bom),
    "entiteit-bom (billion laughs)": ("lachen.xlsx", _schrijf(corpus.billion_laughs)),
    "DTD in blad 'sheet1.dat'": ("dat.xlsx", lambda p: vijandig.dtd_in_deel(p, "xl/worksheets/sheet1.xml",
                                                                               "xl/worksheets/sheet1.dat")),
    "afgekapte werkmap": ("kapot.xlsx", _schrijf(corpus.afgekapt)),
    "versleutelde werkmap": ("geheim.xlsx", _schrijf(corpus.versleutelde_werkmap)),
    "CSV van 21 MB": ("groot.csv", lambda p: corpus.te_groot(p.parent).rename(p)),
    "CSV-veld van 140.000 tekens": ("lang.csv", vijandig.lang_veld_csv),
    "buurtnaam van 40.000 tekens": ("naam.csv", vijandig.lange_naam_csv),
    "CSV met 1.000.000 rijen": ("miljoen.csv", vijandig.miljoen_csv),
    "xlsx met 1.000.000 rijen": ("miljoen.xlsx", vijandig.miljoen_xlsx),
    "xlsx met 1.000.000 rijen, zonder afmeting": ("kaal.xlsx",
                                                  lambda p: vijandig.miljoen_xlsx(p, afmeting=False)),
    "xlsx met rij 1.000.000 na 4 rijen": ("gat.xlsx", lambda p: vijandig.miljoen_xlsx(p, 4, laatste=vijandig.MILJOEN)),
    "named pipe (FIFO)": ("pijp.xlsx", _fifo),
}

# name → arguments, with {x} the hostile file, {w} a valid workbook, {c} a valid CSV
OPDRACHTEN = {
    "check": ["check", "{x}"],
    "build": ["build", "{x}", "-o", "uit.xlsx", "--force"],
    "bereken": ["bereken", "{x}"],
    "impact": ["impact", "{x}"],
    "vaststellen": ["vaststellen", "{x}"],
    "update (invoer)": ["update", "{w}", "{x}", "--zonder-libreoffice"],
    "update (werkmap)": ["update", "{x}", "{c}", "--zonder-libreoffice"],
    "build --ondersteuning": ["build", "{c}", "--ondersteuning", "{x}", "-o", "uit.xlsx", "--force"],
    "bereken --ondersteuning": ["bereken", "{c}", "--ondersteuning", "{x}"],
}


def _omgeving() -> dict[str, str]:
    omgeving = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200", "LC_ALL": "C"}
    omgeving.pop("PYTHONDONTWRITEBYTECODE", None)
    return omgeving


def meet(args: list[str], cwd: Path) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak MB, the first line of what the user read)."""
    buurtxl = shutil.which("buurtxl", path=str(Path(sys.executable).parent)) or "buurtxl"
    r = subprocess.run(["/usr/bin/time", "-v", buurtxl, *args], capture_output=True, text=True,
                       encoding="utf-8", cwd=cwd, env=_omgeving(), timeout=300)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
    klok = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", r.stderr)
    seconden = int(klok.group(1) or 0) * 3600 + int(klok.group(2)) * 60 + float(klok.group(3))
    gelezen = r.stdout + r.stderr[: r.stderr.find("\tCommand being timed")]
    if "Traceback" in gelezen:
        eerste = "TRACEBACK"
    else:
        eerste = next((regel for regel in gelezen.splitlines() if regel.startswith("Fout")), gelezen.strip()[:80])
    return r.returncode, seconden, rss / 1024, eerste


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--snel", action="store_true", help="drie invoerbestanden, alleen printen")
    parser.add_argument("--uit", type=Path, default=REPO / "BENCHMARKS.md")
    args = parser.parse_args()
    subprocess.run([sys.executable, "-c", "import buurtxl.cli, pandas, openpyxl, lxml, rich"], env=_omgeving(),
                   check=True)
    invoer = dict(list(INVOER.items())[:3]) if args.snel else INVOER
    rijen, te_traag, te_groot, tracebacks = [], 0, 0, 0
    with tempfile.TemporaryDirectory(prefix="bench-vijandig-") as tmp:
        map_ = Path(tmp)
        c = map_ / "goed.csv"
        c.write_bytes(corpus.csv_bytes([corpus.KOP, *corpus.GOED]))
        _, basis_s, basis_mb, _ = meet(["check", str(c)], map_)
        for naam, (bestand, maak) in invoer.items():
            x = maak(map_ / bestand)
            for opdracht, sjabloon in OPDRACHTEN.items():
                w = map_ / "afdeling.xlsx"
                w.write_bytes(vijandig.geldig())
                argumenten = [a.format(x=x, w=w, c=c) for a in sjabloon]
                code, s, mb, eerste = meet(argumenten, map_)
                te_traag += s >= MAX_SECONDEN
                te_groot += mb >= MAX_MB
                tracebacks += eerste == "TRACEBACK"
                rijen.append(f"| {naam} | `{opdracht}` | {code} | {verslag.getal(s, 2)} s | {verslag.getal(mb, 0)} MB "
                             f"| {eerste.replace('|', '/')[:110]} |")
                print(rijen[-1], flush=True)
    runs = len(rijen)
    tekst = "\n".join([
        "## Vijandige invoer: elke opdracht, elk bestand (issue 24)",
        "",
        f"- Opdracht: `python bench/vijandige_invoer.py` ({runs} runs onder `/usr/bin/time -v`)",
        f"- Datum: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; machine: "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} kernen (gedeeld met ander werk)",
        f"- Basislijn in dezelfde run: `buurtxl check` van een geldige CSV van 3 rijen: {verslag.getal(basis_s, 2)} s, "
        f"{verslag.getal(basis_mb, 0)} MB",
        f"- Doelen: elke run onder {MAX_SECONDEN:.0f} s en onder {MAX_MB} MB, Nederlandse melding, geen traceback. "
        f"Gehaald: {runs - te_traag}/{runs} in tijd, {runs - te_groot}/{runs} in geheugen, "
        f"{runs - tracebacks}/{runs} zonder traceback.",
        "",
        "| invoer | opdracht | code | tijd | piekgeheugen | wat de gebruiker leest (eerste foutregel) |",
        "|---|---|---|---|---|---|",
        *rijen,
        "",
        "Grenzen: `docs/foutmeldingen.md` (gegenereerd uit `buurtxl.voorcontrole`). Code 2 bij `update` is een "
        "werkmap die niet mag worden bijgewerkt (alleen-lezen, geopend, in gebruik).",
    ])
    if not args.snel:
        bestaand = args.uit.read_text(encoding="utf-8") if args.uit.exists() else ""
        args.uit.write_text(verslag.vervang(bestaand, SECTIE, tekst), encoding="utf-8")
    return 0 if not (te_traag or te_groot or tracebacks) else 1


if __name__ == "__main__":
    sys.exit(main())
