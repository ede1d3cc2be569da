"""werkmap.bewaren writes exactly what openpyxl's Workbook.save writes, without temporary files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl.worksheet import _writer

from buurtxl import regeling, werkmap
from buurtxl.invoer import lezen
from buurtxl.model import Herkomst
from buurtxl.regeling import voorbeeld
from buurtxl.werkmap import bewaren

R = regeling.laad("2018")
HERKOMST = Herkomst(invoer="aanvragen.csv", sha256=None, gegenereerd="2018-03-06 10:00:00")
AANVRAGEN = lezen.lees(voorbeeld.pad(), R).aanvragen
# Each case builds a fresh workbook: openpyxl's own save changes a workbook it has saved before.
WERKMAPPEN = {
    "voorbeeld": lambda: werkmap.maak_begroting(AANVRAGEN, R, herkomst=HERKOMST),
    "udf": lambda: werkmap.maak_begroting(AANVRAGEN, R, formules="udf", herkomst=HERKOMST),
    "per buurt": lambda: werkmap.maak_buurtwerkmap(AANVRAGEN[0], R, herkomst=HERKOMST),
}


def _delen(pad: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(pad) as zf:
        # docProps/core.xml holds the time of saving, to the second.
        return {n: zf.read(n) for n in zf.namelist() if n != "docProps/core.xml"}


@pytest.mark.parametrize("naam", [*WERKMAPPEN, "inline"])
def test_zelfde_bestand_als_openpyxl_zonder_tijdelijke_bestanden(naam: str, tmp_path: Path, monkeypatch) -> None:
    if naam == "inline":  # above MAX_BUURTBLADEN the Begroting computes its rows itself
        monkeypatch.setattr(werkmap, "MAX_BUURTBLADEN", 3)
    maak = WERKMAPPEN.get(naam, WERKMAPPEN["voorbeeld"])
    maak().save(tmp_path / "openpyxl.xlsx")

    def geen_tijdelijk_bestand(*args, **kwargs):
        raise AssertionError("een tijdelijk bestand per blad")

    monkeypatch.setattr(_writer, "create_temporary_file", geen_tijdelijk_bestand)
    bewaren.bewaar(maak(), tmp_path / "bewaard.xlsx")
    verwacht, gekregen = _delen(tmp_path / "openpyxl.xlsx"), _delen(tmp_path / "bewaard.xlsx")
    assert len(verwacht) > 8
    assert sorted(gekregen) == sorted(verwacht)
    assert [n for n in verwacht if gekregen[n] != verwacht[n]] == []
