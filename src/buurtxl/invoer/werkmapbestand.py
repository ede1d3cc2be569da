"""An Excel workbook (.xlsx, .xlsm; .xls and .ods after LibreOffice has converted them): which sheet
holds the applications, formulas saved without their results (computed by LibreOffice), its rows."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .. import herberekenen, waarden
from ..model import Probleem
from ..regeling import Regeling
from ..velden import VERPLICHT
from . import voorcontrole, werkblad
from .bestand import _VEROUDERD, WERKMAP_FOUTEN, omgezet
from .contract import Invoer, normaliseer_kolom
from .rijen import KOPREGEL_ZOEKEN, _valideer_tabel

AANVRAGEN_BLAD = "Aanvragen"


def lees_xlsx(
    pad: Path,
    regeling: Regeling,
    *,
    blad: str | None = None,
    zonder_verborgen: bool = False,
    naam: str | None = None,
    werkmap: werkblad.Werkmap | None = None,
) -> Invoer:
    """The sheet `blad` (any case), else the first sheet with a header row, else 'Aanvragen'.

    `werkmap`: `pad` already opened (closed here)."""
    naam = naam or pad.name
    try:
        wm = werkmap or werkblad.open_werkmap(pad)
    except WERKMAP_FOUTEN:
        return Invoer(problemen=[voorcontrole.beschadigd(naam)], bronnen=[naam])
    try:
        titel, problemen = _kies_blad(wm, blad, naam)
        if titel is None:
            return Invoer(problemen=problemen, bronnen=[naam])
        if werkblad.meer_rijen_dan(pad, wm.waarden[titel]._worksheet_path, voorcontrole.MAX_RIJEN):
            return Invoer(problemen=[voorcontrole.te_veel_rijen(naam, titel)], bronnen=[naam])
        gelezen = werkblad.lees_blad(wm, titel)
        if gelezen.zonder_uitkomst and herberekenen.soffice():
            problemen.append(_herbereken(pad, gelezen, naam))
        invoer = _valideer_tabel(gelezen.rijen, regeling, bestand=naam, blad=gelezen.titel, werkblad=gelezen,
                                 zonder_verborgen=zonder_verborgen)
        invoer.problemen[:0] = [p for p in problemen if p is not None]
        return invoer
    except voorcontrole.OnveiligBestand as fout:  # the sheet read failed its check (`werkblad`)
        return Invoer(problemen=[replace(fout.probleem, bestand=naam)], bronnen=[naam])
    except WERKMAP_FOUTEN:
        return Invoer(problemen=[voorcontrole.beschadigd(naam)], bronnen=[naam])
    finally:
        wm.close()


def _kies_blad(wm: werkblad.Werkmap, blad: str | None, naam: str) -> tuple[str | None, list[Probleem]]:
    """Which sheet holds the applications; sheet names compare as Excel compares them (any case)."""
    op_sleutel = {waarden.sleutel(t): t for t in wm.bladnamen}
    if blad is not None:
        titel = op_sleutel.get(waarden.sleutel(blad))
        if titel is None:
            namen = ", ".join(f"'{n}'" for n in wm.bladnamen)
            return None, [Probleem(f"blad '{blad}' bestaat niet; de werkmap heeft {namen}", naam)]
        return titel, []
    if not wm.bladnamen:
        return None, [Probleem("de werkmap heeft geen werkblad met gegevens (alleen grafiek-, dialoog- of "
                               "macrobladen)", naam)]
    eerste = wm.bladnamen[0]
    if _heeft_kopregel(wm, eerste):
        return eerste, []
    aanvragen = op_sleutel.get(waarden.sleutel(AANVRAGEN_BLAD))
    if aanvragen and _heeft_kopregel(wm, aanvragen):
        return aanvragen, [Probleem(
            f"het eerste blad '{eerste}' heeft geen kopregel; de aanvragen zijn gelezen van blad "
            f"'{aanvragen}'", naam, ernst="waarschuwing")]
    andere = [t for t in wm.bladnamen[1:] if _heeft_kopregel(wm, t)]
    if andere:
        namen = " en ".join(f"'{t}'" for t in andere)
        return None, [Probleem(
            f"het eerste blad '{eerste}' heeft geen kopregel met de kolommen "
            + " en ".join(f"'{k}'" for k in VERPLICHT)
            + f"; blad {namen} wel: gebruik --blad {_blad_argument(andere[0])}", naam)]
    return eerste, []


def _blad_argument(titel: str) -> str:
    return titel if re.fullmatch(r"[\w.-]+", titel) else f'"{titel}"'


def _heeft_kopregel(wm: werkblad.Werkmap, titel: str) -> bool:
    ws = wm.blad(titel, tot_rij=KOPREGEL_ZOEKEN)
    for rij in ws.iter_rows(max_row=KOPREGEL_ZOEKEN, values_only=True):
        if all(k in {normaliseer_kolom(c) for c in rij} for k in VERPLICHT):
            return True
    return False


def _herbereken(pad: Path, gelezen: werkblad.Blad, naam: str) -> Probleem:
    """Fill in the results of formulas saved without them, as LibreOffice computes them.

    Only those cells are taken from LibreOffice's copy; hidden rows, Tables and number formats
    stay as the original has them."""
    with omgezet([pad], naar="xlsx") as (paden, problemen):
        if problemen:
            return replace(problemen[0], reden=f"formules zonder opgeslagen uitkomst: {problemen[0].reden}")
        wm = werkblad.open_werkmap(paden[pad])
        try:
            nieuw = werkblad.lees_blad(wm, gelezen.titel)
        finally:
            wm.close()
    berekend = dict(nieuw.rijen)
    rijen = dict(gelezen.rijen)
    for r, k in list(gelezen.zonder_uitkomst):
        rij = berekend.get(r, [])
        waarde = rij[k - 1] if k <= len(rij) else None
        if waarde is None:
            continue
        rijen[r][k - 1] = waarde
        del gelezen.zonder_uitkomst[(r, k)]
        if (r, k) in nieuw.procent:
            gelezen.procent.add((r, k))
    voorbeeld = next(iter(gelezen.zonder_uitkomst), None)
    return Probleem(
        (_VEROUDERD if gelezen.verouderd else
         "formules zonder opgeslagen uitkomst (het bestand is niet door Excel bewaard)")
        + "; de uitkomsten zijn berekend met LibreOffice"
        + (f", behalve cel {werkblad.cel(*voorbeeld)}" if voorbeeld else ""),
        naam, gelezen.titel, ernst="waarschuwing",
    )
