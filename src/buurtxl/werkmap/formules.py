"""The rules of the regeling restated as Excel formulas, in one place for every sheet.

`regels` is the source of truth; these formulas say the same thing in Excel syntax so a workbook
computes without Python. Every number comes from a defined name on the Regeling sheet, never a
literal. The LibreOffice tests (tests/test_werkmap_herberekend.py) hold every formula equal to the
core to the cent. A formula gets the references (``B7``, ``'Blad'!$B$7``) of the cells it reads in
`refs`, so the same text serves a buurt sheet and an inline row of the Begroting table.

An empty input cell means "not given" (``=""`` is true for a blank cell and for empty text).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..excel.excelfuncties import FUNCTIES
from ..model import BudgetStatus, SupplementStatus, ToeslagStatus
from ..regeling import COMPONENTEN
from .namen import REGELING_NAAM, parameternaam

MODI = ("native", "udf")  # udf: cells call the worksheet functions of buurtxl.udfs


def p(naam: str) -> str:
    """The defined name of a parameter, as it appears in a formula."""
    return parameternaam(naam)


def _s(waarde: str) -> str:
    return '"' + waarde.replace('"', '""') + '"'


def controleer_modus(modus: str) -> str:
    if modus not in MODI:
        raise ValueError(f"Onbekende formulemodus '{modus}': kies 'native' of 'udf'")
    return modus


def onderdeel(refs: Mapping[str, str], component: str, *, leeg_bij_totaal: bool = False) -> str:
    """§3.4 punt 1: a component as entered, or the regeling's standard amount when left empty.

    With `leeg_bij_totaal` the line stays empty when only the total basissubsidie is given, so a
    buurt sheet does not show standard amounts that play no part.
    """
    invoer = refs[component]
    bedrag = f'IF({invoer}="",{p("basissubsidie." + component)},{invoer})'
    if leeg_bij_totaal:
        return f'IF(AND({_geen_onderdelen(refs)},{refs["basissubsidie"]}<>""),"",{bedrag})'
    return bedrag


def _geen_onderdelen(refs: Mapping[str, str]) -> str:
    return "AND(" + ",".join(f'{refs[c]}=""' for c in COMPONENTEN) + ")"


def basissubsidie(refs: Mapping[str, str], onderdelen: Mapping[str, str], modus: str) -> str:
    """§3.4 punt 1: the given total when no component is entered, else the sum of the components.

    `onderdelen` holds, per component, a reference to (or the expression of) the amount used.
    """
    totaal = refs["basissubsidie"]
    if modus == "udf":
        som = FUNCTIES["BASISSUBSIDIE"].aanroep(**{c: refs[c] for c in COMPONENTEN}, versie=REGELING_NAAM)
    else:
        som = "+".join(onderdelen[c] for c in COMPONENTEN)
    return f'ROUND(IF(AND({_geen_onderdelen(refs)},{totaal}<>""),{totaal},{som}),2)'


# The numeric inputs: text in one of them (pasted past the validation) is an error of the row.
GETALLEN = ("huishoudens", "buurtscore", *COMPONENTEN, "basissubsidie", "besteed", "toeslag_aangevraagd",
            "supplement_aangevraagd")
IN_ORDE = "In orde"
FOUT = "FOUT"
ONTBREEKT = "ontbreekt"


def controle(refs: Mapping[str, str], basis: str, onderdelen: Mapping[str, str]) -> str:
    """A Dutch verdict on a row's input, the workbook's side of `regels.RegelFout`: ``In orde``,
    ``FOUT: …`` (the amounts are meaningless and stay out of the totals) or ``ontbreekt: …`` (a
    required value is empty; the budget counts what it may still cost as onzeker).

    `basis` is an expression of the basissubsidie that does not depend on this verdict. Nested IFs
    rather than AND/OR where a later test must not be evaluated (a text cell makes sums #VALUE!).
    """
    som = "+".join(onderdelen[c] for c in COMPONENTEN)
    totaal = refs["basissubsidie"]
    minimum, maximum = p("basissubsidie.minimum"), p("basissubsidie.maximum")
    tekst = "OR(" + ",".join(f"ISTEXT({refs[k]})" for k in GETALLEN) + ")"
    vast = "OR(" + ",".join(
        f'AND({refs[c]}<>"",{refs[c]}<>{p("basissubsidie." + c)})' for c in COMPONENTEN
    ) + ")"
    goed = _s(IN_ORDE)
    return (
        f'IF({tekst},{_s(FOUT + ": tekst in een getalveld")},'
        f'IF({refs["huishoudens"]}="",{_s(ONTBREEKT + ": huishoudens")},'
        f'IF(OR({basis}<{minimum},{basis}>{maximum}),{_s(FOUT + ": buiten minimum–maximum")},'
        f'IF(AND(NOT({p("basissubsidie.uitwisselbaar")}),{vast}),'
        f'{_s(FOUT + ": onderdeel ≠ vast bedrag (niet uitwisselbaar)")},'
        f'IF(OR({_geen_onderdelen(refs)},{totaal}=""),{goed},'
        f'IF(ROUND({totaal}-({som}),2)<>0,{_s(FOUT + ": onderdelen ≠ totaal")},{goed}))))))'
    )


def is_fout(controle_: str) -> str:
    """True when a row's verdict (see `controle`) is an error: its amounts stay out of the totals."""
    return f'LEFT({controle_},LEN("{FOUT}"))="{FOUT}"'


def toeslag_percentage(refs: Mapping[str, str], modus: str) -> str:
    """§3.4 punt 2: (huishoudens − drempel) / basis, at most the maximum; 0 up to the drempel."""
    h = refs["huishoudens"]
    if modus == "udf":
        return FUNCTIES["TOESLAG_PERCENTAGE"].aanroep(huishoudens=h, versie=REGELING_NAAM)
    return (
        f'MIN({p("toeslag.max_percentage")},'
        f'MAX(0,{h}-{p("toeslag.drempel_huishoudens")})/{p("toeslag.basis_huishoudens")})'
    )


def toeslag_status(refs: Mapping[str, str], basis: str, percentage: str) -> str:
    """§3.4 punt 2: due once the basissubsidie is fully spent and the toeslag applied for (§8,
    `toeslag.op_aanvraag`); potential while besteed is unknown or nothing was requested; 'nog niet
    volledig besteed' apart from 'niet' (not eligible); 'ontbreekt' without households."""
    besteed, h = refs["besteed"], refs["huishoudens"]
    return (
        f'IF({h}="",IF({p("toeslag.max_percentage")}=0,{_s(ToeslagStatus.NIET)},{_s(ToeslagStatus.ONTBREEKT)}),'
        f'IF({percentage}=0,{_s(ToeslagStatus.NIET)},IF({besteed}="",{_s(ToeslagStatus.POTENTIEEL)},'
        f'IF({besteed}<{basis},{_s(ToeslagStatus.NIET_VOLLEDIG_BESTEED)},'
        f'IF({refs["toeslag_aangevraagd"]}="",IF({p("toeslag.op_aanvraag")},{_s(ToeslagStatus.POTENTIEEL)},'
        f'{_s(ToeslagStatus.GERESERVEERD)}),{_s(ToeslagStatus.AANGEVRAAGD)})))))'
    )


def heeft_toeslag(status: str) -> str:
    """True when the toeslag status carries an amount (potentieel, gereserveerd or aangevraagd)."""
    return (f"OR({status}={_s(ToeslagStatus.POTENTIEEL)},{status}={_s(ToeslagStatus.GERESERVEERD)},"
            f"{status}={_s(ToeslagStatus.AANGEVRAAGD)})")


def toeslag(refs: Mapping[str, str], basis: str, percentage: str, status: str, modus: str) -> str:
    """§3.4 punt 2: basissubsidie × percentage, to the cent, at most the requested toeslag (when
    one is given); nothing unless potentieel, gereserveerd or aangevraagd."""
    gevraagd = refs["toeslag_aangevraagd"]
    if modus == "udf":
        # The function requires the households; without them the core's toeslag is 0 ("ontbreekt").
        bedrag = FUNCTIES["TOESLAG_COMMUNICATIE"].aanroep(
            huishoudens=refs["huishoudens"], basissubsidie=basis, besteed=refs["besteed"],
            toeslag_aangevraagd=gevraagd, versie=REGELING_NAAM,
        )
        return f'IF({refs["huishoudens"]}="",0,{bedrag})'
    maximum = f"ROUND({basis}*{percentage},2)"
    return f'IF({heeft_toeslag(status)},IF({gevraagd}="",{maximum},MIN({gevraagd},{maximum})),0)'


def supplement_status(refs: Mapping[str, str]) -> str:
    """§3.4 punt 3: only for a buurtscore below the grens; reserved (the maximum) without a request,
    'niet aangevraagd' for a request of € 0, 'onbekend' while the buurtscore is unknown."""
    score, gevraagd = refs["buurtscore"], refs["supplement_aangevraagd"]
    return (
        f'IF({p("supplement.max_bedrag")}=0,{_s(SupplementStatus.NIET)},'
        f'IF({score}="",{_s(SupplementStatus.ONBEKEND)},'
        f'IF({score}>={p("supplement.buurtscore_grens")},{_s(SupplementStatus.NIET)},'
        f'IF({gevraagd}="",{_s(SupplementStatus.GERESERVEERD)},'
        f'IF({gevraagd}=0,{_s(SupplementStatus.NIET_AANGEVRAAGD)},{_s(SupplementStatus.AANGEVRAAGD)})))))'
    )


def supplement(refs: Mapping[str, str], status: str, modus: str) -> str:
    """§3.4 punt 3: the requested amount capped at the maximum; the maximum when none is requested."""
    score, gevraagd = refs["buurtscore"], refs["supplement_aangevraagd"]
    if modus == "udf":
        return FUNCTIES["SUPPLEMENT_KWETSBAAR"].aanroep(buurtscore=score, aangevraagd=gevraagd, versie=REGELING_NAAM)
    maximum = p("supplement.max_bedrag")
    return (
        f'IF(OR({status}={_s(SupplementStatus.GERESERVEERD)},{status}={_s(SupplementStatus.AANGEVRAAGD)}),'
        f'IF({gevraagd}="",{maximum},MIN({gevraagd},{maximum})),0)'
    )


def onzeker(refs: Mapping[str, str], basis: str) -> str:
    """What unknown values may still cost (see `regels.onzeker`): the supplement an unknown
    buurtscore could give, and the largest toeslag (at most the request) while the households are
    unknown."""
    score, gevraagd, h, besteed = (refs[k] for k in ("buurtscore", "supplement_aangevraagd", "huishoudens", "besteed"))
    maximum = p("supplement.max_bedrag")
    gevraagd_t, hoogste = refs["toeslag_aangevraagd"], f'ROUND({basis}*{p("toeslag.max_percentage")},2)'
    return (
        f'IF({score}="",IF({gevraagd}="",{maximum},MIN({gevraagd},{maximum})),0)'
        f'+IF(AND({h}="",OR({besteed}="",{besteed}>={basis})),'
        f'IF({gevraagd_t}="",{hoogste},MIN({gevraagd_t},{hoogste})),0)'
    )


def totaal(refs: Mapping[str, str], basis: str, toeslag_: str, supplement_: str, modus: str) -> str:
    if modus == "udf":
        return FUNCTIES["SUBSIDIE_TOTAAL"].aanroep(**_aanvraag(refs, basis))
    return f"{basis}+{toeslag_}+{supplement_}"


def uitleg(refs: Mapping[str, str], basis: str) -> str:
    """udf mode only: the Dutch reasons from the add-in's UITLEG function."""
    return FUNCTIES["UITLEG"].aanroep(**_aanvraag(refs, basis))


def _aanvraag(refs: Mapping[str, str], basis: str) -> dict[str, str]:
    """The arguments of SUBSIDIE_TOTAAL / UITLEG by name: the input cells and the regeling in use."""
    return {
        "basissubsidie": basis,
        "huishoudens": refs["huishoudens"],
        "buurtscore": refs["buurtscore"],
        "besteed": refs["besteed"],
        "aangevraagd": refs["supplement_aangevraagd"],
        "toeslag_aangevraagd": refs["toeslag_aangevraagd"],
        "versie": REGELING_NAAM,
    }


def budget_status(problemen: str, nodig: str, ruimte: str) -> str:
    """§8, with the thresholds of `regels.samenvatting`: first whether every row could be computed;
    then extras plus onzeker (`nodig`) over the reservation, or less support left than planned."""
    return (
        f'IF({problemen}>0,{_s(BudgetStatus.CONTROLEER_INVOER)},'
        f'IF({nodig}>{p("budget.reservering")},{_s(BudgetStatus.OVERSCHREDEN)},'
        f'IF({ruimte}<{p("budget.ondersteuning")},{_s(BudgetStatus.KRAP)},{_s(BudgetStatus.BINNEN_PLAN)})))'
    )
