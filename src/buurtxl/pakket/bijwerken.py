"""`buurtxl update WERKMAP [INVOER]`: our sheets into the municipality's own workbook, losing nothing.

Staff keep their own workbook (`.xlsx` or `.xlsm`). `update` no longer loads and re-saves it (a
library rewrites every part and drops what it does not model: charts, images, stored formula
results, …). It edits the package instead (`buurtxl.pakket`):

1. refuse while the workbook is open (Excel's `~$NAME`, LibreOffice's `.~lock.NAME#`): exit 2;
2. read the package; decide which sheets are buurtxl's (`pakket.eigendom`); build our sheets in a
   scratch workbook with openpyxl, as `build` does;
3. refuse a workbook whose structure is protected (unless asked) or that is Strict Open XML;
   make the user's references by cell address into our sheets follow the content (`pakket.volgen`:
   the same labelled cell in the new layout; one message per user sheet);
4. merge (`pakket.samenvoegen`): every part of the user's file is copied byte for byte except
   workbook.xml, its relationships, [Content_Types].xml, styles.xml and the custom properties (and
   the formula texts of the user's references into our sheets);
5. check the result independently (`pakket.controle`), write a timestamped backup, and write the
   new file to a temporary file in the target's folder with the original's mode (and owner where
   permitted); where a value of the user's can change (a formula or name that depends on our
   sheets, or a volatile function: `pakket.afhankelijkheid`), LibreOffice recalculates those sheets
   of both (`pakket.herrekening`) and the values must agree; elsewhere the byte-for-byte check
   already says they compute the same, and one line says so. Only then one rename replaces the
   workbook (through a symlink: its target).

On any difference nothing is replaced and `BijwerkFout` says why (exit 1).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from .. import opslaan, slot
from ..invoer import voorcontrole
from ..model import Aanvraag, BuurtxlFout, Herkomst
from ..opmaak import aantal
from ..osfouten import os_reden
from ..regeling import Regeling

if TYPE_CHECKING:
    from .onderdelen import Pakket
    from .verwijzingen import Verwijzing
    from .volgen import Gevolgd
    from .werkboek import Blad

AANVRAGEN_BLAD = "Aanvragen"
WERKMAPPEN = voorcontrole.WERKMAPPEN
MAX_VERSCHILLEN = 20  # listed in the message; the count says how many more


class BijwerkFout(BuurtxlFout):
    """The workbook was not updated (message in Dutch); the original is unchanged."""


class WerkmapOpen(BijwerkFout):
    """The workbook is open in Excel or LibreOffice (exit 2)."""


class WerkmapBezet(WerkmapOpen):
    """Another `update` holds the workbook's lock (exit 2, as for a workbook open in Excel)."""


# A second update of the same workbook waits this long for the first to finish, then stops.
SLOT_WACHTEN = 15.0


def slotpad(werkmap: Path) -> Path:
    """The lock file of `werkmap` (of its target, through a symlink): hidden, next to it."""
    doel = werkmap.resolve()
    return doel.with_name(f".~buurtxl.{doel.name}.slot")


@contextmanager
def vergrendeld(werkmap: Path, *, meld: Callable[[str], None] = lambda tekst: None,
                wachten: float | None = None) -> Iterator[None]:
    """Hold `werkmap`'s lock for a whole update run: from reading its sheet 'Aanvragen' to the
    rename. Two runs at once would otherwise both read the old workbook, and the second rename
    would silently drop the first run's work. The system releases the lock of a killed run."""
    pad = slotpad(werkmap)
    wachten = SLOT_WACHTEN if wachten is None else wachten
    try:
        try:
            greep = slot.neem(pad)
        except slot.Bezet as bezet:
            meld(f"{werkmap.name} wordt al bijgewerkt door een andere buurtxl ({bezet.houder or 'onbekend proces'}); "
                 f"even wachten (hoogstens {wachten:.0f} seconden)…")
            greep = slot.neem(pad, wachten=wachten)
    except slot.Bezet as bezet:
        raise WerkmapBezet(
            f"{werkmap.name} wordt al bijgewerkt door een andere buurtxl update "
            f"({bezet.houder or 'onbekend proces'}; slot {pad.name}); er is niets veranderd. "
            "Probeer het opnieuw als die klaar is"
        ) from None
    except OSError as fout:
        raise BijwerkFout(f"{werkmap.name}: kan het slot {pad.name} niet maken ({os_reden(fout)}); "
                          "er is niets veranderd") from None
    with greep:
        yield


@dataclass(frozen=True)
class Uitkomst:
    werkmap: Path
    backup: Path
    eigen_bladen: tuple[str, ...]
    verwijzingen: tuple[str, ...]  # "Rapportage!B1 → Begroting!L10", "naam MijnTotaal → Begroting!L10"
    herberekend: bool  # LibreOffice compared the user's values before and after
    meldingen: tuple[str, ...] = ()  # per user sheet: its references into ours, followed (Dutch)
    niet_nodig: str = ""  # why no recalculation was needed (Dutch), when none was


# Said when no formula of the user's can compute differently: the verification is complete without LibreOffice.
NIET_NODIG = ("Herberekenen ter controle is niet nodig: geen formule of naam van uw bladen hangt af van de "
              "bladen, namen of tabellen van buurtxl of gebruikt een vluchtige functie (zoals INDIRECT of NU), "
              "en al uw onderdelen zijn byte voor byte gelijk gebleven, dus rekenen ze hetzelfde uit.")


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
    herbereken: bool = True,
    ondanks_beveiliging: bool = False,
    meld: Callable[[str], None] = lambda tekst: None,
) -> Uitkomst:
    """Add or refresh our sheets in `werkmap`, or raise `BijwerkFout` with the original untouched.

    `herbereken`: let LibreOffice compare the user's values before and after on the sheets where
    they can change (skipped, with a message, when none can or LibreOffice is not installed).
    `ondanks_beveiliging`: add our sheets even though the user protected the workbook's structure
    (refused otherwise).
    """
    from .. import herberekenen
    from . import controle, herrekening, samenvoegen, volgen

    werkmap = Path(werkmap)
    controleer_werkmap(werkmap)
    _voorcontrole(werkmap)
    doel = werkmap.resolve()  # a symlink: its target is what is replaced
    origineel = doel.read_bytes()
    try:
        voorbereid = _bereid_voor(origineel, werkmap.name, list(aanvragen), regeling, formules, herkomst,
                                  ondanks_beveiliging)
    except (zipfile.BadZipFile, zlib.error, etree.XMLSyntaxError) as fout:
        raise BijwerkFout(f"{werkmap.name}: de werkmap is beschadigd ({fout}); open hem in Excel en sla hem "
                          "opnieuw op. Er is niets veranderd.") from None
    gevolgd = voorbereid.gevolgd
    for regel in gevolgd.meldingen():
        meld(regel)
    aangepast = volgen.toegepast(voorbereid.pakket, gevolgd)  # the user's formulas, references followed
    try:
        nieuw, verslag = samenvoegen.voeg_samen(aangepast, voorbereid.kladblok, voorbereid.eigen,
                                                voorbereid.rollen)
    except samenvoegen.werkboek.Naambotsing as fout:
        raise BijwerkFout(
            f"{werkmap.name}: de werkmap heeft al eigen namen die buurtxl nodig heeft: "
            + ", ".join(f"'{n}'" for n in fout.args)
            + ". Geef ze in Excel (Formules > Namen beheren) een andere naam; er is niets veranderd."
        ) from None
    bevindingen = controle.controleer(voorbereid.pakket, nieuw, set(voorbereid.eigen),
                                      formules_gevolgd=set(gevolgd.delen), namen_gevolgd=set(gevolgd.namen))
    if bevindingen:
        raise BijwerkFout(_lijst(werkmap, "de controle van het nieuwe bestand vond verschillen", bevindingen))
    data = nieuw.naar_bytes()

    titels = set(voorbereid.eigen) | set(voorbereid.rollen)
    plan = herrekening.plan(voorbereid.pakket, voorbereid.gebruiker, titels, voorbereid.onze_namen) \
        if herbereken else None
    kan_herberekenen = plan is not None and bool(plan.redenen) and herberekenen.soffice() is not None
    if plan is not None and not plan.redenen:
        meld(NIET_NODIG)
    elif herbereken and not kan_herberekenen:
        meld("LibreOffice is niet geïnstalleerd: de waarden van uw bladen zijn niet herberekend ter controle "
             "(de onderdelen zelf zijn wel byte voor byte gecontroleerd).")
    elif plan is not None:
        meld("LibreOffice rekent ter controle na: " + "; ".join(f"'{t}' {r}" for t, r in plan.redenen.items()) + ".")
    te_vergelijken = [b for b in voorbereid.gebruiker if plan is not None and b.titel in plan.bladen]
    try:
        toegestaan = herrekening.afhankelijk(voorbereid.pakket, te_vergelijken, titels, plan.namen) \
            if kan_herberekenen and plan is not None else set()
    except etree.XMLSyntaxError as fout:
        raise BijwerkFout(f"{werkmap.name}: de werkmap is beschadigd ({fout}); open hem in Excel en sla hem "
                          "opnieuw op. Er is niets veranderd.") from None
    backup = _reservekopie(werkmap, doel)
    status = doel.stat()

    def schrijf(tijdelijk: Path) -> None:
        tijdelijk.write_bytes(data)
        os.chmod(tijdelijk, status.st_mode & 0o7777)
        try:
            os.chown(tijdelijk, status.st_uid, status.st_gid)
        except (PermissionError, AttributeError):
            pass  # only the owner's group or root may give the file away: keep ours
        if kan_herberekenen:
            try:
                verschillen = herrekening.vergelijk(doel, tijdelijk, [b.titel for b in te_vergelijken],
                                                    toegestaan, plan.leeg if plan is not None else ())
            except (herberekenen.HerberekenFout, herrekening.Onleesbaar) as fout:
                raise BijwerkFout(
                    f"{werkmap.name}: de controle met LibreOffice is mislukt ({fout}); de werkmap is niet "
                    "veranderd. Werk bij zonder die controle met --zonder-libreoffice (elk onderdeel wordt "
                    "dan nog steeds byte voor byte gecontroleerd)."
                ) from None
            if verschillen:
                raise BijwerkFout(
                    _lijst(werkmap, "LibreOffice rekent uw bladen na het bijwerken anders uit", verschillen)
                )

    try:
        opslaan.schrijf_atomair(doel, schrijf, overschrijven=True)
        if doel.read_bytes() != data:  # somebody else wrote in between: put the original back
            shutil.copyfile(backup, doel)
            raise BijwerkFout(f"{werkmap.name}: het geschreven bestand klopt niet; het origineel is teruggezet")
    except BaseException:
        if doel.read_bytes() == origineel:
            backup.unlink(missing_ok=True)  # the original was never replaced: the copy adds nothing
        raise
    return Uitkomst(werkmap, backup, tuple(verslag.bladen), tuple(str(v) for v in voorbereid.verwijzingen),
                    kan_herberekenen, tuple(gevolgd.meldingen()),
                    NIET_NODIG if plan is not None and not plan.redenen else "")


@dataclass
class _Voorbereid:
    pakket: Pakket  # the user's
    kladblok: Pakket  # our sheets only, written by openpyxl
    eigen: dict[str, str]  # title → role of our sheets in the user's package (replaced)
    rollen: dict[str, str]  # title → role of our new sheets
    gebruiker: list[Blad]
    onze_namen: set[str]  # our names and tables, and the user's names pointing into our sheets
    verwijzingen: list[Verwijzing]
    gevolgd: Gevolgd  # the user's formulas and names with their references into ours followed


def _bereid_voor(origineel: bytes, naam: str, aanvragen: list[Aanvraag], regeling: Regeling,
                 formules: str, herkomst: Herkomst | None, ondanks_beveiliging: bool = False) -> _Voorbereid:
    """Read the package, refuse what must not be updated, decide what is ours, build our sheets in a
    scratch workbook, and follow the user's references into our sheets."""
    from openpyxl import Workbook

    from ..invoer import werkblad
    from ..werkmap import eigen_bladen, vul_werkmap
    from ..werkmap.bewaren import bewaar
    from ..werkmap.namen import bladnaam
    from . import eigendom, verwijzingen, volgen, werkboek
    from .onderdelen import NS_MAIN, Pakket, xml
    from .samenvoegen import eigen_namen

    pakket = Pakket.lees(origineel)
    wb_deel = pakket.werkboek()
    if wb_deel not in pakket.delen:
        raise BijwerkFout(f"{naam}: dit is geen Excel-werkmap (het werkmaponderdeel ontbreekt); "
                          "sla hem in Excel op als 'Excel-werkmap (.xlsx)' en probeer het opnieuw")
    wortel = xml(pakket.delen[wb_deel])
    if wortel.tag == f"{{{werkblad.NS_STRICT}}}workbook":
        raise BijwerkFout(f"{naam}: {werkblad.STRICT}")
    if wortel.tag != f"{{{NS_MAIN}}}workbook":
        raise BijwerkFout(f"{naam}: dit is geen gewone Excel-werkmap; sla hem in Excel op als "
                          "'Excel-werkmap (.xlsx)' en probeer het opnieuw")
    beveiliging = wortel.find(f"{{{NS_MAIN}}}workbookProtection")
    if beveiliging is not None and beveiliging.get("lockStructure") in ("1", "true") and not ondanks_beveiliging:
        raise BijwerkFout(
            f"{naam}: de structuur van deze werkmap is beveiligd, zodat er geen bladen bij kunnen; buurtxl "
            "voegt er dus geen bladen aan toe. Hef de beveiliging op in Excel via Controleren › Werkmap "
            "beveiligen (met het wachtwoord, als er een is) en probeer het opnieuw, of geef "
            "--ondanks-beveiliging mee om de bladen van buurtxl toch toe te voegen (de beveiliging blijft "
            "dan staan). Er is niets veranderd."
        )
    bladen = werkboek.bladen(pakket)
    eigen = eigendom.eigen_bladen(pakket, [(b.titel, b.id) for b in bladen], {bladnaam(a.buurt) for a in aanvragen})
    gebruiker = [b for b in bladen if b.titel not in eigen]
    namen = werkboek.namen(pakket)

    kladblok = Workbook()
    kladblok.active.title = gebruiker[0].titel if gebruiker else "_"
    for b in gebruiker[1:]:
        kladblok.create_sheet(b.titel)
    plaatshouders = list(kladblok.sheetnames)
    bezet = [n.naam for n in namen] + _tabelnamen(pakket, gebruiker)
    vul_werkmap(kladblok, aanvragen, regeling, formules=formules, herkomst=herkomst, bezette_namen=bezet)
    rollen = eigen_bladen(kladblok)
    for titel in plaatshouders:
        kladblok.remove(kladblok[titel])
    for ws in kladblok.worksheets:
        ws.sheet_view.tabSelected = False
    buf = io.BytesIO()
    bewaar(kladblok, buf)  # as `kladblok.save(buf)`, without a temporary file per sheet (33 of them)
    klad = Pakket.lees(buf.getvalue())

    nodig = {n.casefold() for n in kladblok.defined_names}
    ons = eigen_namen(namen, nodig, set(eigen))
    van_gebruiker = [n for n in namen if n.naam.casefold() not in ons or n.blad is not None]
    # Our sheets by title, old and new: a user's formula naming 'Begroting' means ours either way.
    titels = set(eigen) | set(rollen)
    eigen_namen_gebruiker = [n for n in van_gebruiker if n.blad not in eigen]
    gevonden = verwijzingen.zoek(pakket, gebruiker, eigen_namen_gebruiker, titels)
    onze_namen = {*kladblok.defined_names, *(t.displayName for ws in kladblok.worksheets for t in ws.tables.values())}
    onze_namen |= {n.naam for n in van_gebruiker if verwijzingen.bladen_in(n.tekst) & titels}
    gevolgd = volgen.volg(pakket, gebruiker, eigen_namen_gebruiker, eigen, klad, rollen)
    return _Voorbereid(pakket, klad, eigen, rollen, gebruiker, onze_namen, gevonden, gevolgd)


def _tabelnamen(pakket: Pakket, gebruiker: list[Blad]) -> list[str]:
    from .onderdelen import xml

    uit = []
    for blad in gebruiker:
        for rel in pakket.relaties(blad.deel or ""):
            if rel.soort == "table" and rel.doel in pakket.delen:
                tabel = xml(pakket.delen[rel.doel])
                uit += [tabel.get("name", ""), tabel.get("displayName", "")]
    return uit


def _lijst(werkmap: Path, wat: str, regels: Sequence[str]) -> str:
    meer = len(regels) - MAX_VERSCHILLEN
    return (f"{werkmap.name}: {wat}:\n" + "\n".join(f"  - {r}" for r in regels[:MAX_VERSCHILLEN])
            + (f"\n  … en nog {aantal(meer, 'verschil', 'verschillen')}" if meer > 0 else "")
            + "\nDe oorspronkelijke werkmap is niet veranderd.")


def controleer_werkmap(werkmap: Path) -> None:
    """The cheap refusals, before anything is read: not a workbook by name, not a regular file
    (a named pipe would make a reader wait for ever), read-only, open in Excel or LibreOffice."""
    if werkmap.suffix.lower() not in WERKMAPPEN:
        raise BijwerkFout(f"{werkmap.name}: alleen een Excel-werkmap (.xlsx of .xlsm) kan worden bijgewerkt")
    try:
        modus = werkmap.stat().st_mode
    except OSError as fout:
        raise BijwerkFout(f"{werkmap.name}: {os_reden(fout)}") from None
    if not stat.S_ISREG(modus):
        raise BijwerkFout(f"{werkmap.name}: dit is geen gewoon bestand (maar bijvoorbeeld een named pipe); "
                          "alleen een Excel-werkmap kan worden bijgewerkt")
    opslaan.eis_schrijfbaar(werkmap)
    _controleer_open(werkmap, werkmap.resolve())


def _voorcontrole(werkmap: Path) -> None:
    # The user's worksheets are copied as stored, not parsed by expat: the few we read (for
    # formulas) are parsed without entities or network, and a damaged one stops `_bereid_voor`.
    probleem = voorcontrole.controleer(werkmap, werkbladen=False)
    if probleem is not None:
        raise BijwerkFout(f"{probleem.plaats()}: {probleem.reden}")


def _controleer_open(werkmap: Path, doel: Path) -> None:
    """Excel's owner file `~$NAME` (for long names `~$` replaces the first two characters) and
    LibreOffice's `.~lock.NAME#` mean the workbook is open: a save there would overwrite us."""
    for pad in dict.fromkeys((werkmap, doel)):
        for eigenaar, programma in (
            (pad.with_name("~$" + pad.name), "Excel"),
            (pad.with_name("~$" + pad.name[2:]), "Excel"),
            (pad.with_name(f".~lock.{pad.name}#"), "LibreOffice"),
        ):
            if eigenaar.exists():
                raise WerkmapOpen(f"{werkmap.name} is geopend in {programma} ({eigenaar.name} bestaat); "
                                  "sluit de werkmap eerst en probeer het opnieuw")


def _reservekopie(werkmap: Path, doel: Path) -> Path:
    """A copy next to the workbook, named with the time: `begroting.backup-20180306-141500.xlsx`."""
    stempel = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kopie, n = werkmap.with_name(f"{werkmap.stem}.backup-{stempel}{werkmap.suffix}"), 1
    while kopie.exists():
        n += 1
        kopie = werkmap.with_name(f"{werkmap.stem}.backup-{stempel}-{n}{werkmap.suffix}")
    try:
        # Through a temporary file: a disk that fills up half-way leaves no empty or half backup.
        opslaan.kopieer_atomair(doel, kopie)
    except OSError as fout:
        reden = str(fout) if isinstance(fout, opslaan.OpslaanFout) else os_reden(fout)  # no folder access
        raise BijwerkFout(f"{werkmap.name}: er kon geen reservekopie worden gemaakt ({reden}); "
                          "er is niets veranderd") from None
    return kopie
