"""Recalculate workbooks with LibreOffice Calc headless: an independent engine for our formulas.

openpyxl writes formulas without results. LibreOffice opens each file in a throwaway profile that
forces recalculation on load (``OOXMLRecalcMode`` = always), never runs macros and formats numbers
the Dutch way (for PDF renderings; stored values do not depend on it), and saves a
copy whose cells carry the computed values (read them with openpyxl ``data_only=True``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from . import kindproces
from .model import BuurtxlFout

STANDAARD_TIMEOUT = 180  # seconds for one LibreOffice run (a first start alone can take 20 s)

_PROFIEL = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>nl-NL</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""

# LibreOffice's export filters by target suffix.
FILTERS = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "pdf": "pdf:calc_pdf_Export"}


class HerberekenFout(BuurtxlFout, RuntimeError):
    """LibreOffice is missing, failed or took too long (message in Dutch)."""


def soffice() -> str | None:
    """Path of the LibreOffice binary, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def herbereken(pad: str | Path, doel: str | Path | None = None, *, timeout: float = STANDAARD_TIMEOUT) -> Path:
    """Recalculate `pad` into a copy (default: next to it, ``<naam>.herberekend.xlsx``); return it."""
    pad = Path(pad)
    doel = Path(doel) if doel else pad.with_name(f"{pad.stem}.herberekend.xlsx")
    with tempfile.TemporaryDirectory(prefix="buurtxl-uit-") as uit:
        [resultaat] = converteer([pad], Path(uit), "xlsx", timeout=timeout)
        shutil.move(resultaat, doel)
    return doel


def converteer(
    paden: Sequence[str | Path], map_: str | Path, naar: str = "xlsx", *, timeout: float = STANDAARD_TIMEOUT
) -> list[Path]:
    """Open each file in one LibreOffice run, recalculate, and export it into `map_` as `naar`.

    One run for several files saves LibreOffice's start-up time, seconds per call.
    """
    programma = soffice()
    if programma is None:
        raise HerberekenFout(
            "LibreOffice (soffice) is niet gevonden. Installeer het, bijvoorbeeld met "
            "'apt-get install libreoffice-calc-nogui', en probeer het opnieuw."
        )
    bestanden = [Path(p).resolve() for p in paden]
    map_ = Path(map_).resolve()
    map_.mkdir(parents=True, exist_ok=True)
    if any(p.parent == map_ for p in bestanden):
        raise HerberekenFout(f"De doelmap {map_} mag niet de map van de invoer zijn")
    with tempfile.TemporaryDirectory(prefix="buurtxl-lo-profiel-") as profiel:
        gebruiker = Path(profiel) / "user"
        gebruiker.mkdir()
        (gebruiker / "registrymodifications.xcu").write_text(_PROFIEL, encoding="utf-8")
        opdracht = [
            programma, f"-env:UserInstallation={Path(profiel).as_uri()}", "--headless",
            "--invisible", "--nologo", "--norestore", "--nolockcheck",
            "--convert-to", FILTERS.get(naar, naar), "--outdir", str(map_), *map(str, bestanden),
        ]
        # Its own process group, ended with this run however it ends (`kindproces`).
        with kindproces.gestart(opdracht, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "SAL_USE_VCLPLUGIN": "svp"}) as proces:
            try:
                uit, fout = proces.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                raise HerberekenFout(
                    f"LibreOffice reageerde niet binnen {timeout:.0f} seconden bij het herberekenen "
                    f"van {', '.join(p.name for p in bestanden)}"
                ) from None
    extensie = naar.split(":")[0]
    resultaten = [map_ / f"{p.stem}.{extensie}" for p in bestanden]
    ontbreekt = [r.name for r in resultaten if not r.exists()]
    if proces.returncode != 0 or ontbreekt:
        raise HerberekenFout(
            f"LibreOffice kon {', '.join(ontbreekt) or 'de bestanden'} niet maken "
            f"(uitgangscode {proces.returncode}{_melding(fout or uit)})"
        )
    return resultaten


# LibreOffice's own English messages, as a user reads them.
_LO_MELDINGEN = {
    "source file could not be loaded": "het bestand kon niet worden geopend (beschadigd of geen werkmap?)",
    "no export filter": "geen exportfilter voor dit bestandstype",
    "please reverify input parameters": "ongeldige opdracht",
}


def _melding(tekst: str) -> str:
    """': <Dutch>' for a known LibreOffice message in `tekst`, else '' (never its English)."""
    klein = tekst.lower()
    for engels, nederlands in _LO_MELDINGEN.items():
        if engels in klein:
            return f": {nederlands}"
    return ""
