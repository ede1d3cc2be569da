"""Measuring: a command in a fresh process (wall time, its own peak RSS), and repeated timings.

`os.wait4` gives the resource usage of exactly the child it waited for, so the peak RSS of each
build is its own, not the largest of all children so far (`RUSAGE_CHILDREN` would be that).
On Linux `ru_maxrss` is in kilobytes.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
KIND = BENCH / "kind.py"


@dataclass(frozen=True)
class Proces:
    """One measured child process."""

    wand_s: float  # wall time from start to exit, as the user waits for it
    piek_rss_mb: float  # the child's own peak resident set size
    uitvoer: dict = field(default_factory=dict)  # the JSON the child printed last (kind.py), if any


class MeetFout(RuntimeError):
    pass


def proces(opdracht: Sequence[str], *, cwd: Path | None = None, env: dict | None = None) -> Proces:
    """Run `opdracht` to completion in a new process; fail loudly when it fails."""
    with tempfile.TemporaryFile("w+") as uit, tempfile.TemporaryFile("w+") as fout:
        start = time.perf_counter()
        kind = subprocess.Popen(list(opdracht), cwd=cwd, env=env, stdout=uit, stderr=fout, text=True)
        _, status, gebruik = os.wait4(kind.pid, 0)
        wand = time.perf_counter() - start
        kind.returncode = os.waitstatus_to_exitcode(status)
        uit.seek(0)
        fout.seek(0)
        tekst, fouttekst = uit.read(), fout.read()
    if kind.returncode != 0:
        raise MeetFout(f"{' '.join(map(str, opdracht))} stopte met code {kind.returncode}:\n{fouttekst[-2000:]}")
    regels = [r for r in tekst.splitlines() if r.startswith("{")]
    return Proces(wand, gebruik.ru_maxrss / 1024, json.loads(regels[-1]) if regels else {})


def kind(taak: str, *argumenten: str, env: dict | None = None) -> Proces:
    """Run a task of `kind.py` in a fresh Python process."""
    return proces([sys.executable, str(KIND), taak, *map(str, argumenten)], env=env)


def herhaald(functie: Callable[[], object], keer: int, *, opwarmen: int = 1) -> float:
    """Median seconds of `keer` calls after `opwarmen` untimed calls (caches, first imports)."""
    for _ in range(opwarmen):
        functie()
    tijden = []
    for _ in range(keer):
        start = time.perf_counter()
        functie()
        tijden.append(time.perf_counter() - start)
    return statistics.median(tijden)


def mediaan(metingen: Sequence[Proces], sleutel: Callable[[Proces], float]) -> float:
    return statistics.median(sleutel(m) for m in metingen)
