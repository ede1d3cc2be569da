"""buurtxl: de Excel-functies van de Uitvoeringsregeling Buurtnetwerken 2018 (Maastricht) in xlwings Lite.

De functies staan in het pakket buurtxl (requirements.txt); dit bestand haalt ze alleen op, zodat
Lite ze registreert. Gemaakt door xl/maak_lite.py; zie xl/INSTALLEREN.md, xlwings Lite-route.
"""

from buurtxl.excel.udfs import (  # noqa: F401 (xlwings Lite registreert wat main.py bevat)
    BASISSUBSIDIE,
    REGELING,
    SUBSIDIE_TOTAAL,
    SUPPLEMENT_KWETSBAAR,
    TOESLAG_COMMUNICATIE,
    TOESLAG_PERCENTAGE,
    UITLEG,
)
