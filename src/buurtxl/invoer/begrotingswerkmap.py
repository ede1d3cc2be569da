"""Read a budget workbook buurtxl wrote (`build`, `update`) back as applications with their settlement.

After the year staff type what was spent and paid into the workbook they kept all year: the
Vaststelling sheet's yellow cells (toeslag besteed, supplement besteed, betaald) and Besteed on each
buurt's sheet (or, without buurt sheets, in the Begroting's row). This module reads those input
cells, never a formula's result, so it reads the same whether Excel, LibreOffice or openpyxl saved
the file last. Our sheets are found by the roles `werkmap` records in the workbook's custom
document properties (Excel and LibreOffice keep them), else by their titles.

Validation is `invoer.valideer`'s, as for every input; each problem then names the sheet, row and
column where the value is typed.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from .. import waarden
from ..model import Aanvraag, Probleem
from ..regeling import Regeling
from ..velden import AANVRAAGVELDEN
from ..werkmap import begroting, buurtblad, eigen_bladen, vaststellingblad
from .contract import Invoer, valideer

TITEL = "Vaststelling na afloop van het jaar"  # A1 of our Vaststelling sheet
_BUURTBLAD = "Buurtnetwerk i.o. "  # A1 of a buurt sheet starts with this


def _a1(wb: Workbook, titel: str) -> object:
    for rij in wb[titel].iter_rows(min_row=1, max_row=1, max_col=1, values_only=True):
        return rij[0] if rij else None
    return None


def _bladen(wb: Workbook) -> tuple[str | None, str | None, list[str]]:
    """(Vaststelling, Begroting, buurt sheets in order) of a workbook we wrote."""
    rollen = eigen_bladen(wb)
    per_rol = {rol: [t for t in wb.sheetnames if rollen.get(t) == rol]
               for rol in ("vaststelling", "begroting", "buurt")}
    vaststelling = next(iter(per_rol["vaststelling"]), None)
    if vaststelling is None:
        vaststelling = next((t for t in wb.sheetnames if _a1(wb, t) == TITEL), None)
    begroting_ = next(iter(per_rol["begroting"]), "Begroting" if "Begroting" in wb.sheetnames else None)
    buurten = per_rol["buurt"] or [t for t in wb.sheetnames if str(_a1(wb, t) or "").startswith(_BUURTBLAD)]
    return vaststelling, begroting_, buurten


def is_begroting(pad: Path) -> bool:
    """Whether `pad` is a budget workbook of buurtxl with a Vaststelling sheet."""
    try:
        wb = load_workbook(pad, read_only=True, data_only=True)
    except Exception:  # not even a workbook: the table reader will say what is wrong
        return False
    try:
        vaststelling, begroting_, _ = _bladen(wb)
        return vaststelling is not None and begroting_ is not None
    except Exception:
        return False
    finally:
        wb.close()


def _waarden(wb: Workbook, titel: str, kolommen: int) -> dict[int, list[object]]:
    ws = wb[titel]
    ws.reset_dimensions()
    return {r: list(rij) for r, rij in enumerate(ws.iter_rows(max_col=kolommen, values_only=True), start=1)}


def lees(pad: Path, regeling: Regeling, *, naam: str | None = None) -> Invoer:
    """The applications of the budget workbook `pad` with what was typed for the settlement."""
    naam = naam or pad.name
    wb = load_workbook(pad, read_only=True, data_only=True)
    try:
        vaststelling, begroting_titel, buurten = _bladen(wb)
        if vaststelling is None or begroting_titel is None:
            return Invoer(problemen=[Probleem("geen begrotingswerkmap van buurtxl met een blad Vaststelling", naam)],
                          bronnen=[naam])
        v_rijen = _waarden(wb, vaststelling, len(vaststellingblad.KOLOMMEN))
        rijnummers = []
        for r in range(vaststellingblad.EERSTE_RIJ, max(v_rijen, default=0) + 1):
            if (v_rijen.get(r) or [None])[0] == "Totaal":
                break
            rijnummers.append(r)
        met_bladen = bool(buurten)
        if met_bladen:
            aanvraag_rijen = [_uit_buurtblad(_waarden(wb, t, 2)) for t in buurten[:len(rijnummers)]]
        else:
            b_rijen = _waarden(wb, begroting_titel, len(AANVRAAGVELDEN))
            aanvraag_rijen = [
                dict(zip((v.sleutel for v in AANVRAAGVELDEN), b_rijen.get(begroting.EERSTE_RIJ + i, []), strict=False))
                for i in range(len(rijnummers))
            ]
    finally:
        wb.close()
    kolom = {key: i for i, (key, *_) in enumerate(vaststellingblad.KOLOMMEN)}
    rijen = []
    for r, aanvraag in zip(rijnummers, aanvraag_rijen, strict=False):
        cellen = v_rijen.get(r, [])
        rij = dict(aanvraag)
        rij.update({k: cellen[kolom[k]] if kolom[k] < len(cellen) else None for k in vaststellingblad.INVOER})
        rijen.append((r, rij))
    invoer = valideer(rijen, regeling, bestand=naam, blad=vaststelling)
    for r, rij in rijen:  # a sorted table: the row no longer settles the buurt of its sheet
        getoond = (v_rijen.get(r) or [None])[0]
        if getoond not in (None, "") and rij.get("buurt") and str(getoond) != str(rij["buurt"]):
            invoer.problemen.append(Probleem(
                f"deze rij toont buurt '{getoond}', maar hoort bij buurt '{rij['buurt']}' (de volgorde van de "
                "Begroting is veranderd); zet de Begroting terug in de oorspronkelijke volgorde", naam,
                vaststelling, r, "buurt", getoond, buurt=str(rij["buurt"])))
            invoer.aanvragen = []
    # An application's value is typed on its buurt sheet (or the Begroting's row): name that place.
    plaats = {r: i for i, r in enumerate(rijnummers)}
    invoer.problemen = [_waar_getypt(p, plaats, buurten, begroting_titel) for p in invoer.problemen]
    invoer.bronnen.append(naam)
    if not rijnummers:
        invoer.problemen.append(Probleem("het blad Vaststelling heeft geen buurten", naam, vaststelling))
    return invoer


def _uit_buurtblad(rijen: dict[int, list[object]]) -> dict[str, object]:
    return {v.sleutel: (rijen.get(buurtblad.INVOER_RIJEN[v.sleutel]) or [None, None])[1] for v in AANVRAAGVELDEN}


def _waar_getypt(p: Probleem, plaats: dict[int, int], buurten: list[str], begroting_titel: str) -> Probleem:
    if p.rij not in plaats or p.kolom in vaststellingblad.INVOER or p.kolom not in buurtblad.INVOER_RIJEN:
        return p
    i = plaats[p.rij]
    if buurten:
        return replace(p, blad=buurten[i], rij=buurtblad.INVOER_RIJEN[p.kolom])
    return replace(p, blad=begroting_titel, rij=begroting.EERSTE_RIJ + i)


def _getypt(pad: Path) -> tuple[dict[str, dict[str, Decimal]], list[Probleem]]:
    """What was typed in the Vaststelling sheet's input cells, by buurt (the row's stored name, else
    the name on the buurt's sheet or the Begroting's row); only that sheet is read, and a row counts
    even when its application would not pass (nothing typed is dropped)."""
    wb = load_workbook(pad, read_only=True, data_only=True)
    try:
        vaststelling, begroting_titel, buurten = _bladen(wb)
        if vaststelling is None or begroting_titel is None:
            return {}, []
        rijen = _waarden(wb, vaststelling, len(vaststellingblad.KOLOMMEN))
        kolom = {key: i for i, (key, *_) in enumerate(vaststellingblad.KOLOMMEN)}
        getypt: dict[str, dict[str, Decimal]] = {}
        problemen = []
        for i, r in enumerate(range(vaststellingblad.EERSTE_RIJ, max(rijen, default=0) + 1)):
            cellen = rijen.get(r) or [None]
            if cellen[0] == "Totaal":
                break
            bedragen = {}
            for key in vaststellingblad.INVOER:
                ruw = cellen[kolom[key]] if kolom[key] < len(cellen) else None
                if waarden.is_leeg(ruw):
                    continue
                try:
                    bedragen[key] = waarden.bedrag(ruw, key)
                except waarden.WaardeFout as fout:
                    problemen.append(Probleem(str(fout), pad.name, vaststelling, r, key, ruw))
            if not bedragen:
                continue
            naam = cellen[0]
            if waarden.is_leeg(naam):  # never computed (written by a script): the buurt's own cell
                if buurten and i < len(buurten):
                    naam = (_waarden(wb, buurten[i], 2).get(buurtblad.INVOER_RIJEN["buurt"]) or [None, None])[1]
                elif not buurten:
                    naam = (_waarden(wb, begroting_titel, 1).get(begroting.EERSTE_RIJ + i) or [None])[0]
            if not waarden.is_leeg(naam):
                getypt[waarden.sleutel(str(naam))] = bedragen
        return getypt, problemen
    finally:
        wb.close()


def met_bewaarde_vaststelling(pad: Path, aanvragen: list[Aanvraag], regeling: Regeling) -> Invoer:
    """`aanvragen` with what was typed on the Vaststelling sheet of our workbook `pad`, so `update`,
    which rebuilds our sheets from 'Aanvragen', never loses it. A value the input itself holds wins;
    a typed value that cannot be read stops the update (its place named). Buurten match by name."""
    del regeling  # the amounts are read as amounts; the rules play no part here
    uit = Invoer(aanvragen=list(aanvragen))
    if not (pad.suffix.lower() in (".xlsx", ".xlsm") and pad.is_file() and is_begroting(pad)):
        return uit
    typed, uit.problemen = _getypt(pad)
    if uit.problemen:
        return uit
    uit.aanvragen = []
    for a in aanvragen:
        eigen_ = typed.get(waarden.sleutel(a.buurt), {})
        uit.aanvragen.append(replace(
            a,
            toeslag_besteed=a.toeslag_besteed if a.toeslag_besteed is not None else eigen_.get("toeslag_besteed"),
            supplement_besteed=(a.supplement_besteed if a.supplement_besteed is not None
                                else eigen_.get("supplement_besteed")),
            betaald=a.betaald if a.betaald is not None else eigen_.get("betaald"),
        ))
    return uit
