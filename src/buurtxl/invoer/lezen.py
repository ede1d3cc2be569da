"""Read an input file or a folder of application forms into validated applications.

`lees` is the one entry point. It first looks at the raw file (`_voorcontrole`: the place for checks
that must run before any parser touches the bytes), then hands the file to the reader for its type;
validation itself is `invoer.valideer`, so the rules for a cell live in one place. The readers:
`tekstbestand` (CSV, tab-separated text), `werkmapbestand` (a workbook), `formuliermap` (one form or a
folder of forms); what they share is in `bestand` and `rijen`.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from ..model import Probleem
from ..regeling import Regeling
from . import formulier, werkblad
from .bestand import EXCEL, OMZETTEN, TEKST, _omgezet_melding, _onleesbaar, _strict_melding, _voorcontrole, omgezet
from .contract import Invoer
from .formuliermap import formulieren, lees_formulier, lees_map
from .tekstbestand import decodeer, lees_csv_tekst
from .werkmapbestand import lees_xlsx

CSV = TEKST  # older name

# The readers' entry points, one import away for the command line and the tests.
__all__ = ["CSV", "EXCEL", "OMZETTEN", "TEKST", "decodeer", "formulieren", "lees", "lees_csv_tekst", "lees_formulier",
           "lees_map", "lees_xlsx", "omgezet"]


def lees(
    pad: str | Path,
    regeling: Regeling,
    *,
    blad: str | None = None,
    zonder_verborgen: bool = False,
    voortgang: Callable[[], None] | None = None,
) -> Invoer:
    """Read and validate a CSV or tab-separated file, an Excel workbook or a folder of forms.

    Never raises for a user's file: everything wrong comes back as `Invoer.problemen`, each naming
    the file (and sheet, row, column where there is one). `zonder_verborgen` leaves hidden rows
    out (they are always named); `voortgang` is called after each form of a folder.
    """
    # openpyxl warns in English (and with its own file paths) about what it does not keep: sparklines,
    # x14 validation, slicers, … None of that touches the values read here; what would is said in Dutch.
    with warnings.catch_warnings(record=True) as gevangen:
        warnings.simplefilter("always")
        invoer = _lees(Path(pad), regeling, blad=blad, zonder_verborgen=zonder_verborgen, voortgang=voortgang)
    invoer.problemen += _openpyxl_meldingen(gevangen, Path(pad).name)
    return invoer


# openpyxl's warning that something it read is left out (its message has '0' where the sheet's name
# should be, so the sheet cannot be named).
_WEGGELATEN = re.compile(r"File contains an invalid specification for .*\. This will be removed")


def _openpyxl_meldingen(gevangen: Sequence[warnings.WarningMessage], naam: str) -> list[Probleem]:
    if any(_WEGGELATEN.search(str(w.message)) for w in gevangen):
        return [Probleem("de werkmap beschrijft een blad onvolledig (zonder verwijzing naar zijn inhoud); dat "
                         "blad is niet gelezen", naam, ernst="waarschuwing")]
    return []


def _lees(pad: Path, regeling: Regeling, *, blad: str | None, zonder_verborgen: bool,
          voortgang: Callable[[], None] | None) -> Invoer:
    if pad.is_dir():
        return lees_map(pad, regeling, voortgang=voortgang)
    # A workbook's worksheets are checked one by one as they are read (`werkblad`): a 30 MB ledger
    # beside 'Aanvragen' is not parsed at all.
    probleem = _voorcontrole(pad, toegestaan=TEKST + EXCEL + OMZETTEN, werkbladen=False)
    if probleem:
        return Invoer(problemen=[probleem], bronnen=[pad.name])
    if pad.suffix.lower() in TEKST:
        try:
            data = pad.read_bytes()
        except OSError as fout:
            return _onleesbaar(pad, fout)
        tekst = decodeer(data, pad.name)
        if isinstance(tekst, Probleem):
            return Invoer(problemen=[tekst], bronnen=[pad.name])
        return lees_csv_tekst(tekst, regeling, bestand=pad.name, tab=pad.suffix.lower() == ".tsv")
    strict = pad.suffix.lower() in EXCEL and werkblad.is_strict(pad)  # read through LibreOffice too
    if pad.suffix.lower() in OMZETTEN or strict:
        with omgezet([pad]) as (paden, problemen):
            if problemen:
                return Invoer(problemen=problemen, bronnen=[pad.name])
            if formulier.is_formulier(paden[pad]):
                invoer = lees_formulier(paden[pad], regeling, naam=pad.name)
            else:
                invoer = lees_xlsx(paden[pad], regeling, blad=blad, zonder_verborgen=zonder_verborgen,
                                   naam=pad.name)
            invoer.problemen.insert(0, _strict_melding(pad.name) if strict else _omgezet_melding(pad.name))
            return invoer
    wm = _open(pad)  # one reading of the workbook for both questions (its strings are read once)
    if formulier.is_formulier(pad, wm):  # one application form, checked as a form (and whole)
        if wm is not None:
            wm.close()
        probleem = _voorcontrole(pad, toegestaan=EXCEL)
        return lees_formulier(pad, regeling) if probleem is None else Invoer(problemen=[probleem], bronnen=[pad.name])
    return lees_xlsx(pad, regeling, blad=blad, zonder_verborgen=zonder_verborgen, werkmap=wm)


def _open(pad: Path) -> werkblad.Werkmap | None:
    """The workbook opened for reading, or None (`lees_xlsx` then opens it and says what is wrong)."""
    try:
        return werkblad.open_werkmap(pad)
    except Exception:
        return None
