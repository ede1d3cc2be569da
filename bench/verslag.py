"""The results of a run and their place in BENCHMARKS.md.

Every item is an `Onderdeel`: a table of figures with their same-run baseline, its targets with
met / missed, and notes. Each item's section is marked (``<!-- onderdeel-N:begin -->`` …
``<!-- onderdeel-N:einde -->``), so a run of some items replaces only their sections and keeps the
rest of the file: the other items' last results, the hand-written analysis, other scripts' sections.
"""

from __future__ import annotations

import json
import math
import os
import platform
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path


@dataclass
class Doel:
    omschrijving: str
    gehaald: bool | None  # None: not measured in this run
    gemeten: str


@dataclass
class Onderdeel:
    nummer: int
    titel: str
    kolommen: list[str]
    rijen: list[list[str]] = field(default_factory=list)
    cijfers: dict[str, float] = field(default_factory=dict)  # raw figures (seconds, MB, ratios)
    doelen: list[Doel] = field(default_factory=list)
    notities: list[str] = field(default_factory=list)


SECTIES = {
    1: "1. Bouwen van de begrotingswerkmap",
    2: "2. Werkmappen per buurt (--per-buurt)",
    3: "3. Regels: DataFrame-pad tegenover een lus per rij",
    4: "4. Matrixfunctie TOESLAG_COMMUNICATIE",
    5: "5. Herberekenen in LibreOffice",
    6: "6. Opstarten van de opdrachtregel",
}


def getal(waarde: float, decimalen: int = 2) -> str:
    """Dutch number display: 1.234,56."""
    if waarde is None or (isinstance(waarde, float) and math.isnan(waarde)):
        return "–"
    tekst = f"{waarde:,.{decimalen}f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def seconden(s: float) -> str:
    if s < 0.001:
        return f"{getal(s * 1e6, 1)} µs"
    return f"{getal(s * 1000, 1)} ms" if s < 1 else f"{getal(s, 2)} s"


def keer(ratio: float) -> str:
    return f"{getal(ratio, 1)}×"


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = next((r.split(":", 1)[1].strip() for r in _regels("/proc/cpuinfo") if r.startswith("model name")), None)
    kb = next((int(r.split()[1]) for r in _regels("/proc/meminfo") if r.startswith("MemTotal:")), None)
    uit = {
        "processor": cpu or platform.processor() or "onbekend",
        "kernen": str(os.cpu_count()),
        "geheugen": getal(kb / 1024 / 1024, 1) + " GB" if kb else "onbekend",
        "systeem": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
    }
    for naam in ("buurtxl", "openpyxl", "xlsxwriter", "pandas", "numpy", "xlwings", "click"):
        try:
            uit[naam] = metadata.version(naam)
        except metadata.PackageNotFoundError:
            uit[naam] = "niet geïnstalleerd"
    return uit


def _regels(pad: str) -> list[str]:
    try:
        return Path(pad).read_text().splitlines()
    except OSError:
        return []


def _doel(d: Doel) -> str:
    teken = {True: "gehaald", False: "**niet gehaald**", None: "niet gemeten"}[d.gehaald]
    return f"- {d.omschrijving}: {teken} ({d.gemeten})"


def sectie(o: Onderdeel, opdracht: str, datum: str, gegevens: dict[str, str]) -> str:
    """One item as Markdown: when, how and on what it was measured, the table, its targets, the notes."""
    waarop = f"{gegevens.get('processor', 'onbekend')}, {gegevens.get('kernen', '?')} kernen"
    regels = [f"## {SECTIES[o.nummer]}", "", f"Gemeten op {datum} met `{opdracht}` ({waarop}).", ""]
    regels += ["| " + " | ".join(o.kolommen) + " |", "|" + "---|" * len(o.kolommen)]
    regels += ["| " + " | ".join(rij) + " |" for rij in o.rijen]
    regels += ["", *(_doel(d) for d in o.doelen), ""]
    regels += [n.strip() + "\n" for n in o.notities]
    return "\n".join(regels).rstrip() + "\n"


def meetopstelling(gegevens: dict[str, str]) -> str:
    regels = [f"- {k}: {w}" for k, w in gegevens.items()]
    return "## Meetopstelling\n\nDe machine van de laatste meting:\n\n" + "\n".join(regels) + "\n"


def vervang(tekst: str, naam: str, inhoud: str) -> str:
    """`tekst` with the marked section `naam` replaced by `inhoud` (appended when absent)."""
    begin, einde = f"<!-- {naam}:begin -->", f"<!-- {naam}:einde -->"
    blok = f"{begin}\n{inhoud.strip()}\n{einde}"
    if begin in tekst and einde in tekst:
        voor, rest = tekst.split(begin, 1)
        return voor + blok + rest.split(einde, 1)[1]
    return tekst.rstrip("\n") + "\n\n" + blok + "\n"


def schrijf_json(pad: Path, gegevens: dict[str, str], onderdelen: list[Onderdeel]) -> None:
    pad.write_text(
        json.dumps({"machine": gegevens, "onderdelen": [asdict(o) for o in onderdelen]}, indent=2, ensure_ascii=False),
        encoding="utf-8",
    )
