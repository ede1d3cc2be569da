"""The command line starts without the heavy libraries: they are imported by the commands that use them.

Speed itself is measured in bench/ (ratios against `import click` / `import openpyxl` in one run);
this only holds the cause: what `import buurtxl.cli` pulls in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
ZWAAR = ("pandas", "numpy", "xlwings", "openpyxl", "rich")


def _geladen(code: str) -> set[str]:
    """The heavy top-level packages in sys.modules after running `code` in a fresh interpreter."""
    omgeving = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    uit = subprocess.run(
        [sys.executable, "-c", f"import sys\n{code}\nprint(__import__('json').dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, env=omgeving, check=True,
    )
    return set(json.loads(uit.stdout.splitlines()[-1])) & set(ZWAAR)


def test_import_cli_laadt_geen_zware_bibliotheken() -> None:
    assert _geladen("import buurtxl.cli") == set()


def test_versie_laadt_geen_zware_bibliotheken() -> None:
    code = "from buurtxl.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass"
    assert _geladen(code) == set()


@pytest.mark.parametrize("opdracht", [["build", "--help"], ["bereken", "--help"], ["impact", "--help"]])
def test_hulp_laadt_geen_zware_bibliotheken(opdracht: list[str]) -> None:
    code = f"from buurtxl.cli import main\ntry:\n    main({opdracht!r})\nexcept SystemExit:\n    pass"
    assert _geladen(code) == set()


def test_de_controle_ziet_een_zware_import() -> None:
    # The check itself can fail: a module that does import pandas is seen.
    assert _geladen("import buurtxl.regels.tabel") >= {"pandas", "numpy"}


def _module(*args: str) -> subprocess.CompletedProcess[str]:
    omgeving = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, env=omgeving)


@pytest.mark.parametrize("module", ["buurtxl", "buurtxl.cli"])
def test_python_m_start_de_opdrachtregel(module: str) -> None:
    from buurtxl import __version__

    uit = _module(module, "--version")
    assert (uit.returncode, uit.stdout.strip(), uit.stderr) == (0, f"buurtxl, versie {__version__}", "")
    fout = _module(module, "bereken", "--xyz")
    assert fout.returncode == 2
    assert "onbekende optie '--xyz'" in fout.stderr and "buurtxl bereken --help" in fout.stderr
