"""Regenerate the built-in example (src/buurtxl/regeling/data/voorbeeld_maastricht_2018.csv).

Household counts are real (CBS Wijk- en Buurtkaart 2017, via shared/data/maastricht_buurten.csv);
every application value (which buurten have a buurtnetwerk i.o., buurtscore, components, besteed,
supplement requested, which group is a former buurtplatform and who handed in what) is
FICTITIOUS: chosen to be plausible against the decision (§3.1: 30 buurten
in development; §8: 9 buurten with many vulnerable residents) and to show each rule at work.

    python scripts/maak_voorbeeld.py ../shared/data/maastricht_buurten.csv
"""

import csv
import sys
from pathlib import Path

DOEL = Path(__file__).resolve().parents[1] / "src" / "buurtxl" / "regeling" / "data" / "voorbeeld_maastricht_2018.csv"

# 14 buurten without a buurtnetwerk i.o. in this illustration: mostly business parks and very small
# buurten (§3.1 speaks of 30 buurten with developments towards a buurtnetwerk).
ZONDER_BUURTNETWERK = {
    "Bosscherveld", "Belvédère", "Lanakerveld", "Beatrixhaven", "Meerssenhoven", "Frontenkwartier",
    "Sint Pieter", "Vroendaal", "Randwyck", "Jekerdal", "Campagne", "Boschpoort",
    "Dousberg-Hazendans", "Sint Maartenspoort",
}
# Fictitious buurtscores: 9 below 57 (§8: "de 9 buurten met veel kwetsbare bewoners"), one exactly
# on the boundary (57: no supplement), the rest above.
BUURTSCORE = {
    "Mariaberg": 48.5, "Malberg": 50.2, "Malpertuis": 54.0, "Pottenberg": 55.1, "Caberg": 53.7,
    "Wittevrouwenveld": 47.9, "Nazareth": 52.4, "Limmel": 51.3, "Wyckerpoort": 56.6, "Heer": 57,
}
STANDAARD_SCORE = {"Wijk 00 Centrum": 68, "Wijk 01 Buitenwijk Zuidwest": 74}
# Fictitious application details that show the rules at work.
AANVRAAG = {
    # interchanged components (§3.4 punt 1): more organisation, less communication
    "Binnenstad": {"organisatiekosten": "3100", "communicatiekosten": "1500", "besteed": "5850.00"},
    # only a total, at the minimum of the range
    "Jekerkwartier": {"basissubsidie": "4850"},
    "Biesland": {"basissubsidie": "5350"},
    # basissubsidie fully spent and the toeslag applied for (§3.4 punt 2, §8): toeslag aangevraagd; the
    # requests are above the maximum, so the amount is the maximum
    "Statenkwartier": {"besteed": "5850.00", "toeslag_aangevraagd": "1000"},
    "Brusselsepoort": {"besteed": "6010.25", "toeslag_aangevraagd": "1000"},
    # fully spent, but no toeslag applied for: potentieel (the maximum stays reserved)
    "Wyck": {"organisatiekosten": "2600", "communicatiekosten": "1800", "besteed": "5650.00"},
    # not yet fully spent: no toeslag (yet)
    "Kommelkwartier": {"besteed": "5849.99"},
    "Daalhof": {"besteed": "4200.00"},
    # just above the threshold of 1,300 households (CBS: 1,315)
    "Boschstraatkwartier": {"besteed": "5850.00"},
    # vulnerable buurten with an explicit request (others reserve the maximum)
    "Mariaberg": {"supplement_aangevraagd": "2500"},
    "Limmel": {"supplement_aangevraagd": "1800"},
    "Malberg": {"supplement_aangevraagd": "3000"},
}
# What the groups are (§3.1: 23 former buurtplatforms with a plan van aanpak, 7 new groups of
# residents; the buurtplan is due before 1 November 2018). The counts follow the decision; WHICH
# buurt is which, and who handed in what, is fictitious.
NIEUWE_BEWONERSGROEPEN = {"Villapark", "Wolder", "Belfort", "Oud-Caberg", "Heugemerveld", "Itteren", "De Heeg"}
PLAN_VAN_AANPAK_NIEUW = {"Villapark", "Wolder", "Belfort", "Itteren"}  # of the 7 new groups
BUURTPLAN_INGEDIEND = {
    "Binnenstad", "Jekerkwartier", "Statenkwartier", "Wyck", "Biesland", "Brusselsepoort", "Mariaberg",
    "Pottenberg", "Caberg", "Daalhof", "Wyckerpoort", "Nazareth", "Scharn", "Amby", "Borgharen", "Heer",
}
KOLOMMEN = [
    "buurtcode", "buurt", "wijk", "huishoudens", "buurtscore", "organisatiekosten",
    "communicatiekosten", "activiteiten", "plan_van_aanpak", "basissubsidie", "besteed",
    "supplement_aangevraagd", "toeslag_aangevraagd", "soort_groep", "plan_van_aanpak_ingediend",
    "buurtplan_ingediend", "bron",
]


def main(bron: str) -> None:
    with open(bron, encoding="utf-8", newline="") as f:
        buurten = [r for r in csv.DictReader(f) if r["buurt"] not in ZONDER_BUURTNETWERK]
    assert len(buurten) == 30, len(buurten)
    DOEL.parent.mkdir(parents=True, exist_ok=True)
    with open(DOEL, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, KOLOMMEN, lineterminator="\n")
        w.writeheader()
        for r in buurten:
            score = BUURTSCORE.get(r["buurt"], STANDAARD_SCORE.get(r["wijk"], 62))
            rij = dict.fromkeys(KOLOMMEN, "")
            rij.update(
                buurtcode=r["buurtcode"], buurt=r["buurt"], wijk=r["wijk"],
                huishoudens=r["huishoudens"], buurtscore=score,
                bron=f"huishoudens: CBS Wijk- en Buurtkaart {r['huishoudens_peiljaar']}; "
                "overige waarden fictief (illustratie)",
            )
            rij.update(AANVRAAG.get(r["buurt"], {}))
            nieuw = r["buurt"] in NIEUWE_BEWONERSGROEPEN
            rij.update(
                soort_groep="nieuwe bewonersgroep" if nieuw else "voormalig buurtplatform",
                plan_van_aanpak_ingediend="ja" if not nieuw or r["buurt"] in PLAN_VAN_AANPAK_NIEUW else "nee",
                buurtplan_ingediend="ja" if r["buurt"] in BUURTPLAN_INGEDIEND else "nee",
            )
            w.writerow(rij)
    print(f"geschreven: {DOEL}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/maastricht_buurten.csv")
