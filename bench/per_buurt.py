"""Item 2: `buurtxl build --per-buurt` for N buurten, in files per second.

`--per-buurt` also writes the consolidated workbook; that build, measured alone on the same
input, is subtracted so the rate is for the per-buurt files only. Three ways are measured in the
same run: the CLI as shipped (a process pool over the cores), the same code on one core, and the
baseline: a bare openpyxl write-only writer producing N files with the cells of one per-buurt
workbook, on one core and without the atomic write (temporary file, fsync, rename).
"""

from __future__ import annotations

import os
from pathlib import Path

import cellen
import meting
import synthetic
from verslag import Doel, Onderdeel, getal, keer, seconden


def _bouw(taak: str, csv: Path, map_: Path, naam: str, per_buurt: bool) -> meting.Proces:
    args = ["build", str(csv), "-o", str(map_ / f"{naam}.xlsx"), "--force", "--quiet"]
    if per_buurt:
        args += ["--per-buurt", str(map_ / naam)]
    return meting.kind(taak, *args)


def meet(n: int, map_: Path) -> Onderdeel:
    csv = synthetic.schrijf_csv(map_ / f"per_buurt_{n}.csv", n)
    alleen = _bouw("bouw", csv, map_, "pb_alleen_begroting", False).uitvoer["bouw_s"]
    parallel = _bouw("bouw", csv, map_, "pb_parallel", True)
    serieel = _bouw("bouw-serieel", csv, map_, "pb_serieel", True)
    bestanden = sorted((map_ / "pb_parallel").glob("*.xlsx"))
    if len(bestanden) != n:
        raise AssertionError(f"{len(bestanden)} werkmappen per buurt geschreven, {n} verwacht")

    voorbeeld_cellen = cellen.bewaar(cellen.lees(bestanden[0]), map_ / "cellen_per_buurt.pickle")
    kaal_map = map_ / "pb_kaal"
    kaal_map.mkdir(exist_ok=True)
    kaal = meting.kind("kaal-bestanden", voorbeeld_cellen, kaal_map, n).uitvoer["schrijf_s"]

    t_parallel = parallel.uitvoer["bouw_s"] - alleen
    t_serieel = serieel.uitvoer["bouw_s"] - alleen
    o = Onderdeel(
        2,
        "Per buurt",
        ["manier", f"tijd voor {getal(n, 0)} bestanden", "bestanden per seconde", "t.o.v. kale schrijver"],
    )
    o.rijen = [
        ["basislijn: kale schrijver (openpyxl write-only), 1 kern", seconden(kaal), getal(n / kaal, 1), "1×"],
        ["`--per-buurt` op 1 kern", seconden(t_serieel), getal(n / t_serieel, 1), keer(t_serieel / kaal)],
        [
            f"`--per-buurt` zoals geleverd (procespool, {os.cpu_count()} kernen)",
            seconden(t_parallel),
            getal(n / t_parallel, 1),
            keer(t_parallel / kaal),
        ],
    ]
    o.cijfers = {
        "bestanden": n, "kaal_s": kaal, "serieel_s": t_serieel, "parallel_s": t_parallel,
        "bestanden_per_s": n / t_parallel, "kaal_bestanden_per_s": n / kaal, "versnelling_pool": t_serieel / t_parallel,
        "begroting_alleen_s": alleen, "piek_rss_mb": parallel.piek_rss_mb,
    }
    o.doelen.append(Doel(
        "per buurt: beide kernen helpen (procespool sneller dan 1 kern)", t_parallel < t_serieel,
        f"{keer(t_serieel / t_parallel)} sneller, {getal(n / t_parallel, 1)} bestanden/s",
    ))
    o.notities.append(
        f"De begrotingswerkmap die `--per-buurt` ook schrijft ({seconden(alleen)}, apart gemeten op dezelfde "
        "invoer) is van beide `--per-buurt`-tijden afgetrokken. Piek-RSS van het grootste proces: "
        f"{getal(parallel.piek_rss_mb, 0)} MB."
    )
    return o
