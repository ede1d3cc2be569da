"""Shared helpers for tests that let LibreOffice recalculate a generated workbook."""

from __future__ import annotations

import os
from decimal import ROUND_HALF_UP, Decimal

import pytest

from buurtxl import herberekenen

CENT = Decimal("0.01")


def vereis_libreoffice() -> None:
    """LibreOffice is the independent engine: in CI its absence is a failure, never a skip."""
    if herberekenen.soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("CI: LibreOffice (soffice) ontbreekt; installeer libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd")


def cent(waarde: object) -> Decimal:
    """A recomputed amount as Decimal cents; it must already be a whole cent (a ROUND result)."""
    assert isinstance(waarde, (int, float)), f"geen getal: {waarde!r}"
    exact = Decimal(repr(float(waarde)))
    afgerond = exact.quantize(CENT, rounding=ROUND_HALF_UP)
    assert abs(exact - afgerond) < Decimal("1e-7"), f"{waarde!r} is geen heel aantal centen"
    return afgerond
