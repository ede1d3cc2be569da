"""The terminal table of `bereken`: amounts are never cut, whatever the width or the buurt name."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from rich.console import Console

from buurtxl import regeling
from buurtxl.cli import terminal
from buurtxl.model import Aanvraag
from buurtxl.regels import tabel

LANG = "Buurtnetwerk Heugemerveld-Noord en omgeving van de Sint-Pieterskerk"


def _tekst(breedte: int) -> str:
    r = regeling.laad("2018")
    aanvragen = [
        Aanvraag(LANG, 1620, buurtscore=Decimal(50), basissubsidie=Decimal(5850)),
        Aanvraag("Wyck", 1250, buurtscore=Decimal(52), supplement_aangevraagd=Decimal(2000)),
    ]
    uitkomst = tabel.bereken_tabel(r, tabel.frame(aanvragen))
    scherm = Console(width=breedte, record=True, file=io.StringIO())
    scherm.print(terminal.resultaten(uitkomst, "Resultaten", breedte=breedte))
    return scherm.export_text()


# By hand: the long name 5850 + 15% of 5850 = 877,50 (potentieel) + 3000 reserved (50 < 57) = 9727,50;
# Wyck 5850 + 0 (1250 households) + 2000 requested (52 < 57) = 7850,00.
@pytest.mark.parametrize("breedte", [80, 100])
def test_bedragen_heel_bij_smal_venster(breedte: int) -> None:
    tekst = _tekst(breedte)
    for bedrag in ("€ 5.850,00", "€ 877,50", "€ 3.000,00", "€ 9.727,50", "€ 2.000,00", "€ 7.850,00"):
        assert bedrag in tekst, (bedrag, tekst)
    assert "…" not in tekst
    assert max(len(regel.rstrip()) for regel in tekst.splitlines()) <= breedte


def test_lange_naam_loopt_door_op_de_volgende_regels() -> None:
    tekst = _tekst(80)
    assert "Heugemerveld" in tekst and "Sint-Pieter" in tekst.replace("\n", "")


def test_smal_venster_noemt_wat_is_weggelaten() -> None:
    smal, breed = _tekst(80), _tekst(160)
    assert "Weggelaten (smal venster): Toeslag %" in smal and "15,00%" not in smal
    assert "15,00%" in breed and "Weggelaten" not in breed
