"""Item 4: one TOESLAG_COMMUNICATIE call over an N-row range against N single-cell calls.

Both go through `xlwings.server.custom_functions_call`, the function xlwings Server runs for each
request of Excel's Office.js runtime, with payloads shaped the way its JavaScript sends them (every
argument a 2-D matrix, an empty cell ""). xlwings binds its Office.js decorators only when
XLWINGS_ON_SERVER=true is set before its first import, so the measuring runs in a fresh process
(`kind.py matrix N`); the HTTP round trip of a real server comes on top of both and is not measured.
"""

from __future__ import annotations

import os

import meting
from verslag import Doel, Onderdeel, getal, keer, seconden

DOEL_VERHOUDING = 50
DOEL_S = 0.1
OMGEVING = {"XLWINGS_ON_SERVER": "true", "XLWINGS_LICENSE_KEY": "noncommercial"}


def _kolommen(n: int) -> tuple[list, list, list]:
    """Huishoudens, basissubsidie and besteed of N synthetic buurten, as Excel holds them."""
    import synthetic
    from buurtxl import regeling, regels

    r = regeling.laad("2018")
    aanvragen = synthetic.aanvragen(n)
    basis = [float(regels.basissubsidie(r, a.componenten, a.basissubsidie).bedrag) for a in aanvragen]
    besteed = ["" if a.besteed is None else float(a.besteed) for a in aanvragen]
    return [a.huishoudens for a in aanvragen], basis, besteed


def in_kind(n: int, herhalingen: int) -> dict:
    """Runs in the child process: time both ways and check they give the same amounts."""
    import asyncio
    import gc
    import statistics
    import time

    import xlwings
    import xlwings.server as server
    import xlwings.utils

    zoals_geleverd = xlwings.utils.is_jsnull  # before buurtxl's work-around replaces it
    from buurtxl.excel import udfs

    huishoudens, basis, besteed = _kolommen(n)

    def body(*args: list) -> dict:
        return {
            "func_name": "TOESLAG_COMMUNICATIE", "args": [*args, None, None],  # no request; versie
            "caller_address": "Office.js[begroting.xlsx]Begroting!H2", "content_language": "nl-NL",
            "version": xlwings.__version__, "runtime": "1.4",
        }

    matrix = body([[h] for h in huishoudens], [[b] for b in basis], [[x] for x in besteed])
    cellen = [body([[h]], [[b]], [[x]]) for h, b, x in zip(huishoudens, basis, besteed, strict=True)]

    async def meet() -> dict:
        await server.custom_functions_call(matrix, udfs)  # warm-up: first conversions, caches
        tijden = []
        for _ in range(herhalingen):
            start = time.perf_counter()
            uit_matrix = await server.custom_functions_call(matrix, udfs)
            tijden.append(time.perf_counter() - start)
        start = time.perf_counter()
        uit_cellen = [await server.custom_functions_call(c, udfs) for c in cellen]
        los = time.perf_counter() - start
        if [rij[0] for rij in uit_matrix] != [c[0][0] for c in uit_cellen]:
            raise AssertionError("de matrixaanroep en de losse aanroepen geven verschillende bedragen")
        # Once more without the work-around in udf_argumenten, to show what it saves.
        omweg, xlwings.utils.is_jsnull = xlwings.utils.is_jsnull, zoals_geleverd
        start = time.perf_counter()
        await server.custom_functions_call(matrix, udfs)
        zonder = time.perf_counter() - start
        xlwings.utils.is_jsnull = omweg
        # A long-running server can freeze what it loaded at start-up (Python's gc.freeze), so a
        # full collection triggered inside a call no longer walks pandas', numpy's and xlwings'
        # objects: that collection is most of the spread between calls (bench/ANALYSE.md, 4).
        gc.freeze()
        bevroren = []
        for _ in range(herhalingen):
            start = time.perf_counter()
            await server.custom_functions_call(matrix, udfs)
            bevroren.append(time.perf_counter() - start)
        gc.unfreeze()
        return {"matrix_s": statistics.median(tijden), "cellen_s": los, "rijen": len(uit_matrix),
                "zonder_omweg_s": zonder, "bevroren_s": statistics.median(bevroren)}

    return asyncio.run(meet())


def meet(n: int, herhalingen: int = 5) -> Onderdeel:
    uit = meting.kind("matrix", n, herhalingen, env={**os.environ, **OMGEVING}).uitvoer
    if uit["rijen"] != n:
        raise AssertionError(f"de matrixaanroep gaf {uit['rijen']} rijen, {n} verwacht")
    t_matrix, t_cellen = uit["matrix_s"], uit["cellen_s"]
    ratio = t_cellen / t_matrix
    o = Onderdeel(4, "Matrixfunctie", ["manier", f"tijd voor {getal(n, 0)} rijen", "per rij", "verhouding"])
    o.rijen = [
        [f"basislijn: {getal(n, 0)} aanroepen van één cel", seconden(t_cellen), seconden(t_cellen / n), "1×"],
        [
            f"één aanroep over een bereik van {getal(n, 0)} rijen",
            seconden(t_matrix),
            seconden(t_matrix / n),
            keer(ratio),
        ],
        [
            "(ter vergelijking) dezelfde aanroep zonder de omweg voor `is_jsnull`",
            seconden(uit["zonder_omweg_s"]),
            seconden(uit["zonder_omweg_s"] / n),
            keer(t_cellen / uit["zonder_omweg_s"]),
        ],
        [
            "(ter vergelijking) één aanroep over het bereik, server met `gc.freeze()` na het laden",
            seconden(uit["bevroren_s"]),
            seconden(uit["bevroren_s"] / n),
            keer(t_cellen / uit["bevroren_s"]),
        ],
    ]
    o.cijfers = {"rijen": n, "matrix_s": t_matrix, "cellen_s": t_cellen, "verhouding": ratio,
                 "zonder_omweg_s": uit["zonder_omweg_s"], "bevroren_s": uit["bevroren_s"]}
    o.doelen += [
        Doel(
            f"matrixaanroep ≥ {DOEL_VERHOUDING}× goedkoper dan losse aanroepen", ratio >= DOEL_VERHOUDING, keer(ratio)
        ),
        Doel(
            f"matrixaanroep over {getal(n, 0)} rijen < {getal(DOEL_S * 1000, 0)} ms",
            t_matrix < DOEL_S,
            seconden(t_matrix),
        ),
    ]
    o.notities.append(
        f"Via `xlwings.server.custom_functions_call` (xlwings {_xlwings()}, Office.js-route, "
        f"XLWINGS_ON_SERVER=true) in een eigen proces; matrix: mediaan van {herhalingen} aanroepen na één "
        "opwarmaanroep. Beide manieren geven dezelfde bedragen; dat wordt bij elke meting gecontroleerd. "
        "De HTTP-rondreis van een echte server komt bij beide nog bovenop (per aanroep, dus vooral bij losse cellen)."
    )
    return o


def _xlwings() -> str:
    from importlib import metadata

    return metadata.version("xlwings")
