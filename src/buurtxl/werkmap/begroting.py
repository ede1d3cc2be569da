"""The Begroting tab's layout and its budget block: where the header, the table's rows and columns
and the blocks beside the table are (read by the sheet writer `begrotingblad`, the Vaststelling sheet
and the tests), the totals block and the §8 block with a coloured status, the support lines and the
counts of the groups (§3.1).
"""

from __future__ import annotations

from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..model import BudgetStatus
from ..regeling import bronnen
from ..velden import AANVRAAGVELDEN
from . import buurtblad, formules as f, stijl
from .namen import parameternaam

KOP_RIJ = 4
EERSTE_RIJ = KOP_RIJ + 1
TABELNAAM = "Begrotingstabel"

# (key, header, style, width). Keys name a field of `model.Resultaat` where there is one.
# The buurt's name again where a printed page of columns begins (Excel prints the same title
# columns on every page, which put buurt names beside the budget block): see `_afdrukken`.
HERHAALD = ("buurt_vervolg", "buurt_vervolg_2")
UITKOMSTEN = (
    ("buurt_vervolg", "Buurt (vervolg)", "bx tekst", 20),
    ("basissubsidie", "Basissubsidie", "bx euro", 16),
    ("toeslag_percentage", "Toeslag %", "bx procent", 10),
    ("toeslag_communicatie", "Toeslag communicatie", "bx euro", 15),
    ("toeslag_status", "Status toeslag", "bx status", 23),
    ("supplement_kwetsbaar", "Supplement kwetsbaar", "bx euro", 15),
    ("supplement_status", "Status supplement", "bx status", 14),
    ("totaal", "Totaal", "bx euro totaal", 15),
    ("buurt_vervolg_2", "Buurt (vervolg 2)", "bx tekst", 20),
    ("onzeker", "Onzeker", "bx euro", 13),
    ("controle", "Controle", "bx tekst", 24),
)
KOLOMMEN_BLADEN = (
    ("buurt", "Buurt", "bx link", 28),
    ("buurtcode", "Buurtcode", "bx tekst", 14),
    ("huishoudens", "Huishoudens", "bx aantal", 14),
    ("buurtscore", "Buurtscore", "bx score", 13),
    # What the group is (§3.1), read from the buurt sheet; counted in the budget block.
    ("soort_groep", "Soort groep", "bx tekst", 22),
    ("plan_van_aanpak_ingediend", "Plan van aanpak ingediend", "bx status", 12),
    ("buurtplan_ingediend", "Buurtplan ingediend", "bx datum", 12),
    ("besteed", "Besteed", "bx euro", 15),
    *UITKOMSTEN,
)
KOLOMMEN_INLINE = tuple(
    ("invoer:" + v.sleutel, v.begrotingskop, buurtblad.INVOERSTIJL[v.soort], 28 if v.sleutel == "buurt" else 14)
    for v in AANVRAAGVELDEN
) + UITKOMSTEN

# (key = field of model.Begroting, label, style). The totals block exists for every regeling; the
# §8 block only where the regeling has a budget (2018), and not in a buurtnetwerk's own workbook.
TOTALEN = (
    ("aantal", "Aantal buurtnetwerken i.o.", "bx aantal"),
    ("problemen", "Buurten met FOUT of 'ontbreekt'", "bx aantal"),
    ("totaal_basissubsidie", "Basissubsidie", "bx euro"),
    ("totaal_toeslag", "Toeslag communicatiekosten", "bx euro"),
    ("totaal_supplement", "Supplement kwetsbare buurten", "bx euro"),
    ("totaal_extra", "Extra's (toeslag + supplement)", "bx euro totaal"),
    ("totaal", "Totaal subsidie", "bx euro totaal"),
    ("onzeker", "Onzeker (gegevens ontbreken)", "bx euro"),
)
PARAGRAAF_8 = (
    ("reservering", f"Gereserveerd voor bijstelling en ondersteuning ({bronnen.BUDGET})", "bx euro"),
    ("raming", f"Raming kosten bijstelling ({bronnen.BUDGET})", "bx euro"),
    ("verschil_raming", "Extra's min raming", "bx euro"),
    # The room left in the reservation under its own name; the support budget as decided (€ 20.000,
    # "in overleg met de overleggroep ondersteuning"), not as what happens to be left.
    ("ruimte_ondersteuning", "Ruimte in de reservering (na extra's + onzeker)", "bx euro totaal"),
    ("ondersteuning_gepland", f"Ondersteuning volgens besluit ({bronnen.BUDGET})", "bx euro"),
    ("status", "Status (extra's + onzeker)", "bx status"),
)
BUDGET = TOTALEN + PARAGRAAF_8
_STATUSUITLEG = (
    "Controleer invoer: een buurt heeft FOUT of 'ontbreekt'; de totalen zijn niet volledig.",
    "Binnen plan: de ruimte in de reservering is minstens het ondersteuningsbudget van het besluit.",
    "Krap: de ruimte in de reservering is kleiner dan het ondersteuningsbudget van het besluit.",
    "Overschreden: de extra's plus onzeker zijn meer dan de reservering.",
)
_STATUSKLEUR = {
    BudgetStatus.BINNEN_PLAN: ("C6EFCE", "006100"),
    BudgetStatus.KRAP: ("FFEB9C", "9C5700"),
    BudgetStatus.OVERSCHREDEN: ("FFC7CE", "9C0006"),
    BudgetStatus.CONTROLEER_INVOER: ("FFC7CE", "9C0006"),
}
# Which rows the totals count (one rule for the Table's totals row and the budget block).
TELWIJZE = ("Totalen tellen alle rijen, ook rijen die door een filter verborgen zijn; "
            "rijen met FOUT tellen niet mee.")


def kolommen(met_bladen: bool) -> tuple:
    return KOLOMMEN_BLADEN if met_bladen else KOLOMMEN_INLINE


def kolom_letter(key: str, met_bladen: bool) -> str:
    """The column of `key` in the table: a result where there is one, else the input column."""
    keys = [spec[0] for spec in kolommen(met_bladen)]
    gevonden = key if key in keys else "invoer:" + key
    return get_column_letter(keys.index(gevonden) + 1)


def budget_kolom(met_bladen: bool) -> int:
    """Column (1-based) of the budget block's amounts: right of the table, one column apart."""
    return len(kolommen(met_bladen)) + 3


def budget(met_paragraaf_8: bool) -> tuple:
    return BUDGET if met_paragraaf_8 else TOTALEN


def budget_rijen(met_paragraaf_8: bool = True) -> dict[str, int]:
    return {key: rij for rij, (key, *_) in enumerate(budget(met_paragraaf_8), start=KOP_RIJ + 1)}


def _notities(met_paragraaf_8: bool) -> list[str]:
    """The one-line notes under the budget block."""
    regels = [TELWIJZE.split("; ")[0] + ".",
              "Onzeker: het supplement bij onbekende buurtscore, de hoogste toeslag bij onbekende huishoudens."]
    ondersteuning = [f"Ondersteuning ({bronnen.BUDGET}): het besluit zet dit bedrag in overleg met de "
                     "overleggroep ondersteuning in; de ruimte in de reservering is wat er na de extra's over is."]
    return regels + (list(_STATUSUITLEG) + ondersteuning if met_paragraaf_8 else [])


def _budget(ws: Worksheet, met_bladen: bool, bedrag: dict[str, str], met_paragraaf_8: bool) -> int:
    """The totals block (and the §8 block); returns the last row it uses."""
    kolom = budget_kolom(met_bladen)
    label, waarde = get_column_letter(kolom - 1), get_column_letter(kolom)
    ws.column_dimensions[label].width = 52
    ws.column_dimensions[waarde].width = 16
    kop = f"Budget ({bronnen.BUDGET})" if met_paragraaf_8 else "Totalen"
    stijl.schrijf_tekst(ws[f"{label}{KOP_RIJ}"], kop, "bx kop")
    stijl.schrijf_tekst(ws[f"{waarde}{KOP_RIJ}"], "Bedrag", "bx kop")
    rijen = budget_rijen(met_paragraaf_8)
    c = {key: f"{waarde}{rij}" for key, rij in rijen.items()}
    formule = {
        "aantal": f"ROWS({bedrag['basissubsidie']})",
        "problemen": f'COUNTIF({bedrag["controle"]},"<>{f.IN_ORDE}")',
        "totaal_basissubsidie": f"SUM({bedrag['basissubsidie']})",
        "totaal_toeslag": f"SUM({bedrag['toeslag_communicatie']})",
        "totaal_supplement": f"SUM({bedrag['supplement_kwetsbaar']})",
        "totaal_extra": f"{c['totaal_toeslag']}+{c['totaal_supplement']}",
        "totaal": f"{c['totaal_basissubsidie']}+{c['totaal_extra']}",
        "onzeker": f"SUM({bedrag['onzeker']})",
    }
    if met_paragraaf_8:
        formule |= {
            "reservering": f.p("budget.reservering"),
            "raming": f.p("budget.raming_bijstelling"),
            "verschil_raming": f"{c['totaal_extra']}-{c['raming']}",
            "ruimte_ondersteuning": f"{c['reservering']}-{c['totaal_extra']}-{c['onzeker']}",
            "ondersteuning_gepland": f.p("budget.ondersteuning"),
            "status": f.budget_status(c["problemen"], f"{c['totaal_extra']}+{c['onzeker']}",
                                      c["ruimte_ondersteuning"]),
        }
    for key, tekst, celstijl in budget(met_paragraaf_8):
        stijl.schrijf_tekst(ws[f"{label}{rijen[key]}"], tekst, "bx label" if key == "status" else "bx tekst")
        stijl.schrijf_formule(ws[c[key]], formule[key], celstijl)
    for sleutel in ("problemen", "onzeker"):
        ws.conditional_formatting.add(c[sleutel], CellIsRule(
            operator="greaterThan", formula=["0"], fill=PatternFill("solid", fgColor="FFEB9C", bgColor="FFEB9C"),
            font=Font(bold=True, color="9C5700")))
    onderste = max(rijen.values())
    # One short line each: a wrapped or merged cell would stretch a row of the table beside it.
    melding = (f'IF({c["problemen"]}>0,"Controleer invoer: "&{c["problemen"]}&" buurt(en) met FOUT of '
               f'ontbreekt; die bedragen tellen niet (volledig) mee.","Alle buurten zijn in orde.")')
    stijl.schrijf_formule(ws[f"{label}{onderste + 1}"], melding, "bx noot")
    ws.conditional_formatting.add(f"{label}{onderste + 1}", FormulaRule(
        formula=[f"{c['problemen']}>0"], font=Font(bold=True, italic=False, color="9C0006")))
    regels = _notities(met_paragraaf_8)
    if met_paragraaf_8:
        for status, (achter, voor) in _STATUSKLEUR.items():
            ws.conditional_formatting.add(
                c["status"],
                CellIsRule(operator="equal", formula=[f'"{status.value}"'],
                           fill=PatternFill("solid", fgColor=achter, bgColor=achter),
                           font=Font(bold=True, color=voor)),
            )
    for i, regel in enumerate(regels, start=onderste + 2):
        stijl.schrijf_tekst(ws[f"{label}{i}"], regel, "bx noot")
    return onderste + 1 + len(regels)


# The support budget (issue 14): planned vs. spent, below the status lines when a list is given.
ONDERSTEUNING = (
    ("gepland", f"Ondersteuning volgens besluit ({bronnen.BUDGET})"),
    ("besteed", "Ondersteuning besteed (blad Ondersteuning)"),
    ("over", "Ondersteuning over (gepland − besteed)"),
)


def einde_budget(met_paragraaf_8: bool = True) -> int:
    """The last row of the budget block with its notes (see `_budget`)."""
    return max(budget_rijen(met_paragraaf_8).values()) + 1 + len(_notities(met_paragraaf_8))


def ondersteuning_rijen() -> dict[str, int]:
    eerste = einde_budget() + 2
    return {key: rij for rij, (key, _) in enumerate(ONDERSTEUNING, start=eerste)}


def schrijf_ondersteuning(ws: Worksheet, met_bladen: bool, cellen: dict[str, str]) -> None:
    """The support lines of the budget block, read from the Ondersteuning sheet's summary."""
    kolom = budget_kolom(met_bladen)
    label, waarde = get_column_letter(kolom - 1), get_column_letter(kolom)
    for key, tekst in ONDERSTEUNING:
        rij = ondersteuning_rijen()[key]
        stijl.schrijf_tekst(ws[f"{label}{rij}"], tekst, "bx tekst")
        stijl.schrijf_formule(ws[f"{waarde}{rij}"], cellen[key], "bx euro")


# What the 30 buurten are (§3.1): counted from the table's columns (key, label, column, COUNTIF
# criterion as a formula or a whole formula over {bereik}, section). A group without a plan van
# aanpak still gets the component: counted apart, as `check` warns. The buurten below the
# buurtscore grens stand beside the number §8's estimate counts ("de 9 buurten met veel kwetsbare bewoners").
GROEPEN = (
    ("voormalig", "Voormalige buurtplatforms", "soort_groep", '"voormalig buurtplatform"', bronnen.STAND_VAN_ZAKEN),
    ("nieuw", "Nieuwe bewonersgroepen", "soort_groep", '"nieuwe bewonersgroep"', bronnen.STAND_VAN_ZAKEN),
    ("plan_van_aanpak", "Plan van aanpak ingediend", "plan_van_aanpak_ingediend", '"ja"', bronnen.STAND_VAN_ZAKEN),
    ("plan_van_aanpak_niet", "Plan van aanpak niet ingediend", "plan_van_aanpak_ingediend", '"nee"',
     bronnen.STAND_VAN_ZAKEN),
    # The buurtplan's date against the named due date ("vóór 1 november 2018": on it is late); a
    # 'ja' of input from before the date was asked counts as on time, 'nee' or empty as missing.
    ("buurtplan", "Buurtplan op tijd ingediend", "buurtplan_ingediend",
     'COUNTIF({bereik},"<"&' + parameternaam("buurtplan.indienen_voor") + ')+COUNTIF({bereik},"ja")',
     bronnen.STAND_VAN_ZAKEN),
    ("buurtplan_te_laat", "Buurtplan te laat (op of na de uiterste datum)", "buurtplan_ingediend",
     'COUNTIF({bereik},">="&' + parameternaam("buurtplan.indienen_voor") + ")", bronnen.STAND_VAN_ZAKEN),
    ("buurtplan_ontbreekt", "Buurtplan niet ingediend", "buurtplan_ingediend",
     'COUNTIF({bereik},"nee")+COUNTBLANK({bereik})', bronnen.STAND_VAN_ZAKEN),
    ("kwetsbaar", "Buurten met buurtscore onder de grens", "buurtscore",
     '"<"&' + parameternaam("supplement.buurtscore_grens"), bronnen.SUPPLEMENT),
    ("kwetsbaar_raming", "Kwetsbare buurten in de raming", None, parameternaam("budget.kwetsbare_buurten"),
     bronnen.BUDGET),
)


# Rows that name a parameter only the 2018 regeling has (§8's estimate, the buurtplan's due date).
_ALLEEN_MET_RAMING = {"kwetsbaar_raming", "buurtplan", "buurtplan_te_laat", "buurtplan_ontbreekt"}


def getoond(key: str, met_raming: bool) -> bool:
    """Whether the count `key` of `GROEPEN` is shown for a regeling with (or without) §8's estimate."""
    return met_raming or key not in _ALLEEN_MET_RAMING


def groepen_rijen() -> dict[str, int]:
    eerste = max(ondersteuning_rijen().values()) + 2
    return {key: rij for rij, (key, *_) in enumerate(GROEPEN, start=eerste)}


def schrijf_groepen(ws: Worksheet, met_bladen: bool, laatste: int, met_raming: bool = False) -> None:
    """The counts of the kinds of group and of what was handed in (§3.1), under the budget block;
    `met_raming`: the regeling has §8's number of vulnerable buurten (2018)."""
    kolom = budget_kolom(met_bladen)
    label, waarde = get_column_letter(kolom - 1), get_column_letter(kolom)
    for key, tekst, veld, gezocht, sectie in GROEPEN:
        if not getoond(key, met_raming):
            continue
        rij = groepen_rijen()[key]
        stijl.schrijf_tekst(ws[f"{label}{rij}"], f"{tekst} ({sectie})", "bx tekst")
        if veld is None:
            formule = gezocht
        else:
            bereik = f"{kolom_letter(veld, met_bladen)}{EERSTE_RIJ}:{kolom_letter(veld, met_bladen)}{laatste}"
            formule = gezocht.format(bereik=bereik) if "{bereik}" in gezocht else f"COUNTIF({bereik},{gezocht})"
        stijl.schrijf_formule(ws[f"{waarde}{rij}"], formule, "bx aantal")


def grafiek_rij() -> int:
    return max(groepen_rijen().values()) + 2
