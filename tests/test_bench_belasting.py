"""bench/belasting.py (the Office.js server under load) at tiny sizes: it runs, every call comes
back right, and its section of BENCHMARKS.md is written once and kept by bench/run.py.

Never timings: only that the section is there, with a row per worker count and kind of call.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from server_proces import vereis_server

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import belasting  # noqa: E402
import verslag  # noqa: E402


def test_snelle_run_schrijft_de_eigen_sectie_zonder_fouten(tmp_path: Path) -> None:
    vereis_server()
    verslag = tmp_path / "BENCHMARKS.md"
    verslag.write_text("# Benchmarks\n\nwat er al stond\n", encoding="utf-8")
    opdracht = [sys.executable, str(BENCH / "belasting.py"), "--snel", "--uit", str(verslag)]
    uit = subprocess.run(opdracht, capture_output=True, text=True, timeout=600, check=False)
    assert uit.returncode == 0, uit.stdout[-2000:] + uit.stderr[-2000:]  # 1 would mean errors
    tekst = verslag.read_text(encoding="utf-8")
    assert tekst.startswith("# Benchmarks\n\nwat er al stond\n")
    assert tekst.count("<!-- belasting:begin -->") == 1 and tekst.count("<!-- belasting:einde -->") == 1
    rijen = re.findall(r"^\| ([12]) \| (basislijn|`SUBSIDIE_TOTAAL`)[^|]*\| 40 \| 0 \| [\d,]+ ms \| [\d,]+ ms \|",
                       tekst, flags=re.MULTILINE)
    assert sorted(rijen) == sorted([(w, s) for w in "12" for s in ("basislijn", "`SUBSIDIE_TOTAAL`")])
    assert "python bench/belasting.py --snel" in tekst


def test_andere_metingen_laten_de_sectie_staan() -> None:
    # bench/run.py and this script each replace only their own marked section (verslag.vervang).
    sectie = "<!-- belasting:begin -->\n## Office.js-server\n| 1 | … |\n<!-- belasting:einde -->"
    oud = f"# Benchmarks\n\noude meting\n\n{sectie}\n"
    assert sectie in verslag.vervang(oud, "onderdeel-6", "## Opstarten\nnieuw")
    assert verslag.vervang(oud, belasting.SECTIE, "## Office.js-server\n| 1 | … |") == oud
    nieuw = verslag.vervang(oud, belasting.SECTIE, "## Office.js-server\n| 2 | … |")
    assert nieuw.count("<!-- belasting:begin -->") == 1 and "| 2 | … |" in nieuw and "| 1 | … |" not in nieuw
