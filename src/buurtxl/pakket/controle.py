"""An independent check of the written package against the original, part by part.

It does not trust the merge: it reads both zips again and asks what the issue promises —
every part that is not buurtxl's is byte-identical; only the shared parts may differ, and in those
the user's entries are all still there (sheets, names, relationships, content types); the user's
style entries are a prefix of the new lists; every new part hangs off one of buurtxl's sheets.
Each finding is a Dutch sentence; an empty list means the package passed.
"""

from __future__ import annotations

import re

from lxml import etree

from . import eigendom, werkboek
from .onderdelen import INHOUDSTYPEN, NS_MAIN, Pakket, inhoudstypen, rels_pad, xml
from .verwijzingen import bladen_in

M = f"{{{NS_MAIN}}}"
_LIJSTEN = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs")


def controleer(oud: Pakket, nieuw: Pakket, eigen_oud: set[str], *, formules_gevolgd: set[str] = frozenset(),  # type: ignore[assignment]
               namen_gevolgd: set[tuple[str, str | None]] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Findings for `nieuw` written from `oud`, where `eigen_oud` titles buurtxl's replaced sheets.

    `formules_gevolgd`: the user's sheet parts whose formulas now point at the same labelled cells
    of our new sheets (`pakket.volgen`): in those only the `<f>` elements may differ. `namen_gevolgd`:
    the user's names (name, scope) rewritten the same way."""
    uit: list[str] = []
    wb = oud.werkboek()
    oude_bladen = werkboek.bladen(oud)
    eigen_delen = {b.deel for b in oude_bladen if b.titel in eigen_oud and b.deel}
    calc = {r.doel for r in oud.relaties(wb) if r.soort == "calcChain"}
    rest = oud.bereikbaar([""], eigen_delen | calc)
    mag_weg = (oud.bereikbaar(sorted(eigen_delen | calc)) - rest)
    mag_weg |= {rels_pad(d) for d in mag_weg}
    stijl = next((r.doel for r in oud.relaties(wb) if r.soort == "styles"), None)
    custom = next((r.doel for r in nieuw.relaties("") if r.type == eigendom.REL_CUSTOM), None)
    gedeeld: set[str | None] = {wb, rels_pad(wb), INHOUDSTYPEN, stijl, custom}
    if custom not in oud.delen:
        gedeeld.add(rels_pad(""))  # the package's relationships gained the custom properties

    for deel, data in oud.delen.items():
        if deel in gedeeld:
            continue
        if deel not in nieuw.delen:
            if deel not in mag_weg:
                uit.append(f"onderdeel {deel} ontbreekt")
        elif deel in mag_weg and nieuw.delen[deel] != data:
            uit.append(f"onderdeel {deel} van een oud blad van buurtxl is overschreven in plaats van verwijderd")
        elif deel in formules_gevolgd and _zonder_formules(nieuw.delen[deel]) == _zonder_formules(data):
            continue  # only formula texts changed: their references follow our sheets' content
        elif nieuw.delen[deel] != data:
            uit.append(f"onderdeel {deel} is veranderd")

    eigen_nieuw = {b.titel for b in eigendom.vastgelegd(nieuw)}
    nieuwe_bladen = werkboek.bladen(nieuw)
    van_ons = nieuw.bereikbaar([b.deel for b in nieuwe_bladen if b.titel in eigen_nieuw and b.deel])
    van_ons |= {rels_pad(d) for d in van_ons} | {d for d in (custom, stijl) if d}
    for deel in nieuw.delen:
        if deel not in oud.delen and deel not in van_ons:
            uit.append(f"nieuw onderdeel {deel} hoort niet bij een blad van buurtxl")

    uit += _bladen(oude_bladen, nieuwe_bladen, eigen_oud)
    uit += _namen(oud, nieuw, eigen_oud, namen_gevolgd)
    uit += _relaties(oud, nieuw, wb, mag_weg)
    uit += _inhoudstypen(oud, nieuw, mag_weg)
    if stijl and stijl in oud.delen:
        uit += _stijlen(oud.delen[stijl], nieuw.delen.get(stijl, b""))
    return uit


def _bladen(oud: list[werkboek.Blad], nieuw: list[werkboek.Blad], eigen: set[str]) -> list[str]:
    van_gebruiker = [(b.titel, b.id, b.deel, b.staat) for b in oud if b.titel not in eigen]
    titels = {t for t, *_ in van_gebruiker}
    erna = [(b.titel, b.id, b.deel, b.staat) for b in nieuw if b.titel in titels]
    return [] if van_gebruiker == erna else [f"de bladen van de gebruiker veranderen: {van_gebruiker} → {erna}"]


_FORMULE = re.compile(rb"<((?:[\w.-]+:)?)f\b[^>]*?(?:/>|>.*?</\1f>)", re.DOTALL)


def _zonder_formules(data: bytes) -> bytes:
    """A sheet part with every `<f>` element taken out (what must stay byte for byte around them)."""
    return _FORMULE.sub(b"", data)


def _namen(oud: Pakket, nieuw: Pakket, eigen: set[str], gevolgd: set[tuple[str, str | None]]) -> list[str]:
    na = {(n.naam.casefold(), n.blad): n for n in werkboek.namen(nieuw)}
    uit = []
    for n in werkboek.namen(oud):
        if n.blad in eigen:
            continue  # scoped to a sheet that was replaced: its print area, the old mark
        erna = na.get((n.naam.casefold(), n.blad))
        if erna is None:
            uit.append(f"gedefinieerde naam '{n.naam}' ontbreekt")
        elif bladen_in(n.tekst) and bladen_in(n.tekst) <= eigen and n.blad is None:
            continue  # points only into buurtxl's old sheets: buurtxl's own name, written anew
        elif (n.naam, n.blad) in gevolgd and erna.verborgen == n.verborgen:
            continue  # its reference into our sheets follows their content
        elif (erna.tekst, erna.verborgen) != (n.tekst, n.verborgen):
            uit.append(f"gedefinieerde naam '{n.naam}' verandert: {n.tekst} → {erna.tekst}")
    return uit


def _relaties(oud: Pakket, nieuw: Pakket, wb: str, weg: set[str]) -> list[str]:
    erna = {(r.id, r.type, r.doel) for r in nieuw.relaties(wb)}
    ids = [r.id for r in nieuw.relaties(wb)]
    uit = [f"relatie {r.id} van {wb} ontbreekt of verandert" for r in oud.relaties(wb)
           if r.doel not in weg and (r.id, r.type, r.doel) not in erna]
    if len(ids) != len(set(ids)):
        uit.append(f"dubbele relatie-id in {rels_pad(wb)}")
    for r in oud.relaties(""):
        if (r.id, r.type, r.doel) not in {(x.id, x.type, x.doel) for x in nieuw.relaties("")}:
            uit.append(f"relatie {r.id} van het pakket ontbreekt of verandert")
    return uit


def _inhoudstypen(oud: Pakket, nieuw: Pakket, weg: set[str]) -> list[str]:
    (s_oud, a_oud), (s_nieuw, a_nieuw) = inhoudstypen(oud), inhoudstypen(nieuw)
    uit = [f"inhoudstype voor .{e} verandert" for e, t in s_oud.items() if s_nieuw.get(e) != t]
    uit += [f"inhoudstype van /{d} verandert" for d, t in a_oud.items() if d not in weg and a_nieuw.get(d) != t]
    return uit


def _vorm(e: etree._Element) -> tuple:
    return (
        e.tag,
        tuple(sorted(e.attrib.items())),
        (e.text or "").strip(),
        tuple(_vorm(k) for k in e if isinstance(k.tag, str)),
    )


def _stijlen(oud: bytes, nieuw: bytes) -> list[str]:
    a, b = xml(oud), xml(nieuw)
    uit = []
    for lijst in _LIJSTEN:
        voor = [_vorm(e) for e in (a.find(M + lijst) if a.find(M + lijst) is not None else [])]
        na = [_vorm(e) for e in (b.find(M + lijst) if b.find(M + lijst) is not None else [])]
        if na[: len(voor)] != voor:
            uit.append(f"styles.xml: de stijlen van de gebruiker in {lijst} staan niet meer vooraan en ongewijzigd")
    return uit

