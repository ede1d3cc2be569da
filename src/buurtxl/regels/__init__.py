"""The rules of the scheme as pure functions (`subsidie`), all of them for one application and the
§8 budget of many (`berekening`), the same rules over a DataFrame (`tabel`),
the settlement after the year (`vaststelling`), the support budget (`ondersteuning`) and what the
groups are (`groepen`).

`buurtxl.regels` is the public way in to the rules for one application: the names of `subsidie` and
`berekening` are re-exported here. `tabel` imports pandas and is not imported by this package.
"""

from ..model import Resultaat
from .berekening import begroting, bereken, samenvatting
from .subsidie import (
    NUL,
    Basissubsidie,
    RegelFout,
    Supplement,
    Toeslag,
    ToeslagPercentage,
    basissubsidie,
    onzeker,
    percentage_decimaal,
    supplement_kwetsbaar,
    toeslag_bedrag,
    toeslag_communicatie,
    toeslag_percentage,
)

__all__ = [
    "NUL",
    "Basissubsidie",
    "RegelFout",
    "Resultaat",
    "Supplement",
    "Toeslag",
    "ToeslagPercentage",
    "basissubsidie",
    "begroting",
    "bereken",
    "onzeker",
    "percentage_decimaal",
    "samenvatting",
    "supplement_kwetsbaar",
    "toeslag_bedrag",
    "toeslag_communicatie",
    "toeslag_percentage",
]
