"""The finance officer's edits (issue 13): cells of a generated workbook changed with openpyxl, as
staff change them, then recalculated by LibreOffice; the Begroting must say what happened.

Every expected amount is worked out by hand from the built-in example (30 buurten): basissubsidie
€ 173.800, toeslag € 15.495, supplement € 25.300, extras € 40.795 (status krap, € 19.205 left).
All workbooks are recalculated in one LibreOffice run.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from buurtxl import herberekenen, regeling, werkmap
from buurtxl.invoer import lezen
from buurtxl.regeling import voorbeeld
from buurtxl.werkmap import begroting, buurtblad, regelingblad
from gedeeld import cent
from rekenmotor import vereis_libreoffice

R2018, R2017 = regeling.laad("2018"), regeling.laad("2017-2018")
VOORBEELD = lezen.lees(voorbeeld.pad(), R2018).aanvragen
BUURTEN = [a.buurt for a in VOORBEELD]


def _zet_buurt(buurt: str, key: str, waarde: object):
    def wijzig(wb):
        wb[buurt][buurtblad.invoercel(key)].value = waarde
    return wijzig


def _zet_regeling(parameter: str, waarde: object):
    def wijzig(wb):
        ws = wb["Regeling"]
        ws[f"{regelingblad.WAARDE_KOLOM}{regelingblad.rij_van(ws, parameter)}"].value = waarde
    return wijzig


def _verberg_rijen(wb):
    ws = wb["Begroting"]
    for rij in range(begroting.EERSTE_RIJ, begroting.EERSTE_RIJ + 10):  # 10 buurten filtered away
        ws.row_dimensions[rij].hidden = True


def _zet_inline(buurt: str, key: str, waarde: object):
    def wijzig(wb):
        ws = wb["Begroting"]
        kolom = [k for k, *_ in begroting.KOLOMMEN_INLINE].index("invoer:" + key) + 1
        ws.cell(begroting.EERSTE_RIJ + BUURTEN.index(buurt), kolom).value = waarde
    return wijzig


# name → (regeling, edit, inline)
GEVALLEN = {
    "ongewijzigd": (R2018, None, False),
    "organisatiekosten_4000": (R2018, _zet_buurt("Jekerkwartier", "organisatiekosten", 4000), False),
    "huishoudens_leeg": (R2018, _zet_buurt("Villapark", "huishoudens", None), False),
    "buurtscore_leeg": (R2018, _zet_buurt("Pottenberg", "buurtscore", None), False),
    "tekst_in_getal": (R2018, _zet_buurt("Belfort", "huishoudens", "veel"), False),
    "supplement_0": (R2018, _zet_buurt("Pottenberg", "supplement_aangevraagd", 0), False),
    "drempel_2000": (R2018, _zet_regeling("toeslag.drempel_huishoudens", 2000), False),
    "rijen_verborgen": (R2018, _verberg_rijen, False),
    "regeling_2017": (R2017, None, False),
    "inline_organisatiekosten_4000": (R2018, _zet_inline("Jekerkwartier", "organisatiekosten", 4000), True),
}


@pytest.fixture(scope="module")
def werkmappen(tmp_path_factory) -> dict[str, object]:
    vereis_libreoffice()
    map_ = tmp_path_factory.mktemp("controle")
    paden = []
    for naam, (r, wijzig, inline) in GEVALLEN.items():
        pad = map_ / f"{naam}.xlsx"
        with pytest.MonkeyPatch.context() as mp:
            if inline:
                mp.setattr(werkmap, "MAX_BUURTBLADEN", 5)
            werkmap.maak_begroting(VOORBEELD, r).save(pad)
        if wijzig:  # the officer's edit, on the saved file
            wb = load_workbook(pad)
            wijzig(wb)
            wb.save(pad)
        paden.append(pad)
    uit = herberekenen.converteer(paden, map_ / "uit")
    return {naam: load_workbook(Path(p), data_only=True) for naam, p in zip(GEVALLEN, uit, strict=True)}


def _budget(wb, key: str, *, met_bladen: bool = True, paragraaf_8: bool = True):
    return wb["Begroting"].cell(begroting.budget_rijen(paragraaf_8)[key], begroting.budget_kolom(met_bladen)).value


def _rij(wb, buurt: str, key: str, *, met_bladen: bool = True):
    kolom = [k for k, *_ in begroting.kolommen(met_bladen)].index(key) + 1
    return wb["Begroting"].cell(begroting.EERSTE_RIJ + BUURTEN.index(buurt), kolom).value


def _totaalrij(wb, key: str, *, met_bladen: bool = True):
    kolom = [k for k, *_ in begroting.kolommen(met_bladen)].index(key) + 1
    return wb["Begroting"].cell(begroting.EERSTE_RIJ + len(BUURTEN), kolom).value


def test_ongewijzigd_voorbeeld_is_in_orde(werkmappen):
    wb = werkmappen["ongewijzigd"]
    assert cent(_budget(wb, "totaal_basissubsidie")) == Decimal("173800.00")
    assert cent(_budget(wb, "totaal_extra")) == Decimal("40795.00")
    assert _budget(wb, "problemen") == 0 and cent(_budget(wb, "onzeker")) == Decimal("0.00")
    assert _budget(wb, "status") == "krap"
    assert {_rij(wb, b, "controle") for b in BUURTEN} == {"In orde"}


@pytest.mark.parametrize(
    "naam, met_bladen", [("organisatiekosten_4000", True), ("inline_organisatiekosten_4000", False)]
)
def test_basissubsidie_buiten_bereik_telt_niet_mee_en_de_status_zegt_het(werkmappen, naam, met_bladen):
    # 4000 + 2000 + 500 + 750 = 7250 > 5850 (§3.4 punt 1). Before: the total rose to € 176.200.
    wb = werkmappen[naam]
    assert _rij(wb, "Jekerkwartier", "controle", met_bladen=met_bladen) == "FOUT: buiten minimum–maximum"
    assert _rij(wb, "Jekerkwartier", "basissubsidie", met_bladen=met_bladen) in (None, "")
    assert _rij(wb, "Jekerkwartier", "totaal", met_bladen=met_bladen) in (None, "")
    # 173,800 − Jekerkwartier's 4,850: the table's totals row and the budget block agree.
    assert cent(_budget(wb, "totaal_basissubsidie", met_bladen=met_bladen)) == Decimal("168950.00")
    assert cent(_totaalrij(wb, "basissubsidie", met_bladen=met_bladen)) == Decimal("168950.00")
    assert _budget(wb, "problemen", met_bladen=met_bladen) == 1
    assert _budget(wb, "status", met_bladen=met_bladen) == "controleer invoer"
    onder_budget = max(begroting.budget_rijen().values()) + 1
    melding = wb["Begroting"].cell(onder_budget, begroting.budget_kolom(met_bladen) - 1).value
    assert melding.startswith("Controleer invoer: 1 buurt(en) met FOUT")


def test_lege_huishoudens_ontbreken_en_de_hoogste_toeslag_is_onzeker(werkmappen):
    # Villapark: 1585 households, potentieel 15% × 5850 = 877.50. Empty is not 0.
    wb = werkmappen["huishoudens_leeg"]
    assert _rij(wb, "Villapark", "controle") == "ontbreekt: huishoudens"
    assert _rij(wb, "Villapark", "toeslag_status") == "ontbreekt"
    assert _rij(wb, "Villapark", "toeslag_percentage") in (None, "")
    assert cent(_rij(wb, "Villapark", "onzeker")) == Decimal("877.50")
    assert cent(_budget(wb, "totaal_toeslag")) == Decimal("14617.50")  # 15,495 − 877.50
    assert cent(_budget(wb, "onzeker")) == Decimal("877.50")
    assert _budget(wb, "status") == "controleer invoer" and _budget(wb, "problemen") == 1


def test_onbekende_buurtscore_reserveert_3000_als_onzeker(werkmappen):
    # Pottenberg (55.1, no request): 3000 reserved before. Unknown now: € 0 supplement, € 3.000 onzeker.
    wb = werkmappen["buurtscore_leeg"]
    assert _rij(wb, "Pottenberg", "supplement_status") == "onbekend"
    assert cent(_rij(wb, "Pottenberg", "supplement_kwetsbaar")) == Decimal("0.00")
    assert cent(_budget(wb, "totaal_supplement")) == Decimal("22300.00")
    assert cent(_budget(wb, "onzeker")) == Decimal("3000.00")
    # 60,000 − (15,495 + 22,300) − 3,000 = 19,205 < 20,000: krap. Without onzeker: 22,205, binnen plan.
    assert cent(_budget(wb, "ruimte_ondersteuning")) == Decimal("19205.00")
    assert _budget(wb, "status") == "krap"
    assert _budget(wb, "problemen") == 0


def test_tekst_in_een_getalveld_is_een_fout(werkmappen):
    # Belfort: 1420 households → 540.00 potentieel, basissubsidie 5850; all of it leaves the totals.
    wb = werkmappen["tekst_in_getal"]
    assert _rij(wb, "Belfort", "controle") == "FOUT: tekst in een getalveld"
    assert cent(_budget(wb, "totaal_basissubsidie")) == Decimal("167950.00")
    assert cent(_budget(wb, "totaal_toeslag")) == Decimal("14955.00")
    assert _budget(wb, "status") == "controleer invoer"


def test_supplement_van_0_is_niet_aangevraagd(werkmappen):
    wb = werkmappen["supplement_0"]
    assert _rij(wb, "Pottenberg", "supplement_status") == "niet aangevraagd"
    assert cent(_budget(wb, "totaal_supplement")) == Decimal("22300.00")


def test_nog_niet_volledig_besteed_is_geen_niet(werkmappen):
    # Kommelkwartier: 1655 households, besteed 5849.99 < 5850: eligible, not yet fully spent.
    wb = werkmappen["ongewijzigd"]
    assert _rij(wb, "Kommelkwartier", "toeslag_status") == "nog niet volledig besteed"
    assert _rij(wb, "Kommelkwartier", "toeslag_percentage") in (None, "")  # no 15% beside € 0
    assert _rij(wb, "Jekerkwartier", "toeslag_status") == "niet"  # 1145: not above the drempel


def test_gewijzigde_parameter_laat_een_spoor_na(werkmappen):
    wb = werkmappen["drempel_2000"]
    ws = wb["Regeling"]
    rij = regelingblad.rij_van(ws, "toeslag.drempel_huishoudens")
    assert ws[f"{regelingblad.GEWIJZIGD_KOLOM}{rij}"].value == "gewijzigd"
    assert ws[f"{regelingblad.BESLUIT_KOLOM}{rij}"].value == 1300
    assert ws[regelingblad.AFWIJKINGEN_CEL].value == 1
    andere = regelingblad.rij_van(ws, "toeslag.max_percentage")
    assert ws[f"{regelingblad.GEWIJZIGD_KOLOM}{andere}"].value in (None, "")
    for blad in ("Begroting", "Toelichting"):
        assert wb[blad]["A2"].value.startswith("Let op: deze werkmap wijkt af van de uitgangswaarden"), blad
    assert werkmappen["ongewijzigd"]["Toelichting"]["A2"].value in (None, "")


def test_verborgen_rijen_tellen_in_beide_totalen_mee(werkmappen):
    # One rule for the Table's totals row and the budget block: all rows, hidden or not.
    wb = werkmappen["rijen_verborgen"]
    for key, budgetkey in (("basissubsidie", "totaal_basissubsidie"), ("toeslag_communicatie", "totaal_toeslag"),
                           ("supplement_kwetsbaar", "totaal_supplement")):
        assert cent(_totaalrij(wb, key)) == cent(_budget(wb, budgetkey))
    assert cent(_totaalrij(wb, "basissubsidie")) == Decimal("173800.00")
    noot = wb["Begroting"].cell(begroting.EERSTE_RIJ + len(BUURTEN) + 1, 1).value
    assert "ook rijen die door een filter verborgen zijn" in noot


def test_regeling_2017_2018_zonder_budget_en_met_vaste_onderdelen(werkmappen):
    wb = werkmappen["regeling_2017"]
    ws = wb["Begroting"]
    teksten = [str(c.value) for rij in ws.iter_rows() for c in rij if c.value is not None]
    assert not any("Ruimte in de reservering" in t or "binnen plan" in t or "§8)" in t for t in teksten)
    assert ws._charts == []
    # Binnenstad 3100 + 1500 and Wyck 2600 + 1800: a split only 2018 allows.
    for buurt in ("Binnenstad", "Wyck"):
        assert _rij(wb, buurt, "controle") == "FOUT: onderdeel ≠ vast bedrag (niet uitwisselbaar)", buurt
    # 28 buurten remain: 26 × 5850 + Jekerkwartier 4850 + Biesland 5350 = 162,300; no extras in 2017-2018.
    assert cent(_budget(wb, "totaal_basissubsidie", paragraaf_8=False)) == Decimal("162300.00")
    assert cent(_budget(wb, "totaal", paragraaf_8=False)) == Decimal("162300.00")
    assert _budget(wb, "problemen", paragraaf_8=False) == 2
