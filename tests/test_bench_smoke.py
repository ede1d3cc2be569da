"""The benchmark script (issue 7) at tiny sizes: it runs, and what it writes is valid.

Never timings: only that every section is there, every figure is a number, the workbooks it built
open, a partial run keeps the other sections, and the synthetic data is what the figures rest on.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import run  # noqa: E402
import synthetic  # noqa: E402
import verslag  # noqa: E402


@pytest.fixture(scope="module")
def snelle_run(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("bench")
    opdracht = [
        sys.executable, str(BENCH / "run.py"), "--snel", "--uit", str(map_ / "BENCHMARKS.md"),
        "--json", str(map_ / "cijfers.json"), "--werkmap", str(map_ / "werk"),
    ]
    uit = subprocess.run(opdracht, capture_output=True, text=True, timeout=600)
    assert uit.returncode == 0, uit.stderr[-3000:]
    return map_


def test_verslag_heeft_elke_sectie(snelle_run) -> None:
    tekst = (snelle_run / "BENCHMARKS.md").read_text(encoding="utf-8")
    koppen = tekst.splitlines()
    for kop in ["## Meetopstelling", *(f"## {s}" for s in verslag.SECTIES.values())]:
        assert koppen.count(kop) == 1, kop
    assert tekst.count("Gemeten op ") == len(verslag.SECTIES)
    assert "met `python bench/run.py --snel " in tekst
    assert "- processor:" in tekst and "- kernen:" in tekst and "- openpyxl:" in tekst
    assert "## Analyse" in tekst


def test_deelmeting_vervangt_alleen_haar_eigen_secties(tmp_path) -> None:
    oud = run._leeg()
    for n in verslag.SECTIES:
        oud = verslag.vervang(oud, f"onderdeel-{n}", f"## {verslag.SECTIES[n]}\n\noude meting {n}")
    oud += "\n<!-- belasting:begin -->\neen sectie van een ander script\n<!-- belasting:einde -->\n"
    o = verslag.Onderdeel(6, "Opstarten", ["a", "b"], [["1", "2"]], doelen=[verslag.Doel("snel", True, "1,0×")])
    nieuw = verslag.vervang(oud, "onderdeel-6", verslag.sectie(o, "python bench/run.py --onderdelen 6", "vandaag", {}))
    assert "oude meting 6" not in nieuw and "Gemeten op vandaag met `python bench/run.py --onderdelen 6`" in nieuw
    assert "- snel: gehaald (1,0×)" in nieuw and "| 1 | 2 |" in nieuw
    for n in range(1, 6):
        assert f"oude meting {n}" in nieuw
    assert "een sectie van een ander script" in nieuw
    assert nieuw.index("oude meting 5") < nieuw.index("## 6.") < nieuw.index("<!-- analyse:begin -->")


def test_elk_cijfer_is_een_getal(snelle_run) -> None:
    data = json.loads((snelle_run / "cijfers.json").read_text(encoding="utf-8"))
    assert sorted(o["nummer"] for o in data["onderdelen"]) == [1, 2, 3, 4, 5, 6]
    for o in data["onderdelen"]:
        assert o["doelen"], f"onderdeel {o['nummer']} heeft geen doelen"
        for naam, waarde in o["cijfers"].items():
            assert isinstance(waarde, (int, float)) and math.isfinite(waarde) and waarde >= 0, (naam, waarde)
    cijfers = {o["nummer"]: o["cijfers"] for o in data["onderdelen"]}
    assert cijfers[3]["verhouding"] > 0 and cijfers[4]["verhouding"] > 0
    assert cijfers[1]["synthetisch_300_verhouding"] > 0
    assert cijfers[6]["versie_verhouding"] > 0 and cijfers[6]["bouw_verhouding"] > 0


def test_gebouwde_werkmappen_openen(snelle_run) -> None:
    werk = snelle_run / "werk"
    klein = load_workbook(werk / "begroting_synthetisch_5.xlsx", read_only=True)
    groot = load_workbook(werk / "begroting_synthetisch_300.xlsx", read_only=True)
    assert "Begroting" in klein.sheetnames and "Begroting" in groot.sheetnames
    assert len(klein.sheetnames) >= 3 + 5  # a sheet per buurt
    assert len(groot.sheetnames) < 300  # above MAX_BUURTBLADEN the rows compute inline
    per_buurt = sorted((werk / "pb_parallel").glob("*.xlsx"))
    assert len(per_buurt) == 12
    # A buurtnetwerk's own workbook: its sheet, the Toelichting and the Regeling; no city-wide Begroting.
    # A buurtnetwerk's own workbook: its Begroting shows that buurt alone, without the §8 block.
    assert "Begroting" in load_workbook(per_buurt[0], read_only=True).sheetnames
    # The bare-writer baseline wrote a real workbook with the same sheets as ours.
    kaal = load_workbook(werk / "kaal_kaal-openpyxl_synthetisch_5.xlsx", read_only=True)
    assert kaal.sheetnames == klein.sheetnames


def test_synthetische_data_is_herhaalbaar_en_geldig() -> None:
    assert synthetic.rijen(200, seed=7) == synthetic.rijen(200, seed=7)
    assert synthetic.rijen(200, seed=7) != synthetic.rijen(200, seed=8)
    aanvragen = synthetic.aanvragen(500)
    assert len(aanvragen) == 500
    assert any(a.huishoudens > 1300 for a in aanvragen) and any(a.huishoudens <= 1300 for a in aanvragen)
    assert any(a.buurtscore is None for a in aanvragen) and any(
        a.buurtscore is not None and a.buurtscore < 57 for a in aanvragen
    )
    assert any(a.besteed is None for a in aanvragen) and any(a.basissubsidie is not None for a in aanvragen)


def test_update_benchmark_draait_en_schrijft_zijn_eigen_sectie(tmp_path: Path) -> None:
    import bijwerken as bench_bijwerken  # bench/bijwerken.py

    uitkomst = bench_bijwerken.meet(200, 1, tmp_path, met_libreoffice=False)
    assert all(isinstance(uitkomst[k], float) and uitkomst[k] > 0 for k in ("kopie",))
    assert set(uitkomst["lezen"]) == set(bench_bijwerken.LEZERS) and all(t > 0 for t in uitkomst["lezen"].values())
    zonder = uitkomst["zonder"]
    assert zonder["bouw_s"] > 0 and not zonder["herberekend"]  # nothing of the user's depends on buurtxl
    assert uitkomst["met"] is None
    sectie = bench_bijwerken.sectie(uitkomst, "python bench/bijwerken.py --snel", "vandaag")
    oud = "# Benchmarks\n\nandere tekst\n"
    nieuw = verslag.vervang(oud, bench_bijwerken.SECTIE, sectie)
    assert nieuw.startswith(oud.rstrip("\n")) and "<!-- bijwerken:begin -->\n## `buurtxl update`" in nieuw
    assert verslag.vervang(nieuw, bench_bijwerken.SECTIE, sectie) == nieuw
