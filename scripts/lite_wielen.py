"""Fetch the pure-Python wheels that xl/lite/requirements.txt names (besides buurtxl itself) into
tests/node/wielen/, exactly as uv.lock records them: the py3-none-any file of the locked version,
checked against its sha256. The xlwings Lite tests unpack them into Pyodide, offline.

    python3 scripts/lite_wielen.py          # scripts/test.sh runs it after `npm ci`

Standard library only: it runs before any test environment exists.
"""

from __future__ import annotations

import hashlib
import sys
import tomllib
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VEREISTEN = REPO / "xl" / "lite" / "requirements.txt"
MAP = REPO / "tests" / "node" / "wielen"


def vereisten(pad: Path = VEREISTEN) -> dict[str, str]:
    """{name: version} of the `name==version` lines of a requirements.txt."""
    uit = {}
    for regel in pad.read_text(encoding="utf-8").splitlines():
        regel = regel.split("#", 1)[0].strip()
        if regel:
            naam, _, versie = regel.partition("==")
            uit[naam.strip().lower()] = versie.strip()
    return uit


def puur_wiel(naam: str, versie: str, lock: Path = REPO / "uv.lock") -> dict[str, str]:
    """uv.lock's record (url, hash) of the py3-none-any wheel of `naam` at `versie`."""
    pakketten = tomllib.loads(lock.read_text(encoding="utf-8"))["package"]
    pakket = next((p for p in pakketten if p["name"] == naam and p["version"] == versie), None)
    if pakket is None:
        raise SystemExit(f"Fout: {naam}=={versie} (xl/lite/requirements.txt) staat niet in uv.lock")
    wiel = next((w for w in pakket.get("wheels", []) if w["url"].endswith("-py3-none-any.whl")), None)
    if wiel is None:
        raise SystemExit(f"Fout: uv.lock kent geen puur Python-wiel (py3-none-any) van {naam}=={versie}")
    return wiel


def haal(wiel: dict[str, str], doelmap: Path = MAP) -> Path:
    """The wheel in `doelmap`, downloaded unless a file with the right hash is already there."""
    doel = doelmap / wiel["url"].rsplit("/", 1)[1]
    algoritme, verwacht = wiel["hash"].split(":", 1)
    if doel.exists() and hashlib.new(algoritme, doel.read_bytes()).hexdigest() == verwacht:
        return doel
    with urllib.request.urlopen(wiel["url"], timeout=120) as antwoord:
        inhoud = antwoord.read()
    if hashlib.new(algoritme, inhoud).hexdigest() != verwacht:
        raise SystemExit(f"Fout: {doel.name} heeft een andere hash dan uv.lock vastlegt")
    doelmap.mkdir(parents=True, exist_ok=True)
    doel.write_bytes(inhoud)
    return doel


def main() -> int:
    for naam, versie in vereisten().items():
        if naam != "buurtxl":  # the project's own wheel is built by the tests from this checkout
            print(haal(puur_wiel(naam, versie)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
