"""A workbook sent to one group holds nothing of another group (issue 22): built from a folder of
forms with `buurtxl build MAP --per-buurt`, every part of each package is searched for every other
group's buurt name and form file name. The workbook opens on the group's own sheet."""

from __future__ import annotations

import zipfile
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from buurtxl import cli, regeling
from buurtxl.invoer import formulier

GROEPEN = {  # form file → (buurt, households): names that occur nowhere else in a workbook
    "aanvraag_wittevrouwenveld.xlsx": ("Wittevrouwenveld", 1700),
    "aanvraag_heugemerveld.xlsx": ("Heugemerveld", 900),
    "aanvraag_limmel.xlsx": ("Limmel", 1100),
}


def _formulier(doel: Path, buurt: str, huishoudens: int) -> None:
    wb = formulier.maak(regeling.laad("2018"))
    ws = wb[formulier.BLAD]
    for rij in range(1, ws.max_row + 1):
        sleutel = ws.cell(rij, formulier.KOLOM_SLEUTEL).value
        if sleutel == "buurt":
            ws.cell(rij, formulier.KOLOM_INVOER).value = buurt
        elif sleutel == "huishoudens":
            ws.cell(rij, formulier.KOLOM_INVOER).value = huishoudens
    wb.save(doel)


def test_werkmap_per_buurt_bevat_niets_van_een_andere_groep(tmp_path: Path) -> None:
    map_ = tmp_path / "formulieren"
    map_.mkdir()
    for naam, (buurt, huishoudens) in GROEPEN.items():
        _formulier(map_ / naam, buurt, huishoudens)
    uit = tmp_path / "per_buurt"
    resultaat = CliRunner().invoke(cli.buurtxl, ["build", str(map_), "-o", str(tmp_path / "b.xlsx"),
                                                 "--per-buurt", str(uit)])
    assert resultaat.exit_code == 0, resultaat.output
    werkmappen = sorted(uit.glob("*.xlsx"))
    assert len(werkmappen) == len(GROEPEN)
    for pad in werkmappen:
        with zipfile.ZipFile(pad) as z:
            delen = {naam: z.read(naam).decode("utf-8", "replace") for naam in z.namelist()}
        alles = "\n".join(delen.values())
        [eigen] = [b for b, _ in GROEPEN.values() if b in alles]  # its own buurt, and only its own
        eigen_bestand = next(f for f, (b, _) in GROEPEN.items() if b == eigen)
        assert eigen_bestand in alles  # its own form, with its SHA-256, on the Toelichting
        for bestand, (buurt, _) in GROEPEN.items():
            if buurt == eigen:
                continue
            for deel, tekst in delen.items():
                assert buurt not in tekst, (pad.name, deel, buurt)
                assert bestand not in tekst, (pad.name, deel, bestand)
                assert Path(bestand).stem not in tekst, (pad.name, deel, bestand)
        # It opens on the group's own sheet: the first sheet and the active one.
        wb = load_workbook(pad)
        assert wb.sheetnames[0] == eigen and wb.active.title == eigen
