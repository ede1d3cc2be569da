"""Settlement after the year (vaststelling): what each buurtnetwerk i.o. is finally granted.

The decision grants the subsidy for 2018 but says nothing about settling it; the general law does
(Algemene wet bestuursrecht). Each choice made here is a parameter of the regeling marked
``aanname:`` with its Awb article (``vaststelling.*`` in ``regelingen/2018.toml``):

- a part is fixed at what was spent, never above what was granted (Awb art. 4:46 lid 2: "Indien de
  activiteiten niet of niet geheel hebben plaatsgevonden […] kan de subsidie lager worden
  vastgesteld");
- what was paid above the fixed amount is reclaimed (Awb art. 4:57: "Onverschuldigd betaalde
  subsidiebedragen […] kunnen worden teruggevorderd").

One pure function per rule, Decimal in, amount + Dutch reason out; exact, half up to the cent,
like `regels`. The workbook's Vaststelling sheet restates these rules as formulas
(`werkmap/vaststellingblad.py`); LibreOffice tests hold the two equal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .. import regels, waarden
from ..invoer import Invoer
from ..model import Aanvraag, Probleem
from ..opmaak import als_euro
from ..regeling import Regeling, bronnen

NUL = Decimal("0.00")
AWB_LAGER = bronnen.AWB_LAGER
AWB_TERUG = bronnen.AWB_TERUGVORDEREN
# Columns a settlement cannot do without; the other settlement amounts may stay empty (= 0).
VERPLICHT = ("besteed", "betaald")
# The output contract of `buurtxl vaststellen --csv` (the fields of `Vaststelling`, in order).
UITVOER_KOLOMMEN = [
    "buurt", "buurtcode", "huishoudens", "buurtscore", "basissubsidie", "besteed", "toeslag_besteed",
    "supplement_aangevraagd", "supplement_besteed", "betaald", "vastgesteld_basissubsidie",
    "vastgesteld_toeslag", "vastgesteld_supplement", "vastgesteld_totaal", "saldo", "saldo_status",
]
REDEN_KOLOMMEN = ["reden_basissubsidie", "reden_toeslag", "reden_supplement", "reden_saldo"]


class SaldoStatus(StrEnum):
    NABETALEN = "nabetalen"  # fixed more than paid: the municipality pays the rest
    TERUGVORDEREN = "terugvorderen"  # paid more than fixed: the excess is reclaimed
    SLUITEND = "sluitend"
    NIET_TERUGVORDEREN = "niet terugvorderen"  # paid too much, but the regeling waives reclaiming


@dataclass(frozen=True)
class Vastgesteld:
    bedrag: Decimal
    reden: str


@dataclass(frozen=True)
class Saldo:
    bedrag: Decimal  # vastgesteld_totaal − betaald
    status: SaldoStatus
    reden: str


@dataclass(frozen=True)
class Vaststelling:
    """The settlement contract for one buurt (the CSV columns of `buurtxl vaststellen --csv`)."""

    buurt: str
    buurtcode: str | None
    huishoudens: int
    buurtscore: Decimal | None
    basissubsidie: Decimal
    besteed: Decimal
    toeslag_besteed: Decimal
    supplement_aangevraagd: Decimal | None
    supplement_besteed: Decimal
    betaald: Decimal
    vastgesteld_basissubsidie: Decimal
    vastgesteld_toeslag: Decimal
    vastgesteld_supplement: Decimal
    vastgesteld_totaal: Decimal
    saldo: Decimal
    saldo_status: SaldoStatus
    reden_basissubsidie: str
    reden_toeslag: str
    reden_supplement: str
    reden_saldo: str


@dataclass(frozen=True)
class Totalen:
    aantal: int
    vastgesteld_basissubsidie: Decimal
    vastgesteld_toeslag: Decimal
    vastgesteld_supplement: Decimal
    vastgesteld_totaal: Decimal
    betaald: Decimal
    nabetalen: Decimal  # the sum of the positive saldi: still to pay
    terugvorderen: Decimal  # the sum of the negative saldi, as a positive amount: to reclaim
    saldo: Decimal  # nabetalen − terugvorderen (waived reclaims included in neither)


def _naar_besteed(regeling: Regeling, verleend: Decimal, besteed: Decimal, wat: str) -> Vastgesteld:
    """Fix a part at min(granted, spent) (Awb art. 4:46 lid 2), or at the grant when the regeling
    chooses not to fix lower (`vaststelling.lager_naar_besteed` false)."""
    verleend, besteed = waarden.cent(verleend), waarden.cent(besteed)
    if not regeling.vlag("vaststelling.lager_naar_besteed"):
        return Vastgesteld(verleend, f"{wat} vastgesteld op het verleende bedrag {als_euro(verleend)}")
    if besteed < verleend:
        return Vastgesteld(
            besteed,
            f"{wat}: besteed {als_euro(besteed)}, minder dan verleend {als_euro(verleend)}: lager "
            f"vastgesteld op {als_euro(besteed)} ({AWB_LAGER})",
        )
    return Vastgesteld(
        verleend,
        f"{wat}: besteed {als_euro(besteed)}, niet minder dan verleend {als_euro(verleend)}: "
        f"vastgesteld op {als_euro(verleend)}",
    )


def vastgesteld_basissubsidie(regeling: Regeling, basissubsidie: Decimal, besteed: Decimal) -> Vastgesteld:
    """§3.4 punt 1: the buurtnetwerk i.o. "kan minimaal € 4.850 en maximaal € 5.850 naar eigen
    inzicht besteden"; Awb art. 4:46 lid 2: fixed lower when the activities did not (fully) take
    place. vastgesteld = min(basissubsidie, besteed)."""
    uitkomst = _naar_besteed(regeling, basissubsidie, besteed, "Basissubsidie")
    return Vastgesteld(uitkomst.bedrag, f"{uitkomst.reden} ({bronnen.BASISSUBSIDIE})")


def vastgesteld_toeslag(
    regeling: Regeling,
    huishoudens: int,
    basissubsidie: Decimal,
    besteed: Decimal,
    toeslag_besteed: Decimal,
    toeslag_aangevraagd: Decimal | None = None,
) -> Vastgesteld:
    """§3.4 punt 2: the toeslag is for buurten "met meer dan 1300 huishoudens" and due "indien de
    basissubsidie volledig is besteed". vastgesteld = 0 unless both hold; then min(granted toeslag,
    toeslag_besteed), the granted toeslag being today's (requested amount capped at the) maximum."""
    toeslag = regels.toeslag_communicatie(regeling, huishoudens, basissubsidie, besteed, toeslag_aangevraagd)
    if toeslag.bedrag == 0:
        return Vastgesteld(NUL, f"Toeslag vastgesteld op {als_euro(NUL)}: {toeslag.reden}")
    uitkomst = _naar_besteed(regeling, toeslag.bedrag, toeslag_besteed, "Toeslag communicatiekosten")
    return Vastgesteld(uitkomst.bedrag, f"{toeslag.reden}. {uitkomst.reden}")


def vastgesteld_supplement(
    regeling: Regeling,
    buurtscore: Decimal | None,
    supplement_aangevraagd: Decimal | None,
    supplement_besteed: Decimal,
) -> Vastgesteld:
    """§3.4 punt 3: buurten "met veel kwetsbare bewoners (buurtscore < 57 in buurtmonitor)" get
    "maximaal € 3.000". vastgesteld = 0 unless the score is known and below the limit; then
    min(granted, supplement_besteed), granted = min(aangevraagd, maximum) or the maximum without
    a request. An unknown buurtscore gives 0, with that reason."""
    supplement = regels.supplement_kwetsbaar(regeling, buurtscore, supplement_aangevraagd)
    if supplement.bedrag == 0:
        return Vastgesteld(NUL, f"Supplement vastgesteld op {als_euro(NUL)}: {supplement.reden}")
    uitkomst = _naar_besteed(regeling, supplement.bedrag, supplement_besteed, "Supplement kwetsbare buurten")
    return Vastgesteld(uitkomst.bedrag, f"{supplement.reden}. {uitkomst.reden}")


def saldo(regeling: Regeling, vastgesteld_totaal: Decimal, betaald: Decimal) -> Saldo:
    """saldo = vastgesteld_totaal − betaald. Positive: the rest is paid (nabetalen); negative: what
    was paid in excess is reclaimed (Awb art. 4:57, a power the regeling chooses to use with
    `vaststelling.terugvorderen`); zero: sluitend."""
    vastgesteld_totaal, betaald = waarden.cent(vastgesteld_totaal), waarden.cent(betaald)
    verschil = vastgesteld_totaal - betaald
    basis = f"Vastgesteld {als_euro(vastgesteld_totaal)}, betaald {als_euro(betaald)}"
    if verschil > 0:
        return Saldo(verschil, SaldoStatus.NABETALEN, f"{basis}: nog te betalen {als_euro(verschil)}")
    if verschil < 0:
        if not regeling.vlag("vaststelling.terugvorderen"):
            return Saldo(
                verschil,
                SaldoStatus.NIET_TERUGVORDEREN,
                f"{basis}: {als_euro(-verschil)} te veel betaald, de regeling ziet af van terugvordering "
                f"({AWB_TERUG})",
            )
        return Saldo(
            verschil, SaldoStatus.TERUGVORDEREN, f"{basis}: terug te vorderen {als_euro(-verschil)} ({AWB_TERUG})"
        )
    return Saldo(NUL, SaldoStatus.SLUITEND, f"{basis}: sluitend")


def vaststellen(regeling: Regeling, aanvraag: Aanvraag) -> Vaststelling:
    """All settlement rules for one buurtnetwerk i.o.; `besteed` and `betaald` must be known
    (see `controleer`), the other settlement amounts count as 0 when empty."""
    if aanvraag.besteed is None or aanvraag.betaald is None or aanvraag.huishoudens is None:
        ontbreekt = "besteed" if aanvraag.besteed is None else "betaald" if aanvraag.betaald is None else "huishoudens"
        raise regels.RegelFout(f"{aanvraag.buurt}: {ontbreekt} is nodig voor de vaststelling")
    basis = regels.basissubsidie(regeling, aanvraag.componenten, aanvraag.basissubsidie).bedrag
    toeslag_besteed = aanvraag.toeslag_besteed if aanvraag.toeslag_besteed is not None else NUL
    supplement_besteed = aanvraag.supplement_besteed if aanvraag.supplement_besteed is not None else NUL
    b = vastgesteld_basissubsidie(regeling, basis, aanvraag.besteed)
    t = vastgesteld_toeslag(
        regeling, aanvraag.huishoudens, basis, aanvraag.besteed, toeslag_besteed, aanvraag.toeslag_aangevraagd
    )
    s = vastgesteld_supplement(regeling, aanvraag.buurtscore, aanvraag.supplement_aangevraagd, supplement_besteed)
    totaal = b.bedrag + t.bedrag + s.bedrag
    rest = saldo(regeling, totaal, waarden.cent(aanvraag.betaald))
    return Vaststelling(
        buurt=aanvraag.buurt,
        buurtcode=aanvraag.buurtcode,
        huishoudens=aanvraag.huishoudens,
        buurtscore=aanvraag.buurtscore,
        basissubsidie=basis,
        besteed=aanvraag.besteed,
        toeslag_besteed=toeslag_besteed,
        supplement_aangevraagd=aanvraag.supplement_aangevraagd,
        supplement_besteed=supplement_besteed,
        betaald=waarden.cent(aanvraag.betaald),
        vastgesteld_basissubsidie=b.bedrag,
        vastgesteld_toeslag=t.bedrag,
        vastgesteld_supplement=s.bedrag,
        vastgesteld_totaal=totaal,
        saldo=rest.bedrag,
        saldo_status=rest.status,
        reden_basissubsidie=b.reden,
        reden_toeslag=t.reden,
        reden_supplement=s.reden,
        reden_saldo=rest.reden,
    )


def totalen(vaststellingen: Iterable[Vaststelling]) -> Totalen:
    """Column totals; what is still to pay and what is to be reclaimed are summed apart."""
    lijst = list(vaststellingen)

    def som(waarden_: Iterable[Decimal]) -> Decimal:
        return sum(waarden_, NUL)

    nabetalen = som(v.saldo for v in lijst if v.saldo_status is SaldoStatus.NABETALEN)
    terug = -som(v.saldo for v in lijst if v.saldo_status is SaldoStatus.TERUGVORDEREN)
    return Totalen(
        aantal=len(lijst),
        vastgesteld_basissubsidie=som(v.vastgesteld_basissubsidie for v in lijst),
        vastgesteld_toeslag=som(v.vastgesteld_toeslag for v in lijst),
        vastgesteld_supplement=som(v.vastgesteld_supplement for v in lijst),
        vastgesteld_totaal=som(v.vastgesteld_totaal for v in lijst),
        betaald=som(v.betaald for v in lijst),
        nabetalen=nabetalen,
        terugvorderen=terug,
        saldo=nabetalen - terug,
    )


def controleer(invoer: Invoer) -> list[Probleem]:
    """Every row that cannot be settled: `besteed` or `betaald` empty. Rows refused for other
    reasons are not looked at again (negative amounts and more than two decimals are refused
    when the input is read, by `waarden.bedrag`), but every other row is, so one run names them all."""
    problemen: list[Probleem] = []
    for aanvraag, (bestand, blad, rij) in invoer.gelezen:
        for kolom in VERPLICHT:
            if getattr(aanvraag, kolom) is None:
                problemen.append(
                    Probleem(
                        f"{kolom} is verplicht voor de vaststelling maar leeg (buurt {aanvraag.buurt})",
                        bestand, blad, rij, kolom,
                    )
                )
    return problemen
