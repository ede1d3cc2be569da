"""The scheme's data: its parameter files (`regelingen/*.toml`, loaded by `parameters`), the sections
of the decision they cite (`bronnen`), the built-in example (`data/`, `voorbeeld`) and the CBS
household counts a form is checked against (`cbs`).

`from buurtxl import regeling; regeling.laad("2018")` is the public way in: the names of `parameters`
are re-exported here.
"""

from .parameters import (
    BASISLIJN,
    BUDGET,
    COMPONENTEN,
    KOP_SLEUTELS,
    PARAMETER_SLEUTELS,
    STANDAARD,
    VERPLICHT,
    Parameter,
    Regeling,
    RegelingFout,
    beschikbaar,
    laad,
    laad_bestand,
)

__all__ = [
    "BASISLIJN",
    "BUDGET",
    "COMPONENTEN",
    "KOP_SLEUTELS",
    "PARAMETER_SLEUTELS",
    "STANDAARD",
    "VERPLICHT",
    "Parameter",
    "Regeling",
    "RegelingFout",
    "beschikbaar",
    "laad",
    "laad_bestand",
]
