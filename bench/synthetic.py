"""Synthetic data sets of N buurten, the same for the same (N, seed), valid under the 2018 regeling.

The mix is chosen to exercise every branch the build and the rules have: households on both sides
of the 1,300 drempel and beyond the 15% cap, buurtscores below and above 57 and empty, the
basissubsidie as four components, as a total, or left to the standard amounts, `besteed` known or
empty, a supplement requested or not. Names and codes are plainly synthetic (``BU99…``).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from buurtxl import invoer, regeling
from buurtxl.regels import tabel

KOLOMMEN = [
    "buurtcode", "buurt", "wijk", "huishoudens", "buurtscore", "organisatiekosten",
    "communicatiekosten", "activiteiten", "plan_van_aanpak", "basissubsidie", "besteed",
    "supplement_aangevraagd",
]
STANDAARD_SEED = 2018


def rijen(n: int, seed: int = STANDAARD_SEED) -> list[dict[str, str]]:
    """N rows of the input contract, every cell as text the way a CSV holds it."""
    rnd = random.Random(seed)
    uit = []
    for i in range(n):
        rij = dict.fromkeys(KOLOMMEN, "")
        rij["buurtcode"] = f"BU99{i:08d}"
        rij["buurt"] = f"Synthetische buurt {i + 1:05d}"
        rij["wijk"] = f"Synthetische wijk {i // 10 + 1:04d}"
        rij["huishoudens"] = str(rnd.randint(150, 3200))
        if rnd.random() < 0.9:
            rij["buurtscore"] = f"{rnd.uniform(40, 90):.1f}"
        soort = rnd.random()
        if soort < 0.4:  # four components; organisatie and communicatie are interchangeable
            organisatie_communicatie = rnd.randrange(3600, 4601, 50)
            organisatie = rnd.randrange(1000, organisatie_communicatie - 999, 50)
            rij.update(
                organisatiekosten=str(organisatie),
                communicatiekosten=str(organisatie_communicatie - organisatie),
                activiteiten="500", plan_van_aanpak="750",
            )
        elif soort < 0.7:  # only the total
            rij["basissubsidie"] = f"{rnd.randrange(485000, 585001, 50) / 100:.2f}"
        if rnd.random() < 0.6:  # below, at and above a full basissubsidie
            rij["besteed"] = rnd.choice(["4000.00", "4850.00", "5850.00", "6000.00"])
        if rnd.random() < 0.3:
            rij["supplement_aangevraagd"] = str(rnd.randrange(500, 3001, 250))
        uit.append(rij)
    return uit


def schrijf_csv(pad: Path, n: int, seed: int = STANDAARD_SEED) -> Path:
    """The data set as a comma-separated file with a header row (what `buurtxl build` reads)."""
    with open(pad, "w", newline="", encoding="utf-8") as f:
        schrijver = csv.DictWriter(f, fieldnames=KOLOMMEN)
        schrijver.writeheader()
        schrijver.writerows(rijen(n, seed))
    return pad


def aanvragen(n: int, seed: int = STANDAARD_SEED, naam: str = "2018"):
    """The data set validated through the input contract: a list of `Aanvraag`."""
    gelezen = invoer.valideer(enumerate(rijen(n, seed), start=2), regeling.laad(naam))
    if gelezen.fouten:
        raise ValueError(f"synthetische data ongeldig: {gelezen.fouten[0]}")
    return gelezen.aanvragen


def frame(n: int, seed: int = STANDAARD_SEED):
    """The data set as a DataFrame of the input contract."""
    return tabel.frame(aanvragen(n, seed))
