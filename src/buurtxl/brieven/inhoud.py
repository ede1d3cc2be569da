"""What a decision letter says: the fields of the templates, filled from the rules' results.

A letter never computes an amount: each part's amount and Dutch reason come from the rules
(`regels.bereken` for the verlening, `vaststelling.vaststellen` for the vaststelling) and are only
formatted here. `VELDEN` is the one list of the fields a template may use, with their meaning: the
README's table, the check of a municipality's own template and the tests read it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from ..model import Aanvraag, Resultaat, ToeslagStatus
from ..opmaak import als_datum, als_euro, als_getal
from ..regeling import Regeling, bronnen
from ..regels.vaststelling import SaldoStatus, Vaststelling

SOORTEN = ("verlening", "vaststelling")

# Field → meaning, per letter; `delen` is a list whose items have the fields of `DEEL`.
_GEMEENSCHAPPELIJK = {
    "datum": "datum van de brief (7 december 2026)",
    "kenmerk": "kenmerk van de brief: voorvoegsel en buurtcode (of volgnummer)",
    "regeling": "titel van de regeling (Uitvoeringsregeling Buurtnetwerken 2018)",
    "besluit": "het besluit dat de regeling vaststelt",
    "buurt": "naam van de buurt",
    "buurtcode": "CBS-buurtcode (kan leeg zijn)",
    "huishoudens": "aantal huishoudens (1.620)",
    "groepsnaam": "naam van de groep (aanvraagformulier)",
    "contactpersoon": "contactpersoon (kan leeg zijn)",
    "postadres": "postadres van de groep",
    "email": "e-mailadres (kan leeg zijn)",
    "iban": "IBAN van de groep, in groepjes van vier",
    "aanvraagdatum": "datum op het aanvraagformulier (kan leeg zijn)",
    "delen": "de onderdelen basissubsidie, toeslag en supplement: een lijst (zie de velden van een deel)",
    "artikel_bezwaar": f"het artikel van de bezwaartermijn ({bronnen.AWB_BEZWAAR})",
}
DEEL: Mapping[str, str] = MappingProxyType({
    "deel.naam": "naam van het onderdeel (Basissubsidie, Toeslag communicatiekosten, Supplement kwetsbare buurten)",
    "deel.bedrag": "het bedrag van het onderdeel (€ 4.850,00)",
    "deel.status": "status (toegekend, potentieel, gereserveerd, niet, …; bij de vaststelling: vastgesteld)",
    "deel.sectie": f"paragraaf van het besluit ({bronnen.BASISSUBSIDIE})",
    "deel.reden": "de reden van het bedrag, dezelfde tekst als in de werkmap",
})
VELDEN: Mapping[str, Mapping[str, str]] = MappingProxyType({
    "verlening": MappingProxyType({
        **_GEMEENSCHAPPELIJK,
        "totaal": "verleend bedrag, alle onderdelen samen (ten hoogste)",
        "toeslag_mogelijk": "waar als de buurt in aanmerking kan komen voor de toeslag communicatiekosten",
        "sectie_buurtplan": f"paragraaf over het buurtplan vóór 1 november 2018 ({bronnen.STAND_VAN_ZAKEN})",
        "sectie_toeslag": f"paragraaf van de toeslag communicatiekosten ({bronnen.TOESLAG})",
    }),
    "vaststelling": MappingProxyType({
        **_GEMEENSCHAPPELIJK,
        "totaal": "vastgesteld bedrag, alle onderdelen samen",
        "betaald": "wat de gemeente al heeft betaald, voorschotten inbegrepen",
        "saldo": "vastgesteld min betaald (negatief: te veel betaald)",
        "saldo_bedrag": "het saldo zonder teken (het bedrag dat nog wordt betaald of teruggevorderd)",
        "saldo_status": "nabetalen, terugvorderen, niet terugvorderen of sluitend",
        "saldo_reden": "de reden van het saldo, dezelfde tekst als in de werkmap",
        "artikel_lager": f"het artikel van het lager vaststellen ({bronnen.AWB_LAGER})",
        "artikel_terugvorderen": f"het artikel van het terugvorderen ({bronnen.AWB_TERUGVORDEREN})",
    }),
})
# The contact fields a letter cannot go without: its addressee and where the money goes.
NODIG = ("groepsnaam", "postadres", "iban")


@dataclass(frozen=True)
class Kop:
    """What every letter of one run shares: its date and the start of its reference."""

    datum: dt.date
    voorvoegsel: str  # the kenmerk of each letter is voorvoegsel-buurtcode (or a number)


def standaard_voorvoegsel(regeling: Regeling, soort: str) -> str:
    return f"BN{regeling.naam}-{'V' if soort == 'verlening' else 'VS'}"


def kenmerk(kop: Kop, aanvraag: Aanvraag, volgnummer: int) -> str:
    return f"{kop.voorvoegsel}-{aanvraag.buurtcode or f'{volgnummer:03d}'}"


def _algemeen(regeling: Regeling, aanvraag: Aanvraag, kop: Kop, volgnummer: int) -> dict[str, object]:
    return {
        "datum": als_datum(kop.datum),
        "kenmerk": kenmerk(kop, aanvraag, volgnummer),
        "regeling": regeling.titel,
        "besluit": regeling.besluit,
        "buurt": aanvraag.buurt,
        "buurtcode": aanvraag.buurtcode or "",
        "huishoudens": "" if aanvraag.huishoudens is None else als_getal(aanvraag.huishoudens),
        "groepsnaam": aanvraag.groepsnaam or "",
        "contactpersoon": aanvraag.contactpersoon or "",
        "postadres": aanvraag.postadres or "",
        "email": aanvraag.email or "",
        "iban": aanvraag.iban or "",
        "aanvraagdatum": als_datum(aanvraag.datum) if aanvraag.datum else "",
        "artikel_bezwaar": bronnen.AWB_BEZWAAR,
    }


def onbreekbaar(tekst: str) -> str:
    """`€ 5.850,00` and the sections of the decision kept on one line in a letter (non-breaking spaces)."""
    tekst = tekst.replace("€ ", "€\u00a0")
    for sectie in sorted(bronnen.ALLE, key=len, reverse=True):
        tekst = tekst.replace(sectie, sectie.replace(" ", "\u00a0"))
    return tekst


def _euro(bedrag: Decimal) -> str:
    return onbreekbaar(als_euro(bedrag))


def _deel(naam: str, bedrag: Decimal, status: str, sectie: str, reden: str) -> dict[str, str]:
    return {"naam": naam, "bedrag": _euro(bedrag), "status": status, "sectie": onbreekbaar(sectie),
            "reden": onbreekbaar(reden)}


def verlening(
    regeling: Regeling, aanvraag: Aanvraag, resultaat: Resultaat, kop: Kop, volgnummer: int
) -> dict[str, object]:
    """The fields of the verleningsbeschikking for one buurtnetwerk i.o."""
    return {
        **_algemeen(regeling, aanvraag, kop, volgnummer),
        "delen": [
            _deel("Basissubsidie", resultaat.basissubsidie, "toegekend", bronnen.BASISSUBSIDIE,
                  resultaat.reden_basissubsidie),
            _deel("Toeslag communicatiekosten", resultaat.toeslag_communicatie, resultaat.toeslag_status,
                  bronnen.TOESLAG, resultaat.reden_toeslag),
            _deel("Supplement kwetsbare buurten", resultaat.supplement_kwetsbaar, resultaat.supplement_status,
                  bronnen.SUPPLEMENT, resultaat.reden_supplement),
        ],
        "totaal": _euro(resultaat.totaal),
        "toeslag_mogelijk": resultaat.toeslag_status is not ToeslagStatus.NIET,
        "sectie_buurtplan": onbreekbaar(bronnen.STAND_VAN_ZAKEN),
        "sectie_toeslag": onbreekbaar(bronnen.TOESLAG),
    }


def _zeker(bedrag: Decimal | None) -> Decimal:
    """A settled amount; an open one (None, ontbreekt) never reaches a letter (`cli.brieven` stops first)."""
    if bedrag is None:
        raise ValueError("een open vaststelling heeft geen brief")
    return bedrag


def vaststelling(
    regeling: Regeling, aanvraag: Aanvraag, uitkomst: Vaststelling, kop: Kop, volgnummer: int
) -> dict[str, object]:
    """The fields of the vaststellingsbeschikking for one buurtnetwerk i.o. (settled in full)."""
    saldo = _zeker(uitkomst.saldo)
    return {
        **_algemeen(regeling, aanvraag, kop, volgnummer),
        "delen": [
            _deel("Basissubsidie", _zeker(uitkomst.vastgesteld_basissubsidie), "vastgesteld", bronnen.BASISSUBSIDIE,
                  uitkomst.reden_basissubsidie),
            _deel("Toeslag communicatiekosten", _zeker(uitkomst.vastgesteld_toeslag), "vastgesteld", bronnen.TOESLAG,
                  uitkomst.reden_toeslag),
            _deel("Supplement kwetsbare buurten", _zeker(uitkomst.vastgesteld_supplement), "vastgesteld",
                  bronnen.SUPPLEMENT, uitkomst.reden_supplement),
        ],
        "totaal": _euro(_zeker(uitkomst.vastgesteld_totaal)),
        "betaald": _euro(_zeker(uitkomst.betaald)),
        "saldo": _euro(saldo),
        "saldo_bedrag": _euro(abs(saldo)),
        "saldo_status": str(SaldoStatus(uitkomst.saldo_status)),
        "saldo_reden": onbreekbaar(uitkomst.reden_saldo),
        "artikel_lager": bronnen.AWB_LAGER,
        "artikel_terugvorderen": bronnen.AWB_TERUGVORDEREN,
    }
