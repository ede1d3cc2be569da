"""`buurtxl update WERKMAP [INVOER]`: our sheets into the municipality's own workbook, losing nothing.

Staff keep their own workbook (`.xlsx` or `.xlsm`) with sheets, formulas, names and macros.
`bijwerken` adds or refreshes buurtxl's sheets (Toelichting, Regeling, buurt sheets, Begroting) and
names in it, and guarantees that nothing else changes:

1. before anything is written, `onoverdraagbaar` reads the zip's relationship parts and lists what
   openpyxl cannot carry over (charts, images and shapes, pivot tables, form controls, ActiveX,
   external links, slicers, …) on sheets that are not ours: refused unless the caller passes
   `toch=True`, and then every item is reported;
2. a timestamped backup is written next to the workbook;
3. the workbook is opened with openpyxl (`keep_vba` for `.xlsm`), `workbook.vul_werkmap` adds our
   sheets, and the result is saved to a temporary file in the same folder;
4. that file is re-opened and compared with the original (`vergelijk`): every pre-existing sheet's
   cells (values, formulas, styles), merged cells, sizes, data validation, conditional formatting,
   the defined names and the VBA project's bytes. Only when nothing differs does it replace the
   original, in one rename (`opslaan.schrijf_atomair`). On any difference the original is left as
   it was — it was never replaced — the backup is removed again, and `BijwerkFout` says what
   would have been lost.

Without INVOER the applications are read from the workbook's sheet `AANVRAGEN_BLAD` ("Aanvragen"),
with the same input contract and validation as `buurtxl build` (`bron` says what `lezen.lees` reads).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import shutil
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from defusedxml import ElementTree

from . import opslaan, voorcontrole
from .model import Aanvraag, BuurtxlFout, Herkomst
from .regeling import Regeling

AANVRAGEN_BLAD = "Aanvragen"
WERKMAPPEN = voorcontrole.WERKMAPPEN
MAX_VERSCHILLEN = 20  # listed in the message; the count says how many more

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

# Relationship types (the last segment of the Type URI) that openpyxl does not write back.
# Per sheet: what hangs off a worksheet. Drawings are looked into for what they hold.
_PER_BLAD = {
    "pivotTable": "draaitabel",
    "ctrlProp": "formulierbesturingselement (knop, selectievakje, keuzelijst)",
    "control": "ActiveX-besturingselement",
    "oleObject": "ingesloten object (OLE)",
    "package": "ingesloten document",
    "image": "achtergrondafbeelding",
    "slicer": "slicer",
    "timeline": "tijdlijn",
    "threadedComment": "opmerkingen in gespreksvorm (alleen de gewone notitie blijft)",
    "webExtension": "invoegtoepassing op het blad",
}
_PER_WERKMAP = {
    "externalLink": "koppeling naar een andere werkmap",
    "pivotCacheDefinition": "draaitabelcache",
    "connections": "gegevensverbinding (Power Query, ODBC, web)",
    "slicerCache": "slicercache",
    "timelineCache": "tijdlijncache",
    "customXml": "aangepaste XML-gegevens",
    "sheetMetadata": "dynamische matrixformules of gegevenstypen",
    "rdRichValue": "afbeeldingen in cellen of gegevenstypen",
    "chartsheet": "grafiekblad",
    "dialogsheet": "dialoogvenster (Excel 5)",
    "xlMacrosheet": "macroblad (Excel 4)",
    "xlIntlMacrosheet": "macroblad (Excel 4)",
    "powerPivotData": "gegevensmodel (Power Pivot)",
    "queryTable": "querytabel",
}
# Reported, but not a reason to refuse: the printer driver's own binary settings (the page setup
# itself — margins, orientation, scaling — is kept).
_MELDING = {"printerSettings": "printerinstellingen van het stuurprogramma (pagina-instelling blijft)"}


class BijwerkFout(BuurtxlFout):
    """The workbook was not updated (message in Dutch); the original is unchanged."""


@dataclass(frozen=True)
class Verlies:
    """Something in the workbook that openpyxl would not write back."""

    wat: str
    blad: str | None
    onderdeel: str
    ernstig: bool = True  # False: only reported

    def __str__(self) -> str:
        waar = f"op blad '{self.blad}'" if self.blad else "in de werkmap"
        return f"{self.wat} {waar} ({self.onderdeel})"


@dataclass(frozen=True)
class Uitkomst:
    werkmap: Path
    backup: Path
    eigen_bladen: tuple[str, ...]
    verloren: tuple[Verlies, ...]


def bron(werkmap: Path, invoer: Path | None, blad: str | None = None) -> tuple[Path, str | None]:
    """Where `update` reads the applications: (file, sheet) for `lezen.lees`.

    INVOER when given (any input `build` accepts, `blad` as with build); otherwise the workbook
    itself, sheet `blad` or 'Aanvragen', with the input contract's header row.
    """
    if invoer is not None:
        return invoer, blad
    return werkmap, blad or AANVRAGEN_BLAD


def bijwerken(
    werkmap: str | Path,
    aanvragen: Sequence[Aanvraag],
    regeling: Regeling,
    *,
    formules: str = "native",
    herkomst: Herkomst | None = None,
    toch: bool = False,
    meld: Callable[[str], None] = lambda tekst: None,
) -> Uitkomst:
    """Add or refresh our sheets in `werkmap`, or raise `BijwerkFout` with the original untouched."""
    from .werkmap import eigen_bladen, vul_werkmap  # imported late: the other commands do not need it

    werkmap = Path(werkmap)
    _controleer_werkmap(werkmap)
    verloren = onoverdraagbaar(werkmap)  # from the zip alone, before openpyxl parses any of it
    if not toch:
        _weiger(werkmap, verloren)
    with warnings.catch_warnings(record=True) as meldingen:
        warnings.simplefilter("always")
        origineel = _open(werkmap)
    verloren += _waarschuwingen_als_verlies(meldingen)
    if not toch:
        _weiger(werkmap, verloren)
    eigen = set(eigen_bladen(origineel))
    for v in verloren:
        meld(f"{'Gaat verloren' if v.ernstig else 'Wordt niet meegenomen'}: {v}")

    backup = _reservekopie(werkmap)
    try:
        wb = origineel
        vul_werkmap(wb, list(aanvragen), regeling, formules=formules, herkomst=herkomst)
        nieuw_eigen = tuple(eigen_bladen(wb))

        def schrijf(tijdelijk: Path) -> None:
            wb.save(tijdelijk)
            verschillen = vergelijk(werkmap, tijdelijk, eigen=eigen | set(nieuw_eigen), regeling=regeling)
            if verschillen:
                meer = len(verschillen) - MAX_VERSCHILLEN
                raise BijwerkFout(
                    f"{werkmap.name}: na het schrijven bleek dat dit verloren zou gaan of zou veranderen:\n"
                    + "\n".join(f"  - {v}" for v in verschillen[:MAX_VERSCHILLEN])
                    + (f"\n  … en nog {meer} verschil(len)" if meer > 0 else "")
                    + "\nDe oorspronkelijke werkmap is niet veranderd."
                )

        opslaan.schrijf_atomair(werkmap, schrijf, overschrijven=True)
    except BaseException:
        backup.unlink(missing_ok=True)  # the original was never replaced: the copy adds nothing
        raise
    return Uitkomst(werkmap, backup, nieuw_eigen, tuple(verloren))


def _weiger(werkmap: Path, verloren: Sequence[Verlies]) -> None:
    ernstig = [v for v in verloren if v.ernstig]
    if ernstig:
        raise BijwerkFout(
            f"{werkmap.name}: buurtxl kan deze werkmap niet bijwerken zonder iets kwijt te raken:\n"
            + "\n".join(f"  - {v}" for v in ernstig)
            + "\nEr is niets veranderd. Werk een kopie bij zonder deze onderdelen, of gebruik --toch "
            "als u ze bewust opgeeft (er wordt eerst een reservekopie gemaakt)."
        )


def _controleer_werkmap(werkmap: Path) -> None:
    if werkmap.suffix.lower() not in WERKMAPPEN:
        raise BijwerkFout(f"{werkmap.name}: alleen een Excel-werkmap (.xlsx of .xlsm) kan worden bijgewerkt")
    probleem = voorcontrole.controleer(werkmap)
    if probleem is not None:
        raise BijwerkFout(f"{probleem.plaats()}: {probleem.reden}")
    slot = werkmap.with_name("~$" + werkmap.name)
    if slot.exists():  # Excel's owner file: the workbook is open, and Excel would save over us
        raise BijwerkFout(f"{werkmap.name} is geopend in Excel ({slot.name} bestaat); sluit de werkmap eerst")


def _open(werkmap: Path):
    try:
        return voorcontrole.open_werkmap(
            werkmap, keep_vba=werkmap.suffix.lower() == ".xlsm", keep_links=True, rich_text=True
        )
    except voorcontrole.OnveiligBestand as fout:
        raise BijwerkFout(f"{fout.probleem.plaats()}: {fout.probleem.reden}") from None


def _reservekopie(werkmap: Path) -> Path:
    """A copy next to the workbook, named with the time: `begroting.backup-20180306-141500.xlsx`."""
    stempel = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    doel, n = werkmap.with_name(f"{werkmap.stem}.backup-{stempel}{werkmap.suffix}"), 1
    while doel.exists():
        n += 1
        doel = werkmap.with_name(f"{werkmap.stem}.backup-{stempel}-{n}{werkmap.suffix}")
    shutil.copy2(werkmap, doel)
    return doel


# -- what openpyxl cannot carry over, from the zip's relationships ------------------------------

def onoverdraagbaar(werkmap: str | Path) -> list[Verlies]:
    """Everything in `werkmap` that openpyxl would drop, except on buurtxl's own sheets (which are
    replaced anyway; see `workbook.eigen_bladen` for the mark that tells them apart)."""
    with zipfile.ZipFile(werkmap) as zf:
        onderdelen = set(zf.namelist())

        def rels(deel: str) -> list[tuple[str, str, str]]:
            return _relaties(zf, deel, onderdelen)

        verloren: list[Verlies] = []
        pakket = rels("")
        verloren += [Verlies("aangepast lint (customUI)", None, d) for _, s, d in pakket if s in ("extensibility", "ui")]
        werkboek = next((d for _, s, d in pakket if s == "officeDocument"), "xl/workbook.xml")
        werkboek_rels = rels(werkboek)
        werkboek_xml = zf.read(werkboek)
        titels = _bladtitels(werkboek_xml, {rid: d for rid, _, d in werkboek_rels})
        eigen = _eigen_bladen(werkboek_xml)
        for _, soort, doel in werkboek_rels:
            if soort in _PER_WERKMAP:
                verloren.append(Verlies(_PER_WERKMAP[soort], titels.get(doel), doel))
            elif soort == "worksheet" and titels.get(doel) not in eigen:
                verloren += _van_blad(titels.get(doel), doel, rels, zf)
    return verloren


def _relaties(zf: zipfile.ZipFile, deel: str, onderdelen: set[str]) -> list[tuple[str, str, str]]:
    """(id, type, target part) of each internal relationship of `deel` ("" for the package)."""
    map_, naam = posixpath.split(deel)
    pad = posixpath.join(map_, "_rels", naam + ".rels")
    if pad not in onderdelen:
        return []
    uit = []
    for rel in ElementTree.fromstring(zf.read(pad)).iter(_REL):
        if rel.get("TargetMode") == "External":
            continue  # a hyperlink or a linked file: nothing inside the package
        doel = rel.get("Target", "")
        doel = doel.lstrip("/") if doel.startswith("/") else posixpath.normpath(posixpath.join(map_, doel))
        uit.append((rel.get("Id", ""), rel.get("Type", "").rsplit("/", 1)[-1], doel))
    return uit


def _van_blad(titel: str | None, blad: str, rels, zf: zipfile.ZipFile) -> list[Verlies]:
    uit: list[Verlies] = []
    for _, soort, doel in rels(blad):
        if soort in _PER_BLAD:
            uit.append(Verlies(_PER_BLAD[soort], titel, doel))
        elif soort in _MELDING:
            uit.append(Verlies(_MELDING[soort], titel, doel, ernstig=False))
        elif soort == "drawing":
            uit.append(Verlies(_in_tekening(doel, rels, zf), titel, doel))
        elif soort == "table":
            uit += [Verlies("querytabel (externe gegevens)", titel, d) for _, s, d in rels(doel) if s == "queryTable"]
    return uit


def _in_tekening(tekening: str, rels, zf: zipfile.ZipFile) -> str:
    """What a drawing holds, in Dutch. openpyxl rewrites charts and images (losing formatting, and
    images altogether without Pillow) and drops shapes, text boxes and SmartArt."""
    soorten = [s for _, s, _ in rels(tekening)]
    wat = []
    if grafieken := soorten.count("chart") + soorten.count("chartEx"):
        wat.append(f"{grafieken} grafiek(en)")
    if afbeeldingen := soorten.count("image"):
        wat.append(f"{afbeeldingen} afbeelding(en)")
    if any(s.startswith("diagram") for s in soorten):
        wat.append("SmartArt")
    xml = zf.read(tekening)
    if any(teken in xml for teken in (b":sp>", b":sp ", b":grpSp", b":cxnSp")):
        wat.append("vormen of tekstvakken")
    return f"tekening met {', '.join(wat) or 'onbekende inhoud'}"


def _bladtitels(werkboek_xml: bytes, doelen: dict[str, str]) -> dict[str, str]:
    """Sheet part → sheet title, from workbook.xml and its relationships."""
    uit = {}
    for blad in ElementTree.fromstring(werkboek_xml).iter(f"{_MAIN}sheet"):
        doel = doelen.get(blad.get(_R, ""))
        if doel:
            uit[doel] = blad.get("name", "")
    return uit


def _eigen_bladen(werkboek_xml: bytes) -> set[str]:
    """Titles of the sheets that carry buurtxl's sheet-scoped mark name, read from workbook.xml."""
    from .werkmap.namen import MERKTEKEN

    boom = ElementTree.fromstring(werkboek_xml)
    titels = [blad.get("name", "") for blad in boom.iter(f"{_MAIN}sheet")]
    uit = set()
    for naam in boom.iter(f"{_MAIN}definedName"):
        index = naam.get("localSheetId")
        if naam.get("name") == MERKTEKEN and index is not None and index.isdigit() and int(index) < len(titels):
            uit.add(titels[int(index)])
    return uit


# openpyxl warns, while reading, about the worksheet extensions it drops.
_UITBREIDINGEN = {
    "Conditional Formatting": "uitgebreide voorwaardelijke opmaak (gegevensbalken, pictogrammen)",
    "Data Validation": "uitgebreide gegevensvalidatie (bijv. een keuzelijst uit een ander blad)",
    "Sparkline Group": "sparklines",
    "Slicer List": "slicer",
    "Protected Range": "beveiligde bereiken",
}


def _waarschuwingen_als_verlies(meldingen: Sequence[warnings.WarningMessage]) -> list[Verlies]:
    uit = []
    for melding in meldingen:
        tekst = str(melding.message)
        if "extension is not supported and will be removed" in tekst:
            naam = tekst.split(" extension", 1)[0].strip()
            uit.append(Verlies(_UITBREIDINGEN.get(naam, f"Excel-uitbreiding '{naam}'"), None, "extLst"))
    return list(dict.fromkeys(uit))


# -- the comparison after writing --------------------------------------------------------------

def vergelijk(origineel: Path, nieuw: Path, *, eigen: set[str], regeling: Regeling) -> list[str]:
    """Every difference between the two workbooks outside buurtxl's own sheets, in Dutch."""
    from .vergelijken import vergelijk_werkmappen

    return vergelijk_werkmappen(origineel, nieuw, eigen=eigen, regeling=regeling)
