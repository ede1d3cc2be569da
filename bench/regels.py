"""Item 3: the rules over N rows, the DataFrame path against a plain per-row loop over `regels.bereken`.

Both start from the same validated applications; the DataFrame is built once beforehand (its
construction, `tabel.frame`, is reported on its own line). The check that both give the same
totals keeps the comparison honest.
"""

from __future__ import annotations

import synthetic
from buurtxl import regeling, regels
from buurtxl.regels import tabel
from meting import herhaald
from verslag import Doel, Onderdeel, keer, seconden

DOEL = 20


def meet(n: int, herhalingen: int = 5) -> Onderdeel:
    r = regeling.laad("2018")
    aanvragen = synthetic.aanvragen(n)
    df = tabel.frame(aanvragen)

    uitkomst = tabel.bereken_tabel(r, df, met_redenen=False)
    lus = [regels.bereken(r, a) for a in aanvragen]
    if list(uitkomst["totaal"]) != [x.totaal for x in lus]:
        raise AssertionError("DataFrame-pad en per-rij-lus geven verschillende totalen")

    t_frame = herhaald(lambda: tabel.frame(aanvragen), max(1, herhalingen // 2))
    t_tabel = herhaald(lambda: tabel.bereken_tabel(r, df, met_redenen=False), herhalingen)
    t_lus = herhaald(lambda: [regels.bereken(r, a) for a in aanvragen], max(1, herhalingen // 2), opwarmen=0)
    ratio = t_lus / t_tabel
    o = Onderdeel(
        3, "Regels", ["pad", f"tijd voor {n:,} rijen".replace(",", "."), "per rij", "verhouding"],
        cijfers={"rijen": n, "tabel_s": t_tabel, "lus_s": t_lus, "frame_s": t_frame, "verhouding": ratio},
    )
    o.rijen = [
        ["basislijn: lus over `regels.bereken`", seconden(t_lus), seconden(t_lus / n), "1×"],
        ["`tabel.bereken_tabel(..., met_redenen=False)`", seconden(t_tabel), seconden(t_tabel / n), keer(ratio)],
        ["(apart) `tabel.frame` bouwen", seconden(t_frame), seconden(t_frame / n), ""],
    ]
    o.doelen.append(Doel(f"regels DataFrame-pad ≥ {DOEL}× sneller dan de lus", ratio >= DOEL, keer(ratio)))
    o.notities.append(
        f"Mediaan van {herhalingen} (DataFrame) en {max(1, herhalingen // 2)} (lus) metingen in één proces. "
        "Beide paden geven dezelfde totalen; dat wordt bij elke meting gecontroleerd."
    )
    return o
