"""xlwings Lite's Python side in Node (tests/node/lite.mjs), for the tests and bench/lite.py.

The wheels are what a user's xlwings Lite installs from xl/lite/requirements.txt: buurtxl's own,
built here from this checkout (setuptools, the build backend pyproject.toml names), and the pure
wheels of the other lines, which scripts/lite_wielen.py fetched as uv.lock records them. Nothing
else: none of buurtxl's other dependencies is in Pyodide's file system.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
NODE_MAP = REPO / "tests" / "node"
HARNAS = NODE_MAP / "lite.mjs"
LITE = REPO / "xl" / "lite"

sys.path.insert(0, str(REPO / "scripts"))
import lite_wielen  # noqa: E402

# The xlwings version the requests say they come from, as xlwings' JavaScript sends it.
XLWINGS_VERSIE = lite_wielen.vereisten(LITE / "requirements.txt")["xlwings"]


def _ontbreekt(wat: str) -> None:
    """In CI a missing piece of the Lite tests is a failure, never a skip."""
    if os.environ.get("CI"):
        pytest.fail(f"CI: {wat} ontbreekt; scripts/test.sh installeert het")
    pytest.skip(f"{wat} ontbreekt (scripts/test.sh installeert het)")


def vereis_pyodide() -> str:
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        _ontbreekt("Node.js")
    if not (NODE_MAP / "node_modules" / "pyodide" / "package.json").exists():
        _ontbreekt("Pyodide (npm ci --prefix tests/node)")
    return str(node)


def bouw_wiel(doelmap: Path) -> Path:
    """buurtxl's wheel, built from this checkout's pyproject.toml and src/ in a copy (the build
    writes build/ and *.egg-info next to the sources)."""
    bron = doelmap / "bron"
    shutil.copytree(REPO / "src", bron / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for naam in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / naam, bron / naam)
    code = "import sys, setuptools.build_meta as b; print(b.build_wheel(sys.argv[1]))"
    uit = subprocess.run([sys.executable, "-c", code, str(doelmap)], cwd=bron, capture_output=True, text=True,
                         check=False, timeout=300)
    assert uit.returncode == 0, uit.stderr
    return doelmap / uit.stdout.strip().splitlines()[-1]


def wielen(doelmap: Path) -> list[Path]:
    """The wheels xl/lite/requirements.txt names: buurtxl's built here, the others fetched."""
    uit = []
    for naam, versie in lite_wielen.vereisten(LITE / "requirements.txt").items():
        if naam == "buurtxl":
            uit.append(bouw_wiel(doelmap))
            continue
        wiel = lite_wielen.puur_wiel(naam, versie)
        pad = lite_wielen.MAP / wiel["url"].rsplit("/", 1)[1]
        if not pad.exists():
            _ontbreekt(f"het wiel {pad.name} (python3 scripts/lite_wielen.py)")
        uit.append(pad)
    return uit


def puur(wiel: Path) -> bool:
    """A pure-Python wheel: tagged py3-none-any and without compiled code."""
    with zipfile.ZipFile(wiel) as z:
        gecompileerd = [n for n in z.namelist() if n.endswith((".so", ".pyd", ".dylib"))]
    return wiel.name.endswith("-py3-none-any.whl") and not gecompileerd


class Lite:
    """One Pyodide with the wheels installed and xl/lite/main.py loaded as Lite loads it."""

    def __init__(self, node: str, wielen: list[Path], main: Path = LITE / "main.py") -> None:
        self.proces = subprocess.Popen(
            [node, str(HARNAS), str(main), *map(str, wielen)], cwd=NODE_MAP, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        )
        self.start = self._lees()
        assert self.start.get("klaar"), self.start

    def _lees(self) -> dict[str, Any]:
        assert self.proces.stdout is not None
        regel = self.proces.stdout.readline()
        if not regel:
            fout = self.proces.stderr.read() if self.proces.stderr else ""
            raise AssertionError(f"Pyodide stopte: {fout[-3000:]}")
        return json.loads(regel)

    def _vraag(self, verzoek: dict[str, Any]) -> Any:
        assert self.proces.stdin is not None
        self.proces.stdin.write(json.dumps(verzoek) + "\n")
        self.proces.stdin.flush()
        return self._lees()

    def meta(self) -> dict[str, Any]:
        return self._vraag({"soort": "meta"})

    @staticmethod
    def body(functie: str, *args: Any) -> dict[str, Any]:
        """A call as xlwings' custom-functions JavaScript posts it: every argument a 2-D matrix, an
        omitted one null."""
        return {
            "client": "Office.js",
            "func_name": functie,
            "args": list(args),
            "caller_address": "[buurtxl_lite.xlsx]Voorbeeld!A1",
            "culture_info_name": "nl-NL",
            "date_format": "d-M-yyyy",
            "version": XLWINGS_VERSIE,
            "runtime": "1.4",
        }

    def roep(self, functie: str, *args: Any) -> dict[str, Any]:
        """The answer to one call: {"result": …} or, for a failed single cell, {"error": message};
        "s" the seconds xlwings' custom_functions_call took."""
        return self._vraag({"soort": "roep", "body": self.body(functie, *args)})

    def modules(self) -> dict[str, list[str]]:
        return self._vraag({"soort": "modules"})

    def python(self, code: str) -> dict[str, Any]:
        """The value of a Python expression evaluated in main's namespace, and its time in seconds."""
        return self._vraag({"soort": "python", "code": code})

    def sluit(self) -> None:
        if self.proces.stdin:
            self.proces.stdin.close()
        try:
            self.proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proces.kill()
            self.proces.wait()
        for stroom in (self.proces.stdout, self.proces.stderr):
            if stroom:
                stroom.close()
