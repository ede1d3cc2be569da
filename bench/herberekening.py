"""Item 5: what recalculating the generated workbook costs in LibreOffice (headless).

Each file goes through `buurtxl.herberekenen.converteer` (a fresh LibreOffice in a throwaway
profile that recalculates everything on load, then saves), in its own run. The same-run baselines:
a workbook of one cell (LibreOffice's start-up, load and save with nothing in it) and a workbook
with the same cells as ours but every formula replaced by a number (loading and saving the same
amount of data without calculating). Ours minus the second is the cost of the formulas. That no
formula is volatile or spans whole columns is a test (tests/test_werkmap_structuur.py).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import cellen
import meting
import synthetic
from verslag import Doel, Onderdeel, getal, seconden

FOUTWAARDEN = ("#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "Err:")


def _lo(pad: Path, uit: Path, keer: int) -> float:
    from buurtxl import herberekenen

    tijden = []
    for i in range(keer):
        doelmap = uit / f"{pad.stem}_{i}"
        start = time.perf_counter()
        herberekenen.converteer([pad], doelmap, "xlsx")
        tijden.append(time.perf_counter() - start)
    return statistics.median(tijden)


def _foutcellen(pad: Path) -> int:
    """Cells whose recalculated value is an error: a formula LibreOffice could not compute."""
    return sum(
        1 for _, rijen in cellen.lees(pad, waarden=True) for rij in rijen for w in rij
        if isinstance(w, str) and w.startswith(FOUTWAARDEN)
    )


def _zonder_formules(bladen: cellen.Bladen) -> cellen.Bladen:
    return [
        (naam, [[0 if isinstance(w, str) and w.startswith("=") else w for w in rij] for rij in rijen])
        for naam, rijen in bladen
    ]


def _werkmap(n: int, map_: Path) -> Path:
    doel = map_ / f"herbereken_{n}.xlsx"
    csv = synthetic.schrijf_csv(map_ / f"herbereken_{n}.csv", n)
    meting.kind("bouw", "build", csv, "-o", doel, "--force", "--quiet")
    return doel


def meet(groottes: list[int], map_: Path, keer: int = 2) -> Onderdeel:
    from buurtxl import herberekenen

    if herberekenen.soffice() is None:
        o = Onderdeel(5, "Herberekenen", ["buurten", "uitkomst"], [[getal(n, 0), "niet gemeten"] for n in groottes])
        o.doelen.append(Doel("herberekenen in LibreOffice", None, "LibreOffice (soffice) niet gevonden"))
        o.notities.append("LibreOffice is niet geïnstalleerd; installeer `libreoffice-calc-nogui` en meet opnieuw.")
        return o
    uit = map_ / "lo"
    leeg = cellen.bewaar([("Blad1", [[1]])], map_ / "cellen_leeg.pickle")
    leeg_pad = map_ / "lo_leeg.xlsx"
    meting.kind("kaal-openpyxl", leeg, leeg_pad)
    t_leeg = _lo(leeg_pad, uit, keer)

    o = Onderdeel(5, "Herberekenen", [
        "buurten", "formules", "basislijn: 1 cel", "basislijn: zelfde cellen zonder formules",
        "onze werkmap", "verschil: formules en opmaak", "foutwaarden na herberekenen",
    ])
    for n in groottes:
        ons = _werkmap(n, map_)
        bladen = cellen.lees(ons)
        telling = cellen.tel(bladen)
        waarden_pad = map_ / f"lo_waarden_{n}.xlsx"
        meting.kind(
            "kaal-openpyxl", cellen.bewaar(_zonder_formules(bladen), map_ / f"cellen_waarden_{n}.pickle"), waarden_pad
        )
        t_waarden = _lo(waarden_pad, uit, keer)
        t_ons = _lo(ons, uit, keer)
        fouten = _foutcellen(uit / f"{ons.stem}_0" / ons.name)
        o.rijen.append([
            getal(n, 0), getal(telling.formules, 0), seconden(t_leeg), seconden(t_waarden), seconden(t_ons),
            seconden(t_ons - t_waarden) if t_ons > t_waarden else "≈ 0 (binnen de meetruis)", getal(fouten, 0),
        ])
        o.cijfers.update({
            f"{n}_lo_s": t_ons, f"{n}_lo_waarden_s": t_waarden, f"{n}_formules": telling.formules,
            f"{n}_foutcellen": fouten,
        })
        o.doelen.append(
            Doel(
                f"{getal(n, 0)} buurten: LibreOffice rekent elke formule zonder foutwaarde",
                fouten == 0,
                f"{fouten} foutwaarden",
            )
        )
    o.cijfers["lo_leeg_s"] = t_leeg
    o.notities.append(
        f"Elke tijd is de mediaan van {keer} volledige LibreOffice-runs (`buurtxl.herberekenen.converteer`: starten, "
        "openen, alles herberekenen, opslaan). Het verschil (onze werkmap − dezelfde cellen zonder formules) "
        "is wat formules, opmaak, validatie en beveiliging kosten. Dat geen formule hele kolommen of rijen "
        "of vluchtige functies gebruikt, controleert een test (`tests/test_werkmap_structuur.py`)."
    )
    return o
