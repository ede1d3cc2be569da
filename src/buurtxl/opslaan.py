"""Write output files atomically: a temporary file in the target folder, then one rename.

A reader (or a second build) sees either the old complete file or the new complete file, never a
half-written one; a build killed half-way leaves the previous output as it was.
"""

from __future__ import annotations

import glob
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .model import BuurtxlFout


class OpslaanFout(BuurtxlFout, OSError):
    """The output cannot or may not be written (message in Dutch)."""


def schrijf_atomair(
    doel: str | Path,
    schrijf: Callable[[Path], None],
    *,
    overschrijven: bool = False,
    invoer: tuple[Path, ...] = (),
) -> Path:
    """Call `schrijf(tijdelijk_pad)` and move the result onto `doel` in one step.

    Refuses to write onto one of the `invoer` files, and onto an existing `doel` unless
    `overschrijven` (the CLI's --force).
    """
    doel = Path(doel)
    for bron in invoer:
        if bron.exists() and doel.exists() and doel.resolve() == bron.resolve():
            raise OpslaanFout(f"{doel}: dit is een invoerbestand; kies een andere naam voor de uitvoer")
    if doel.exists() and not overschrijven:
        raise OpslaanFout(f"{doel} bestaat al; gebruik --force om het te vervangen")
    map_ = doel.parent if str(doel.parent) else Path(".")
    if not map_.is_dir():
        raise OpslaanFout(f"{map_}: deze map bestaat niet")
    try:
        fd, naam = tempfile.mkstemp(prefix=f".{doel.stem}.", suffix=doel.suffix + ".tmp", dir=map_)
    except OSError:
        raise OpslaanFout(f"{doel}: kan niet schrijven in de map {map_} (geen toestemming?)") from None
    os.close(fd)
    tijdelijk = Path(naam)
    try:
        schrijf(tijdelijk)
        with open(tijdelijk, "rb") as f:
            os.fsync(f.fileno())
        os.chmod(tijdelijk, _modus(doel))
        os.replace(tijdelijk, doel)
    except BaseException:
        tijdelijk.unlink(missing_ok=True)
        raise
    _ruim_restanten_op(map_, doel)
    return doel


def _modus(doel: Path) -> int:
    """The mode the file gets: a replaced file keeps its own; a new one follows the umask, as any
    program's new file does (mkstemp's 600 would hide a shared budget from colleagues)."""
    try:
        return doel.stat().st_mode & 0o7777
    except FileNotFoundError:
        masker = os.umask(0)
        os.umask(masker)
        return 0o666 & ~masker


# A temporary file younger than this may belong to a build that is still running.
RESTANT_LEEFTIJD = 3600  # seconds


def _ruim_restanten_op(map_: Path, doel: Path) -> None:
    """Remove temporary files that a killed earlier write of `doel` left behind."""
    patroon = f".{glob.escape(doel.stem)}.*{glob.escape(doel.suffix)}.tmp"
    grens = time.time() - RESTANT_LEEFTIJD
    for restant in map_.glob(patroon):
        try:
            if restant.stat().st_mtime < grens:
                restant.unlink()
        except OSError:
            pass  # gone already, or not ours to remove: leave it
