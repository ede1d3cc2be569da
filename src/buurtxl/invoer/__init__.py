"""Input: the input contract (`contract`: rows → `Aanvraag`s or every `Probleem`), the checks on a raw
file (`voorcontrole`), the readers of files and folders (`lezen`), one sheet as Excel shows it
(`werkblad`), totals rows (`totaalrijen`) and the application form (`formulier`).

The names of the contract are re-exported here: `from buurtxl import invoer; invoer.valideer(...)`.
"""

from .contract import (
    GELD,
    INFORMATIEF,
    KOLOMMEN,
    LEZER,
    VERPLICHT,
    Invoer,
    controleer_kolommen,
    normaliseer_kolom,
    valideer,
)

__all__ = [
    "GELD",
    "INFORMATIEF",
    "KOLOMMEN",
    "LEZER",
    "VERPLICHT",
    "Invoer",
    "controleer_kolommen",
    "normaliseer_kolom",
    "valideer",
]
