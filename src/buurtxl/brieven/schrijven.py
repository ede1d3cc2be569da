"""Write the letters of one run: which applications get one, under what name, and the PDFs.

`controleer` names every application that cannot get a letter (no addressee, no IBAN) before
anything is written; `aanvullen` takes the group's contact details from the application forms when
the settlement input (a CSV, the budget workbook) does not carry them; `schrijf` writes one .docx per
buurtnetwerk atomically; `naar_pdf` converts them all in one LibreOffice run.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .. import herberekenen, opslaan, waarden
from ..model import Aanvraag, BuurtxlFout, Probleem
from .inhoud import NODIG
from .sjabloon import Sjabloon

# The fields of an application that address a letter (from the form); copied by `aanvullen`.
CONTACTVELDEN = ("groepsnaam", "contactpersoon", "postadres", "email", "iban", "datum")
_NAMEN = {"groepsnaam": "de naam van de groep", "postadres": "het postadres", "iban": "het IBAN"}
# LibreOffice Writer's PDF export (herberekenen's own filter table is for Calc).
PDF_FILTER = "pdf:writer_pdf_Export"


class BriefFout(BuurtxlFout, RuntimeError):
    """Letters could not be converted or written (message in Dutch)."""


def controleer(gelezen: Iterable[tuple[Aanvraag, tuple[str | None, str | None, int | None]]]) -> list[Probleem]:
    """Every application without what a letter needs: the group's name, its postal address, its IBAN."""
    problemen: list[Probleem] = []
    for aanvraag, (bestand, blad, rij) in gelezen:
        for veld in NODIG:
            if not getattr(aanvraag, veld):
                problemen.append(Probleem(
                    f"{_NAMEN[veld]} ontbreekt, en de brief heeft het nodig (buurt {aanvraag.buurt}); vul het "
                    "in op het aanvraagformulier, of geef met --aanvragen de formulieren op",
                    bestand, blad, rij, veld,
                ))
    return problemen


def _sleutels(aanvraag: Aanvraag) -> list[str]:
    """How an application is found again: by its buurtcode first, else by its buurt's name."""
    code = [f"code:{waarden.sleutel(aanvraag.buurtcode)}"] if aanvraag.buurtcode else []
    return [*code, f"buurt:{waarden.sleutel(aanvraag.buurt)}"]


def aanvullen(aanvragen: Sequence[Aanvraag], bron: Sequence[Aanvraag]) -> dict[int, Aanvraag]:
    """The contact details an application lacks, from `bron` (the forms), matched by buurtcode, else
    by buurt name. Returns id(application) → the completed application; what it has itself wins."""
    per_sleutel: dict[str, Aanvraag] = {}
    for a in bron:
        for sleutel in _sleutels(a):
            per_sleutel.setdefault(sleutel, a)
    uit: dict[int, Aanvraag] = {}
    for a in aanvragen:
        gevonden = next((per_sleutel[s] for s in _sleutels(a) if s in per_sleutel), None)
        if gevonden is None:
            continue
        aanvulling = {v: getattr(gevonden, v) for v in CONTACTVELDEN if not getattr(a, v) and getattr(gevonden, v)}
        if aanvulling:
            uit[id(a)] = replace(a, **aanvulling)
    return uit


def bestandsnamen(namen: Sequence[Path], soort: str) -> list[Path]:
    """The per-buurt names (`bouwen.bestandsnamen`) as letters: verlening_BU09350006_Wyck.docx."""
    return [p.with_name(f"{soort}_{p.stem}.docx") for p in namen]


def schrijf(
    sjabloon: Sjabloon,
    brieven: Sequence[tuple[Path, Mapping[str, Any]]],
    *,
    overschrijven: bool,
    klaar: Callable[[], None] | None = None,
) -> list[Path]:
    """Fill every letter first (a bad template stops the run before any file exists), then write each
    atomically."""
    gevuld = [(doel, sjabloon.vul_in(velden)) for doel, velden in brieven]
    paden = []
    for doel, inhoud in gevuld:
        paden.append(opslaan.schrijf_atomair(doel, schrijver(inhoud), overschrijven=overschrijven))
        if klaar:
            klaar()
    return paden


def schrijver(inhoud: bytes) -> Callable[[Path], None]:
    """A writer for `opslaan.schrijf_atomair` that puts `inhoud` in the temporary file."""

    def schrijf(pad: Path) -> None:
        pad.write_bytes(inhoud)

    return schrijf


def naar_pdf(docx: Sequence[Path], *, overschrijven: bool) -> list[Path]:
    """Each letter as PDF beside it, converted by LibreOffice Writer in one run."""
    if herberekenen.soffice() is None:
        raise BriefFout(
            "LibreOffice (soffice) is niet gevonden, dus er zijn geen PDF's gemaakt (de .docx-brieven staan er "
            "wel). Installeer LibreOffice Writer, bijvoorbeeld met 'apt-get install libreoffice-writer-nogui'."
        )
    doelen = [p.with_suffix(".pdf") for p in docx]
    bestaand = [d for d in doelen if d.exists()]
    if bestaand and not overschrijven:
        raise opslaan.OpslaanFout(f"{bestaand[0]} bestaat al; gebruik --force om te vervangen")
    with tempfile.TemporaryDirectory(prefix="buurtxl-brieven-") as tmp:
        try:
            gemaakt = herberekenen.converteer(docx, Path(tmp), PDF_FILTER)
        except herberekenen.HerberekenFout as fout:
            raise BriefFout(f"{fout}; de .docx-brieven staan er wel") from None
        for pdf, doel in zip(gemaakt, doelen, strict=True):
            opslaan.schrijf_atomair(doel, schrijver(pdf.read_bytes()), overschrijven=overschrijven)
    return doelen
