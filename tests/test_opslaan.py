"""Atomic writing: the old file or the new one, never half of one, and never over an input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from buurtxl.opslaan import OpslaanFout, schrijf_atomair


def _schrijf(tekst: str):
    return lambda pad: Path(pad).write_text(tekst, encoding="utf-8")


def test_bestaande_uitvoer_alleen_met_overschrijven(tmp_path: Path) -> None:
    doel = tmp_path / "begroting.xlsx"
    doel.write_text("oud", encoding="utf-8")
    with pytest.raises(OpslaanFout, match="bestaat al; gebruik --force"):
        schrijf_atomair(doel, _schrijf("nieuw"))
    assert doel.read_text(encoding="utf-8") == "oud"
    schrijf_atomair(doel, _schrijf("nieuw"), overschrijven=True)
    assert doel.read_text(encoding="utf-8") == "nieuw"


def test_nooit_over_een_invoerbestand(tmp_path: Path) -> None:
    invoer = tmp_path / "aanvragen.xlsx"
    invoer.write_text("invoer", encoding="utf-8")
    with pytest.raises(OpslaanFout, match="dit is een invoerbestand"):
        schrijf_atomair(invoer, _schrijf("x"), overschrijven=True, invoer=(invoer,))
    assert invoer.read_text(encoding="utf-8") == "invoer"


def test_mislukte_schrijver_laat_het_oude_bestand_en_geen_restant(tmp_path: Path) -> None:
    doel = tmp_path / "begroting.xlsx"
    doel.write_text("oud", encoding="utf-8")

    def halverwege(pad: Path) -> None:
        Path(pad).write_text("half", encoding="utf-8")
        raise RuntimeError("stroom uitgevallen")

    with pytest.raises(RuntimeError):
        schrijf_atomair(doel, halverwege, overschrijven=True)
    assert doel.read_text(encoding="utf-8") == "oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["begroting.xlsx"]


def test_doelmap_moet_bestaan(tmp_path: Path) -> None:
    with pytest.raises(OpslaanFout, match="deze map bestaat niet"):
        schrijf_atomair(tmp_path / "nergens" / "b.xlsx", _schrijf("x"))


def test_map_zonder_schrijfrecht_noemt_het_doel_niet_het_tijdelijke_bestand(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        doel = Path("/proc/buurtxl-test.xlsx")  # root may write anywhere, but not into /proc
    else:
        alleen_lezen = tmp_path / "alleen-lezen"
        alleen_lezen.mkdir(mode=0o555)
        doel = alleen_lezen / "b.xlsx"
    with pytest.raises(OpslaanFout) as fout:
        schrijf_atomair(doel, _schrijf("x"))
    assert str(fout.value).startswith(f"{doel}: kan niet schrijven in de map")
    assert ".tmp" not in str(fout.value)


def test_nieuw_bestand_volgt_de_umask(tmp_path: Path) -> None:
    oud = os.umask(0o022)
    try:
        doel = schrijf_atomair(tmp_path / "begroting.xlsx", _schrijf("x"))
    finally:
        os.umask(oud)
    assert doel.stat().st_mode & 0o777 == 0o644  # not mkstemp's 600


def test_nieuw_bestand_onder_strenge_umask(tmp_path: Path) -> None:
    oud = os.umask(0o077)
    try:
        doel = schrijf_atomair(tmp_path / "begroting.xlsx", _schrijf("x"))
    finally:
        os.umask(oud)
    assert doel.stat().st_mode & 0o777 == 0o600


def test_vervangen_bestand_houdt_zijn_modus(tmp_path: Path) -> None:
    doel = tmp_path / "begroting.xlsx"
    doel.write_text("oud", encoding="utf-8")
    doel.chmod(0o664)
    schrijf_atomair(doel, _schrijf("nieuw"), overschrijven=True)
    assert doel.stat().st_mode & 0o777 == 0o664
