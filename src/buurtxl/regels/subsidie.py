"""The rules of the Uitvoeringsregeling Buurtnetwerken 2018, one pure function per rule.

Each function takes already-parsed domain values (see `waarden`), reads every number from the
`Regeling`, and returns the amount together with a Dutch reason a policy officer can check against
the decision. No I/O and no Excel here: the Excel functions, the workbook and the CLI call these.

Money is `Decimal`, rounded to whole cents half up; percentages are exact `Fraction`s until the
amount is rounded, so a toeslag that lands on half a cent rounds up whatever binary floats say.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .. import waarden
from ..model import Aanvraag, BuurtxlFout, SupplementStatus, ToeslagStatus
from ..opmaak import als_euro, als_getal, als_procent
from ..regeling import COMPONENTEN, Regeling, bronnen

NUL = Decimal("0.00")


class RegelFout(BuurtxlFout, ValueError):
    """The input breaks a rule of the scheme (message in Dutch, fit to show a user)."""


@dataclass(frozen=True)
class Basissubsidie:
    bedrag: Decimal
    componenten: dict[str, Decimal] | None  # None when only the total was given
    reden: str


@dataclass(frozen=True)
class ToeslagPercentage:
    percentage: Fraction
    reden: str


@dataclass(frozen=True)
class Toeslag:
    percentage: Fraction
    bedrag: Decimal
    status: ToeslagStatus
    reden: str


@dataclass(frozen=True)
class Supplement:
    bedrag: Decimal
    status: SupplementStatus
    reden: str
    waarschuwing: str | None = None


def _label(component: str) -> str:
    return component.replace("_", " ")


def basissubsidie(
    regeling: Regeling,
    componenten: dict[str, Decimal | None] | None = None,
    totaal: Decimal | None = None,
) -> Basissubsidie:
    """§3.4 punt 1: "De hoogte van de 4 onderdelen van de basissubsidie in 2018 ongewijzigd blijft,
    doch met elkaar uitwisselbaar zijn. Dit betekent dat ieder buurtnetwerk i.o. minimaal € 4.850
    en maximaal € 5.850 naar eigen inzicht kan besteden."

    Components left out take the regeling's standard amount; a given `totaal` stands for the four
    components together. A total outside the range is an error, never clamped.
    """
    gegeven = {k: v for k, v in (componenten or {}).items() if v is not None}
    onbekend = set(gegeven) - set(COMPONENTEN)
    if onbekend:
        raise RegelFout(f"Onbekend onderdeel van de basissubsidie: {', '.join(sorted(onbekend))}")
    minimum = regeling.waarde("basissubsidie.minimum")
    maximum = regeling.waarde("basissubsidie.maximum")

    delen: dict[str, Decimal] | None
    if totaal is not None and not gegeven:
        bedrag, delen, herkomst = totaal, None, "opgegeven totaal"
    else:
        delen = {c: gegeven.get(c, regeling.waarde(f"basissubsidie.{c}")) for c in COMPONENTEN}
        bedrag = sum(delen.values(), NUL)
        herkomst = " + ".join(f"{_label(c)} {als_euro(v)}" for c, v in delen.items())
        if totaal is not None and totaal != bedrag:
            raise RegelFout(
                f"De onderdelen tellen op tot {als_euro(bedrag)}, maar de opgegeven basissubsidie "
                f"is {als_euro(totaal)}"
            )
    if delen is not None and not regeling.vlag("basissubsidie.uitwisselbaar"):
        _controleer_vaste_onderdelen(regeling, componenten or {})
    bedrag = waarden.cent(bedrag)
    if not minimum <= bedrag <= maximum:
        raise RegelFout(
            f"Basissubsidie {als_euro(bedrag)} ligt buiten {als_euro(minimum)}–{als_euro(maximum)} "
            f"(regeling {regeling.naam}, {bronnen.BASISSUBSIDIE})"
        )
    aard = (
        "onderdelen uitwisselbaar"
        if regeling.vlag("basissubsidie.uitwisselbaar")
        else "onderdelen vast, niet uitwisselbaar"
    )
    reden = (
        f"Basissubsidie {als_euro(bedrag)} ({herkomst}); binnen {als_euro(minimum)}–{als_euro(maximum)}, "
        f"{aard} ({bronnen.BASISSUBSIDIE})"
    )
    return Basissubsidie(bedrag, delen, reden)


def _controleer_vaste_onderdelen(regeling: Regeling, componenten: dict[str, Decimal | None]) -> None:
    """Where the components are not interchangeable (2017-2018; §3.4 punt 1 makes them so only
    from 2018), each component that is given must equal its fixed amount."""
    for c, bedrag in componenten.items():
        vast = regeling.waarde(f"basissubsidie.{c}")
        if bedrag is not None and bedrag != vast:
            raise RegelFout(
                f"{_label(c).capitalize()} {als_euro(bedrag)} wijkt af van het vaste bedrag {als_euro(vast)}: "
                f"in regeling {regeling.naam} zijn de onderdelen niet uitwisselbaar ({bronnen.BASISSUBSIDIE})"
            )


def toeslag_percentage(regeling: Regeling, huishoudens: int) -> ToeslagPercentage:
    """§3.4 punt 2: "Buurtnetwerken in ontwikkeling in buurten met meer dan 1300 huishoudens [kunnen]
    gedurende 2018 in aanmerking komen voor een extra toeslag communicatiekosten […]. De hoogte van
    de extra toeslag bedraagt maximaal 15%, gebaseerd op het aantal huishoudens."

    Scale (an assumption, see toeslag.basis_huishoudens):
    percentage = min(max_percentage, (huishoudens − drempel) / basis_huishoudens).
    """
    drempel = int(regeling.waarde("toeslag.drempel_huishoudens"))
    maximum = Fraction(regeling.waarde("toeslag.max_percentage"))
    basis = int(regeling.waarde("toeslag.basis_huishoudens"))
    if maximum == 0:
        return ToeslagPercentage(
            Fraction(0), f"Regeling {regeling.naam} kent geen toeslag communicatiekosten"
        )
    if huishoudens <= drempel:
        return ToeslagPercentage(
            Fraction(0),
            f"{als_getal(huishoudens)} huishoudens: niet meer dan {als_getal(drempel)}, "
            f"geen toeslag ({bronnen.TOESLAG})",
        )
    schaal = Fraction(huishoudens - drempel, basis)
    percentage = min(maximum, schaal)
    afgetopt = " (het maximum)" if schaal >= maximum else ""
    return ToeslagPercentage(
        percentage,
        f"{als_getal(huishoudens)} huishoudens: meer dan {als_getal(drempel)}, "
        f"toeslag {als_procent(percentage)}{afgetopt} ({bronnen.TOESLAG})",
    )


def toeslag_bedrag(basissubsidie: Decimal, percentage: Fraction) -> Decimal:
    """basissubsidie × percentage, rounded to the cent half up, computed exactly."""
    exact = Fraction(basissubsidie) * percentage
    return waarden.cent(Decimal(exact.numerator) / Decimal(exact.denominator))


def toeslag_communicatie(
    regeling: Regeling,
    huishoudens: int | None,
    basissubsidie: Decimal,
    besteed: Decimal | None = None,
    aangevraagd: Decimal | None = None,
) -> Toeslag:
    """§3.4 punt 2: the toeslag is due "indien de basissubsidie volledig is besteed".

    Without `besteed` (planning) the result is the potential toeslag, the amount the budget must
    reserve; with `besteed` below the basissubsidie the toeslag is 0 (status "nog niet volledig
    besteed", apart from "niet": not eligible). Like the supplement the toeslag is asked for: with
    `aangevraagd` the amount is min(aangevraagd, maximum), and planning reserves the request instead
    of the maximum. Unknown households: status "ontbreekt", amount 0; `onzeker` gives the most it
    may still cost.
    """
    if huishoudens is None:
        if regeling.waarde("toeslag.max_percentage") == 0:
            return Toeslag(Fraction(0), NUL, ToeslagStatus.NIET,
                           f"Regeling {regeling.naam} kent geen toeslag communicatiekosten")
        return Toeslag(
            Fraction(0), NUL, ToeslagStatus.ONTBREEKT,
            "Huishoudens ontbreken: de toeslag is niet te berekenen; de begroting houdt rekening "
            f"met de hoogste toeslag ({bronnen.TOESLAG})",
        )
    pct = toeslag_percentage(regeling, huishoudens)
    if pct.percentage == 0:
        return Toeslag(Fraction(0), NUL, ToeslagStatus.NIET, pct.reden)
    maximum = toeslag_bedrag(basissubsidie, pct.percentage)
    bedrag = maximum if aangevraagd is None else min(aangevraagd, maximum)
    if aangevraagd is not None:
        grens = "afgetopt op" if aangevraagd > maximum else "niet meer dan"
        pct = ToeslagPercentage(
            pct.percentage, f"{pct.reden}; aangevraagd {als_euro(aangevraagd)}, {grens} {als_euro(maximum)}"
        )
    if besteed is None:
        return Toeslag(
            pct.percentage,
            bedrag,
            ToeslagStatus.POTENTIEEL,
            f"{pct.reden}; potentieel {als_euro(bedrag)}: besteed nog onbekend, pas aan de orde als de "
            f"basissubsidie volledig is besteed",
        )
    if besteed < basissubsidie:
        return Toeslag(
            pct.percentage,
            NUL,
            ToeslagStatus.NIET_VOLLEDIG_BESTEED,
            f"{pct.reden}; maar besteed {als_euro(besteed)} is minder dan de basissubsidie "
            f"{als_euro(basissubsidie)}: geen toeslag zolang die niet volledig is besteed",
        )
    if aangevraagd is None and regeling.vlag("toeslag.op_aanvraag"):
        # §3.4 punt 2, §8: the toeslag is applied for; without a request it stays potentieel, never granted.
        return Toeslag(
            pct.percentage,
            bedrag,
            ToeslagStatus.POTENTIEEL,
            f"{pct.reden}; basissubsidie volledig besteed ({als_euro(besteed)}), maar de toeslag is niet "
            f"aangevraagd: potentieel {als_euro(bedrag)}, pas te verlenen na een aanvraag ({bronnen.BUDGET})",
        )
    if aangevraagd is None:
        return Toeslag(
            pct.percentage,
            bedrag,
            ToeslagStatus.GERESERVEERD,
            f"{pct.reden}; basissubsidie volledig besteed ({als_euro(besteed)}), geen aanvraag: het maximum "
            f"{als_euro(bedrag)} is gereserveerd",
        )
    return Toeslag(
        pct.percentage,
        bedrag,
        ToeslagStatus.AANGEVRAAGD,
        f"{pct.reden}; basissubsidie volledig besteed ({als_euro(besteed)}): toeslag {als_euro(bedrag)} aangevraagd",
    )


def supplement_kwetsbaar(
    regeling: Regeling,
    buurtscore: Decimal | None,
    aangevraagd: Decimal | None = None,
) -> Supplement:
    """§3.4 punt 3: "Buurten met veel kwetsbare bewoners (buurtscore < 57 in buurtmonitor) [kunnen]
    aanspraak maken op een extra subsidiemogelijkheid van maximaal € 3.000."

    The requested amount capped at the maximum; with no request the maximum is reserved.
    """
    grens = regeling.waarde("supplement.buurtscore_grens")
    maximum = regeling.waarde("supplement.max_bedrag")
    if maximum == 0:
        return Supplement(
            NUL, SupplementStatus.NIET, f"Regeling {regeling.naam} kent geen supplement kwetsbare buurten"
        )
    if buurtscore is None:
        return Supplement(
            NUL, SupplementStatus.ONBEKEND,
            "Buurtscore onbekend: geen supplement berekend; de begroting houdt rekening met het "
            f"maximum {als_euro(_supplement_hoogstens(maximum, aangevraagd))} ({bronnen.SUPPLEMENT})",
        )
    if buurtscore >= grens:
        return Supplement(
            NUL,
            SupplementStatus.NIET,
            f"Buurtscore {als_getal(buurtscore)}: niet lager dan {als_getal(grens)}, "
            f"geen supplement ({bronnen.SUPPLEMENT})",
        )
    kwetsbaar = f"Buurtscore {als_getal(buurtscore)} < {als_getal(grens)}: veel kwetsbare bewoners"
    if aangevraagd is None:
        return Supplement(
            maximum,
            SupplementStatus.GERESERVEERD,
            f"{kwetsbaar}; geen aanvraag, het maximum {als_euro(maximum)} is gereserveerd ({bronnen.SUPPLEMENT})",
        )
    if aangevraagd == 0:
        return Supplement(
            NUL, SupplementStatus.NIET_AANGEVRAAGD,
            f"{kwetsbaar}; aangevraagd {als_euro(aangevraagd)}: niet aangevraagd ({bronnen.SUPPLEMENT})",
        )
    if aangevraagd > maximum:
        waarschuwing = f"Aangevraagd supplement {als_euro(aangevraagd)} afgetopt op het maximum {als_euro(maximum)}"
        return Supplement(
            maximum,
            SupplementStatus.AANGEVRAAGD,
            f"{kwetsbaar}; aangevraagd {als_euro(aangevraagd)}, afgetopt op {als_euro(maximum)} ({bronnen.SUPPLEMENT})",
            waarschuwing,
        )
    return Supplement(
        aangevraagd,
        SupplementStatus.AANGEVRAAGD,
        f"{kwetsbaar}; aangevraagd {als_euro(aangevraagd)}, niet meer dan {als_euro(maximum)} ({bronnen.SUPPLEMENT})",
    )


def _supplement_hoogstens(maximum: Decimal, aangevraagd: Decimal | None) -> Decimal:
    return maximum if aangevraagd is None else min(aangevraagd, maximum)


def onzeker(regeling: Regeling, aanvraag: Aanvraag, basissubsidie: Decimal) -> Decimal:
    """The most still due on top of the computed amounts because a value is unknown.

    Unknown buurtscore: the supplement it could give (the maximum, or the smaller request; §3.4
    punt 3). Unknown households: the largest toeslag, basissubsidie × the maximum percentage (or
    the smaller request), unless besteed already shows the basissubsidie is not fully spent (§3.4
    punt 2).
    """
    bedrag = NUL
    if aanvraag.buurtscore is None:
        bedrag += _supplement_hoogstens(regeling.waarde("supplement.max_bedrag"), aanvraag.supplement_aangevraagd)
    if aanvraag.huishoudens is None and (aanvraag.besteed is None or aanvraag.besteed >= basissubsidie):
        hoogste = toeslag_bedrag(basissubsidie, Fraction(regeling.waarde("toeslag.max_percentage")))
        gevraagd = aanvraag.toeslag_aangevraagd
        bedrag += hoogste if gevraagd is None else min(gevraagd, hoogste)
    return bedrag


def percentage_decimaal(percentage: Fraction) -> Decimal:
    """An exact percentage as a Decimal fraction with 6 decimals, for display and tables."""
    exact = Decimal(percentage.numerator) / Decimal(percentage.denominator)
    return exact.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
