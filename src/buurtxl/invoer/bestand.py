"""What every reader of a file shares: the accepted file types, the checks on the raw file before any
parser touches it (`_voorcontrole`, ending with `voorcontrole`'s hostile-file checks), the conversion
by LibreOffice (`omgezet`) and what a damaged workbook makes openpyxl raise."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from openpyxl.utils.exceptions import InvalidFileException

from .. import herberekenen
from ..model import Probleem
from . import voorcontrole, werkblad
from .contract import Invoer

TEKST = voorcontrole.TEKSTBESTANDEN
EXCEL = voorcontrole.WERKMAPPEN
OMZETTEN = (".xls", ".ods")  # read after LibreOffice has converted them to .xlsx
# What a damaged or foreign workbook makes openpyxl raise.
# (IndexError, AttributeError and ElementTree's ParseError, a SyntaxError, came out of a fuzz of
# damaged workbooks: tests/test_fuzz.py.)
WERKMAP_FOUTEN = (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError,
                  IndexError, AttributeError, SyntaxError)
_VEROUDERD = (
    "de werkmap markeert de opgeslagen uitkomsten van haar formules als verouderd (gemaakt door een "
    "programma en niet door Excel bewaard; XlsxWriter bewaart bijvoorbeeld 0 als uitkomst)"
)
_OPNIEUW_OPSLAAN = (
    "open het bestand in Excel en sla het op (dan bewaart Excel de uitkomsten), of installeer LibreOffice"
)


def _voorcontrole(pad: Path, *, toegestaan: Sequence[str], naam: str | None = None,
                 werkbladen: bool = True) -> Probleem | None:
    """Checks on the raw file before any parser reads it, ending with `voorcontrole`'s hostile-file checks."""
    if not pad.exists():
        return Probleem("bestand niet gevonden", naam or str(pad))
    if not pad.is_file():
        return Probleem("dit is geen gewoon bestand", naam or str(pad))
    if pad.suffix.lower() not in toegestaan:
        soorten = ", ".join(toegestaan)
        return Probleem(
            f"bestandstype '{pad.suffix or '(geen)'}' wordt niet ondersteund; gebruik {soorten}",
            naam or pad.name,
        )
    probleem = voorcontrole.controleer(pad, werkbladen=werkbladen)
    return replace(probleem, bestand=naam) if probleem and naam else probleem


def _onleesbaar(pad: Path, fout: BaseException) -> Invoer:
    reden = getattr(fout, "strerror", None) or fout.__class__.__name__
    return Invoer(
        problemen=[Probleem(f"kan het bestand niet lezen ({reden})", pad.name)], bronnen=[pad.name]
    )


@contextmanager
def omgezet(
    paden: Sequence[Path], naar: str = "xlsx", *, namen: Mapping[Path, str] | None = None
) -> Iterator[tuple[dict[Path, Path], list[Probleem]]]:
    """`paden` converted (and recalculated) by LibreOffice into temporary .xlsx files, in one run.

    Without LibreOffice, or when it fails, every file is named in a problem (by `namen`, else its
    file name): nothing is skipped."""
    naam = (lambda p: namen[p]) if namen else (lambda p: p.name)
    if not paden:  # LibreOffice started without files waits forever
        yield {}, []
        return
    with tempfile.TemporaryDirectory(prefix="buurtxl-omzetten-") as tmp:
        bron, uit = Path(tmp) / "in", Path(tmp) / "uit"
        bron.mkdir()
        kopie = {}
        for i, pad in enumerate(paden):  # unique names: 'aanvraag.xls' may sit in two folders
            kopie[pad] = bron / f"{i}{pad.suffix.lower()}"
            shutil.copyfile(pad, kopie[pad])
        if herberekenen.soffice() is None:
            yield {}, [Probleem(
                f"een {p.suffix.lower()}-bestand kan buurtxl alleen lezen met LibreOffice, dat niet is "
                "geïnstalleerd; installeer LibreOffice of sla het bestand op als .xlsx (Excel-werkmap)"
                if p.suffix.lower() in OMZETTEN else
                f"buurtxl kan deze werkmap alleen lezen met LibreOffice, dat niet is geïnstalleerd; {werkblad.STRICT}"
                if werkblad.is_strict(p) else
                f"formules zonder opgeslagen uitkomst; {_OPNIEUW_OPSLAAN}", naam(p)) for p in paden]
            return
        try:
            herberekenen.converteer(list(kopie.values()), uit, naar)
        except herberekenen.HerberekenFout:
            pass  # each missing result is named below
        resultaat = {p: uit / f"{k.stem}.{naar}" for p, k in kopie.items()}
        problemen = [Probleem("LibreOffice kon dit bestand niet omzetten naar .xlsx; sla het op als "
                              ".xlsx (Excel-werkmap)", naam(p))
                     for p, r in resultaat.items() if not r.exists()]
        yield {p: r for p, r in resultaat.items() if r.exists()}, problemen


def _strict_melding(naam: str) -> Probleem:
    return Probleem(f"gelezen na omzetten naar .xlsx met LibreOffice; {werkblad.STRICT}", naam, ernst="waarschuwing")


def _omgezet_melding(naam: str) -> Probleem:
    return Probleem("gelezen na omzetten naar .xlsx met LibreOffice", naam, ernst="waarschuwing")
