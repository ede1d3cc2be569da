"""`buurtxl build`: write the budget workbook and the per-buurt workbooks, atomically.

The workbooks themselves come from `buurtxl.werkmap`; this module chooses file names, records
where the input came from (`Herkomst`), refuses to overwrite before anything is written, and
spreads many per-buurt files over the processor cores.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .. import opslaan, regeling as regelingen
from ..model import Aanvraag, Herkomst
from ..opslaan import OpslaanFout
from ..regeling import Regeling

# Below this many files a process pool costs more (starting workers, importing) than it saves.
PARALLEL_VANAF = 40


def vrije_naam(pad: Path) -> Path:
    """`pad`, or the first `stem_2`, `stem_3`, … that does not exist yet (for default names only)."""
    kandidaat, n = pad, 1
    while kandidaat.exists():
        n += 1
        kandidaat = pad.with_name(f"{pad.stem}_{n}{pad.suffix}")
    return kandidaat


def herkomst(
    naam: str, bron: Path | None, kanttekeningen: Sequence[str] = (), *, formulieren: Sequence[Path] = ()
) -> Herkomst:
    """Provenance for the Toelichting sheet: input name, its SHA-256 (single files) and the time;
    for a folder each form read, by its path inside the folder, with its own SHA-256."""
    sha = hashlib.sha256(bron.read_bytes()).hexdigest() if bron is not None and bron.is_file() else None
    nu = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    bestanden = tuple(
        (p.relative_to(bron).as_posix() if bron is not None and bron.is_dir() else p.name,
         hashlib.sha256(p.read_bytes()).hexdigest())
        for p in formulieren
    )
    return Herkomst(invoer=naam, sha256=sha, gegenereerd=nu, kanttekeningen=tuple(kanttekeningen),
                    bestanden=bestanden)


def controleer_doelen(doelen: Sequence[Path], *, force: bool, invoer: Sequence[Path],
                      mappen: Sequence[Path] = ()) -> None:
    """Refuse before writing anything: a half-written set of files is worse than none.

    `mappen` are folders the command will create or write into (--per-buurt): none may be a file,
    nor one of `doelen` (`-o d/x.xlsx --per-buurt d/x.xlsx` would write the workbook and then fail
    to make the folder)."""
    bronnen = {p.resolve() for p in invoer if p.exists()}
    for map_ in mappen:
        if map_.exists() and not map_.is_dir():
            raise OpslaanFout(f"{map_} is een bestand; geef voor --per-buurt een map op")
        botsing = next((d for d in doelen if d.resolve() == map_.resolve() or d.resolve() in map_.resolve().parents),
                       None)
        if botsing is not None:
            raise OpslaanFout(f"{map_}: dezelfde naam als de uitvoer {botsing}; kies voor --per-buurt een andere map")
    for doel in doelen:
        if doel.exists() and doel.resolve() in bronnen:
            raise OpslaanFout(f"{doel}: dit is een invoerbestand; kies een andere naam voor de uitvoer")
        if doel.is_dir():
            raise OpslaanFout(f"{doel} is een map; geef een bestandsnaam voor de uitvoer op")
        opslaan.eis_schrijfbaar(doel)
        ouder = next((m for m in doel.parents if m.exists() and not m.is_dir()), None)
        if ouder is not None:
            raise OpslaanFout(f"{doel}: {ouder} is een bestand, geen map")
    bestaand = [d for d in doelen if d.exists()]
    if bestaand and not force:
        meer = f" (en nog {len(bestaand) - 1} andere)" if len(bestaand) > 1 else ""
        raise OpslaanFout(f"{bestaand[0]} bestaat al{meer}; gebruik --force om te vervangen")


def schrijf_begroting(
    aanvragen: Sequence[Aanvraag], regeling: Regeling, doel: Path, *, formules: str,
    herkomst: Herkomst, force: bool, invoer: Sequence[Path], ondersteuning: Sequence | None = None,
) -> Path:
    from ..werkmap import maak_begroting  # imported late: the other commands do not need it
    from ..werkmap.bewaren import bewaar

    wb = maak_begroting(list(aanvragen), regeling, formules=formules, herkomst=herkomst, ondersteuning=ondersteuning)
    return opslaan.schrijf_atomair(doel, lambda pad: bewaar(wb, pad), overschrijven=force, invoer=tuple(invoer))


def bestandsnamen(aanvragen: Sequence[Aanvraag], map_: Path) -> list[Path]:
    """One file name per buurtnetwerk, readable and unique within the folder."""
    namen: list[Path] = []
    gebruikt: set[str] = set()
    for a in aanvragen:
        stam = _bestandsnaam_uit(f"{a.buurtcode}_{a.buurt}" if a.buurtcode else a.buurt) or "buurt"
        naam, n = stam, 1
        while naam.casefold() in gebruikt:
            n += 1
            naam = f"{stam}_{n}"
        gebruikt.add(naam.casefold())
        namen.append(map_ / f"{naam}.xlsx")
    return namen


def _bestandsnaam_uit(tekst: str) -> str:
    """ASCII letters, digits, '-' and '_' only: valid on every file system, no path tricks."""
    ascii_ = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_-]+", "_", ascii_).strip("_")[:80]


@dataclass(frozen=True)
class Buurtbestand:
    """One per-buurt workbook to write; picklable, so a worker process can take it."""

    aanvraag: Aanvraag
    regeling: str  # by name: a worker loads it itself
    doel: Path
    formules: str
    herkomst: Herkomst
    overschrijven: bool
    invoer: tuple[Path, ...]


def schrijf_per_buurt(
    aanvragen: Sequence[Aanvraag], regeling: Regeling, doelen: Sequence[Path], *, formules: str,
    herkomst: Herkomst, force: bool, invoer: Sequence[Path], klaar: Callable[[], None] = lambda: None,
    formulieren: Sequence[str | None] | None = None,
) -> list[Path]:
    """One workbook per buurtnetwerk; `klaar` is called after each file (the progress bar).

    `formulieren`: per application the name of the form it was read from. A workbook sent to one
    group carries its own form's name and SHA-256 only, never the other groups' (issue 22)."""
    # Imported here: the pool's modules cost a single build (and `buurtxl --version`) ~40 ms.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    eigen = list(formulieren) if formulieren is not None else [None] * len(aanvragen)
    taken = [
        Buurtbestand(a, regeling.naam, d, formules, eigen_herkomst(herkomst, f), force, tuple(invoer))
        for a, d, f in zip(aanvragen, doelen, eigen, strict=True)
    ]
    kernen = os.cpu_count() or 1
    uit: list[Path] = []
    rest = taken
    if len(taken) >= PARALLEL_VANAF and kernen > 1 and regelingen.laad(regeling.naam) is regeling:
        # Workers load the regeling by name, so a what-if copy is always written in this process.
        # forkserver: workers never inherit the progress bar's thread (fork with threads can deadlock).
        methode = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else None
        try:
            with ProcessPoolExecutor(min(kernen, 4), mp_context=multiprocessing.get_context(methode)) as pool:
                for pad in pool.map(_schrijf_buurt, taken, chunksize=8):
                    uit.append(pad)
                    klaar()
            return uit
        except BrokenProcessPool:
            # A worker died (memory, a killed process): finish here. The targets were checked
            # before writing began, so a file a dead worker may have left is ours to replace.
            rest = [replace(t, overschrijven=True) for t in taken[len(uit):]]
    for taak in rest:
        uit.append(_schrijf_buurt(taak, regeling))
        klaar()
    return uit


def eigen_herkomst(herkomst: Herkomst, formulier: str | None) -> Herkomst:
    """The provenance of one group's workbook: only its own form among the files read."""
    return replace(herkomst, bestanden=tuple(b for b in herkomst.bestanden if b[0] == formulier))


def _schrijf_buurt(taak: Buurtbestand, regeling: Regeling | None = None) -> Path:
    from ..werkmap import maak_buurtwerkmap
    from ..werkmap.bewaren import bewaar

    regeling = regeling or regelingen.laad(taak.regeling)
    wb = maak_buurtwerkmap(taak.aanvraag, regeling, formules=taak.formules, herkomst=taak.herkomst)
    return opslaan.schrijf_atomair(
        taak.doel, lambda pad: bewaar(wb, pad), overschrijven=taak.overschrijven, invoer=taak.invoer
    )
