"""The input fields of an application, described once.

Every face that shows or reads an input field takes it from `VELDEN`: the input contract (`invoer`:
column names, required columns, how a value is parsed), the application form (`formulier`), the
buurt sheet, the Begroting's input columns and the data validation (`werkmap`), and the help of the
Excel functions (`udfs`). A new input field is added here, once, in the order it should appear.

Numbers of the scheme never appear in this table: a bound or default that the regeling sets is
named by its parameter (``"basissubsidie.minimum"``), and help texts that show a number read it
from the `Regeling` they are given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from .opmaak import als_euro, als_getal, als_procent
from .regeling import COMPONENTEN, Regeling, bronnen


class Soort(StrEnum):
    """What a field holds; decides how it is parsed (`waarden`), formatted and validated."""

    GELD = "geld"  # euros, at least 0, whole cents
    AANTAL = "aantal"  # a whole number, at least 0
    SCORE = "score"  # a buurtmonitor score, 0 to 100
    TEKST = "tekst"  # one line of text
    IBAN = "iban"  # a bank account number with valid check digits
    EMAIL = "email"  # an e-mail address
    DATUM = "datum"  # a date (a workbook's date cell, or 20-3-2018)


# Kinds stored and validated as text (length), each with its own check when read (`waarden`).
TEKSTSOORTEN = (Soort.TEKST, Soort.IBAN, Soort.EMAIL)


# A bound: a number, or the name of the regeling's parameter that sets it.
Grens = int | str


@dataclass(frozen=True)
class Veld:
    sleutel: str  # the column name of the input contract (and the field of `model.Aanvraag`)
    label: str  # the full Dutch name, as on the application form
    kop: str  # the short Dutch name: buurt sheet, validation title, Begroting column
    soort: Soort
    uitleg: Callable[[Regeling], str]  # help with the regeling's numbers: the form, Excel function help
    uitleg_werkmap: str  # help in a workbook, whose numbers live on sheet Regeling (staff may edit them)
    sectie: str = ""  # the section of the decision (`bronnen`)
    verplicht: bool = False
    minimum: Grens | None = None  # for text: the length (every text field has a maximum)
    maximum: Grens | None = None
    standaard: str | None = None  # the parameter whose value an empty cell stands for
    kolomkop: str | None = None  # Begroting header where `kop` would clash with a result column
    rekent_mee: bool = True  # False: it only describes the row (kept, never part of a rule)
    # False: reported after the year for the settlement (vaststelling), so not on the application
    # form, the buurt sheet's input or the Begroting; the Vaststelling sheet has its own input cells.
    aanvraag: bool = True
    keuzes: tuple[str, ...] = ()  # text that must be one of these (compared case-insensitively)
    formulier: bool = True  # False: not asked on the application form (what was spent is known only later)

    @property
    def begrotingskop(self) -> str:
        return self.kolomkop or self.kop


def _w(r: Regeling, naam: str):
    return r.waarde(naam)


def _heeft_toeslag(r: Regeling) -> bool:
    return _w(r, "toeslag.max_percentage") > 0


def _heeft_supplement(r: Regeling) -> bool:
    return _w(r, "supplement.max_bedrag") > 0


# Help for a regeling without toeslag or supplement (2017-2018: both are new in 2018, §3.4 punten 2, 3).
_GEEN_TOESLAG = "Deze regeling kent geen toeslag communicatiekosten."
_GEEN_SUPPLEMENT = "Deze regeling kent geen supplement kwetsbare buurten."


def _onderdeel_uitleg(onderdeel: str) -> Callable[[Regeling], str]:
    def uitleg(r: Regeling) -> str:
        bedrag = als_euro(_w(r, f"basissubsidie.{onderdeel}"))
        keuze = (f" ({bronnen.KEUZE}: het besluit noemt geen bedrag per onderdeel)"
                 if r.parameters[f"basissubsidie.{onderdeel}"].is_aanname else "")
        if not r.vlag("basissubsidie.uitwisselbaar"):  # 2017-2018: each component is a fixed amount
            return (f"Leeg = {bedrag}. De vier onderdelen zijn vaste bedragen, niet uitwisselbaar: "
                    f"alleen {bedrag} is toegestaan{keuze} ({bronnen.BASISSUBSIDIE}).")
        return (f"Leeg = standaard {bedrag}{keuze}. De vier onderdelen zijn uitwisselbaar; samen "
                f"{als_euro(_w(r, 'basissubsidie.minimum'))} tot {als_euro(_w(r, 'basissubsidie.maximum'))} "
                f"({bronnen.BASISSUBSIDIE}).")
    return uitleg


def _toeslag_keuze(r: Regeling) -> str:
    """The base and the scale of the toeslag, marked as the municipality's choice where the
    parameter file says so (§3.4 punt 2 names neither)."""
    keuzes = []
    if r.parameters["toeslag.max_percentage"].is_aanname:
        keuzes.append("het percentage geldt over de basissubsidie")
    if r.parameters["toeslag.basis_huishoudens"].is_aanname:
        keuzes.append(f"het loopt op met elke {als_getal(_w(r, 'toeslag.basis_huishoudens'))} huishoudens boven "
                      f"de drempel")
    return f"Basis en schaal zijn een {bronnen.KEUZE}: {' en '.join(keuzes)}." if keuzes else ""


_ONDERDEEL_WERKMAP = "Leeg = standaardbedrag van de regeling (blad Regeling)."
_ONDERDEEL_NAMEN = {
    "organisatiekosten": ("Organisatiekosten", "Organisatiekosten"),
    "communicatiekosten": ("Communicatiekosten", "Communicatiekosten"),
    "activiteiten": ("Activiteiten (handgeld)", "Activiteiten"),
    "plan_van_aanpak": ("Uitvoering plan van aanpak", "Plan van aanpak"),
}

GROEPEN = ("voormalig buurtplatform", "nieuwe bewonersgroep")
JA_NEE = ("ja", "nee")

VELDEN: tuple[Veld, ...] = (
    Veld(
        "buurt", "Buurt", "Buurt", Soort.TEKST,
        lambda r: "Verplicht. De buurt van het buurtnetwerk i.o., bijv. Wittevrouwenveld.",
        "Naam van de buurt van het buurtnetwerk i.o. (verplicht).",
        # Also the workbooks' data validation: CBS buurt names stay well under this; a name is not a book.
        verplicht=True, minimum=1, maximum=200,
    ),
    Veld(
        "buurtcode", "CBS-buurtcode", "Buurtcode", Soort.TEKST,
        lambda r: "Niet verplicht, bijv. BU09350000 (CBS Wijk- en Buurtkaart).",
        "CBS-buurtcode, bijvoorbeeld BU09350000 (mag leeg).",
        maximum=20,
    ),
    Veld(
        "huishoudens", "Aantal huishoudens", "Huishoudens", Soort.AANTAL,
        lambda r: (
            f"Verplicht, een geheel getal. Meer dan {als_getal(_w(r, 'toeslag.drempel_huishoudens'))} "
            f"huishoudens: toeslag communicatiekosten tot {als_procent(_w(r, 'toeslag.max_percentage'))} "
            f"({bronnen.TOESLAG})." if _heeft_toeslag(r) else f"Verplicht, een geheel getal. {_GEEN_TOESLAG}"
        ),
        "Aantal huishoudens in de buurt: een geheel getal van 0 of meer. Boven de drempel op blad "
        "Regeling komt er een toeslag.",
        sectie=bronnen.TOESLAG, verplicht=True, minimum=0,
    ),
    Veld(
        "buurtscore", "Buurtscore (buurtmonitor)", "Buurtscore", Soort.SCORE,
        lambda r: (
            f"{bronnen.BUURTSCORE_SCHAAL}. Lager dan {als_getal(_w(r, 'supplement.buurtscore_grens'))}: "
            f"supplement kwetsbare buurten tot {als_euro(_w(r, 'supplement.max_bedrag'))} ({bronnen.SUPPLEMENT})."
            if _heeft_supplement(r) else f"{bronnen.BUURTSCORE_SCHAAL}. {_GEEN_SUPPLEMENT}"
        ),
        "Buurtscore uit de buurtmonitor, 0 tot en met 100 (aanname: het besluit noemt alleen de grens). "
        "Onder de grens op blad Regeling is er een supplement. Leeg = onbekend: dan geen supplement.",
        sectie=bronnen.SUPPLEMENT, minimum=0, maximum=100,
    ),
    *(
        Veld(
            c, _ONDERDEEL_NAMEN[c][0], _ONDERDEEL_NAMEN[c][1], Soort.GELD, _onderdeel_uitleg(c),
            _ONDERDEEL_WERKMAP, sectie=bronnen.BASISSUBSIDIE, minimum=0,
            standaard=f"basissubsidie.{c}",
        )
        for c in COMPONENTEN
    ),
    Veld(
        "basissubsidie", "Basissubsidie (totaal)", "Basissubsidie (opgegeven totaal)", Soort.GELD,
        lambda r: (
            "Alleen invullen als u de vier onderdelen leeg laat. Tussen "
            f"{als_euro(_w(r, 'basissubsidie.minimum'))} en {als_euro(_w(r, 'basissubsidie.maximum'))} "
            f"({bronnen.BASISSUBSIDIE})."
        ),
        "Alleen invullen als de vier onderdelen leeg zijn; tussen het minimum en maximum van de "
        "regeling (blad Regeling).",
        sectie=bronnen.BASISSUBSIDIE, minimum="basissubsidie.minimum",
        maximum="basissubsidie.maximum",
        # The Begroting also has the computed basissubsidie; a table's headers must differ.
        kolomkop="Basissubsidie opgegeven",
    ),
    Veld(
        "besteed", "Besteed", "Besteed", Soort.GELD,
        lambda r: (
            "Leeg bij een aanvraag vooraf. De toeslag communicatiekosten volgt pas als de "
            f"basissubsidie volledig is besteed ({bronnen.TOESLAG})."
            if _heeft_toeslag(r) else "Leeg bij een aanvraag vooraf."
        ),
        "Wat het buurtnetwerk heeft besteed. Leeg = nog onbekend: de toeslag is dan potentieel.",
        sectie=bronnen.TOESLAG, minimum=0,
        formulier=False,  # spent is known after the year, never when applying (issue 20)
    ),
    Veld(
        "supplement_aangevraagd", "Supplement aangevraagd", "Supplement aangevraagd", Soort.GELD,
        lambda r: (
            f"Alleen bij een buurtscore lager dan {als_getal(_w(r, 'supplement.buurtscore_grens'))}; "
            f"maximaal {als_euro(_w(r, 'supplement.max_bedrag'))} ({bronnen.SUPPLEMENT})."
            if _heeft_supplement(r) else f"Leeg laten. {_GEEN_SUPPLEMENT}"
        ),
        "Aangevraagd supplement kwetsbare buurten. Leeg = het maximum wordt gereserveerd.",
        sectie=bronnen.SUPPLEMENT, minimum=0,
    ),
    Veld(
        "toeslag_aangevraagd", "Toeslag aangevraagd", "Toeslag aangevraagd", Soort.GELD,
        lambda r: (
            f"Niet verplicht. Het besluit: de toeslag is maximaal {als_procent(_w(r, 'toeslag.max_percentage'))}, "
            f"gebaseerd op het aantal huishoudens, en volgt als de basissubsidie volledig is besteed "
            f"({bronnen.TOESLAG}). {_toeslag_keuze(r)}"
            if _heeft_toeslag(r) else f"Leeg laten. {_GEEN_TOESLAG}"
        ),
        "Aangevraagde toeslag communicatiekosten. Leeg = niet aangevraagd: het maximum blijft "
        "gereserveerd als potentieel, maar wordt niet verleend of vastgesteld.",
        sectie=bronnen.TOESLAG, minimum=0,
    ),
    # What the 30 buurten are (issue 14, §3.1): 23 former buurtplatforms and 7 new groups.
    Veld(
        "soort_groep", "Soort groep", "Soort groep", Soort.TEKST,
        lambda r: f"Voormalig buurtplatform of nieuwe bewonersgroep ({bronnen.STAND_VAN_ZAKEN}).",
        "Voormalig buurtplatform of nieuwe bewonersgroep (mag leeg).",
        sectie=bronnen.STAND_VAN_ZAKEN, keuzes=GROEPEN, maximum=max(map(len, GROEPEN)),
    ),
    Veld(
        "plan_van_aanpak_ingediend", "Plan van aanpak ingediend", "Plan van aanpak ingediend", Soort.TEKST,
        lambda r: f"ja of nee: heeft de groep een plan van aanpak ingediend ({bronnen.STAND_VAN_ZAKEN})?",
        "ja of nee: is het plan van aanpak ingediend (mag leeg)?",
        sectie=bronnen.STAND_VAN_ZAKEN, keuzes=JA_NEE, maximum=max(map(len, JA_NEE)),
    ),
    Veld(
        "buurtplan_ingediend", "Buurtplan ingediend op", "Buurtplan ingediend", Soort.DATUM,
        lambda r: f"De datum waarop het buurtplan is (of wordt) ingediend; leeg = nog niet. Het besluit: "
        f"vóór 1 november 2018 ({bronnen.STAND_VAN_ZAKEN}).",
        "Datum waarop het buurtplan is ingediend; leeg = nog niet. Het besluit: vóór 1 november 2018.",
        # ja/nee: input of before the date was asked, still read ('ja' = handed in, date unknown).
        sectie=bronnen.STAND_VAN_ZAKEN, keuzes=JA_NEE,
    ),
    # The settlement after the year (issue 14): what was spent and paid, see `vaststelling`.
    Veld(
        "toeslag_besteed", "Toeslag besteed", "Toeslag besteed", Soort.GELD,
        lambda r: f"Extra communicatiekosten verantwoord onder de toeslag; leeg = € 0 ({bronnen.TOESLAG}).",
        "Extra communicatiekosten die onder de toeslag worden verantwoord. Leeg = niets (€ 0).",
        sectie=bronnen.TOESLAG, minimum=0, aanvraag=False,
    ),
    Veld(
        "supplement_besteed", "Supplement besteed", "Supplement besteed", Soort.GELD,
        lambda r: f"Wat van het supplement is besteed; leeg = € 0 ({bronnen.SUPPLEMENT}).",
        "Wat van het supplement kwetsbare buurten is besteed. Leeg = niets (€ 0).",
        sectie=bronnen.SUPPLEMENT, minimum=0, aanvraag=False,
    ),
    Veld(
        "betaald", "Betaald", "Betaald", Soort.GELD,
        lambda r: f"Wat de gemeente heeft betaald, voorschotten inbegrepen ({bronnen.AWB_TERUGVORDEREN}).",
        "Wat de gemeente tot nu toe heeft betaald, voorschotten inbegrepen (nodig voor de vaststelling).",
        sectie=bronnen.AWB_TERUGVORDEREN, minimum=0, aanvraag=False,
    ),
    Veld(
        "toelichting", "Toelichting", "Toelichting", Soort.TEKST,
        lambda r: "Niet verplicht: een korte toelichting voor de gemeente.",
        "Een korte toelichting voor de gemeente (mag leeg).",
        maximum=255, rekent_mee=False,
    ),
    # Who applies: what the decision letters (`brieven`) are addressed to. Last on the form, above
    # the signature line, so the rows of the fields above stay where forms handed out have them.
    Veld(
        "groepsnaam", "Naam van de groep", "Groep", Soort.TEKST,
        lambda r: "De naam van de bewonersgroep of het buurtnetwerk i.o.; de beschikking wordt aan de groep gericht.",
        "Naam van de groep (aanvraagformulier).",
        maximum=200, rekent_mee=False,
    ),
    Veld(
        "contactpersoon", "Contactpersoon", "Contactpersoon", Soort.TEKST,
        lambda r: "Wie de gemeente over deze aanvraag kan aanspreken (voorletters en achternaam).",
        "Contactpersoon van de groep.",
        maximum=200, rekent_mee=False,
    ),
    Veld(
        "postadres", "Postadres", "Postadres", Soort.TEKST,
        lambda r: "Straat en huisnummer, postcode en plaats, waar de beschikking heen gaat.",
        "Postadres van de groep.",
        maximum=255, rekent_mee=False,
    ),
    Veld(
        "email", "E-mailadres", "E-mail", Soort.EMAIL,
        lambda r: "Het e-mailadres van de contactpersoon, bijv. naam@voorbeeld.nl.",
        "E-mailadres van de contactpersoon.",
        maximum=254, rekent_mee=False,
    ),
    Veld(
        "iban", "IBAN (rekeningnummer)", "IBAN", Soort.IBAN,
        lambda r: "Het rekeningnummer van de groep waarop de subsidie wordt betaald, bijv. NL91 ABNA 0417 1643 00; "
        "de controlecijfers worden gecontroleerd.",
        "IBAN van de groep; de controlecijfers worden gecontroleerd.",
        maximum=42, rekent_mee=False,  # 34 characters, plus the spaces of the groups of four
    ),
    Veld(
        "datum", "Datum", "Datum", Soort.DATUM,
        lambda r: "De datum van ondertekening, bijv. 20-3-2018.",
        "Datum van ondertekening van het aanvraagformulier.",
        rekent_mee=False,
    ),
)

PER_SLEUTEL = {v.sleutel: v for v in VELDEN}
# The fields the rules read, in order: the columns of the input contract.
INVOERVELDEN = tuple(v for v in VELDEN if v.rekent_mee)
# The fields of an application (form, buurt sheet, Begroting): without the settlement's.
AANVRAAGVELDEN = tuple(v for v in INVOERVELDEN if v.aanvraag)
FORMULIERVELDEN = tuple(v for v in VELDEN if v.aanvraag and v.formulier)
AANVRAAGKOLOMMEN = tuple(v.sleutel for v in AANVRAAGVELDEN)
KOLOMMEN = tuple(v.sleutel for v in INVOERVELDEN)
VERPLICHT = tuple(v.sleutel for v in INVOERVELDEN if v.verplicht)
GELD = tuple(v.sleutel for v in INVOERVELDEN if v.soort is Soort.GELD)
# Columns that describe a row without taking part in the rules: kept quietly, never warned about.
INFORMATIEF = ("wijk", "inwoners", "bron", "opmerking", *(v.sleutel for v in VELDEN if not v.rekent_mee))


def veld(sleutel: str) -> Veld:
    return PER_SLEUTEL[sleutel]
