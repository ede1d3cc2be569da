"""The rules over a whole table of buurten at once (pandas), plus the budget and the 2018 impact.

Amounts are computed vectorised in whole cents with integer arithmetic, so they equal the per-row
functions of `regels` to the cent (a property test holds them equal) while 100,000 rows take a
fraction of a second. Each rule's arithmetic is a public function over numpy arrays
(`basissubsidie_cents`, `toeslag_percentage`, `toeslag_cents`, `supplement_cents`), shared by
`bereken_tabel` and the Excel functions' range path (`udfs`). Reasons are text for people: with
``met_redenen=True`` they come from the per-row functions themselves, so their wording lives in one
place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd

from .. import regels
from ..model import Aanvraag, Begroting, SupplementStatus, ToeslagStatus
from ..regeling import BASISLIJN, COMPONENTEN, Regeling, laad

INVOER_KOLOMMEN = list(Aanvraag.__dataclass_fields__)
UITVOER_KOLOMMEN = [
    "buurt", "buurtcode", "huishoudens", "buurtscore", "basissubsidie", "toeslag_percentage",
    "toeslag_communicatie", "toeslag_status", "supplement_kwetsbaar", "supplement_status", "totaal",
]
REDEN_KOLOMMEN = ["reden_basissubsidie", "reden_toeslag", "reden_supplement"]
GELD_UIT = ["basissubsidie", "toeslag_communicatie", "supplement_kwetsbaar", "totaal"]


def frame(aanvragen: Iterable[Aanvraag]) -> pd.DataFrame:
    """Validated applications as a DataFrame of the input contract (money as Decimal or None)."""
    return pd.DataFrame([asdict(a) for a in aanvragen], columns=INVOER_KOLOMMEN)


def aanvragen(df: pd.DataFrame) -> list[Aanvraag]:
    """The inverse of `frame`: rows back to `Aanvraag` objects (NaN and NA become None)."""
    schoon = df.reindex(columns=INVOER_KOLOMMEN).astype(object)
    schoon = schoon.where(schoon.notna(), None)
    return [Aanvraag(**rij) for rij in schoon.to_dict("records")]


def _cents(kolom: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(cents as int64, known mask). Inputs are validated to whole cents, so rounding is exact.
    Each distinct value is converted once: converting Decimals is the slow part, and they repeat."""
    codes, uniek = pd.factorize(kolom, use_na_sentinel=True)
    getallen = pd.to_numeric(pd.Series(uniek, dtype=object), errors="raise").to_numpy(dtype=float, na_value=np.nan)
    waarden = np.append(getallen, np.nan)[codes]  # code -1 (empty) picks the trailing NaN
    bekend = ~np.isnan(waarden)
    return np.where(bekend, np.rint(np.nan_to_num(waarden) * 100), 0).astype(np.int64), bekend


def _decimal(getallen: np.ndarray, exponent: int = -2) -> np.ndarray:
    """Integers (cents, or millionths) as Decimals. Amounts repeat a lot (5850.00, 877.50), so
    each distinct value is converted once."""
    uniek, index = np.unique(getallen, return_inverse=True)
    return np.array([Decimal(int(u)).scaleb(exponent) for u in uniek], dtype=object)[index]


def basissubsidie_cents(
    regeling: Regeling,
    onderdelen: Mapping[str, tuple[np.ndarray, np.ndarray]],
    totaal_cents: np.ndarray,
    totaal_bekend: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """§3.4 punt 1 over arrays (see `regels.basissubsidie`): (basissubsidie in cents, fout).

    `onderdelen` maps a component name to (cents, known mask); a component left out, or not
    known in a row, counts with the regeling's standard amount. A known total stands for the
    components when none is known. `fout` marks the rows the per-row rule refuses (outside the
    minimum–maximum, or components that do not add up to the given total); their amount is
    meaningless, and the per-row rule words why.
    """
    n = len(totaal_cents)
    som = np.zeros(n, dtype=np.int64)
    enig_deel = np.zeros(n, dtype=bool)
    for c in COMPONENTEN:
        cents, bekend = onderdelen.get(c, (np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool)))
        standaard = int(regeling.waarde(f"basissubsidie.{c}") * 100)
        som += np.where(bekend, cents, standaard)
        enig_deel |= bekend
    basis = np.where(totaal_bekend & ~enig_deel, totaal_cents, som)
    minimum = int(regeling.waarde("basissubsidie.minimum") * 100)
    maximum = int(regeling.waarde("basissubsidie.maximum") * 100)
    fout = (basis < minimum) | (basis > maximum) | (totaal_bekend & enig_deel & (totaal_cents != som))
    if not regeling.vlag("basissubsidie.uitwisselbaar"):
        # Not interchangeable (2017-2018): a given component must equal its fixed amount.
        for c, (cents, bekend) in onderdelen.items():
            fout |= bekend & (cents != int(regeling.waarde(f"basissubsidie.{c}") * 100))
    return basis, fout


def toeslag_percentage(
    regeling: Regeling, huishoudens: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """§3.4 punt 2 over arrays (see `regels.toeslag_percentage`): the exact percentage per row as
    teller / deler (int64; 0 / 1 where there is no toeslag), and the mask of capped rows."""
    drempel = int(regeling.waarde("toeslag.drempel_huishoudens"))
    noemer = int(regeling.waarde("toeslag.basis_huishoudens"))
    maximum = Fraction(regeling.waarde("toeslag.max_percentage"))
    boven = np.asarray(huishoudens, dtype=np.int64) - drempel
    kwalificeert = (boven > 0) & (maximum > 0)
    # Capped once (h − drempel) / noemer ≥ maximum, i.e. from this many households above the drempel:
    plafond = -((-maximum.numerator * noemer) // maximum.denominator)
    afgetopt = kwalificeert & (boven >= plafond)
    teller = np.where(afgetopt, maximum.numerator, np.where(kwalificeert, boven, 0))
    deler = np.where(afgetopt, maximum.denominator, np.where(kwalificeert, noemer, 1))
    return teller, deler, afgetopt


def _miljoenste(
    regeling: Regeling, teller: np.ndarray, deler: np.ndarray, afgetopt: np.ndarray
) -> np.ndarray:
    """The percentage in millionths, rounded half up like `regels.percentage_decimaal`."""
    maximum = Fraction(regeling.waarde("toeslag.max_percentage"))
    # The capped value goes through Decimal: the maximum's own numerator may be too large for int64 × 10^6.
    afgetopt_miljoenste = int(regels.percentage_decimaal(maximum).scaleb(6)) if maximum > 0 else 0
    vrij = np.where(afgetopt, 0, teller)  # uncapped: teller < plafond, small
    return np.where(afgetopt, afgetopt_miljoenste, (2 * vrij * 1_000_000 + deler) // (2 * deler))


def toeslag_cents(
    regeling: Regeling,
    huishoudens: np.ndarray,
    basis_cents: np.ndarray,
    besteed_cents: np.ndarray,
    besteed_bekend: np.ndarray,
    aangevraagd: tuple[np.ndarray, np.ndarray] | None = None,
    huishoudens_bekend: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """§3.4 punt 2 over arrays (see `regels.toeslag_communicatie`): (toeslag in cents, percentage in
    millionths, status). Exact integer arithmetic: cents × percentage, rounded half up; due only
    when besteed ≥ basissubsidie, and without besteed the potential toeslag. `aangevraagd`
    (cents, known mask) caps the toeslag at the request where one is known. Rows whose households
    are not known (`huishoudens_bekend` False) get 0 and status "ontbreekt"."""
    teller, deler, afgetopt = toeslag_percentage(regeling, huishoudens)
    bekend = np.ones(len(teller), dtype=bool) if huishoudens_bekend is None else huishoudens_bekend
    kwalificeert = (teller > 0) & bekend
    ontbreekt = ~bekend & (regeling.waarde("toeslag.max_percentage") > 0)
    potentieel = (2 * basis_cents * teller + deler) // (2 * deler)
    gevraagd_bekend = np.zeros(len(teller), dtype=bool)
    if aangevraagd is not None:
        gevraagd_cents, gevraagd_bekend = aangevraagd
        potentieel = np.where(gevraagd_bekend, np.minimum(gevraagd_cents, potentieel), potentieel)
    volledig = besteed_bekend & (besteed_cents >= basis_cents)
    toeslag = np.where((besteed_bekend & ~volledig) | ~bekend, 0, potentieel)
    # §3.4 punt 2, §8: without a request the toeslag stays potentieel (see `toeslag.op_aanvraag`).
    zonder_aanvraag = ~gevraagd_bekend & regeling.vlag("toeslag.op_aanvraag")
    status = np.select(
        [ontbreekt, ~kwalificeert, ~besteed_bekend, volledig & gevraagd_bekend, volledig & zonder_aanvraag, volledig],
        [ToeslagStatus.ONTBREEKT.value, ToeslagStatus.NIET.value, ToeslagStatus.POTENTIEEL.value,
         ToeslagStatus.AANGEVRAAGD.value, ToeslagStatus.POTENTIEEL.value, ToeslagStatus.GERESERVEERD.value],
        ToeslagStatus.NIET_VOLLEDIG_BESTEED.value,
    )
    return toeslag, np.where(bekend, _miljoenste(regeling, teller, deler, afgetopt), 0), status


def supplement_cents(
    regeling: Regeling,
    buurtscore: Sequence[object] | np.ndarray | pd.Series,
    aangevraagd_cents: np.ndarray,
    aangevraagd_bekend: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """§3.4 punt 3 over arrays (see `regels.supplement_kwetsbaar`): (supplement in cents, status).

    `buurtscore` holds numbers or empties (None, NaN); an empty score gives no supplement.
    """
    grens = regeling.waarde("supplement.buurtscore_grens")
    maximum = int(regeling.waarde("supplement.max_bedrag") * 100)
    # Decimal comparison keeps 56.999… below 57 exactly; each distinct score is compared once.
    codes, scores = pd.factorize(np.asarray(buurtscore, dtype=object), use_na_sentinel=True)
    onder_grens = np.array([Decimal(str(s)) < grens for s in scores] + [False], dtype=bool)
    kwetsbaar = onder_grens[codes] & (maximum > 0)  # code -1 (empty) picks the trailing False
    gevraagd = np.where(aangevraagd_bekend, np.minimum(aangevraagd_cents, maximum), maximum)
    supplement = np.where(kwetsbaar, gevraagd, 0)
    onbekend = (codes == -1) & (maximum > 0)
    status = np.select(
        [onbekend, ~kwetsbaar, ~aangevraagd_bekend, aangevraagd_cents == 0],
        [SupplementStatus.ONBEKEND.value, SupplementStatus.NIET.value,
         SupplementStatus.GERESERVEERD.value, SupplementStatus.NIET_AANGEVRAAGD.value],
        SupplementStatus.AANGEVRAAGD.value,
    )
    return supplement, status


def onzeker_cents(
    regeling: Regeling,
    basis_cents: np.ndarray,
    huishoudens_bekend: np.ndarray,
    buurtscore_bekend: np.ndarray,
    besteed: tuple[np.ndarray, np.ndarray],
    aangevraagd: tuple[np.ndarray, np.ndarray],
    toeslag_aangevraagd: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """What unknown values may still cost, per row, in cents (see `regels.onzeker`)."""
    maximum = int(regeling.waarde("supplement.max_bedrag") * 100)
    gevraagd_cents, gevraagd_bekend = aangevraagd
    supplement = np.where(gevraagd_bekend, np.minimum(gevraagd_cents, maximum), maximum)
    pct = Fraction(regeling.waarde("toeslag.max_percentage"))
    hoogste = (2 * basis_cents * pct.numerator + pct.denominator) // (2 * pct.denominator)
    if toeslag_aangevraagd is not None:
        gevraagd_cents, gevraagd_bekend = toeslag_aangevraagd
        hoogste = np.where(gevraagd_bekend, np.minimum(gevraagd_cents, hoogste), hoogste)
    besteed_cents, besteed_bekend = besteed
    kan = ~huishoudens_bekend & (~besteed_bekend | (besteed_cents >= basis_cents))
    return np.where(~buurtscore_bekend, supplement, 0) + np.where(kan, hoogste, 0)


def _basissubsidie_tabel(regeling: Regeling, df: pd.DataFrame) -> np.ndarray:
    onderdelen = {c: _cents(df[c]) for c in COMPONENTEN}
    basis, fout = basissubsidie_cents(regeling, onderdelen, *_cents(df["basissubsidie"]))
    if fout.any():
        # Validation keeps such rows out; let the per-row rule word the first one.
        i = int(np.flatnonzero(fout)[0])
        regels.bereken(regeling, aanvragen(df.iloc[[i]])[0])
    return basis


def bereken_tabel(regeling: Regeling, df: pd.DataFrame, *, met_redenen: bool = True) -> pd.DataFrame:
    """The output contract for every row of `df` (input-contract columns, validated)."""
    df = df.reset_index(drop=True).reindex(columns=INVOER_KOLOMMEN)
    basis = _basissubsidie_tabel(regeling, df)
    huishoudens_bekend = df["huishoudens"].notna().to_numpy()
    huishoudens = df["huishoudens"].where(huishoudens_bekend, 0).to_numpy(dtype=np.int64)
    besteed, aangevraagd = _cents(df["besteed"]), _cents(df["supplement_aangevraagd"])
    toeslag_gevraagd = _cents(df["toeslag_aangevraagd"])
    toeslag, miljoenste, status_t = toeslag_cents(
        regeling, huishoudens, basis, *besteed, aangevraagd=toeslag_gevraagd, huishoudens_bekend=huishoudens_bekend
    )
    supplement, status_s = supplement_cents(regeling, df["buurtscore"], *aangevraagd)
    onzeker = onzeker_cents(regeling, basis, huishoudens_bekend, df["buurtscore"].notna().to_numpy(),
                            besteed, aangevraagd, toeslag_gevraagd)

    uit = pd.DataFrame(
        {
            "buurt": df["buurt"],
            "buurtcode": df["buurtcode"],
            "huishoudens": np.where(huishoudens_bekend, huishoudens, None) if not huishoudens_bekend.all()
            else huishoudens,
            "buurtscore": df["buurtscore"],
            "basissubsidie": _decimal(basis),
            "toeslag_percentage": _decimal(miljoenste, -6),
            "toeslag_communicatie": _decimal(toeslag),
            "toeslag_status": status_t,
            "supplement_kwetsbaar": _decimal(supplement),
            "supplement_status": status_s,
            "totaal": _decimal(basis + toeslag + supplement),
            "onzeker": _decimal(onzeker),
        }
    )
    if met_redenen:
        per_rij = [regels.bereken(regeling, a) for a in aanvragen(df)]
        for kolom in REDEN_KOLOMMEN:
            uit[kolom] = [getattr(r, kolom) for r in per_rij]
    return uit


def begroting(regeling: Regeling, uitkomst: pd.DataFrame) -> Begroting:
    """The budget summary (§8) of a `bereken_tabel` result."""
    som = {k: sum(uitkomst[k], Decimal("0.00"))
           for k in ("basissubsidie", "toeslag_communicatie", "supplement_kwetsbaar", "onzeker")}
    return regels.samenvatting(
        regeling, len(uitkomst), som["basissubsidie"], som["toeslag_communicatie"], som["supplement_kwetsbaar"],
        onzeker=som["onzeker"],
        problemen=int((uitkomst["toeslag_status"] == ToeslagStatus.ONTBREEKT.value).sum()),
    )


def impact(df: pd.DataFrame, regeling: Regeling, basislijn: Regeling | None = None) -> pd.DataFrame:
    """Per buurt: total under `regeling` and under the 2017-2018 baseline, and the difference."""
    basislijn = basislijn or laad(BASISLIJN)
    nieuw = bereken_tabel(regeling, df, met_redenen=False)
    # The baseline pays the same basissubsidie: a split that only 2018 allows (interchangeable
    # components) changes no cost, so the baseline gets the total instead of the components.
    oud_invoer = df.reset_index(drop=True).reindex(columns=INVOER_KOLOMMEN).copy()
    oud_invoer[list(COMPONENTEN)] = None
    oud_invoer["basissubsidie"] = nieuw["basissubsidie"]
    oud = bereken_tabel(basislijn, oud_invoer, met_redenen=False)
    uit = pd.DataFrame(
        {
            "buurt": nieuw["buurt"],
            f"totaal_{basislijn.naam}": oud["totaal"],
            f"totaal_{regeling.naam}": nieuw["totaal"],
            "verschil": [a - b for a, b in zip(nieuw["totaal"], oud["totaal"], strict=True)],
        }
    )
    # Not a column (the CSV contract stays as it is): what unknown values may still add.
    uit.attrs["onzeker"] = sum(nieuw["onzeker"], Decimal("0.00"))
    return uit


def impact_totalen(uitkomst: pd.DataFrame, regeling: Regeling) -> dict[str, Decimal]:
    """Column totals of an `impact` result, with the total difference set against §8.

    Keys: each amount column of `uitkomst`, ``onzeker`` (what unknown values may still add), plus,
    when the regeling has a §8 budget, ``raming`` and ``verschil_raming`` (difference − estimate;
    positive: more than estimated) and ``reservering`` and ``ruimte_reservering`` (reservation −
    difference − onzeker: what is left for support).
    """
    totalen = {k: sum(uitkomst[k], Decimal("0.00")) for k in uitkomst.columns if k != "buurt"}
    totalen["onzeker"] = uitkomst.attrs.get("onzeker", Decimal("0.00"))
    if not regeling.heeft_budget:
        return totalen  # no §8 budget to set the difference against (2017-2018)
    raming = regeling.waarde("budget.raming_bijstelling")
    reservering = regeling.waarde("budget.reservering")
    totalen.update(
        raming=raming,
        verschil_raming=totalen["verschil"] - raming,
        reservering=reservering,
        ruimte_reservering=reservering - totalen["verschil"] - totalen["onzeker"],
    )
    return totalen
