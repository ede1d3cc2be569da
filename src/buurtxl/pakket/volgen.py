"""The user's references into buurtxl's sheets follow the content, as Excel's do when rows move.

buurtxl's layout changes between releases and with the number of buurten: `Begroting!L10` may hold
another figure after an update. Before our sheets are replaced, each reference by address from a
user's formula or name into one of them is tied to the labelled cell it points at and rewritten to
the cell with the same labels in the new sheet (`pakket.rooster` says what a label is).

Only the formula text changes: the rest of the sheet part stays byte for byte, and so does the
cached value, which is still right. A target that no longer exists becomes `#REF!`, as in Excel
when the cell is deleted, and is named in a message.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from openpyxl.formula.translate import Translator
from openpyxl.utils.cell import column_index_from_string, get_column_letter

from ..opmaak import aantal
from .onderdelen import NS_MAIN, Pakket, naar_bytes, xml
from .rooster import CEL as _CEL, Rooster, Sleutel, rooster, sleutel, zoek
from .verwijzingen import Treffer, bladen_in, treffers
from .werkboek import Blad, Naam

M = f"{{{NS_MAIN}}}"
_KOLOM = re.compile(r"(\$?)([A-Za-z]{1,3})")
_RIJ = re.compile(r"(\$?)(\d+)")
FOUT = "#REF!"


# -- rewriting one reference -------------------------------------------------------------------

@dataclass(frozen=True)
class Doel:
    """Our sheet as it was (grid, role) and as it will be (None when it is gone)."""

    oud: Rooster
    rol: str
    nieuw: Rooster | None


def vertaal_adres(adres: str, doel: Doel) -> str | None:
    """The address of the same labelled cells in the new sheet (`$` kept), or None when gone."""
    delen = adres.split(":")
    uit = []
    for deel in delen:
        if (m := _CEL.fullmatch(deel)) is not None:
            oud = (int(m.group(4)), column_index_from_string(m.group(2).upper()))
            if doel.nieuw is None:
                return None
            plek = zoek(doel.nieuw, doel.rol, sleutel(doel.oud, doel.rol, *oud))
            if plek is None:
                return None
            uit.append(f"{m.group(1)}{get_column_letter(plek[1])}{m.group(3)}{plek[0]}")
        elif (m := _KOLOM.fullmatch(deel)) is not None:
            kolom = column_index_from_string(m.group(2).upper())
            if doel.rol != "begroting" or doel.oud.kop(kolom) is None:
                uit.append(deel)
                continue
            nieuw = zoek(doel.nieuw, doel.rol, ("kop", doel.oud.kop(kolom))) if doel.nieuw else None
            if nieuw is None:
                return None
            uit.append(f"{m.group(1)}{get_column_letter(nieuw[1])}")
        elif (m := _RIJ.fullmatch(deel)) is not None:
            rij = int(m.group(2))
            label = doel.oud.rijlabel(rij) if doel.rol != "begroting" else None
            if label is None:
                uit.append(deel)
                continue
            rijen = doel.nieuw.rijen().get(label, []) if doel.nieuw else []
            n = doel.oud.rijen()[label].index(rij)
            if n >= len(rijen):
                return None
            uit.append(f"{m.group(1)}{rijen[n]}")
        else:
            uit.append(deel)
    return ":".join(uit)


@dataclass
class Formule:
    """One formula's references into our sheets, rewritten."""

    tekst: str
    aantal: int = 0  # references into our sheets
    verplaatst: int = 0  # of which now at another address
    weg: list[str] = field(default_factory=list)  # "Begroting!L10" whose labelled cell is gone
    bladen: set[str] = field(default_factory=set)


def herschrijf_formule(tekst: str, doelen: Mapping[str, Doel]) -> Formule:
    uit = Formule(tekst)
    stukken, vorige = [], 0
    for t in treffers(tekst, set(doelen)):
        uit.aantal += 1
        uit.bladen.add(t.titel)
        nieuw = vertaal_adres(t.adres, doelen[t.titel])
        if nieuw is None:  # the labelled cell is gone: #REF!, as Excel writes for a deleted cell
            uit.weg.append(f"{t.titel}!{t.adres.replace('$', '')}")
            stukken += [tekst[vorige:t.begin], FOUT]
            vorige = t.eind
        elif nieuw != t.adres:
            uit.verplaatst += 1
            stukken += [tekst[vorige:t.adres_begin], nieuw]
            vorige = t.eind
    stukken.append(tekst[vorige:])
    uit.tekst = "".join(stukken)
    return uit


# -- a whole sheet part -------------------------------------------------------------------------

_CEL_XML = re.compile(rb"<((?:[\w.-]+:)?)c\b([^>]*?)(?:/>|>(.*?)</\1c>)", re.DOTALL)
_R_ATTR = re.compile(rb'\sr="([^"]+)"')


@dataclass
class Blad_verslag:
    aantal: int = 0
    verplaatst: int = 0
    bladen: set[str] = field(default_factory=set)
    weg: list[tuple[str, str]] = field(default_factory=list)  # (cell, target)


def herschrijf_deel(data: bytes, doelen: Mapping[str, Doel]) -> tuple[bytes, Blad_verslag]:
    """The sheet part with each formula's references into our sheets rewritten; only `<f>` changes."""
    verslag = Blad_verslag()
    sleutels = [t.encode("utf-8") for t in doelen]
    if b"<f" not in data or not any(s in data for s in sleutels):
        return data, verslag
    formules: dict[str, tuple[str, dict[str, str]]] = {}  # cell → (text, attributes of <f>)
    gedeeld: dict[str, tuple[str, str]] = {}  # si → (master cell, master text)
    leden: dict[str, list[str]] = defaultdict(list)
    for cel in xml(data).iter(f"{M}c"):
        f = cel.find(f"{M}f")
        adres = cel.get("r")
        if f is None or not adres:
            continue
        attrs = dict(f.attrib)
        if attrs.get("t") == "shared" and "si" in attrs:
            leden[attrs["si"]].append(adres)
            if f.text:
                gedeeld[attrs["si"]] = (adres, f.text)
        formules[adres] = (f.text or "", attrs)

    nieuw: dict[str, str] = {}  # cell → the whole new <f> element's text content
    los: set[str] = set()  # cells of shared formulas written out on their own
    for adres, (tekst, attrs) in formules.items():
        if attrs.get("t") == "shared" and attrs.get("si") in gedeeld:
            continue
        if not bladen_in(tekst) & set(doelen):
            continue
        uit = herschrijf_formule(tekst, doelen)
        _tel(verslag, adres, uit)
        if uit.tekst != tekst:
            nieuw[adres] = uit.tekst
    for si, (meester, tekst) in gedeeld.items():
        effectief = {a: _vertaal(tekst, meester, a) for a in leden[si]}
        if not any(bladen_in(t) & set(doelen) for t in effectief.values()):
            continue
        herschreven = {a: herschrijf_formule(t, doelen) for a, t in effectief.items()}
        for a, uit in herschreven.items():
            _tel(verslag, a, uit)
        if all(uit.tekst == effectief[a] for a, uit in herschreven.items()):
            continue
        nieuwe_meester = herschreven[meester].tekst
        if all(_vertaal(nieuwe_meester, meester, a) == uit.tekst for a, uit in herschreven.items()):
            nieuw[meester] = nieuwe_meester  # the group still shares one formula: only its text changes
        else:
            for a, uit in herschreven.items():
                nieuw[a] = uit.tekst
                los.add(a)
    if not nieuw:
        return data, verslag
    return _vervang(data, nieuw, los), verslag


def _tel(verslag: Blad_verslag, adres: str, uit: Formule) -> None:
    verslag.aantal += uit.aantal
    verslag.verplaatst += uit.verplaatst
    verslag.bladen |= uit.bladen
    verslag.weg += [(adres, w) for w in uit.weg]


def _vertaal(tekst: str, van: str, naar: str) -> str:
    """A shared formula's text as it applies in cell `naar` (Excel shifts its relative references)."""
    if van == naar:
        return tekst
    return Translator("=" + tekst, origin=van).translate_formula(naar)[1:]


def _vervang(data: bytes, nieuw: dict[str, str], los: set[str]) -> bytes:
    """Replace the `<f>` of the cells in `nieuw`, byte for byte leaving everything else."""
    def cel(m: re.Match[bytes]) -> bytes:
        r = _R_ATTR.search(m.group(2))
        adres = r.group(1).decode() if r else ""
        if adres not in nieuw or m.group(3) is None:
            return m.group(0)
        voorvoegsel = m.group(1)
        inhoud = re.sub(
            rb"<" + re.escape(voorvoegsel) + rb"f\b([^>]*?)(?:/>|>.*?</" + re.escape(voorvoegsel) + rb"f>)",
            lambda f: _f_element(voorvoegsel, f.group(1), nieuw[adres], adres in los),
            m.group(3), count=1, flags=re.DOTALL,
        )
        return m.group(0)[: m.start(3) - m.start(0)] + inhoud + m.group(0)[m.end(3) - m.start(0):]

    return _CEL_XML.sub(cel, data)


def _f_element(voorvoegsel: bytes, attrs: bytes, tekst: str, los: bool) -> bytes:
    if los:  # out of its shared group: a formula of its own
        attrs = re.sub(rb'\s(?:t="shared"|si="[^"]*"|ref="[^"]*")', b"", attrs)
    inhoud = escape(tekst).encode("utf-8")
    return b"<" + voorvoegsel + b"f" + attrs + b">" + inhoud + b"</" + voorvoegsel + b"f>"


# -- the whole workbook -----------------------------------------------------------------------------

@dataclass
class Gevolgd:
    """What following the references changes: sheet parts, name texts, and what to tell the user."""

    delen: dict[str, bytes] = field(default_factory=dict)  # the user's sheet parts, rewritten
    namen: dict[tuple[str, str | None], str] = field(default_factory=dict)  # (name, scope) → new text
    per_blad: dict[str, Blad_verslag] = field(default_factory=dict)
    namen_verslag: Blad_verslag = field(default_factory=Blad_verslag)
    namen_met_verwijzing: list[str] = field(default_factory=list)

    def meldingen(self) -> list[str]:
        """One line per user sheet (and one for the names), then one per sheet with targets gone."""
        uit = []
        verslagen = [*self.per_blad.items(), ("", self.namen_verslag)]
        for titel, v in verslagen:
            if not v.aantal:
                continue
            wie = f"Blad '{titel}'" if titel else f"Namen ({', '.join(self.namen_met_verwijzing)})"
            bladen = _opsomming([f"'{b}'" for b in sorted(v.bladen)])
            gevolgd = v.aantal - len(v.weg)
            regel = (f"{wie}: {aantal(v.aantal, 'verwijzing', 'verwijzingen')} op celadres naar {bladen}; "
                     f"{gevolgd} {'volgt' if gevolgd == 1 else 'volgen'} de inhoud ({v.verplaatst} met een "
                     "nieuw adres in de nieuwe indeling)")
            if v.weg:
                regel += f", {len(v.weg)} {'wijst' if len(v.weg) == 1 else 'wijzen'} naar iets dat niet meer bestaat"
            uit.append(regel + ".")
        for titel, v in verslagen:
            if v.weg:
                cellen = list(dict.fromkeys(c for c, _ in v.weg))
                wie = (f"Blad '{titel}', {'cel' if len(cellen) == 1 else 'cellen'} " if titel
                       else f"{'Naam' if len(cellen) == 1 else 'Namen'} ")
                doelen = _opsomming(list(dict.fromkeys(d for _, d in v.weg)))
                uit.append(
                    f"{wie}{_opsomming(cellen)}: verwees naar {doelen}; dat bestaat niet meer in de nieuwe "
                    "indeling van buurtxl. Er staat nu #VERW! (#REF!), zoals in Excel bij een verwijderde cel; "
                    "de oude formule staat in de reservekopie."
                )
        return uit


def _opsomming(delen: list[str]) -> str:
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]


def volg(
    pakket: Pakket,
    gebruiker: Iterable[Blad],
    namen: Iterable[Naam],
    oud: Mapping[str, str],
    klad: Pakket,
    nieuw: Mapping[str, str],
) -> Gevolgd:
    """Follow the references from the user's sheets and names into our old sheets (`oud`: title →
    role, in `pakket`) to the same labelled cells of our new sheets (`nieuw`: title → role, in `klad`)."""
    from .werkboek import bladen

    oude_delen = {b.titel: b.deel for b in bladen(pakket) if b.titel in oud and b.deel in pakket.delen}
    nieuwe_delen = {b.titel: b.deel for b in bladen(klad) if b.titel in nieuw and b.deel in klad.delen}
    doelen = {
        titel: Doel(rooster(pakket, deel or ""), oud[titel],
                    rooster(klad, nieuwe_delen[titel] or "") if titel in nieuwe_delen else None)
        for titel, deel in oude_delen.items()
    }
    uit = Gevolgd()
    if not doelen:
        return uit
    for blad in gebruiker:
        data = pakket.delen.get(blad.deel or "")
        if data is None:
            continue
        herschreven, verslag = herschrijf_deel(data, doelen)
        if verslag.aantal:
            uit.per_blad[blad.titel] = verslag
        if herschreven != data:
            uit.delen[blad.deel or ""] = herschreven
    for naam in namen:
        if not bladen_in(naam.tekst) & set(doelen):
            continue
        formule = herschrijf_formule(naam.tekst, doelen)
        _tel(uit.namen_verslag, naam.naam, formule)
        uit.namen_met_verwijzing.append(naam.naam)
        if formule.tekst != naam.tekst:
            uit.namen[(naam.naam, naam.blad)] = formule.tekst
    return uit


def toegepast(pakket: Pakket, gevolgd: Gevolgd) -> Pakket:
    """A copy of `pakket` with the followed formula texts and names (`pakket` itself when none)."""
    if not (gevolgd.delen or gevolgd.namen):
        return pakket
    aangepast = Pakket({**pakket.delen, **gevolgd.delen}, pakket.info, pakket.bron)
    pas_namen_toe(aangepast, gevolgd.namen)
    return aangepast


def pas_namen_toe(pakket: Pakket, namen: Mapping[tuple[str, str | None], str]) -> None:
    """Write the new texts of the user's names into workbook.xml (a part `update` rewrites anyway)."""
    if not namen:
        return
    deel = pakket.werkboek()
    boom = xml(pakket.delen[deel])
    titels = [b.get("name", "") for b in boom.iter(f"{M}sheet")]
    for e in boom.iter(f"{M}definedName"):
        index = e.get("localSheetId")
        blad = titels[int(index)] if index is not None and index.isdigit() and int(index) < len(titels) else None
        if (e.get("name", ""), blad) in namen:
            e.text = namen[(e.get("name", ""), blad)]
    pakket.delen[deel] = naar_bytes(boom)


__all__ = ["Doel", "Gevolgd", "Rooster", "Sleutel", "Treffer", "herschrijf_deel", "herschrijf_formule",
           "pas_namen_toe", "rooster", "sleutel", "volg", "zoek"]
