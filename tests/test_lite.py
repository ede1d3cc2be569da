"""The Excel functions in xlwings Lite: Pyodide (the npm package `pyodide`, pinned in
tests/node/package-lock.json) in Node, offline, with what a user's Lite installs from
xl/lite/requirements.txt unpacked into its file system and xl/lite/main.py loaded as Lite loads it
(tests/node/lite.mjs, tests/lite_proces.py).

Registration (custom_functions_meta) and calls (custom_functions_call) go through xlwings' own
server code, as in Lite. Amounts are compared to the cent with `buurtxl bereken` (CPython); a bad
cell must carry the Dutch message the CPython functions give.
"""

from __future__ import annotations

import csv
import inspect
import random
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from buurtxl import regeling
from buurtxl.excel import excelfuncties, udfs
from buurtxl.excel.udf_argumenten import Foutcel
from buurtxl.regeling import voorbeeld
from gedeeld import cent
from lite_proces import Lite, puur, vereis_pyodide, wielen

WAARDE_FOUT = {"type": "Error", "errorType": "Value"}  # a #WAARDE! cell as the officejs engine sends it
NA = {"type": "Error", "errorType": "NotAvailable", "basicValue": "#N/A"}  # an input cell holding #N/A
ZWAAR = ("numpy", "pandas", "openpyxl", "lxml", "click", "rich", "defusedxml")


@pytest.fixture(scope="module")
def geinstalleerd(tmp_path_factory) -> list[Path]:
    vereis_pyodide()
    return wielen(tmp_path_factory.mktemp("wielen"))


@pytest.fixture(scope="module")
def lite(geinstalleerd) -> Iterator[Lite]:
    proces = Lite(vereis_pyodide(), geinstalleerd)
    yield proces
    proces.sluit()


# What gets installed


def test_alleen_buurtxl_en_xlwings_als_pure_wielen(geinstalleerd) -> None:
    assert sorted(w.name.split("-")[0] for w in geinstalleerd) == ["buurtxl", "xlwings"]
    assert all(puur(w) for w in geinstalleerd), [w.name for w in geinstalleerd]


def test_regelingen_en_gegevens_komen_uit_het_geinstalleerde_wiel(lite) -> None:
    waar = lite.python("str(__import__('importlib.resources').resources.files('buurtxl.regeling'))")
    assert waar["waarde"].startswith("/lib/python") and waar["waarde"].endswith("/site-packages/buurtxl/regeling")
    assert lite.python("__import__('buurtxl.regeling').regeling.laad('2017-2018').naam")["waarde"] == "2017-2018"
    assert lite.python("__import__('buurtxl.regeling').regeling.beschikbaar()")["waarde"] == regeling.beschikbaar()
    kop = lite.python("__import__('buurtxl.regeling.voorbeeld', fromlist=['pad']).pad().read_text('utf-8')[:60]")
    assert kop["waarde"] == voorbeeld.pad().read_text(encoding="utf-8")[:60]
    buurten = lite.python(
        "len(__import__('importlib.resources').resources.files('buurtxl.regeling').joinpath("
        "'data/maastricht_buurten.csv').read_text(encoding='utf-8').splitlines())"
    )
    hier = resources.files("buurtxl.regeling").joinpath("data/maastricht_buurten.csv").read_text(encoding="utf-8")
    assert buurten["waarde"] == len(hier.splitlines())


def test_niets_zwaars_geladen(lite) -> None:
    lite.roep("SUBSIDIE_TOTAAL", [[5850], [4850]], [[1420], [900]], [[50], [None]])
    modules = lite.modules()["alle"]
    assert udfs.__name__ in modules  # (the checks below look at the right interpreter)
    assert [m for m in modules if m.split(".")[0] in ZWAAR] == []
    # Ranges go through plain Python there: the numpy path is never loaded.
    assert "buurtxl.excel.bereik" not in modules
    assert lite.python("__import__('buurtxl.excel.udf_argumenten').excel.udf_argumenten.VECTORIEEL")["waarde"] is False


# Registration: what Excel's function wizard shows


def test_meta_zeven_functies_met_nederlandse_hulp(lite) -> None:
    functies = {f["name"]: f for f in lite.meta()["functions"]}
    assert sorted(functies) == sorted(udfs.__all__) and len(functies) == 7
    for naam, f in functies.items():
        assert f["description"] == inspect.getdoc(getattr(udfs, naam)).replace("\n", " ")
        rij = excelfuncties.FUNCTIES[naam]
        assert [p["name"] for p in f["parameters"]] == list(rij.argumenten)
        assert [p.get("optional", False) for p in f["parameters"]] == [a not in rij.verplicht for a in rij.argumenten]
        assert [p["description"] for p in f["parameters"]] == [excelfuncties.OMSCHRIJVING[a] for a in rij.argumenten]
        assert {p["dimensionality"] for p in f["parameters"]} == {"matrix"}
    assert "verplicht" in functies["SUBSIDIE_TOTAAL"]["parameters"][0]["description"]


# Single cells


def test_losse_cellen_met_de_hand_uitgerekend(lite) -> None:
    # 5850 × (1420 − 1300) / 1300 = 540,00 (§3.4 punt 2); supplement at score 56,99: € 3.000 (§3.4 punt 3).
    assert lite.roep("TOESLAG_COMMUNICATIE", [[1420]], [[5850]], None, None, None)["result"] == [[540.0]]
    assert lite.roep("SUPPLEMENT_KWETSBAAR", [[56.99]], None, None)["result"] == [[3000.0]]
    assert lite.roep("REGELING", [["supplement.max_bedrag"]], [["2017-2018"]])["result"] == [[0.0]]
    tekst = lite.roep("UITLEG", [[5850]], [[1301]], [[57]], [[5850]], None, None, None)["result"][0][0]
    assert "1.301 huishoudens: meer dan 1.300" in tekst and "Buurtscore 57: niet lager dan 57" in tekst


@pytest.mark.parametrize(
    "functie, args, melding",
    [
        ("TOESLAG_COMMUNICATIE", [[["veel"]], [[5850]], None, None, None], "huishoudens: 'veel' is geen getal"),
        ("SUBSIDIE_TOTAAL", [[[None]], [[1420]], None, None, None, None, None],
         "basissubsidie: de cel is leeg, maar deze waarde is verplicht"),
        ("TOESLAG_COMMUNICATIE", [[[1420]], [[5850]], [[NA]], None, None],
         "besteed: de cel bevat zelf een fout (#N/A)"),
        ("REGELING", [[["toeslag.drempel_huishoudens"]], [["2019"]]], "Onbekende regeling '2019'"),
    ],
)
def test_losse_foute_cel_geeft_de_nederlandse_melding(lite, functie, args, melding) -> None:
    antwoord = lite.roep(functie, *args)
    assert "result" not in antwoord and antwoord["error"].startswith(melding), antwoord


# Ranges: a column in, a column out, each bad cell its own error


def _willekeurige_rijen(aantal: int, seed: int) -> list[dict[str, Any]]:
    """Applications as cells: mostly good, some with an empty optional cell, some with a bad cell."""
    kans = random.Random(seed)

    def geld(laag: int, hoog: int) -> float:
        return kans.randint(laag, hoog) / 100

    rijen = []
    for i in range(aantal):
        basis = geld(485_000, 585_000)
        rij = {
            "basissubsidie": basis,
            "huishoudens": kans.randint(0, 4_000),
            "buurtscore": kans.choice([None, kans.randint(0, 100), kans.randint(0, 10_000) / 100]),
            "besteed": kans.choice([None, basis, geld(0, 585_000)]),
            "supplement_aangevraagd": kans.choice([None, geld(0, 400_000)]),
            "toeslag_aangevraagd": kans.choice([None, 0.0, geld(0, 120_000)]),
        }
        if i % 7 == 3:  # a bad cell, in a different column each time
            kolom = kans.choice(sorted(rij))
            fout: list[Any] = ["veel", -5, NA, "#N/A", 1e20, True]
            if kolom in ("basissubsidie", "huishoudens"):
                fout.append(None)  # required: empty is an error
            if kolom == "basissubsidie":
                fout.append(7000.0)  # above the maximum
            rij[kolom] = kans.choice(fout)
        rijen.append(rij)
    return rijen


KOLOMMEN = ["basissubsidie", "huishoudens", "buurtscore", "besteed", "supplement_aangevraagd", "toeslag_aangevraagd"]


def _bereken(rijen: list[dict[str, Any]], tmp_path: Path) -> dict[str, Decimal]:
    """`buurtxl bereken --csv` on the good rows (those the CPython function computes): totaal per buurt."""
    invoer = tmp_path / "aanvragen.csv"
    with invoer.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["buurt", *KOLOMMEN])
        for i, rij in enumerate(rijen):
            w.writerow([f"Buurt {i}", *("" if rij[k] is None else repr(rij[k]) for k in KOLOMMEN)])
    uit = subprocess.run([sys.executable, "-m", "buurtxl", "bereken", str(invoer), "--csv"], capture_output=True,
                         text=True, check=False, timeout=300)
    assert uit.returncode == 0, uit.stderr
    return {r["buurt"]: Decimal(r["totaal"]) for r in csv.DictReader(uit.stdout.splitlines())}


def _cpython(functie: str, *args: Any) -> list[list[Any]]:
    """The same call to the CPython function, error cells in the form Lite sends them."""
    excel = [[None if a is None else a for a in rij] for rij in getattr(udfs, functie)(*args)]
    return [[WAARDE_FOUT if isinstance(c, Foutcel) else c for c in rij] for rij in excel]


def test_bereik_van_honderden_rijen_op_de_cent_gelijk_aan_bereken(lite, tmp_path) -> None:
    rijen = _willekeurige_rijen(400, seed=19)
    kolommen = [[[rij[k]] for rij in rijen] for k in KOLOMMEN]
    antwoord = lite.roep("SUBSIDIE_TOTAAL", *kolommen, None)
    uitkomst = [r[0] for r in antwoord["result"]]
    assert len(uitkomst) == 400

    goed = [i for i, c in enumerate(uitkomst) if c != WAARDE_FOUT]
    fout = [i for i, c in enumerate(uitkomst) if c == WAARDE_FOUT]
    assert len(goed) > 300 and len(fout) > 40  # both kinds are really there
    totalen = _bereken([rijen[i] for i in goed], tmp_path)
    assert [cent(uitkomst[i]) for i in goed] == [totalen[f"Buurt {n}"] for n in range(len(goed))]

    # Each bad row: a #WAARDE! cell, and on its own the message the CPython function gives.
    for i in fout[:15]:
        cellen = [[[rijen[i][k]]] for k in KOLOMMEN]
        alleen = lite.roep("SUBSIDIE_TOTAAL", *cellen, None)
        verwacht = udfs.SUBSIDIE_TOTAAL(*(c[0][0] if c[0][0] != NA else "#N/A" for c in cellen))
        assert isinstance(verwacht, Foutcel) and alleen["error"] == verwacht.melding


@pytest.mark.parametrize("functie", sorted(udfs.__all__))
def test_elke_functie_over_een_bereik_gelijk_aan_cpython(lite, functie) -> None:
    rijen = _willekeurige_rijen(120, seed=sum(map(ord, functie)))
    kolom = {
        "organisatiekosten": [[r["toeslag_aangevraagd"]] for r in rijen],
        "communicatiekosten": [[r["supplement_aangevraagd"]] for r in rijen],
        "activiteiten": [[r["besteed"]] for r in rijen],
        "plan_van_aanpak": [[r["toeslag_aangevraagd"]] for r in rijen],
        "huishoudens": [[r["huishoudens"]] for r in rijen],
        "basissubsidie": [[r["basissubsidie"]] for r in rijen],
        "besteed": [[r["besteed"]] for r in rijen],
        "buurtscore": [[r["buurtscore"]] for r in rijen],
        "aangevraagd": [[r["supplement_aangevraagd"]] for r in rijen],
        "toeslag_aangevraagd": [[r["toeslag_aangevraagd"]] for r in rijen],
        "naam": [[random.Random(i).choice(["supplement.max_bedrag", "toeslag.drempel_huishoudens", "x"])]
                 for i in range(len(rijen))],
        "versie": [[["2018", "2017-2018", None, "2019"][i % 4]] for i in range(len(rijen))],
    }
    args = [kolom[a] for a in excelfuncties.FUNCTIES[functie].argumenten]
    lite_args = args
    cpython_args = [[["#N/A" if c == NA else c for c in rij] for rij in a] for a in args]
    assert lite.roep(functie, *lite_args)["result"] == _cpython(functie, *cpython_args)
