"""The application form (aanvraagformulier): one workbook per buurtnetwerk i.o.

`maak` writes the form with openpyxl: a labelled input cell per column of the input contract, each
with data validation and a Dutch input message, the inputs unlocked on a protected sheet. `lees`
reads a filled-in form back into one row of the input contract; validating that row is
`invoer.valideer`'s job (called from `lezen`), so the form never judges a value itself.

Hidden column A holds each field's contract name, so the reader finds fields by name, not by
position, and a later layout change does not break forms already handed out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from ..model import BuurtxlFout
from ..opmaak import DATUM_FORMAAT, EURO_FORMAAT, INVOERKLEUR
from ..regeling import Regeling
from ..velden import FORMULIERVELDEN as VELDEN, Soort  # the settlement fields are not asked for
from ..werkmap.stijl import rijhoogte
from ..werkmap.validatie import validatie
from . import werkblad
from .werkblad import formuletekst, is_formule, is_procent, uitkomsten_verouderd

MARKER = "buurtxl-aanvraagformulier"
BLAD = "Aanvraag"
EERSTE_VELD = 6  # sheet row of the first field, below the title block and the header
KOLOM_SLEUTEL, KOLOM_LABEL, KOLOM_INVOER, KOLOM_UITLEG = 1, 2, 3, 4
SLEUTELS = tuple(v.sleutel for v in VELDEN)
_FORMAAT = {Soort.GELD: EURO_FORMAAT, Soort.TEKST: "@", Soort.IBAN: "@", Soort.EMAIL: "@", Soort.DATUM: DATUM_FORMAAT}
HANDTEKENING = "Handtekening"  # the label of the signature line below the fields (not a field: ink only)


class FormulierFout(BuurtxlFout, ValueError):
    """The workbook is not a buurtxl application form (message in Dutch)."""


_INVOER_VULLING = PatternFill("solid", fgColor=INVOERKLEUR)
_RAND = Border(*(Side(style="thin", color="BFBFBF"),) * 4)


_LETTER = "Calibri"  # the workbook's own font: without a name LibreOffice prints a serif
# Column widths that fit a portrait A4 at 100% (label, input, explanation).
# The input column holds the longest drop-down value ("voormalig buurtplatform") whole.
_BREEDTE = {KOLOM_LABEL: 28, KOLOM_INVOER: 26, KOLOM_UITLEG: 46}
LANGE_TEKST = 200  # a text field longer than a name (toelichting, postadres) gets the input and explanation columns


def _afdrukken(ws, laatste: int) -> None:
    """Portrait A4, one page wide and as many pages long as it needs (two since the contact fields
    and the buurtplan date): squeezed onto one page it printed 7 pt; two readable pages beat one
    unreadable one. The widths fit at 100%, so one page wide does not shrink."""
    ws.print_area = f"B1:D{laatste}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # no limit on the pages down
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.5, bottom=0.5, header=0.3, footer=0.3)


def maak(regeling: Regeling) -> Workbook:
    """The empty application form for `regeling`, in Dutch."""
    wb = Workbook()
    ws = wb.active
    ws.title = BLAD
    wb.properties.title = f"Aanvraagformulier {regeling.titel}"
    wb.properties.creator = "buurtxl"

    ws.cell(1, KOLOM_SLEUTEL, MARKER)
    ws.cell(2, KOLOM_SLEUTEL, regeling.naam)
    ws.cell(1, KOLOM_LABEL, "Aanvraagformulier buurtnetwerk i.o.").font = Font(name=_LETTER, bold=True, size=14)
    onder = ws.cell(2, KOLOM_LABEL, f"{regeling.titel} — {regeling.besluit}")
    onder.font, onder.alignment = Font(name=_LETTER, italic=True), Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=2, start_column=KOLOM_LABEL, end_row=2, end_column=KOLOM_UITLEG)
    ws.row_dimensions[2].height = 30
    ws.cell(
        3, KOLOM_LABEL,
        "Eén formulier per buurtnetwerk. Vul de gele cellen in; bij elke cel staat wat erin hoort.",
    )
    for kolom, kop in ((KOLOM_LABEL, "Gegeven"), (KOLOM_INVOER, "Invullen"), (KOLOM_UITLEG, "Toelichting")):
        ws.cell(EERSTE_VELD - 1, kolom, kop).font = Font(name=_LETTER, bold=True)

    for rij, veld in enumerate(VELDEN, start=EERSTE_VELD):
        ws.cell(rij, KOLOM_SLEUTEL, veld.sleutel)
        label = ws.cell(rij, KOLOM_LABEL, veld.label + (" *" if veld.verplicht else ""))
        label.font = Font(name=_LETTER, bold=veld.verplicht)
        invoer = ws.cell(rij, KOLOM_INVOER)
        invoer.protection = Protection(locked=False)
        invoer.fill = _INVOER_VULLING
        invoer.border = _RAND
        invoer.number_format = _FORMAAT.get(veld.soort, "General")
        label.alignment = invoer.alignment = Alignment(vertical="top")
        if veld.soort is Soort.TEKST and isinstance(veld.maximum, int) and veld.maximum > LANGE_TEKST:
            # A long text (the toelichting) prints whole: the input spans both columns, wraps, and
            # its row holds the most it may contain; its explanation stands under the label.
            label.value = f"{label.value}: {veld.uitleg(regeling)}"
            label.alignment = invoer.alignment = Alignment(wrap_text=True, vertical="top")
            ws.merge_cells(start_row=rij, start_column=KOLOM_INVOER, end_row=rij, end_column=KOLOM_UITLEG)
            rijhoogte(ws, rij, ("x" * veld.maximum, _BREEDTE[KOLOM_INVOER] + _BREEDTE[KOLOM_UITLEG]),
                      (label.value, _BREEDTE[KOLOM_LABEL]))
        else:
            uitleg = ws.cell(rij, KOLOM_UITLEG, veld.uitleg(regeling))
            uitleg.alignment = Alignment(wrap_text=True, vertical="top")
            rijhoogte(ws, rij, (uitleg.value, _BREEDTE[KOLOM_UITLEG]))
        # The form has no Regeling sheet: a bound the regeling sets is its value.
        dv = validatie(
            veld, uitleg=veld.uitleg(regeling), titel=veld.label, leeg_toegestaan=not veld.verplicht,
            grens=lambda naam: str(regeling.waarde(naam)),
        )
        dv.add(invoer.coordinate)
        ws.add_data_validation(dv)
    ws.cell(EERSTE_VELD + len(VELDEN) + 1, KOLOM_LABEL, "* verplicht").font = Font(name=_LETTER, italic=True)
    laatste = _handtekening(ws, EERSTE_VELD + len(VELDEN) + 3)

    ws.column_dimensions["A"].hidden = True
    for kolom, breedte in _BREEDTE.items():
        ws.column_dimensions[get_column_letter(kolom)].width = breedte
    _afdrukken(ws, laatste)
    ws.protection.sheet = True  # no password: it guards the layout, not a secret
    ws.sheet_view.selection[0].activeCell = ws.sheet_view.selection[0].sqref = f"C{EERSTE_VELD}"
    return wb


def _handtekening(ws, rij: int) -> int:
    """A line to sign on the printed form, beside its label; returns the sheet row of the line."""
    ws.cell(rij, KOLOM_LABEL, HANDTEKENING).font = Font(name=_LETTER, bold=True)
    ws.cell(rij, KOLOM_LABEL).alignment = Alignment(vertical="bottom")
    lijn = Border(bottom=Side(style="thin", color="000000"))
    for kolom in (KOLOM_INVOER, KOLOM_UITLEG):
        ws.cell(rij, kolom).border = lijn
    ws.cell(rij, KOLOM_UITLEG, "namens de groep, met de datum hierboven").font = Font(
        name=_LETTER, italic=True, color="808080")
    ws.cell(rij, KOLOM_UITLEG).alignment = Alignment(horizontal="right", vertical="bottom")
    ws.row_dimensions[rij].height = 36
    return rij


@dataclass(frozen=True)
class Gelezen:
    """A filled-in form: contract column → cell value, and the sheet row of each field."""

    waarden: dict[str, object]
    rijen: dict[str, int]
    blad: str
    regeling: str | None
    formules: dict[str, str] = field(default_factory=dict)  # field → formula saved without its result
    procent: frozenset[str] = frozenset()  # fields whose number is shown as a percentage (68%)


def lees(pad: Path, *, marker: str = MARKER, blad: str = BLAD, sleutels: tuple[str, ...] = SLEUTELS,
         soort: str = "aanvraagformulier") -> Gelezen:
    """Read a filled-in form (read-only, cached values). Raises `FormulierFout` for a foreign workbook.
    The keywords read another form of the same layout (`verantwoording`)."""
    wb = load_workbook(pad, read_only=True, data_only=True)
    als_procent: set[str] = set()
    try:
        ws = wb[blad] if blad in wb.sheetnames else wb.worksheets[0]
        ws.reset_dimensions()
        waarden: dict[str, object] = {}
        rijen: dict[str, int] = {}
        regeling_naam = None
        for nummer, cellen in enumerate(ws.iter_rows(min_row=1, max_col=KOLOM_INVOER), start=1):
            rij = [getattr(c, "value", None) for c in cellen]
            sleutel = rij[0] if rij else None
            if nummer == 1 and sleutel != marker:
                maak = "'buurtxl template'" + (" --vaststelling" if marker != MARKER else "")
                raise FormulierFout(f"dit is geen {soort} van buurtxl; maak een formulier met {maak}")
            if nummer == 2:
                regeling_naam = None if sleutel is None else str(sleutel)
            if sleutel in sleutels and sleutel not in rijen:
                waarden[sleutel] = rij[KOLOM_INVOER - 1] if len(rij) >= KOLOM_INVOER else None
                rijen[sleutel] = nummer
                invoer = cellen[KOLOM_INVOER - 1] if len(cellen) >= KOLOM_INVOER else None
                if isinstance(waarden[sleutel], (int, float)) and is_procent(getattr(invoer, "number_format", None)):
                    als_procent.add(sleutel)
        if not rijen:
            raise FormulierFout(f"dit is geen {soort} van buurtxl (het blad is leeg)")
        titel = ws.title
    finally:
        wb.close()
    formules = _formules_zonder_uitkomst(pad, titel, waarden, rijen)
    for sleutel in formules:
        waarden[sleutel] = None  # a stale stored result is no result
    return Gelezen(waarden, rijen, titel, regeling_naam, formules, frozenset(als_procent))


def is_formulier(pad: Path, werkmap: werkblad.Werkmap | None = None, *, marker: str = MARKER,
                 blad: str = BLAD) -> bool:
    """Whether `pad` is a buurtxl application form (the marker in cell A1 of its first sheet), or
    with `marker` another buurtxl form.

    `werkmap`: `pad` already opened (left open)."""
    try:  # werkblad's reader: only A1's string, not the workbook's whole table of strings
        wm = werkmap or werkblad.open_werkmap(pad)
    except Exception:  # not even a workbook: the table reader will say what is wrong
        return False
    try:
        ws = wm.blad(blad if blad in wm.bladnamen else wm.bladnamen[0], tot_rij=1)
        for rij in ws.iter_rows(min_row=1, max_row=1, max_col=1, values_only=True):
            return bool(rij) and rij[0] == marker
        return False
    except Exception:
        return False
    finally:
        if werkmap is None:
            wm.close()


def _formules_zonder_uitkomst(
    pad: Path, titel: str, waarden: dict[str, object], rijen: dict[str, int]
) -> dict[str, str]:
    """Fields that hold a formula without a (valid) stored result: empty, or any formula when the
    workbook declares its stored results stale (`werkblad.uitkomsten_verouderd`)."""
    verouderd = uitkomsten_verouderd(pad)
    leeg = {rijen[s]: s for s, w in waarden.items() if w is None or verouderd}
    if not leeg:
        return {}
    wb = load_workbook(pad, read_only=True, data_only=False)
    try:
        uit: dict[str, str] = {}
        for nummer, rij in enumerate(wb[titel].iter_rows(min_row=1, max_col=KOLOM_INVOER), start=1):
            cel = rij[KOLOM_INVOER - 1] if nummer in leeg and len(rij) >= KOLOM_INVOER else None
            # data_type 'f': a formula, not a name typed as text that starts with '='
            if cel is not None and getattr(cel, "data_type", None) == "f" and is_formule(cel.value):
                uit[leeg[nummer]] = formuletekst(cel.value)
        return uit
    finally:
        wb.close()
