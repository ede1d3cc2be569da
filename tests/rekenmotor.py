"""Shared helpers for tests that let LibreOffice recalculate a generated workbook."""

from __future__ import annotations

import os

import pytest

from buurtxl import herberekenen


def vereis_libreoffice() -> None:
    """LibreOffice is the independent engine: in CI its absence is a failure, never a skip."""
    if herberekenen.soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("CI: LibreOffice (soffice) ontbreekt; installeer libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd")

