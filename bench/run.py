"""Run the benchmarks and write their sections of BENCHMARKS.md (and, on request, the raw figures as JSON).

    python bench/run.py                 # every item (a few minutes on 2 cores)
    python bench/run.py --snel          # tiny sizes: checks that everything runs, figures mean little
    python bench/run.py --onderdelen 1,6

Each figure stands next to a baseline measured in the same run, on the same machine. A run
replaces only the sections of the items it measured; the rest of BENCHMARKS.md stays.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shlex
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import verslag

REPO = Path(__file__).resolve().parent.parent
# Hand-written: the profiles behind missed targets, before/after figures, decisions.
ANALYSE = Path(__file__).resolve().parent / "ANALYSE.md"


@dataclass(frozen=True)
class Groottes:
    bouw: tuple[int, ...]  # item 1
    per_buurt: int  # item 2
    regels: int  # item 3
    matrix: int  # item 4
    herberekenen: tuple[int, ...]  # item 5
    herhalingen: int


VOLLEDIG = Groottes((44, 1_000, 10_000), 1_000, 100_000, 10_000, (44, 1_000), 3)
SNEL = Groottes((5, 300), 12, 2_000, 200, (5,), 1)  # 300: above MAX_BUURTBLADEN (inline rows)

KOP = """# Benchmarks

Gemeten met `bench/run.py`. Elk cijfer staat naast een basislijn uit dezelfde meting op dezelfde
machine; verhoudingen zijn dus vergelijkbaar, absolute tijden alleen op deze machine. Synthetische
data komt uit `bench/synthetic.py` (vast zaadje, dus elke meting gebruikt dezelfde buurten). Tijden
zijn medianen; andere processen op de machine kunnen losse metingen vertragen. Elk onderdeel noemt
wanneer en met welke opdracht het gemeten is.
"""


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Benchmarks van buurtxl")
    p.add_argument("--snel", action="store_true", help="kleine groottes: controleert alleen dat alles werkt")
    p.add_argument("--onderdelen", default=",".join(map(str, verslag.SECTIES)), help="welke, bijvoorbeeld 1,6")
    p.add_argument("--uit", type=Path, default=REPO / "BENCHMARKS.md", help="het Markdown-verslag")
    p.add_argument("--json", type=Path, help="schrijf ook de ruwe cijfers als JSON")
    p.add_argument("--werkmap", type=Path, help="map voor tussenbestanden (standaard een tijdelijke map)")
    return p.parse_args(argv)


def meet(onderdelen: set[int], g: Groottes, map_: Path) -> list[verslag.Onderdeel]:
    # Each item's module is imported only when it runs (item 4 needs xlwings, item 5 LibreOffice).
    uit: list[verslag.Onderdeel] = []
    if 1 in onderdelen:
        import bouw

        uit.append(bouw.meet_bouw(list(g.bouw), map_, herhalingen=g.herhalingen)[0])
    if 2 in onderdelen:
        import per_buurt

        uit.append(per_buurt.meet(g.per_buurt, map_))
    if 3 in onderdelen:
        import regels

        uit.append(regels.meet(g.regels, herhalingen=max(g.herhalingen, 3)))
    if 4 in onderdelen:
        import matrix

        uit.append(matrix.meet(g.matrix, herhalingen=max(g.herhalingen, 5)))
    if 5 in onderdelen:
        import herberekening

        uit.append(herberekening.meet(list(g.herberekenen), map_, keer=2 if g.herhalingen > 1 else 1))
    if 6 in onderdelen:
        import opstart

        uit.append(opstart.meet(map_, herhalingen=3 if g is SNEL else 15))
    return uit


def _leeg() -> str:
    """A new BENCHMARKS.md: the marked places of every section, in order."""
    namen = ["meetopstelling", *(f"onderdeel-{n}" for n in verslag.SECTIES), "analyse"]
    return KOP + "".join(f"\n<!-- {n}:begin -->\n<!-- {n}:einde -->\n" for n in namen)


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    onderdelen = {int(x) for x in args.onderdelen.split(",") if x.strip()}
    argumenten = sys.argv[1:] if argv is None else argv
    opdracht = shlex.join(["python", "bench/run.py", *argumenten])
    datum = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    with tempfile.TemporaryDirectory(prefix="buurtxl-bench-") as tijdelijk:
        map_ = args.werkmap or Path(tijdelijk)
        map_.mkdir(parents=True, exist_ok=True)
        resultaten = meet(onderdelen, SNEL if args.snel else VOLLEDIG, map_)
    machine = verslag.machine()
    tekst = args.uit.read_text(encoding="utf-8") if args.uit.exists() else _leeg()
    tekst = verslag.vervang(tekst, "meetopstelling", verslag.meetopstelling(machine))
    for o in resultaten:
        tekst = verslag.vervang(tekst, f"onderdeel-{o.nummer}", verslag.sectie(o, opdracht, datum, machine))
    tekst = verslag.vervang(tekst, "analyse", ANALYSE.read_text(encoding="utf-8"))
    args.uit.write_text(tekst, encoding="utf-8")
    if args.json:
        verslag.schrijf_json(args.json, machine, resultaten)
    print(f"Verslag geschreven: {args.uit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
