"""The README's worked examples are what the functions return, and every function is documented.

The examples are written as a Dutch Excel user types them (`;` between arguments, a decimal comma),
so they are evaluated here in that syntax.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from buurtxl.excel import udfs
from buurtxl.excel.udf_argumenten import Foutcel
from buurtxl.opmaak import als_euro, als_getal, als_procent

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
INSTALLEREN = ROOT / "xl" / "INSTALLEREN.md"
BEGIN, EINDE = "<!-- excel-functies:begin (issue 3) -->", "<!-- excel-functies:end -->"
VOORBEELD = re.compile(r"^\| `(=[A-Z_]+\(.*\))` \| (.+) \|$")


def sectie() -> str:
    tekst = README.read_text(encoding="utf-8")
    return tekst[tekst.index(BEGIN) : tekst.index(EINDE)]


def voorbeelden() -> list[tuple[str, str]]:
    gevonden = [VOORBEELD.match(regel) for regel in sectie().splitlines()]
    return [(m[1], m[2].replace("\\|", "|")) for m in gevonden if m]


def argument(tekst: str):
    tekst = tekst.strip()
    if tekst == "":
        return None
    if tekst.startswith('"'):
        return tekst.strip('"')
    return float(tekst.replace(",", "."))


def evalueer(formule: str):
    naam, args = re.fullmatch(r"=([A-Z_]+)\((.*)\)", formule).groups()
    return getattr(udfs, naam)(*(argument(a) for a in args.split(";")) if args else ())


def toon(naam: str, uitkomst) -> str:
    """A result as the README shows it (Dutch notation)."""
    if isinstance(uitkomst, Foutcel):
        return str(uitkomst)
    if isinstance(uitkomst, bool):
        return "WAAR" if uitkomst else "ONWAAR"
    if isinstance(uitkomst, str):
        return uitkomst
    if naam == "TOESLAG_PERCENTAGE":
        return als_procent(uitkomst)
    if naam == "REGELING":
        return als_getal(uitkomst)
    return als_euro(uitkomst)


def test_readme_heeft_een_voorbeeld_van_elke_functie() -> None:
    namen = {re.match(r"=([A-Z_]+)\(", f)[1] for f, _ in voorbeelden()}
    assert namen == set(udfs.__all__)


@pytest.mark.parametrize("formule,uitkomst", voorbeelden())
def test_readme_voorbeeld_klopt(formule, uitkomst) -> None:
    naam = formule[1:].split("(")[0]
    assert toon(naam, evalueer(formule)) == uitkomst


@pytest.mark.parametrize("naam", udfs.__all__)
def test_functie_staat_in_installeren(naam) -> None:
    assert f"`{naam}(" in INSTALLEREN.read_text(encoding="utf-8")


@pytest.mark.parametrize("naam", udfs.__all__)
def test_functie_staat_in_readme(naam) -> None:
    assert f"`{naam}(" in sectie()


def test_licentie_van_beide_routes_staat_er_duidelijk() -> None:
    for tekst in (sectie(), INSTALLEREN.read_text(encoding="utf-8")):
        assert "BSD" in tekst and "PolyForm Noncommercial" in tekst


@pytest.mark.parametrize(
    "stap",
    [
        "`xl/buurtxl_udfs.bas`",  # the import without trust access to the VBA project
        "`xl/buurtxl_beschrijvingen.bas`",  # and the function-wizard texts for that route
        "*Bestand › Bestand importeren…*",
        "*Extra › Verwijzingen…*",
        "*Toegang tot het VBA-projectobjectmodel vertrouwen*",
        "*Blokkering opheffen*",  # Mark of the Web (Office 2203 and later)
        "*Extra › Digitale handtekening…*",  # policies that allow signed macros only
        "xlwings addin install",
        "<!-- officejs:begin",
        "niet in Excel uitgevoerd",  # says plainly what was verified here
    ],
)
def test_installeren_noemt_elke_stap(stap) -> None:
    assert stap in INSTALLEREN.read_text(encoding="utf-8")
