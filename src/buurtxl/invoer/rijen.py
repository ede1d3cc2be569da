"""The rows of a text file or a sheet → validated applications: find the header row (over one or two
rows), check its columns, leave out totals rows (each named), name hidden rows and percent cells,
then validate the rows below with `contract.valideer`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import zip_longest

from .. import waarden
from ..model import Probleem
from ..opmaak import aantal
from ..regeling import Regeling
from ..velden import INFORMATIEF, KOLOMMEN, VERPLICHT
from . import totaalrijen, werkblad
from .bestand import _OPNIEUW_OPSLAAN, _VEROUDERD
from .contract import Invoer, controleer_kolommen, normaliseer_kolom, valideer

# A title block above the header row is common; beyond this many rows we stop looking.
KOPREGEL_ZOEKEN = 50
_BEKEND = (*KOLOMMEN, *INFORMATIEF)


def _valideer_tabel(
    rijen: list[tuple[int, list[object]]],
    regeling: Regeling,
    *,
    bestand: str,
    blad: str | None,
    werkblad: werkblad.Blad | None = None,
    zonder_verborgen: bool = False,
    scheiding: str | None = None,
) -> Invoer:
    """Find the header row, check its columns, leave out totals rows, then validate the rows below.

    `scheiding` is the separator of a text file, whose rows must not have more fields than the header.
    """
    kop = _zoek_kopregel(rijen)
    if kop is None:
        return Invoer(
            problemen=[
                Probleem(
                    "geen kopregel gevonden met de kolommen "
                    + " en ".join(f"'{k}'" for k in VERPLICHT)
                    + f" (gezocht in de eerste {KOPREGEL_ZOEKEN} rijen)",
                    bestand,
                    blad,
                )
            ],
            bronnen=[bestand],
        )
    index, namen = kop
    kopnummer = rijen[index][0]
    problemen: list[Probleem] = []
    if index + 1 < len(rijen) and all(k in {normaliseer_kolom(n) for n in namen} for k in VERPLICHT):
        tweede, probleem = _tweede_kopregel(namen, rijen[index + 1], kopnummer, werkblad)
        if probleem:
            return Invoer(problemen=[replace(probleem, bestand=bestand, blad=blad)], bronnen=[bestand])
        if tweede is not None:
            namen, index = tweede, index + 1
    problemen += [replace(p, rij=kopnummer) for p in controleer_kolommen(namen, bestand=bestand, blad=blad)]
    if scheiding is not None:
        problemen += [replace(p, bestand=bestand) for p in _te_veel_velden(rijen[index + 1:], namen, kopnummer,
                                                                           scheiding)]
    if any(p.is_fout for p in problemen):
        return Invoer(problemen=problemen, bronnen=[bestand])
    kolommen = [normaliseer_kolom(n) for n in namen]
    data, gevonden = _zonder_totaalrijen(rijen[index + 1:], kolommen, werkblad, zonder_verborgen)
    problemen += [replace(p, bestand=bestand, blad=blad) for p in gevonden]
    genummerd = ((nummer, dict(zip(namen, rij, strict=False))) for nummer, rij in data)
    invoer = valideer(genummerd, regeling, bestand=bestand, blad=blad)
    # A formula without a stored result reads as empty: its own message replaces "verplicht maar leeg".
    formules = {(p.rij, p.kolom) for p in gevonden if "zonder opgeslagen uitkomst" in p.reden}
    invoer.problemen = [p for p in invoer.problemen
                        if not ((p.rij, p.kolom) in formules and p.reden.endswith("verplicht maar leeg"))]
    invoer.problemen[:0] = problemen
    invoer.bronnen.append(bestand)
    if invoer.fouten:
        invoer.aanvragen = []
    if not invoer.aanvragen and invoer.ok:
        invoer.problemen.append(Probleem("het bestand bevat geen aanvragen (alleen een kopregel)", bestand, blad))
    return invoer


_SCHEIDING = {",": "komma", ";": "puntkomma", "\t": "tab"}


def _te_veel_velden(
    rijen: Sequence[tuple[int, Sequence[object]]], kop: Sequence[object], kopnummer: int, scheiding: str
) -> list[Probleem]:
    """Text rows with more filled fields than the header has columns.

    Such a row is read shifted: `99,5` in a comma-separated file is two fields, every cell to its
    right lands in the next column and the last is dropped. Empty fields at the end (Excel pads rows
    to its used range) and rows with fewer fields (their last cells are empty) are normal.
    """
    breedte = _gevuld(kop)
    problemen = []
    for nummer, cellen in rijen:
        if _gevuld(cellen) <= breedte:
            continue
        oorzaak = (
            "staat er een decimale komma in een getal (zoals 99,5)? In een bestand met komma's als "
            "scheidingsteken maakt die er twee velden van; sla het op als CSV met puntkomma's (Nederlandse "
            "Excel: 'CSV (gescheiden door lijstscheidingsteken)') of zet zulke getallen tussen "
            "aanhalingstekens (\"99,5\")"
            if scheiding == "," else
            f"staat er een {_SCHEIDING.get(scheiding, scheiding)} in een naam of getal? Zet die waarde "
            "tussen aanhalingstekens"
        )
        problemen.append(Probleem(
            f"deze rij heeft {len(cellen)} velden, de kopregel (rij {kopnummer}) heeft er {breedte}: de "
            f"waarden zouden in de verkeerde kolommen belanden; {oorzaak}", rij=nummer))
    return problemen


def _gevuld(cellen: Sequence[object]) -> int:
    """The number of fields up to the last non-empty one."""
    return max((i for i, c in enumerate(cellen, start=1) if not waarden.is_leeg(c)), default=0)


def _zoek_kopregel(rijen: Sequence[tuple[int, Sequence[object]]]) -> tuple[int, list[object]] | None:
    """(index in `rijen`, cells) of the first row naming every required column.

    Without one, the first row that names any column of the contract is taken as the header, so
    the user hears which required column it lacks instead of "no header found".
    """
    kandidaat = None
    for index, (nummer, rij) in enumerate(rijen):
        if nummer > KOPREGEL_ZOEKEN:
            break
        namen = {normaliseer_kolom(c) for c in rij}
        # Trailing empty header cells carry no column.
        kop = index, [c if c is not None else "" for c in rij]
        if all(k in namen for k in VERPLICHT):
            return kop
        if kandidaat is None and namen & set(KOLOMMEN):
            kandidaat = kop
    return kandidaat


def _tweede_kopregel(
    boven: list[object], onder: tuple[int, list[object]], kopnummer: int, blad: werkblad.Blad | None
) -> tuple[list[object] | None, Probleem | None]:
    """A header over two rows: a merged 'Basissubsidie' above its four components.

    The row below the header is a second header row when it holds only text and names at least one
    column, or when it has text under a cell merged across columns. Its names then win over the
    row above; a text under a merged cell that is not a column name stops the reading.
    """
    nummer, cellen = onder
    tekst = {k: c for k, c in enumerate(cellen) if not waarden.is_leeg(c)}
    if not tekst or not all(isinstance(c, str) for c in tekst.values()):
        return None, None
    bekend = {k for k, c in tekst.items() if normaliseer_kolom(c) in _BEKEND}
    samengevoegd = set() if blad is None else {
        k - 1 for (r, k), (r0, k0) in blad.samengevoegd.items()
        if r == kopnummer and r0 == kopnummer and _breed(blad, r0, k0)}
    onder_samenvoeging = set(tekst) & samengevoegd
    if not bekend and not onder_samenvoeging:
        return None, None
    onbekend = [str(tekst[k]) for k in sorted(set(tekst) - bekend)]
    if onbekend:
        return None, Probleem(
            f"de kopregel beslaat twee rijen ({kopnummer} en {nummer}), maar "
            + ", ".join(f"'{n}'" for n in onbekend)
            + " in rij " + str(nummer) + " is geen kolom van buurtxl; gebruik één kopregel met de kolomnamen "
            "(bijv. organisatiekosten, communicatiekosten, activiteiten, plan_van_aanpak)",
            rij=nummer,
        )
    samen = [o if not waarden.is_leeg(o) else b for b, o in zip_longest(boven, cellen)]
    return [c if c is not None else "" for c in samen], None


def _breed(blad: werkblad.Blad, r0: int, k0: int) -> bool:
    return any(v == (r0, k0) and k != k0 for (r, k), v in blad.samengevoegd.items() if r == r0)


def _zonder_totaalrijen(
    rijen: Sequence[tuple[int, list[object]]],
    kolommen: list[str],
    blad: werkblad.Blad | None,
    zonder_verborgen: bool,
) -> tuple[list[tuple[int, list[object]]], list[Probleem]]:
    """The data rows without totals rows (each named in a warning), hidden rows named, percent
    cells read as shown, and formulas without a stored result refused."""
    problemen: list[Probleem] = []
    uit: list[tuple[int, list[object]]] = []
    # The rows above, for recognising a row of sums: since the last totals row (subtotals) and all,
    # each with and without hidden rows (SUM counts them, SUBTOTAL(109) does not).
    blok, alle = totaalrijen.Sommen(), totaalrijen.Sommen()
    blok_zichtbaar, alle_zichtbaar = totaalrijen.Sommen(), totaalrijen.Sommen()
    procent: dict[str, list[int]] = {}
    for nummer, cellen in rijen:
        if all(waarden.is_leeg(c) for c in cellen) and not (blad and _heeft_formule(blad, nummer)):
            continue
        rij = {k: v for k, v in zip(kolommen, cellen, strict=False) if k}
        reden = _totaalreden(nummer, cellen, rij, (blok, alle, blok_zichtbaar, alle_zichtbaar), blad)
        if isinstance(reden, Probleem):
            problemen.append(reden)
            continue
        if reden:
            problemen.append(Probleem(f"rij overgeslagen: {reden}; een totaalrij is geen buurtnetwerk",
                                      rij=nummer, ernst="waarschuwing"))
            blok, blok_zichtbaar = totaalrijen.Sommen(), totaalrijen.Sommen()
            continue
        verborgen = blad is not None and nummer in blad.verborgen
        if verborgen:
            if zonder_verborgen:
                blok.tel(rij)
                alle.tel(rij)
                problemen.append(Probleem("verborgen rij overgeslagen (--zonder-verborgen)", rij=nummer,
                                          ernst="waarschuwing"))
                continue
            problemen.append(Probleem(
                "deze rij is verborgen (met de hand of door een filter) en telt mee; gebruik "
                "--zonder-verborgen om verborgen rijen over te slaan", rij=nummer, ernst="waarschuwing"))
        if blad:
            cellen = list(cellen)
            for k, kolom in enumerate(kolommen, start=1):
                if kolom not in _BEKEND or k > len(cellen):
                    continue
                formule = blad.zonder_uitkomst.get((nummer, k))
                if formule is not None:
                    problemen.append(Probleem(
                        f"cel {werkblad.cel(nummer, k)} bevat de formule '{formule}' zonder opgeslagen "
                        f"uitkomst{f' ({_VEROUDERD})' if blad.verouderd else ''}; {_OPNIEUW_OPSLAAN}",
                        rij=nummer, kolom=kolom))
                if (nummer, k) in blad.procent:
                    if kolom == "buurtscore":
                        cellen[k - 1] = werkblad.als_getoond(cellen[k - 1])
                        procent.setdefault(kolom, []).append(nummer)
                    else:
                        problemen.append(Probleem(
                            f"cel {werkblad.cel(nummer, k)} is als percentage opgemaakt; {kolom} is geen "
                            "percentage: geef de cel de opmaak Getal of Valuta", rij=nummer, kolom=kolom,
                            waarde=cellen[k - 1]))
            rij = {k: v for k, v in zip(kolommen, cellen, strict=False) if k}
        uit.append((nummer, cellen))
        for sommen in (blok, alle) if verborgen else (blok, alle, blok_zichtbaar, alle_zichtbaar):
            sommen.tel(rij)
    for kolom, nummers in procent.items():
        problemen.append(Probleem(
            f"{aantal(len(nummers), 'cel', 'cellen')} als percentage opgemaakt (rij {_reeks(nummers)}); "
            "gelezen zoals Excel ze toont: 68% is buurtscore 68", kolom=kolom, ernst="waarschuwing"))
    return uit, problemen


def _heeft_formule(blad: werkblad.Blad, nummer: int) -> bool:
    return any(r == nummer for r, _ in blad.zonder_uitkomst)


def _totaalreden(
    nummer: int,
    cellen: Sequence[object],
    rij: Mapping[str, object],
    boven: Sequence[totaalrijen.Sommen],
    blad: werkblad.Blad | None,
) -> str | Probleem | None:
    """Why row `nummer` is a totals row, None when it is not, or a Probleem when it is ambiguous."""
    if blad and nummer in blad.totaalrijen:
        return f"totaalrij van de Excel-tabel '{blad.totaalrijen[nummer]}'"
    for waarde in (rij.get("buurt"), rij.get("buurtcode"), cellen[0] if cellen else None):
        if totaalrijen.is_totaalwoord(waarde):
            return f"'{' '.join(str(waarde).split())}'"
    # Without a buurt one row above is enough to tell; with a name it takes two (a buurt may
    # happen to repeat the one above it).
    minimaal = 1 if waarden.is_leeg(rij.get("buurt")) else 2
    som = next((s for s in (totaalrijen.som_kolommen(rij, b, minimaal=minimaal) for b in boven) if s), [])
    if not som:
        return None
    kolommen = ", ".join(som)
    if waarden.is_leeg(rij.get("buurt")):
        return f"zonder buurt, en {kolommen} {'is' if len(som) == 1 else 'zijn'} de som van de rijen erboven"
    if len(som) >= 2:
        return Probleem(
            f"deze rij lijkt een totaalrij: {kolommen} zijn de som van de rijen erboven, maar de buurt heet "
            f"'{rij.get('buurt')}'; verwijder de rij of noem hem 'Totaal' als het een totaalrij is",
            rij=nummer, kolom="buurt", waarde=rij.get("buurt"))
    return None


def _reeks(nummers: Sequence[int], hoogstens: int = 10) -> str:
    tekst = ", ".join(str(n) for n in nummers[:hoogstens])
    return tekst + (f" en nog {len(nummers) - hoogstens}" if len(nummers) > hoogstens else "")
