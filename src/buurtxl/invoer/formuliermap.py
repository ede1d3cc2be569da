"""Application forms: one filled-in form, or every form in a folder and its subfolders (a buurt on
two forms is named; one broken form never hides the others)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace
from pathlib import Path
from typing import cast

from .. import herberekenen, waarden
from ..model import Probleem
from ..regeling import Regeling, cbs
from . import formulier, voorcontrole, werkblad
from .bestand import _OPNIEUW_OPSLAAN, EXCEL, OMZETTEN, WERKMAP_FOUTEN, _omgezet_melding, _voorcontrole, omgezet
from .contract import Invoer, valideer


def formulieren(map_: Path) -> tuple[list[Path], list[Probleem]]:
    """The forms in a folder and its subfolders (a folder 'nagekomen' counts), in name order, and a
    warning for every other file: nothing in the folder is passed over without a word.

    Hidden files (a name starting with '.') are the system's, not the user's, and are not named.
    """
    paden: list[Path] = []
    niet: list[Probleem] = []
    for pad in sorted(map_.rglob("*")):
        relatief = pad.relative_to(map_)
        if any(deel.startswith(".") for deel in relatief.parts) or pad.is_dir():
            continue
        naam = relatief.as_posix()
        if pad.name.startswith("~$"):
            niet.append(Probleem(f"niet gelezen: een vergrendelbestand van Excel; staat "
                                 f"'{pad.name[2:]}' nog open in Excel?", naam, ernst="waarschuwing"))
        elif pad.suffix.lower() in EXCEL + OMZETTEN:
            paden.append(pad)
        else:
            niet.append(Probleem(f"niet gelezen: geen aanvraagformulier ({pad.suffix or 'geen extensie'}; "
                                 f"formulieren zijn {', '.join(EXCEL + OMZETTEN)})", naam, ernst="waarschuwing"))
    return paden, niet


def lees_map(map_: Path, regeling: Regeling, *, voortgang: Callable[[], None] | None = None,
             behalve: Collection[Path] = ()) -> Invoer:
    """Every application form in a folder (.xlsx, .xlsm; .xls and .ods through LibreOffice), also
    in its subfolders; one broken form never hides the others. `behalve`: files another reader
    reads (the verantwoordingsformulieren of `verantwoording`)."""
    paden, niet_gelezen = formulieren(map_)
    paden = [p for p in paden if p not in behalve]
    if not paden:
        return Invoer(
            problemen=[Probleem("de map bevat geen aanvraagformulieren (.xlsx, .xlsm, .xls, .ods)", str(map_)),
                       *niet_gelezen],
            bronnen=[],
        )
    namen = {p: p.relative_to(map_).as_posix() for p in paden}
    totaal = Invoer(problemen=list(niet_gelezen))
    herkomst: dict[int, str] = {}  # id of an aanvraag → the form it came from
    om_te_zetten = [p for p in paden if p.suffix.lower() in OMZETTEN]
    with omgezet(om_te_zetten, namen=namen) as (omgezette, problemen):
        totaal.problemen.extend(problemen)
        for pad in paden:
            if pad in omgezette:
                invoer = lees_formulier(omgezette[pad], regeling, naam=namen[pad])
                invoer.problemen.insert(0, _omgezet_melding(namen[pad]))
            elif pad in om_te_zetten:
                invoer = Invoer(bronnen=[namen[pad]])
            else:
                invoer = lees_formulier(pad, regeling, naam=namen[pad])
            for aanvraag in invoer.aanvragen:
                herkomst[id(aanvraag)] = namen[pad]
            totaal = totaal.samenvoegen(invoer)
            if voortgang:
                voortgang()
    totaal.problemen.extend(_dubbel_over_formulieren(totaal, herkomst))
    if totaal.fouten:
        totaal.aanvragen = []  # half a set of forms is never a budget
    return totaal


def lees_formulier(pad: Path, regeling: Regeling, *, naam: str | None = None) -> Invoer:
    """One filled-in application form → at most one application; problems carry the file name."""
    naam = naam or pad.name
    probleem = _voorcontrole(pad, toegestaan=EXCEL, naam=naam)
    if probleem:
        return Invoer(problemen=[probleem], bronnen=[naam])
    try:
        gelezen = formulier.lees(pad)
        vooraf: list[Probleem] = []
        if gelezen.formules and herberekenen.soffice():
            with omgezet([pad]) as (omgezette, problemen):
                if pad in omgezette:
                    gelezen = replace(formulier.lees(omgezette[pad]), blad=gelezen.blad)
                    vooraf.append(Probleem("formules zonder opgeslagen uitkomst; de uitkomsten zijn berekend "
                                           "met LibreOffice", naam, gelezen.blad, ernst="waarschuwing"))
    except formulier.FormulierFout as fout:
        return Invoer(problemen=[Probleem(str(fout), naam)], bronnen=[naam])
    except WERKMAP_FOUTEN:
        return Invoer(problemen=[voorcontrole.beschadigd(naam, soort="het aanvraagformulier")], bronnen=[naam])
    waarden_ = dict(gelezen.waarden)
    for sleutel in gelezen.procent:
        if sleutel == "buurtscore":
            waarden_[sleutel] = werkblad.als_getoond(waarden_[sleutel])
            vooraf.append(Probleem("als percentage opgemaakt; gelezen zoals Excel het toont: 68% is "
                                   "buurtscore 68", naam, gelezen.blad, gelezen.rijen[sleutel], sleutel,
                                   ernst="waarschuwing"))
        else:
            vooraf.append(Probleem(f"als percentage opgemaakt; {sleutel} is geen percentage: geef de cel de "
                                   "opmaak Getal of Valuta", naam, gelezen.blad, gelezen.rijen[sleutel], sleutel,
                                   gelezen.waarden[sleutel]))
    for sleutel, formule in gelezen.formules.items():
        vooraf.append(Probleem(f"de cel bevat de formule '{formule}' zonder opgeslagen uitkomst; "
                               f"{_OPNIEUW_OPSLAAN}", naam, gelezen.blad, gelezen.rijen[sleutel], sleutel))
    rij = cast("dict[object, object]", waarden_)
    invoer = valideer([(1, rij)], regeling, bestand=naam, blad=gelezen.blad)
    # A form has one row per field: point each problem at the row of its field.
    invoer.problemen = [replace(p, rij=gelezen.rijen.get(p.kolom or "")) for p in invoer.problemen]
    # A formula without result reads as empty: its own message replaces "verplicht maar leeg".
    invoer.problemen = [p for p in invoer.problemen if not (p.kolom in gelezen.formules and "leeg" in p.reden)]
    invoer.problemen[:0] = vooraf
    invoer.bronnen.append(naam)
    if any(p.is_fout for p in vooraf):
        invoer.aanvragen = []
    if gelezen.regeling and gelezen.regeling != regeling.naam:
        invoer.problemen.append(
            Probleem(
                f"formulier voor regeling {gelezen.regeling}, gelezen met regeling {regeling.naam}",
                naam, gelezen.blad, ernst="waarschuwing",
            )
        )
    if not invoer.aanvragen and invoer.ok:
        invoer.problemen.append(Probleem("het formulier is niet ingevuld", naam, gelezen.blad))
    for aanvraag in invoer.aanvragen:
        afwijking = cbs.afwijking(regeling, aanvraag.buurtcode, aanvraag.huishoudens)
        if afwijking:
            invoer.problemen.append(Probleem(afwijking, naam, gelezen.blad, gelezen.rijen.get("huishoudens"),
                                             "huishoudens", aanvraag.huishoudens, ernst="waarschuwing"))
    return invoer


def _dubbel_over_formulieren(invoer: Invoer, herkomst: dict[int, str]) -> list[Probleem]:
    """The same buurt (or buurtcode) on two forms: each form on its own cannot see this."""
    problemen: list[Probleem] = []
    for kolom in ("buurt", "buurtcode"):
        gezien: dict[str, str] = {}
        for aanvraag in invoer.aanvragen:
            waarde = getattr(aanvraag, kolom)
            if not waarde:
                continue
            bestand = herkomst[id(aanvraag)]
            eerder = gezien.setdefault(waarden.sleutel(waarde), bestand)
            if eerder != bestand:
                problemen.append(
                    Probleem(f"{kolom} staat ook op formulier {eerder}", bestand, kolom=kolom, waarde=waarde)
                )
    return problemen
