"""The Ondersteuning sheet: the support expenses (§8) as yellow input rows, their total, and what
is left of the planned support budget (`budget.ondersteuning`); see `buurtxl.ondersteuning`."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.worksheet.worksheet import Worksheet

from ..model import BuurtxlFout
from ..regeling import bronnen
from ..regels.ondersteuning import Uitgave
from . import stijl
from .formules import p
from .namen import ref

KOP_RIJ = 4
EERSTE_RIJ = KOP_RIJ + 1
LEGE_RIJEN = 25  # room for expenses added in the workbook itself (the sheet is protected)
SAMENVATTING = (
    ("gepland", "Ondersteuning volgens besluit"),
    ("besteed", "Besteed aan ondersteuning"),
    ("over", "Over (gepland − besteed)"),
)


def laatste_rij(aantal: int) -> int:
    return EERSTE_RIJ + aantal + LEGE_RIJEN - 1


def cellen(titel: str) -> dict[str, str]:
    """References to the summary cells, for the Begroting's budget block."""
    return {key: ref(titel, f"F{KOP_RIJ + i}") for i, (key, _) in enumerate(SAMENVATTING, start=1)}


def schrijf(ws: Worksheet, uitgaven: Sequence[Uitgave]) -> None:
    stijl.schrijf_tekst(ws["A1"], f"Ondersteuning ({bronnen.BUDGET})", "bx titel")
    stijl.schrijf_tekst(
        ws["A2"],
        "Uitgaven van de overleggroep ondersteuning. Gele cellen zijn invoer; vul lege rijen aan.",
        "bx noot",
    )
    for kolom, (kop, breedte) in enumerate((("Datum", 13), ("Omschrijving", 50), ("Bedrag", 15)), start=1):
        stijl.schrijf_tekst(ws.cell(KOP_RIJ, kolom), kop, "bx kop")
        ws.column_dimensions["ABC"[kolom - 1]].width = breedte
    laatste = laatste_rij(len(uitgaven))
    for rij in range(EERSTE_RIJ, laatste + 1):
        uitgave = uitgaven[rij - EERSTE_RIJ] if rij - EERSTE_RIJ < len(uitgaven) else None
        stijl.schrijf_getal(ws.cell(rij, 1), uitgave.datum if uitgave else None, "bx invoer")
        ws.cell(rij, 1).number_format = stijl.DATUM
        stijl.schrijf_tekst(ws.cell(rij, 2), uitgave.omschrijving if uitgave else None, "bx invoer tekst")
        stijl.schrijf_getal(ws.cell(rij, 3), uitgave.bedrag if uitgave else None, "bx invoer euro")
    ws.column_dimensions["E"].width = 32
    ws.column_dimensions["F"].width = 15
    formule = {
        "gepland": p("budget.ondersteuning"),
        "besteed": f"SUM(C{EERSTE_RIJ}:C{laatste})",
        "over": f"F{KOP_RIJ + 1}-F{KOP_RIJ + 2}",
    }
    stijl.schrijf_tekst(ws[f"E{KOP_RIJ}"], "Budget ondersteuning", "bx kop")
    stijl.schrijf_tekst(ws[f"F{KOP_RIJ}"], "Bedrag", "bx kop")
    for i, (key, label) in enumerate(SAMENVATTING, start=1):
        stijl.schrijf_tekst(ws[f"E{KOP_RIJ + i}"], label, "bx tekst")
        stijl.schrijf_formule(ws[f"F{KOP_RIJ + i}"], formule[key], "bx euro totaal" if key == "over" else "bx euro")
    ws.freeze_panes = ws.cell(EERSTE_RIJ, 1)
    ws.print_area = f"A1:F{laatste}"


def bewaarde_uitgaven(wb, eigen: dict[str, str]) -> list[Uitgave] | None:
    """The expenses on our Ondersteuning sheet of `wb` (None without one), so rewriting the
    workbook never loses what was typed there; a row we cannot read stops with its place named."""
    from ..regels.ondersteuning import valideer

    titel = next((t for t, rol in eigen.items() if rol == "ondersteuning"), None)
    if titel is None:
        return None
    ws = wb[titel]
    rijen = [(r, [ws.cell(r, k).value for k in (1, 2, 3)]) for r in range(EERSTE_RIJ, ws.max_row + 1)]
    gelezen = valideer([(KOP_RIJ, ["datum", "omschrijving", "bedrag"]), *rijen], "werkmap", titel)
    if gelezen.problemen:
        raise OndersteuningFout("; ".join(str(p) for p in gelezen.problemen))
    return gelezen.uitgaven


class OndersteuningFout(BuurtxlFout, ValueError):
    """An expense on the Ondersteuning sheet cannot be read back (message in Dutch)."""
