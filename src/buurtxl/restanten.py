"""Temporary files of a run, and what a killed run left behind.

A run that is killed (SIGKILL, a power cut) cannot clean up after itself. So that the next run can
tell a leftover from a file another run is still using, each temporary thing is locked by its
process for as long as it lives (`slot`; the system drops the lock when the process dies):

- the hidden temporary file next to an output (`.NAAM.xxxxxxxx.xlsx.tmp`, `opslaan`);
- the run folder in the system's temporary folder (`buurtxl-run-xxxxxxxx`): during a command every
  temporary folder (LibreOffice's profile, the verification's copies, converted files) is made in
  it, by pointing `tempfile.tempdir` there for the length of the command.

`ruim_op_tijdelijk` and `ruim_op_naast` remove the leftovers whose lock is free and return them, so
the command can name them. Folders of older versions (`buurtxl-controle-*`, …, without a lock)
are removed once they are older than any run lasts (`RESTANT_LEEFTIJD`).
"""

from __future__ import annotations

import contextlib
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from . import slot

RUN = "buurtxl-run-"
SLOT = ".slot"
RESTANT_LEEFTIJD = 3600  # seconds; LibreOffice's own time-out is 180 s
# Temporary folders made outside a run folder (older versions; library use without the CLI).
_LOS = re.compile(r"buurtxl-(controle|lo-profiel|omzetten|uit)-[\w]+")
# Since locks are POSIX-only here (Windows cannot rename a file that is held open), Windows falls
# back on age alone.
VERGRENDELT = sys.platform != "win32"


def systeemmap() -> Path:
    """The system's temporary folder (not a run folder that `tijdelijk_voor_run` points to)."""
    return Path(_echte_tempdir())


def _echte_tempdir() -> str:
    oud, tempfile.tempdir = tempfile.tempdir, None
    try:
        return tempfile.gettempdir()
    finally:
        tempfile.tempdir = oud


@contextlib.contextmanager
def tijdelijk_voor_run() -> Iterator[Path]:
    """A locked run folder in the system's temporary folder; every `tempfile` folder or file made
    meanwhile (without an explicit `dir`) lands in it. Removed, with all in it, at the end."""
    basis = systeemmap()
    while True:
        map_ = Path(tempfile.mkdtemp(prefix=RUN, dir=basis))
        try:
            greep = slot.neem(map_ / SLOT)
            break
        except (slot.Bezet, OSError):  # a sweeping run got there first: another name
            shutil.rmtree(map_, ignore_errors=True)
    oud, tempfile.tempdir = tempfile.tempdir, str(map_)
    try:
        yield map_
    finally:
        tempfile.tempdir = oud
        greep.vrijgeven()  # first: Windows cannot remove a file that is still open
        shutil.rmtree(map_, ignore_errors=True)


def ruim_op_tijdelijk() -> list[Path]:
    """Remove run folders of processes that are gone (and old loose folders); return them."""
    basis = systeemmap()
    weg: list[Path] = []
    try:
        kandidaten = list(basis.iterdir())
    except OSError:
        return weg
    grens = time.time() - RESTANT_LEEFTIJD
    for map_ in kandidaten:
        naam = map_.name
        if not (naam.startswith(RUN) or _LOS.fullmatch(naam)) or map_.is_symlink() or not map_.is_dir():
            continue
        if naam.startswith(RUN) and VERGRENDELT:
            if _oud_en_leeg(map_, grens) or _neem_weg(map_ / SLOT, lambda m=map_: shutil.rmtree(m)):
                weg.append(map_)
        elif _ouder_dan(map_, grens):
            shutil.rmtree(map_, ignore_errors=True)
            if not map_.exists():
                weg.append(map_)
    return weg


def _oud_en_leeg(map_: Path, grens: float) -> bool:
    """A run folder without its lock file (killed between making it and locking it)."""
    if (map_ / SLOT).exists() or not _ouder_dan(map_, grens):
        return False
    shutil.rmtree(map_, ignore_errors=True)
    return not map_.exists()


# The names `opslaan.schrijf_atomair` gives its temporary files (mkstemp: 8 random characters).
TIJDELIJK_BESTAND = re.compile(r"\..+\.[a-z0-9_]{8}\.(xlsx|xlsm)\.tmp")


def ruim_op_naast(map_: Path) -> list[Path]:
    """Remove the temporary files that killed writes left in `map_` (next to their outputs)."""
    weg: list[Path] = []
    try:
        kandidaten = [p for p in map_.iterdir() if TIJDELIJK_BESTAND.fullmatch(p.name)]
    except OSError:
        return weg
    grens = time.time() - RESTANT_LEEFTIJD
    for restant in kandidaten:
        if restant.is_symlink() or not restant.is_file():
            continue
        if VERGRENDELT:
            if _neem_weg(restant, restant.unlink):
                weg.append(restant)
        elif _ouder_dan(restant, grens):
            with contextlib.suppress(OSError):
                restant.unlink()
                weg.append(restant)
    return weg


def _neem_weg(vergrendeld: Path, verwijder) -> bool:
    """Remove (with `verwijder`) what `vergrendeld` guards, if nobody holds its lock; the lock is
    held meanwhile, so a process that just made the file sees it go and makes another."""
    try:
        greep = slot.neem(vergrendeld, maken=False)
    except (slot.Bezet, OSError):
        return False
    with greep:
        try:
            verwijder()
        except OSError:
            return False
    return True


def _ouder_dan(pad: Path, grens: float) -> bool:
    try:
        return pad.stat().st_mtime < grens
    except OSError:
        return False
