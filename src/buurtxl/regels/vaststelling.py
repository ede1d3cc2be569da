"""Settlement after the year (vaststelling): what each buurtnetwerk i.o. is finally granted.

The decision grants the subsidy for 2018 but says nothing about settling it; the general law does
(Algemene wet bestuursrecht). Each choice made here is a parameter of the regeling marked
``aanname:`` with its Awb article (``vaststelling.*`` in ``regelingen/2018.toml``):

- a part is fixed at what was spent, never above what was granted (Awb art. 4:46 lid 2: "Indien de
  activiteiten niet of niet geheel hebben plaatsgevonden […] kan de subsidie lager worden
  vastgesteld");
- what was paid above the fixed amount is reclaimed (Awb art. 4:57: "Onverschuldigd betaalde
  subsidiebedragen […] kunnen worden teruggevorderd");
- the toeslag is fixed only when it was applied for (§3.4 punt 2, §8; `toeslag.op_aanvraag`).

No silent money: an empty spent or paid amount is *ontbreekt*, never € 0. That part stays open
(its amount None), the row's saldo stays open, and `Totalen` says what is still open.

One pure function per rule, Decimal in, amount + Dutch reason out; exact, half up to the cent,
like `regels`. The workbook's Vaststelling sheet restates these rules as formulas
(`werkmap/vaststellingblad.py`); LibreOffice tests hold the two equal.

`vaststel_invoer` is the public entry for everything built on a settlement (the terminal table, the
CSV, the vaststellingsbeschikking): per buurt a `Vaststelling` with its `onderdelen`, plus the totals
and every warning, each naming the buurt and the row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
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
# The settlement's own inputs, with the Dutch name a message and the workbook use.
INVOER = {"besteed": "besteed", "toeslag_besteed": "toeslag besteed", "supplement_besteed": "supplement besteed",
          "betaald": "betaald"}
# The output contract of `buurtxl vaststellen --csv` (the fields of `Vaststelling`, in order).
UITVOER_KOLOMMEN = [
    "buurt", "buurtcode", "huishoudens", "buurtscore", "basissubsidie", "besteed", "toeslag_aangevraagd",
    "toeslag_verleend", "toeslag_besteed", "supplement_aangevraagd", "supplement_verleend", "supplement_besteed",
    "betaald", "vastgesteld_basissubsidie", "vastgesteld_toeslag", "vastgesteld_supplement", "vastgesteld_totaal",
    "saldo", "saldo_status", "ontbreekt", "open_verleend",
]
REDEN_KOLOMMEN = ["reden_basissubsidie", "reden_toeslag", "reden_supplement", "reden_saldo"]


class SaldoStatus(StrEnum):
    NABETALEN = "nabetalen"  # fixed more than paid: the municipality pays the rest
    TERUGVORDEREN = "terugvorderen"  # paid more than fixed: the excess is reclaimed
    SLUITEND = "sluitend"
    NIET_TERUGVORDEREN = "niet terugvorderen"  # paid too much, but the regeling waives reclaiming
    ONTBREEKT = "ontbreekt"  # a spent or paid amount is empty: not (fully) settled yet


@dataclass(frozen=True)
class Vastgesteld:
    bedrag: Decimal | None  # None: open, an amount it depends on is empty (ontbreekt)
    reden: str


@dataclass(frozen=True)
class Saldo:
    bedrag: Decimal | None  # vastgesteld_totaal − betaald; None while a part or betaald is open
    status: SaldoStatus
    reden: str


@dataclass(frozen=True)
class Onderdeel:
    """One part of a settlement, as a letter states it."""

    naam: str  # "basissubsidie", "toeslag" or "supplement"
    verleend: Decimal  # what was granted (0: not eligible, not applied for)
    besteed: Decimal | None
    vastgesteld: Decimal | None  # None: open
    reden: str

    @property
    def open(self) -> bool:
        return self.vastgesteld is None


@dataclass(frozen=True)
class Vaststelling:
    """The settlement contract for one buurt (the CSV columns of `buurtxl vaststellen --csv`)."""

    buurt: str
    buurtcode: str | None
    huishoudens: int
    buurtscore: Decimal | None
    basissubsidie: Decimal
    besteed: Decimal | None
    toeslag_aangevraagd: Decimal | None
    toeslag_verleend: Decimal
    toeslag_besteed: Decimal | None
    supplement_aangevraagd: Decimal | None
    supplement_verleend: Decimal
    supplement_besteed: Decimal | None
    betaald: Decimal | None
    vastgesteld_basissubsidie: Decimal | None
    vastgesteld_toeslag: Decimal | None
    vastgesteld_supplement: Decimal | None
    vastgesteld_totaal: Decimal | None
    saldo: Decimal | None
    saldo_status: SaldoStatus
    ontbreekt: str  # the empty inputs the settlement waits for, "besteed, betaald"; "" when complete
    open_verleend: Decimal  # the grant of the parts still open (what may still be fixed)
    reden_basissubsidie: str
    reden_toeslag: str
    reden_supplement: str
    reden_saldo: str

    @property
    def is_vastgesteld(self) -> bool:
        return self.saldo_status is not SaldoStatus.ONTBREEKT

    @property
    def onderdelen(self) -> tuple[Onderdeel, Onderdeel, Onderdeel]:
        return (
            Onderdeel("basissubsidie", self.basissubsidie, self.besteed, self.vastgesteld_basissubsidie,
                      self.reden_basissubsidie),
            Onderdeel("toeslag", self.toeslag_verleend, self.toeslag_besteed, self.vastgesteld_toeslag,
                      self.reden_toeslag),
            Onderdeel("supplement", self.supplement_verleend, self.supplement_besteed, self.vastgesteld_supplement,
                      self.reden_supplement),
        )

    @property
    def nabetalen(self) -> Decimal:
        return self.saldo if self.saldo is not None and self.saldo_status is SaldoStatus.NABETALEN else NUL

    @property
    def terugvorderen(self) -> Decimal:
        return -self.saldo if self.saldo is not None and self.saldo_status is SaldoStatus.TERUGVORDEREN else NUL


@dataclass(frozen=True)
class Totalen:
    aantal: int
    vastgesteld_basissubsidie: Decimal  # sums over the parts that are settled
    vastgesteld_toeslag: Decimal
    vastgesteld_supplement: Decimal
    vastgesteld_totaal: Decimal  # of the buurten settled in full
    betaald: Decimal  # of every buurt whose betaald is known
    nabetalen: Decimal  # the sum of the positive saldi: still to pay
    terugvorderen: Decimal  # the sum of the negative saldi, as a positive amount: to reclaim
    saldo: Decimal  # nabetalen − terugvorderen (waived reclaims included in neither)
    open_aantal: int = 0  # buurten not (fully) settled: an amount is ontbreekt
    open_verleend: Decimal = NUL  # the grant of every part still open


@dataclass
class Uitkomst:
    """Every buurt's settlement, the totals, and what the settlement warns about."""

    vaststellingen: list[Vaststelling]
    totalen: Totalen
    problemen: list[Probleem] = field(default_factory=list)


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


def _open(wat: str, ontbreekt: str) -> str:
    return f"{wat} niet vastgesteld: {ontbreekt} ontbreekt (leeg is niet € 0,00)"


def vastgesteld_basissubsidie(regeling: Regeling, basissubsidie: Decimal, besteed: Decimal | None) -> Vastgesteld:
    """§3.4 punt 1: the buurtnetwerk i.o. "kan minimaal € 4.850 en maximaal € 5.850 naar eigen
    inzicht besteden"; Awb art. 4:46 lid 2: fixed lower when the activities did not (fully) take
    place. vastgesteld = min(basissubsidie, besteed); open while besteed is empty."""
    if besteed is None:
        return Vastgesteld(None, f"{_open('Basissubsidie', 'besteed')} ({bronnen.BASISSUBSIDIE})")
    uitkomst = _naar_besteed(regeling, basissubsidie, besteed, "Basissubsidie")
    return Vastgesteld(uitkomst.bedrag, f"{uitkomst.reden} ({bronnen.BASISSUBSIDIE})")


def niet_aangevraagd(regeling: Regeling, toeslag_aangevraagd: Decimal | None) -> bool:
    """§3.4 punt 2, §8: the toeslag is applied for; without a request nothing is granted."""
    return toeslag_aangevraagd is None and regeling.vlag("toeslag.op_aanvraag")


def toeslag_verleend(
    regeling: Regeling, huishoudens: int, basissubsidie: Decimal, toeslag_aangevraagd: Decimal | None
) -> Vastgesteld:
    """§3.4 punt 2: the toeslag granted, before anything is spent: min(request, maximum) for a
    buurt "met meer dan 1300 huishoudens"; € 0 when it was not applied for (§8, `toeslag.op_aanvraag`)."""
    pct = regels.toeslag_percentage(regeling, huishoudens)
    if pct.percentage == 0:
        return Vastgesteld(NUL, pct.reden)
    maximum = regels.toeslag_bedrag(basissubsidie, pct.percentage)
    if niet_aangevraagd(regeling, toeslag_aangevraagd):
        return Vastgesteld(NUL, f"{pct.reden}; toeslag niet aangevraagd ({bronnen.BUDGET})")
    if toeslag_aangevraagd is None:
        return Vastgesteld(maximum, f"{pct.reden}: verleend {als_euro(maximum)}")
    grens = "afgetopt op" if toeslag_aangevraagd > maximum else "niet meer dan"
    return Vastgesteld(
        min(toeslag_aangevraagd, maximum),
        f"{pct.reden}; aangevraagd {als_euro(toeslag_aangevraagd)}, {grens} {als_euro(maximum)}",
    )


def vastgesteld_toeslag(
    regeling: Regeling,
    huishoudens: int,
    basissubsidie: Decimal,
    besteed: Decimal | None,
    toeslag_besteed: Decimal | None,
    toeslag_aangevraagd: Decimal | None = None,
) -> Vastgesteld:
    """§3.4 punt 2: the toeslag is for buurten "met meer dan 1300 huishoudens", applied for (§8), and
    due "indien de basissubsidie volledig is besteed". vastgesteld = 0 unless all three hold; then
    min(granted toeslag, toeslag_besteed). Open while besteed, or (once the basissubsidie is fully
    spent) toeslag_besteed, is empty."""
    verleend = toeslag_verleend(regeling, huishoudens, basissubsidie, toeslag_aangevraagd)
    if verleend.bedrag == 0:
        return Vastgesteld(NUL, f"Toeslag vastgesteld op {als_euro(NUL)}: {verleend.reden}")
    if besteed is None:
        return Vastgesteld(None, f"{verleend.reden}. {_open('Toeslag', 'besteed')} ({bronnen.TOESLAG})")
    if besteed < basissubsidie:
        return Vastgesteld(
            NUL,
            f"{verleend.reden}; maar besteed {als_euro(besteed)} is minder dan de basissubsidie "
            f"{als_euro(basissubsidie)}: toeslag vastgesteld op {als_euro(NUL)} ({bronnen.TOESLAG})",
        )
    if toeslag_besteed is None:
        return Vastgesteld(None, f"{verleend.reden}. {_open('Toeslag', 'toeslag besteed')}")
    uitkomst = _naar_besteed(regeling, verleend.bedrag or NUL, toeslag_besteed, "Toeslag communicatiekosten")
    return Vastgesteld(uitkomst.bedrag, f"{verleend.reden}. {uitkomst.reden}")


def vastgesteld_supplement(
    regeling: Regeling,
    buurtscore: Decimal | None,
    supplement_aangevraagd: Decimal | None,
    supplement_besteed: Decimal | None,
) -> Vastgesteld:
    """§3.4 punt 3: buurten "met veel kwetsbare bewoners (buurtscore < 57 in buurtmonitor)" get
    "maximaal € 3.000". vastgesteld = 0 unless the score is known and below the limit; then
    min(granted, supplement_besteed), granted = min(aangevraagd, maximum) or the maximum without
    a request. An unknown buurtscore gives 0, with that reason; an empty supplement_besteed leaves
    the part open."""
    supplement = regels.supplement_kwetsbaar(regeling, buurtscore, supplement_aangevraagd)
    if supplement.bedrag == 0:
        return Vastgesteld(NUL, f"Supplement vastgesteld op {als_euro(NUL)}: {supplement.reden}")
    if supplement_besteed is None:
        return Vastgesteld(None, f"{supplement.reden}. {_open('Supplement', 'supplement besteed')}")
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


def ontbrekend(regeling: Regeling, aanvraag: Aanvraag) -> list[str]:
    """The settlement inputs (keys of `INVOER`) that are empty where the settlement needs them:
    besteed and betaald always; toeslag_besteed for a toeslag granted, unless besteed shows the
    basissubsidie was not fully spent; supplement_besteed for a supplement granted."""
    basis = regels.basissubsidie(regeling, aanvraag.componenten, aanvraag.basissubsidie).bedrag
    t = toeslag_verleend(regeling, aanvraag.huishoudens or 0, basis, aanvraag.toeslag_aangevraagd).bedrag
    s = regels.supplement_kwetsbaar(regeling, aanvraag.buurtscore, aanvraag.supplement_aangevraagd).bedrag
    nodig = {
        "besteed": True,
        "toeslag_besteed": bool(t) and (aanvraag.besteed is None or aanvraag.besteed >= basis),
        "supplement_besteed": bool(s),
        "betaald": True,
    }
    return [k for k, moet in nodig.items() if moet and getattr(aanvraag, k) is None]


def vaststellen(regeling: Regeling, aanvraag: Aanvraag) -> Vaststelling:
    """All settlement rules for one buurtnetwerk i.o. An empty spent or paid amount leaves its part
    (and the saldo) open: status 'ontbreekt', never a silent € 0."""
    if aanvraag.huishoudens is None:
        raise regels.RegelFout(f"{aanvraag.buurt}: huishoudens is nodig voor de vaststelling")
    basis = regels.basissubsidie(regeling, aanvraag.componenten, aanvraag.basissubsidie).bedrag
    b = vastgesteld_basissubsidie(regeling, basis, aanvraag.besteed)
    t_verleend = toeslag_verleend(regeling, aanvraag.huishoudens, basis, aanvraag.toeslag_aangevraagd).bedrag or NUL
    t = vastgesteld_toeslag(regeling, aanvraag.huishoudens, basis, aanvraag.besteed, aanvraag.toeslag_besteed,
                            aanvraag.toeslag_aangevraagd)
    s_verleend = regels.supplement_kwetsbaar(regeling, aanvraag.buurtscore, aanvraag.supplement_aangevraagd).bedrag
    s = vastgesteld_supplement(regeling, aanvraag.buurtscore, aanvraag.supplement_aangevraagd,
                               aanvraag.supplement_besteed)
    delen = (b.bedrag, t.bedrag, s.bedrag)
    totaal = None if any(d is None for d in delen) else sum((d for d in delen if d is not None), NUL)
    betaald = None if aanvraag.betaald is None else waarden.cent(aanvraag.betaald)
    ontbreekt = ", ".join(INVOER[k] for k in ontbrekend(regeling, aanvraag))
    if totaal is None or betaald is None:
        rest = Saldo(None, SaldoStatus.ONTBREEKT, f"Nog niet vastgesteld: {ontbreekt} ontbreekt")
    else:
        rest = saldo(regeling, totaal, betaald)
    open_verleend = sum((v for v, d in ((basis, b), (t_verleend, t), (s_verleend, s)) if d.bedrag is None), NUL)
    return Vaststelling(
        buurt=aanvraag.buurt,
        buurtcode=aanvraag.buurtcode,
        huishoudens=aanvraag.huishoudens,
        buurtscore=aanvraag.buurtscore,
        basissubsidie=basis,
        besteed=aanvraag.besteed,
        toeslag_aangevraagd=aanvraag.toeslag_aangevraagd,
        toeslag_verleend=t_verleend,
        toeslag_besteed=aanvraag.toeslag_besteed,
        supplement_aangevraagd=aanvraag.supplement_aangevraagd,
        supplement_verleend=s_verleend,
        supplement_besteed=aanvraag.supplement_besteed,
        betaald=betaald,
        vastgesteld_basissubsidie=b.bedrag,
        vastgesteld_toeslag=t.bedrag,
        vastgesteld_supplement=s.bedrag,
        vastgesteld_totaal=totaal,
        saldo=rest.bedrag,
        saldo_status=rest.status,
        ontbreekt=ontbreekt,
        open_verleend=open_verleend,
        reden_basissubsidie=b.reden,
        reden_toeslag=t.reden,
        reden_supplement=s.reden,
        reden_saldo=rest.reden,
    )


def totalen(vaststellingen: Iterable[Vaststelling]) -> Totalen:
    """Column totals over what is settled; what is still to pay and what is to be reclaimed are
    summed apart, and what is still open is counted apart."""
    lijst = list(vaststellingen)

    def som(bedragen: Iterable[Decimal | None]) -> Decimal:
        return sum((b for b in bedragen if b is not None), NUL)

    nabetalen = som(v.nabetalen for v in lijst)
    terug = som(v.terugvorderen for v in lijst)
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
        open_aantal=sum(not v.is_vastgesteld for v in lijst),
        open_verleend=som(v.open_verleend for v in lijst),
    )


def vaststel_invoer(regeling: Regeling, invoer: Invoer) -> Uitkomst:
    """The settlement of every application read (the public entry: CLI, CSV, letters), with the
    warnings of `vaststelling_controle.controleer`."""
    from .vaststelling_controle import controleer  # it builds on this module's rules

    lijst = [vaststellen(regeling, a) for a in invoer.aanvragen]
    return Uitkomst(lijst, totalen(lijst), controleer(regeling, invoer))
