"""Faults: two builds writing the same file at once, and a build or update killed half-way."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import time
import zipfile
from pathlib import Path

import openpyxl

import corpus
import werkmappen
from test_corpus import buurtxl_pad

TIJDELIJK = ".begroting.*.tmp"  # opslaan.schrijf_atomair's temporary file next to the target


def _csv(pad: Path, voorvoegsel: str, aantal: int) -> Path:
    rijen = [corpus.KOP] + [[f"BU{i:08d}", f"{voorvoegsel} {i}", str(900 + i), str(40 + i % 50), "", "", ""]
                            for i in range(aantal)]
    pad.write_bytes(corpus.csv_bytes(rijen))
    return pad


def _start(*args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([buurtxl_pad(), *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def _buurten(pad: Path) -> set[str]:
    """The buurt names in the Begroting tab's first column below the header."""
    wb = openpyxl.load_workbook(pad)
    return {n.split(" ")[0] for n in _buurtnamen(wb)}


def _buurtnamen(wb) -> list[str]:
    namen = []
    for ws in wb.worksheets:
        for rij in ws.iter_rows(values_only=True):
            for waarde in rij:
                if isinstance(waarde, str) and waarde.startswith(("Oost ", "West ")) and waarde[5:].isdigit():
                    namen.append(waarde)
    return namen


def test_twee_builds_naar_hetzelfde_bestand_geven_een_complete_werkmap(tmp_path: Path) -> None:
    oost = _csv(tmp_path / "oost.csv", "Oost", 150)
    west = _csv(tmp_path / "west.csv", "West", 150)
    uit = tmp_path / "begroting.xlsx"
    processen = [_start("build", str(p), "-o", str(uit), "--force", "-q", cwd=tmp_path) for p in (oost, west)]
    for proces in processen:
        _, fout = proces.communicate(timeout=600)
        assert proces.returncode == 0, fout
        assert "Traceback" not in fout
    with zipfile.ZipFile(uit) as zf:
        assert zf.testzip() is None
    herkomst = _buurten(uit)
    assert herkomst in ({"Oost"}, {"West"}), f"een mengsel van twee builds: {herkomst}"
    namen = _buurtnamen(openpyxl.load_workbook(uit))
    assert {int(n.split(" ")[1]) for n in namen} == set(range(150))
    assert list(tmp_path.glob(TIJDELIJK)) == []


def _doden_tijdens_schrijven(proces: subprocess.Popen[str], map_: Path, patroon: str) -> None:
    """SIGKILL `proces` as soon as its temporary output file appears."""
    while proces.poll() is None:
        if list(map_.glob(patroon)):
            proces.send_signal(signal.SIGKILL)
            proces.wait(timeout=60)
            return
        time.sleep(0.002)
    raise AssertionError(f"het proces was klaar voordat er een tijdelijk bestand ({patroon}) verscheen")


def test_build_die_halverwege_wordt_gedood_laat_de_vorige_uitvoer_heel(tmp_path: Path) -> None:
    uit = tmp_path / "begroting.xlsx"
    klein = _csv(tmp_path / "klein.csv", "Oost", 3)
    assert _start("build", str(klein), "-o", str(uit), "-q", cwd=tmp_path).wait(timeout=600) == 0
    voor = hashlib.sha256(uit.read_bytes()).hexdigest()

    groot = tmp_path / "groot.csv"
    groot.write_bytes(corpus.csv_bytes(corpus.tienduizend_rijen()))
    _doden_tijdens_schrijven(_start("build", str(groot), "-o", str(uit), "--force", "-q", cwd=tmp_path),
                             tmp_path, TIJDELIJK)

    assert hashlib.sha256(uit.read_bytes()).hexdigest() == voor
    assert _buurten(uit) == {"Oost"}


def test_update_die_halverwege_wordt_gedood_laat_de_werkmap_heel(tmp_path: Path) -> None:
    werkmap = werkmappen.eigen_werkmap(tmp_path / "afdeling.xlsx")
    voor = hashlib.sha256(werkmap.read_bytes()).hexdigest()
    groot = tmp_path / "groot.csv"
    groot.write_bytes(corpus.csv_bytes(corpus.tienduizend_rijen()))
    _doden_tijdens_schrijven(_start("update", str(werkmap), str(groot), "-q", cwd=tmp_path),
                             tmp_path, ".afdeling.*.tmp")

    assert hashlib.sha256(werkmap.read_bytes()).hexdigest() == voor
    assert openpyxl.load_workbook(werkmap).sheetnames == ["Aanvragen", "Notities", "Verborgen"]
