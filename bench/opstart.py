"""Item 6: how fast the command line starts, against the one library each command cannot do without.

`buurtxl --version` against `python -c "import click"` (the command line's own framework), and
`buurtxl build` of the built-in example (30 buurten) against `python -c "import openpyxl"` (the
writer every build needs). Every run is a fresh process, timed from start to exit as the user
waits for it; the command and its baseline alternate, so a busy machine slows both alike.
`buurtxl` is run as its console script does: ``from buurtxl.cli import main; main()``.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import meting
from verslag import Doel, Onderdeel, getal, seconden

DOEL = 2.0


def keer(ratio: float) -> str:
    return f"{getal(ratio, 2)}×"  # two decimals: the targets sit close to 2
_BUURTXL = "import sys; from buurtxl.cli import main; sys.exit(main())"


def _om_en_om(opdracht: list[str], basislijn: list[str], keer_: int) -> tuple[float, float]:
    """Median wall times of `opdracht` and `basislijn`, run alternately after one untimed run each."""
    tijden: dict[int, list[float]] = {0: [], 1: []}
    for i in range(keer_ + 1):
        for j, o in enumerate((opdracht, basislijn)):
            t = meting.proces(o).wand_s
            if i:  # the first round warms the file cache
                tijden[j].append(t)
    return statistics.median(tijden[0]), statistics.median(tijden[1])


def meet(map_: Path, herhalingen: int = 15) -> Onderdeel:
    py = sys.executable
    versie, click = _om_en_om([py, "-c", _BUURTXL, "--version"], [py, "-c", "import click"], herhalingen)
    doel = map_ / "opstart_voorbeeld.xlsx"
    bouw, openpyxl = _om_en_om(
        [py, "-c", _BUURTXL, "build", "-o", str(doel), "--force", "--quiet"], [py, "-c", "import openpyxl"], herhalingen
    )
    o = Onderdeel(6, "Opstarten", ["opdracht", "tijd", "basislijn", "basislijn: tijd", "verhouding"])
    o.rijen = [
        ["`buurtxl --version`", seconden(versie), '`python -c "import click"`', seconden(click), keer(versie / click)],
        [
            "`buurtxl build -o voorbeeld.xlsx` (ingebouwd voorbeeld, 30 buurten)", seconden(bouw),
            '`python -c "import openpyxl"`', seconden(openpyxl), keer(bouw / openpyxl),
        ],
    ]
    o.cijfers = {"versie_s": versie, "click_s": click, "versie_verhouding": versie / click,
                 "bouw_s": bouw, "openpyxl_s": openpyxl, "bouw_verhouding": bouw / openpyxl}
    o.doelen += [
        Doel(f"`buurtxl --version` binnen {keer(DOEL)} `import click`", versie / click <= DOEL, keer(versie / click)),
        Doel(
            f"voorbeeld bouwen binnen {keer(DOEL)} `import openpyxl`", bouw / openpyxl <= DOEL, keer(bouw / openpyxl)
        ),
    ]
    o.notities.append(
        f"Mediaan van {herhalingen} runs per opdracht, elk een nieuw proces van start tot einde, om en om met de "
        "basislijn. `import buurtxl.cli` laadt pandas, numpy, openpyxl, xlwings en rich niet "
        "(tests/test_cli_opstart.py); alleen de opdrachten die ze gebruiken importeren ze."
    )
    return o
