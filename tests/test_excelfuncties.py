"""The one table of the Excel functions' arguments (`excelfuncties`) is what every face uses, and
the function help holds no number of the scheme."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from buurtxl import regeling, velden
from buurtxl.excel import excelfuncties, udfs
from buurtxl.excel.excelfuncties import FUNCTIES

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.parametrize("naam", udfs.__all__)
def test_functie_heeft_de_argumenten_van_de_tabel(naam) -> None:
    parameters = inspect.signature(getattr(udfs, naam)).parameters
    functie = FUNCTIES[naam]
    assert tuple(parameters) == functie.argumenten
    verplicht = tuple(p for p, v in parameters.items() if v.default is inspect.Parameter.empty)
    assert verplicht == functie.verplicht
    assert parameters["versie"].default == "2018"


def test_alle_functies_staan_in_de_tabel() -> None:
    assert sorted(FUNCTIES) == sorted(udfs.__all__)


def test_weggelaten_en_benoemde_argumenten_worden_aangevuld() -> None:
    # Named like the table, in any order; what is left out is empty (None) or the standard version.
    assert udfs.TOESLAG_COMMUNICATIE(versie="2018", basissubsidie=5850, huishoudens=1420) == 540
    with pytest.raises(TypeError):
        udfs.TOESLAG_COMMUNICATIE(1420, 5850, regeling="2018")


def test_aanroep_zet_de_argumenten_in_de_volgorde_van_de_tabel() -> None:
    tekst = FUNCTIES["SUPPLEMENT_KWETSBAAR"].aanroep(versie="R", aangevraagd="J2", buurtscore="C2")
    assert tekst == "SUPPLEMENT_KWETSBAAR(C2,J2,R)"


def test_aanroep_weigert_een_ontbrekend_of_onbekend_argument() -> None:
    with pytest.raises(ValueError, match="versie"):
        FUNCTIES["TOESLAG_PERCENTAGE"].aanroep(huishoudens="B2")
    with pytest.raises(ValueError, match="regeling"):
        FUNCTIES["TOESLAG_PERCENTAGE"].aanroep(huishoudens="B2", regeling="R")


def teksten() -> list[str]:
    return [getattr(udfs, n).__doc__ for n in udfs.__all__] + list(excelfuncties.OMSCHRIJVING.values())


@pytest.mark.parametrize("tekst", teksten())
def test_hulptekst_zonder_getallen_van_de_regeling(tekst) -> None:
    # What may hold digits: a section of the decision, an input bound the regeling does not set
    # (a count of 0 or more, the buurtscore's 0 to 100), a version's name.
    rest = re.sub(r"§\d+(\.\d+)*( punt \d+)?|0 tot 100|0 of meer", "", tekst)
    for naam in regeling.beschikbaar():
        rest = rest.replace(f'"{naam}"', "")
    assert not re.search(r"\d", rest), tekst


@pytest.mark.parametrize("tekst", teksten())
def test_hulptekst_past_in_excel(tekst) -> None:
    assert len(tekst) <= 255


def test_argumenthulp_noemt_het_invoerveld() -> None:
    # Label and kind come from the one table of input fields.
    for argument, sleutel in excelfuncties.VELD.items():
        assert excelfuncties.OMSCHRIJVING[argument].startswith(velden.veld(sleutel).label), argument


def test_versie_noemt_elke_beschikbare_regeling() -> None:
    tekst = excelfuncties.OMSCHRIJVING["versie"]
    assert all(f'"{naam}"' in tekst for naam in regeling.beschikbaar())


@pytest.mark.parametrize("naam", udfs.__all__)
def test_hulplink_wijst_naar_een_anker_in_de_readme(monkeypatch, naam) -> None:
    monkeypatch.setenv("BUURTXL_HANDLEIDING", "https://intranet.example/buurtxl/README.html")
    anker = excelfuncties.hulp_url(naam).split("#")[1]
    assert f'<a id="{anker}"></a>`{naam}(' in README.read_text(encoding="utf-8")


def test_hulplink_is_het_anker_van_de_functie(monkeypatch) -> None:
    monkeypatch.setenv("BUURTXL_HANDLEIDING", "https://intranet.example/buurtxl/README.html#excel-functies")
    assert excelfuncties.hulp_url("UITLEG") == "https://intranet.example/buurtxl/README.html#uitleg"
    monkeypatch.delenv("BUURTXL_HANDLEIDING")
    assert excelfuncties.hulp_url("UITLEG") is None
