"""The verantwoordingsformulier: what a buurtnetwerk i.o. spent, one workbook per group after the year.

`maak` writes it in the layout of the application form (`formulier`): a labelled yellow cell per
field with validation and a Dutch input message, the field's name in hidden column A. The group
fills in what it spent per component of the basissubsidie, on the toeslag and on the supplement, and
a short account. `lees_map` reads a folder holding the application forms and these forms (the same
machinery as `check`/`build`: `formuliermap`, `formulier.lees`) and joins each account to its
application by buurtcode or buurt: the settlement's input, with betaald left to the municipality.

An empty amount stays empty (ontbreekt), never € 0; the basissubsidie's besteed is the sum of the
components given (interchangeable, §3.4 punt 1), empty when none is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, Protection

from .. import waarden
from ..model import Aanvraag, Probleem
from ..opmaak import als_euro
from ..regeling import COMPONENTEN, Regeling, bronnen
from ..velden import Soort, Veld, veld
from ..werkmap.stijl import rijhoogte
from ..werkmap.validatie import validatie
from . import formulier, formuliermap
from .bestand import EXCEL, WERKMAP_FOUTEN, _kort
from .contract import Invoer

MARKER = "buurtxl-verantwoordingsformulier"
BLAD = "Verantwoording"
_NAAM = {"organisatiekosten": "organisatiekosten", "communicatiekosten": "communicatiekosten",
         "activiteiten": "activiteiten (handgeld)", "plan_van_aanpak": "uitvoering plan van aanpak"}


def _besteed(c: str) -> Veld:
    return Veld(
        f"{c}_besteed", f"Besteed aan {_NAAM[c]}", f"Besteed {_NAAM[c]}", Soort.GELD,
        lambda r: (f"Wat u uitgaf aan {_NAAM[c]}. De vier onderdelen zijn uitwisselbaar: samen tellen ze "
                   f"tegen de basissubsidie ({bronnen.BASISSUBSIDIE}). Leeg = nog niet opgegeven, niet € 0."),
        "", sectie=bronnen.BASISSUBSIDIE, minimum=0,
    )


VELDEN: tuple[Veld, ...] = (
    veld("buurt"),
    veld("buurtcode"),
    *(_besteed(c) for c in COMPONENTEN),
    Veld("toeslag_besteed", "Besteed van de toeslag communicatiekosten", "Toeslag besteed", Soort.GELD,
         lambda r: (f"Alleen als u de toeslag heeft aangevraagd: de extra communicatiekosten, boven de "
                    f"basissubsidie ({bronnen.TOESLAG}). Niets besteed: vul 0 in."),
         "", sectie=bronnen.TOESLAG, minimum=0),
    Veld("supplement_besteed", "Besteed van het supplement kwetsbare buurten", "Supplement besteed", Soort.GELD,
         lambda r: (f"Alleen bij een supplement: wat u ervan uitgaf, hoogstens "
                    f"{als_euro(r.waarde('supplement.max_bedrag'))} ({bronnen.SUPPLEMENT}). Niets besteed: vul 0 in."),
         "", sectie=bronnen.SUPPLEMENT, minimum=0),
    Veld("verantwoording", "Korte verantwoording", "Verantwoording", Soort.TEKST,
         lambda r: "Wat u met de subsidie heeft gedaan, in een paar zinnen (hoogstens 1.000 tekens).",
         "", maximum=1000, rekent_mee=False),
)
SLEUTELS = tuple(v.sleutel for v in VELDEN)


def maak(regeling: Regeling) -> Workbook:
    """The empty verantwoordingsformulier for `regeling`, in Dutch, laid out as the application form."""
    f = formulier
    wb = Workbook()
    ws = wb.active
    ws.title = BLAD
    wb.properties.title = f"Verantwoordingsformulier {regeling.titel}"
    wb.properties.creator = "buurtxl"
    ws.cell(1, f.KOLOM_SLEUTEL, MARKER)
    ws.cell(2, f.KOLOM_SLEUTEL, regeling.naam)
    ws.cell(1, f.KOLOM_LABEL, "Verantwoordingsformulier buurtnetwerk i.o.").font = Font(name=f._LETTER, bold=True,
                                                                                         size=14)
    onder = ws.cell(2, f.KOLOM_LABEL, f"{regeling.titel} — na afloop van het jaar")
    onder.font, onder.alignment = Font(name=f._LETTER, italic=True), Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=2, start_column=f.KOLOM_LABEL, end_row=2, end_column=f.KOLOM_UITLEG)
    ws.cell(3, f.KOLOM_LABEL, "Eén formulier per buurtnetwerk. Vul in wat u heeft besteed; een lege cel telt als "
                              "'nog niet opgegeven', niet als € 0.")
    for kolom, kop in ((f.KOLOM_LABEL, "Gegeven"), (f.KOLOM_INVOER, "Invullen"), (f.KOLOM_UITLEG, "Toelichting")):
        ws.cell(f.EERSTE_VELD - 1, kolom, kop).font = Font(name=f._LETTER, bold=True)
    for rij, v in enumerate(VELDEN, start=f.EERSTE_VELD):
        ws.cell(rij, f.KOLOM_SLEUTEL, v.sleutel)
        label = ws.cell(rij, f.KOLOM_LABEL, v.label + (" *" if v.verplicht else ""))
        label.font = Font(name=f._LETTER, bold=v.verplicht)
        invoer = ws.cell(rij, f.KOLOM_INVOER)
        invoer.protection = Protection(locked=False)
        invoer.fill, invoer.border = f._INVOER_VULLING, f._RAND
        invoer.number_format = f._FORMAAT.get(v.soort, "General")
        uitleg = ws.cell(rij, f.KOLOM_UITLEG, v.uitleg(regeling))
        uitleg.alignment = Alignment(wrap_text=True, vertical="top")
        label.alignment = invoer.alignment = Alignment(vertical="top", wrap_text=v.sleutel == "verantwoording")
        rijhoogte(ws, rij, (uitleg.value, f._BREEDTE[f.KOLOM_UITLEG]), (label.value, f._BREEDTE[f.KOLOM_LABEL]))
        if v.sleutel == "verantwoording":
            ws.row_dimensions[rij].height = 120  # room to write a few sentences
        dv = validatie(v, uitleg=v.uitleg(regeling), titel=v.kop, leeg_toegestaan=not v.verplicht,
                       grens=lambda naam: str(regeling.waarde(naam)))
        dv.add(invoer.coordinate)
        ws.add_data_validation(dv)
    laatste = f.EERSTE_VELD + len(VELDEN) + 1
    ws.cell(laatste, f.KOLOM_LABEL, "* verplicht").font = Font(name=f._LETTER, italic=True)
    ws.column_dimensions["A"].hidden = True
    for kolom, breedte in f._BREEDTE.items():
        ws.column_dimensions[chr(ord("A") + kolom - 1)].width = breedte
    f._afdrukken(ws, laatste)
    ws.protection.sheet = True
    return wb


def is_verantwoording(pad: Path) -> bool:
    return formulier.is_formulier(pad, marker=MARKER, blad=BLAD)


@dataclass(frozen=True)
class Verantwoording:
    """One filled-in form: the settlement's spent amounts of one buurtnetwerk."""

    bestand: str
    buurt: str
    buurtcode: str | None
    besteed: Decimal | None  # the components together; None when none is given (ontbreekt)
    toeslag_besteed: Decimal | None
    supplement_besteed: Decimal | None
    verantwoording: str | None
    rijen: dict[str, int]  # field → sheet row, for messages


def lees(pad: Path, *, naam: str) -> tuple[Verantwoording | None, list[Probleem]]:
    """One verantwoordingsformulier; every problem names the file, sheet, row and field."""
    try:
        gelezen = formulier.lees(pad, marker=MARKER, blad=BLAD, sleutels=SLEUTELS, soort="verantwoordingsformulier")
    except formulier.FormulierFout as fout:
        return None, [Probleem(str(fout), naam)]
    except WERKMAP_FOUTEN as fout:
        return None, [Probleem(f"geen leesbaar verantwoordingsformulier ({_kort(fout)})", naam)]
    problemen: list[Probleem] = []
    waarde: dict[str, object] = {}
    for v in VELDEN:
        ruw = gelezen.waarden.get(v.sleutel)
        if v.sleutel in gelezen.formules:
            problemen.append(Probleem(f"de cel bevat de formule '{gelezen.formules[v.sleutel]}' zonder opgeslagen "
                                      "uitkomst; open het formulier in Excel en sla het op", naam, gelezen.blad,
                                      gelezen.rijen.get(v.sleutel), v.sleutel))
            continue
        if waarden.is_leeg(ruw):
            if v.sleutel == "buurt":
                problemen.append(Probleem("buurt is verplicht maar leeg", naam, gelezen.blad,
                                          gelezen.rijen.get("buurt"), "buurt"))
            continue
        try:
            waarde[v.sleutel] = (waarden.bedrag if v.soort is Soort.GELD else waarden.tekst)(ruw, v.sleutel)
        except waarden.WaardeFout as fout:
            problemen.append(Probleem(str(fout), naam, gelezen.blad, gelezen.rijen.get(v.sleutel), v.sleutel, ruw))
    if problemen:
        return None, problemen
    onderdelen = [b for c in COMPONENTEN if (b := _bedrag(waarde.get(f"{c}_besteed"))) is not None]
    besteed = sum(onderdelen, Decimal("0.00")) if onderdelen else None
    return Verantwoording(
        naam, str(waarde["buurt"]), _tekst(waarde.get("buurtcode")), besteed,
        _bedrag(waarde.get("toeslag_besteed")), _bedrag(waarde.get("supplement_besteed")),
        _tekst(waarde.get("verantwoording")), dict(gelezen.rijen),
    ), []


def _bedrag(w: object) -> Decimal | None:
    return w if isinstance(w, Decimal) else None


def _tekst(w: object) -> str | None:
    return None if w is None else str(w)


def heeft_verantwoordingen(map_: Path) -> bool:
    paden, _ = formuliermap.formulieren(map_)
    return any(p.suffix.lower() in EXCEL and is_verantwoording(p) for p in paden)


def lees_map(map_: Path, regeling: Regeling) -> Invoer:
    """The application forms in `map_` with, joined to each, its verantwoordingsformulier. Betaald
    is on neither form: the saldo stays open until it is typed in a workbook (`-o`)."""
    paden, _ = formuliermap.formulieren(map_)
    formulieren = [p for p in paden if p.suffix.lower() in EXCEL and is_verantwoording(p)]
    invoer = formuliermap.lees_map(map_, regeling, behalve=formulieren)
    if not formulieren:
        invoer.problemen.append(Probleem(
            "de map bevat geen verantwoordingsformulieren; maak er een met 'buurtxl template --vaststelling'",
            str(map_)))
        return invoer
    namen = {p: p.relative_to(map_).as_posix() for p in formulieren}
    verantwoordingen: list[Verantwoording] = []
    for pad in formulieren:
        gelezen, problemen = lees(pad, naam=namen[pad])
        invoer.problemen.extend(problemen)
        if gelezen is not None:
            verantwoordingen.append(gelezen)
    invoer.bronnen.extend(namen.values())
    return koppel(invoer, verantwoordingen)


def koppel(invoer: Invoer, verantwoordingen: list[Verantwoording]) -> Invoer:
    """Each application with its account (by buurtcode where both have one, else by buurt); an
    account without an application, or two for one buurt, is an error naming the files."""
    def sleutels(a: Aanvraag | Verantwoording) -> list[str]:
        return ([f"code:{waarden.sleutel(a.buurtcode)}"] if a.buurtcode else []) + [f"buurt:{waarden.sleutel(a.buurt)}"]

    per_sleutel: dict[str, Verantwoording] = {}
    for v in verantwoordingen:
        eerder: Verantwoording | None = next((per_sleutel[s] for s in sleutels(v) if s in per_sleutel), None)
        if eerder is not None:
            invoer.problemen.append(Probleem(f"buurt {v.buurt} staat ook op verantwoordingsformulier {eerder.bestand}",
                                             v.bestand, BLAD, v.rijen.get("buurt"), "buurt", v.buurt))
            continue
        per_sleutel.update(dict.fromkeys(sleutels(v), v))
    gebruikt: set[str] = set()
    gelezen: list[tuple[Aanvraag, tuple[str | None, str | None, int | None]]] = []
    for aanvraag, (bestand, blad, _) in invoer.gelezen:
        gevonden = next((per_sleutel[s] for s in sleutels(aanvraag) if s in per_sleutel), None)
        if gevonden is None:  # no account yet: every spent amount is ontbreekt
            invoer.problemen.append(Probleem(
                f"geen verantwoordingsformulier voor buurt {aanvraag.buurt} in de map: wat besteed is ontbreekt "
                "nog", bestand, blad, ernst="waarschuwing", buurt=aanvraag.buurt))
            gelezen.append((aanvraag, (bestand, blad, None)))  # a form has no row of its own
            continue
        gebruikt.add(gevonden.bestand)
        nieuw = replace(aanvraag, besteed=gevonden.besteed, toeslag_besteed=gevonden.toeslag_besteed,
                        supplement_besteed=gevonden.supplement_besteed)
        gelezen.append((nieuw, (gevonden.bestand, BLAD, gevonden.rijen.get("buurt"))))
    for v in verantwoordingen:
        if v.bestand not in gebruikt and not any(p.bestand == v.bestand and p.is_fout for p in invoer.problemen):
            invoer.problemen.append(Probleem(f"geen aanvraagformulier voor buurt {v.buurt} in de map", v.bestand,
                                             BLAD, v.rijen.get("buurt"), "buurt", v.buurt))
    invoer.gelezen = gelezen
    invoer.aanvragen = [a for a, _ in gelezen] if invoer.ok else []
    return invoer
