"""The application form: what `buurtxl template` writes and what `formulier.lees` reads back."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell

from buurtxl import regeling
from buurtxl.invoer import formulier, lezen
from buurtxl.model import Aanvraag

SJABLOON = Path(__file__).resolve().parents[1] / "templates" / "aanvraag_2018.xlsx"


@pytest.fixture(scope="module")
def r2018():
    return regeling.laad("2018")


@pytest.fixture()
def leeg(tmp_path, r2018) -> Path:
    pad = tmp_path / "aanvraag.xlsx"
    formulier.maak(r2018).save(pad)
    return pad


def _invoercellen(ws) -> dict[str, object]:
    """Contract name (hidden column A) → the input cell next to it."""
    return {
        ws.cell(rij, 1).value: ws.cell(rij, 3)
        for rij in range(1, ws.max_row + 1)
        if ws.cell(rij, 1).value in formulier.SLEUTELS
    }


def _vul_in(pad: Path, waarden: dict[str, object], doel: Path | None = None) -> Path:
    wb = load_workbook(pad)
    cellen = _invoercellen(wb.active)
    for sleutel, waarde in waarden.items():
        cellen[sleutel].value = waarde
    wb.save(doel or pad)
    return doel or pad


def _beschrijving(pad: Path) -> dict:
    """What a person sees and Excel checks, without the bytes (timestamps differ per save)."""
    wb = load_workbook(pad)
    ws = wb.active
    return {
        "bladen": wb.sheetnames,
        "cellen": {c.coordinate: c.value for rij in ws.iter_rows() for c in rij if c.value is not None},
        "open": sorted(c.coordinate for rij in ws.iter_rows() for c in rij if not c.protection.locked),
        "validaties": sorted(
            (str(dv.sqref), dv.type, dv.operator, dv.formula1, dv.formula2, dv.allow_blank, dv.prompt, dv.error)
            for dv in ws.data_validations.dataValidation
        ),
        "beveiligd": ws.protection.sheet,
        "wachtwoord": ws.protection.password,
        "verborgen_a": ws.column_dimensions["A"].hidden,
    }


def test_vastgelegd_sjabloon_gelijk_aan_wat_template_maakt(tmp_path):
    from click.testing import CliRunner

    from buurtxl import cli

    assert SJABLOON.exists(), (
        "templates/aanvraag_2018.xlsx ontbreekt: maak het met 'buurtxl template -o templates/aanvraag_2018.xlsx'"
    )
    uit = CliRunner().invoke(cli.buurtxl, ["template", "-o", str(tmp_path / "nieuw.xlsx")])
    assert uit.exit_code == 0, uit.output
    assert _beschrijving(SJABLOON) == _beschrijving(tmp_path / "nieuw.xlsx")


def test_alleen_invoercellen_zijn_niet_vergrendeld(leeg):
    ws = load_workbook(leeg).active
    # A merged cell's other half (the toelichting spans two columns) is part of its input cell.
    open_ = {c.coordinate for rij in ws.iter_rows() for c in rij
             if not c.protection.locked and not isinstance(c, MergedCell)}
    assert open_ == {c.coordinate for c in _invoercellen(ws).values()}


def test_blad_beveiligd_zonder_wachtwoord(leeg):
    ws = load_workbook(leeg).active
    assert ws.protection.sheet is True
    assert not ws.protection.password


def test_elk_veld_heeft_validatie_met_nederlandse_invoermelding(leeg):
    ws = load_workbook(leeg).active
    per_cel = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    for sleutel, cel in _invoercellen(ws).items():
        dv = per_cel[cel.coordinate]
        assert dv.showInputMessage and dv.prompt, sleutel
        assert dv.showErrorMessage and dv.error, sleutel
        assert len(dv.prompt) <= 255 and len(dv.promptTitle) <= 32  # Excel refuses longer ones


def test_huishoudens_alleen_hele_getallen_vanaf_0(leeg):
    ws = load_workbook(leeg).active
    cel = _invoercellen(ws)["huishoudens"].coordinate
    dv = next(d for d in ws.data_validations.dataValidation if str(d.sqref) == cel)
    assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert dv.allow_blank is False  # verplicht


def test_buurtscore_tussen_0_en_100(leeg):
    ws = load_workbook(leeg).active
    cel = _invoercellen(ws)["buurtscore"].coordinate
    dv = next(d for d in ws.data_validations.dataValidation if str(d.sqref) == cel)
    assert (dv.type, dv.operator, dv.formula1, dv.formula2) == ("decimal", "between", "0", "100")


def test_uitleg_noemt_de_getallen_van_het_besluit(leeg):
    # §3.4 punt 2: more than 1300 households, at most 15%; punt 3: buurtscore < 57, at most € 3.000.
    ws = load_workbook(leeg).active
    uitleg = {ws.cell(c.row, 1).value: ws.cell(c.row, 4).value for c in _invoercellen(ws).values()}
    assert "1.300" in uitleg["huishoudens"] and "15,00%" in uitleg["huishoudens"]
    assert "57" in uitleg["supplement_aangevraagd"] and "€ 3.000,00" in uitleg["supplement_aangevraagd"]
    assert "€ 4.850,00" in uitleg["basissubsidie"] and "€ 5.850,00" in uitleg["basissubsidie"]


def test_ingevuld_formulier_wordt_een_aanvraag(leeg, r2018):
    # Wittevrouwenveld's CBS code and households (BU09350303 is Belvédère: 10 households, a warning).
    _vul_in(leeg, {"buurt": "Wittevrouwenveld", "buurtcode": "BU09350402", "huishoudens": 3125,
                   "buurtscore": 52.5, "activiteiten": 400, "supplement_aangevraagd": 2500.5})
    invoer = lezen.lees(leeg.parent, r2018)
    assert invoer.problemen == []
    assert invoer.aanvragen == [
        Aanvraag(buurt="Wittevrouwenveld", buurtcode="BU09350402", huishoudens=3125,
                 buurtscore=Decimal("52.5"), activiteiten=Decimal("400.00"),
                 supplement_aangevraagd=Decimal("2500.50"))
    ]


def test_fout_in_formulier_noemt_bestand_en_rij_van_het_veld(leeg, r2018):
    _vul_in(leeg, {"buurt": "Nazareth", "huishoudens": "veel"})
    rij = next(c.row for k, c in _invoercellen(load_workbook(leeg).active).items() if k == "huishoudens")
    [probleem] = lezen.lees(leeg.parent, r2018).fouten
    assert (probleem.bestand, probleem.rij, probleem.kolom, probleem.waarde) == (
        "aanvraag.xlsx",
        rij,
        "huishoudens",
        "veel",
    )


def test_leeg_formulier_is_niet_ingevuld(leeg, r2018):
    [probleem] = lezen.lees(leeg.parent, r2018).fouten
    assert probleem.bestand == "aanvraag.xlsx" and "niet ingevuld" in probleem.reden


def test_andere_werkmap_is_geen_aanvraagformulier(tmp_path, r2018):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "buurt"
    wb.save(tmp_path / "lijst.xlsx")
    with pytest.raises(formulier.FormulierFout, match="geen aanvraagformulier"):
        formulier.lees(tmp_path / "lijst.xlsx")


def test_formulier_van_andere_regeling_geeft_waarschuwing(tmp_path):
    pad = tmp_path / "oud.xlsx"
    formulier.maak(regeling.laad("2017-2018")).save(pad)
    _vul_in(pad, {"buurt": "Heer", "huishoudens": 900})
    invoer = lezen.lees(tmp_path, regeling.laad("2018"))
    assert invoer.ok and len(invoer.aanvragen) == 1
    assert any("2017-2018" in w.reden for w in invoer.waarschuwingen)


def _formuliertekst(r) -> str:
    """Everything the form shows: its cells and the input prompts of its validations."""
    ws = formulier.maak(r).active
    cellen = [str(c.value) for rij in ws.iter_rows() for c in rij if c.value is not None]
    return " ".join(cellen + [dv.prompt or "" for dv in ws.data_validations.dataValidation])


def test_formulier_2017_2018_biedt_geen_toeslag_of_supplement_en_noemt_vaste_bedragen():
    # 2017-2018 has no toeslag, no supplement and fixed components (raadsvoorstel 2018 §3.4 punten 1–3).
    tekst = _formuliertekst(regeling.laad("2017-2018"))
    for fout in ("tot € 0,00", "tot 0,00%", "hoogstens 0,00%", "maximaal € 0,00", "uitwisselbaar;"):
        assert fout not in tekst
    assert "vaste bedragen" in tekst and "niet uitwisselbaar" in tekst
    assert "geen toeslag communicatiekosten" in tekst and "geen supplement kwetsbare buurten" in tekst
    assert "alleen € 2.600,00 is toegestaan" in tekst  # organisatiekosten, its fixed amount


def test_formulier_2018_noemt_toeslag_supplement_en_uitwisselbare_onderdelen():
    tekst = _formuliertekst(regeling.laad("2018"))
    assert "toeslag communicatiekosten tot 15,00%" in tekst  # §3.4 punt 2
    assert "supplement kwetsbare buurten tot € 3.000,00" in tekst  # §3.4 punt 3
    assert "uitwisselbaar; samen € 4.850,00 tot € 5.850,00" in tekst  # §3.4 punt 1
    assert "vaste bedragen" not in tekst and "geen toeslag" not in tekst
