"""The built-in example: 30 Maastricht buurtnetwerken i.o. with real CBS household counts.

Only `huishoudens` is real (CBS Wijk- en Buurtkaart 2017). Which buurten apply, the buurtscores and
every amount are fictitious; whatever shows the example must show `KANTTEKENINGEN` with it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

NAAM = "voorbeeld_maastricht_2018.csv"
KANTTEKENINGEN = (
    "Voorbeeld: het aantal huishoudens per buurt is echt (CBS Wijk- en Buurtkaart 2017).",
    "Fictief: welke buurten een buurtnetwerk i.o. hebben, de buurtscores (er is geen openbare bron "
    "voor de buurtmonitor), de onderdelen, 'besteed', de aangevraagde supplementen, welke groep een "
    "voormalig buurtplatform is (het besluit noemt 23 en 7 nieuwe bewonersgroepen) en wie een plan van "
    "aanpak of buurtplan indiende zijn verzonnen ter illustratie.",
)


def pad() -> Path:
    """Path of the example CSV inside the installed package."""
    return Path(str(resources.files("buurtxl.regeling") / "data" / NAAM))
