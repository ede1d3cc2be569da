"""Budget workbooks written with openpyxl: Toelichting, Begroting, Regeling and one sheet per buurt.

The workbook computes by itself with native Excel formulas over the named parameters of the
Regeling sheet (or, in ``udf`` mode, with the add-in's functions). Callers save the workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break

from .. import regels
from ..model import Aanvraag, Herkomst
from ..regeling import Regeling
from ..regels.ondersteuning import Uitgave
from . import (
    begroting,
    begrotingblad,
    buurtblad,
    ondersteuningblad,
    overzicht,
    regelingblad,
    stijl,
    toelichting,
    vaststellingblad,
)
from .formules import controleer_modus
from .namen import EIGENDOM, REGELING_NAAM, begrotingsnaam, bladnamen, parameternaam, ref

__all__ = ["MAX_BUURTBLADEN", "eigen_bladen", "maak_begroting", "maak_buurtwerkmap", "vul_werkmap"]

# Above this many buurten the consolidated workbook gets no sheet per buurt: the Begroting rows
# compute inline. Hundreds of sheets are unreadable and make the file slow to open and to write.
MAX_BUURTBLADEN = 250
VASTE_BLADEN = {"toelichting": "Toelichting", "begroting": "Begroting", "regeling": "Regeling"}


def maak_begroting(
    aanvragen: Sequence[Aanvraag],
    regeling: Regeling,
    *,
    formules: str = "native",
    herkomst: Herkomst | None = None,
    ondersteuning: Sequence[Uitgave] | None = None,
) -> Workbook:
    """A new consolidated budget workbook for `aanvragen` (with the support expenses, if given)."""
    wb = Workbook()
    wb.remove(wb.active)
    vul_werkmap(wb, aanvragen, regeling, formules=formules, herkomst=herkomst, ondersteuning=ondersteuning)
    return wb


def maak_buurtwerkmap(
    aanvraag: Aanvraag,
    regeling: Regeling,
    *,
    formules: str = "native",
    herkomst: Herkomst | None = None,
) -> Workbook:
    """The workbook of one buurtnetwerk, to send to that network: its own sheet (amounts, the
    calculation and the reasons; the active sheet, it prints on one A4), a locked Regeling, and a
    Begroting of this buurt alone, without the city-wide budget block (§8)."""
    wb = Workbook()
    wb.remove(wb.active)
    vul_werkmap(wb, [aanvraag], regeling, formules=formules, herkomst=herkomst, per_buurt=True)
    return wb


def eigen_bladen(wb: Workbook) -> dict[str, str]:
    """Titles of the sheets buurtxl wrote in `wb`, mapped to their role (begroting, buurt, …).

    Read from the workbook's custom document properties (``sheetId|rol|titel``, see
    `buurtxl.pakket.eigendom`), never from the sheets themselves, so a copy of a sheet is not ours.
    openpyxl renumbers sheetIds on save, so within openpyxl the title decides.
    """
    uit = {}
    for prop in wb.custom_doc_props.props:
        if prop.name.startswith(EIGENDOM):
            _, rol, titel = (str(prop.value).split("|", 2) + ["", ""])[:3]
            if titel in wb.sheetnames:
                uit[titel] = rol
    return {t: uit[t] for t in wb.sheetnames if t in uit}


def _leg_eigendom_vast(wb: Workbook, rollen: dict[str, str]) -> None:
    """Record our sheets as ``sheetId|rol|titel`` (openpyxl writes sheetId = position + 1)."""
    wb.custom_doc_props.props = [p for p in wb.custom_doc_props.props if not p.name.startswith(EIGENDOM)]
    for i, ws in enumerate(wb.worksheets, start=1):
        if ws.title in rollen:
            wb.custom_doc_props.append(
                StringProperty(name=f"{EIGENDOM}{i}", value=f"{i}|{rollen[ws.title]}|{ws.title}")
            )


def vul_werkmap(
    wb: Workbook,
    aanvragen: Sequence[Aanvraag],
    regeling: Regeling,
    *,
    formules: str = "native",
    herkomst: Herkomst | None = None,
    bezette_namen: Sequence[str] = (),
    ondersteuning: Sequence[Uitgave] | None = None,
    per_buurt: bool = False,
) -> None:
    """Add, or replace, our sheets and defined names in `wb`; other sheets stay untouched.

    `bezette_namen`: table and defined names taken elsewhere (the user's package, for `update`).
    `per_buurt`: a buurtnetwerk's own workbook (see `maak_buurtwerkmap`).
    """
    modus = controleer_modus(formules)
    aanvragen = list(aanvragen)
    if not aanvragen:
        raise ValueError("Geen aanvragen: een begroting heeft minstens één buurtnetwerk nodig")
    herkomst = herkomst or Herkomst(
        invoer="niet opgegeven", sha256=None,
        gegenereerd=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    stijl.registreer(wb)
    if ondersteuning is None:
        # `update` without a list keeps the expenses typed into our Ondersteuning sheet.
        ondersteuning = ondersteuningblad.bewaarde_uitgaven(wb, eigen_bladen(wb))
    positie = _verwijder_eigen(wb, regeling)

    bezet = wb.sheetnames
    vast = dict(zip(VASTE_BLADEN, bladnamen(VASTE_BLADEN.values(), bezet), strict=True))
    met_bladen = per_buurt or len(aanvragen) <= MAX_BUURTBLADEN
    buurten = bladnamen((a.buurt for a in aanvragen), [*bezet, *vast.values()]) if met_bladen else []

    rollen = [*((vast[r], r) for r in VASTE_BLADEN), *((t, "buurt") for t in buurten)]
    # After the year: the budget workbook carries its Vaststelling sheet from the start, with empty
    # input cells (issue 20); a buurtnetwerk's own workbook only once there is settlement data.
    vaststelling = None
    if not per_buurt or vaststellingblad.heeft_vaststelling(aanvragen):
        vaststelling = bladnamen(["Vaststelling"], [*bezet, *vast.values(), *buurten])[0]
        rollen.insert(2, (vaststelling, "vaststelling"))
    # The support budget (issue 14): a sheet of expenses, when a list is given.
    steun = None
    if ondersteuning is not None and regeling.heeft_budget and not per_buurt:  # §8's support budget
        bezet_nu = [*bezet, *vast.values(), *buurten, *([vaststelling] if vaststelling else [])]
        steun = bladnamen(["Ondersteuning"], bezet_nu)[0]
        rollen.insert(2, (steun, "ondersteuning"))
    bladen = {}
    for i, (titel, _rol) in enumerate(rollen):
        bladen[titel] = wb.create_sheet(titel, positie + i)

    namen = regelingblad.schrijf(bladen[vast["regeling"]], regeling, op_slot=per_buurt)
    regelingblad.definieer(wb, namen)
    for titel, aanvraag in zip(buurten, aanvragen, strict=False):  # no buurt sheets above the limit
        buurtblad.schrijf(bladen[titel], aanvraag, modus, vast["begroting"],
                          redenen=_redenen(regeling, aanvraag) if per_buurt else None)
    # The data's caveats (e.g. fictitious buurtscores) stand wherever those values are shown.
    if herkomst.kanttekeningen:
        let_op = "Let op: " + " ".join(herkomst.kanttekeningen)
        for titel in (vast["begroting"], *buurten):
            stijl.schrijf_tekst(bladen[titel]["A3"], let_op, "bx noot")
    paragraaf_8 = regeling.heeft_budget and not per_buurt  # the city-wide budget block
    begrotingblad.schrijf(
        bladen[vast["begroting"]], aanvragen, buurten if met_bladen else None, modus,
        f"Begroting buurtnetwerken i.o. – {regeling.titel}", _vrije_tabelnaam(wb, bezette_namen),
        met_paragraaf_8=paragraaf_8, afwijking=regelingblad.afwijking(),
    )
    _begrotingsnamen(wb, vast["begroting"], met_bladen, paragraaf_8)
    if steun is not None:
        ondersteuningblad.schrijf(bladen[steun], list(ondersteuning or ()))
        begroting.schrijf_ondersteuning(bladen[vast["begroting"]], met_bladen, ondersteuningblad.cellen(steun))
    blokken: dict[str, int] = {}  # buurt sheet → first row of its settlement block
    if vaststelling is not None:
        vaststellingblad.schrijf(bladen[vaststelling], aanvragen, vast["begroting"], buurten, modus)
        for i, titel in enumerate(buurten):  # below the Redenen and the Toelichting, never over them
            blokken[titel] = vaststellingblad.schrijf_blok(bladen[titel], vaststelling, vaststellingblad.EERSTE_RIJ + i)
    toelichting.schrijf(
        bladen[vast["toelichting"]], regeling, herkomst, aantal=len(aanvragen), modus=modus,
        met_bladen=met_bladen, max_bladen=MAX_BUURTBLADEN, bladen={**vast, "buurt": buurten[0] if buurten else ""},
        per_buurt=per_buurt,
    )
    for ws in bladen.values():
        _beveilig(ws)
        _afdrukken(ws)
    for titel in buurten:
        _buurtblad_afdrukken(bladen[titel])
    if met_bladen:  # the Begroting prints its overview (see `overzicht`)
        overzicht.pagina(bladen[vast["begroting"]])
    if per_buurt:
        _op_een_pagina(bladen[buurten[0]], blokken.get(buurten[0]))
        # The group's own sheet first: it opens there, and printing the workbook begins with it.
        wb.move_sheet(buurten[0], offset=-wb.sheetnames.index(buurten[0]))
    # Printing prints the active sheet: the Begroting, or the buurtnetwerk's own sheet.
    actief = buurten[0] if per_buurt else vast["begroting"]
    wb.active = wb.sheetnames.index(actief)
    for ws in wb.worksheets:  # only one selected tab, or Excel groups them
        ws.sheet_view.tabSelected = ws.title == actief
    _leg_eigendom_vast(wb, dict(rollen))


def _begrotingsnamen(wb: Workbook, titel: str, met_bladen: bool, met_paragraaf_8: bool) -> None:
    """Stable handles on the budget block (`Begroting_Totaal`, `Begroting_Status`, …): the cells
    move with the number of buurten, the names move with them. Without a §8 budget (2017-2018)
    there is no `Begroting_Status`."""
    kolom = get_column_letter(begroting.budget_kolom(met_bladen))
    for key, rij in begroting.budget_rijen(met_paragraaf_8).items():
        naam = begrotingsnaam(key)
        wb.defined_names[naam] = DefinedName(naam, attr_text=ref(titel, f"{kolom}{rij}"))


def _verwijder_eigen(wb: Workbook, regeling: Regeling) -> int:
    """Remove our sheets and names; return where new sheets go (where ours were, else the end)."""
    eigen = eigen_bladen(wb)
    posities = [wb.sheetnames.index(t) for t in eigen]
    for titel in eigen:
        wb.remove(wb[titel])
    onze_namen = {REGELING_NAAM, regelingblad.AFWIJKINGEN_NAAM, *(parameternaam(p) for p in regeling.parameters),
                  *(begrotingsnaam(k) for k in begroting.budget_rijen())}
    for naam, definitie in list(wb.defined_names.items()):
        try:
            doelen = {blad for blad, _ in definitie.destinations}
        except Exception:  # a constant or formula: no sheet to point at
            doelen = set()
        if naam in onze_namen or doelen & set(eigen):
            del wb.defined_names[naam]
    return min(posities) if posities else len(wb.sheetnames)


def _vrije_tabelnaam(wb: Workbook, bezette_namen: Sequence[str] = ()) -> str:
    bezet = {naam.casefold() for ws in wb.worksheets for naam in ws.tables}
    bezet |= {naam.casefold() for naam in (*wb.defined_names, *bezette_namen)}
    naam, volgnummer = begroting.TABELNAAM, 2
    while naam.casefold() in bezet:
        naam, volgnummer = f"{begroting.TABELNAAM}{volgnummer}", volgnummer + 1
    return naam


def _redenen(regeling: Regeling, aanvraag: Aanvraag) -> list[tuple[str, str]]:
    """The core's reasons for each amount, or its error (a buurtnetwerk's own workbook)."""
    try:
        r = regels.bereken(regeling, aanvraag)
    except regels.RegelFout as fout:
        return [("Fout in de invoer", str(fout))]
    return [("Basissubsidie", r.reden_basissubsidie), ("Toeslag", r.reden_toeslag),
            ("Supplement", r.reden_supplement)]


def _afdrukken(ws) -> None:
    """A4 at 100%: no fit-to-width, which shrank 30 columns to 5 pt; a wide sheet's columns go
    over several pages (with print titles). Orientation is the sheet writer's choice."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.scale = 100
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    ws.oddFooter.center.text = "&A – pagina &P van &N"
    ws.oddFooter.center.size = 10  # a buurt sheet shrinks a little to one page wide: still over 8 pt


def _buurtblad_afdrukken(ws) -> None:
    """A buurt sheet prints on exactly one portrait A4 (four columns and some forty rows: the
    shrink is small, the print tests hold its text at 8 pt or more)."""
    ws.page_setup.orientation = "portrait"
    ws.page_margins = PageMargins(left=0.3, right=0.3, top=0.35, bottom=0.45, header=0.2, footer=0.2)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    # LibreOffice shrinks the footer with the page: 10 pt printed 7.2 pt; 12 pt stays over 8 pt.
    ws.oddFooter.center.size = 12


def _op_een_pagina(ws, vaststelling: int | None = None) -> None:
    """One A4 (portrait) for a buurtnetwerk's own sheet, with narrow margins; its columns and texts
    are short enough that the shrink stays small (the print tests hold the text at 8 pt or more).
    No footer: one page needs no page number, and a footer would shrink with the sheet. With a
    settlement block (from row `vaststelling`) the settlement gets a second page of its own: on one
    page the text shrank below 8 pt."""
    ws.page_setup.orientation = "portrait"
    ws.page_margins = PageMargins(left=0.25, right=0.25, top=0.35, bottom=0.35, header=0.2, footer=0.2)
    ws.oddFooter.center.text = None
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if vaststelling is not None:
        # Excel ignores manual breaks on a fit-to page: a fixed scale that fits the application
        # part (rows above the block) on the first page, the break puts the block on the second.
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.page_setup.scale = _schaal(ws, vaststelling - 1)
        ws.row_breaks.append(Break(id=vaststelling - 1))


def _schaal(ws, laatste_rij: int) -> int:
    """The print scale (%) at which columns A:D and rows 1..`laatste_rij` fit one portrait A4
    within the margins; a few percent to spare for the client's own measuring."""
    marge = ws.page_margins
    breedte = 595.3 - (marge.left + marge.right) * 72
    hoogte = 841.9 - (marge.top + marge.bottom) * 72
    kolommen = sum((ws.column_dimensions[get_column_letter(k)].width or 8.43) * 7 + 5 for k in range(1, 5)) * 0.75
    rijen = sum(ws.row_dimensions[r].height or 15 for r in range(1, laatste_rij + 1))
    return min(100, int(min(breedte / kolommen, hoogte / rijen) * 100) - 3)


def _beveilig(ws) -> None:
    """Protect without a password: formulas locked, input cells (unlocked styles) editable."""
    bescherming = ws.protection
    bescherming.sheet = True
    bescherming.formatColumns = bescherming.formatRows = False
    bescherming.sort = bescherming.autoFilter = False
