"""Parse and check one value of the input contract; every layer uses these, so a bound lives once.

Each function takes what a person or a file may hand us (int, float, Decimal, str, None) and returns
the domain value, or raises `WaardeFout` with a Dutch reason that names the value.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .model import BuurtxlFout

CENT = Decimal("0.01")
# No count or amount in this scheme reaches 10^15; beyond it Decimal rounding and int64 overflow.
GROOTSTE_MACHT = 15


class WaardeFout(BuurtxlFout, ValueError):
    """A single value is unusable; the message is Dutch and fit to show a user."""


def cent(bedrag: Decimal) -> Decimal:
    """Round to whole cents, half up (as Excel's ROUND does for positive amounts)."""
    return bedrag.quantize(CENT, rounding=ROUND_HALF_UP)


def is_leeg(waarde: object) -> bool:
    """None, NaN, pandas' NA or a blank string: the cell was left empty."""
    if waarde is None:
        return True
    if isinstance(waarde, str):
        return not waarde.strip()
    if isinstance(waarde, Decimal):  # comparing a signalling NaN raises instead of answering
        return waarde.is_nan()
    try:
        return bool(waarde != waarde)  # NaN, pd.NA and NaT are unequal to themselves
    except TypeError:  # pd.NA refuses bool()
        return True


def weergave(waarde: object) -> str:
    """A value as a Dutch Excel user sees it, for messages: WAAR/ONWAAR, a decimal comma (1420,5),
    Excel's exponent (1E+300). Text stays as typed."""
    if isinstance(waarde, bool):
        return "WAAR" if waarde else "ONWAAR"
    if isinstance(waarde, float) and math.isfinite(waarde) and waarde.is_integer() and abs(waarde) < 1e15:
        return str(int(waarde))
    if isinstance(waarde, (float, Decimal)):
        # repr of a float is the shortest string that reads back as the same number.
        tekst = repr(waarde) if isinstance(waarde, float) else str(waarde)
        return tekst.replace(".", ",").replace("e", "E").replace("inf", "oneindig").replace("nan", "geen getal")
    return str(waarde)


def getal(waarde: object, naam: str, *, geheel: bool = False) -> Decimal:
    """A finite number. Strings use a decimal point or a single decimal comma (`4850,50`).

    `geheel`: the value must be a whole number, so advice for an ambiguous `1.930` names only 1930.
    """
    if isinstance(waarde, bool):
        raise WaardeFout(f"{naam}: '{weergave(waarde)}' is geen getal")
    if isinstance(waarde, float):
        if not math.isfinite(waarde):
            raise WaardeFout(f"{naam}: '{weergave(waarde)}' is geen eindig getal")
        # repr of a float is the shortest string that round-trips: 0.1 stays "0.1".
        d = Decimal(repr(waarde))
    elif isinstance(waarde, (int, Decimal)):
        d = Decimal(waarde)
    elif isinstance(waarde, str):
        d = _getal_uit_tekst(waarde, naam, geheel=geheel)
    else:
        try:  # numpy scalars and the like
            return getal(float(waarde), naam, geheel=geheel)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise WaardeFout(f"{naam}: '{weergave(waarde)}' is geen getal") from None
    if not d.is_finite():
        raise WaardeFout(f"{naam}: '{weergave(waarde)}' is geen eindig getal")
    if d.adjusted() >= GROOTSTE_MACHT:  # 1E400 would overflow rounding to cents further on
        raise WaardeFout(f"{naam}: '{weergave(waarde)}' is te groot")
    return d


def _getal_uit_tekst(text: str, naam: str, *, geheel: bool = False) -> Decimal:
    """Accepts `4850`, `4850.5`, `4850,50`, `4.850,00` and `€ 4.850,00`; refuses `1.300`.

    A lone dot before exactly three digits (`1.300`, `€ 4.850`) is a thousands dot to a Dutch
    reader and a decimal point to an English one: we refuse it rather than guess.
    """
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if s.startswith("€"):
        s = s[1:]
    if _DUTCH_FULL.fullmatch(s):  # 4.850,00: dots group thousands, the comma is decimal
        s = s.replace(".", "").replace(",", ".")
    elif _THOUSANDS_ONLY.fullmatch(s):
        # Advise only what will be accepted: '1,930' is refused where a whole number is needed.
        duizend, decimaal = s.replace(".", ""), s.replace(".", ",")
        advies = duizend if geheel else f"{duizend} (duizendtallen) of {decimaal} (decimalen)"
        raise WaardeFout(
            f"{naam}: '{text}' is dubbelzinnig (duizendtalpunt of decimaalpunt?); schrijf {advies}"
        )
    elif s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        raise WaardeFout(f"{naam}: '{text}' is geen getal") from None


_DUTCH_FULL = re.compile(r"[+-]?\d{1,3}(\.\d{3})+,\d+")
_THOUSANDS_ONLY = re.compile(r"[+-]?\d{1,3}(\.\d{3})+")


# Characters an xlsx file (XML 1.0) cannot hold: most control characters, surrogates and the
# non-characters U+FFFE/U+FFFF. Tab, line feed and carriage return are allowed (and stay text).
_NIET_IN_WERKMAP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def tekst(waarde: object, naam: str) -> str:
    """A text field such as a buurt name: storable in a workbook cell, on one line.

    Runs of whitespace (tabs, line breaks) become one space: a line break inside a name does not
    survive the workbook's XML unchanged (a carriage return comes back as a line feed).
    """
    s = str(waarde)
    verboden = _NIET_IN_WERKMAP.search(s)
    if verboden:
        raise WaardeFout(
            f"{naam}: bevat een teken dat niet in een werkmap kan "
            f"(U+{ord(verboden.group()):04X} op positie {verboden.start() + 1})"
        )
    return " ".join(unicodedata.normalize("NFC", s).split())


def sleutel(naam: str) -> str:
    """The form in which two names are the same name: NFC, invisible characters dropped, whitespace
    collapsed, case folded. 'Mariënwaard' typed composed or decomposed is one buurt."""
    zichtbaar = "".join(t for t in unicodedata.normalize("NFC", naam) if unicodedata.category(t) != "Cf")
    return " ".join(zichtbaar.split()).casefold()


def onzichtbaar(tekst: str) -> list[tuple[int, str]]:
    """(position from 1, 'U+200B') of each invisible formatting character (category Cf) in `tekst`."""
    return [(i, f"U+{ord(t):04X}") for i, t in enumerate(tekst, start=1) if unicodedata.category(t) == "Cf"]


def huishoudens(waarde: object, naam: str = "huishoudens") -> int:
    """A whole number of households, at least 0."""
    d = getal(waarde, naam, geheel=True)
    if d != d.to_integral_value():
        raise WaardeFout(f"{naam}: '{weergave(waarde)}' is geen geheel aantal huishoudens")
    if d < 0:
        raise WaardeFout(f"{naam}: '{weergave(waarde)}' is negatief; het aantal huishoudens is 0 of meer")
    return int(d)


def buurtscore(waarde: object, naam: str = "buurtscore") -> Decimal:
    """A buurtmonitor score between 0 and 100."""
    d = getal(waarde, naam)
    if not Decimal(0) <= d <= Decimal(100):
        raise WaardeFout(f"{naam}: '{weergave(waarde)}' ligt buiten 0–100")
    return d.normalize() if d == d.to_integral_value() else d


def bedrag(waarde: object, naam: str) -> Decimal:
    """An amount in euros, at least 0, in whole cents."""
    d = getal(waarde, naam)
    if d < 0:
        raise WaardeFout(f"{naam}: '{weergave(waarde)}' is negatief; een bedrag is 0 of meer")
    if d != d.quantize(CENT):
        # Binary floats from a spreadsheet (1234.5600000000001) are cents in disguise.
        if isinstance(waarde, float) and abs(d - cent(d)) < Decimal("1e-6"):
            return cent(d)
        raise WaardeFout(f"{naam}: '{weergave(waarde)}' heeft meer dan 2 decimalen")
    return d.quantize(CENT)


# An e-mail address as a person types it: something@domain.tld, no spaces. Deliverability is not
# checkable here; this catches a phone number or a name in the wrong cell.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_DATUM = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def iban(waarde: object, naam: str = "iban") -> str:
    """An IBAN with valid check digits (ISO 13616, checked by python-stdnum), printed in groups of four
    (NL91 ABNA 0417 1643 00). A typo in a bank account number is caught before money goes astray."""
    from stdnum import iban as stdnum_iban
    from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidLength, ValidationError

    getypt = tekst(waarde, naam)
    try:
        return str(stdnum_iban.format(stdnum_iban.validate(getypt)))
    except InvalidChecksum:
        reden = "de controlecijfers kloppen niet; controleer het nummer op een typefout"
    except InvalidLength:
        reden = f"het aantal tekens past niet bij een IBAN uit {getypt[:2].upper()}"
    except InvalidComponent:
        reden = f"het rekeningnummer na de controlecijfers past niet bij een IBAN uit {getypt[:2].upper()}"
    except ValidationError:
        reden = "dit is geen IBAN (een IBAN begint met de landcode, bijvoorbeeld NL91 ABNA 0417 1643 00)"
    raise WaardeFout(f"{naam}: '{getypt}' is geen geldig IBAN: {reden}")


def email(waarde: object, naam: str = "email") -> str:
    """An e-mail address: one '@', a domain with a dot, no spaces."""
    getypt = tekst(waarde, naam)
    if not _EMAIL.fullmatch(getypt):
        raise WaardeFout(f"{naam}: '{getypt}' is geen e-mailadres (zoals naam@voorbeeld.nl)")
    return getypt


def datum(waarde: object, naam: str = "datum") -> dt.date:
    """A date: a workbook's date cell, or text as 20-3-2018, 20/03/2018 or 2018-03-20."""
    if isinstance(waarde, dt.datetime):
        return waarde.date()
    if isinstance(waarde, dt.date):
        return waarde
    getypt = tekst(waarde, naam)
    try:
        gevonden = _DATUM.fullmatch(getypt)
        if gevonden:
            return dt.date(int(gevonden[3]), int(gevonden[2]), int(gevonden[1]))
        return dt.date.fromisoformat(getypt)
    except ValueError:
        raise WaardeFout(f"{naam}: '{getypt}' is geen datum (zoals 20-3-2018)") from None
