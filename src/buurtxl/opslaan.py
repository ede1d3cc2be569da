"""Write output files atomically: a temporary file in the target folder, then one rename.

A reader (or a second build) sees either the old complete file or the new complete file, never a
half-written one; a build killed half-way leaves the previous output as it was.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from . import restanten, slot
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
    eis_schrijfbaar(doel)
    map_ = doel.parent if str(doel.parent) else Path(".")
    if not map_.is_dir():
        raise OpslaanFout(f"{map_}: deze map bestaat niet")
    fd, tijdelijk = _tijdelijk_bestand(doel, map_)
    try:
        schrijf(tijdelijk)
        with open(tijdelijk, "rb") as f:
            os.fsync(f.fileno())
        os.chmod(tijdelijk, _modus(doel))
        os.replace(tijdelijk, doel)
    except BaseException:
        tijdelijk.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)  # releases the lock (`restanten`)
    return doel


def kopieer_atomair(bron: Path, doel: Path) -> Path:
    """A copy of `bron` (with its dates) at the new name `doel`, complete or not at all: a disk that
    fills up half-way leaves no empty or half copy behind (the backup of `update`)."""
    map_ = doel.parent if str(doel.parent) else Path(".")
    fd, tijdelijk = _tijdelijk_bestand(doel, map_)
    try:
        shutil.copy2(bron, tijdelijk)
        os.replace(tijdelijk, doel)
    except BaseException:
        tijdelijk.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)
    return doel


def _tijdelijk_bestand(doel: Path, map_: Path) -> tuple[int, Path]:
    """A new hidden file next to `doel`, open and locked while this process writes it: a later run
    removes it only once the lock is free, that is once this process is gone (`restanten`)."""
    while True:
        try:
            fd, naam = tempfile.mkstemp(prefix=f".{doel.stem}.", suffix=doel.suffix + ".tmp", dir=map_)
        except OSError:
            raise OpslaanFout(f"{doel}: kan niet schrijven in de map {map_} (geen toestemming?)") from None
        if not restanten.VERGRENDELT or slot.vergrendel(fd, Path(naam)):
            return fd, Path(naam)
        os.close(fd)  # a sweeping run is removing it: take another name


def eis_schrijfbaar(doel: Path) -> None:
    """Refuse to replace a read-only file, as Excel refuses to save over one: a rename in a writable
    folder would replace it regardless of its mode (and root may write anything)."""
    try:
        modus = doel.stat().st_mode
    except OSError:
        return  # nothing there (yet): the folder decides
    if stat.S_ISREG(modus) and (not modus & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
                                or not os.access(doel, os.W_OK)):
        raise OpslaanFout(
            f"{doel} is alleen-lezen (schrijfbeveiligd) en wordt niet vervangen; er is niets veranderd. "
            "Haal de schrijfbeveiliging weg (Eigenschappen > Alleen-lezen uit, of chmod u+w) of kies een "
            "andere naam"
        )


def _modus(doel: Path) -> int:
    """The mode the file gets: a replaced file keeps its own; a new one follows the umask, as any
    program's new file does (mkstemp's 600 would hide a shared budget from colleagues)."""
    try:
        return doel.stat().st_mode & 0o7777
    except FileNotFoundError:
        masker = os.umask(0)
        os.umask(masker)
        return 0o666 & ~masker
