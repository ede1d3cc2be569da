"""The sections of the decision that the code cites, one constant each.

The decision is the raadsvoorstel "Stand van zaken buurtnetwerken / Uitvoeringsregeling
Buurtnetwerken 2018" (collegebesluit 6 maart 2018). Reasons, help texts and workbook columns cite
a section by these constants, so a citation is spelled one way and can be found by name.
"""

from __future__ import annotations

ONDERDELEN = "§3.1"  # the components of the basissubsidie as they stood (activiteiten, plan van aanpak)
VOORSTEL = "§3.4"  # the proposal as a whole: basissubsidie + toeslag + supplement
BASISSUBSIDIE = "§3.4 punt 1"  # components unchanged but interchangeable, minimum and maximum
TOESLAG = "§3.4 punt 2"  # toeslag communicatiekosten above a number of households
SUPPLEMENT = "§3.4 punt 3"  # supplement for buurten with many vulnerable residents
BUDGET = "§8"  # Financiën: the reservation, the estimate of the adjustment, support
INTREKKING = "beslispunt 3"  # the 2017-2018 regeling is withdrawn
# §3.1 is also the state of the groups: 23 former buurtplatforms with a plan van aanpak, 7 new
# groups, and the buurtplan due before 1 November 2018 (the same section, so not in ALLE twice).
STAND_VAN_ZAKEN = ONDERDELEN
# The settlement after the year: the decision is silent, the Algemene wet bestuursrecht decides.
AWB_LAGER = "Awb art. 4:46 lid 2"  # a subsidy may be fixed lower when activities did not (fully) happen
AWB_TERUGVORDEREN = "Awb art. 4:57"  # amounts paid in excess may be reclaimed
# The decision letters' objection clause: "De termijn voor het indienen van een bezwaar- of
# beroepschrift bedraagt zes weken."
AWB_BEZWAAR = "Awb art. 6:7"

ALLE = (ONDERDELEN, VOORSTEL, BASISSUBSIDIE, TOESLAG, SUPPLEMENT, BUDGET, INTREKKING, AWB_LAGER,
        AWB_TERUGVORDEREN, AWB_BEZWAAR)

# How a help text marks a value the decision does not give (a parameter whose `bron` says "aanname:").
KEUZE = "keuze van de gemeente"
# The buurtscore's range: the decision names only the grens (< 57), not the scale of the buurtmonitor.
BUURTSCORE_SCHAAL = "0 tot 100 (aanname: de schaal van de buurtmonitor; het besluit noemt alleen de grens)"
# How a `bron` cites the decision: a section (§3.4 punt 2, §8) or one of its beslispunten.
SECTIE_PATROON = r"§\d+(?:\.\d+)*(?: punt \d+)?|beslispunt \d+"
