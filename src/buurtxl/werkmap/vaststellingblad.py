"""The Vaststelling sheet: the settlement after the year, one row per buurt, as live formulas.

What was granted (basissubsidie, toeslag percentage, supplement) and `besteed` are read from the
buurt's row on the Begroting, so each planning input keeps one place. The settlement's own inputs
(toeslag besteed, supplement besteed, betaald) are yellow input cells here. The results restate
`buurtxl.vaststelling` over the regeling's names (`Vaststelling_Lager_Naar_Besteed`,
`Vaststelling_Terugvorderen`); the LibreOffice tests hold them equal to it to the cent.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..model import Aanvraag
from ..regeling import bronnen
from ..regels.vaststelling import AWB_LAGER, AWB_TERUG, SaldoStatus
from ..velden import veld
from . import begroting, buurtblad, formules, stijl
from .formules import p
from .namen import ref
from .validatie import validatie

KOP_RIJ = 5
EERSTE_RIJ = KOP_RIJ + 1
INVOER = ("toeslag_besteed", "supplement_besteed", "betaald")
LEEG = "invoer; leeg = ontbreekt (niet € 0)"

# (key, header, style, width, explanation for the legend)
KOLOMMEN = (
    ("buurt", "Buurt", "bx tekst", 26, ""),
    ("huishoudens", "Huishoudens", "bx aantal", 12, ""),
    ("buurtscore", "Buurtscore", "bx score", 11, ""),
    ("basissubsidie", "Basissubsidie verleend", "bx euro", 14, bronnen.BASISSUBSIDIE),
    ("besteed", "Besteed", "bx euro", 14, "invoer op het blad van de buurt"),
    ("toeslag_aangevraagd", "Toeslag aangevraagd", "bx euro", 14,
     f"aanvraag; leeg = niet aangevraagd ({bronnen.BUDGET})"),
    ("toeslag_verleend", "Toeslag verleend", "bx euro", 14, f"{bronnen.TOESLAG}: alleen na een aanvraag"),
    ("toeslag_besteed", "Toeslag besteed", "bx invoer euro", 14, LEEG),
    ("supplement_verleend", "Supplement verleend", "bx euro", 14, bronnen.SUPPLEMENT),
    ("supplement_besteed", "Supplement besteed", "bx invoer euro", 14, LEEG),
    ("betaald", "Betaald", "bx invoer euro", 14, "invoer: betaald, voorschotten inbegrepen; leeg = ontbreekt"),
    ("vastgesteld_basissubsidie", "Vastgesteld basissubsidie", "bx euro", 14, AWB_LAGER),
    ("vastgesteld_toeslag", "Vastgesteld toeslag", "bx euro", 14, f"{AWB_LAGER}; pas als alles besteed is"),
    ("vastgesteld_supplement", "Vastgesteld supplement", "bx euro", 14, AWB_LAGER),
    ("vastgesteld_totaal", "Vastgesteld totaal", "bx euro totaal", 14, "leeg zolang een onderdeel open is"),
    ("saldo", "Saldo", "bx euro totaal", 14, "vastgesteld − betaald"),
    ("saldo_status", "Status", "bx status", 16, AWB_TERUG),
    ("ontbreekt", "Ontbreekt", "bx tekst", 22, "wat nog ingevuld moet worden"),
    ("open_verleend", "Verleend, nog open", "bx euro", 14, "verleend voor de open onderdelen"),
)
LETTER = {key: get_column_letter(i) for i, (key, *_) in enumerate(KOLOMMEN, start=1)}
_SOM = ("basissubsidie", "besteed", "toeslag_verleend", "toeslag_besteed", "supplement_verleend",
        "supplement_besteed", "betaald", "vastgesteld_basissubsidie", "vastgesteld_toeslag",
        "vastgesteld_supplement", "vastgesteld_totaal", "saldo", "open_verleend")
TOTALEN = (
    ("vastgesteld_totaal", "Vastgesteld totaal"),
    ("betaald", "Betaald"),
    ("nabetalen", "Nog te betalen"),
    ("terugvorderen", "Terug te vorderen"),
    ("open_aantal", "Nog niet vastgesteld (buurten)"),
    ("open_verleend", "Verleend, nog open"),
)


def heeft_vaststelling(aanvragen: Sequence[Aanvraag]) -> bool:
    """Settlement data present: a buurtnetwerk's own workbook then gets this sheet (the
    consolidated budget workbook always has it, with empty input cells to fill after the year)."""
    return any(getattr(a, k) is not None for a in aanvragen for k in INVOER)


def _s(tekst: str) -> str:
    return '"' + tekst.replace('"', '""') + '"'


def rij_formules(c: dict[str, str], modus: str = "native") -> dict[str, str]:
    """The settlement of one row, `c` mapping a column key to its cell (see `vaststelling`). An
    empty spent or paid amount leaves its part, the total and the saldo empty: ontbreekt."""
    lager = p("vaststelling.lager_naar_besteed")
    basis, besteed, betaald = c["basissubsidie"], c["besteed"], c["betaald"]
    t_verleend, s_verleend = c["toeslag_verleend"], c["supplement_verleend"]
    t_besteed, s_besteed = c["toeslag_besteed"], c["supplement_besteed"]
    v_basis, v_toeslag, v_supplement = (c[f"vastgesteld_{k}"] for k in ("basissubsidie", "toeslag", "supplement"))

    def naar_besteed(verleend: str, uitgegeven: str) -> str:
        return f"IF({lager},MIN({verleend},{uitgegeven}),{verleend})"

    pct = formules.toeslag_percentage({"huishoudens": c["huishoudens"]}, modus)
    maximum = f"ROUND({basis}*{pct},2)"
    ontbreekt = "&".join((
        f'IF({besteed}="",", besteed","")',
        f'IF(AND({t_verleend}>0,{t_besteed}="",OR({besteed}="",{besteed}>={basis})),", toeslag besteed","")',
        f'IF(AND({s_verleend}>0,{s_besteed}=""),", supplement besteed","")',
        f'IF({betaald}="",", betaald","")',
    ))
    return {
        # §3.4 punt 2, §8: granted only when applied for (`toeslag.op_aanvraag`), at most the maximum.
        "toeslag_verleend": (
            f'IF({c["huishoudens"]}="",0,IF({pct}=0,0,IF({c["toeslag_aangevraagd"]}="",'
            f'IF({p("toeslag.op_aanvraag")},0,{maximum}),MIN({c["toeslag_aangevraagd"]},{maximum}))))'
        ),
        "vastgesteld_basissubsidie": f'IF({besteed}="","",{naar_besteed(basis, besteed)})',
        "vastgesteld_toeslag": (
            f'IF({t_verleend}=0,0,IF({besteed}="","",IF({besteed}<{basis},0,'
            f'IF({t_besteed}="","",{naar_besteed(t_verleend, t_besteed)}))))'
        ),
        "vastgesteld_supplement": f'IF({s_verleend}=0,0,IF({s_besteed}="","",{naar_besteed(s_verleend, s_besteed)}))',
        "vastgesteld_totaal": (
            f'IF(OR({v_basis}="",{v_toeslag}="",{v_supplement}=""),"",{v_basis}+{v_toeslag}+{v_supplement})'
        ),
        "saldo": f'IF(OR({c["vastgesteld_totaal"]}="",{betaald}=""),"",ROUND({c["vastgesteld_totaal"]}-{betaald},2))',
        "saldo_status": (
            f'IF({c["saldo"]}="",{_s(SaldoStatus.ONTBREEKT)},'
            f'IF({c["saldo"]}>0,{_s(SaldoStatus.NABETALEN)},IF({c["saldo"]}<0,'
            f'IF({p("vaststelling.terugvorderen")},{_s(SaldoStatus.TERUGVORDEREN)},'
            f'{_s(SaldoStatus.NIET_TERUGVORDEREN)}),{_s(SaldoStatus.SLUITEND)})))'
        ),
        # The list without its leading ", " (no literal but 2: the rules' numbers live on sheet Regeling).
        "ontbreekt": f'IF({ontbreekt}="","",RIGHT({ontbreekt},LEN({ontbreekt})-2))',
        "open_verleend": (
            f'IF({v_basis}="",{basis},0)+IF({v_toeslag}="",{t_verleend},0)+IF({v_supplement}="",{s_verleend},0)'
        ),
    }


def schrijf(ws: Worksheet, aanvragen: Sequence[Aanvraag], begroting_titel: str, buurten: Sequence[str],
            modus: str = "native") -> None:
    """Write the sheet; row i settles the buurt on row i of the Begroting table (and of buurt sheet
    `buurten[i]`; without buurt sheets the Begroting's rows hold the input)."""
    met_bladen = bool(buurten)
    stijl.schrijf_tekst(ws["A1"], "Vaststelling na afloop van het jaar", "bx titel")
    stijl.schrijf_tekst(
        ws["A2"],
        "Gele cellen zijn invoer. Verleend en besteed komen van de Begroting en de bladen per buurt; "
        f"elk onderdeel wordt vastgesteld op wat besteed is, nooit hoger dan verleend ({AWB_LAGER}); "
        f"te veel betaald wordt teruggevorderd ({AWB_TERUG}). Een lege cel is 'ontbreekt', geen € 0: dat "
        "onderdeel blijft open. Keuzes: blad Regeling, 'vaststelling'.",
        "bx noot",
    )
    # Wrapped within the first printed page (the columns up to 'Toeslag besteed'): a long
    # one-line note ran on into the next page of columns, cut mid-word.
    breed = [kolom for kolom, (key, *_) in enumerate(KOLOMMEN, start=1) if key == "toeslag_besteed"][0]
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=breed)
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    stijl.rijhoogte(ws, 2, (ws["A2"].value, sum(k[3] for k in KOLOMMEN[:breed])))
    legenda = []
    for kolom, (key, kop, _, breedte, uitleg) in enumerate(KOLOMMEN, start=1):
        if key == "besteed":  # where the clerk types it: the buurt's sheet, or the Begroting's row
            uitleg = uitleg if met_bladen else f"invoer op blad {begroting_titel}"
        # Wrapped in its own column: a one-line note was cut by the next column's note.
        stijl.schrijf_tekst(ws.cell(KOP_RIJ - 1, kolom), uitleg or None, "bx uitleg")
        stijl.schrijf_tekst(ws.cell(KOP_RIJ, kolom), kop, "bx kop")
        ws.column_dimensions[get_column_letter(kolom)].width = breedte
        legenda.append((uitleg, breedte))
    stijl.rijhoogte(ws, KOP_RIJ - 1, *legenda)
    ws.row_dimensions[KOP_RIJ].height = 32

    bron = {k: begroting.kolom_letter(k, met_bladen) for k in
            ("buurt", "huishoudens", "buurtscore", "besteed", "basissubsidie", "toeslag_communicatie",
             "supplement_kwetsbaar")}
    laatste = EERSTE_RIJ + len(aanvragen) - 1
    validaties = {k: validatie(veld(k)) for k in INVOER}
    for dv in validaties.values():
        ws.add_data_validation(dv)
    for i, aanvraag in enumerate(aanvragen):
        rij = EERSTE_RIJ + i
        b = {k: ref(begroting_titel, f"{letter}{begroting.EERSTE_RIJ + i}") for k, letter in bron.items()}
        # The toeslag request is not a Begroting column when there are buurt sheets: read it there.
        b["toeslag_aangevraagd"] = (ref(buurten[i], buurtblad.invoercel("toeslag_aangevraagd")) if met_bladen else
                                    ref(begroting_titel, f"{begroting.kolom_letter('toeslag_aangevraagd', False)}"
                                                         f"{begroting.EERSTE_RIJ + i}"))
        c = {key: f"{LETTER[key]}{rij}" for key, *_ in KOLOMMEN}
        formule = {
            "buurt": b["buurt"],
            "huishoudens": f'IF({b["huishoudens"]}="","",{b["huishoudens"]})',
            "buurtscore": f'IF({b["buurtscore"]}="","",{b["buurtscore"]})',
            "basissubsidie": b["basissubsidie"],
            "besteed": f'IF({b["besteed"]}="","",{b["besteed"]})',
            "toeslag_aangevraagd": f'IF({b["toeslag_aangevraagd"]}="","",{b["toeslag_aangevraagd"]})',
            "supplement_verleend": b["supplement_kwetsbaar"],
            **rij_formules(c, modus),
        }
        for key, _, celstijl, *_ in KOLOMMEN:
            cel = ws[c[key]]
            if key in INVOER:
                stijl.schrijf_getal(cel, getattr(aanvraag, key), celstijl)
                validaties[key].add(cel)
            else:
                stijl.schrijf_formule(cel, formule[key], celstijl)
    _totalen(ws, laatste)
    ws.freeze_panes = ws.cell(EERSTE_RIJ, 2)
    ws.print_title_rows = f"{KOP_RIJ}:{KOP_RIJ}"
    ws.print_title_cols = "A:A"  # every page of columns names its buurten (issue 22)
    ws.page_setup.orientation = "landscape"


def _totalen(ws: Worksheet, laatste: int) -> None:
    totaalrij = laatste + 1
    stijl.schrijf_tekst(ws.cell(totaalrij, 1), "Totaal", "bx label")
    for key in _SOM:
        kolom = LETTER[key]
        stijl.schrijf_formule(ws[f"{kolom}{totaalrij}"], f"SUM({kolom}{EERSTE_RIJ}:{kolom}{laatste})", "bx euro totaal")
    status, saldo = (f"{LETTER[k]}{EERSTE_RIJ}:{LETTER[k]}{laatste}" for k in ("saldo_status", "saldo"))
    formule = {
        "vastgesteld_totaal": f"{LETTER['vastgesteld_totaal']}{totaalrij}",
        "betaald": f"{LETTER['betaald']}{totaalrij}",
        "nabetalen": f'SUMIF({status},{_s(SaldoStatus.NABETALEN)},{saldo})',
        "terugvorderen": f'-SUMIF({status},{_s(SaldoStatus.TERUGVORDEREN)},{saldo})',
        "open_aantal": f'COUNTIF({status},{_s(SaldoStatus.ONTBREEKT)})',
        "open_verleend": f"{LETTER['open_verleend']}{totaalrij}",
    }
    for i, (key, label) in enumerate(TOTALEN, start=totaalrij + 2):
        stijl.schrijf_tekst(ws.cell(i, 1), label, "bx label")
        stijl.schrijf_formule(ws.cell(i, 2), formule[key], "bx aantal" if key == "open_aantal" else "bx euro totaal")
    ws.print_area = f"A1:{get_column_letter(len(KOLOMMEN))}{totaalrij + 1 + len(TOTALEN)}"


def totaalcel(key: str, aantal: int) -> str:
    """Where a total of `TOTALEN` stands on a sheet of `aantal` buurten (for tests and readers)."""
    totaalrij = EERSTE_RIJ + aantal
    return f"B{totaalrij + 2 + [k for k, _ in TOTALEN].index(key)}"


# The settlement block on a buurt sheet: the buurt's row of the Vaststelling sheet, one line per
# item, so the sheet (or the per-buurt workbook) can be sent to the buurtnetwerk as its settlement.
# It stands below everything else on the sheet (the calculation, the Redenen, the applicant's
# Toelichting), never over it.
BLOK_KOP = "Vaststelling na afloop van het jaar"
BLOK = (
    ("besteed", "Besteed (basissubsidie)", bronnen.BASISSUBSIDIE),
    ("toeslag_besteed", "Toeslag besteed", bronnen.TOESLAG),
    ("supplement_besteed", "Supplement besteed", bronnen.SUPPLEMENT),
    ("betaald", "Betaald (voorschotten inbegrepen)", ""),
    ("vastgesteld_basissubsidie", "Vastgesteld basissubsidie", AWB_LAGER),
    ("vastgesteld_toeslag", "Vastgesteld toeslag", AWB_LAGER),
    ("vastgesteld_supplement", "Vastgesteld supplement", AWB_LAGER),
    ("vastgesteld_totaal", "Vastgesteld totaal", ""),
    ("saldo", "Saldo (vastgesteld − betaald)", ""),
    ("saldo_status", "Nabetalen of terugvorderen", AWB_TERUG),
    ("ontbreekt", "Ontbreekt nog", ""),
)


def blok_rijen(eerste: int) -> dict[str, int]:
    """Rows of the block's lines when its heading stands on row `eerste`."""
    return {key: rij for rij, (key, *_) in enumerate(BLOK, start=eerste + 1)}


def blok_kop(ws: Worksheet) -> int | None:
    """The row of the block's heading on buurt sheet `ws` (None: no block), for readers and tests."""
    for rij in range(1, ws.max_row + 1):
        if ws.cell(rij, 1).value == BLOK_KOP:
            return rij
    return None


def schrijf_blok(ws: Worksheet, vaststelling_titel: str, rij: int) -> int:
    """The settlement block on buurt sheet `ws`, two rows below what the sheet holds, reading row
    `rij` of the Vaststelling sheet (every amount is computed there, once); returns its first row."""
    eerste = ws.max_row + 2
    stijl.schrijf_tekst(ws.cell(eerste, 1), BLOK_KOP, "bx kop")
    for kolom in (2, 3, 4):
        stijl.schrijf_tekst(ws.cell(eerste, kolom), None, "bx kop")
    for key, label, bron in BLOK:
        r = blok_rijen(eerste)[key]
        bronref = ref(vaststelling_titel, f"{LETTER[key]}{rij}")
        stijl.schrijf_tekst(ws.cell(r, 1), label, "bx label")
        celstijl = "bx status" if key == "saldo_status" else "bx tekst" if key == "ontbreekt" else "bx euro"
        if key in ("vastgesteld_totaal", "saldo"):
            celstijl = "bx euro totaal"
        stijl.schrijf_formule(ws.cell(r, 2), f'IF({bronref}="","",{bronref})', celstijl)
        uitleg = "Invoer op blad Vaststelling" if key in INVOER else "Berekend op blad Vaststelling"
        if key == "besteed":  # typed on this sheet (the Vaststelling sheet reads it from here)
            uitleg = "Invoer op dit blad (Besteed, hierboven)"
        elif key in ("vastgesteld_basissubsidie", "vastgesteld_toeslag", "vastgesteld_supplement"):
            uitleg += "; leeg zolang besteed ontbreekt"
        stijl.schrijf_tekst(ws.cell(r, 3), uitleg, "bx uitleg")
        stijl.schrijf_tekst(ws.cell(r, 4), bron or None, "bx tekst")
        # 'Awb art. 4:46 lid 2' wraps in the narrow Bron column: room for it, or it prints over the next line.
        stijl.rijhoogte(ws, r, (uitleg, buurtblad.UITLEG_BREEDTE), (bron, ws.column_dimensions["D"].width or 13))
    ws.print_area = f"A1:D{eerste + len(BLOK)}"
    return eerste
