"""Child processes (LibreOffice) that end with the run that started them, also when it is killed.

LibreOffice runs in a process group of its own (so a time-out can end all of it: `soffice` is a
script that starts `oosplash`, which starts `soffice.bin`). A run killed with SIGKILL cannot end
that group itself, and LibreOffice would work on for seconds on files that are already gone. So
the group is led by a small watcher: it starts the command and waits on a pipe whose other end
only this process holds. When this process ends, however it ends, the system closes that end;
the watcher then ends the whole group. On a normal end `gestart` ends it too.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from typing import Any

# Runs as `python -c`: argv[1] is the pipe to watch, the rest the command.
_BEWAKER = """
import os, signal, subprocess, sys, threading
pijp = int(sys.argv[1])
kind = subprocess.Popen(sys.argv[2:])
def bewaak():
    try:
        while os.read(pijp, 4096):
            pass
    except OSError:
        pass
    if kind.poll() is None:
        os.killpg(0, signal.SIGKILL)
threading.Thread(target=bewaak, daemon=True).start()
sys.exit(kind.wait())
"""


@contextlib.contextmanager
def gestart(opdracht: Sequence[str], **opties: Any) -> Iterator[subprocess.Popen]:
    """`subprocess.Popen(opdracht, **opties)` in a process group of its own, ended (all of it)
    when the `with` ends and, through the watcher, when this process dies."""
    if sys.platform == "win32":  # no process groups to kill or fds to pass: end the child itself
        proces = subprocess.Popen(list(opdracht), **opties)
        try:
            yield proces
        finally:
            if proces.poll() is None:
                proces.kill()
                proces.wait()
        return
    lees, schrijf = os.pipe()
    try:
        proces = subprocess.Popen([sys.executable, "-c", _BEWAKER, str(lees), *opdracht], pass_fds=(lees,),
                                  start_new_session=True, **opties)
    except BaseException:
        os.close(schrijf)
        raise
    finally:
        os.close(lees)
    try:
        yield proces
    finally:
        beeindig(proces)
        os.close(schrijf)


def beeindig(proces: subprocess.Popen) -> None:
    """End `proces`'s process group (it leads one) if it still runs, and reap it."""
    if proces.poll() is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proces.pid, signal.SIGKILL)
        proces.wait()
