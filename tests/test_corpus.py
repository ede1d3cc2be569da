"""Every corpus case through the installed `buurtxl check` and `buurtxl build`, as a user runs them.

For a refused input: exit code 1 from both, the Dutch message with file/sheet/row/column/value,
no traceback, the input untouched and nothing written. For an accepted input: exit code 0 and one
complete workbook in which every awkward name is literal text, never a formula.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import corpus
import foutmeldingen

GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")


def buurtxl_pad() -> str:
    """The installed console script (next to this Python, or on PATH)."""
    naast = Path(sys.executable).with_name("buurtxl")
    pad = str(naast) if naast.exists() else shutil.which("buurtxl")
    assert pad, "het commando 'buurtxl' is niet geïnstalleerd (pip install -e .)"
    return pad


def draai(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    omgeving = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}
    return subprocess.run([buurtxl_pad(), *args], capture_output=True, text=True, encoding="utf-8",
                          cwd=cwd, env=omgeving, timeout=600)


def _hash(map_: Path) -> dict[str, str]:
    return {str(p.relative_to(map_)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(map_.rglob("*")) if p.is_file()}


def _geen_traceback(*resultaten: subprocess.CompletedProcess[str]) -> None:
    for r in resultaten:
        assert "Traceback" not in r.stderr + r.stdout, r.stderr


@pytest.mark.parametrize("geval", corpus.GEVALLEN, ids=lambda g: g.naam)
def test_check_en_build(geval: corpus.Geval, tmp_path: Path) -> None:
    invoer_map, uit_map = tmp_path / "invoer", tmp_path / "uit"
    invoer_map.mkdir()
    uit_map.mkdir()
    pad = geval.maak(invoer_map)
    voor = _hash(invoer_map)

    check = draai("check", str(pad), cwd=uit_map)
    build = draai("build", str(pad), "-o", str(uit_map / "begroting.xlsx"), cwd=uit_map)

    _geen_traceback(check, build)
    assert _hash(invoer_map) == voor, "de invoer is veranderd"
    for fragment in geval.verwacht:
        assert fragment in check.stdout + check.stderr, (fragment, check.stdout, check.stderr)
        assert fragment in build.stdout + build.stderr, (fragment, build.stdout, build.stderr)
    if geval.aanvaard:
        assert (check.returncode, build.returncode) == (0, 0), (check.stdout, build.stderr)
        assert ("Waarschuwing:" in check.stdout) == geval.waarschuwing, check.stdout
        assert [p.name for p in uit_map.iterdir()] == ["begroting.xlsx"]
        wb = openpyxl.load_workbook(uit_map / "begroting.xlsx")
        assert "Begroting" in wb.sheetnames
        _namen_zijn_letterlijke_tekst(uit_map / "begroting.xlsx", wb, geval.buurten)
    else:
        assert (check.returncode, build.returncode) == (1, 1), (check.stdout, build.stderr)
        assert list(uit_map.iterdir()) == [], "er is iets geschreven"
        assert "Fout:" in check.stdout + check.stderr


@pytest.mark.parametrize("geval", [g for g in corpus.GEVALLEN if g.totaal is not None], ids=lambda g: g.naam)
def test_bedragen_zoals_met_de_hand_berekend(geval: corpus.Geval, tmp_path: Path) -> None:
    """The amount a careful clerk computes by hand, to the cent: nothing counted twice or read wrong."""
    pad = geval.maak(tmp_path)
    r = draai("bereken", str(pad), "--csv", cwd=tmp_path)
    _geen_traceback(r)
    assert r.returncode == 0, r.stderr
    rijen = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rijen) == geval.aantal, [rij["buurt"] for rij in rijen]
    assert sum((Decimal(rij["totaal"]) for rij in rijen), Decimal(0)) == Decimal(geval.totaal)


def _namen_zijn_letterlijke_tekst(pad: Path, wb: openpyxl.Workbook, namen: tuple[str, ...]) -> None:
    if not namen:
        return
    gevonden = dict.fromkeys(namen, 0)
    for ws in wb.worksheets:
        for rij in ws.iter_rows():
            for cel in rij:
                if cel.value in gevonden:
                    assert cel.data_type == "s", f"{ws.title}!{cel.coordinate}: {cel.value!r} is geen tekst"
                    gevonden[cel.value] += 1
    assert all(gevonden.values()), f"niet als tekst gevonden: {[n for n, k in gevonden.items() if not k]}"
    # Independently of openpyxl's reading: no formula element in any sheet is one of the names.
    with zipfile.ZipFile(pad) as zf:
        xml = "".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/sheet"))
    for naam in namen:
        if naam.startswith("="):
            assert f"<f>{naam[1:]}</f>" not in xml.replace("&quot;", '"')


def test_bladnamen_uniek_en_toegestaan(tmp_path: Path) -> None:
    pad = corpus.per_naam()["lastige_bladnamen"].maak(tmp_path)
    uit = tmp_path / "begroting.xlsx"
    r = draai("build", str(pad), "-o", str(uit), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    titels = openpyxl.load_workbook(uit).sheetnames
    assert len({t.casefold() for t in titels}) == len(titels)
    for titel in titels:
        assert len(titel) <= 31
        assert not set(titel) & set("[]:*?/\\")
        assert not titel.startswith("'") and not titel.endswith("'")


@pytest.mark.parametrize("naam", ["formule_injectie", "formule_injectie_xlsx"])
def test_bereken_csv_bewaakt_tegen_formule_injectie(naam: str, tmp_path: Path) -> None:
    pad = corpus.per_naam()[naam].maak(tmp_path)
    r = draai("bereken", str(pad), "--csv", cwd=tmp_path)
    _geen_traceback(r)
    assert r.returncode == 0, r.stderr
    rijen = list(csv.DictReader(io.StringIO(r.stdout)))
    buurten = [rij["buurt"] for rij in rijen]
    # The usual guard (OWASP "CSV injection"): a leading apostrophe before a dangerous first character.
    assert buurten == ["'" + n if n.startswith(GEVAARLIJK) else n for n in corpus.INJECTIE_NA_INVOER]
    for rij in rijen:
        for waarde in rij.values():
            if waarde.startswith(GEVAARLIJK):
                float(waarde)  # only a number may start with '-' or '+'; anything else fails here


def test_foutmeldingen_tabel_is_actueel() -> None:
    assert foutmeldingen.DOCS.exists(), "docs/foutmeldingen.md ontbreekt: draai python tests/corpus.py"
    assert foutmeldingen.DOCS.read_text(encoding="utf-8") == foutmeldingen.docs_tekst(), (
        "docs/foutmeldingen.md loopt achter op wat buurtxl doet: draai python tests/corpus.py"
    )
