"""A corpus of municipal workbooks as staff keep them, for `buurtxl update` (issue 10).

Every workbook is written here with XlsxWriter (as Excel would store it: Tables, stored formula
results, charts, images, comments, validation, conditional formatting, protection, a hidden sheet,
VBA) or converted by LibreOffice (a workbook last saved there) — never with buurtxl's own writer.
Nothing binary is stored in the repository.

`maak(naam, map_)` writes one; `NAMEN` lists them. Run `python tests/gemeentewerkmappen.py MAP` to
write them all into MAP.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import xlsxwriter

import corpus
import werkmappen

# The applications on 'Aanvragen' (corpus.GOED) with numbers as numbers.
RIJEN = [[int(v) if v.isdigit() else (v or None) for v in rij] for rij in corpus.GOED]
TABEL = "Aanvragentabel"


def _aanvragen(wb, *, tabel: bool, totaalrij: bool = False, formules: bool = False) -> None:
    """'Aanvragen' with the input contract's columns, as a Table or a plain range.

    `formules`: basissubsidie as the sum of its parts (=SUM(H2:J2)) with the stored result Excel
    would write; the parts sit in three extra columns right of the contract.
    """
    ws = wb.add_worksheet("Aanvragen")
    kop = [*corpus.KOP, "opmerking"]
    extra = ["post_1", "post_2", "post_3"] if formules else []
    geld = wb.add_format({"num_format": "€ #,##0.00"})
    for r, rij in enumerate(RIJEN, start=1):
        for k, waarde in enumerate([*rij, "eigen aantekening"]):
            if waarde is not None:
                ws.write(r, k, waarde, geld if k in (4, 5, 6) else None)
        if formules:
            delen = [rij[4] - 2000 - 1000, 1000, 2000]
            for k, deel in enumerate(delen, start=len(kop)):
                ws.write_number(r, k, deel)
            ws.write_formula(r, 4, f"=SUM(I{r + 1}:K{r + 1})", geld, value=rij[4])
    ws.set_column(1, 1, 24)
    ws.freeze_panes(1, 0)
    kolommen = [*kop, *extra]
    if tabel:
        laatste = len(RIJEN) + (1 if totaalrij else 0)
        specs = [{"header": k} for k in kolommen]
        if totaalrij:
            specs[1] = {"header": "buurt", "total_string": "Totaal"}
            specs[2] = {"header": "huishoudens", "total_function": "sum"}
        ws.add_table(0, 0, laatste, len(kolommen) - 1, {"name": TABEL, "columns": specs, "total_row": totaalrij,
                                                        "style": "Table Style Medium 2"})
    else:
        for k, naam in enumerate(kolommen):
            ws.write(0, k, naam)


def _notities(wb, *, beschermd: bool = False, grafiek: bool = False, afbeelding: Path | None = None,
              gestructureerd: bool = False) -> None:
    ws = wb.add_worksheet("Notities")
    kop = wb.add_format({"bold": True, "font_size": 14, "font_color": "#1F4E79", "bg_color": "#DDEBF7"})
    ws.write("A1", "Overzicht van de afdeling", kop)
    ws.write_comment("A1", "Bijgehouden door de afdeling", {"author": "Medewerker", "x_scale": 2, "color": "#FFFF99"})
    ws.write("A2", "Drempel")
    ws.write_number("B2", 1300, wb.add_format({"num_format": "#,##0"}))
    ws.write("A3", "Dubbel")
    ws.write_formula("B3", "=B2*2", None, 2600)
    ws.write("A4", "Huishoudens")
    if gestructureerd:
        ws.write_formula("B4", f"=SUM({TABEL}[huishoudens])", None, 4270)
    else:
        ws.write_formula("B4", "=SUM(Aanvragen!C2:C4)", None, 4270)
    ws.write("A5", "Ja of nee")
    ws.data_validation("C2:C4", {"validate": "list", "source": ["ja", "nee"], "input_message": "Kies ja of nee"})
    ws.conditional_format("B2:B4", {"type": "cell", "criteria": ">", "value": 2000,
                                    "format": wb.add_format({"bg_color": "#FFC7CE"})})
    ws.merge_range("A6:C6", "Samengevoegde kop")
    ws.write_url("A8", "https://www.gemeentemaastricht.nl/", string="Website gemeente")
    ws.write("A9", "Bijgewerkt op")
    ws.write_formula("B9", "=NOW()", wb.add_format({"num_format": "dd-mm-yyyy hh:mm:ss"}), 43165.5)
    ws.set_column("A:A", 30)
    ws.ignore_errors({"number_stored_as_text": "D1:D10"})
    if grafiek:
        staaf = wb.add_chart({"type": "column"})
        staaf.add_series(
            {"name": "Huishoudens", "categories": "=Aanvragen!$B$2:$B$4", "values": "=Aanvragen!$C$2:$C$4"}
        )
        ws.insert_chart("E2", staaf)
    if afbeelding is not None:
        ws.insert_image("E20", str(afbeelding))
    if beschermd:
        ws.protect("", {"format_cells": True})
    wb.define_name("Eigen_Drempel", "=Notities!$B$2")
    wb.define_name("Notities!Lokaal", "=Notities!$B$3")


def _verborgen(wb) -> None:
    ws = wb.add_worksheet("Verborgen")
    ws.write("A1", "intern")
    ws.hide()


def _rapportage(wb) -> None:
    """A report sheet that points into the Begroting by address and by a name of the user's own,
    and by buurtxl's stable handles (the way the README advises)."""
    ws = wb.add_worksheet("Rapportage")
    ws.write("A1", "Totaal volgens de begroting")
    ws.write_formula("B1", "=Begroting!L10", None, 0)
    ws.write("A2", "Via eigen naam")
    ws.write_formula("B2", "=MijnTotaal", None, 0)
    ws.write("A3", "Via de naam van buurtxl")
    ws.write_formula("B3", "=Begroting_Totaal", None, 0)
    ws.write("A4", "Via de tabel van buurtxl")
    ws.write_formula("B4", "=SUM(Begrotingstabel[Totaal])", None, 0)
    wb.define_name("MijnTotaal", "=Begroting!$L$10")


def _schrijf(pad: Path, vul: Callable[[xlsxwriter.Workbook], None], *, vba: bool = False) -> Path:
    wb = xlsxwriter.Workbook(str(pad))
    wb.set_properties({"company": "Gemeente Maastricht", "manager": "Afdeling Sociaal Domein"})
    wb.set_custom_property("Zaaknummer", "2018-0042")
    vul(wb)
    if vba:
        with tempfile.TemporaryDirectory() as map_:
            bin_ = Path(map_) / "vbaProject.bin"
            bin_.write_bytes(werkmappen.vba_project())
            wb.add_vba_project(str(bin_))
            wb.close()
    else:
        wb.close()
    return pad


def _png(map_: Path) -> Path:
    pad = map_ / "logo.png"
    pad.write_bytes(werkmappen.png())
    return pad


def tabel_met_totaalrij(map_: Path) -> Path:
    return _schrijf(map_ / "tabel_met_totaalrij.xlsx", lambda wb: (
        _aanvragen(wb, tabel=True, totaalrij=True), _notities(wb, gestructureerd=True), _verborgen(wb)))


def tabel_zonder_totaalrij(map_: Path) -> Path:
    return _schrijf(map_ / "tabel_zonder_totaalrij.xlsx", lambda wb: (
        _aanvragen(wb, tabel=True), _notities(wb, gestructureerd=True)))


def grafiek_en_afbeelding(map_: Path) -> Path:
    logo = _png(map_)
    pad = _schrijf(map_ / "grafiek_en_afbeelding.xlsx", lambda wb: (
        _aanvragen(wb, tabel=False), _notities(wb, grafiek=True, afbeelding=logo), _verborgen(wb)))
    logo.unlink()
    return pad


def beveiligd(map_: Path) -> Path:
    return _schrijf(map_ / "beveiligd.xlsx", lambda wb: (_aanvragen(wb, tabel=False), _notities(wb, beschermd=True)))


def met_macro(map_: Path) -> Path:
    return _schrijf(map_ / "met_macro.xlsm", lambda wb: (_aanvragen(wb, tabel=True), _notities(wb)), vba=True)


def formules_met_uitkomst(map_: Path) -> Path:
    return _schrijf(map_ / "formules_met_uitkomst.xlsx", lambda wb: (
        _aanvragen(wb, tabel=False, formules=True), _notities(wb)))


def verwijzingen_naar_begroting(map_: Path) -> Path:
    return _schrijf(map_ / "verwijzingen_naar_begroting.xlsx", lambda wb: (
        _aanvragen(wb, tabel=False), _notities(wb), _rapportage(wb)))


def libreoffice(map_: Path) -> Path:
    """The chart-and-image workbook after a round trip through LibreOffice (its last save)."""
    from buurtxl import herberekenen

    with tempfile.TemporaryDirectory() as werk:
        bron = grafiek_en_afbeelding(Path(werk))
        [uit] = herberekenen.converteer([bron], Path(werk) / "uit")
        doel = map_ / "libreoffice.xlsx"
        shutil.copyfile(uit, doel)
    return doel




def formules_zonder_uitkomst(map_: Path) -> Path:
    """The formula workbook as a program that stores no results writes it (openpyxl, scripts):
    every `<v>` after an `<f>` on 'Aanvragen' removed."""
    import re
    import zipfile

    with tempfile.TemporaryDirectory() as werk:
        bron = formules_met_uitkomst(Path(werk))
        doel = map_ / "formules_zonder_uitkomst.xlsx"
        with zipfile.ZipFile(bron) as zin, zipfile.ZipFile(doel, "w", zipfile.ZIP_DEFLATED) as zuit:
            for info in zin.infolist():
                data = zin.read(info)
                if info.filename == "xl/worksheets/sheet1.xml":
                    data = re.sub(rb"(</f>)<v>[^<]*</v>", rb"\1", data)
                zuit.writestr(info, data)
    return doel


MAKERS: dict[str, Callable[[Path], Path]] = {
    f.__name__: f for f in (tabel_met_totaalrij, tabel_zonder_totaalrij, grafiek_en_afbeelding, beveiligd,
                            met_macro, formules_met_uitkomst, formules_zonder_uitkomst,
                            verwijzingen_naar_begroting, libreoffice)
}
NAMEN = tuple(MAKERS)


def maak(naam: str, map_: Path) -> Path:
    return MAKERS[naam](map_)


if __name__ == "__main__":
    doel = Path(sys.argv[1] if len(sys.argv) > 1 else "gemeentewerkmappen")
    doel.mkdir(parents=True, exist_ok=True)
    for naam in NAMEN:
        print(maak(naam, doel))
