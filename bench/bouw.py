"""Items 1 and 2: `buurtxl build` against a bare writer that writes the same cells without logic.

Every build and every baseline runs in a fresh process, so its peak RSS is its own. Build time
is measured inside the process from the first import of the CLI (start-up is item 6). The
baseline gets the very cells our build wrote (read back from our file beforehand, formulas as
text), so the ratio is the price of reading, validating, computing, styling and protecting —
everything that is not writing cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cellen
import meting
import synthetic
from verslag import Doel, Onderdeel, getal, keer, seconden

DOEL_VOORBEELD_S = 1.0
DOEL_VERHOUDING = 2.0
DOEL_RSS_MB = 300


@dataclass(frozen=True)
class Bouw:
    naam: str
    buurten: int
    bouw_s: float  # inside the process, after importing the CLI
    wand_s: float  # the whole process
    rss_mb: float
    telling: cellen.Telling
    kaal_openpyxl: meting.Proces
    kaal_xlsxwriter: meting.Proces

    @property
    def verhouding(self) -> float:
        return self.bouw_s / self.kaal_openpyxl.uitvoer["schrijf_s"]


def _mediaan(metingen: list[meting.Proces]) -> meting.Proces:
    """The run with the median build time (its RSS and wall time belong to the same run)."""
    return sorted(metingen, key=lambda m: m.uitvoer["bouw_s"])[len(metingen) // 2]


def bouw(naam: str, invoer: Path | None, buurten: int, map_: Path, keer_: int) -> Bouw:
    doel = map_ / f"begroting_{naam}.xlsx"
    args = ["build", *([str(invoer)] if invoer else []), "-o", str(doel), "--force", "--quiet"]
    gekozen = _mediaan([meting.kind("bouw", *args) for _ in range(keer_)])
    bladen = cellen.lees(doel)
    cellen_pad = cellen.bewaar(bladen, map_ / f"cellen_{naam}.pickle")
    kaal = {
        taak: _mediaan_kaal([meting.kind(taak, cellen_pad, map_ / f"kaal_{taak}_{naam}.xlsx") for _ in range(keer_)])
        for taak in ("kaal-openpyxl", "kaal-xlsxwriter")
    }
    return Bouw(
        naam, buurten, gekozen.uitvoer["bouw_s"], gekozen.wand_s, gekozen.piek_rss_mb, cellen.tel(bladen),
        kaal["kaal-openpyxl"], kaal["kaal-xlsxwriter"],
    )


def _mediaan_kaal(metingen: list[meting.Proces]) -> meting.Proces:
    return sorted(metingen, key=lambda m: m.uitvoer["schrijf_s"])[len(metingen) // 2]


def meet_bouw(groottes: list[int], map_: Path, *, herhalingen: int = 3) -> tuple[Onderdeel, dict[int, Bouw]]:
    resultaten: list[Bouw] = [bouw("voorbeeld", None, 30, map_, herhalingen)]
    for n in groottes:
        csv = synthetic.schrijf_csv(map_ / f"synthetisch_{n}.csv", n)
        resultaten.append(bouw(f"synthetisch_{n}", csv, n, map_, herhalingen if n <= 1000 else 1))

    o = Onderdeel(1, "Bouwen", [
        "invoer", "buurten", "bladen", "cellen (formules)", "bouwen", "per buurt", "piek-RSS",
        "kaal openpyxl (write-only)", "kaal XlsxWriter", "verhouding t.o.v. openpyxl", "t.o.v. XlsxWriter",
    ])
    for b in resultaten:
        kx = b.kaal_xlsxwriter.uitvoer["schrijf_s"]
        ko = b.kaal_openpyxl.uitvoer["schrijf_s"]
        o.rijen.append([
            "ingebouwd voorbeeld" if b.naam == "voorbeeld" else "synthetisch", getal(b.buurten, 0),
            getal(b.telling.bladen, 0), f"{getal(b.telling.cellen, 0)} ({getal(b.telling.formules, 0)})",
            seconden(b.bouw_s), seconden(b.bouw_s / b.buurten), f"{getal(b.rss_mb, 0)} MB",
            f"{seconden(ko)}, {getal(b.kaal_openpyxl.piek_rss_mb, 0)} MB",
            f"{seconden(kx)}, {getal(b.kaal_xlsxwriter.piek_rss_mb, 0)} MB",
            keer(b.verhouding), keer(b.bouw_s / kx),
        ])
        o.cijfers.update({
            f"{b.naam}_bouw_s": b.bouw_s, f"{b.naam}_wand_s": b.wand_s, f"{b.naam}_rss_mb": b.rss_mb,
            f"{b.naam}_kaal_openpyxl_s": ko, f"{b.naam}_kaal_xlsxwriter_s": kx,
            f"{b.naam}_verhouding": b.verhouding, f"{b.naam}_per_buurt_s": b.bouw_s / b.buurten,
            f"{b.naam}_cellen": b.telling.cellen,
        })

    voorbeeld = resultaten[0]
    o.doelen.append(Doel(
        f"ingebouwd voorbeeld < {getal(DOEL_VOORBEELD_S, 0)} s (zonder opstarten)",
        voorbeeld.bouw_s < DOEL_VOORBEELD_S, seconden(voorbeeld.bouw_s),
    ))
    groot = [b for b in resultaten if b.buurten >= 1000]
    for b in groot:
        o.doelen.append(Doel(
            f"{getal(b.buurten, 0)} buurten binnen {keer(DOEL_VERHOUDING)} de kale schrijver",
            b.verhouding <= DOEL_VERHOUDING, keer(b.verhouding),
        ))
    if len(groot) >= 2:
        klein, grootst = groot[0], groot[-1]
        stap = (grootst.bouw_s / grootst.buurten) / (klein.bouw_s / klein.buurten)
        o.cijfers["tijd_per_buurt_stap"] = stap
        o.doelen.append(
            Doel(
                f"tijd per buurt vlak van {getal(klein.buurten, 0)} naar {getal(grootst.buurten, 0)} (≤ 1,25×)",
                stap <= 1.25,
                f"{seconden(klein.bouw_s / klein.buurten)} → {seconden(grootst.bouw_s / grootst.buurten)}, "
                f"{keer(stap)}",
            )
        )
    if groot:
        o.doelen.append(Doel(
            f"piek-RSS bij {getal(groot[-1].buurten, 0)} buurten < {DOEL_RSS_MB} MB",
            groot[-1].rss_mb < DOEL_RSS_MB, f"{getal(groot[-1].rss_mb, 0)} MB",
        ))
    return o, {b.buurten: b for b in resultaten if b.naam != "voorbeeld"}
