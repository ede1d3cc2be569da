"""The test environment is exactly the lock (issue 18): nothing from the machine leaks in, a stale lock stops."""

import importlib.metadata
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
OMGEVING = os.environ.get("BUURTXL_TESTOMGEVING")

# Outside scripts/test.sh (a developer's own environment) there is no lock to hold the environment to;
# CI always runs through scripts/test.sh, so there this never skips.
vereist_testomgeving = pytest.mark.skipif(
    not OMGEVING and not os.environ.get("CI"), reason="alleen in de testomgeving van scripts/test.sh"
)


def _uit_de_lock() -> dict[str, str]:
    """name -> version of every package uv.lock installs on this machine (markers evaluated)."""
    uitvoer = subprocess.run(
        ["bash", "scripts/uv.sh", "export", "--frozen", "--all-extras", "--no-hashes", "--no-emit-project",
         "--no-header", "--no-annotate", "--format", "requirements.txt"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    pakketten = {}
    for regel in uitvoer.splitlines():
        if not regel.strip() or regel.startswith(("#", "-")):
            continue
        eis = Requirement(regel)
        if eis.marker is None or eis.marker.evaluate():
            (versie,) = (s.version for s in eis.specifier)
            pakketten[canonicalize_name(eis.name)] = versie
    return pakketten


@vereist_testomgeving
def test_de_testomgeving_is_precies_de_lock() -> None:
    assert OMGEVING and Path(sys.prefix).resolve() == Path(OMGEVING).resolve(), (
        f"pytest draait in {sys.prefix}, niet in de testomgeving {OMGEVING}"
    )
    geinstalleerd = {
        canonicalize_name(d.metadata["Name"]): d.version
        for d in importlib.metadata.distributions()
        if canonicalize_name(d.metadata["Name"]) != "buurtxl"
    }
    assert geinstalleerd == _uit_de_lock()


@vereist_testomgeving
def test_een_verouderde_lock_stopt_de_testopdracht(tmp_path: Path) -> None:
    """A raised lower bound in pyproject.toml without `uv lock` stops scripts/test.sh before any test."""
    kopie = tmp_path / "buurtxl"
    for deel in ("scripts", "src", ".uv"):
        shutil.copytree(ROOT / deel, kopie / deel, symlinks=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for bestand in ("uv.lock", "README.md"):
        shutil.copy2(ROOT / bestand, kopie / bestand)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"click>=8.1",' in pyproject
    (kopie / "pyproject.toml").write_text(pyproject.replace('"click>=8.1",', '"click>=8.5.1",'), encoding="utf-8")

    omgeving = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "BUURTXL_TESTOMGEVING")}
    klaar = subprocess.run(["bash", "scripts/test.sh"], cwd=kopie, capture_output=True, text=True,
                           env=omgeving, timeout=300)

    assert klaar.returncode == 3, klaar.stdout + klaar.stderr
    assert "uv.lock" in klaar.stderr and "scripts/bijwerken-lock.sh" in klaar.stderr
    assert not (kopie / ".venv").exists()  # nothing was installed from the stale lock
    assert "passed" not in klaar.stdout  # and no test ran
