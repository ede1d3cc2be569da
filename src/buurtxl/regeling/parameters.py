"""Load a regeling's parameter file into an immutable, validated `Regeling`.

A parameter file (``regelingen/<naam>.toml``) has one ``[regeling]`` table with the scheme's
metadata and one table per parameter, addressed by a dotted name such as
``toeslag.drempel_huishoudens``. Every layer (rules, Excel functions, workbook names, CLI) reads
numbers only through `Regeling.waarde`, so a number lives in exactly one place: its file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from ..model import BuurtxlFout
from . import bronnen

STANDAARD = "2018"
BASISLIJN = "2017-2018"

# The parameters every rule relies on, with the kind of value each must hold.
VERPLICHT: Mapping[str, str] = MappingProxyType(
    {
        "basissubsidie.uitwisselbaar": "ja/nee",
        "basissubsidie.minimum": "euro",
        "basissubsidie.maximum": "euro",
        "basissubsidie.organisatiekosten": "euro",
        "basissubsidie.communicatiekosten": "euro",
        "basissubsidie.activiteiten": "euro",
        "basissubsidie.plan_van_aanpak": "euro",
        "toeslag.drempel_huishoudens": "huishoudens",
        "toeslag.max_percentage": "fractie",
        "toeslag.basis_huishoudens": "huishoudens",
        # The toeslag is applied for (§3.4 punt 2, §8): without a request potentieel, never settled.
        "toeslag.op_aanvraag": "ja/nee",
        "supplement.buurtscore_grens": "buurtscore",
        "supplement.max_bedrag": "euro",
        # The settlement after the year (issue 14): choices under the Awb, see `vaststelling`.
        "vaststelling.lager_naar_besteed": "ja/nee",
        "vaststelling.terugvorderen": "ja/nee",
        # The check of a form's households against CBS (issue 20): not a rule, a warning.
        "controle.afwijking_huishoudens_cbs": "fractie",
    }
)
# §8's budget belongs to the 2018 adjustment: a regeling has all of these or none (2017-2018).
BUDGET: Mapping[str, str] = MappingProxyType(
    {
        "budget.reservering": "euro",
        "budget.raming_bijstelling": "euro",
        "budget.ondersteuning": "euro",
        "budget.kwetsbare_buurten": "aantal",  # the buurten §8's estimate counts (issue 22)
    }
)
COMPONENTEN = ("organisatiekosten", "communicatiekosten", "activiteiten", "plan_van_aanpak")

# The keys a parameter file may hold; any other key is a typo (`geldig_vanf`) and an error, never a
# silent fallback to a default.
KOP_SLEUTELS = ("naam", "titel", "geldig_vanaf", "geldig_tot", "geldig_bron", "besluit", "bron", "vervangt",
                "ingetrokken_door")
PARAMETER_SLEUTELS = ("omschrijving", "eenheid", "waarde", "bron", "geldig_vanaf", "geldig_tot")
_SECTIE = re.compile(bronnen.SECTIE_PATROON)
_ZINSEINDE = re.compile(r"(?<=[.;])\s")  # "€ 4.850" has no space after its point
AANNAME = "aanname"


def herkomst(bron: str) -> str:
    """Where a value comes from, in one line: the section of the decision that `bron` cites, or
    'aanname: ' with the first sentence of the reason when `bron` marks the municipality's choice."""
    if bron.lower().startswith(AANNAME):
        reden = bron.split(":", 1)[1].strip() if ":" in bron else bron
        eerste_zin = _ZINSEINDE.split(reden, maxsplit=1)[0].rstrip(".;")
        return f"{AANNAME}: {eerste_zin}"
    gevonden = _SECTIE.search(bron)
    return gevonden.group(0) if gevonden else bron


class RegelingFout(BuurtxlFout, ValueError):
    """A parameter file is missing, malformed or inconsistent (message in Dutch)."""


@dataclass(frozen=True)
class Parameter:
    naam: str
    omschrijving: str
    eenheid: str
    waarde: Decimal | bool | dt.date
    geldig_vanaf: dt.date
    geldig_tot: dt.date
    bron: str

    @property
    def is_aanname(self) -> bool:
        return self.bron.lower().startswith(AANNAME)

    @property
    def herkomst(self) -> str:
        """The section of the decision, or 'aanname: <one-line reason>' (see `herkomst`)."""
        return herkomst(self.bron)


@dataclass(frozen=True)
class Regeling:
    naam: str
    titel: str
    geldig_vanaf: dt.date
    geldig_tot: dt.date
    besluit: str
    bron: str
    parameters: Mapping[str, Parameter] = field(repr=False)
    vervangt: str | None = None  # the regeling this one replaces (2018 replaces 2017-2018)
    ingetrokken_door: str | None = None  # the regeling whose decision withdrew this one
    geldig_bron: str = ""  # where the period comes from: a section, or "aanname: …"

    @property
    def geldig_herkomst(self) -> str:
        return herkomst(self.geldig_bron) if self.geldig_bron else ""

    def waarde(self, naam: str) -> Decimal:
        """The numeric value of parameter `naam`; a Dutch `KeyError` when it does not exist."""
        try:
            value = self.parameters[naam].waarde
        except KeyError:
            bekend = ", ".join(sorted(self.parameters))
            raise KeyError(
                f"Onbekende parameter '{naam}' in regeling {self.naam}. Bekend: {bekend}"
            ) from None
        return value  # type: ignore[return-value]

    def datum(self, naam: str) -> dt.date | None:
        """A date parameter (eenheid 'datum'), or None when this regeling does not have it."""
        parameter = self.parameters.get(naam)
        return parameter.waarde if parameter is not None and isinstance(parameter.waarde, dt.date) else None

    @property
    def heeft_budget(self) -> bool:
        """Whether this regeling sets a budget against the extras (§8 of the 2018 decision)."""
        return "budget.reservering" in self.parameters

    def vlag(self, naam: str) -> bool:
        return bool(self.parameters[naam].waarde)

    def met_waarden(self, wijzigingen: Mapping[str, object]) -> Regeling:
        """A copy with some values changed (what-if analysis, or a value edited in a workbook)."""
        nieuw = dict(self.parameters)
        for naam, waarde in wijzigingen.items():
            if naam not in self.parameters:
                self.waarde(naam)  # raises the Dutch KeyError
            oud = self.parameters[naam]
            nieuw[naam] = replace(oud, waarde=_waarde(naam, oud.eenheid, waarde, bestand="(wijziging)"))
        kopie = replace(self, parameters=MappingProxyType(nieuw))
        _controleer_samenhang(kopie, bestand="(wijziging)")
        return kopie

    # Names read often enough by the rules to deserve a property.
    @property
    def standaard_componenten(self) -> dict[str, Decimal]:
        return {c: self.waarde(f"basissubsidie.{c}") for c in COMPONENTEN}


def beschikbaar() -> list[str]:
    """Names of the regelingen shipped with the package, newest first."""
    files = resources.files("buurtxl.regeling") / "regelingen"
    return sorted((p.name[:-5] for p in files.iterdir() if p.name.endswith(".toml")), reverse=True)


_CACHE: dict[str, Regeling] = {}


def laad(naam: str = STANDAARD) -> Regeling:
    """The shipped regeling called `naam` ("2018" or "2017-2018"); cached, since it is immutable."""
    naam = str(naam).strip()
    if naam not in _CACHE:
        if naam not in beschikbaar():
            raise RegelingFout(
                f"Onbekende regeling '{naam}'. Beschikbaar: {', '.join(beschikbaar())}"
            )
        bestand = resources.files("buurtxl.regeling") / "regelingen" / f"{naam}.toml"
        _CACHE[naam] = _lees_toml(bestand.read_text(encoding="utf-8"), bestand=f"{naam}.toml")
    return _CACHE[naam]


def laad_bestand(path: str | Path) -> Regeling:
    """A regeling from any parameter file (for what-if variants kept outside the package)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RegelingFout(f"{path}: kan het parameterbestand niet lezen ({exc.strerror})") from None
    return _lees_toml(text, bestand=str(path))


def _lees_toml(text: str, *, bestand: str) -> Regeling:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RegelingFout(f"{bestand}: geen geldig TOML-bestand ({exc})") from None
    kop = data.pop("regeling", None)
    if not isinstance(kop, dict):
        raise RegelingFout(f"{bestand}: de tabel [regeling] ontbreekt")
    _controleer_sleutels(kop, KOP_SLEUTELS, "[regeling]", bestand)
    for sleutel in ("naam", "titel", "geldig_vanaf", "geldig_tot"):
        if sleutel not in kop:
            raise RegelingFout(f"{bestand}: [regeling] mist '{sleutel}'")
    vanaf, tot = kop["geldig_vanaf"], kop["geldig_tot"]
    if not (isinstance(vanaf, dt.date) and isinstance(tot, dt.date)) or tot < vanaf:
        raise RegelingFout(f"{bestand}: [regeling] geldig_vanaf/geldig_tot zijn geen geldige periode")

    parameters: dict[str, Parameter] = {}
    for groep, tabel in data.items():
        if not isinstance(tabel, dict):
            raise RegelingFout(f"{bestand}: '{groep}' hoort een tabel met parameters te zijn")
        for sleutel, p in tabel.items():
            naam = f"{groep}.{sleutel}"
            if not isinstance(p, dict):
                raise RegelingFout(f"{bestand}: parameter '{naam}' hoort een tabel te zijn")
            _controleer_sleutels(p, PARAMETER_SLEUTELS, f"parameter '{naam}'", bestand)
            ontbreekt = [k for k in ("omschrijving", "eenheid", "waarde", "bron") if k not in p]
            if ontbreekt:
                raise RegelingFout(f"{bestand}: parameter '{naam}' mist {', '.join(ontbreekt)}")
            if not str(p["bron"]).strip():
                raise RegelingFout(f"{bestand}: parameter '{naam}' heeft geen bron")
            parameters[naam] = Parameter(
                naam=naam,
                omschrijving=str(p["omschrijving"]),
                eenheid=str(p["eenheid"]),
                waarde=_waarde(naam, str(p["eenheid"]), p["waarde"], bestand=bestand),
                # A parameter is valid as long as its regeling unless it says otherwise.
                geldig_vanaf=p.get("geldig_vanaf", vanaf),
                geldig_tot=p.get("geldig_tot", tot),
                bron=" ".join(str(p["bron"]).split()),
            )
    budget = [naam for naam in BUDGET if naam in parameters]
    if budget and len(budget) < len(BUDGET):
        zonder = ", ".join(naam for naam in BUDGET if naam not in parameters)
        raise RegelingFout(f"{bestand}: het budget ({bronnen.BUDGET}) is onvolledig, {zonder} ontbreekt")
    for naam, eenheid in (*VERPLICHT.items(), *((n, BUDGET[n]) for n in budget)):
        if naam not in parameters:
            raise RegelingFout(f"{bestand}: verplichte parameter '{naam}' ontbreekt")
        if parameters[naam].eenheid != eenheid:
            raise RegelingFout(
                f"{bestand}: parameter '{naam}' heeft eenheid '{parameters[naam].eenheid}', "
                f"verwacht '{eenheid}'"
            )
    regeling = Regeling(
        naam=str(kop["naam"]),
        titel=str(kop["titel"]),
        geldig_vanaf=vanaf,
        geldig_tot=tot,
        besluit=str(kop.get("besluit", "")),
        bron=str(kop.get("bron", "")),
        parameters=MappingProxyType(parameters),
        vervangt=_naam_of_niets(kop, "vervangt", bestand),
        ingetrokken_door=_naam_of_niets(kop, "ingetrokken_door", bestand),
        geldig_bron=" ".join(str(kop.get("geldig_bron", "")).split()),
    )
    _controleer_samenhang(regeling, bestand=bestand)
    return regeling


def _controleer_sleutels(tabel: Mapping[str, object], bekend: tuple[str, ...], waar: str, bestand: str) -> None:
    for sleutel in tabel:
        if sleutel not in bekend:
            lijkt = difflib.get_close_matches(sleutel, bekend, n=1)
            hint = f"; bedoelt u '{lijkt[0]}'?" if lijkt else f"; toegestaan: {', '.join(bekend)}"
            raise RegelingFout(f"{bestand}: {waar} heeft een onbekende sleutel '{sleutel}'{hint}")


def _naam_of_niets(kop: Mapping[str, object], sleutel: str, bestand: str) -> str | None:
    waarde = kop.get(sleutel)
    if waarde is None:
        return None
    if not isinstance(waarde, str) or not waarde.strip():
        raise RegelingFout(f"{bestand}: [regeling] {sleutel} hoort de naam van een regeling te zijn")
    return waarde.strip()


def _waarde(naam: str, eenheid: str, waarde: object, *, bestand: str) -> Decimal | bool | dt.date:
    if eenheid == "ja/nee":
        if not isinstance(waarde, bool):
            raise RegelingFout(f"{bestand}: parameter '{naam}' hoort true of false te zijn")
        return waarde
    if eenheid == "datum":  # a TOML date (2018-11-01); a workbook's date cell reads as a datetime
        if isinstance(waarde, dt.datetime) and waarde.time() == dt.time(0):
            waarde = waarde.date()
        if isinstance(waarde, str):
            try:
                waarde = dt.date.fromisoformat(waarde.strip())
            except ValueError:
                pass
        if not isinstance(waarde, dt.date) or isinstance(waarde, dt.datetime):
            raise RegelingFout(f"{bestand}: parameter '{naam}' hoort een datum te zijn (2018-11-01), niet {waarde!r}")
        return waarde
    if isinstance(waarde, bool):
        raise RegelingFout(f"{bestand}: parameter '{naam}' hoort een getal te zijn, niet {waarde}")
    try:
        # str() first: a TOML float such as 0.15 must become Decimal("0.15"), not its binary twin.
        getal = Decimal(str(waarde).strip().replace(",", "."))
    except InvalidOperation:
        raise RegelingFout(f"{bestand}: parameter '{naam}' is geen getal: {waarde!r}") from None
    if not getal.is_finite() or getal < 0:
        raise RegelingFout(f"{bestand}: parameter '{naam}' moet een getal ≥ 0 zijn, niet {waarde!r}")
    if eenheid == "euro" and getal != getal.quantize(Decimal("0.01")):
        raise RegelingFout(f"{bestand}: bedrag '{naam}' heeft meer dan 2 decimalen: {waarde!r}")
    if eenheid == "huishoudens" and getal != getal.to_integral_value():
        raise RegelingFout(f"{bestand}: '{naam}' moet een geheel aantal huishoudens zijn: {waarde!r}")
    if eenheid == "fractie" and getal > 1:
        raise RegelingFout(f"{bestand}: '{naam}' is een fractie (0,15 = 15%), niet {waarde!r}")
    return getal


def _controleer_samenhang(r: Regeling, *, bestand: str) -> None:
    minimum, maximum = r.waarde("basissubsidie.minimum"), r.waarde("basissubsidie.maximum")
    if minimum > maximum:
        raise RegelingFout(f"{bestand}: basissubsidie.minimum ({minimum}) ligt boven het maximum ({maximum})")
    standaard = sum(r.standaard_componenten.values())
    if not minimum <= standaard <= maximum:
        raise RegelingFout(
            f"{bestand}: de standaardonderdelen tellen op tot {standaard}, "
            f"buiten {minimum}–{maximum}"
        )
    if r.waarde("toeslag.basis_huishoudens") == 0:
        raise RegelingFout(f"{bestand}: toeslag.basis_huishoudens mag niet 0 zijn")
