"""Run every benchmark of issue 7 and write BENCHMARKS.md (and, on request, the raw figures as JSON).

    python bench/run.py                 # the full run (about 15 minutes on 2 cores)
    python bench/run.py --snel          # tiny sizes: checks that everything runs, figures mean little
    python bench/run.py --onderdelen 1,3

Each figure stands next to a baseline measured in the same run, on the same machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shlex
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import machine
import verslag

REPO = Path(__file__).resolve().parent.parent
# Hand-written: the profiles behind missed targets, before/after figures, decisions. Appended as is.
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

INLEIDING = """
Gemeten met `bench/run.py` (issue 7). Elk cijfer staat naast een basislijn uit dezelfde meting op
dezelfde machine; verhoudingen zijn dus vergelijkbaar, absolute tijden alleen op deze machine.
Synthetische data komt uit `bench/synthetic.py` (vast zaadje, dus elke meting gebruikt dezelfde
buurten). Tijden zijn medianen; andere processen op de machine kunnen losse metingen vertragen.
"""


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Benchmarks van buurtxl (issue 7)")
    p.add_argument("--snel", action="store_true", help="kleine groottes: controleert alleen dat alles werkt")
    p.add_argument("--onderdelen", default="1,2,3,4,5", help="welke onderdelen, bijvoorbeeld 1,3")
    p.add_argument("--uit", type=Path, default=REPO / "BENCHMARKS.md", help="het Markdown-verslag")
    p.add_argument("--json", type=Path, help="schrijf ook de ruwe cijfers als JSON")
    p.add_argument("--werkmap", type=Path, help="map voor tussenbestanden (standaard een tijdelijke map)")
    return p.parse_args(argv)


def meet(onderdelen: set[int], g: Groottes, map_: Path) -> list[verslag.Onderdeel]:
    uit: list[verslag.Onderdeel] = []
    if 1 in onderdelen:
        import bouw

        o, _ = bouw.meet_bouw(list(g.bouw), map_, herhalingen=g.herhalingen)
        uit.append(o)
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
    return sorted(uit, key=lambda o: o.nummer)


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    onderdelen = {int(x) for x in args.onderdelen.split(",") if x.strip()}
    g = SNEL if args.snel else VOLLEDIG
    opdracht = "python bench/run.py" + (
        " " + shlex.join(argv if argv is not None else sys.argv[1:]) if (argv or sys.argv[1:]) else ""
    )
    start = time.perf_counter()
    datum = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    with tempfile.TemporaryDirectory(prefix="buurtxl-bench-") as tijdelijk:
        map_ = args.werkmap or Path(tijdelijk)
        map_.mkdir(parents=True, exist_ok=True)
        resultaten = meet(onderdelen, g, map_)
    duur = time.perf_counter() - start
    beschrijving = machine.beschrijving()
    tekst = verslag.markdown(beschrijving, opdracht, datum, duur, resultaten, INLEIDING)
    # The sections of bench/belasting.py (the Office.js server under load) and bench/bijwerken.py
    # (update of a large workbook) are their own: keep them.
    import belasting
    import bijwerken

    bestaand = args.uit.read_text(encoding="utf-8") if args.uit.exists() else ""
    tekst = tekst + "\n" + ANALYSE.read_text(encoding="utf-8")
    for sectie in (belasting, bijwerken):
        vorige = sectie.bewaarde_sectie(bestaand)
        tekst = sectie.vervang_sectie(tekst, vorige) if vorige else tekst
    args.uit.write_text(tekst, encoding="utf-8")
    if args.json:
        verslag.schrijf_json(args.json, beschrijving, resultaten)
    print(f"Verslag geschreven: {args.uit} ({verslag.seconden(duur)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
