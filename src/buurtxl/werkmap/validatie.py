"""Data validation with Dutch input messages for an input cell, from the field table (`velden`).

Excel's check at typing time, with the same limits as `waarden`; the binding check is
`invoer.valideer` when the input is read back. A bound the regeling sets is a formula: in a budget
workbook the name of the parameter on sheet Regeling (`parameternaam`), so an edited parameter moves
the check with it; on the application form, which has no Regeling sheet, the regeling's value.
"""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.worksheet.datavalidation import DataValidation

from ..velden import TEKSTSOORTEN, Grens, Soort, Veld
from .namen import parameternaam

# Excel caps the prompt title at 32 and the prompt and error at 255 characters.
_TITEL, _TEKST = 32, 255


def validatie(
    veld: Veld,
    *,
    uitleg: str | None = None,
    titel: str | None = None,
    grens: Callable[[str], str] = parameternaam,
    leeg_toegestaan: bool = True,
) -> DataValidation:
    """The validation of `veld`'s input cell. `uitleg` is the input message (default: the
    workbook help with the section), `titel` its title (default: the short name); `grens` turns a
    parameter name into a formula."""

    def formule(waarde: Grens | None) -> str | None:
        return None if waarde is None else grens(waarde) if isinstance(waarde, str) else str(waarde)

    laag, hoog = formule(veld.minimum), formule(veld.maximum)
    if veld.keuzes and veld.soort is not Soort.DATUM:  # a date field's keuzes: old input, still read
        return DataValidation(
            type="list", formula1='"' + ",".join(veld.keuzes) + '"', allow_blank=leeg_toegestaan,
            showInputMessage=True, promptTitle=(titel or veld.kop)[:_TITEL],
            prompt=(uitleg or veld.uitleg_werkmap + f" ({veld.sectie})")[:_TEKST],
            showErrorMessage=True, errorTitle="Ongeldige waarde",
            error=f"{veld.kop}: kies " + " of ".join(veld.keuzes) + ".",
        )
    if veld.soort is Soort.DATUM:
        return DataValidation(
            type="date", operator="between", formula1="DATE(2000,1,1)", formula2="DATE(2099,12,31)",
            allow_blank=leeg_toegestaan, showInputMessage=True, promptTitle=(titel or veld.kop)[:_TITEL],
            prompt=(uitleg or veld.uitleg_werkmap)[:_TEKST], showErrorMessage=True, errorTitle="Ongeldige waarde",
            error=f"{veld.kop}: vul een datum in, bijvoorbeeld 20-3-2018.",
        )
    if veld.soort in TEKSTSOORTEN:
        type_ = "textLength"
        melding = f"{veld.kop}: gebruik hoogstens {hoog} tekens." if hoog else ""
        if veld.verplicht:
            melding = f"{veld.kop} is verplicht en hoogstens {hoog} tekens."
    elif veld.soort is Soort.AANTAL:
        type_, melding = "whole", f"{veld.kop}: vul een geheel getal in van {laag} of meer."
    elif veld.soort is Soort.SCORE:
        type_, melding = "decimal", f"{veld.kop}: vul een getal in van {laag} tot en met {hoog}."
    elif isinstance(veld.maximum, str):
        type_, melding = "decimal", f"{veld.kop}: het bedrag ligt tussen het minimum en maximum van de regeling."
    else:
        type_, melding = "decimal", f"{veld.kop}: vul een bedrag in euro's in van {laag} of meer (of laat de cel leeg)."
    f1: str | None
    if laag is not None and hoog is not None:
        operator, f1, f2 = "between", laag, hoog
    elif hoog is not None:
        operator, f1, f2 = "lessThanOrEqual", hoog, None
    else:
        operator, f1, f2 = "greaterThanOrEqual", laag, None
    if uitleg is None:
        uitleg = veld.uitleg_werkmap + (f" ({veld.sectie})" if veld.sectie else "")
    return DataValidation(
        type=type_, operator=operator, formula1=f1, formula2=f2, allow_blank=leeg_toegestaan,
        showInputMessage=True, promptTitle=(titel or veld.kop)[:_TITEL], prompt=uitleg[:_TEKST],
        showErrorMessage=True, errorTitle="Ongeldige waarde", error=melding[:_TEKST],
    )
