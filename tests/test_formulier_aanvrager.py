"""What the application form asks for the decision letters (the group, its address, its IBAN, the
date and a signature line), what it no longer asks (besteed), and the CBS check of its households."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from buurtxl import regeling, velden, waarden
from buurtxl.invoer import formulier, lezen

R2018 = regeling.laad("2018")
GOED = {
    "buurt": "Wyck", "buurtcode": "BU09350006", "huishoudens": 3685, "buurtscore": 52,
    "groepsnaam": "Buurtnetwerk Wyck", "contactpersoon": "J. Janssen",
    "postadres": "Rechtstraat 1, 6221 EG Maastricht", "email": "wyck@example.org",
    "iban": "nl91abna0417164300", "datum": dt.datetime(2018, 3, 20),
}


def _vul_in(tmp_path: Path, waarden_: dict[str, object]) -> Path:
    pad = tmp_path / "aanvraag.xlsx"
    formulier.maak(R2018).save(pad)
    wb = load_workbook(pad)
    ws = wb.active
    rijen = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    for sleutel, waarde in waarden_.items():
        ws.cell(rijen[sleutel], 3).value = waarde
    wb.save(pad)
    return pad


def test_formulier_vraagt_groep_contact_iban_en_datum_maar_niet_besteed(tmp_path):
    pad = tmp_path / "leeg.xlsx"
    formulier.maak(R2018).save(pad)
    ws = load_workbook(pad).active
    sleutels = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    for sleutel in ("groepsnaam", "contactpersoon", "postadres", "email", "iban", "datum"):
        assert sleutel in sleutels
    assert "besteed" not in sleutels
    # The signature line: its label, below the last field, inside the printed area.
    [rij] = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == formulier.HANDTEKENING]
    assert rij > sleutels.index("datum") + 1
    assert ws.cell(rij, 3).border.bottom.style == "thin"
    assert ws.print_area.endswith(f"$D${rij}")


def test_ingevuld_formulier_draagt_de_gegevens_van_de_groep(tmp_path):
    invoer = lezen.lees(_vul_in(tmp_path, GOED), R2018)
    assert invoer.ok, invoer.problemen
    [aanvraag] = invoer.aanvragen
    assert aanvraag.groepsnaam == "Buurtnetwerk Wyck" and aanvraag.contactpersoon == "J. Janssen"
    assert aanvraag.postadres == "Rechtstraat 1, 6221 EG Maastricht" and aanvraag.email == "wyck@example.org"
    assert aanvraag.iban == "NL91 ABNA 0417 1643 00"  # checked and printed in groups of four
    assert aanvraag.datum == dt.date(2018, 3, 20)


def test_fout_iban_op_formulier_noemt_bestand_rij_en_veld(tmp_path):
    pad = _vul_in(tmp_path, {**GOED, "iban": "NL91 ABNA 0417 1643 01"})
    invoer = lezen.lees(pad, R2018)
    [fout] = invoer.fouten
    rij = formulier.EERSTE_VELD + [v.sleutel for v in velden.FORMULIERVELDEN].index("iban")
    assert str(fout) == (
        f"Fout: aanvraag.xlsx, blad 'Aanvraag', rij {rij}, kolom 'iban': iban: 'NL91 ABNA 0417 1643 01' is geen "
        "geldig IBAN: de controlecijfers kloppen niet; controleer het nummer op een typefout "
        "(waarde: 'NL91 ABNA 0417 1643 01')"
    )


@pytest.mark.parametrize("goed", ["NL91ABNA0417164300", "nl91 abna 0417 1643 00", "DE89 3704 0044 0532 0130 00",
                                  "GB82 WEST 1234 5698 7654 32"])
def test_iban_met_kloppende_controlecijfers(goed):
    assert waarden.iban(goed).replace(" ", "") == goed.replace(" ", "").upper()


@pytest.mark.parametrize(("fout", "reden"), [
    ("NL91 ABNA 0417 1643 01", "de controlecijfers kloppen niet"),
    ("NL19 ABNA 0417 1643 00", "de controlecijfers kloppen niet"),
    ("NL91 ABNA 0417 1643", "de controlecijfers kloppen niet"),
    ("0417164300", "geen geldig IBAN"),
    ("NL91 ABNA 0417 1643 00 00", "geen geldig IBAN"),
])
def test_iban_fout_geweigerd(fout, reden):
    with pytest.raises(waarden.WaardeFout, match=reden):
        waarden.iban(fout)


def test_email_en_datum():
    assert waarden.email(" naam@voorbeeld.nl ") == "naam@voorbeeld.nl"
    with pytest.raises(waarden.WaardeFout, match="geen e-mailadres"):
        waarden.email("06-12345678")
    assert waarden.datum("20-3-2018") == waarden.datum("2018-03-20") == dt.date(2018, 3, 20)
    assert waarden.datum(dt.datetime(2018, 3, 20, 0, 0)) == dt.date(2018, 3, 20)
    with pytest.raises(waarden.WaardeFout, match="geen datum"):
        waarden.datum("31-2-2018")


def test_csv_met_en_zonder_de_gegevens_van_de_groep(tmp_path):
    pad = tmp_path / "aanvragen.csv"
    pad.write_text("buurt;huishoudens;groepsnaam;iban\nWyck;3685;Groep Wyck;NL91ABNA0417164300\nJeker;1145;;\n",
                   encoding="utf-8")
    invoer = lezen.lees(pad, R2018)
    assert invoer.ok and not invoer.waarschuwingen, invoer.problemen
    assert [(a.groepsnaam, a.iban) for a in invoer.aanvragen] == [("Groep Wyck", "NL91 ABNA 0417 1643 00"),
                                                                  (None, None)]


def test_formulier_met_huishoudens_ver_van_cbs_geeft_waarschuwing_met_beide_aantallen(tmp_path):
    invoer = lezen.lees(_vul_in(tmp_path, {**GOED, "huishoudens": 368}), R2018)
    [waarschuwing] = invoer.waarschuwingen
    assert invoer.ok
    assert "368 huishoudens wijkt meer dan 25,00% af van het CBS-aantal 3.685 voor BU09350006 (Wyck, 2017)" in str(
        waarschuwing)
    assert waarschuwing.kolom == "huishoudens" and waarschuwing.rij is not None


def test_formulier_dicht_bij_cbs_of_zonder_bekende_buurtcode_geen_waarschuwing(tmp_path):
    # 3.685 × 1,25 = 4.606,25: 4.606 is within a quarter, an unknown code is not checked.
    for waarden_ in ({**GOED, "huishoudens": 4606}, {**GOED, "buurtcode": "BU99999999", "huishoudens": 10}):
        invoer = lezen.lees(_vul_in(tmp_path, waarden_), R2018)
        assert invoer.ok and not invoer.waarschuwingen, invoer.problemen


def test_grens_van_de_cbs_controle_is_een_aanname_van_de_regeling():
    parameter = R2018.parameters["controle.afwijking_huishoudens_cbs"]
    assert parameter.bron.startswith("aanname:")
    assert R2018.waarde("controle.afwijking_huishoudens_cbs") == waarden.getal("0.25", "x")
