"""`buurtxl vaststellen WERKMAP.xlsx`: the year as the officer works it (issue 20).

`build` writes the budget workbook at application time; after the year she types what was spent
on each buurt's sheet and what was spent and paid on the Vaststelling sheet (here with openpyxl),
the workbook is saved (here by LibreOffice, as Excel would: with stored results) and `vaststellen`
reads it back. Every amount below is worked out by hand from the decision, not taken from the code:

- Wyck: 1.495 huishoudens → 15% (the maximum) × € 5.850 = € 877,50 toeslag, applied for € 877,50.
  Besteed € 6.400 ≥ € 5.850, toeslag besteed € 900 → toeslag € 877,50; vastgesteld € 6.727,50,
  betaald € 5.850 → nabetalen € 877,50.
- Mariaberg: buurtscore 40 < 57, supplement applied for € 2.000. Besteed € 4.300 → basissubsidie
  € 4.300; supplement besteed € 2.000 → € 2.000; vastgesteld € 6.300, betaald € 7.850 → terugvorderen
  € 1.550.
- Heer: basissubsidie € 4.850, besteed € 4.850, betaald € 4.850 → sluitend.
- Caberg: 1.600 huishoudens, toeslag not applied for; besteed € 6.400 with toeslag besteed empty →
  toeslag € 0 (and a warning naming € 6.400,00 and € 5.850,00); betaald € 5.850 → sluitend.
- Malpertuis: buurtscore 50, supplement reserved (€ 3.000, no request); supplement besteed empty →
  ontbreekt: not settled, € 3.000 still open.

Totals: vastgesteld totaal 6.727,50 + 6.300 + 4.850 + 5.850 = € 23.727,50 (Malpertuis is open);
nog te betalen € 877,50; terug te vorderen € 1.550,00; verleend nog open € 3.000,00.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from buurtxl import cli, herberekenen
from buurtxl.werkmap import buurtblad, vaststellingblad as vb
from rekenmotor import vereis_libreoffice

AANVRAGEN = (
    "buurt;huishoudens;buurtscore;basissubsidie;toeslag_aangevraagd;supplement_aangevraagd\n"
    "Wyck;1495;70;;877,50;\n"
    "Mariaberg;900;40;;;2000\n"
    "Heer;1000;60;4850;;\n"
    "Caberg;1600;70;;;\n"
    "Malpertuis;900;50;;;\n"
)
# Typed after the year: besteed on the buurt's sheet, the rest on the Vaststelling sheet.
GETYPT = {
    "Wyck": {"besteed": 6400, "toeslag_besteed": 900, "betaald": 5850},
    "Mariaberg": {"besteed": 4300, "supplement_besteed": 2000, "betaald": 7850},
    "Heer": {"besteed": 4850, "betaald": 4850},
    "Caberg": {"besteed": 6400, "betaald": 5850},
    "Malpertuis": {"besteed": 5850, "betaald": 8850},
}
VERWACHT = {  # buurt: (vastgesteld totaal, saldo, status, ontbreekt)
    "Wyck": ("6727.50", "877.50", "nabetalen", ""),
    "Mariaberg": ("6300.00", "-1550.00", "terugvorderen", ""),
    "Heer": ("4850.00", "0.00", "sluitend", ""),
    "Caberg": ("5850.00", "0.00", "sluitend", ""),
    "Malpertuis": ("", "", "ontbreekt", "supplement besteed"),
}


def _run(*args: str):
    return CliRunner().invoke(cli.buurtxl, list(args), prog_name="buurtxl")


def _typ(pad: Path, doel: Path) -> None:
    """What the officer types, in the cells `build` left open for it."""
    wb = openpyxl.load_workbook(pad)
    ws = wb["Vaststelling"]
    for i, buurt in enumerate(GETYPT):
        getypt = GETYPT[buurt]
        wb[buurt][buurtblad.invoercel("besteed")] = getypt["besteed"]
        for key in vb.INVOER:
            if key in getypt:
                ws[f"{vb.LETTER[key]}{vb.EERSTE_RIJ + i}"] = getypt[key]
    wb.save(doel)


@pytest.fixture(scope="module")
def werkmappen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    vereis_libreoffice()
    map_ = tmp_path_factory.mktemp("jaar")
    (map_ / "aanvragen.csv").write_text(AANVRAGEN, encoding="utf-8")
    begroting = map_ / "begroting.xlsx"
    uit = _run("build", str(map_ / "aanvragen.csv"), "-o", str(begroting), "-q")
    assert uit.exit_code == 0, uit.output
    openpyxl_pad = map_ / "ingevuld_openpyxl.xlsx"
    _typ(begroting, openpyxl_pad)
    libreoffice = herberekenen.herbereken(openpyxl_pad, map_ / "ingevuld_libreoffice.xlsx")
    return {"openpyxl": openpyxl_pad, "libreoffice": libreoffice}


@pytest.mark.parametrize("opgeslagen", ["openpyxl", "libreoffice"])
def test_vaststellen_leest_de_begrotingswerkmap(werkmappen, opgeslagen: str) -> None:
    uit = _run("vaststellen", str(werkmappen[opgeslagen]), "--csv")
    assert uit.exit_code == 0, uit.output
    rijen = {r["buurt"]: r for r in csv.DictReader(io.StringIO(uit.stdout))}
    assert list(rijen) == list(VERWACHT)
    for buurt, (totaal, saldo, status, ontbreekt) in VERWACHT.items():
        rij = rijen[buurt]
        assert (rij["vastgesteld_totaal"], rij["saldo"], rij["saldo_status"], rij["ontbreekt"]) == (
            totaal, saldo, status, ontbreekt), buurt
    assert rijen["Wyck"]["vastgesteld_toeslag"] == "877.50"
    assert rijen["Mariaberg"]["vastgesteld_basissubsidie"] == "4300.00"
    assert rijen["Mariaberg"]["vastgesteld_supplement"] == "2000.00"
    assert rijen["Caberg"]["vastgesteld_toeslag"] == "0.00"
    assert rijen["Malpertuis"]["open_verleend"] == "3000.00"
    naam = werkmappen[opgeslagen].name
    # Warnings name the workbook, the sheet, the row, the column and the buurt.
    assert (f"Waarschuwing: {naam}, blad 'Vaststelling', rij 9, kolom 'toeslag_besteed': besteed € 6.400,00 is "
            "meer dan de basissubsidie € 5.850,00, maar toeslag_besteed is leeg; geen toeslag") in uit.stderr
    assert "het meerdere wordt niet vergoed (buurt Caberg)" in uit.stderr
    assert (f"Waarschuwing: {naam}, blad 'Vaststelling', rij 10, kolom 'supplement_besteed': supplement besteed "
            "is leeg: ontbreekt, niet € 0,00; dit onderdeel wordt nog niet vastgesteld (buurt Malpertuis)"
            ) in uit.stderr


def test_totalen_in_de_terminal(werkmappen) -> None:
    uit = _run("vaststellen", str(werkmappen["libreoffice"]))
    assert uit.exit_code == 0, uit.output

    def regel(label: str) -> str:
        return uit.stdout.split(label)[1].splitlines()[0].strip()

    assert regel("Vastgesteld totaal:") == "€ 23.727,50"
    assert regel("Nog te betalen:") == "€ 877,50"
    assert regel("Terug te vorderen:") == "€ 1.550,00"
    assert "Nog niet vastgesteld: 1 buurtnetwerk i.o." in uit.stdout
    assert regel("Verleend, nog open:") == "€ 3.000,00"


def test_het_werkblad_rekent_hetzelfde(werkmappen) -> None:
    """The Vaststelling sheet as LibreOffice computed it on saving: the same hand-worked amounts."""
    ws = openpyxl.load_workbook(werkmappen["libreoffice"], data_only=True)["Vaststelling"]
    def bedrag(waarde: object) -> str:
        return "" if waarde in (None, "") else f"{Decimal(str(waarde)).quantize(Decimal('0.01'))}"

    for i, (buurt, (totaal, saldo, status, ontbreekt)) in enumerate(VERWACHT.items()):
        rij = {k: ws[f"{vb.LETTER[k]}{vb.EERSTE_RIJ + i}"].value
               for k in ("buurt", "vastgesteld_totaal", "saldo", "saldo_status", "ontbreekt")}
        assert (rij["buurt"], bedrag(rij["vastgesteld_totaal"]), bedrag(rij["saldo"]), rij["saldo_status"],
                rij["ontbreekt"] or "") == (buurt, totaal, saldo, status, ontbreekt)
    n = len(VERWACHT)
    assert ws[vb.totaalcel("vastgesteld_totaal", n)].value == pytest.approx(23727.50, abs=0.001)
    assert ws[vb.totaalcel("open_verleend", n)].value == pytest.approx(3000, abs=0.001)


def test_een_fout_bedrag_noemt_blad_rij_en_buurt(werkmappen, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(werkmappen["openpyxl"])
    wb["Vaststelling"][f"{vb.LETTER['betaald']}{vb.EERSTE_RIJ + 1}"] = -5
    wb["Heer"][buurtblad.invoercel("besteed")] = "veel"
    pad = tmp_path / "fout.xlsx"
    wb.save(pad)
    uit = _run("vaststellen", str(pad))
    assert uit.exit_code == 1
    assert "fout.xlsx, blad 'Vaststelling', rij 7, kolom 'betaald'" in uit.stderr and "(buurt Mariaberg)" in uit.stderr
    assert f"fout.xlsx, blad 'Heer', rij {buurtblad.INVOER_RIJEN['besteed']}, kolom 'besteed'" in uit.stderr
    assert "(buurt Heer)" in uit.stderr
    assert "--blad" not in uit.output and "Traceback" not in uit.output


def test_zonder_buurtbladen_staat_besteed_in_de_rij_van_de_begroting(tmp_path: Path, monkeypatch) -> None:
    """More buurten than `MAX_BUURTBLADEN`: the applications are the Begroting's own input columns."""
    from buurtxl import invoer, regeling, werkmap
    from buurtxl.invoer import begrotingswerkmap
    from buurtxl.regels import vaststelling
    from buurtxl.werkmap import begroting

    r = regeling.laad("2018")
    monkeypatch.setattr(werkmap, "MAX_BUURTBLADEN", 0)
    rijen = list(csv.DictReader(io.StringIO(AANVRAGEN), delimiter=";"))
    aanvragen = invoer.valideer(list(enumerate(rijen, start=2)), r).aanvragen
    wb = werkmap.maak_begroting(aanvragen, r)
    besteed = begroting.kolom_letter("besteed", False)
    for i, buurt in enumerate(GETYPT):
        wb["Begroting"][f"{besteed}{begroting.EERSTE_RIJ + i}"] = GETYPT[buurt]["besteed"]
        for key in vb.INVOER:
            if key in GETYPT[buurt]:
                wb["Vaststelling"][f"{vb.LETTER[key]}{vb.EERSTE_RIJ + i}"] = GETYPT[buurt][key]
    pad = tmp_path / "groot.xlsx"
    wb.save(pad)
    assert begrotingswerkmap.is_begroting(pad)
    gelezen = begrotingswerkmap.lees(pad, r)
    assert gelezen.ok, [str(p) for p in gelezen.fouten]
    uitkomst = vaststelling.vaststel_invoer(r, gelezen)
    assert [(v.buurt, "" if v.saldo is None else str(v.saldo), v.saldo_status) for v in uitkomst.vaststellingen] == [
        (b, saldo, status) for b, (_, saldo, status, _) in VERWACHT.items()]
    assert uitkomst.totalen.vastgesteld_totaal == Decimal("23727.50")


def test_update_bewaart_wat_op_het_blad_vaststelling_is_getypt(tmp_path: Path) -> None:
    """`update` rebuilds our sheets from 'Aanvragen': what was typed on the Vaststelling sheet (which
    'Aanvragen' does not hold) comes back in the same cells; a value 'Aanvragen' holds wins."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Aanvragen"
    ws.append(["buurt", "huishoudens", "buurtscore", "betaald"])
    ws.append(["Wyck", 900, 40, None])
    ws.append(["Heer", 1000, 60, 4000])
    pad = tmp_path / "afdeling.xlsx"
    wb.save(pad)
    assert _run("update", str(pad), "--zonder-libreoffice", "-q").exit_code == 0
    wb = openpyxl.load_workbook(pad)
    vast = wb["Vaststelling"]
    vast[f"{vb.LETTER['supplement_besteed']}{vb.EERSTE_RIJ}"] = 2500
    vast[f"{vb.LETTER['betaald']}{vb.EERSTE_RIJ}"] = 8850
    vast[f"{vb.LETTER['betaald']}{vb.EERSTE_RIJ + 1}"] = 4850  # 'Aanvragen' says 4000: that wins
    wb.save(pad)
    uit = _run("update", str(pad), "--zonder-libreoffice", "-q")
    assert uit.exit_code == 0, uit.output
    vast = openpyxl.load_workbook(pad)["Vaststelling"]
    assert vast[f"{vb.LETTER['supplement_besteed']}{vb.EERSTE_RIJ}"].value == 2500
    assert vast[f"{vb.LETTER['betaald']}{vb.EERSTE_RIJ}"].value == 8850
    assert vast[f"{vb.LETTER['betaald']}{vb.EERSTE_RIJ + 1}"].value == 4000
    # A typed amount that cannot be read stops the update, named; the workbook stays as it was.
    wb = openpyxl.load_workbook(pad)
    wb["Vaststelling"][f"{vb.LETTER['betaald']}{vb.EERSTE_RIJ}"] = "veel"
    wb.save(pad)
    voor = pad.read_bytes()
    uit = _run("update", str(pad), "--zonder-libreoffice")
    assert uit.exit_code == 1
    assert "afdeling.xlsx, blad 'Vaststelling', rij 6, kolom 'betaald'" in uit.stderr
    assert "niets bijgewerkt" in uit.stderr
    assert pad.read_bytes() == voor
