"""The results of one run and BENCHMARKS.md written from them.

Every item is an `Onderdeel`: a table of figures with their same-run baseline, the targets of
issue 7 with met / missed, and notes. The raw figures also go to JSON for the smoke test.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
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
    5: "5. Herberekenen in LibreOffice en formulecontrole",
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


def _doel(d: Doel) -> str:
    teken = {True: "gehaald", False: "**niet gehaald**", None: "niet gemeten"}[d.gehaald]
    return f"- {d.omschrijving}: {teken} ({d.gemeten})"


def markdown(
    machine: dict[str, str], opdracht: str, datum: str, duur_s: float, onderdelen: list[Onderdeel], inleiding: str
) -> str:
    regels = [
        "# Benchmarks",
        "",
        inleiding.strip(),
        "",
        "## Meetopstelling",
        "",
        f"- Opdracht: `{opdracht}`",
        f"- Datum: {datum} (de hele meting duurde {seconden(duur_s)})",
        *(f"- {sleutel}: {waarde}" for sleutel, waarde in machine.items()),
        "",
        "## Doelen (issue 7)",
        "",
        *(_doel(d) for o in onderdelen for d in o.doelen),
        "",
    ]
    for o in onderdelen:
        regels += [f"## {SECTIES[o.nummer]}", ""]
        regels += ["| " + " | ".join(o.kolommen) + " |", "|" + "---|" * len(o.kolommen)]
        regels += ["| " + " | ".join(rij) + " |" for rij in o.rijen]
        regels.append("")
        regels += [n.strip() + "\n" for n in o.notities]
    return "\n".join(regels).rstrip() + "\n"


def schrijf_json(pad: Path, machine: dict[str, str], onderdelen: list[Onderdeel]) -> None:
    pad.write_text(
        json.dumps({"machine": machine, "onderdelen": [asdict(o) for o in onderdelen]}, indent=2, ensure_ascii=False),
        encoding="utf-8",
    )
