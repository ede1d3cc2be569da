"""Exclusive locks on a file, held for as long as a process needs them and released by the system
when it dies (fcntl.flock on POSIX, msvcrt.locking on Windows).

Two uses: `update` takes a lock on a file next to the workbook for the whole run, so a second run
waits or stops instead of silently losing the first run's work; and leftovers of a killed run are
recognised by a lock that nobody holds any more (the kernel drops a dead process's locks; no pid
check, which a reused pid would fool).

Why not the `filelock` package: on POSIX it leaves its lock file behind for good (deleting a
flock'ed file races with a waiter that opened it). A lock file next to a user's workbook must go
when the run ends, so `Slot` uses the usual safe protocol: after locking, check that the path
still names the locked file (else a releaser deleted it: try again); release by deleting the
path while still holding the lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import sys
import time
from pathlib import Path

from .model import BuurtxlFout

WACHT_STAP = 0.1  # seconds between tries


class Bezet(BuurtxlFout):
    """Another process holds the lock; `houder` is what it wrote in the lock file (may be '')."""

    def __init__(self, pad: Path, houder: str) -> None:
        super().__init__(str(pad))
        self.pad = pad
        self.houder = houder


if sys.platform == "win32":
    import msvcrt

    def _probeer(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _laat_los(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _probeer(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _laat_los(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _zelfde(fd: int, pad: Path) -> bool:
    """Whether `pad` still names the file open as `fd` (a releaser may have deleted it)."""
    try:
        a, b = os.fstat(fd), os.stat(pad)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


class Slot:
    """A held lock on `pad`; `vrijgeven` (or leaving the `with`) deletes the file and releases it."""

    def __init__(self, pad: Path, fd: int) -> None:
        self.pad, self._fd = pad, fd

    def vrijgeven(self) -> None:
        if self._fd < 0:
            return
        with contextlib.suppress(OSError):
            if _zelfde(self._fd, self.pad):
                self.pad.unlink()  # while still locked: a waiter then sees a deleted file and retries
        _laat_los(self._fd)
        os.close(self._fd)
        self._fd = -1

    def __enter__(self) -> Slot:
        return self

    def __exit__(self, *_: object) -> None:
        self.vrijgeven()


def neem(pad: Path, *, wachten: float = 0.0, maken: bool = True) -> Slot:
    """Lock `pad`, waiting up to `wachten` seconds; raise `Bezet` after. With `maken` the file is
    created when missing and says who holds it (`beschrijving`), for whoever finds it locked;
    without, `pad` must exist and is left as it is (FileNotFoundError otherwise)."""
    grens = time.monotonic() + wachten
    while True:
        fd = os.open(pad, os.O_RDWR | (os.O_CREAT if maken else 0) | getattr(os, "O_NOFOLLOW", 0), 0o644)
        if vergrendel(fd, pad):
            if maken:
                os.ftruncate(fd, 0)
                os.write(fd, beschrijving().encode("utf-8"))
            return Slot(pad, fd)
        os.close(fd)
        if time.monotonic() >= grens:
            raise Bezet(pad, _lees(pad))
        time.sleep(WACHT_STAP)


def vergrendel(fd: int, pad: Path) -> bool:
    """Lock the open file `fd` without waiting, if it is still the file named `pad`; whether it worked
    (after a failed try `fd` holds no lock)."""
    if not _probeer(fd):
        return False
    if _zelfde(fd, pad):
        return True
    _laat_los(fd)
    return False


def beschrijving() -> str:
    """Who holds a lock: 'proces 1234 op pc-17, sinds 14:03:12'."""
    return f"proces {os.getpid()} op {socket.gethostname()}, sinds {dt.datetime.now():%H:%M:%S}"


def _lees(pad: Path) -> str:
    try:
        return pad.read_text("utf-8", errors="replace").strip()[:200]
    except OSError:
        return ""
