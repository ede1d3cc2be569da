"""The values that flow between the layers: an application in, a result out, a budget summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class BuurtxlFout(Exception):
    """The base of every buurtxl error: the message is Dutch and fit to show a user as it is.

    The command line and the Excel functions catch this one class. Errors that callers also know
    by a built-in class (a `ValueError`, an `OSError`) keep that class as a second base.
    """



class ToeslagStatus(StrEnum):
    TOEGEKEND = "toegekend"  # basissubsidie fully spent: the toeslag is due
    POTENTIEEL = "potentieel"  # besteed unknown (planning): the amount the budget must reserve
    NIET = "niet"


class SupplementStatus(StrEnum):
    TOEGEKEND = "toegekend"  # the requested amount, capped at the maximum
    GERESERVEERD = "gereserveerd"  # vulnerable buurt without a request: the maximum is reserved
    NIET = "niet"


class BudgetStatus(StrEnum):
    BINNEN_PLAN = "binnen plan"
    KRAP = "krap"  # within the reservation, but less than planned is left for support
    OVERSCHREDEN = "overschreden"  # extras exceed the reservation


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
        tekst = repr(self.waarde) if isinstance(self.waarde, str) else f"'{self.waarde}'"
        waarde = "" if self.waarde is None else f" (waarde: {tekst})"
        soort = "Fout" if self.is_fout else "Waarschuwing"
        plaats = self.plaats()
        return f"{soort}: {plaats + ': ' if plaats else ''}{self.reden}{waarde}"


@dataclass(frozen=True)
class Aanvraag:
    """One buurtnetwerk i.o. in one buurt: a validated row of the input contract."""

    buurt: str
    huishoudens: int
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
    buurtplan_ingediend: str | None = None
    toeslag_besteed: Decimal | None = None
    supplement_besteed: Decimal | None = None
    betaald: Decimal | None = None

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
    huishoudens: int
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

    @property
    def extra(self) -> Decimal:
        """What the 2018 adjustment adds on top of the basissubsidie."""
        return self.toeslag_communicatie + self.supplement_kwetsbaar


@dataclass(frozen=True)
class Begroting:
    """The budget summary against the reservation (§8)."""

    regeling: str
    aantal: int
    totaal_basissubsidie: Decimal
    totaal_toeslag: Decimal
    totaal_supplement: Decimal
    totaal_extra: Decimal  # toeslag + supplement: what the adjustment costs
    totaal: Decimal
    raming: Decimal
    verschil_raming: Decimal  # extra − raming (positive: more than estimated)
    reservering: Decimal
    ruimte_ondersteuning: Decimal  # reservering − extra
    ondersteuning_gepland: Decimal
    status: BudgetStatus
    toelichting: str


@dataclass(frozen=True)
class Herkomst:
    """Where a generated workbook came from, shown on its Toelichting sheet."""

    invoer: str  # the input file's name (or "ingebouwd voorbeeld")
    sha256: str | None  # of the input file's bytes; None when there is no single file
    gegenereerd: str  # ISO date-time of generation
    kanttekeningen: tuple[str, ...] = ()  # caveats of the data, e.g. fictitious buurtscores
