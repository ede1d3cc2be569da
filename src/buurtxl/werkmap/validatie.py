"""Data validation with Dutch input messages for every input cell (same limits as `waarden`)."""

from __future__ import annotations

from typing import Callable

from openpyxl.worksheet.datavalidation import DataValidation

from .namen import parameternaam


def _dv(type_: str, operator: str | None, f1: str | None, f2: str | None, titel: str, uitleg: str,
        fout: str) -> DataValidation:
    # Excel caps the prompt title at 32 and the prompt at 255 characters.
    return DataValidation(
        type=type_, operator=operator, formula1=f1, formula2=f2, allow_blank=True,
        showInputMessage=True, promptTitle=titel[:32], prompt=uitleg[:255],
        showErrorMessage=True, errorTitle="Ongeldige waarde", error=fout[:255],
    )


def _bedrag(titel: str, uitleg: str) -> Callable[[], DataValidation]:
    return lambda: _dv("decimal", "greaterThanOrEqual", "0", None, titel, uitleg,
                       "Vul een bedrag in euro's in van 0 of meer (of laat de cel leeg).")


VALIDATIE: dict[str, Callable[[], DataValidation]] = {
    "buurt": lambda: _dv("textLength", "between", "1", "200", "Buurt",
                         "Naam van de buurt (verplicht).", "De buurtnaam mag niet leeg zijn."),
    "buurtcode": lambda: _dv("textLength", "lessThanOrEqual", "20", None, "Buurtcode",
                             "CBS-buurtcode, bijvoorbeeld BU09350000 (mag leeg).",
                             "Een buurtcode is hoogstens 20 tekens."),
    "huishoudens": lambda: _dv("whole", "greaterThanOrEqual", "0", None, "Huishoudens",
                               "Aantal huishoudens in de buurt: een geheel getal van 0 of meer. "
                               "Boven de drempel op blad Regeling komt er een toeslag (§3.4 punt 2).",
                               "Vul een geheel aantal huishoudens in (0 of meer)."),
    "buurtscore": lambda: _dv("decimal", "between", "0", "100", "Buurtscore",
                              "Score uit de buurtmonitor, 0 tot en met 100. Onder de grens op blad "
                              "Regeling is er een supplement (§3.4 punt 3). Leeg = onbekend.",
                              "De buurtscore ligt tussen 0 en 100."),
    "organisatiekosten": _bedrag("Organisatiekosten", "Leeg = standaardbedrag (blad Regeling)."),
    "communicatiekosten": _bedrag("Communicatiekosten", "Leeg = standaardbedrag (blad Regeling)."),
    "activiteiten": _bedrag("Activiteiten", "Leeg = standaardbedrag (blad Regeling)."),
    "plan_van_aanpak": _bedrag("Plan van aanpak", "Leeg = standaardbedrag (blad Regeling)."),
    "basissubsidie": lambda: _dv(
        "decimal", "between", parameternaam("basissubsidie.minimum"),
        parameternaam("basissubsidie.maximum"), "Basissubsidie (totaal)",
        "Alleen invullen als de vier onderdelen leeg zijn; tussen het minimum en maximum van de "
        "regeling (§3.4 punt 1).",
        "De basissubsidie ligt tussen het minimum en maximum op blad Regeling."),
    "besteed": _bedrag("Besteed", "Wat het buurtnetwerk heeft besteed. Leeg = nog onbekend: de "
                                  "toeslag is dan potentieel (§3.4 punt 2)."),
    "supplement_aangevraagd": _bedrag("Supplement aangevraagd", "Aangevraagd supplement. Leeg = het "
                                      "maximum wordt gereserveerd (§3.4 punt 3)."),
}
