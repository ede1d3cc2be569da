"""buurtxl's reader of a worksheet (`werkblad`) gives exactly what openpyxl's read-only reader gave.

The reader takes the shared strings a sheet uses from python-calamine instead of openpyxl's table of
all of them (issue 23); everything else (values, number formats, formulas, hidden rows, merged
cells, a Table's totals row) is still openpyxl's. Each test workbook is read both ways: with the
calamine strings, and with openpyxl's own table (the reader as it was), sheet by sheet.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from openpyxl.reader.excel import load_workbook

import corpus
import gemeentewerkmappen
from buurtxl.invoer import voorcontrole, werkblad


class _OpenpyxlTabel:
    """The strings as openpyxl reads them: its own table (as `load_workbook` made it)."""

    def __init__(self, wb: openpyxl.Workbook):
        self._wb = wb

    def vul(self, *args: object) -> None:
        pass

    def heeft_formules(self, titel: str) -> bool:
        return True

    def close(self) -> None:
        pass


def _zoals_voorheen(pad: Path) -> werkblad.Werkmap:
    waarden = load_workbook(pad, read_only=True, data_only=True)
    formules = load_workbook(pad, read_only=True, data_only=False)
    return werkblad.Werkmap(pad, waarden, _OpenpyxlTabel(waarden), formules)  # type: ignore[arg-type]


def _bladen(pad: Path, wm: werkblad.Werkmap) -> dict[str, tuple[werkblad.Blad, list[list[type]]]]:
    uit = {}
    for titel in wm.bladnamen:
        if hasattr(wm.waarden[titel], "iter_rows"):
            blad = werkblad.lees_blad(wm, titel)
            uit[titel] = (blad, [[type(w) for w in rij] for _, rij in blad.rijen])
    return uit


def _vergelijk(pad: Path) -> werkblad.Werkmap | None:
    try:
        voorheen = _zoals_voorheen(pad)
    except ValueError:  # a hostile workbook the reader as it was could not open: neither can this one
        with pytest.raises((ValueError, KeyError)):
            _bladen(pad, werkblad.open_werkmap(pad))
        return None
    nu = werkblad.open_werkmap(pad)
    try:
        verwacht, gelezen = _bladen(pad, voorheen), _bladen(pad, nu)
        assert list(gelezen) == list(verwacht)
        for titel, (blad, soorten) in verwacht.items():
            assert dataclasses.asdict(gelezen[titel][0]) == dataclasses.asdict(blad), (pad.name, titel)
            assert gelezen[titel][1] == soorten, (pad.name, titel)  # 1300 stays int, 0.68 float …
    finally:
        voorheen.close()
        nu.close()
    return nu


def _corpus_werkmappen(map_: Path) -> list[Path]:
    uit = []
    for geval in corpus.GEVALLEN:
        if geval.traag:
            continue
        (map_ / geval.naam).mkdir()
        pad = geval.maak(map_ / geval.naam)
        for p in [pad] if pad.is_file() else sorted(pad.rglob("*")):
            if p.suffix.lower() in (".xlsx", ".xlsm") and voorcontrole.controleer(p) is None:
                uit.append(p)  # (a file the hostile-file check refuses is never read)
    return uit


def test_elke_werkmap_van_het_corpus_wordt_gelezen_als_voorheen(tmp_path: Path) -> None:
    paden = _corpus_werkmappen(tmp_path)
    for naam in gemeentewerkmappen.NAMEN:
        (tmp_path / f"gemeente_{naam}").mkdir()
        paden.append(gemeentewerkmappen.maak(naam, tmp_path / f"gemeente_{naam}"))
    assert len(paden) > 20
    soorten = set()
    for pad in paden:
        wm = _vergelijk(pad)
        if wm is None:
            continue
        assert wm.teksten._alle is None, pad.name  # every string came from calamine
        for titel in wm.bladnamen:
            if hasattr(wm.waarden[titel], "iter_rows"):
                blad = werkblad.lees_blad(werkblad.open_werkmap(pad), titel)
                soorten |= {s for s, v in (("procent", blad.procent), ("verborgen", blad.verborgen),
                                           ("totaalrij", blad.totaalrijen), ("formule", blad.zonder_uitkomst),
                                           ("samengevoegd", blad.samengevoegd)) if v}
    # the cases that need openpyxl's cell model were among them
    assert soorten == {"procent", "verborgen", "totaalrij", "formule", "samengevoegd"}


def _met_tabel(sst: str, blad: str) -> bytes:
    """A workbook whose sheet and shared strings are exactly `blad` and `sst` (XML)."""
    basis = io.BytesIO()
    wb = openpyxl.Workbook()
    wb.active.title = "S"
    wb.active["A1"] = "x"
    wb.save(basis)
    uit = io.BytesIO()
    with zipfile.ZipFile(basis) as zin, zipfile.ZipFile(uit, "w") as zout:
        for naam in zin.namelist():
            data = zin.read(naam)
            if naam == "xl/worksheets/sheet1.xml":
                data = blad.encode()
            zout.writestr(naam, data)
    return uit.getvalue()


def test_lastige_teksten_en_een_blad_dat_niet_in_a1_begint(tmp_path: Path) -> None:
    """Rich text with a phonetic run, kept spaces, an empty string, Excel's _xHHHH_ escapes (which
    calamine decodes and openpyxl keeps: taken from openpyxl's table), a sheet starting at C5."""
    pad = tmp_path / "lastig.xlsx"
    wb = xlsxwriter.Workbook(str(pad))
    ws = wb.add_worksheet("Aanvragen")
    vet = wb.add_format({"bold": True})
    ws.write_rich_string("C5", "ri", vet, " ch ", "!")
    ws.write_string("D5", "  spaties  ")
    ws.write_string("E5", "regel\r\neinde")  # XlsxWriter writes the CR as _x000D_
    ws.write_string("F6", "Café & co <b>")
    ws.write_string("C7", "Céramique")
    ws.write_number("D7", 0.68, wb.add_format({"num_format": "0%"}))
    wb.close()
    wm = _vergelijk(pad)
    assert wm is not None
    blad = werkblad.lees_blad(werkblad.open_werkmap(pad), "Aanvragen")
    assert blad.rijen[4] == (5, [None, None, "ri ch !", "  spaties  ", "regel_x000D_\neinde"])
    assert blad.rijen[6] == (7, [None, None, "Céramique", 0.68]) and blad.procent == {(7, 4)}
    assert wm.teksten._alle is not None  # the escaped string came from openpyxl's table


def test_de_gedeelde_teksten_van_andere_bladen_worden_niet_gelezen(tmp_path: Path) -> None:
    """A sheet beside 'Aanvragen' with many strings of its own: only the strings 'Aanvragen'
    uses are looked up, and the table of openpyxl is never built."""
    pad = tmp_path / "groot.xlsx"
    wb = xlsxwriter.Workbook(str(pad))
    ws = wb.add_worksheet("Aanvragen")
    for k, kop in enumerate(corpus.KOP):
        ws.write_string(0, k, kop)
    groot = wb.add_worksheet("Mutaties")
    for i in range(3000):
        groot.write_string(i, 0, f"boeking {i}")
    for r, rij in enumerate(corpus.GOED, start=1):  # these strings come after the ledger's in the table
        for k, waarde in enumerate(rij):
            ws.write_string(r, k, waarde)
    wb.close()
    wm = werkblad.open_werkmap(pad)
    blad = werkblad.lees_blad(wm, "Aanvragen")
    assert [rij for _, rij in blad.rijen] == [corpus.KOP, *corpus.GOED]
    assert len(wm.teksten._tekst) == len({*corpus.KOP, *(w for rij in corpus.GOED for w in rij)})
    assert wm.teksten._alle is None
    wm.close()


@pytest.mark.parametrize("tot", [1, 2])
def test_kopregel_zoeken_leest_alleen_de_eerste_rijen(tmp_path: Path, tot: int) -> None:
    pad = tmp_path / "kop.xlsx"
    pad.write_bytes(corpus.xlsx_bytes([corpus.KOP, *corpus.GOED]))
    wm = werkblad.open_werkmap(pad)
    rijen = list(wm.blad("Aanvragen", tot_rij=tot).iter_rows(max_row=tot, values_only=True))
    assert [list(r) for r in rijen] == [corpus.KOP, [c or None for c in corpus.GOED[0]]][:tot]
    blad = werkblad.lees_blad(wm, "Aanvragen")  # afterwards the whole sheet, all its strings
    wm.close()
    voorheen = _zoals_voorheen(pad)
    assert blad == werkblad.lees_blad(voorheen, "Aanvragen")
    voorheen.close()
