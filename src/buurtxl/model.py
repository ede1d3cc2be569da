"""The values that flow between the layers: an application in, a result out, a budget summary."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class BuurtxlFout(Exception):
    """The base of every buurtxl error: the message is Dutch and fit to show a user as it is.

    The command line and the Excel functions catch this one class. Errors that callers also know
    by a built-in class (a `ValueError`, an `OSError`) keep that class as a second base.
    """



# A status says what is known, never a decision the tool has not seen (issue 22): the decision
# says such buurten "aanspraak kunnen maken op" the extras; granting them is the college's act.
class ToeslagStatus(StrEnum):
    AANGEVRAAGD = "aangevraagd"  # basissubsidie fully spent and a toeslag requested: the request, capped
    # basissubsidie fully spent, no request, while the regeling asks for one (toeslag.op_aanvraag): the
    # toeslag may still be applied for; the budget keeps the maximum for it
    POTENTIEEL = "potentieel"  # also: besteed unknown (planning), the amount the budget must reserve
    GERESERVEERD = "gereserveerd"  # basissubsidie fully spent, no request needed: the maximum is reserved
    NIET_VOLLEDIG_BESTEED = "nog niet volledig besteed"  # eligible, but besteed < basissubsidie
    ONTBREEKT = "ontbreekt"  # households unknown: the largest toeslag is counted as onzeker
    NIET = "niet"  # not eligible (not above the drempel, or the regeling has no toeslag)


class SupplementStatus(StrEnum):
    AANGEVRAAGD = "aangevraagd"  # the requested amount, capped at the maximum
    GERESERVEERD = "gereserveerd"  # vulnerable buurt without a request: the maximum is reserved
    NIET_AANGEVRAAGD = "niet aangevraagd"  # vulnerable buurt that asked for € 0
    ONBEKEND = "onbekend"  # buurtscore unknown: the most it may still cost is counted as onzeker
    NIET = "niet"


class BudgetStatus(StrEnum):
    BINNEN_PLAN = "binnen plan"
    KRAP = "krap"  # within the reservation, but less than planned is left for support
    OVERSCHREDEN = "overschreden"  # extras exceed the reservation
    CONTROLEER_INVOER = "controleer invoer"  # a row has an error or a missing value: totals are incomplete


@dataclass(frozen=True)
class Probleem:
    """One thing wrong with the input, in Dutch, with where it was found."""

    reden: str
    bestand: str | None = None
    blad: str | None = None
    rij: int | None = None
    kolom: str | None = None
    waarde: object = None
    ernst: str = "fout"  # "fout" stops a build; "waarschuwing" is only reported
    buurt: str | None = None  # the row's buurt as typed, where a row has one (`vaststellen` names it)

    @property
    def is_fout(self) -> bool:
        return self.ernst == "fout"

    def plaats(self) -> str:
        delen = [
            self.bestand,
            f"blad '{self.blad}'" if self.blad else None,
            f"rij {self.rij}" if self.rij is not None else None,
            f"kolom '{self.kolom}'" if self.kolom else None,
        ]
        return ", ".join(d for d in delen if d)

    def __str__(self) -> str:
        # repr keeps a tab or an odd quote visible in text; numbers read as the user wrote them.
        tekst = repr(ingekort(self.waarde)) if isinstance(self.waarde, str) else f"'{ingekort(str(self.waarde))}'"
        if isinstance(self.waarde, str) and len(self.waarde) > MAX_GETOOND:
            tekst += f" ({len(self.waarde):,} tekens)".replace(",", ".")
        waarde = "" if self.waarde is None else f" (waarde: {tekst})"
        soort = "Fout" if self.is_fout else "Waarschuwing"
        plaats = self.plaats()
        return f"{soort}: {plaats + ': ' if plaats else ''}{self.reden}{waarde}"


# A value quoted in a message is cut here: a 40,000-character cell would bury the message.
MAX_GETOOND = 200


def ingekort(tekst: str) -> str:
    """`tekst`, cut to `MAX_GETOOND` characters (with '…') for a message."""
    return tekst if len(tekst) <= MAX_GETOOND else tekst[:MAX_GETOOND] + "…"


@dataclass(frozen=True)
class Aanvraag:
    """One buurtnetwerk i.o. in one buurt: a validated row of the input contract."""

    buurt: str
    huishoudens: int | None  # None: unknown (a workbook cell left empty); the input contract requires it
    buurtcode: str | None = None
    buurtscore: Decimal | None = None
    organisatiekosten: Decimal | None = None
    communicatiekosten: Decimal | None = None
    activiteiten: Decimal | None = None
    plan_van_aanpak: Decimal | None = None
    basissubsidie: Decimal | None = None  # the total, when the components are not given
    besteed: Decimal | None = None
    supplement_aangevraagd: Decimal | None = None
    # After the year (vaststelling, issue 14) and the toeslag request; all optional in planning.
    toeslag_aangevraagd: Decimal | None = None
    # What the group is (§3.1): "voormalig buurtplatform" / "nieuwe bewonersgroep"; "ja" / "nee".
    soort_groep: str | None = None
    plan_van_aanpak_ingediend: str | None = None
    # The date the buurtplan was (or will be) handed in; "ja"/"nee" from input of before the date.
    buurtplan_ingediend: dt.date | str | None = None
    toeslag_besteed: Decimal | None = None
    supplement_besteed: Decimal | None = None
    betaald: Decimal | None = None
    toelichting: str | None = None  # the applicant's own words, carried to the buurt sheet
    # Who applies (the form's last block): what a decision letter is addressed to; never in a rule.
    groepsnaam: str | None = None
    contactpersoon: str | None = None
    postadres: str | None = None
    email: str | None = None
    iban: str | None = None  # checked with its check digits, printed in groups of four
    datum: dt.date | None = None  # the date the form was signed

    @property
    def componenten(self) -> dict[str, Decimal | None]:
        return {
            "organisatiekosten": self.organisatiekosten,
            "communicatiekosten": self.communicatiekosten,
            "activiteiten": self.activiteiten,
            "plan_van_aanpak": self.plan_van_aanpak,
        }


@dataclass(frozen=True)
class Resultaat:
    """The output contract for one row; `redenen` explain each amount in Dutch."""

    buurt: str
    buurtcode: str | None
    huishoudens: int | None
    buurtscore: Decimal | None
    basissubsidie: Decimal
    toeslag_percentage: Decimal  # a fraction, 0 ≤ p ≤ max_percentage, 6 decimals for display
    toeslag_communicatie: Decimal
    toeslag_status: ToeslagStatus
    supplement_kwetsbaar: Decimal
    supplement_status: SupplementStatus
    totaal: Decimal
    reden_basissubsidie: str
    reden_toeslag: str
    reden_supplement: str
    waarschuwingen: tuple[str, ...] = field(default=())
    # The most that may still be due on top of `totaal` because a value is unknown (buurtscore,
    # households): the budget reserves it as "onzeker".
    onzeker: Decimal = Decimal("0.00")

    @property
    def extra(self) -> Decimal:
        """What the 2018 adjustment adds on top of the basissubsidie."""
        return self.toeslag_communicatie + self.supplement_kwetsbaar


@dataclass(frozen=True)
class Begroting:
    """The budget summary against the reservation (§8).

    A regeling without a §8 budget (2017-2018) has no reservation, estimate or status: those are
    None. `problemen` counts rows whose amounts could not be computed (an error, a required value
    missing); while there are any the status is `controleer invoer`.
    """

    regeling: str
    aantal: int
    totaal_basissubsidie: Decimal
    totaal_toeslag: Decimal
    totaal_supplement: Decimal
    totaal_extra: Decimal  # toeslag + supplement: what the adjustment costs
    totaal: Decimal
    raming: Decimal | None
    verschil_raming: Decimal | None  # extra − raming (positive: more than estimated)
    reservering: Decimal | None
    ruimte_ondersteuning: Decimal | None  # reservering − extra − onzeker
    ondersteuning_gepland: Decimal | None
    status: BudgetStatus | None
    toelichting: str
    onzeker: Decimal = Decimal("0.00")  # the most still due for unknown buurtscores / households
    problemen: int = 0


@dataclass(frozen=True)
class Herkomst:
    """Where a generated workbook came from, shown on its Toelichting sheet."""

    invoer: str  # the input file's name (or "ingebouwd voorbeeld")
    sha256: str | None  # of the input file's bytes; None when there is no single file
    gegenereerd: str  # ISO date-time of generation
    kanttekeningen: tuple[str, ...] = ()  # caveats of the data, e.g. fictitious buurtscores
    bestanden: tuple[tuple[str, str], ...] = ()  # (name, SHA-256) of each form read from a folder
